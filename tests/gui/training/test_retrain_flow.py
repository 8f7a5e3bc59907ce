"""The retrain flow in the window: preparing, a busy bar, cancel."""

from __future__ import annotations

import pytest
from PyQt5.QtWidgets import (
    QAbstractButton,
    QLabel,
)

from handwriting.gui import wording
from handwriting.gui.app import main_window
from handwriting.gui.app.main_tabs import DRAW_TAB, INSIDE_TAB
from handwriting.gui.controllers.training_controller import TrainingState
from handwriting.training.config import TrainConfig

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)




def label(window) -> str:
    return window.findChild(QLabel, "prediction").text()


# 2. Preparing is a state of its own (busy bar, no "batch 0"), and Cancel answers at once.
def test_preparing_shows_a_busy_bar_and_cancel_is_immediate(quiet_window, qtbot):
    window, progress = quiet_window, quiet_window.status.progress
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    jobs = window.training_jobs
    jobs.started.emit(2, 10)
    assert window.training.state is TrainingState.PREPARING
    assert (progress.minimum(), progress.maximum()) == (0, 0) and progress.format() == "Preparing…"
    assert window.actions.cancel_training.isEnabled()
    jobs.progress.emit(0, 3, 10, 2.0)
    assert progress.format() == "Epoch 1/2, batch 3/10" and progress.value() == 3
    window.training.cancel()  # once batches run: stops after the current batch
    assert progress.format() == "Cancelling…" and not window.actions.cancel_training.isEnabled()

    jobs.finished.emit(None)  # the run has stopped
    assert window.training.state is TrainingState.IDLE and not progress.isVisible()
    assert not window.personal_presenter.label.isHidden()  # back once the run is over
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    with qtbot.waitSignal(window.trainingFinished, timeout=200) as finished:
        window.findChild(QAbstractButton, "cancelTrainingButton").click()  # while preparing: at once
    assert finished.args == [True] and not progress.isVisible()


# 4. While a run is prepared (a busy bar, which shows no words) the status bar says so the whole time.
def test_the_preparing_message_stays_as_long_as_the_run_is_prepared(make_window, model_file, monkeypatch, qtbot):
    monkeypatch.setattr(main_window, "ProcessJobRunner", IdleJobRunner)
    window = make_window(model_file)
    bar, jobs = window.statusBar(), window.training_jobs
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    assert bar.currentMessage().startswith("Preparing to train fast")
    window.status.show("Something else", 50)  # another message comes and goes
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Preparing to train fast"), timeout=2000)
    jobs.started.emit(2, 10)
    assert bar.currentMessage().startswith("Preparing the first batch")
    bar.clearMessage()
    assert bar.currentMessage().startswith("Preparing the first batch")
    jobs.progress.emit(0, 1, 10, 0.5)  # batches run: the progress bar says where, messages time out again
    assert window.training.state is TrainingState.RUNNING
    window.status.show("Something else", 50)
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)


# 6. A run starts where the user is: no tab jumps, the status bar shows the progress there, "1 epoch" not "1 epochs".
@pytest.mark.parametrize("tab", [DRAW_TAB, INSIDE_TAB])
def test_a_run_starts_where_the_user_is_and_the_status_bar_shows_its_progress(quiet_window, tab):
    window, progress, bar = quiet_window, quiet_window.status.progress, quiet_window.statusBar()
    window.tabs.setCurrentIndex(tab)
    assert window.training.start(TrainConfig(preset="fast", epochs=1))
    assert window.tabs.currentIndex() == tab and progress.isVisible()
    assert bar.currentMessage() == "Preparing to train fast for 1 epoch…"
    assert "for 1 epoch on" in window.curves_view.history_label.text()
    window.training_jobs.started.emit(1, 1)
    assert bar.currentMessage() == "Preparing the first batch of 1 epoch × 1 batch…"
    window.training_jobs.progress.emit(0, 0, 1, 2.0)
    assert bar.currentMessage() == "Training: 1 epoch of 1 batch" and window.tabs.currentIndex() == tab
    window.training_jobs.progress.emit(0, 1, 1, 2.0)
    assert progress.isVisible() and progress.format() == "Epoch 1/1, validating…"
    assert "Training loss 2.0000" in progress.toolTip() and "Training curves tab (Ctrl+2)" in progress.toolTip()
    assert (wording.epochs(3), wording.batches(422)) == ("3 epochs", "422 batches")
