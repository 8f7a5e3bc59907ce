"""The app's side of "learn my handwriting": menu commands, corrections, the status label, the dialogs."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QSettings, Qt
from PyQt5.QtWidgets import QLabel, QMainWindow, QMessageBox

from handwriting.files.model_files import load_history
from handwriting.gui.common.actions import Actions
from handwriting.gui.common.plots import ProbabilityPlot
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.controllers.recognition_controller import RecognitionController
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.gui.personal.enrolment_dialog import EnrolmentDialog
from handwriting.gui.personal.samples_dialog import SamplesDialog
from handwriting.personal.schedule import TuneState

translate = QCoreApplication.translate
LEARN_FROM_ACCEPTED_KEY = "personal/learn_from_accepted"


class PersonalPresenter:
    """Connects the PersonalController to the window: corrections from digit keys and bar clicks, the dialogs,
    the status bar label, switching the personal model in when it is ready and out when it is forgotten."""

    def __init__(self, window: QMainWindow, actions: Actions, personal: PersonalController, models: ModelController,
                 recognition: RecognitionController, canvas: DrawingCanvas, bars: ProbabilityPlot,
                 status: StatusPresenter, settings: QSettings) -> None:
        self._window, self._personal, self._models = window, personal, models
        self._recognition, self._canvas, self._status = recognition, canvas, status
        self.enrolment: EnrolmentDialog | None = None
        self.samples: SamplesDialog | None = None
        self.broken_box: QMessageBox | None = None
        self.label = QLabel("")
        self.label.setObjectName("personalLabel")
        status.add_permanent(self.label, secondary=True)  # hidden while a retrain shows its progress
        for digit, action in enumerate(actions.correct):
            action.triggered.connect(lambda _=False, d=digit: self.correct(d))
        bars.barClicked.connect(self.correct)
        canvas.aboutToClear.connect(self._on_clearing)
        self._settings = settings
        wanted = str(settings.value(LEARN_FROM_ACCEPTED_KEY, "true")).lower() != "false"
        actions.learn_from_accepted.setChecked(wanted)
        personal.learn_from_accepted = wanted
        actions.learn_from_accepted.toggled.connect(self._set_learn_from_accepted)
        actions.learn_handwriting.triggered.connect(self.open_enrolment)
        actions.handwriting_samples.triggered.connect(self.open_samples)
        actions.forget_handwriting.triggered.connect(lambda: self.forget())  # not `checked` as `ask`
        personal.samples_changed.connect(lambda _count: self.update_label())
        personal.state_changed.connect(lambda _state: self.update_label())
        personal.progress.connect(self._on_progress)
        personal.notice.connect(status.show)
        personal.failed.connect(lambda message: status.warn(translate("Personal", "My handwriting"), message))
        personal.store_broken.connect(self._on_store_broken)
        personal.model_ready.connect(self._switch_in)
        personal.forgotten.connect(self._switch_out)
        models.loaded.connect(self._on_model_loaded)

    def start_path(self, path: Path) -> Path:
        """The model to open at start: never the personal model while its store cannot be read."""
        if self._personal.store is None and self._personal.is_personal(path):
            return self._personal.base_path
        return path

    # --- Corrections --------------------------------------------------------------------------------------

    def correct(self, digit: int) -> None:
        """ "The digit is `digit`": store the drawing on the canvas (once: see PersonalController.correct)."""
        content = self._recognition.content
        if content.kind == "sample":
            self._status.show(translate("Personal", "Only your own drawings are learnt: this is an MNIST test image"))
            return
        if self._canvas.is_empty() or self._recognition.current_prediction is None:
            self._status.show(translate("Personal", "Draw your {digit} first: a correction teaches the app your own handwriting").format(digit=digit))  # noqa: E501
            return
        self._personal.correct(self._canvas.pixels().copy(), digit, self._recognition.current_prediction)

    def take_back(self) -> bool:
        """Edit > Undo right after a correction takes the correction back, not a stroke."""
        if self._canvas.is_empty() or not self._personal.take_back(self._canvas.pixels()):
            return False
        message = translate("Personal", "Correction taken back: the drawing is not stored")
        self._status.show_about_content(message)  # it goes with the drawing
        return True

    def _on_clearing(self) -> None:
        """A drawing is being cleared: if its confident answer was let stand, it is kept (PersonalController.accept)."""
        if self._recognition.content.kind != "drawing" or not self._recognition.idle():
            return  # an MNIST sample or an image file is not the user's drawing; a stale answer is not theirs
        self._personal.accept(self._canvas.pixels(), self._recognition.current_prediction)

    def _set_learn_from_accepted(self, wanted: bool) -> None:
        self._personal.learn_from_accepted = wanted
        self._settings.setValue(LEARN_FROM_ACCEPTED_KEY, "true" if wanted else "false")
        if wanted:
            self._status.show(translate("Personal", "Drawings you clear without correcting are now kept to learn from"))
        else:
            self._status.show(translate("Personal", "Drawings you don't correct are no longer kept"))

    # --- Dialogs --------------------------------------------------------------------------------------------

    def open_enrolment(self) -> EnrolmentDialog:
        """Model > Learn my handwriting… (non-modal: the window stays usable)."""
        if self.enrolment is not None and self.enrolment.isVisible():
            self.enrolment.raise_()
            return self.enrolment
        self.enrolment = EnrolmentDialog(self._personal, self._window)
        self.enrolment.setAttribute(Qt.WA_DeleteOnClose)
        self.enrolment.destroyed.connect(lambda: setattr(self, "enrolment", None))
        self.enrolment.show()
        return self.enrolment

    def open_samples(self) -> SamplesDialog:
        """Model > My handwriting samples…"""
        if self.samples is not None and self.samples.isVisible():
            self.samples.raise_()
            return self.samples
        self.samples = SamplesDialog(self._personal, self._window)
        self.samples.setAttribute(Qt.WA_DeleteOnClose)
        self.samples.destroyed.connect(lambda: setattr(self, "samples", None))
        self.samples.show()
        return self.samples

    def forget(self, ask: bool = True) -> bool:
        """Model > Forget my handwriting: asks, then deletes the samples and the personal model."""
        personal = self._personal
        if ask:
            text = translate("Personal", "Delete all your handwriting samples ({count}) and the personal model?\n\n{store}\n{model}\n\nThe app goes back to the base model. This cannot be undone (export your samples first to keep a copy).")  # noqa: E501
            text = text.format(count=personal.count, store=personal.store_path, model=personal.model_path)
            answer = QMessageBox.question(self._window, translate("Personal", "Forget my handwriting?"), text,
                                          QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return False
        personal.forget()
        return True

    def _on_store_broken(self, message: str) -> None:
        text = translate("Personal", "{message}\n\nThe app uses the base model. Move the file aside and start a new, empty one? (The file is kept under another name.)").format(message=message)  # noqa: E501
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

    # --- The personal model in use --------------------------------------------------------------------------

    def _switch_in(self, path: Path) -> None:
        if self._models.blocked_by:
            self._status.show(translate("Personal", "Your personal model is ready; switch to it when {task} is over").format(task=self._models.blocked_by))  # noqa: E501
            return
        self._models.load(path)

    def _switch_out(self) -> None:
        if self._personal.is_personal(self._models.path):
            self._models.load(self._personal.base_path)
        self.update_label()

    def _on_model_loaded(self, recognizer) -> None:
        personal = self._personal
        if personal.is_personal(recognizer.path):
            base = load_history(recognizer.path).get("base_model")
            if base and Path(base).is_file() and not personal.is_personal(Path(base)):
                personal.base_path = Path(base)
        else:
            personal.base_path = recognizer.path
        self.update_label()

    def update_label(self) -> None:
        """ "Personal model: in use, learnt from 30 samples (32 stored)", or where learning is."""
        personal = self._personal
        if personal.store is None:
            text, tip = translate("Personal", "Your samples: unreadable"), personal.store_error or ""
        elif personal.state is not TuneState.IDLE:
            text = translate("Personal", "Learning your handwriting…")
            tip = translate("Personal", "A fine-tune runs in the background; keep drawing")
        else:
            known, count = personal.known_samples(), personal.count
            if personal.is_personal(self._models.path):
                text = translate("Personal", "Personal model: in use, learnt from {known} samples ({count} stored)")
            elif count:
                text = translate("Personal", "Personal model: not in use; samples stored: {count}")
            else:
                text = translate("Personal", "Personal model: none yet")
            text = text.format(known=known, count=count)
            tip = translate("Personal", "To teach it your handwriting: Model > Learn my handwriting…, or a digit key")
        self.label.setText(text)
        self.label.setToolTip(tip)

    def _on_progress(self, step: int, steps: int) -> None:
        percent = step * 100 // max(steps, 1)
        self.label.setText(translate("Personal", "Learning your handwriting… {percent}%").format(percent=percent))
