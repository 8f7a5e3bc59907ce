"""Threads: closing during training or a model load, a second training request, pen-up recognition while training."""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

import pytest
from PyQt5.QtWidgets import QAction, QLabel

from handwriting.gui.controllers.training_controller import ALREADY_TRAINING
from handwriting.gui.training.retrain_dialog import RetrainDialog
from handwriting.training.config import TrainConfig

from helpers import MOUSE_SEVEN, copy_model, drag, first_digit, start_training

pytestmark = pytest.mark.timeout(180)
TINY = TrainConfig(preset="lenet5", epochs=2, batch_size=64)
TRAIN_LIMIT = 2000
ROOT = Path(__file__).resolve().parents[3]


def python_threads() -> set[threading.Thread]:
    """Live non-daemon Python threads other than the main one (QThreads running Python show up as daemon dummies)."""
    return {t for t in threading.enumerate() if not t.daemon and t is not threading.main_thread() and t.is_alive()}


def close_and_check(window, threads_before: set[threading.Thread], limit_s: float = 30.0) -> None:
    """Close the window; every QThread it started has stopped and no Python thread is left behind."""
    qthreads = window.runner.threads()
    assert any(thread.isRunning() for thread in qthreads)
    started = time.monotonic()
    assert window.close()
    assert time.monotonic() - started < limit_s
    assert not any(thread.isRunning() for thread in qthreads)
    assert all(thread.isFinished() for thread in qthreads)
    assert not window.busy()
    assert python_threads() <= threads_before


@pytest.mark.process
def test_closing_during_training_stops_every_thread(make_window, model_file, qtbot):
    before = python_threads()
    window = make_window(model_file)
    before_bytes = model_file.read_bytes()
    assert start_training(window, TINY, train_limit=TRAIN_LIMIT)
    qtbot.waitUntil(lambda: window.status.progress.value() > 0, timeout=120_000)  # inside model.fit
    drag(window.canvas, MOUSE_SEVEN)  # a pen-up recognition on its way too
    close_and_check(window, before)
    assert model_file.read_bytes() == before_bytes  # the run was abandoned, not saved


@pytest.mark.process
def test_closing_right_after_starting_training_stops_every_thread(make_window, model_file):
    before = python_threads()
    window = make_window(model_file)
    assert start_training(window, TINY, train_limit=TRAIN_LIMIT)  # the worker is still building the network
    close_and_check(window, before)


def test_closing_during_a_model_load_stops_every_thread(make_window, model_file, tmp_path):
    before = python_threads()
    window = make_window(model_file, wait=False)
    close_and_check(window, before)  # during the first load

    window = make_window(model_file)
    window.models.load(model_file)  # a reload, with its garbage collection
    assert window.models.is_loading()
    close_and_check(window, before)


@pytest.mark.process
def test_a_second_training_request_is_refused_and_pen_up_stays_off_the_gui_thread(
    window, model_file, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(RetrainDialog, "exec", lambda self: RetrainDialog.Accepted)
    monkeypatch.setattr(RetrainDialog, "config", lambda self: TINY)
    window.resize(1400, 720)  # the refusal fits beside the progress bar and the labels, whole
    window.training.default_train_limit = TRAIN_LIMIT
    window.models.previous = copy_model(model_file, tmp_path / "before", "before.keras")  # a model used before
    retrain = window.findChild(QAction, "actionRetrain")
    retrain.trigger()
    assert window.training.running() and not retrain.isEnabled()
    assert not window.draw_panel.train_button.isEnabled()
    revert = window.findChild(QAction, "actionRevertModel")
    assert not revert.isEnabled() and "training is running" in revert.toolTip().lower()

    window.training_presenter.open_dialog()  # what a second press would do, were the action not disabled
    assert window.statusBar().currentMessage() == ALREADY_TRAINING
    window.statusBar().clearMessage()
    assert not start_training(window, TINY, train_limit=TRAIN_LIMIT)
    assert window.statusBar().currentMessage() == ALREADY_TRAINING

    # While training, the pen-up is recognised on the prediction thread, never on the GUI thread.
    calls = []
    predict = window.models.recognizer.predict
    window.models.recognizer.predict = lambda canvas, strokes=None: (
        calls.append(threading.current_thread()) or predict(canvas, strokes)
    )
    window.tabs.setCurrentIndex(0)
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(window.recognition.idle, timeout=20_000)
    assert calls and threading.main_thread() not in calls
    assert first_digit(window.findChild(QLabel, "prediction").text()) is not None

    with qtbot.waitSignal(window.trainingFinished, timeout=60_000):
        window.training.cancel()
    assert retrain.isEnabled() and revert.isEnabled()
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)


def test_soak_through_the_window_smoke(capsys):
    """A smoke test: the app soak runs and reports every phase (the soak target itself: benchmarks/soak.py --app)."""
    spec = importlib.util.spec_from_file_location("soak", ROOT / "benchmarks" / "soak.py")
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    assert soak.main(["--app", "--canvases", "60", "--samples", "30", "--reloads", "2"]) == 0
    values = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    assert values["through_app_window"] == "True"
    for phase in ("canvas", "sample", "reload"):
        assert int(values[f"{phase}_calls"]) > 0 and float(values[f"{phase}_end_median_ms"]) > 0
    assert float(values["rss_growth_mb"]) < soak.TARGET_GROWTH_MB
