"""The controllers without a window: task runner, models, recognition, training (with a fake jobs), evaluation."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PyQt5.QtCore import QSettings, QTimer

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.files.paths import user_paths
from handwriting.gui.controllers.evaluation_controller import EvaluationController
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.recognition_controller import RecognitionController
from handwriting.gui.controllers.training_controller import ALREADY_TRAINING, TrainingController, TrainingState
from handwriting.recognition.recognizer import Recognizer
from handwriting.training import evaluation as evaluation_module
from handwriting.training.config import TrainConfig

from helpers import copy_model

pytestmark = pytest.mark.timeout(60)


def settings() -> QSettings:
    return QSettings(str(user_paths().settings), QSettings.IniFormat)


# --- TaskRunner ------------------------------------------------------------------------------------------


def test_a_newer_task_with_the_same_key_supersedes_the_older(runner, qtbot):
    release = threading.Event()
    delivered, stopped = [], []
    runner.submit("job", lambda: release.wait(5) and "old", on_done=delivered.append, stop=lambda: stopped.append(1))
    runner.submit("job", lambda: "new", on_done=delivered.append)
    assert stopped == [1]  # the superseded task was asked to stop
    release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert delivered == ["new"]


def test_other_keys_run_alongside_and_failures_become_messages(runner, qtbot):
    results, failures = [], []
    runner.submit("a", lambda x: x * 2, 21, on_done=results.append)
    runner.submit("b", lambda: 1 / 0, on_failed=failures.append)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert results == [42]
    assert failures and "ZeroDivisionError" in failures[0]
    assert {thread.objectName() for thread in runner.threads()} == {"aThread", "bThread"}


def test_cancel_drops_the_result_and_shutdown_stops_every_thread(runner, qtbot):
    delivered = []
    runner.submit("job", lambda: time.sleep(0.2) or "late", on_done=delivered.append)
    assert runner.pending("job")
    runner.cancel("job")
    assert not runner.pending("job") and runner.busy("job")
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert delivered == []
    threads = runner.threads()
    runner.shutdown()
    assert all(thread.isFinished() for thread in threads)
    assert runner.submit("job", lambda: 1) is None  # nothing runs after a shutdown


# --- ModelController ---------------------------------------------------------------------------------------


def test_models_load_switch_revert_and_list(runner, qtbot, model_file, tmp_path):
    models = ModelController(runner, settings())
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.load(model_file)
    assert models.path == model_file and models.previous is None and models.revert_blocked()
    mine = copy_model(model_file, user_paths().models, "mine.keras")
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        assert models.switch(mine)
    assert models.previous == model_file and models.revert_blocked() is None
    with qtbot.waitSignal(models.models_changed, timeout=10_000) as listed:
        models.refresh()  # read on a worker thread
    names = [entry.name for entry in listed.args[0]]
    assert "mine" in names and names[0] == ("default" if DEFAULT_MODEL_PATH.exists() else "mine")
    # The app starts with the model last used.
    assert ModelController(runner, settings()).start_path(None) == mine
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        assert models.revert()
    assert models.path == model_file and models.previous == mine


def test_models_read_the_catalogue_and_the_model_files_off_the_gui_thread(runner, qtbot, model_file, monkeypatch):
    """Every model's history is read and hashed for the list: a load, a refresh, a description never do it here."""
    from handwriting.files import catalog

    readers: list[threading.Thread] = []
    for name in ("list_models", "describe"):
        original = getattr(catalog, name)
        monkeypatch.setattr(catalog, name, lambda *a, _f=original: readers.append(threading.current_thread()) or _f(*a))
    models = ModelController(runner, settings())
    mine = copy_model(model_file, user_paths().models, "mine.keras")
    with qtbot.waitSignal(models.models_changed, timeout=30_000):
        models.load(model_file)
    with qtbot.waitSignal(models.models_changed, timeout=10_000):
        models.refresh()
    described: list = []
    models.describe([mine, None], described.extend)
    qtbot.waitUntil(lambda: len(described) == 2, timeout=10_000)
    assert described[0].name == "mine" and described[1] is None
    assert readers and threading.main_thread() not in readers


def test_models_rename_and_delete_guard_the_shipped_model_and_the_one_in_use(runner, qtbot, model_file):
    models = ModelController(runner, settings())
    mine = copy_model(model_file, user_paths().models, "mine.keras")
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.load(mine)
    notices = []
    models.notice.connect(notices.append)
    assert not models.delete(mine) and "in use" in notices[-1]
    assert not models.delete(DEFAULT_MODEL_PATH) and "shipped" in notices[-1]
    renamed = models.rename(mine, "my digits")
    assert renamed == mine.with_name("my digits.keras") and renamed.exists() and not mine.exists()
    assert models.path == renamed  # still in use, under its new name
    other = copy_model(model_file, user_paths().models, "spare.keras")
    assert models.delete(other) and not other.exists()


def test_a_failed_load_keeps_the_model_in_use(runner, qtbot, model_file, tmp_path):
    models = ModelController(runner, settings())
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.load(model_file)
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"nope")
    with qtbot.waitSignal(models.failed, timeout=30_000) as failed:
        models.load(bad, by_user=True)
    failure = failed.args[0]
    assert "not a valid .keras file" in failure.message and failure.still_using == model_file
    assert models.path == model_file


# --- RecognitionController -------------------------------------------------------------------------------


def test_recognition_of_a_drawing_a_clear_and_a_sample(runner, qtbot, recognizer, mnist):
    pixels: list[np.ndarray | None] = [None]
    data = MnistSource(runner)
    data.mnist = mnist
    recognition = RecognitionController(runner, data, lambda: pixels[0])
    recognition.set_recognizer(recognizer)
    shown, messages, images, contents = [], [], [], []
    recognition.prediction_ready.connect(lambda prediction, content: shown.append((prediction, content)))
    recognition.no_prediction.connect(messages.append)
    recognition.image_changed.connect(images.append)
    recognition.content_changed.connect(contents.append)

    drawing = np.zeros((280, 280), np.uint8)
    drawing[60:220, 130:150] = 255
    pixels[0] = drawing
    recognition.pen_lifted()  # at once, on the GUI thread
    assert shown[-1][0].digit == 1 and shown[-1][1].kind == "drawing"
    assert images[-1].shape == (28, 28)

    pixels[0] = None
    recognition.drawing_cleared()
    assert messages[-1] == "Draw a digit" and images[-1] is None and recognition.current_prediction is None

    recognition.show_test_image(0)
    qtbot.waitUntil(recognition.idle, timeout=5000)
    assert contents[-1].kind == "sample" and contents[-1].label == int(mnist.test_labels[0])
    assert recognition.last_sample == (0, int(mnist.test_labels[0]))
    assert np.allclose(images[-1], mnist.test_images[0] / 255.0)


# --- TrainingController with a fake jobs ----------------------------------------------------------------


class FakeJobRunner(JobRunner):
    """Records calls; the test plays the run's signals."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def start(self, job, kwargs) -> None:
        self.calls.append("start")
        self.out = kwargs["out"]

    def cancel(self) -> None:
        self.calls.append("cancel")

    def abandon(self) -> None:
        self.calls.append("abandon")

    def busy(self) -> bool:
        return False

    def shutdown(self) -> None:
        self.calls.append("shutdown")


@pytest.fixture()
def training(runner, mnist):
    data = MnistSource(runner)
    data.mnist = mnist
    jobs = FakeJobRunner()
    return TrainingController(jobs, data), jobs


def test_training_states_follow_the_run(training, qtbot):
    controller, jobs = training
    states, progress = [], []
    controller.state_changed.connect(states.append)
    controller.progress.connect(lambda *args: progress.append(args))
    assert controller.start(TrainConfig(preset="fast", epochs=2))
    assert controller.state is TrainingState.PREPARING and jobs.calls == ["start"]
    assert jobs.out.parent == user_paths().models and jobs.out.name.startswith("retrain-")
    jobs.started.emit(2, 10)
    assert controller.state is TrainingState.PREPARING  # still compiling the first batch: no "batch 0"
    jobs.progress.emit(0, 1, 10, 2.3)
    assert controller.state is TrainingState.RUNNING and progress == [(0, 1, 10)]
    controller.cancel()
    assert controller.state is TrainingState.CANCELLING and jobs.calls[-1] == "cancel"
    with qtbot.waitSignal(controller.finished) as finished:
        jobs.finished.emit(None)  # it stopped without a value
    assert finished.args[0].cancelled and controller.state is TrainingState.IDLE
    assert states == [TrainingState.PREPARING, TrainingState.RUNNING, TrainingState.CANCELLING, TrainingState.IDLE]


def test_cancel_while_preparing_is_immediate_and_a_second_start_is_refused(training, qtbot):
    controller, jobs = training
    notices = []
    controller.notice.connect(notices.append)
    assert controller.start(TrainConfig(preset="fast", epochs=1), Path("x.keras"))
    assert not controller.start(TrainConfig(preset="fast", epochs=1)) and notices[-1] == ALREADY_TRAINING
    with qtbot.waitSignal(controller.finished, timeout=100) as finished:
        controller.cancel()
    assert finished.args[0].cancelled and controller.state is TrainingState.IDLE
    assert jobs.calls == ["start", "abandon"]
    jobs.progress.emit(0, 5, 10, 1.0)  # a late signal of the abandoned run changes nothing
    assert controller.state is TrainingState.IDLE


def test_the_shipped_model_is_never_a_training_target(training):
    controller, jobs = training
    failures = []
    controller.failed.connect(failures.append)
    assert not controller.start(TrainConfig(preset="fast", epochs=1), DEFAULT_MODEL_PATH)
    assert "read-only" in failures[0] and jobs.calls == []


def test_the_environment_limit_is_applied_and_described(training, monkeypatch):
    controller, _ = training
    controller.default_train_limit = 2000
    assert controller.images_used() == 2000 + 1265 + 326  # MNIST, pen digits and non-digits in proportion
    assert "3,591 of the 96,998 training images (HANDWRITING_TRAIN_LIMIT=2000)" in controller.images_text()
    controller.start(TrainConfig(preset="fast", epochs=1))
    assert controller.config.train_limit == 2000
    controller.default_train_limit = None
    assert "96,998 training images: 54,000 MNIST, 34,180 pen-drawn digits, 8,818 non-digits" in controller.images_text()
    assert controller.images_used() == 96_998
    assert controller.images_text(TrainConfig(mnist_only=True)).startswith("54,000 training images: MNIST only")


# --- EvaluationController ----------------------------------------------------------------------------------


def test_evaluation_runs_in_the_background_and_restarts_for_a_new_model(runner, qtbot, model_file, mnist):
    models = ModelController(runner, settings())
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.load(model_file)
    data = MnistSource(runner)
    data.mnist = mnist
    evaluation = EvaluationController(runner, data, models)
    with qtbot.waitSignal(evaluation.finished, timeout=60_000) as finished:
        evaluation.evaluate()
        assert evaluation.running
    report = finished.args[0]
    assert report.total == len(mnist.test_labels) and evaluation.report is report and not evaluation.running
    invalidated = []
    evaluation.invalidated.connect(lambda: invalidated.append(True))
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.reload()
    assert invalidated == [True] and evaluation.report is None
    assert isinstance(models.recognizer, Recognizer)


def another_model_file(model_file: Path, name: str) -> Path:
    """The same network in a file with other bytes (a zip comment): another model to the hash-keyed store."""
    other = copy_model(model_file, model_file.parent, name)
    with zipfile.ZipFile(other, "a") as archive:
        archive.comment = name.encode()
    return other


# 3. Evaluation: progress from the worker while the GUI thread runs; a model seen before is shown at once.
def test_evaluation_reports_progress_and_switching_back_to_a_model_is_instant(
    runner, qtbot, model_file, mnist, monkeypatch
):
    monkeypatch.setattr(evaluation_module, "CHUNK", 150)
    models = ModelController(runner, settings())
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.load(model_file)
    data = MnistSource(runner)
    data.mnist = SimpleNamespace(test_images=mnist.test_images[:600], test_labels=mnist.test_labels[:600])
    evaluation = EvaluationController(runner, data, models)
    steps, ticks = [], []
    evaluation.progress.connect(lambda done, total: steps.append((done, total, evaluation.running, len(ticks))))
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(evaluation.finished, timeout=60_000) as first:
        evaluation.evaluate()
    assert [step[:3] for step in steps] == [(150, 600, True), (300, 600, True), (450, 600, True), (600, 600, True)]
    assert steps[-1][3] > steps[0][3]  # the GUI thread's timer kept ticking between two steps
    other = another_model_file(model_file, "other.keras")
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.switch(other)
    steps.clear()
    with qtbot.waitSignal(evaluation.finished, timeout=60_000):
        evaluation.evaluate()
    assert len(steps) == 4  # another file: evaluated afresh
    with qtbot.waitSignal(models.loaded, timeout=30_000):
        models.switch(model_file)
    steps.clear()
    started = time.perf_counter()
    with qtbot.waitSignal(evaluation.finished, timeout=60_000) as again:
        evaluation.evaluate()
    assert steps == [] and time.perf_counter() - started < 2.0  # from the cache, not evaluated again
    report, before = again.args[0], first.args[0]
    assert report.accuracy == before.accuracy and list(report.misclassified) == list(before.misclassified)
    timer.stop()
