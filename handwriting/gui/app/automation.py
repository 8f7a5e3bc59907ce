"""Drive the main window from code (offscreen): the app's own paths, for soak tests and benchmarks."""

from __future__ import annotations

import atexit
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")  # see handwriting/gui/__init__.py

from PyQt5.QtCore import QEvent
from PyQt5.QtWidgets import QApplication

from handwriting.gui.app.main_tabs import DRAW_TAB
from handwriting.gui.app.main_window import MainWindow
from handwriting.recognition.recognizer import Prediction, Recognizer

TIMEOUT_S = 120.0
_APPLICATIONS: list[QApplication] = []


class WindowDriver:
    """A shown MainWindow and the user's actions, scripted through the same code the app runs for them.

    `draw` pastes a drawing onto the canvas and lifts the pen (canvas pixels -> numpy -> recognition
    -> labels and bars, painted); `sample` triggers Model > Random test sample; `reload` loads the
    model file again as File > Load model does. Each returns once the window has painted the result.
    """

    def __init__(self, model_path: str | Path | None = None, mnist=None) -> None:
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        _APPLICATIONS.append(self.app)  # never destroyed before the window: kept until the interpreter exits
        self._closed = False
        self.window = MainWindow(model_path=model_path)
        self.window.confirm_close_while_training = False
        if mnist is not None:
            self.window.data.mnist = mnist
        self.window.show()
        self._shown = 0
        self._loaded = 0
        self._failed: list[str] = []
        self.window.predictionShown.connect(self._count_shown)
        self.window.modelLoaded.connect(self._count_loaded)
        self.window.modelFailed.connect(self._failed.append)
        self._wait(lambda: self.window.models.recognizer is not None or bool(self._failed), "the model to load")
        if self.window.models.recognizer is None:
            raise RuntimeError(f"the window could not load its model: {self._failed[-1]}")

    def _count_shown(self, _prediction: object) -> None:
        self._shown += 1

    def _count_loaded(self) -> None:
        self._loaded += 1

    def _wait(self, condition: Callable[[], bool], what: str, timeout_s: float = TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout_s:.0f} s for {what}")
            self.app.processEvents()
            if not self.window.recognition.idle() or self.window.busy():
                time.sleep(0.0002)  # another thread works: let it have the GIL

    def _wait_painted(self, shown_before: int, paints_before: int, what: str) -> Prediction | None:
        bars = self.window.draw_panel.bars
        self._wait(lambda: self._shown > shown_before and bars.paint_count > paints_before, what)
        return self.window.recognition.current_prediction

    @property
    def recognizer(self) -> Recognizer:
        """The window's model."""
        return self.window.models.recognizer

    def draw(self, canvas: np.ndarray) -> Prediction | None:
        """Put `canvas` (bright ink on dark, uint8 or floats in [0, 1]) on the canvas as a finished stroke."""
        if self.window.tabs.currentIndex() != DRAW_TAB:
            self.window.tabs.setCurrentIndex(DRAW_TAB)
        shown, paints = self._shown, self.window.draw_panel.bars.paint_count
        self.window.canvas.paste_drawing(canvas)
        return self._wait_painted(shown, paints, "a drawing's prediction")

    def sample(self) -> Prediction | None:
        """Model > Random test sample, until its prediction is painted."""
        shown, paints = self._shown, self.window.draw_panel.bars.paint_count
        self.window.actions.sample.trigger()
        return self._wait_painted(shown, paints, "a test sample's prediction")

    def reload(self) -> Recognizer:
        """Load the window's model file again, in the background as the app does, until it is in use."""
        loaded, failed = self._loaded, len(self._failed)
        self.window.models.reload()
        self._wait(lambda: self._loaded > loaded or len(self._failed) > failed, "the model to reload")
        if len(self._failed) > failed:
            raise RuntimeError(f"reloading the model failed: {self._failed[-1]}")
        self._wait(self.window.recognition.idle, "the shown content to be recognised again")
        return self.window.models.recognizer

    def close(self) -> None:
        """Close the window (stopping its threads) and delete it while the QApplication still exists."""
        if QApplication.instance() is None or self._closed:
            return  # torn down already
        self._closed = True
        if self.window.isVisible():
            self.window.close()
        self.window.shutdown()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


_shared: WindowDriver | None = None


def canvas_path(recognizer: Recognizer, canvas: np.ndarray) -> Prediction | None:
    """The app's pen-up path for one canvas, for `benchmarks/soak.py --canvas-path`: paste, recognise, paint.

    Uses one window for the whole process (closed at exit), showing `recognizer`'s answers.
    """
    global _shared
    if _shared is None:
        _shared = WindowDriver(model_path=recognizer.path)
        atexit.register(_shared.close)
    _shared.window.models.recognizer = recognizer
    _shared.window.recognition.recognizer = recognizer
    return _shared.draw(canvas)
