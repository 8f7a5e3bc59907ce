"""Shows the model in use, or why there is none, across the window: title, status bar, draw panel, curves."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.gui.common.dialogs import window_title
from handwriting.gui.controllers.model_controller import LoadFailure
from handwriting.recognition.recognizer import Recognizer

translate = QCoreApplication.translate


class ModelPresenter(QObject):
    """Subscribes to the model controller; tells the views what to show when a model loads or fails."""

    loaded = pyqtSignal()  # the views show the new model
    failed = pyqtSignal(str)  # a load failed: its message

    def __init__(self, window, models, status, draw_panel, curves_view, recognition) -> None:
        super().__init__(window)
        self._window, self._models, self._status = window, models, status
        self._draw_panel, self._curves_view, self._recognition = draw_panel, curves_view, recognition
        self._failure: LoadFailure | None = None  # why no model is loaded, while none is
        models.loaded.connect(self.show_loaded)
        models.failed.connect(self.show_failure)

    def show_loaded(self, recognizer: Recognizer) -> None:
        """A model is in use: its name everywhere, its curves, and recognition with it."""
        self._failure = None
        self._recognition.no_model_text = None
        self._show_name(recognizer)
        self._draw_panel.show_banner(None)
        self._draw_panel.set_outputs(recognizer.outputs)
        self._curves_view.show_model(recognizer)
        self._recognition.set_recognizer(recognizer)
        self.loaded.emit()

    def show_failure(self, failure: LoadFailure) -> None:
        """A load failed: no model at all (a banner says why), or the previous one still in use."""
        if failure.still_using is None:
            self._failure = failure
            self._show_no_model(failure)
            self._status.show(translate("MainWindow", "Model not loaded: {reason}").format(reason=failure.message), 0)
            if failure.by_user:
                advice = translate("MainWindow", "No model is loaded: train one or load another.")
                self._status.warn(failure.title, f"{failure.message}\n\n{advice}")
        else:
            self._status.show_model(failure.still_using.name, self._models.recognizer.history.get("preset", ""))
            still = translate("MainWindow", "Still using {model}.").format(model=failure.still_using)
            self._status.warn(failure.title, f"{failure.message}\n\n{still}")
        self.failed.emit(failure.message)

    def retranslate(self) -> None:
        """The model's name, or why there is none, in the current language."""
        recognizer = self._models.recognizer
        if recognizer is not None:
            self._show_name(recognizer)
        else:
            self._window.setWindowTitle(window_title(None))
            if self._failure is not None:
                self._show_no_model(self._failure)

    def _show_name(self, recognizer: Recognizer) -> None:
        self._window.setWindowTitle(window_title(recognizer.path.name))
        self._status.show_model(recognizer.path.name, recognizer.history.get("preset", ""), str(recognizer.path))

    def _show_no_model(self, failure: LoadFailure) -> None:
        self._status.show_model(None)
        banner = translate("MainWindow", "No model loaded: {reason}").format(reason=failure.message)
        self._draw_panel.show_banner(banner)
        self._recognition.no_model_text = translate("MainWindow", "No model loaded")
        self._draw_panel.show_message(self._recognition.no_model_text)
        self._curves_view.show_model(None)
