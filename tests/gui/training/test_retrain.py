"""Retraining from the window: live curves and progress, switching to the new model, cancel and close."""

from __future__ import annotations

import threading
import time

import pytest
from PyQt5.QtWidgets import QAbstractButton, QAction, QMessageBox, QProgressBar

from handwriting.files.model_files import history_path_for
from handwriting.training.config import TrainConfig

from helpers import MOUSE_SEVEN, drag, first_digit, start_training

pytestmark = [pytest.mark.timeout(300), pytest.mark.process]
TINY = TrainConfig(preset="lenet5", epochs=2, batch_size=64)
TRAIN_LIMIT = 2000


def switch_question(window) -> QMessageBox | None:
    """The "Use the new model?" box, when it is open."""
    boxes = [box for box in window.findChildren(QMessageBox, "switchModelBox") if box.isVisible()]
    return boxes[0] if boxes else None


def test_tiny_retrain_grows_the_curves_moves_the_progress_and_switches_model(window, qtbot, tmp_path, model_file):
    out = tmp_path / "retrained.keras"
    progress = window.findChild(QProgressBar, "trainingProgress")
    action = window.findChild(QAction, "actionRetrain")
    seen_values, seen_points, slot_threads = [], [], []
    append = window.curves_view.curves.append
    window.curves_view.curves.append = lambda record: slot_threads.append(threading.current_thread()) or append(record)
    window.status.progress.valueChanged.connect(seen_values.append)
    window.trainingFinished.connect(lambda cancelled: seen_points.append(window.curves_view.curves.point_count()))

    assert start_training(window, TINY, out=out, train_limit=TRAIN_LIMIT)
    assert not action.isEnabled()
    assert not start_training(window, TINY, out=out)  # one run at a time
    assert window.curves_view.curves.point_count() == 0  # the curves restart for the new run
    qtbot.waitUntil(lambda: window.curves_view.curves.point_count() == 1, timeout=120_000)
    assert progress.isVisible() and 0 < progress.value() <= progress.maximum()
    assert progress.format().startswith("Epoch ")
    drag(window.canvas, MOUSE_SEVEN)  # the window stays usable with the current model
    qtbot.waitUntil(lambda: first_digit(window.draw_panel.prediction.text()) is not None, timeout=10_000)

    # The run finishes, saves to `out` and asks whether to switch; it never switches on its own.
    qtbot.waitUntil(lambda: switch_question(window) is not None, timeout=120_000)
    assert window.models.recognizer.path == model_file
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        switch_question(window).findChild(QAbstractButton, "switchButton").click()
    assert seen_points == [2]
    assert slot_threads == [threading.main_thread()] * 2  # epoch signals reach the widgets on the GUI thread
    assert len(set(seen_values)) > 3 and max(seen_values) == progress.maximum()
    assert out.exists() and history_path_for(out).exists()
    assert window.models.recognizer.path == out
    assert [r["epoch"] for r in window.curves_view.curves.records] == [1, 2]
    assert window.models.recognizer.history["config"]["train_limit"] == TRAIN_LIMIT
    assert action.isEnabled() and not progress.isVisible()
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)


def test_cancel_keeps_the_previous_model_file(window, qtbot, model_file):
    before = model_file.read_bytes()
    history_before = history_path_for(model_file).read_bytes()
    loaded = window.models.recognizer
    epochs_before = window.curves_view.curves.records
    # No `out`: a new model in the user's models folder; the model in use is never a target.
    assert start_training(window, TrainConfig(preset="lenet5", epochs=3, batch_size=32), train_limit=4_000)
    progress = window.status.progress
    qtbot.waitUntil(lambda: progress.maximum() > 0 and progress.value() > 0, timeout=120_000)
    started = time.monotonic()
    with qtbot.waitSignal(window.trainingFinished, timeout=30_000) as finished:
        window.findChild(QAbstractButton, "cancelTrainingButton").click()
    elapsed = time.monotonic() - started
    assert finished.args == [True]
    assert elapsed < 2.5, f"cancel took {elapsed:.1f} s"  # about 0.4 s on an idle 2-core machine
    assert "cancelled" in window.statusBar().currentMessage()
    assert "unchanged" in window.statusBar().currentMessage()
    assert model_file.read_bytes() == before and history_path_for(model_file).read_bytes() == history_before
    assert window.models.recognizer is loaded
    assert window.curves_view.curves.records == epochs_before  # back to the loaded model's history
    assert window.findChild(QAction, "actionRetrain").isEnabled()
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)


def test_closing_during_training_asks_then_stops_and_waits(window, qtbot, model_file, monkeypatch):
    before = model_file.read_bytes()
    answers = []

    def answer(choice):
        def question(*args, **kwargs):
            answers.append(choice)
            return choice

        return question

    assert start_training(window, TrainConfig(preset="lenet5", epochs=3), train_limit=4_000)
    qtbot.waitUntil(lambda: window.status.progress.value() > 0, timeout=120_000)
    window.confirm_close_while_training = True
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.No))
    assert not window.close()  # the user said no: keep going
    assert window.training.running() and window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Yes))
    started = time.monotonic()
    assert window.close()
    assert answers == [QMessageBox.No, QMessageBox.Yes]
    assert time.monotonic() - started < 10.0
    assert not window.busy()  # close() waited for every thread
    assert model_file.read_bytes() == before


def test_cancel_before_the_data_is_loaded(make_window, model_file, qtbot):
    window = make_window(model_file, preload_data=False)
    with qtbot.waitSignal(window.trainingFinished, timeout=60_000) as finished:
        start_training(window, TINY, train_limit=TRAIN_LIMIT)
        window.training.cancel()
    assert finished.args == [True]
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.findChild(QAction, "actionRetrain").isEnabled()


def test_a_retrain_never_writes_the_shipped_model_and_asks_before_switching(make_window, qtbot, monkeypatch):
    from handwriting.files.model_files import DEFAULT_MODEL_PATH, file_sha256
    from handwriting.files.paths import user_paths

    if not DEFAULT_MODEL_PATH.exists():
        pytest.skip("no shipped model")
    shipped = [DEFAULT_MODEL_PATH, history_path_for(DEFAULT_MODEL_PATH)]
    before = {path: (file_sha256(path), path.stat().st_mtime_ns) for path in shipped}
    folder_before = sorted(DEFAULT_MODEL_PATH.parent.iterdir())
    monkeypatch.setenv("HANDWRITING_TRAIN_LIMIT", "500")
    window = make_window(None)  # the shipped model, as `handwriting gui` opens it
    assert window.models.path == DEFAULT_MODEL_PATH
    assert "of the 96,998" in window.training.images_text() and "500 MNIST" in window.training.images_text()
    assert start_training(window, TrainConfig(preset="fast", epochs=1, batch_size=64))  # the dialog's default out
    qtbot.waitUntil(lambda: switch_question(window) is not None, timeout=120_000)
    box = switch_question(window)
    assert "Validation accuracy" in box.text() and "default" in box.text()
    saved = window.training.out
    assert saved.parent == user_paths().models and saved.exists()
    with qtbot.assertNotEmitted(window.modelLoaded, wait=200):
        box.findChild(QAbstractButton, "keepButton").click()
    assert window.models.path == DEFAULT_MODEL_PATH  # kept: nothing switched
    assert len(window.curves_view.curves.records) == len(window.models.recognizer.history["epochs"])  # its curves
    assert {path: (file_sha256(path), path.stat().st_mtime_ns) for path in shipped} == before
    assert sorted(DEFAULT_MODEL_PATH.parent.iterdir()) == folder_before  # no backup or temporary file there either
    assert any(action.text().startswith(saved.stem) for action in window.model_menu.entry_actions())
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)
