"""The models part of the Model menu: every available model (the one in use checked), revert, rename, delete."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QAction, QActionGroup, QComboBox, QDialog, QInputDialog, QMenu, QMessageBox, QWidget

from handwriting.files import catalog
from handwriting.gui.common.actions import Actions, set_tip
from handwriting.gui.common.dialogs import fit_to_items
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.wording import accuracy_on_test, accuracy_on_validation, figures

translate = QCoreApplication.translate


def entry_text(entry: catalog.ModelEntry) -> str:
    """A menu line: "default (shipped): test 99.58%", the figure the Evaluation tab shows (else validation's); a
    personal model says how many of the user's samples tuned it."""
    name = translate("ModelMenu", "{model} (shipped)").format(model=entry.name) if entry.shipped else entry.name
    if entry.history.get("kind") == "personal":  # fine-tuned on the user's samples: no test or validation figure
        samples = int(entry.history.get("samples") or 0)
        accuracy = (translate("ModelMenu", "your handwriting, 1 sample") if samples == 1 else
                    translate("ModelMenu", "your handwriting, {count} samples").format(count=samples))
    elif entry.test_accuracy is not None:
        accuracy = accuracy_on_test(entry.test_accuracy)
    elif entry.val_accuracy is not None:
        accuracy = accuracy_on_validation(entry.val_accuracy)
    else:
        accuracy = translate("ModelMenu", "no figures")
    return translate("ModelMenu", "{model}: {figures}").format(model=name, figures=accuracy)


class ModelMenu:
    """Keeps the model list of the Model menu in step with the ModelController; asks before deleting."""

    def __init__(self, menu: QMenu, actions: Actions, models: ModelController, parent: QWidget) -> None:
        self._menu = menu
        self._actions = actions
        self._models = models
        self._parent = parent
        self._group = QActionGroup(menu)
        self._group.setExclusive(True)
        self._entries: list[QAction] = []
        self._listed: list[catalog.ModelEntry] | None = None
        self._section = menu.addSection(translate("ModelMenu", "Models"))
        menu.addSeparator()
        menu.addActions([actions.revert, actions.rename_model, actions.delete_model])
        menu.aboutToShow.connect(models.refresh)  # files may have appeared (a CLI run) or gone
        menu.aboutToShow.connect(self.update_actions)
        models.models_changed.connect(self._fill)
        models.loaded.connect(lambda _recognizer: self.update_actions())
        models.loading.connect(lambda _path: self.update_actions())
        models.failed.connect(lambda _failure: self.update_actions())
        models.blocked_changed.connect(lambda _reason: self.update_actions())
        actions.rename_model.triggered.connect(self.rename)
        actions.delete_model.triggered.connect(self.delete)

    def entry_actions(self) -> list[QAction]:
        """The checkable model entries, in menu order."""
        return list(self._entries)

    def retranslate(self) -> None:
        """The section title, the model entries and the actions' states in the current language."""
        self._section.setText(translate("ModelMenu", "Models"))
        self._fill(self._models.models, again=True)

    def _fill(self, entries: list[catalog.ModelEntry], again: bool = False) -> None:
        if not again and entries == self._listed:  # the menu was refreshed as it opened: nothing to rebuild
            self.update_actions()
            return
        self._listed = list(entries)
        for action in self._entries:
            self._menu.removeAction(action)
            self._group.removeAction(action)
            action.deleteLater()
        self._entries = []
        anchor = self._menu.actions()[self._menu.actions().index(self._section) + 1]
        for entry in entries:
            action = QAction(entry_text(entry), self._menu)
            action.setObjectName(f"modelEntry:{entry.name}")
            action.setCheckable(True)
            action.setChecked(entry.path == self._models.path)
            tip = f"{entry.path}\n{figures(entry)}"
            action.setToolTip(tip)
            action.setStatusTip(tip.replace("\n", ": "))
            action.triggered.connect(lambda _checked=False, path=entry.path: self._switch(path))
            self._group.addAction(action)
            self._menu.insertAction(anchor, action)
            self._entries.append(action)
        self.update_actions()

    def _switch(self, path) -> None:
        if path != self._models.path and not self._models.switch(path):
            self.update_actions()  # switching was refused: the check mark goes back

    def update_actions(self) -> None:
        """Check the model in use; enable Revert, Rename and Delete when they can work (tooltips say why not)."""
        blocked = self._models.blocked_by
        for action, entry in zip(self._entries, self._models.models, strict=False):
            action.setChecked(entry.path == self._models.path)
            action.setEnabled(not blocked)
        reason = self._models.revert_blocked()
        revert = self._actions.revert
        revert.setEnabled(reason is None)
        previous = self._models.previous.name if self._models.previous else ""
        if reason is None:
            tip = translate("ModelMenu", "Switch back to {model}, the model used before").format(model=previous)
        else:
            tip = translate("ModelMenu", "Not available: {reason}").format(reason=reason)
        set_tip(revert, tip)
        path = self._models.path
        rename = self._actions.rename_model
        can_rename = path is not None and not catalog.is_shipped(path) and not blocked
        rename.setEnabled(can_rename)
        if can_rename:
            rename.setText(translate("ModelMenu", "Re&name {model}…").format(model=path.stem))
            rename.setToolTip(translate("ModelMenu", "Rename the model in use"))
        else:
            rename.setText(translate("ModelMenu", "Re&name model…"))
            rename.setToolTip(translate("ModelMenu", "Not available: the shipped model is read-only"))
        others = [entry for entry in self._models.models if not entry.shipped and entry.path != path]
        self._actions.delete_model.setEnabled(bool(others) and not blocked)
        self._actions.delete_model.setToolTip(
            translate("ModelMenu", "Delete one of your models (not the one in use)")
            if others
            else translate("ModelMenu", "Not available: no model of yours is unused")
        )

    def rename(self) -> None:
        """Ask for a new name for the model in use."""
        path = self._models.path
        if path is None or catalog.is_shipped(path):
            return
        name, ok = QInputDialog.getText(
            self._parent,
            translate("ModelMenu", "Rename model"),
            translate("ModelMenu", "New name for {model}:").format(model=path.stem),
            text=path.stem,
        )
        if ok and name.strip():
            self._models.rename(path, name)

    def delete_picker(self, labels: list[str]) -> QInputDialog:
        """The question of Delete model…: which of `labels`, in a list wide enough to show each whole."""
        picker = QInputDialog(self._parent)
        picker.setObjectName("deleteModelPicker")
        picker.setWindowTitle(translate("ModelMenu", "Delete a model"))
        picker.setLabelText(translate("ModelMenu", "Delete which model? (The model in use is not listed.)"))
        picker.setComboBoxItems(labels)
        picker.setComboBoxEditable(False)
        fit_to_items(picker.findChild(QComboBox))
        return picker

    def delete(self) -> None:
        """Pick one of the user's models (not the one in use), confirm, delete it with its history."""
        others = [entry for entry in self._models.models if not entry.shipped and entry.path != self._models.path]
        if not others:
            return
        labels = [translate("ModelMenu", "{model}: {figures}").format(model=entry.name, figures=figures(entry))
                  for entry in others]
        picker = self.delete_picker(labels)
        accepted, label = picker.exec() == QDialog.Accepted, picker.textValue()
        picker.deleteLater()
        if not accepted or label not in labels:
            return
        entry = others[labels.index(label)]
        answer = QMessageBox.question(
            self._parent,
            translate("ModelMenu", "Delete the model?"),
            translate("ModelMenu", "Delete {model} and its training history?\n{path}\n\nThis cannot be undone.").format(
                model=entry.name, path=entry.path
            ),
            QMessageBox.Yes | QMessageBox.No,
            QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            self._models.delete(entry.path)
