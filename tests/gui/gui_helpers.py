"""Helpers shared by the GUI tests: drawing with the mouse, reading labels, copying models."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from PyQt5.QtCore import QEvent, QPoint, QPointF, Qt
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication

from handwriting.files.storage import history_path_for
from handwriting.gui.controllers.training_backend import TrainingBackend

LOAD_TIMEOUT_MS = 60_000
# A "7": a bar from left to right, then down to the bottom left (canvas coordinates, 280x280).
SEVEN = [(60 + 10 * i, 60) for i in range(15)] + [(200 - 5 * i, 60 + 10 * i) for i in range(1, 19)]


def first_digit(text: str) -> int | None:
    """The first digit character of a label, None when there is none."""
    match = re.search(r"\d", text)
    return int(match.group()) if match else None


def drag(widget, points, release: bool = True) -> None:
    """Press at the first point, move through the others with the left button held, release at the last.

    QTest.mouseMove does not deliver move events to widgets in Qt 5, so the moves are real
    QMouseEvents with the left button down, sent like a mouse would.
    """
    QTest.mousePress(widget, Qt.LeftButton, Qt.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        move = QMouseEvent(QEvent.MouseMove, QPointF(x, y), Qt.NoButton, Qt.LeftButton, Qt.NoModifier)
        QApplication.sendEvent(widget, move)
    if release:
        QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, QPoint(*points[-1]))


def copy_model(source: Path, folder: Path, name: str = "model.keras") -> Path:
    """Copy a model and its history into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    if history_path_for(source).exists():
        shutil.copyfile(history_path_for(source), history_path_for(target))
    return target


def start_training(window, config, out: Path | None = None, train_limit: int | None = None) -> bool:
    """What Model > Retrain… does once its dialog is accepted; `train_limit` keeps test runs short."""
    if train_limit is not None:
        config = replace(config, train_limit=train_limit)
    return window.training.start(config, out)


class IdleBackend(TrainingBackend):
    """A backend that never trains: the test plays its signals."""

    def start(self, config, out, mnist=None) -> None:
        self.out = out

    def cancel(self) -> None:
        pass

    def abandon(self) -> None:
        pass

    def busy(self) -> bool:
        return False

    def shutdown(self) -> None:
        pass
