"""Retrains run in a child process: the window never imports TensorFlow, and a child that dies is reported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PyQt5.QtWidgets import QMessageBox

from handwriting.files.model_files import history_path_for
from handwriting.gui.controllers.job_runner import ProcessJobRunner
from handwriting.gui.controllers.training_controller import TrainingState
from handwriting.training.config import TrainConfig

from helpers import no_process_left, start_training

pytestmark = pytest.mark.timeout(300)
ROOT = Path(__file__).resolve().parents[3]
LONG = TrainConfig(preset="fast", epochs=3, batch_size=32, mnist_only=True)


def test_the_window_trains_in_a_child_process(window):
    assert isinstance(window.training_jobs, ProcessJobRunner)


@pytest.mark.process
def test_killing_the_training_child_shows_a_message_keeps_the_model_and_leaves_no_process(window, qtbot, model_file):
    before = model_file.read_bytes()
    history_before = history_path_for(model_file).read_bytes()
    loaded = window.models.recognizer
    models_folder = [p.name for p in model_file.parent.iterdir()]
    assert start_training(window, LONG, train_limit=20_000)
    progress = window.status.progress
    qtbot.waitUntil(lambda: window.training.state is TrainingState.RUNNING and progress.value() > 0, timeout=120_000)
    pid = window.training_jobs.child_pid
    with qtbot.waitSignal(window.trainingFinished, timeout=30_000) as finished:
        os.kill(pid, signal.SIGKILL)
    assert finished.args == [True]
    boxes = [box for box in window.findChildren(QMessageBox, "warningBox") if box.isVisible()]
    assert len(boxes) == 1 and boxes[0].windowTitle() == "Training failed"
    assert "training stopped unexpectedly (killed by signal 9" in boxes[0].text()
    assert "the model in use is kept" in boxes[0].text()
    assert window.training.state is TrainingState.IDLE and window.actions.retrain.isEnabled()
    assert window.models.recognizer is loaded
    assert model_file.read_bytes() == before and history_path_for(model_file).read_bytes() == history_before
    assert [p.name for p in model_file.parent.iterdir()] == models_folder
    qtbot.waitUntil(lambda: no_process_left(pid), timeout=5_000)


# Run by a fresh interpreter: the real window retrains (a tiny run) and switches to the new model;
# prints whether this GUI process imported TensorFlow at any point.
APP_RUN = """
import sys
from PyQt5.QtWidgets import QAbstractButton, QApplication, QMessageBox
from handwriting.gui import MainWindow
from handwriting.training.config import TrainConfig
app = QApplication(sys.argv[:1])
window = MainWindow(model_path=sys.argv[1])
window.confirm_close_while_training = False
window.show()
switched = []
window.modelLoaded.connect(lambda: switched.append(window.models.recognizer.path.name))
def ask():
    boxes = [b for b in window.findChildren(QMessageBox, "switchModelBox") if b.isVisible()]
    if boxes:
        boxes[0].findChild(QAbstractButton, "switchButton").click()
from PyQt5.QtCore import QTimer
timer = QTimer(); timer.timeout.connect(ask); timer.start(50)
window.modelLoaded.connect(lambda: len(switched) == 1 and window.training.start(
    TrainConfig(preset="fast", epochs=1, batch_size=32, train_limit=1000, mnist_only=True), sys.argv[2]))
window.modelLoaded.connect(lambda: len(switched) == 2 and app.quit())
window.training.failed.connect(lambda message: print("failed:", message) or app.quit())
QTimer.singleShot(240_000, app.quit)
app.exec_()
window.close()
print(f"switched={switched}")
print(f"tensorflow={'tensorflow' in sys.modules} keras={'keras' in sys.modules}")
"""


@pytest.mark.process
def test_a_retrain_through_the_window_never_imports_tensorflow_in_the_window(model_file, tmp_path):
    out = tmp_path / "retrained.keras"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "3"}
    run = subprocess.run(
        [sys.executable, "-c", APP_RUN, str(model_file), str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=280,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"switched=['{model_file.name}', '{out.name}']" in run.stdout, run.stdout + run.stderr[-2000:]
    assert "tensorflow=False keras=False" in run.stdout
