"""The model in the main window: loading in the background, File > Load model, Model > Revert to previous model."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PyQt5.QtCore import pyqtSlot
from PyQt5.QtWidgets import QFileDialog

from handwriting.errors import ModelFileError
from handwriting.gui.dialogs import APP_TITLE
from handwriting.gui.recognition import STATUS_TIMEOUT_MS
from handwriting.gui.workers import FunctionWorker, Outcome, collect_after_load, freeze_libraries
from handwriting.recognizer import Recognizer
from handwriting.storage import backup_path_for, revert_to_backup

EVALUATION_TAB = 2  # after the Draw and Training curves tabs


def load_recognizer(path: Path) -> Recognizer:
    """Load a model (on a worker thread), never frozen for the garbage collector, then free replaced models.

    A LeNet-style model needs no TensorFlow (handwriting.network), so the first drawing is recognised
    long before TensorFlow could even be imported; TensorFlow is first imported (and frozen) when a
    training run starts, or here for a model of another kind.
    """
    if "tensorflow" in sys.modules:
        freeze_libraries()
    recognizer = Recognizer.load(path)
    collect_after_load()
    return recognizer


def revert_and_load(path: Path) -> Recognizer:
    """Swap `path` with its `.previous` backup and load it; if the backup cannot be loaded, swap back."""
    revert_to_backup(path)
    try:
        return load_recognizer(path)
    except Exception as exc:
        revert_to_backup(path)  # the files are as they were: the model in use still matches its file
        reason = str(exc).removeprefix(f"{path}: ")
        raise ModelFileError(
            f"the previous model ({backup_path_for(path).name}) cannot be used, so nothing was changed: {reason}"
        ) from None


class ModelMixin:
    """MainWindow's model loading and reverting (mixed into MainWindow, uses its widgets and job helpers)."""

    def load_model(self, path: str | Path, user: bool = False) -> None:
        """Load a model file in the background; the current model stays in use until the new one is ready.

        user=True (File > Load model): a failure is also shown in a dialog, even when no model is loaded.
        """
        path = Path(path)
        self.status(f"Loading model… ({path})")
        self._load(path, lambda: load_recognizer(path), user)

    def reload_model(self) -> None:
        """Load the model file in use again (in the background), as File > Load model would."""
        self.load_model(self.model_path)

    def _load(self, path: Path, loader: Callable[[], Recognizer], user: bool, title: str = "") -> None:
        if self.recognizer is None:
            self.draw_panel.show_message("Loading model…")
        self.model_label.setText(f"Model: loading {path.name}…")
        self._load_title = title or "Cannot load the model"
        self._load_by_user = user
        self._model_job = self._start(FunctionWorker(loader, tag=(path, object())), self._on_model_done)
        self.update_revert_action()

    def model_loading(self) -> bool:
        """True while a model loads (or a revert runs) in the background."""
        return self._model_job is not None

    @pyqtSlot(object)
    def _on_model_done(self, outcome: Outcome) -> None:
        if self._shut_down or self._model_job is None or outcome.tag != self._model_job.worker.tag:
            return  # an older request, overtaken by a newer one
        self._model_job = None
        self.update_revert_action()
        if not outcome.ok:
            self._on_model_failed(outcome.error)
            return
        self.recognizer = outcome.value
        self.model_path = self.recognizer.path
        self.model_error = None
        self.draw_panel.show_banner(None)
        history = self.recognizer.history
        self.setWindowTitle(f"{APP_TITLE} — {self.model_path.name}")
        self._show_model_label()
        self._show_history()
        accuracy = history.get("test_accuracy")
        extra = f", test accuracy {accuracy:.2%}" if isinstance(accuracy, float) else ""
        self.status(f"Model ready: {self.model_path}{extra}", STATUS_TIMEOUT_MS)
        if self._evaluating:
            self.evaluation_view.set_busy("Evaluating on the official test images…")
        else:
            self.evaluation_view.clear("Evaluate the loaded model on the official test images.")
        self.update_revert_action()
        self._repredict()
        self.modelLoaded.emit()
        if self.tabs.currentIndex() == EVALUATION_TAB:
            self.evaluate_model()

    def _on_model_failed(self, error: str) -> None:
        if self.recognizer is None:
            self.model_error = error
            self.model_label.setText("Model: none")
            self.draw_panel.show_banner(f"No model loaded: {error}")
            self.draw_panel.show_message("No model loaded")
            self.status(f"Model not loaded: {error}")
            self.history_label.setText("No model loaded.")
            if self._load_by_user:
                self.warn(self._load_title, f"{error}\n\nNo model is loaded: train one or load another file.")
        else:
            self._show_model_label()
            self.warn(self._load_title, f"{error}\n\nStill using {self.recognizer.path}.")
        self.modelFailed.emit(error)

    def _show_model_label(self) -> None:
        preset = self.recognizer.history.get("preset", "unknown preset")
        self.model_label.setText(f"Model: {self.recognizer.path.name} ({preset})")
        self.model_label.setToolTip(str(self.recognizer.path))

    def _show_history(self) -> None:
        history = self.recognizer.history if self.recognizer else {}
        epochs = history.get("epochs") or []
        self.curves.set_history(epochs)
        if not history:
            self.history_label.setText("This model has no saved training history.")
            return
        accuracy = history.get("test_accuracy")
        self.history_label.setText(
            f"Training history of {self.model_path.name}: preset {history.get('preset', '?')}, "
            f"{len(epochs)} epochs, best epoch {history.get('best_epoch', '?')}"
            + (f", test accuracy {accuracy:.2%}" if isinstance(accuracy, float) else "")
            + ". Hover over the curves for values."
        )

    def choose_model(self) -> None:
        """Ask for a .keras file and load it; a file that cannot be used is explained in a dialog."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Load model", str(self.model_path.parent), "Keras models (*.keras);;All files (*)"
        )
        if path:
            self.load_model(path, user=True)

    # --- Reverting to the backup ------------------------------------------------------------------------

    def revert_model(self) -> bool:
        """Swap the model file with its `.previous` backup and load that, in the background.

        Returns False (with a status message) when that is not possible now. Reverting again swaps back.
        """
        reason = self._revert_blocked()
        if reason:
            self.status(f"Cannot revert: {reason.replace(chr(10), ' ')}", STATUS_TIMEOUT_MS)
            return False
        path = self.model_path
        self.status(f"Reverting to the previous model ({backup_path_for(path).name})…")
        self._load(path, lambda: revert_and_load(path), user=True, title="Cannot revert to the previous model")
        return True

    def _revert_blocked(self) -> str | None:
        """Why Revert is unavailable now, or None."""
        backup = backup_path_for(self.model_path)
        if self.training_running():
            return "training is running (the run saves over the model file when it finishes)"
        if self.model_loading():
            return "a model is loading"
        if not backup.is_file():
            return (
                f"there is no previous model ({backup.name} does not exist);\n"
                "one is kept each time a model is saved over an existing one, for example by Retrain"
            )
        return None

    def update_revert_action(self) -> None:
        """Enable Model > Revert to previous model when there is a backup; the tooltip says why not otherwise."""
        action = getattr(self, "action_revert", None)
        if action is None:
            return
        reason = self._revert_blocked()
        action.setEnabled(reason is None)
        if reason is None:
            tip = (
                f"Swap {self.model_path.name} with {backup_path_for(self.model_path).name}, the model it "
                "replaced, and load it (reverting again swaps back)"
            )
        else:
            tip = f"Not available: {reason}"
        action.setToolTip(tip)
        action.setStatusTip(tip.replace("\n", " "))
