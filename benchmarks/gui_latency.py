"""Latency in the app: from lifting the pen (and from a pen move) to the bars showing the new answer.

Builds the real main window offscreen, draws digits with mouse events on the canvas and measures
until the window's `predictionShown` signal (bars, label and preview updated). Prints name=value lines.

    .venv/bin/python benchmarks/gui_latency.py [--strokes 40] [--model FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
from PyQt5.QtCore import QEvent, QPointF, Qt
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtWidgets import QApplication

from handwriting.gui import MainWindow

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


def wait(app: QApplication, condition, timeout: float = 10.0) -> None:
    """Process events until `condition()` holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("no prediction shown")
        app.processEvents()
        time.sleep(0.0005)


def main() -> int:
    """Draw, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=40)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(model_path=args.model)
    window.show()
    wait(app, lambda: window.recognizer is not None or window.model_error is not None, timeout=120)
    if window.recognizer is None:
        print(f"error: {window.model_error}", file=sys.stderr)
        return 1
    shown: list[float] = []
    window.predictionShown.connect(lambda _: shown.append(time.perf_counter()))
    canvas = window.canvas

    release_ms, move_ms = [], []
    for index in range(args.strokes):
        shape = SHAPES[index % len(SHAPES)]
        window.clear_canvas()
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
        wait(app, window.prediction_idle)
        before = len(shown)
        started = time.perf_counter()
        send(canvas, QEvent.MouseButtonRelease, shape[-1], Qt.NoButton)
        wait(app, lambda before=before: len(shown) > before)
        release_ms.append((shown[-1] - started) * 1e3)
    window.close()

    release, move = np.asarray(release_ms), np.asarray(move_ms)
    print(f"strokes={args.strokes}")
    print(f"stroke_end_to_bars_median_ms={np.median(release):.1f}")
    print(f"stroke_end_to_bars_p95_ms={np.percentile(release, 95):.1f}")
    print(f"stroke_end_to_bars_max_ms={release.max():.1f}")
    print(f"pen_move_to_bars_median_ms={np.median(move):.1f}  # includes the 40 ms throttle")
    print(f"pen_move_to_bars_p95_ms={np.percentile(move, 95):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
