"""Model > My handwriting samples…: every stored drawing with its label; delete, correct a label, export, import."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QSize, Qt
from PyQt5.QtGui import QIcon, QKeySequence
from PyQt5.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QShortcut,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui import wording
from handwriting.gui.common.dialogs import push_button, remember_folder, start_folder
from handwriting.gui.common.qimages import digit_pixmap
from handwriting.gui.controllers.personal_controller import PersonalController

translate = QCoreApplication.translate
EXPORT_FILE_NAME = "handwriting-samples.sqlite3"

THUMBNAIL = 56  # 28 pixels, twice


def store_filter() -> str:
    """The file dialogs' filter for sample files."""
    return translate("Samples", "Handwriting samples (*.sqlite3);;All files (*)")


def sample_tip(sample) -> str:
    """The tooltip of one sample: its number (a refused fine-tune names samples by it), label, origin, guess, time."""
    guesses = {None: translate("Samples", "unknown"), 10: translate("Samples", "not a digit")}
    guess = guesses.get(sample.predicted, str(sample.predicted))
    sources = {"enrolment": translate("Samples", "enrolment"), "correction": translate("Samples", "correction"),
               "accepted": translate("Samples", "a drawing you let stand")}
    tip = translate("Samples", "{label}: {source}, the model had said {guess}; {time} UTC")
    text = tip.format(label=sample.label, source=sources.get(sample.source, sample.source), guess=guess,
                      time=sample.created[:16].replace("T", " "))
    return f"#{sample.id} · {text}"


def delete_question(label: int) -> str:
    """The question before one sample is deleted: "Delete this drawing of a 7?", "… of an 8?" (8, eight, alone
    of the digits takes "an")."""
    if label == 8:
        text = translate("Samples", "Delete this drawing of an {label}? It cannot be brought back.")
    else:
        text = translate("Samples", "Delete this drawing of a {label}? It cannot be brought back.")
    return text.format(label=label)


class SamplesDialog(QDialog):
    """A grid of the stored samples (labels under the images); changes go through the PersonalController."""

    def __init__(self, personal: PersonalController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplesDialog")
        self.setWindowTitle(translate("Samples", "My handwriting samples"))
        self.resize(640, 480)
        self._personal = personal
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setObjectName("samplesSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.grid = QListWidget(self)
        self.grid.setObjectName("samplesGrid")
        self.grid.setViewMode(QListView.IconMode)
        self.grid.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.grid.setGridSize(QSize(THUMBNAIL + 24, THUMBNAIL + 28))
        self.grid.setResizeMode(QListView.Adjust)
        self.grid.setMovement(QListView.Static)
        self.grid.setSelectionMode(QListWidget.ExtendedSelection)
        self.grid.setUniformItemSizes(True)
        self.grid.itemDoubleClicked.connect(lambda _item: self.change_label())
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.grid, 1)
        row = QHBoxLayout()
        delete_tip = translate("Samples", "Delete the selected samples (Del)")
        label_tip = translate("Samples", "Say which digit the selected sample really is (or double-click it)")
        export_tip = translate("Samples", "Save all samples as one file")
        import_tip = translate("Samples", "Add the samples of an exported file")
        self.delete_button = push_button(self, translate("Samples", "&Delete"), delete_tip, "deleteSampleButton",
                                         self.delete_selected)
        self.label_button = push_button(self, translate("Samples", "Change &label…"), label_tip, "relabelButton",
                                        self.change_label)
        self.export_button = push_button(self, translate("Samples", "&Export…"), export_tip, "exportButton",
                                         self.export)
        self.import_button = push_button(self, translate("Samples", "&Import…"), import_tip, "importButton",
                                         self.import_file)
        close = push_button(self, translate("Samples", "Close"), "", "closeSamplesButton", self.accept)
        for button in (self.delete_button, self.label_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.export_button, self.import_button, close):
            row.addWidget(button)
        layout.addLayout(row)
        QShortcut(QKeySequence.Delete, self.grid, self.delete_selected)
        personal.samples_changed.connect(self._on_samples_changed)  # a method: the link goes with the dialog
        self.refresh()

    def _on_samples_changed(self, _count: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the store's samples again, newest last."""
        personal = self._personal
        samples = personal.samples()
        self.grid.clear()
        for sample in samples:
            item = QListWidgetItem(QIcon(digit_pixmap(sample.image / 255.0, THUMBNAIL)), str(sample.label))
            item.setData(Qt.UserRole, sample.id)
            item.setToolTip(sample_tip(sample))
            item.setTextAlignment(Qt.AlignHCenter)
            self.grid.addItem(item)
        known = personal.known_samples()
        if personal.store is None:
            text = translate("Samples", "Your samples cannot be read: {error}").format(error=personal.store_error)
        elif not samples:
            text = translate("Samples", "No samples yet. Use Model > Learn my handwriting…, correct a wrong "
                                        "prediction with a digit key, or clear a drawing that was read right (Model "
                                        "> Learn from drawings I don't correct).")
        elif known:
            text = translate("Samples", "{samples} in {path}; the personal model learnt from {known}.")
        else:
            text = translate("Samples", "{samples} in {path}; no personal model has learnt them yet.")
        stored_words, known_words = wording.samples(len(samples)), wording.samples(known)
        text = text.format(samples=stored_words, path=personal.store_path, known=known_words)
        self.summary.setText(text)
        self.summary.setToolTip(str(personal.store_path))
        self.export_button.setEnabled(bool(samples))
        self.import_button.setEnabled(personal.store is not None)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        """The ids of the selected samples."""
        return [int(item.data(Qt.UserRole)) for item in self.grid.selectedItems()]

    def _update_buttons(self) -> None:
        count = len(self.grid.selectedItems())
        self.delete_button.setEnabled(count > 0)
        self.label_button.setEnabled(count == 1)

    def delete_selected(self) -> None:
        """Delete the selected samples, after asking (they cannot be brought back)."""
        chosen = self.selected_ids()
        if not chosen:
            return
        if len(chosen) == 1:
            text = delete_question(int(self.grid.selectedItems()[0].text()))
            title = translate("Samples", "Delete the sample?")
        else:
            text = translate("Samples", "Delete {count} samples? They cannot be brought back.").format(
                count=len(chosen)
            )
            title = translate("Samples", "Delete samples?")
        if QMessageBox.question(self, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        for sample_id in chosen:
            self._personal.remove(sample_id)

    def change_label(self) -> None:
        """Ask for the right digit of the selected sample."""
        items = self.grid.selectedItems()
        if len(items) != 1:
            return
        current = int(items[0].text())
        label, ok = QInputDialog.getInt(self, translate("Samples", "Change the label"),
                                         translate("Samples", "This drawing is the digit:"), current, 0, 9)
        if ok and label != current:
            self._personal.relabel(int(items[0].data(Qt.UserRole)), label)

    def export(self) -> None:
        """Save the store as a file the user picks."""
        suggested = str(Path(start_folder("samples")) / EXPORT_FILE_NAME)
        path, _ = QFileDialog.getSaveFileName(self, translate("Samples", "Export samples"), suggested, store_filter())
        if path:
            remember_folder("samples", path)
            self._personal.export(path)

    def import_file(self) -> None:
        """Add the samples of a file the user picks."""
        start = start_folder("samples")
        path, _ = QFileDialog.getOpenFileName(self, translate("Samples", "Import samples"), start, store_filter())
        if path:
            remember_folder("samples", path)
            self._personal.import_from(path)
