"""The file of the user's handwriting samples in the app: opening it, setting a broken one aside, its samples."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.errors import HandwritingError
from handwriting.gui import wording
from handwriting.personal.fine_tune import PersonalStore
from handwriting.personal.store import Sample

translate = QCoreApplication.translate


class StoreController(QObject):
    """Owns the store of the user's samples (a PersonalStore) and says when its samples change.

    A store that cannot be read leaves `store` None and `store_error` set: the app goes on with the base
    model and offers `move_aside()`. Every change (add, remove, relabel, import) goes through here, so that
    `samples_changed` and `count` always tell the truth.
    """

    samples_changed = pyqtSignal(int)  # how many samples are stored
    store_broken = pyqtSignal(str)  # the message of a store that cannot be read
    notice = pyqtSignal(str)
    remark = pyqtSignal(str)  # a message about the drawing on screen: stale once the drawing changes
    failed = pyqtSignal(str)

    def __init__(self, store_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.store: PersonalStore | None = None
        self.store_error: str | None = None
        self.count = 0

    def open(self) -> bool:
        """Open (or create) the store; False, with `store_broken`, when the file is not a readable store."""
        try:
            self.store, self.store_error = PersonalStore(self.store_path), None
        except (HandwritingError, OSError) as exc:
            self.store, self.store_error = None, str(exc)
            self.store_broken.emit(self.store_error)
            return False
        self._changed()
        return True

    def move_aside(self) -> Path | None:
        """Set a broken store aside (PersonalStore.set_aside) and start an empty one; returns the new name."""
        try:
            target = PersonalStore.set_aside(self.store_path)
        except OSError as exc:
            text = translate("Personal", "Cannot move {path} aside: {error}")
            self.failed.emit(text.format(path=self.store_path, error=exc.strerror or exc))
            return None
        self.open()
        self.notice.emit(translate("Personal", "The unreadable samples file was moved to {target}; a new, empty one "
                                               "is used").format(target=target))
        return target

    def _changed(self) -> None:
        self.count = len(self.store) if self.store is not None else 0
        self.samples_changed.emit(self.count)

    def samples(self) -> list[Sample]:
        """Every stored sample (empty when the store is broken)."""
        return self.store.samples() if self.store is not None else []

    def _usable(self) -> bool:
        if self.store is None:
            text = translate("Personal", "Your handwriting samples cannot be used: {error}")
            self.notice.emit(text.format(error=self.store_error))
        return self.store is not None

    def add(self, canvas: np.ndarray, label: int, predicted: int | None, source: str) -> int | None:
        """Store a drawing; None (with a message) when it cannot be stored."""
        if not self._usable():
            return None
        try:
            sample_id = self.store.add(canvas, label, predicted, source)
        except (HandwritingError, ValueError, OSError) as exc:
            self.notice.emit(translate("Personal", "Not stored: {error}").format(error=exc))
            return None
        self._changed()
        return sample_id

    def remove(self, sample_id: int) -> bool:
        """Delete one sample; False when there was none to delete."""
        if self._usable() and self.store.remove(sample_id):
            self._changed()
            return True
        return False

    def relabel(self, sample_id: int, label: int) -> bool:
        """Correct a sample's label; False when there was no such sample."""
        if self._usable() and self.store.relabel(sample_id, label):
            self._changed()
            return True
        return False

    def export(self, path: str | Path) -> None:
        """Save a copy of the store as a file."""
        if self._usable():
            try:
                saved = self.store.export(path)
                text = translate("Personal", "Exported {samples} to {path}")
                self.notice.emit(text.format(samples=wording.samples(self.count), path=saved))
            except (sqlite3.Error, HandwritingError, OSError) as exc:
                self.failed.emit(translate("Personal", "Cannot export to {path}: {error}").format(path=path, error=exc))

    def import_from(self, path: str | Path) -> int:
        """Add the samples of another store file; returns how many were new."""
        if not self._usable():
            return 0
        try:
            added = self.store.import_from(path)
        except (HandwritingError, OSError) as exc:
            self.failed.emit(str(exc))
            return 0
        self._changed()
        text = translate("Personal", "Imported {added} new samples from {name}")
        self.notice.emit(text.format(added=added, name=Path(path).name))
        return added
