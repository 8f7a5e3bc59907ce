"""The model in use: loading in the background, switching, reverting, and the models a user can pick."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QObject, QSettings, pyqtSignal

from handwriting.errors import ModelFileError, StrokeNetworkFileError
from handwriting.files import catalog
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui.controllers.gc_policy import collect_after_load, freeze_libraries
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.recognition.recognizer import Recognizer

MODEL_KEY = "model"
CATALOG_KEY = "catalog"
DESCRIBE_KEY = "describe models"
CURRENT_SETTING = "models/current"
PREVIOUS_SETTING = "models/previous"
translate = QCoreApplication.translate


def load_recognizer(path: Path) -> tuple[Recognizer, list[catalog.ModelEntry]]:
    """Load a model (on a worker thread), never frozen for the garbage collector, then free replaced models.

    Also lists the models again: that reads every model's history from disk. A LeNet-style model needs no
    TensorFlow (handwriting.recognition.network), so the first drawing is recognised long before TensorFlow
    could even be imported; TensorFlow is first imported (and frozen) when a training run starts, or here
    for a model of another kind. The stroke network, picked by mistake, is refused in the UI language.
    """
    if "tensorflow" in sys.modules:
        freeze_libraries()
    try:
        recognizer = Recognizer.load(path)
    except StrokeNetworkFileError:
        raise StrokeNetworkFileError(stroke_network_refused(path)) from None
    collect_after_load()
    return recognizer, read_catalog(path)  # the catalogue reads every model's history: not on the GUI thread


def stroke_network_refused(path: Path) -> str:
    """Why a stroke network file is no model to load, and what to load instead, in the UI language."""
    return translate(
        "Models", "{file} is the pen-path (stroke) network: the app loads it by itself beside the digit model, so it "
        "is not a model to load. Load a digit model instead, such as {default} or one you trained."
    ).format(file=path.name, default=DEFAULT_MODEL_PATH.name)


def read_catalog(in_use: Path | None) -> list[catalog.ModelEntry]:
    """The shipped and user models, and the model in use wherever it lives (read on a worker thread)."""
    entries = catalog.list_models()
    if in_use is not None and in_use.is_file() and not any(entry.path == in_use for entry in entries):
        entries.append(catalog.describe(in_use))
    return entries


@dataclass(frozen=True)
class LoadFailure:
    """A model that could not be loaded: why, the dialog title, and whether the user asked for it."""

    message: str
    title: str
    by_user: bool
    still_using: Path | None  # the model kept in use, None when there is none


class ModelController(QObject):
    """Owns the recogniser in use, its file, the previous model in use, and the list of available models.

    The shipped model is read-only: nothing here writes it. Switching remembers the model in use
    (QSettings), so the app starts with it next time; Revert switches back to the one used before.
    """

    loading = pyqtSignal(object)  # the Path being loaded
    loaded = pyqtSignal(object)  # the Recognizer now in use
    failed = pyqtSignal(object)  # a LoadFailure
    network_changed = pyqtSignal(object)  # the NumpyNetwork in use, None when none (or a TensorFlow-only model)
    models_changed = pyqtSignal(list)  # [catalog.ModelEntry]: shipped first, then the user's
    notice = pyqtSignal(str)  # a status message
    blocked_changed = pyqtSignal(object)  # why switching is blocked now (str), None when it is not

    def __init__(self, runner: TaskRunner, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._settings = settings
        self.recognizer: Recognizer | None = None
        self.error: str | None = None  # why no model is loaded (None when one is)
        self.loading_path: Path | None = None
        self.previous: Path | None = _setting_path(settings, PREVIOUS_SETTING)
        self.blocked_by: str | None = None  # set while something (a training run) forbids switching
        self.models: list[catalog.ModelEntry] = []

    @property
    def path(self) -> Path | None:
        """The file of the model in use."""
        return self.recognizer.path if self.recognizer is not None else None

    def start_path(self, requested: Path | None) -> Path:
        """The model to open at start: the one asked for, else the one last in use, else the shipped one."""
        if requested is not None:
            return Path(requested)
        remembered = _setting_path(self._settings, CURRENT_SETTING)
        return remembered if remembered is not None and remembered.is_file() else DEFAULT_MODEL_PATH

    def set_blocked(self, reason: str | None) -> None:
        """Forbid switching models (a training run is going on), or allow it again with None."""
        if reason != self.blocked_by:
            self.blocked_by = reason
            self.blocked_changed.emit(reason)

    def is_loading(self) -> bool:
        """True while a model loads in the background."""
        return self._runner.pending(MODEL_KEY)

    # --- Loading and switching ---------------------------------------------------------------------------

    def load(self, path: str | Path, by_user: bool = False, title: str | None = None) -> None:
        """Load a model file in the background; the model in use stays until the new one is ready.

        by_user=True (a menu or dialog): a failure is also shown in a dialog, even without a model loaded.
        """
        path = Path(path)
        title = title or translate("Models", "Cannot load the model")
        self.loading_path = path
        self._runner.submit(
            MODEL_KEY, load_recognizer, path,
            on_done=self._on_loaded, on_failed=lambda message: self._on_failed(message, by_user, title),
        )
        self.notice.emit(translate("Models", "Loading model… ({path})").format(path=path))
        self.loading.emit(path)

    def load_by_user(self, path: str | Path) -> None:
        """File > Load model: like load, and a failure is shown in a dialog."""
        self.load(path, by_user=True)

    def reload(self) -> None:
        """Load the model file in use again (in the background)."""
        if self.path is not None:
            self.load(self.path)

    def switch(self, path: str | Path) -> bool:
        """Use another model; False (with a status message) while switching is blocked."""
        if self.blocked_by:
            self.notice.emit(translate("Models", "Cannot switch models now: {reason}").format(reason=self.blocked_by))
            return False
        self.load(path, by_user=True)
        return True

    def revert_blocked(self) -> str | None:
        """Why Revert is unavailable now, or None."""
        if self.blocked_by:
            return self.blocked_by
        if self.is_loading():
            return translate("Models", "a model is loading")
        if self.previous is None:
            return translate(
                "Models", "there is no previous model: Revert goes back to the model used before the last switch"
            )
        if not self.previous.is_file():
            return translate("Models", "the previous model ({model}) no longer exists").format(model=self.previous.name)
        return None

    def revert(self) -> bool:
        """Switch back to the model in use before the last switch; False (with a message) when impossible."""
        reason = self.revert_blocked()
        if reason:
            self.notice.emit(translate("Models", "Cannot revert: {reason}").format(reason=reason))
            return False
        self.notice.emit(
            translate("Models", "Switching back to the previous model ({model})…").format(model=self.previous.name)
        )
        self.load(self.previous, by_user=True, title=translate("Models", "Cannot revert to the previous model"))
        return True

    def _on_loaded(self, loaded: tuple[Recognizer, list[catalog.ModelEntry]]) -> None:
        recognizer, entries = loaded
        old = self.path
        self.recognizer, self.error, self.loading_path = recognizer, None, None
        if old is not None and old != recognizer.path:
            self.previous = old
            self._settings.setValue(PREVIOUS_SETTING, str(old))
            self._settings.setValue(CURRENT_SETTING, str(recognizer.path))
        history = recognizer.history
        accuracy = history.get("test_accuracy")
        if isinstance(accuracy, float):
            text = translate("Models", "Model ready: {path}, test accuracy {accuracy:.2%}")
        else:
            text = translate("Models", "Model ready: {path}")
        self.notice.emit(text.format(path=recognizer.path.name, accuracy=accuracy))  # the folder would be cut off
        self.refresh(entries)
        self.loaded.emit(recognizer)
        self.network_changed.emit(recognizer.network)

    def _on_failed(self, message: str, by_user: bool, title: str) -> None:
        self.loading_path = None
        if self.recognizer is None:
            self.error = message
            self.network_changed.emit(None)
        self.failed.emit(LoadFailure(message, title, by_user, self.path))

    # --- The catalogue ----------------------------------------------------------------------------------

    def refresh(self, entries: list[catalog.ModelEntry] | None = None) -> None:
        """List the shipped and user models again (and the model in use, wherever it lives): models_changed.

        `entries`: the list a worker has just read (after a load). None reads it on a worker thread (after a
        rename, a delete, a training run, or as the Model menu opens): every model's history is read.
        """
        if entries is None:
            self._runner.submit(CATALOG_KEY, read_catalog, self.path, on_done=self.refresh)
            return
        if self.path is not None and not any(entry.path == self.path for entry in entries):
            entries = [*entries, catalog.describe(self.path)]  # the model in use changed while the list was read
        self.models = list(entries)
        self.models_changed.emit(self.models)

    def describe(self, paths: list[Path | None], then: Callable[[list[catalog.ModelEntry | None]], None]) -> None:
        """Read the entries of model files on a worker thread (None for a missing file), then `then(entries)`."""
        self._runner.submit(DESCRIBE_KEY, _describe_all, paths, on_done=then)

    def rename(self, path: Path, new_name: str) -> Path | None:
        """Rename a user model (the one in use keeps being used under its new name); None on failure."""
        try:
            target = catalog.rename_model(path, new_name)
        except (ModelFileError, ValueError, OSError) as exc:
            self.notice.emit(translate("Models", "Cannot rename: {reason}").format(reason=exc))
            return None
        for setting in (CURRENT_SETTING, PREVIOUS_SETTING):
            if _setting_path(self._settings, setting) == path:
                self._settings.setValue(setting, str(target))
        if self.previous == path:
            self.previous = target
        if self.recognizer is not None and self.recognizer.path == path:
            self.recognizer.path = target
            self.loaded.emit(self.recognizer)  # views show the new name
        self.notice.emit(translate("Models", "Renamed {old} to {new}").format(old=path.name, new=target.name))
        self.refresh()
        return target

    def delete(self, path: Path) -> bool:
        """Delete a user model that is not in use (never the shipped model); False with a message otherwise."""
        if catalog.is_shipped(path):
            self.notice.emit(translate("Models", "The shipped model cannot be deleted"))
            return False
        if path == self.path:
            self.notice.emit(
                translate("Models", "{model} is in use: switch to another model before deleting it").format(
                    model=path.name
                )
            )
            return False
        try:
            catalog.delete_model(path)
        except OSError as exc:
            self.notice.emit(
                translate("Models", "Cannot delete {model}: {reason}").format(
                    model=path.name, reason=exc.strerror or exc
                )
            )
            return False
        if self.previous == path:
            self.previous = None
            self._settings.remove(PREVIOUS_SETTING)
        self.notice.emit(translate("Models", "Deleted {model}").format(model=path.name))
        self.refresh()
        return True


def _describe_all(paths: list[Path | None]) -> list[catalog.ModelEntry | None]:
    return [catalog.describe(path) if path is not None and path.is_file() else None for path in paths]


def _setting_path(settings: QSettings, key: str) -> Path | None:
    value = settings.value(key, "", type=str)
    return Path(value) if value else None
