"""Does the GUI thread stay responsive while a retrain runs in the worker thread?

A 16 ms QTimer ticks on the GUI thread while the window trains a small real model (lenet5 on
10,000 images for 2 epochs, saved to a temporary file). From the first training batch until the
run ends, every gap between ticks beyond the 16 ms period is a stall. Meanwhile a simulated user
keeps drawing on the canvas (mouse events every 20 ms, a new stroke every 1.2 s), so the window
paints strokes and recognises them live, as it would for a real user. Prints name=value lines.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_training_stall.py [--model FILE]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
from PyQt5.QtCore import QElapsedTimer, QEvent, QPointF, Qt, QTimer
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtWidgets import QApplication

from handwriting.gui import MainWindow
from handwriting.training import TrainConfig

TICK_MS = 16
STALL_LIMIT_MS = 100


def main() -> int:
    """Train in the window's worker thread and measure the GUI thread's timer gaps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model the window loads (default: the shipped one)")
    parser.add_argument("--train-limit", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(model_path=args.model)
    window.confirm_close_while_training = False
    window.show()
    deadline = time.monotonic() + 120
    while window.models.recognizer is None and window.models.error is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    print(f"model_loaded={window.models.recognizer is not None}")

    clock = QElapsedTimer()
    clock.start()
    ticks: list[float] = []
    shown: list[float] = []
    collections: list[tuple[float, float, str]] = []  # (at ms, pause ms, thread) of slow garbage collections
    gc_started = {}

    def on_gc(phase: str, info: dict) -> None:
        now = time.perf_counter()
        if phase == "start":
            gc_started["t"] = now
        elif state["measuring"] and (now - gc_started.get("t", now)) > 0.02:
            pause_ms = (now - gc_started["t"]) * 1e3
            collections.append((clock.nsecsElapsed() / 1e6, pause_ms, threading.current_thread().name))

    gc.callbacks.append(on_gc)
    state = {"measuring": False, "done": False, "step": 0}

    def tick() -> None:
        if state["measuring"]:
            ticks.append(clock.nsecsElapsed() / 1e6)

    def draw() -> None:
        """One mouse event of a simulated user drawing loops; a fresh stroke on a clear canvas every 60."""
        if not state["measuring"]:
            return
        step = state["step"] % 60
        state["step"] += 1
        angle = step / 60 * 4 * np.pi
        point = QPointF(140 + 70 * np.sin(angle), 140 + 100 * np.sin(angle / 2))
        kind = {0: QEvent.MouseButtonPress, 59: QEvent.MouseButtonRelease}.get(step, QEvent.MouseMove)
        if kind == QEvent.MouseButtonPress:
            window.actions.clear.trigger()
        buttons = Qt.NoButton if kind == QEvent.MouseButtonRelease else Qt.LeftButton
        button = Qt.NoButton if kind == QEvent.MouseMove else Qt.LeftButton
        QApplication.sendEvent(window.canvas, QMouseEvent(kind, point, button, buttons, Qt.NoModifier))

    def first_batch(value: int) -> None:
        if value > 0 and not state["measuring"]:
            state["measuring"] = True

    def finished(cancelled: bool) -> None:
        state["measuring"] = False
        state["done"] = True
        state["cancelled"] = cancelled
        app.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    drawer = QTimer()
    drawer.setInterval(20)
    drawer.timeout.connect(draw)
    drawer.start()
    window.predictionShown.connect(lambda _: shown.append(time.perf_counter()) if state["measuring"] else None)
    window.status.progress.valueChanged.connect(first_batch)
    window.trainingFinished.connect(finished)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "stall.keras"
        started = time.perf_counter()
        config = TrainConfig(preset="lenet5", epochs=args.epochs)
        window.training.start(replace(config, train_limit=args.train_limit), out)
        QTimer.singleShot(600_000, app.quit)
        app.exec_()
        seconds = time.perf_counter() - started
        window.close()

    gaps = np.diff(np.asarray(ticks)) if len(ticks) > 1 else np.zeros(1)
    if os.environ.get("STALL_DEBUG"):
        for i in np.argsort(-gaps)[:8]:
            print(f"# gap {gaps[i]:.0f} ms at {ticks[i]:.0f} ms")
        for at, pause, thread in collections:
            print(f"# gc pause {pause:.0f} ms at {at:.0f} ms on {thread}")
    stalls = np.maximum(gaps - TICK_MS, 0.0)
    worst = float(stalls.max())
    print(f"training_completed={state['done'] and not state.get('cancelled', True)}")
    print(f"training_seconds={seconds:.1f}")
    print(f"ticks={len(ticks)}")
    print(f"worst_stall_ms={worst:.1f}")
    print(f"p99_stall_ms={float(np.percentile(stalls, 99)):.1f}")
    print(f"median_tick_gap_ms={float(np.median(gaps)):.1f}")
    print(f"worst_gc_pause_ms={max((c[1] for c in collections), default=0.0):.0f}")
    print(f"mouse_events={state['step']}")
    print(f"predictions_shown={len(shown)}")
    if len(shown) > 1:
        print(f"worst_prediction_gap_ms={float(np.max(np.diff(shown))) * 1e3:.0f}")
    print(f"stall_within_{STALL_LIMIT_MS}ms={worst <= STALL_LIMIT_MS}")
    return 0 if worst <= STALL_LIMIT_MS and state["done"] else 1


if __name__ == "__main__":
    sys.exit(main())
