"""Evaluation of the model in use on the official test split, in the background, with progress.

A model's figures are computed once: the shipped model carries them in its history, and every model the
app evaluates is kept in the user's cache by its file's SHA-256 (handwriting.training.evaluation_store),
so showing them again (switching back to a model) is instant.
"""

from __future__ import annotations

import threading

from PyQt5.QtCore import QCoreApplication, QObject, Qt, pyqtSignal

from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.training.evaluation import evaluate
from handwriting.training.evaluation_store import StoredEvaluations

EVALUATION_KEY = "evaluation"
translate = QCoreApplication.translate


def evaluate_or_recall(recognizer, images, labels, progress=None, should_stop=None):
    """The model's stored report on these images if there is one, else evaluate it (and keep the result).

    Runs on a worker thread: `progress(done, total)` is called there after each step of the evaluation.
    """
    stored = StoredEvaluations(recognizer.path, images, labels)
    report = stored.lookup(recognizer.history)
    if report is None:
        report = evaluate(recognizer, images, labels, progress, should_stop)
        stored.remember(report)
    return report


class EvaluationController(QObject):
    """Evaluates the recogniser in use; a model loaded meanwhile restarts the evaluation with it."""

    started = pyqtSignal()
    progress = pyqtSignal(int, int)  # test images done, test images in all
    finished = pyqtSignal(object, object, object)  # EvaluationReport, test images, test labels
    failed = pyqtSignal(str)
    invalidated = pyqtSignal()  # another model is in use: the shown report is not its report
    notice = pyqtSignal(str)
    _progressed = pyqtSignal(object, int, int)  # (the evaluation's token, done, total), from the worker thread

    def __init__(self, runner: TaskRunner, data: MnistSource, models: ModelController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._data = data
        self._models = models
        self.running = False
        self.report = None
        self.done = (0, 0)  # the running evaluation's progress: (images done, images in all)
        self._evaluated = None  # the recogniser of the report (or of the running evaluation)
        self._token: object | None = None  # the running evaluation's: progress of a superseded one is dropped
        self._progressed.connect(self._on_progressed, Qt.QueuedConnection)
        models.loaded.connect(self._on_model_loaded)

    def evaluate(self) -> None:
        """Evaluate the model in use (once the test images are loaded); a running evaluation continues."""
        if self._models.recognizer is None:
            self.failed.emit(translate("Evaluation", "No model loaded: load or train one first."))
            return
        if self.running:
            return
        self.running = True
        self.done = (0, 0)
        self.started.emit()
        self._data.when_ready(self._launch, self._on_failed)

    def evaluate_once(self) -> None:
        """Evaluate unless the model in use has its report already (or is being evaluated)."""
        if self.report is None:
            self.evaluate()

    def _launch(self) -> None:
        mnist, recognizer = self._data.mnist, self._models.recognizer
        self._evaluated = recognizer
        self._token = token = object()
        stop = threading.Event()

        def progress(done: int, total: int) -> None:  # on the worker thread
            self._progressed.emit(token, done, total)

        self._runner.submit(
            EVALUATION_KEY, evaluate_or_recall, recognizer, mnist.test_images, mnist.test_labels, progress, stop.is_set,
            on_done=self._on_done, on_failed=self._on_failed, stop=stop.set,
        )

    def _on_progressed(self, token: object, done: int, total: int) -> None:
        if self.running and token is self._token:
            self.done = (done, total)
            self.progress.emit(done, total)

    def _on_done(self, report) -> None:
        self.running = False
        self._token = None
        self.report = report
        mnist = self._data.mnist
        self.finished.emit(report, mnist.test_images, mnist.test_labels)
        self.notice.emit(
            translate("Evaluation", "Test accuracy {accuracy:.2%} ({errors} mistakes)").format(
                accuracy=report.accuracy, errors=report.errors
            )
        )

    def _on_failed(self, message: str) -> None:
        self.running = False
        self._token = None
        self.failed.emit(translate("Evaluation", "Evaluation failed: {reason}").format(reason=message))

    def _on_model_loaded(self, recognizer) -> None:
        if recognizer is self._evaluated:
            return  # the same model (renamed, say): its report still holds
        self.report = None
        self.invalidated.emit()
        if self.running and self._data.mnist is not None:
            self.done = (0, 0)
            self.started.emit()  # the progress starts again, for the new model
            self._launch()  # supersedes the evaluation of the model replaced
