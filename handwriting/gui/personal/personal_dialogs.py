"""The dialogs of "learn my handwriting": the enrolment (after its question), the samples, forgetting, a broken file."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QDialog, QMainWindow, QMessageBox

from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.personal.consent_bar import enrolment_consent_box
from handwriting.gui.personal.consent_presenter import ConsentPresenter
from handwriting.gui.personal.enrolment_dialog import EnrolmentDialog
from handwriting.gui.personal.samples_dialog import SamplesDialog

translate = QCoreApplication.translate


class PersonalDialogs:
    """The Model menu's dialogs of the user's handwriting, non-modal, one of each at a time (a mixin of
    PersonalPresenter, whose window, controller, status bar and consent they use).

    Each dialog open is an attribute while it shows (None once closed): `enrolment`, `samples`, `consent_box`
    (what learning keeps, before an enrolment) and `broken_box` (the samples file cannot be read).
    """

    _window: QMainWindow
    _personal: PersonalController
    _status: StatusPresenter
    consent: ConsentPresenter
    _drawing: Callable[[], np.ndarray | None]
    _drop_promise: Callable[[], None]
    update_label: Callable[[], None]
    enrolment: EnrolmentDialog | None = None
    samples: SamplesDialog | None = None
    consent_box: QMessageBox | None = None
    broken_box: QMessageBox | None = None

    def open_enrolment(self) -> EnrolmentDialog | None:
        """Model > Learn my handwriting… (non-modal: the window stays usable).

        It keeps drawings: unless the user said yes to that, a box says what is kept and Start is the yes
        (None is returned; Start opens the enrolment).
        """
        if self._personal.consent is not True:
            self._ask_before_enrolment()
            return None
        return self._shown_once("enrolment", EnrolmentDialog)

    def _ask_before_enrolment(self) -> None:
        if self.consent_box is not None and self.consent_box.isVisible():
            self.consent_box.raise_()
            return
        personal = self._personal
        box, start = enrolment_consent_box(self._window, personal.learn_from_accepted, personal.store_path)
        box.buttonClicked.connect(lambda button: button is start and self._start_enrolment())
        box.destroyed.connect(lambda: setattr(self, "consent_box", None))
        self.consent_box = box
        box.open()

    def _start_enrolment(self) -> None:
        self.consent.choose(True)
        self.open_enrolment()

    def open_samples(self) -> SamplesDialog:
        """Model > My handwriting samples…"""
        return self._shown_once("samples", SamplesDialog)

    def _shown_once(self, name: str, make: Callable[[PersonalController, QMainWindow], QDialog]) -> QDialog:
        """The dialog kept as attribute `name`, raised if it shows; else a new one made, shown, and forgotten once
        closed."""
        dialog = getattr(self, name)
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return dialog
        dialog = make(self._personal, self._window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, name, None))
        setattr(self, name, dialog)
        dialog.show()
        return dialog

    def forget(self, ask: bool = True) -> bool:
        """Model > Forget my handwriting: asks, then deletes the samples and the personal model; with neither, says
        so without asking (the drawing shown is forgotten all the same)."""
        personal = self._personal
        has_model = personal.has_model()
        nothing = personal.count == 0 and not has_model  # nothing to ask about: nothing is deleted
        if ask and not nothing:
            if has_model:
                text = translate("Personal", "Delete all your handwriting samples ({count}) and the personal "
                                             "model?\n\n{store}\n{model}\n\nThe app goes back to the base model. "
                                             "This cannot be undone (export your samples first to keep a copy).")
            else:
                text = translate("Personal", "Delete all your handwriting samples ({count})?\n\n{store}\n\nThis "
                                             "cannot be undone (export your samples first to keep a copy).")
            text = text.format(count=personal.count, store=personal.store_path, model=personal.model_path)
            answer = QMessageBox.question(self._window, translate("Personal", "Forget my handwriting?"), text,
                                          QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return False
        self._drop_promise()
        drawing = self._drawing()
        personal.forget(None if drawing is None else drawing.copy())  # the drawing shown is forgotten too
        if nothing:
            self._status.show(translate("Personal", "Nothing of your handwriting is kept: no samples, no personal "
                                                    "model. The drawing shown will not be kept either"))
        return True

    def _on_store_broken(self, message: str) -> None:
        text = translate("Personal", "{message}\n\nThe app uses the base model. Move the file aside and start a new, "
                                     "empty one? (The file is kept under another name.)").format(message=message)
        title = translate("Personal", "Your handwriting samples cannot be read")
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.NoButton, self._window)
        box.setObjectName("brokenStoreBox")
        move = box.addButton(translate("Personal", "Move it aside"), QMessageBox.AcceptRole)
        box.addButton(translate("Personal", "Leave it"), QMessageBox.RejectRole)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: button is move and self._personal.move_aside())
        self.broken_box = box
        box.open()
        self.update_label()
