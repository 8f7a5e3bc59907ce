"""The main window: builds the controllers and views and connects them; the logic lives in those."""

from __future__ import annotations

import os
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QEvent, QSettings, pyqtSignal
from PyQt5.QtGui import QCloseEvent
from PyQt5.QtWidgets import QMainWindow, QMessageBox, QWidget

from handwriting.files import catalog
from handwriting.files.paths import user_paths
from handwriting.gui.app.main_tabs import DRAW_TAB, EVALUATION_TAB, MainTabs
from handwriting.gui.common.actions import Actions
from handwriting.gui.common.dialogs import choose_file, show_about, window_title
from handwriting.gui.common.i18n import choose_language, current_language, install_translator
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.evaluation_controller import EvaluationController
from handwriting.gui.controllers.gc_policy import freeze_long_lived
from handwriting.gui.controllers.job_runner import JobRunner, ProcessJobRunner, ThreadJobRunner
from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.number_controller import NumberController
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.controllers.recognition_controller import RecognitionController
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.gui.controllers.training_controller import TrainingController
from handwriting.gui.draw.draw_panel import DrawPanel
from handwriting.gui.draw.number_presenter import NumberPresenter
from handwriting.gui.evaluation.evaluation_view import EvaluationView
from handwriting.gui.inside.inside_view import InsideView
from handwriting.gui.models.model_menu import ModelMenu
from handwriting.gui.models.model_presenter import ModelPresenter
from handwriting.gui.personal.personal_presenter import PersonalPresenter
from handwriting.gui.training.curves_view import CurvesView
from handwriting.gui.training.training_presenter import TrainingPresenter

os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")  # see handwriting/gui/__init__.py
translate = QCoreApplication.translate
JOB_RUNNER_VARIABLE = "HANDWRITING_JOB_RUNNER"  # "thread" trains in this process, as before


def evaluating_text() -> str:
    """The evaluation tab's line while an evaluation runs."""
    return translate("MainWindow", "Evaluating on the official test images…")


class MainWindow(QMainWindow):
    """The app's window. The model loads in the background; `modelLoaded` fires when it is ready."""

    modelLoaded = pyqtSignal()
    modelFailed = pyqtSignal(str)
    trainingEpoch = pyqtSignal(object)  # the history record of an epoch the running training finished
    trainingFinished = pyqtSignal(bool)  # True when the run was cancelled or failed
    evaluationFinished = pyqtSignal()
    predictionShown = pyqtSignal(object)  # a Prediction (or None for a message) now on screen

    def __init__(self, model_path: str | Path | None = None, parent: QWidget | None = None) -> None:
        install_translator()  # the saved or the system's language, unless the app installed one already
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.confirm_close_while_training = True  # tests set False to skip the question
        self._undo_hint = ""  # what the status bar says Ctrl+Z brings back, withdrawn once it would do something else
        self.settings = QSettings(str(user_paths().settings), QSettings.IniFormat, self)
        # Controllers: no widgets, one piece of state each.
        self.runner = TaskRunner(self)
        self.data = MnistSource(self.runner, self)
        self.models = ModelController(self.runner, self.settings, self)
        # Retrains and fine-tunes run in child processes: TensorFlow never loads here (thread: for comparison).
        self.training_jobs = self._job_runner("training")
        self.training = TrainingController(self.training_jobs, self.data, self)
        self.evaluation = EvaluationController(self.runner, self.data, self.models, self)
        self.personal_jobs = self._job_runner("personal")
        self.personal = PersonalController(self.personal_jobs, parent=self)
        # Views.
        self.actions = Actions(self)
        self.draw_panel = DrawPanel(self.actions, self)
        self.canvas = self.draw_panel.canvas
        self.recognition = RecognitionController(self.runner, self.data, self._drawing, self, self.canvas.strokes)
        self.number = NumberController(self.runner, self._number_drawing, self)
        self.curves_view = CurvesView(self)
        self.evaluation_view = EvaluationView(self.actions.evaluate, self)
        self.status = StatusPresenter(self, self.actions, self.training)
        self.model_menu = ModelMenu(self.actions.build_menus(self.menuBar()), self.actions, self.models, self)
        self.inside_view = InsideView(self)
        self.tabs = MainTabs([self.draw_panel, self.curves_view, self.evaluation_view, self.inside_view], self)
        self.setCentralWidget(self.tabs)
        self._follow_network(self.inside_view)
        self.setWindowTitle(window_title(None))
        self.resize(1180, 720)
        self.setMinimumSize(720, 540)  # smaller than a page needs, the page scrolls (MainTabs)
        self._connect_drawing()
        self._connect_models()
        self.training_presenter = TrainingPresenter(
            self, self.actions, self.training, self.models, self.curves_view, self.status, self.settings
        )
        self.training.epoch_finished.connect(self.trainingEpoch)
        self.training.finished.connect(lambda summary: self.trainingFinished.emit(summary.cancelled))
        self.training.failed.connect(lambda _message: self.trainingFinished.emit(True))
        self._connect_evaluation()
        self.personal_presenter = PersonalPresenter(self, self.actions, self.personal, self.models, self.recognition,
                                                    self.draw_panel, self.status, self.settings, self.number)
        self.number_presenter = NumberPresenter(self.actions, self.number, self.recognition, self.models,
                                                self.draw_panel, self.status, self.settings)
        self.personal.open()
        freeze_long_lived()  # before the first model: the window's objects are never walked by a collection again
        self.models.load(self.personal_presenter.start_path(self.models.start_path(model_path)))

    def _job_runner(self, key: str) -> JobRunner:
        """A child process per job; with HANDWRITING_JOB_RUNNER=thread, the task runner's thread `key`."""
        if os.environ.get(JOB_RUNNER_VARIABLE) == "thread":
            return ThreadJobRunner(self.runner, key, self)
        return ProcessJobRunner(self)

    def _follow_network(self, view: QWidget) -> None:
        """A view of the network: follows the network in use and the 28x28 input of what is shown."""
        self.models.network_changed.connect(view.set_network)
        self.recognition.image_changed.connect(view.show_image)
        self.number.image_changed.connect(view.show_image)  # in number mode: the selected digit's
        view.set_network(self.models.recognizer.network if self.models.recognizer else None)

    def _drawing(self):  # what the network reads of the drawing (canvas.read_pixels), None when nothing is drawn
        return None if self.canvas.is_empty() else self.canvas.read_pixels()

    def _number_drawing(self):  # what the number controller reads: the drawing and its strokes, or a file's image
        kind, image = self.recognition.content.kind, self.recognition.file_canvas
        if kind == "file" and image is not None:
            return image, None
        if kind != "drawing" or self.canvas.is_empty():
            return None
        return self.canvas.read_pixels().copy(), self.canvas.strokes()

    def _clear_canvas(self) -> None:
        """Edit > Clear (Esc, Delete, the button): a drawing that goes says that Ctrl+Z brings it back, unless the
        clear said something itself (a drawing kept)."""
        before, drawn = self.statusBar().currentMessage(), not self.canvas.is_empty()
        self.canvas.clear()
        if drawn and self.canvas.can_undo() and self.statusBar().currentMessage() in (before, ""):
            self._hint_undo(translate("MainWindow", "Cleared: Ctrl+Z brings the drawing back"))

    def _hint_undo(self, text: str) -> None:
        """Say what Ctrl+Z brings back now (a cleared drawing, an image drawn over)."""
        self._undo_hint = text
        self.status.show(text)

    def _undo(self) -> None:
        """Edit > Undo: a correction or a kept drawing taken back, else the canvas's last stroke or clear undone."""
        self.status.withdraw(self._undo_hint)  # what it said comes back, or something else is undone
        if not (self.personal_presenter.take_back() or self.canvas.undo()):
            self.status.show(translate("MainWindow", "Nothing to undo"), 2000)

    # --- Connections ------------------------------------------------------------------------------------

    def _connect_drawing(self) -> None:
        a, canvas, recognition, panel = self.actions, self.canvas, self.recognition, self.draw_panel
        a.clear.triggered.connect(self._clear_canvas)
        a.undo.triggered.connect(self._undo)
        a.thinner.triggered.connect(lambda: panel.pen_width.setValue(panel.pen_width.value() - 2))
        a.thicker.triggered.connect(lambda: panel.pen_width.setValue(panel.pen_width.value() + 2))
        a.sample.triggered.connect(recognition.random_sample)
        a.open_image.triggered.connect(lambda: choose_file(self, "image", "", recognition.open_image))
        a.quit.triggered.connect(self.close)
        for index, action in enumerate(a.show_tab):
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
        a.check_language(current_language())
        for code, action in a.languages.items():
            action.triggered.connect(lambda _=False, language=code: choose_language(language, self.settings))
        panel.pen_width.valueChanged.connect(canvas.set_pen_width)
        panel.pen_width.clamped.connect(lambda hint: self.status.show(hint))
        panel.pen_width.hintStale.connect(self.status.withdraw)
        canvas.changed.connect(recognition.drawing_changed)
        canvas.strokeFinished.connect(recognition.pen_lifted)
        canvas.cleared.connect(recognition.drawing_cleared)
        canvas.drawingStarted.connect(lambda: self.status.withdraw(self._undo_hint))  # Ctrl+Z now undoes a stroke
        canvas.drawingStarted.connect(recognition.drawing_started)  # which may say Ctrl+Z brings an image back
        canvas.drawingStarted.connect(lambda: self.status.withdraw(panel.pen_width.last_hint))  # read: drawn with it
        canvas.fileDropped.connect(recognition.open_image)
        canvas.imageRestored.connect(recognition.image_restored)
        recognition.heavy_work = lambda: self.training.running() or self.evaluation.running
        recognition.display.connect(canvas.show_image)
        recognition.display.connect(lambda *_: self.tabs.setCurrentIndex(DRAW_TAB))
        recognition.content_changed.connect(panel.show_content)
        recognition.content_changed.connect(lambda _content: self.status.content_changed())
        recognition.prediction_ready.connect(panel.show_result)
        recognition.prediction_ready.connect(lambda prediction, _content: self.predictionShown.emit(prediction))
        recognition.no_prediction.connect(panel.show_message)
        recognition.no_prediction.connect(lambda _text: self.predictionShown.emit(None))
        recognition.notice.connect(self.status.show_about_content)
        recognition.replaced.connect(self._hint_undo)
        recognition.failed.connect(self.status.warn)

    def _connect_models(self) -> None:
        a, models = self.actions, self.models
        a.load_model.triggered.connect(
            lambda: choose_file(self, "model", catalog.load_folder() or "", models.load_by_user)
        )
        a.revert.triggered.connect(models.revert)
        a.about.triggered.connect(self.show_about)
        a.about_qt.triggered.connect(lambda: QMessageBox.aboutQt(self))
        models.notice.connect(self.status.show)
        models.loading.connect(lambda path: self.status.show_model(path.name, loading=True))
        models.loading.connect(
            lambda _: models.recognizer or self.draw_panel.show_message(translate("MainWindow", "Loading model…"))
        )
        self.model_presenter = ModelPresenter(
            self, models, self.status, self.draw_panel, self.curves_view, self.recognition
        )
        self.model_presenter.loaded.connect(self.modelLoaded)
        self.model_presenter.loaded.connect(
            lambda: self.tabs.currentIndex() == EVALUATION_TAB and self.evaluation.report is None
            and self.evaluation.evaluate()
        )
        self.model_presenter.failed.connect(self.modelFailed)

    def _connect_evaluation(self) -> None:
        evaluation, view = self.evaluation, self.evaluation_view
        self.actions.evaluate.triggered.connect(evaluation.evaluate)
        self.actions.evaluate.triggered.connect(lambda: self.tabs.setCurrentIndex(EVALUATION_TAB))
        evaluation.started.connect(lambda: view.set_busy(evaluating_text()))
        evaluation.progress.connect(view.show_progress)
        evaluation.finished.connect(view.set_report)
        evaluation.finished.connect(lambda *_: self.evaluationFinished.emit())
        evaluation.failed.connect(view.clear)
        evaluation.invalidated.connect(lambda: evaluation.running or view.clear())
        evaluation.notice.connect(self.status.show)
        view.showOnCanvas.connect(self.recognition.show_test_image)
        self.tabs.currentChanged.connect(lambda i: i == EVALUATION_TAB and evaluation.evaluate_once())

    # --- Language ---------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Menu entries' status tips are fitted beside the status bar's labels like every message."""
        if event.type() == QEvent.StatusTip:
            self.status.show_tip(event.tip())
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        """A translator was installed or removed (View > Language): every text again, in the new language."""
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text of the window in the current language, and show what is on screen again in it."""
        self.actions.retranslate()
        self.actions.check_language(current_language())
        self.tabs.retranslate()
        self.draw_panel.retranslate()
        self.curves_view.retranslate()
        self.evaluation_view.retranslate()
        self.inside_view.retranslate()
        self.status.retranslate()
        self.model_menu.retranslate()
        self.training_presenter.retranslate()
        if hasattr(self, "personal_presenter"):  # built after the first retranslate
            self.personal_presenter.retranslate()
            self.number_presenter.retranslate()
        self.model_presenter.retranslate()
        if self.evaluation.running:
            self.evaluation_view.set_busy(evaluating_text())
            if self.evaluation.done[1]:
                self.evaluation_view.show_progress(*self.evaluation.done)
        self.recognition.set_recognizer(self.models.recognizer)  # the prediction on screen, worded again

    # --- Dialogs ----------------------------------------------------------------------------------------

    def show_about(self) -> QMessageBox:
        """The About box with the model's preset, size, test accuracy and training date."""
        report = self.evaluation.report  # of the model in use (EvaluationController drops it on a switch)
        return show_about(self, self.models.recognizer, None if report is None else report.accuracy)

    # --- Closing ----------------------------------------------------------------------------------------

    def busy(self) -> bool:
        """True while any background task runs."""
        return self.runner.busy()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before abandoning a training run; then stop every background thread and wait for it."""
        if self.training.running() and self.confirm_close_while_training:
            answer = QMessageBox.question(
                self, translate("MainWindow", "Training is running"),
                translate("MainWindow", "A training run is in progress. Stop it and quit? Nothing is lost."),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop training and every background thread, and wait for them."""
        self.recognition.stop()
        self.number.stop()
        self.personal.shutdown()
        self.training.shutdown()
        self.runner.shutdown()
