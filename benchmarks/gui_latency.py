"""Latency in the app: from lifting the pen (and from a pen move) to the new bars painted on screen.

Builds the real main window offscreen and draws digits with mouse events on its canvas. A stroke's
latency runs from sending the mouse release (the stroke is finished and painted into the canvas,
the canvas pixels preprocessed and recognised, labels, preview and bars updated) until the event
loop has painted the bar chart with the new bars: the end of the processEvents() call in which the
chart's paintEvent ran (so the rest of that frame is included too). Before each release the
throttled recognition of the moves has finished, as it has for a real pen about to lift. No
training runs, so the pen-up is recognised on the GUI thread. Prints name=value lines.

    .venv/bin/python benchmarks/gui_latency.py [--strokes 200] [--model FILE]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PyQt5.QtCore import QEvent, QPointF, Qt
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtWidgets import QApplication

from handwriting.gui import MainWindow

TARGET_MEDIAN_MS = 5.0
TARGET_P99_MS = 15.0
# Three digits as point lists on the 280x280 canvas: a 7, a 0 and a 1.
SHAPES = [
    [(60 + 10 * i, 60) for i in range(15)] + [(200 - 5 * i, 60 + 10 * i) for i in range(1, 19)],
    [(140 + 60 * np.sin(a), 140 - 90 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 40)],
    [(140, 50 + 5 * i) for i in range(37)],
]


def send(widget, kind, point, buttons=Qt.LeftButton) -> None:
    """One mouse event, as the mouse would deliver it."""
    button = Qt.NoButton if kind == QEvent.MouseMove else Qt.LeftButton
    QApplication.sendEvent(widget, QMouseEvent(kind, QPointF(*point), button, buttons, Qt.NoModifier))


def wait(app: QApplication, condition, timeout: float = 10.0) -> float:
    """Process events until `condition()` holds; returns time.perf_counter() when it did."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("no prediction shown")
        app.processEvents()
    return time.perf_counter()


def settle(app: QApplication, window: MainWindow) -> None:
    """Let pending recognition finish and pending paints happen."""
    wait(app, window.recognition.idle)
    for _ in range(3):
        app.processEvents()
        time.sleep(0.002)


def main() -> int:
    """Draw, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=200)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(model_path=args.model)
    window.show()
    wait(app, lambda: window.models.recognizer is not None or window.models.error is not None, timeout=120)
    if window.models.recognizer is None:
        print(f"error: {window.models.error}", file=sys.stderr)
        return 1
    shown: list[float] = []
    window.predictionShown.connect(lambda _: shown.append(time.perf_counter()))
    canvas, bars = window.canvas, window.draw_panel.bars

    release_ms, painted_ms, move_ms, collections = [], [], [], []
    gc.callbacks.append(lambda phase, info: collections.append(info["generation"]) if phase == "start" else None)
    for index in range(args.strokes):
        shape = SHAPES[index % len(SHAPES)]
        window.actions.clear.trigger()
        send(canvas, QEvent.MouseButtonPress, shape[0])
        half = len(shape) // 2
        for point in shape[1:half]:
            send(canvas, QEvent.MouseMove, point)
        # While drawing: one move, then wait for the throttled answer.
        before = len(shown)
        started = time.perf_counter()
        send(canvas, QEvent.MouseMove, shape[half])
        wait(app, lambda before=before: len(shown) > before)
        move_ms.append((shown[-1] - started) * 1e3)
        for point in shape[half + 1 :]:
            send(canvas, QEvent.MouseMove, point)
        settle(app, window)
        before, paints = len(shown), bars.paint_count
        started = time.perf_counter()
        send(canvas, QEvent.MouseButtonRelease, shape[-1], Qt.NoButton)
        done = wait(app, lambda before=before, paints=paints: len(shown) > before and bars.paint_count > paints)
        release_ms.append((done - started) * 1e3)
        painted_ms.append((bars.painted_at - started) * 1e3)
    window.close()

    release, painted, move = np.asarray(release_ms), np.asarray(painted_ms), np.asarray(move_ms)
    median, p99 = float(np.median(release)), float(np.percentile(release, 99))
    print(f"strokes={args.strokes}")
    print(f"stroke_to_bars_median_ms={median:.2f}")
    print(f"stroke_to_bars_p95_ms={np.percentile(release, 95):.2f}")
    print(f"stroke_to_bars_p99_ms={p99:.2f}")
    print(f"stroke_to_bars_max_ms={release.max():.2f}")
    print(f"stroke_to_bars_paint_end_median_ms={np.median(painted):.2f}  # until the chart's paintEvent returned")
    print(f"pen_move_to_bars_median_ms={np.median(move):.1f}  # includes the 40 ms throttle")
    print(f"pen_move_to_bars_p95_ms={np.percentile(move, 95):.1f}")
    print(f"garbage_collections={len(collections)}  # gen2: {collections.count(2)}")
    print(f"stroke_latency_target={TARGET_MEDIAN_MS:g}ms_median,{TARGET_P99_MS:g}ms_p99")
    print(f"stroke_latency_target_met={median <= TARGET_MEDIAN_MS and p99 <= TARGET_P99_MS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
