"""Reverting to the previous model, and a previous model that is broken or gone."""

from __future__ import annotations

import json

import pytest
from PyQt5.QtWidgets import QAction, QLabel, QMenu, QMessageBox

from handwriting.files.model_files import history_path_for

from helpers import MOUSE_SEVEN, copy_model, drag, first_digit

pytestmark = pytest.mark.timeout(120)


def warnings_shown(window) -> list[str]:
    """Texts of the warning boxes open now."""
    return [box.text() for box in window.findChildren(QMessageBox, "warningBox") if box.isVisible()]


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.recognition.idle() and not window.busy(), timeout=20_000)


def assert_still_usable(window, qtbot) -> None:
    """Drawing still gets a prediction from the model in use."""
    window.actions.clear.trigger()
    drag(window.canvas, MOUSE_SEVEN)
    settle(qtbot, window)
    assert first_digit(window.findChild(QLabel, "prediction").text()) is not None


def open_model_menu(window) -> QAction:
    """What opening the Model menu does (refresh the list and Revert), and the Revert action."""
    window.findChild(QMenu, "modelMenu").aboutToShow.emit()
    return window.findChild(QAction, "actionRevertModel")


def test_revert_goes_back_to_the_previous_model_and_again(window, model_file, qtbot, tmp_path):
    action = open_model_menu(window)
    assert not action.isEnabled()
    assert "no previous model" in action.toolTip()
    assert not window.models.revert() and "no previous model" in window.statusBar().currentMessage()

    # Another model, told apart by its history; switching to it makes the first one "previous".
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    history_path_for(other).write_text(json.dumps({"preset": "the-other-one", "epochs": []}))
    files_before = {path: path.read_bytes() for path in (model_file, other)}
    current_preset = window.models.recognizer.history["preset"]
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    assert window.models.recognizer.history["preset"] == "the-other-one"
    assert open_model_menu(window).isEnabled() and model_file.name in action.toolTip()

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()
        assert not action.isEnabled()  # while the model loads
    assert window.models.recognizer.history["preset"] == current_preset
    assert window.models.recognizer.path == model_file
    assert action.isEnabled()
    assert_still_usable(window, qtbot)

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()  # reverting again goes back to the other one
    assert window.models.recognizer.path == other
    assert {path: path.read_bytes() for path in files_before} == files_before  # no file was swapped or written
    settle(qtbot, window)


def test_a_broken_previous_model_is_refused_and_nothing_changes(window, model_file, qtbot, tmp_path):
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    other_bytes = other.read_bytes()
    model_file.write_bytes(b"half a model")  # the previous model got damaged meanwhile
    loaded = window.models.recognizer
    action = open_model_menu(window)
    assert action.isEnabled()
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        action.trigger()
    (text,) = warnings_shown(window)
    assert "not a valid .keras file" in text and f"Still using {other}" in text
    assert "Traceback" not in text
    assert model_file.read_bytes() == b"half a model" and other.read_bytes() == other_bytes  # nothing written
    assert window.models.recognizer is loaded
    assert_still_usable(window, qtbot)


def test_a_previous_model_that_was_deleted_is_explained(window, model_file, qtbot, tmp_path):
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    model_file.unlink()
    loaded = window.models.recognizer
    action = open_model_menu(window)
    assert not action.isEnabled() and "no longer exists" in action.toolTip() and model_file.name in action.toolTip()
    assert not window.models.revert()
    assert "no longer exists" in window.statusBar().currentMessage()
    assert window.models.recognizer is loaded
