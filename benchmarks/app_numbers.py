"""Whole numbers written into the app: real pen trajectories drawn with mouse events in number mode, read on screen.

Builds the real main window offscreen, turns number mode on (the 720x200 canvas, the default 18 px pen), and
writes each of the 311 real UNIPEN numbers (never trained on) and numbers composed from the validation writers'
digits into it as a user would: each stroke a press, moves and a release at whole pixels (the mouse's), the app
reading what is written so far before the next stroke starts; the number scaled to an ink height (`--heights`,
pixels) and centred, narrowed to fit the canvas when it is too wide.
The reading counted is the one on screen (the number controller's `current.text`) once the app is idle, and its
time runs from the last pen-up to that reading shown. Beside it, the core's own `read_number` of what the app read
(the canvas's pixels and strokes): the app adds nothing and loses nothing, or this says how much. Prints
name=value lines with Wilson 95% intervals (the `app_real_whole` / `app_composed_whole` lines pool the heights:
the same numbers written three times are not independent, so their interval is narrower than it should be).

    .venv/bin/python benchmarks/app_numbers.py [--heights 80,130,170] [--composed 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from gui_latency import send
from number_data import DRAW_SEED, validation_numbers
from number_reading import line
from PyQt5.QtCore import QEvent, Qt
from PyQt5.QtWidgets import QApplication
from stats import accuracy_lines

from handwriting.gui import MainWindow
from handwriting.gui.draw.canvas import WIDE_SIZE

MARGIN = 20  # pixels kept free at the canvas's left and right edges
POLL_SECONDS = 0.0005  # between two looks at the app: the GUI thread sleeps, as it does between a user's events


def wait(app: QApplication, condition, timeout: float = 120.0) -> None:
    """Let the app run until `condition()` holds. The GUI thread sleeps between rounds of events, as it waits
    for the user's: a loop that never slept would hold the GIL and slow the reading's thread down tenfold."""
    deadline = time.perf_counter() + timeout
    while True:
        app.processEvents()
        if condition():
            return
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there")
        time.sleep(POLL_SECONDS)


def placed(strokes: list[np.ndarray], height: float) -> list[np.ndarray]:
    """The strokes scaled to an ink `height` (narrower when the canvas is too narrow for it), centred on the
    canvas, at whole pixels (as mouse events come)."""
    points = np.concatenate(strokes)
    low, size = points.min(axis=0), np.maximum(np.ptp(points, axis=0), 1e-6)
    width, canvas_height = WIDE_SIZE
    scale = min(height / size[1], (width - 2 * MARGIN) / size[0])
    offset = (np.array([width, canvas_height]) - size * scale) / 2
    return [np.round((np.asarray(s, np.float64) - low) * scale + offset) for s in strokes]


def write(app: QApplication, window: MainWindow, strokes: list[np.ndarray]) -> None:
    """Each stroke as a press, moves and a release on the canvas; between two strokes, the app reads what is
    written so far (the pen moving to the next stroke gives it that time)."""
    canvas = window.canvas
    for index, stroke in enumerate(strokes):
        if index:
            wait(app, window.number.idle)
        send(canvas, QEvent.MouseButtonPress, tuple(stroke[0]))
        for point in stroke[1:]:
            send(canvas, QEvent.MouseMove, tuple(point))
        send(canvas, QEvent.MouseButtonRelease, tuple(stroke[-1]), Qt.NoButton)


def read_in_app(app: QApplication, window: MainWindow, numbers, height: float) -> tuple[list, list, list]:
    """(texts on screen, texts the core reads of the same pixels and strokes, seconds from the last pen-up)."""
    shown, core, seconds = [], [], []
    recognizer = window.models.recognizer
    for number in numbers:
        window.actions.clear.trigger()
        wait(app, window.number.idle)
        write(app, window, placed(list(number.strokes), height))
        started = time.perf_counter()
        wait(app, lambda: window.number.idle() and window.number.current is not None)
        seconds.append(time.perf_counter() - started)
        shown.append(window.number.current.text)
        pixels, strokes = window.canvas.read_pixels().copy(), window.canvas.strokes()
        core.append(recognizer.read_number(pixels, strokes).text)
    return shown, core, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heights", default="80,130,170", help="ink heights on the 200 px canvas, comma-separated")
    parser.add_argument("--composed", type=int, default=200, help="composed numbers (default 200)")
    args = parser.parse_args()
    started = time.perf_counter()
    real, composed, _ = validation_numbers(args.composed, np.random.default_rng(DRAW_SEED))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    wait(app, lambda: window.models.recognizer is not None or window.models.error is not None, timeout=120)
    if window.models.recognizer is None:
        print(f"error: {window.models.error}", file=sys.stderr)
        return 1
    window.actions.number_mode.setChecked(True)
    wait(app, window.number.idle)
    line("canvas", f"{WIDE_SIZE[0]}x{WIDE_SIZE[1]}, pen {window.canvas.pen_width:g} px")
    totals: dict[str, list[int]] = {}
    for height in (float(h) for h in args.heights.split(",")):
        for name, numbers in (("real", real), ("composed", composed)):
            shown, core, seconds = read_in_app(app, window, numbers, height)
            truth = [number.text for number in numbers]
            right = sum(s == t for s, t in zip(shown, truth, strict=True))
            same = sum(s == c for s, c in zip(shown, core, strict=True))
            for text in accuracy_lines(f"app_{name}_height_{height:g}_whole", right, len(numbers)):
                print(text)
            line(f"app_{name}_height_{height:g}_core_agrees", f"{same}/{len(numbers)}")
            line(f"app_{name}_height_{height:g}_pen_up_to_reading_ms",
                 f"median {1000 * np.median(seconds):.1f}, p99 {1000 * np.percentile(seconds, 99):.1f}")
            total = totals.setdefault(name, [0, 0])
            total[0] += right
            total[1] += len(numbers)
    for name, (right, count) in totals.items():
        for text in accuracy_lines(f"app_{name}_whole", right, count):
            print(text)
    window.close()
    line("elapsed_seconds", f"{time.perf_counter() - started:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
