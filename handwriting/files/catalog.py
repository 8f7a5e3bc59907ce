"""The models a user can pick: the shipped model (read-only) and those trained into the per-user models folder."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from handwriting.errors import ModelFileError
from handwriting.files.model_files import (
    BACKUP_SUFFIX,
    DEFAULT_MODEL_PATH,
    backup_path_for,
    history_path_for,
    load_history,
)
from handwriting.files.paths import ensure, user_paths

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")
NAME_HINT = "use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit"


@dataclass(frozen=True)
class ModelEntry:
    """One model file and the figures its saved history holds."""

    path: Path
    shipped: bool
    history: dict

    @property
    def name(self) -> str:
        """The file name without `.keras`."""
        return self.path.stem

    @property
    def created(self) -> str | None:
        """When it was trained, "YYYY-MM-DD HH:MM" (UTC), None when unknown."""
        created = self.history.get("created")
        return str(created)[:16].replace("T", " ") if created else None

    @property
    def val_accuracy(self) -> float | None:
        """Its best validation accuracy, None when unknown."""
        return _fraction(self.history.get("best_val_accuracy"))

    @property
    def test_accuracy(self) -> float | None:
        """Its accuracy on the official test set, None when unknown."""
        return _fraction(self.history.get("test_accuracy"))

    def figures(self) -> str:
        """A short description: "validation 99.48%, test 99.58%, trained 2025-01-02 10:11"."""
        parts = []
        if self.val_accuracy is not None:
            parts.append(f"validation {self.val_accuracy:.2%}")
        if self.test_accuracy is not None:
            parts.append(f"test {self.test_accuracy:.2%}")
        if self.created:
            parts.append(f"trained {self.created}")
        return ", ".join(parts) or "no saved figures"


def _fraction(value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def models_folder() -> Path:
    """Where models trained by the user go (handwriting.files.paths.user_paths().models)."""
    return user_paths().models


def is_shipped(path: str | Path) -> bool:
    """True for the model shipped with the package (read-only to the app)."""
    return _same(Path(path), DEFAULT_MODEL_PATH)


def _same(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second


def describe(path: str | Path) -> ModelEntry:
    """The catalogue entry of one model file."""
    path = Path(path)
    return ModelEntry(path, is_shipped(path), load_history(path) if path.is_file() else {})


def list_models(folder: Path | None = None, shipped: Path = DEFAULT_MODEL_PATH) -> list[ModelEntry]:
    """The shipped model (when present) first, then the user's models, newest first.

    Backups (`*.previous.keras`) and the hidden temporary files of saves are left out.
    """
    folder = models_folder() if folder is None else folder
    entries = [describe(shipped)] if shipped.is_file() else []
    user = []
    if folder.is_dir():
        for path in folder.glob("*.keras"):
            if path.name.startswith(".") or path.stem.endswith(BACKUP_SUFFIX) or not path.is_file():
                continue
            user.append(describe(path))
    user.sort(key=lambda entry: (entry.created or "", entry.name), reverse=True)
    return entries + user


def load_folder(folder: Path | None = None) -> Path | None:
    """Where File > Load model… opens: the user's models folder, None before it exists (the dialog's own default).

    Never the shipped model's folder: it also holds the app's own files (the stroke network, backups).
    """
    folder = models_folder() if folder is None else folder
    return folder if folder.is_dir() else None


def default_model_name(prefix: str = "retrain", now: dt.datetime | None = None) -> str:
    """A name for a new model from its date: "retrain-20250102-1011"."""
    now = now or dt.datetime.now()
    return f"{prefix}-{now:%Y%m%d-%H%M}"


def check_model_name(name: str) -> str:
    """The name, stripped; raises ValueError with a hint when it cannot name a model file."""
    name = name.strip().removesuffix(".keras")
    if not NAME_PATTERN.match(name):
        raise ValueError(f"'{name}' cannot name a model: {NAME_HINT}")
    if name.endswith(BACKUP_SUFFIX):
        raise ValueError(f"'{name}' cannot name a model: names ending in '{BACKUP_SUFFIX}' are kept for backups")
    return name


def user_model_path(name: str, folder: Path | None = None) -> Path:
    """The file a user model of this name is saved to (the folder is created)."""
    folder = models_folder() if folder is None else folder
    return ensure(folder) / f"{check_model_name(name)}.keras"


def unused_name(name: str, folder: Path | None = None) -> str:
    """`name`, or `name-2`, `name-3`, ... when a model of that name exists already."""
    folder = models_folder() if folder is None else folder
    candidate, number = name, 1
    while (folder / f"{candidate}.keras").exists():
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _companions(path: Path) -> list[Path]:
    """A model file, its history, its backup and the backup's history."""
    backup = backup_path_for(path)
    return [path, history_path_for(path), backup, history_path_for(backup)]


def rename_model(path: str | Path, new_name: str) -> Path:
    """Rename a user model (with its history and backup); returns the new path.

    Raises ModelFileError for the shipped model or when the name is taken, ValueError for a bad name.
    """
    path = Path(path)
    if is_shipped(path):
        raise ModelFileError(f"{path.name} is the shipped model: it cannot be renamed")
    target = path.with_name(f"{check_model_name(new_name)}.keras")
    if _same(target, path):
        return path
    if target.exists():
        raise ModelFileError(f"a model called '{target.stem}' exists already: choose another name")
    for source, destination in zip(_companions(path), _companions(target), strict=True):
        if source.exists():
            os.replace(source, destination)
    return target


def delete_model(path: str | Path) -> None:
    """Delete a user model with its history and backup; the shipped model is refused (ModelFileError)."""
    path = Path(path)
    if is_shipped(path):
        raise ModelFileError(f"{path.name} is the shipped model: it cannot be deleted")
    for file in _companions(path):
        file.unlink(missing_ok=True)
