"""The main window: drawing and recognition, training curves, retraining and evaluation."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PyQt5.QtCore import Qt, QThread, QTimer, pyqtSignal, pyqtSlot
from PyQt5.QtGui import QCloseEvent, QKeySequence
from PyQt5.QtWidgets import (
    QAction,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from handwriting.evaluation import evaluate
from handwriting.gui.dialogs import APP_TITLE, show_about
from handwriting.gui.draw_panel import DrawPanel
from handwriting.gui.evaluation_view import EvaluationView
from handwriting.gui.model_control import EVALUATION_TAB, ModelMixin
from handwriting.gui.plots import TrainingCurves
from handwriting.gui.recognition import DRAW_TAB, STATUS_TIMEOUT_MS, RecognitionMixin
from handwriting.gui.training_control import CURVES_TAB, TrainingMixin
from handwriting.gui.workers import FunctionWorker, Job, Outcome, Predictor
from handwriting.recognizer import Prediction, Recognizer
from handwriting.storage import DEFAULT_MODEL_PATH

os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")  # see handwriting/gui/__init__.py

PREDICT_INTERVAL_MS = 40  # live recognition while drawing: at most 25 times a second


class MainWindow(RecognitionMixin, ModelMixin, TrainingMixin, QMainWindow):
    """The app's window. The model loads in a background thread; `modelLoaded` fires when it is ready."""

    modelLoaded = pyqtSignal()
    modelFailed = pyqtSignal(str)
    trainingEpoch = pyqtSignal(object)  # the history record of an epoch the running training finished
    trainingFinished = pyqtSignal(bool)  # True when the run was cancelled
    evaluationFinished = pyqtSignal()
    predictionShown = pyqtSignal(object)  # a Prediction now on screen

    def __init__(self, model_path: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.model_path = Path(model_path) if model_path is not None else DEFAULT_MODEL_PATH
        self.recognizer: Recognizer | None = None
        self.model_error: str | None = None
        self.mnist = None  # the MNIST arrays, loaded in the background when first needed
        self.current_prediction: Prediction | None = None
        self.last_sample: tuple[int, int] | None = None  # (test index, true label) of the shown sample
        self.confirm_close_while_training = True  # tests set False to skip the question
        limit = os.environ.get("HANDWRITING_TRAIN_LIMIT", "")
        self.default_train_limit: int | None = int(limit) if limit.isdigit() and int(limit) > 0 else None
        self._jobs: list[Job] = []
        self._model_job: Job | None = None
        self._load_by_user = False
        self._load_title = ""
        self._data_job: Job | None = None
        self._after_data: list[Callable[[], None]] = []
        self._training_job: Job | None = None
        self._training_requested = False  # from start_training until the run has reported back
        self._cancel_requested = False
        self._evaluating = False
        self.last_warning: str | None = None
        self._shut_down = False
        self._generation = 0
        self._content = "drawing"
        self._request: tuple | None = None
        self._pending_image: tuple | None = None  # a large image file being read in the background
        self._rng = np.random.default_rng()

        self.setWindowTitle(APP_TITLE)
        self.resize(1180, 720)
        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._predict_timer = QTimer(self)
        self._predict_timer.setSingleShot(True)
        self._predict_timer.setInterval(PREDICT_INTERVAL_MS)
        self._predict_timer.timeout.connect(self.predict_canvas)
        self.predictor = Predictor(self)
        self.predictor.ready.connect(self._on_prediction)
        self.predictor.failed.connect(self._on_prediction_failed)
        self._connect()
        self.load_model(self.model_path)

    # --- Construction -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.draw_panel = DrawPanel(self)
        self.canvas = self.draw_panel.canvas
        self.tabs.addTab(self.draw_panel, "&Draw")
        self.tabs.setTabToolTip(DRAW_TAB, "Draw a digit and see what the network recognises (Ctrl+1)")

        curves_page = QWidget(self)
        curves_layout = QVBoxLayout(curves_page)
        self.history_label = QLabel("")
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        curves_layout.addWidget(self.history_label)
        self.curves = TrainingCurves(curves_page)
        curves_layout.addWidget(self.curves, 1)
        self.tabs.addTab(curves_page, "Training &curves")
        self.tabs.setTabToolTip(CURVES_TAB, "Loss and accuracy per epoch of the loaded model or the running training")

        self.evaluation_view = EvaluationView(self)
        self.tabs.addTab(self.evaluation_view, "&Evaluation")
        self.tabs.setTabToolTip(EVALUATION_TAB, "Test accuracy, confusion matrix and mistakes of the loaded model")
        self.setCentralWidget(self.tabs)

    def _action(self, text: str, name: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever tab has the focus
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.action_open_image = a("&Open image…", "actionOpenImage", self.choose_image, QKeySequence.Open,
                                   "Recognise the digit in an image file")  # fmt: skip
        self.action_load_model = a("&Load model…", "actionLoadModel", self.choose_model, "Ctrl+L",
                                   "Load another .keras model file")  # fmt: skip
        self.action_quit = a("&Quit", "actionQuit", self.close, "Ctrl+Q", "Quit the app")
        self.action_undo = a("&Undo stroke", "actionUndo", self.undo_stroke, QKeySequence.Undo,
                             "Remove the last stroke")  # fmt: skip
        self.action_clear = a("&Clear canvas", "actionClear", self.clear_canvas, ["Esc", "Delete"],
                              "Erase the drawing")  # fmt: skip
        self.action_thinner = a("&Thinner pen", "actionThinnerPen", lambda: self._step_pen(-2), "Ctrl+[",
                                "Draw with a thinner pen")  # fmt: skip
        self.action_thicker = a("T&hicker pen", "actionThickerPen", lambda: self._step_pen(2), "Ctrl+]",
                                "Draw with a thicker pen")  # fmt: skip
        self.action_sample = a("&Random test sample", "actionRandomSample", self.show_random_sample, "Ctrl+R",
                               "Show a random image of the MNIST test set and its prediction")  # fmt: skip
        self.action_evaluate = a("&Evaluate on the test set", "actionEvaluate", self.evaluate_model, "Ctrl+E",
                                 "Accuracy, confusion matrix and mistakes on the 10,000 test images")  # fmt: skip
        self.action_retrain = a("Re&train…", "actionRetrain", self.open_retrain_dialog, "Ctrl+T",
                                "Train a new model in the background")  # fmt: skip
        self.action_cancel = a("&Cancel training", "actionCancelTraining", self.cancel_training, "Ctrl+Shift+T",
                               "Stop the running training; the current model is kept")  # fmt: skip
        self.action_cancel.setEnabled(False)
        self.action_revert = a("Re&vert to previous model", "actionRevertModel", self.revert_model, None, "")
        self.action_about = a("&About", "actionAbout", self.show_about, QKeySequence.HelpContents,
                              "The app and the loaded model")  # fmt: skip
        tab_actions = []
        for index, (text, name) in enumerate([("&Draw", "Draw"), ("Training &curves", "Curves"),
                                              ("&Evaluation", "Evaluation")]):  # fmt: skip
            tab_actions.append(a(text, f"actionShow{name}", lambda _=False, i=index: self.tabs.setCurrentIndex(i),
                                 f"Ctrl+{index + 1}", f"Show the {name.lower()} tab"))  # fmt: skip

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.action_open_image, self.action_load_model])
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.action_undo, self.action_clear])
        edit_menu.addSeparator()
        edit_menu.addActions([self.action_thinner, self.action_thicker])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(tab_actions)
        model_menu = bar.addMenu("&Model")
        model_menu.setObjectName("modelMenu")
        model_menu.setToolTipsVisible(True)  # Revert says why it is disabled
        model_menu.aboutToShow.connect(self.update_revert_action)  # a backup may have appeared or gone
        model_menu.addActions([self.action_sample, self.action_evaluate])
        model_menu.addSeparator()
        model_menu.addActions([self.action_retrain, self.action_cancel])
        model_menu.addSeparator()
        model_menu.addAction(self.action_revert)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.action_about)
        about_qt = QAction("About &Qt", self)
        about_qt.triggered.connect(lambda: QMessageBox.aboutQt(self))
        help_menu.addAction(about_qt)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.model_label = QLabel("")
        self.model_label.setObjectName("modelLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self.progress.setMinimumWidth(260)
        self.progress.setToolTip("Training progress: epoch and batch")
        self.cancel_button = QPushButton("Cancel training")
        self.cancel_button.setObjectName("cancelTrainingButton")
        self.cancel_button.setToolTip("Stop training after the current batch; the current model is kept")
        self.cancel_button.clicked.connect(self.cancel_training)
        for widget in (self.progress, self.cancel_button):
            status.addPermanentWidget(widget)
            widget.hide()
        status.addPermanentWidget(self.model_label)

    def _connect(self) -> None:
        panel = self.draw_panel
        panel.clear_button.clicked.connect(self.clear_canvas)
        panel.undo_button.clicked.connect(self.undo_stroke)
        panel.sample_button.clicked.connect(self.show_random_sample)
        panel.open_button.clicked.connect(self.choose_image)
        panel.train_button.clicked.connect(self.open_retrain_dialog)
        panel.load_button.clicked.connect(self.choose_model)
        panel.pen_width.valueChanged.connect(self.canvas.set_pen_width)
        self.canvas.changed.connect(self._schedule_prediction)
        self.canvas.strokeFinished.connect(self.stroke_finished)
        self.canvas.cleared.connect(self.predict_canvas)
        self.canvas.drawingStarted.connect(self._on_drawing_started)
        self.canvas.fileDropped.connect(self.open_image)
        self.evaluation_view.evaluateRequested.connect(self.evaluate_model)
        self.evaluation_view.showOnCanvas.connect(self.show_test_image)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # --- Messages -----------------------------------------------------------------------------------

    def status(self, text: str, timeout_ms: int = 0) -> None:
        """Show a message in the status bar (0: until replaced)."""
        self.statusBar().showMessage(text, timeout_ms)

    def warn(self, title: str, text: str) -> QMessageBox:
        """A non-blocking warning box (also echoed in the status bar)."""
        self.status(text, STATUS_TIMEOUT_MS)
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self)
        box.setObjectName("warningBox")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self.last_warning = text
        return box

    # --- Background jobs ------------------------------------------------------------------------------

    def _start(self, worker, on_done) -> Job:
        self._jobs = [job for job in self._jobs if job.running()]
        worker.done.connect(on_done)
        job = Job(worker)
        self._jobs.append(job)
        return job

    def busy(self) -> bool:
        """True while any background job runs."""
        return any(job.running() for job in self._jobs) or not self.predictor.idle()

    def background_threads(self) -> list[QThread]:
        """The QThreads the window holds now: the prediction thread and those of jobs not yet cleaned up."""
        return [self.predictor.worker_thread, *(job.thread for job in self._jobs)]

    def _with_data(self, then: Callable[[], None]) -> None:
        """Run `then` on the GUI thread once the MNIST arrays are loaded (loading them in the background)."""
        if self.mnist is not None:
            then()
            return
        self._after_data.append(then)
        if self._data_job is None:
            from handwriting.data import load_mnist

            self.status("Loading the MNIST images…")
            self._data_job = self._start(FunctionWorker(load_mnist, tag="data"), self._on_data_done)

    @pyqtSlot(object)
    def _on_data_done(self, outcome: Outcome) -> None:
        if self._shut_down:
            return
        self._data_job = None
        waiting, self._after_data = self._after_data, []
        if not outcome.ok:
            self.warn("Cannot load the MNIST images", outcome.error)
            if self._evaluating:
                self._evaluating = False
                self.evaluation_view.clear(outcome.error)
            if self._training_requested and self._training_job is None:
                self._training_idle()
            return
        self.mnist = outcome.value
        self.statusBar().clearMessage()
        for then in waiting:
            then()

    # --- Evaluation ---------------------------------------------------------------------------------------

    def _on_tab_changed(self, index: int) -> None:
        if index == EVALUATION_TAB and self.evaluation_view.report is None:
            self.evaluate_model()

    def evaluate_model(self) -> None:
        """Evaluate the loaded model on the test split in the background and show the report."""
        if self.recognizer is None:
            self.evaluation_view.clear("No model loaded: load or train one first.")
            self.tabs.setCurrentIndex(EVALUATION_TAB)
            return
        if not self._evaluating:
            self._evaluating = True
            self.evaluation_view.set_busy("Evaluating on the official test images…")
            self._with_data(self._launch_evaluation)
        self.tabs.setCurrentIndex(EVALUATION_TAB)

    def _launch_evaluation(self) -> None:
        recognizer, mnist = self.recognizer, self.mnist
        images, labels = mnist.test_images, mnist.test_labels
        worker = FunctionWorker(lambda: (evaluate(recognizer, images, labels), recognizer), tag="evaluation")
        self._start(worker, self._on_evaluation_done)

    @pyqtSlot(object)
    def _on_evaluation_done(self, outcome: Outcome) -> None:
        if self._shut_down:
            return
        self._evaluating = False
        if not outcome.ok:
            self.evaluation_view.clear(f"Evaluation failed: {outcome.error}")
            return
        report, recognizer = outcome.value
        if recognizer is not self.recognizer:
            self.evaluate_model()  # the model changed meanwhile
            return
        self.evaluation_view.set_report(report, self.mnist.test_images, self.mnist.test_labels)
        self.status(f"Test accuracy {report.accuracy:.2%} ({report.errors} mistakes)", STATUS_TIMEOUT_MS)
        self.evaluationFinished.emit()

    # --- About and closing ------------------------------------------------------------------------------

    def show_about(self) -> QMessageBox:
        """The About box with the loaded model's preset, size, test accuracy and training date."""
        history = self.recognizer.history if self.recognizer else {}
        return show_about(self, history, self.model_path if self.recognizer else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before abandoning a training run; then stop every background thread and wait for it."""
        if self._training_requested and self.confirm_close_while_training:
            answer = QMessageBox.question(
                self,
                "Training is running",
                "A training run is in progress. Stop it and quit? The current model is kept.",
                QMessageBox.Yes | QMessageBox.No,
                QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop training, wait for every background thread; no thread is left running."""
        self._predict_timer.stop()
        self._cancel_requested = True
        if self._training_job is not None:
            self.status("Stopping training…")
        for job in self._jobs:
            job.stop()
        self._jobs.clear()
        self.predictor.stop()
        self._shut_down = True
        self._training_job = self._model_job = self._data_job = None
        self._training_idle()
