"""Fixtures for the GUI tests: a model file in a temporary folder and a loaded window."""

from __future__ import annotations

from pathlib import Path

import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui import MainWindow
from handwriting.gui.app import main_window

from helpers import LOAD_TIMEOUT_MS, copy_model, idle_job_runner_class, remember_keeping


@pytest.fixture(autouse=True)
def no_dialog_outlives_its_test():
    """Close the dialogs a test left open (a failure message box, a question): the next test starts clean."""
    yield
    from PyQt5.QtWidgets import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.Rejected)


@pytest.fixture(scope="session")
def gui_model_source(tmp_path_factory, request) -> Path:
    """The shipped model, or (when there is none yet) a tiny one trained once for these tests."""
    if DEFAULT_MODEL_PATH.exists():
        return DEFAULT_MODEL_PATH
    from handwriting.training.config import TrainConfig
    from handwriting.training.recipe import run_training

    out = tmp_path_factory.mktemp("gui_model") / "tiny.keras"
    splits = request.getfixturevalue("splits")
    run_training(TrainConfig(preset="lenet5", epochs=1, train_limit=3000), out=out, splits=splits)
    return out


@pytest.fixture()
def model_file(tmp_path, gui_model_source) -> Path:
    """A private copy of the model: tests may let training overwrite it, never models/default.keras."""
    return copy_model(gui_model_source, tmp_path / "models")


@pytest.fixture()
def keeping() -> None:
    """The user said yes to keeping their drawings, in an earlier session: name it before `window` in a test."""
    remember_keeping(True)


@pytest.fixture()
def make_window(qtbot, mnist):
    """Build a shown MainWindow for a model file; with wait=True, return once its model is loaded."""

    def make(model_path, wait: bool = True, preload_data: bool = True) -> MainWindow:
        window = MainWindow(model_path=model_path)
        window.confirm_close_while_training = False
        if preload_data:
            window.data.mnist = mnist  # skip reading MNIST again in every test
        qtbot.addWidget(window)
        window.show()
        if wait:
            qtbot.waitUntil(
                lambda: window.models.recognizer is not None or window.models.error is not None, timeout=LOAD_TIMEOUT_MS
            )
        return window

    return make


@pytest.fixture()
def window(make_window, model_file) -> MainWindow:
    """A window with its model loaded."""
    window = make_window(model_file)
    assert window.models.recognizer is not None, window.models.error
    return window


@pytest.fixture()
def quiet_window(make_window, model_file, monkeypatch):
    """A window whose training jobs run in a stand-in that never trains (no TensorFlow, no child)."""
    monkeypatch.setattr(main_window, "ProcessJobRunner", idle_job_runner_class())
    window = make_window(model_file)
    return window

