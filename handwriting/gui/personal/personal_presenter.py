"""The app's side of "learn my handwriting": menu commands, corrections, the status label, the dialogs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PyQt5.QtCore import QCoreApplication, QSettings
from PyQt5.QtWidgets import QLabel, QMainWindow

from handwriting.files.model_files import load_history
from handwriting.gui.common.actions import Actions
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.number_controller import NumberController
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.controllers.recognition_controller import RecognitionController
from handwriting.gui.draw.draw_panel import DrawPanel
from handwriting.gui.personal.consent_presenter import ConsentPresenter
from handwriting.gui.personal.personal_dialogs import PersonalDialogs
from handwriting.personal.schedule import TuneState

translate = QCoreApplication.translate


class PersonalPresenter(PersonalDialogs):
    """Connects the PersonalController to the window: corrections from digit keys and bar clicks, the dialogs,
    the status bar label, switching the personal model in when it is ready and out when it is forgotten.

    Also, through a ConsentPresenter, the question whether drawings may be kept; the corrected answer on the
    Draw tab until the drawing changes; and what Ctrl+Z takes back: what the last "kept" message said, while
    that is still true.
    """

    def __init__(self, window: QMainWindow, actions: Actions, personal: PersonalController, models: ModelController,
                 recognition: RecognitionController, panel: DrawPanel, status: StatusPresenter,
                 settings: QSettings, number: NumberController) -> None:
        self._window, self._personal, self._models, self._actions = window, personal, models, actions
        self._number = number  # in number mode, a correction is the selected digit's
        self._recognition, self._panel, self._canvas, self._status = recognition, panel, panel.canvas, status
        canvas = panel.canvas
        self.enrolment = self.samples = self.consent_box = self.broken_box = None  # the dialogs (PersonalDialogs)
        self._switched_in = self._switched_out = False  # a personal model is being loaded, or the base model again
        self.label = QLabel("")
        self.label.setObjectName("personalLabel")
        status.add_permanent(self.label, secondary=True)  # hidden while a retrain shows its progress
        self._corrected: tuple[np.ndarray, int] | None = None  # the drawing corrected last, and its digit
        self._undo_kind, self._undo_text = "", None  # what Ctrl+Z takes back as the message on screen says
        self._fresh = False  # a correction is the last thing done to the drawing: Ctrl+Z takes it back
        self._carried: int | None = None  # a lone digit's correction, for the one-digit number it is read as next
        for digit, action in enumerate(actions.correct):
            action.triggered.connect(lambda _=False, d=digit: self.correct(d))
        panel.bars.barClicked.connect(self.correct)
        canvas.aboutToClear.connect(self._on_clearing)
        canvas.drawingStarted.connect(self._drawn_on)  # another stroke: Ctrl+Z takes the stroke back now
        recognition.display.connect(lambda *_: self._drawn_on())  # a test image or a file replaced the drawing
        actions.number_mode.toggled.connect(self._mode_toggled)  # the digits are read anew
        number.shown.connect(self._on_number_shown)
        recognition.prediction_ready.connect(self._on_prediction)
        self.consent = ConsentPresenter(actions, personal, panel, status, settings, self._drawing)
        self.consent_bar = self.consent.bar
        personal.kept.connect(self._on_kept)
        actions.learn_handwriting.triggered.connect(self.open_enrolment)
        actions.stop_learning.triggered.connect(personal.stop_learning)
        actions.handwriting_samples.triggered.connect(self.open_samples)
        actions.forget_handwriting.triggered.connect(lambda: self.forget())  # not `checked` as `ask`
        personal.samples_changed.connect(lambda _count: self.update_label())
        personal.state_changed.connect(lambda _state: self.update_label())
        personal.progress.connect(self._on_progress)
        personal.notice.connect(status.show)
        personal.remark.connect(status.show_about_content)  # about the drawing: it goes when the drawing does
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

    def _drawing(self) -> np.ndarray | None:
        """The user's drawing on the canvas now (a view), None for an empty canvas, a test image or a file; in
        number mode, the drawing of the digit just corrected."""
        if self._recognition.content.kind != "drawing" or self._canvas.is_empty():
            return None
        return self._number.corrected_drawing() if self._number.active else self._canvas.read_pixels()

    # --- Corrections --------------------------------------------------------------------------------------

    def correct(self, digit: int) -> None:
        """ "The digit is `digit`": show it as the answer, and store the drawing (see PersonalController.correct)."""
        content = self._recognition.content
        if content.kind == "sample":
            self._status.show_about_content(
                translate("Personal", "Only your own drawings are learnt: this is an MNIST test image"))
            return
        if content.kind == "file":
            self._status.show_about_content(
                translate("Personal", "Only your own drawings are learnt: this is an image file"))
            return
        if self._number.active:
            self._correct_digit_of_number(digit)
            return
        prediction = self._recognition.current_prediction
        if self._canvas.is_empty() or prediction is None:
            text = translate("Personal", "Draw your {digit} first: a correction teaches the app your own handwriting")
            self._status.show_about_content(text.format(digit=digit))
            return
        drawing = self._canvas.read_pixels().copy()
        self._corrected = (drawing, digit)
        self._panel.show_correction(digit, prediction)
        self._personal.correct(drawing, digit, prediction)
        self._fresh = True

    def _correct_digit_of_number(self, digit: int) -> None:
        """Number mode: the selected digit is `digit` (shown so), and its drawing is stored as a correction."""
        corrected = self._number.correct(digit) if not self._canvas.is_empty() else None
        if corrected is None:
            self._status.show_about_content(
                translate("Personal", "Write a number first, then click the digit to correct and press its key"))
            return
        self._personal.correct(corrected[0], digit, corrected[1])
        self._fresh = True

    def _on_prediction(self, prediction, content) -> None:
        """The corrected drawing recognised again (another model, the language, its clear undone): still corrected."""
        corrected = self._corrected
        if corrected is not None and content.kind == "drawing" and not self._canvas.is_empty() \
                and np.array_equal(corrected[0], self._canvas.read_pixels()):
            self._panel.show_correction(corrected[1], prediction)

    def _on_kept(self, text: str, undo: str) -> None:
        """A drawing was kept: say so, and what Ctrl+Z takes back now ("correction", "accepted" or nothing)."""
        self._status.show(text)
        self._undo_kind, self._undo_text = undo, text

    def _drop_promise(self) -> None:
        """The drawing changed: Ctrl+Z no longer takes back what was kept, so the message saying so goes."""
        if self._undo_text is not None:
            self._status.withdraw(self._undo_text)
        self._undo_kind, self._undo_text = "", None

    def _mode_toggled(self, on: bool) -> None:
        """Number mode on or off: the digits are read anew (as after a stroke); a lone digit shown corrected stays
        corrected when number mode reads it as a number of one digit (the correction is stored once)."""
        drawing = None if self._canvas.is_empty() else self._canvas.read_pixels()
        shown = on and drawing is not None and self._correction_shown(drawing)  # number mode is not on yet
        self._drawn_on()
        self._carried = self._corrected[1] if shown and self._corrected is not None else None

    def _on_number_shown(self, shown) -> None:
        carried = self._carried
        if carried is not None and shown is not None:
            self._carried = None
            digits = [index for index in range(shown.count) if shown.digit(index) is not None]
            if len(digits) == 1 and not shown.corrected:  # one digit, and maybe a stray dot beside it
                self._number.select(digits[0])
                self._number.correct(carried)  # shown so; nothing stored again

    def _drawn_on(self) -> None:
        """A stroke, another mode, another image: Ctrl+Z is the canvas's again, not the last correction's, and what
        was said of the drawing before is stale."""
        self._carried = None
        self._drop_promise()
        self._status.content_changed()
        self._fresh = False

    def take_back(self) -> bool:
        """Edit > Undo right after a drawing was kept takes it back: a correction (the drawing stays), or an
        accepted drawing (its clear is undone: the drawing comes back, and is not kept). A correction that was not
        kept (before the user answered whether drawings may be kept, or after a no) is taken back the same way:
        the network's answer again, the drawing untouched."""
        if self._undo_kind == "accepted" and self._canvas.is_empty() and self._canvas.can_undo():
            self._undo_kind, self._undo_text = "", None
            self._canvas.undo()  # the drawing comes back
            if self._personal.take_back_accepted(self._canvas.read_pixels()):
                self._status.show(translate("Personal", "Not kept: the drawing is back and its sample deleted"))
            return True
        drawing = self._drawing()
        if drawing is None or not self._fresh:  # a stroke or a mode change since: Ctrl+Z is the canvas's again
            return False
        if not self._personal.take_back(drawing):
            if not self._correction_shown(drawing):
                return False
            self._personal.drop_waiting(drawing)  # not kept (no answer yet, or no): the question's correction goes
        self._undo_kind, self._undo_text, self._fresh = "", None, False
        self._show_network_answer()
        message = translate("Personal", "Correction taken back: the drawing is not stored")
        self._status.show_about_content(message)  # it goes with the drawing
        return True

    def _correction_shown(self, drawing: np.ndarray) -> bool:
        """Whether the answer shown for `drawing` is the user's correction (kept or not)."""
        if self._number.active:
            return self._number.corrected_drawing() is not None
        return self._corrected is not None and np.array_equal(self._corrected[0], drawing)

    def _show_network_answer(self) -> None:
        """A correction taken back: the network's answer is shown again where the user's was."""
        if self._number.active:
            self._number.take_back_correction()
            return
        self._corrected = None
        if self._recognition.current_prediction is not None:
            self._panel.show_prediction(self._recognition.current_prediction)

    def _on_clearing(self) -> None:
        """A drawing is being cleared: if its confident answer was let stand, it is kept (PersonalController.accept)."""
        self._drop_promise()  # a correction's "Ctrl+Z takes it back": Ctrl+Z now brings the drawing back
        if self._recognition.content.kind != "drawing" or not self._recognition.idle():
            return  # an MNIST sample or an image file is not the user's drawing; a stale answer is not theirs
        if self._number.active:
            return  # a number's digits are kept only when corrected
        self._personal.accept(self._canvas.read_pixels(), self._recognition.current_prediction)

    # --- The personal model in use --------------------------------------------------------------------------

    def _switch_in(self, path: Path) -> None:
        if self._models.blocked_by:
            text = translate("Personal", "Your personal model is ready; switch to it when {task} is over")
            self._status.show(text.format(task=self._models.blocked_by))
            return
        self._switched_in = True  # said once it is loaded
        self._models.load(path)

    def _switch_out(self) -> None:
        if self._personal.is_personal(self._models.path):
            self._switched_out = True  # "deleted" is said again once the base model is back, over "Model ready"
            self._models.load(self._personal.base_path)
        self.update_label()

    def _on_model_loaded(self, recognizer) -> None:
        personal, switched, self._switched_in = self._personal, self._switched_in, False
        if self._switched_out and not personal.is_personal(recognizer.path):
            self._switched_out = False
            text = translate("Personal", "Your samples and the personal model are deleted; back to {model}")
            self._status.show(text.format(model=recognizer.path.name))
        if personal.is_personal(recognizer.path):
            base = load_history(recognizer.path).get("base_model")
            if base and Path(base).is_file() and not personal.is_personal(Path(base)):
                personal.base_path = Path(base)
            if switched:
                self._status.show(translate("Personal", "Now using your personal model (Model > Revert goes back)"))
        else:
            personal.base_path = recognizer.path
        self.update_label()

    def retranslate(self) -> None:
        """The status label and the question in the current language."""
        self.consent.retranslate()
        self.update_label()

    def update_label(self) -> None:
        """ "Personal model: in use, learnt from 30 samples (32 stored)", or where learning is."""
        personal = self._personal
        self._actions.stop_learning.setEnabled(personal.state is not TuneState.IDLE)
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
