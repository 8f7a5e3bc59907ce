"""Evaluation of the model in use on the official test split, in the background."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.training.evaluation import evaluate

EVALUATION_KEY = "evaluation"
translate = QCoreApplication.translate


class EvaluationController(QObject):
    """Evaluates the recogniser in use; a model loaded meanwhile restarts the evaluation with it."""

    started = pyqtSignal()
    finished = pyqtSignal(object, object, object)  # EvaluationReport, test images, test labels
    failed = pyqtSignal(str)
    invalidated = pyqtSignal()  # another model is in use: the shown report is not its report
    notice = pyqtSignal(str)

    def __init__(self, runner: TaskRunner, data: MnistSource, models: ModelController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._data = data
        self._models = models
        self.running = False
        self.report = None
        self._evaluated = None  # the recogniser of the report (or of the running evaluation)
        models.loaded.connect(self._on_model_loaded)

    def evaluate(self) -> None:
        """Evaluate the model in use (once the test images are loaded); a running evaluation continues."""
        if self._models.recognizer is None:
            self.failed.emit(translate("Evaluation", "No model loaded: load or train one first."))
            return
        if self.running:
            return
        self.running = True
        self.started.emit()
        self._data.when_ready(self._launch, self._on_failed)

    def evaluate_once(self) -> None:
        """Evaluate unless the model in use has its report already (or is being evaluated)."""
        if self.report is None:
            self.evaluate()

    def _launch(self) -> None:
        mnist, recognizer = self._data.mnist, self._models.recognizer
        self._evaluated = recognizer
        self._runner.submit(
            EVALUATION_KEY, evaluate, recognizer, mnist.test_images, mnist.test_labels,
            on_done=self._on_done, on_failed=self._on_failed,
        )

    def _on_done(self, report) -> None:
        self.running = False
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
        self.failed.emit(translate("Evaluation", "Evaluation failed: {reason}").format(reason=message))

    def _on_model_loaded(self, recognizer) -> None:
        if recognizer is self._evaluated:
            return  # the same model (renamed, say): its report still holds
        self.report = None
        self.invalidated.emit()
        if self.running and self._data.mnist is not None:
            self._launch()  # supersedes the evaluation of the model replaced
