"""The user's handwriting in the app: consent, corrections, drawings let stand, forgetting it all."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.files import catalog
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.tuning_controller import TuningController
from handwriting.labels import NOT_A_DIGIT
from handwriting.personal.fine_tune import worth_keeping
from handwriting.personal.schedule import Due, RecentDrawings

translate = QCoreApplication.translate


class PersonalController(TuningController):
    """Owns, beside the store of the user's samples, the fine-tunes on them and the personal model
    (TuningController), which drawings are kept.

    Drawings are kept only once the user said yes (`consent`): until then a correction or a drawing let stand
    is not stored, and `consent_needed` asks the window to put the question. The correction that raised it
    waits, and is kept if the answer is yes while its drawing is still the one shown. `kept` says each time a
    drawing is kept, and whether Ctrl+Z takes it back.
    """

    forgotten = pyqtSignal()  # store cleared and personal model deleted: go back to the base model
    kept = pyqtSignal(str, str)  # a drawing was kept: the message; what Ctrl+Z takes back: correction, accepted or ""
    consent_needed = pyqtSignal()  # a drawing would be kept, but the user was never asked whether drawings may be

    def __init__(self, jobs: JobRunner, store_path: Path | None = None, model_path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(jobs, store_path, model_path, parent)
        self.recent = RecentDrawings()  # a drawing is stored once
        self.learn_from_accepted = True  # keep drawings whose confident answer the user let stand (a setting)
        self.consent: bool | None = None  # may drawings be kept? None: never asked. Nothing is kept until True
        self.waiting: tuple[np.ndarray, int, object] | None = None  # a correction made before the user was asked

    # --- The store ------------------------------------------------------------------------------------------

    def open(self) -> bool:
        """Open (or create) the store (StoreController.open); a correction made before is no longer Ctrl+Z's."""
        self.recent.correction = None
        return super().open()

    # --- Corrections and drawings let stand -----------------------------------------------------------

    def correct(self, canvas: np.ndarray, label: int, prediction=None) -> int | None:
        """ "The digit is 7": store the drawing; every CORRECTIONS_PER_TUNE corrections a fine-tune starts (schedule).

        The same, unchanged drawing corrected again is not stored twice: the same digit leaves its sample
        as it is ("Already stored as 7"), another digit relabels it ("Changed to 4").
        """
        again = self._correct_again(canvas, label)
        if again is not None:
            return again
        if self.consent is not True:
            self._not_kept(canvas, label, prediction)
            return None
        return self._store_correction(canvas, label, prediction)

    def _not_kept(self, canvas: np.ndarray, label: int, prediction) -> None:
        """A correction before the user said yes: nothing is stored; never asked, it waits for the answer."""
        if self.consent is None:
            self.waiting = (canvas.copy(), label, prediction)
            self.remark.emit(translate("Personal", "Corrected to {label}, not kept: say first whether your drawings "
                                                   "may be kept (the question on the Draw tab)").format(label=label))
            self.consent_needed.emit()
        else:
            self.remark.emit(translate("Personal", "Corrected to {label}, not kept, as you chose (Model > Keep my "
                                                   "drawings to learn from)").format(label=label))

    def set_consent(self, keep: bool, canvas: np.ndarray | None = None) -> int | None:
        """The user's answer: may drawings be kept? Returns the sample of the waiting correction, if kept now.

        With yes, the correction that waited for the answer is kept when `canvas`, the drawing shown now, is
        still its drawing: the user just made it. With no (or another drawing shown), it is dropped.
        """
        self.consent = keep
        waiting, self.waiting = self.waiting, None
        if keep and waiting is not None and canvas is not None and np.array_equal(waiting[0], canvas):
            return self._store_correction(*waiting)
        return None

    def _store_correction(self, canvas: np.ndarray, label: int, prediction) -> int | None:
        predicted = None if prediction is None else NOT_A_DIGIT if prediction.digit is None else prediction.digit
        sample_id = self.add(canvas, label, predicted, "correction")
        if sample_id is None:
            return None
        self.recent.corrected(sample_id, canvas, label)
        due = self.schedule.corrected()
        if due is Due.NOT_YET:
            left = self.schedule.corrections_left
            if left == 1:
                text = translate("Personal", "Stored as {label} (Ctrl+Z takes it back). 1 more correction until it "
                                             "learns them")
            else:
                text = translate("Personal", "Stored as {label} (Ctrl+Z takes it back). {left} more corrections "
                                             "until it learns them")
            self.kept.emit(text.format(label=label, left=left), "correction")
        elif due is Due.NOW:  # the fine-tune takes it at once: only the samples dialog takes it back now
            text = translate("Personal", "Stored as {label}; learning your handwriting in the background… (Model > "
                                         "My handwriting samples… deletes it)")
            self.kept.emit(text.format(label=label), "")
            self.learn()
        else:
            self.kept.emit(translate("Personal", "Stored as {label} (Ctrl+Z takes it back). It is learnt in the next "
                                                 "round").format(label=label), "correction")
        return sample_id

    def accept(self, canvas: np.ndarray, prediction) -> int | None:
        """The user let a sure answer stand (cleared the drawing without correcting it): keep it as a sample.

        Only once the user said yes (`consent`; never asked: `consent_needed`, and this drawing is not kept),
        with `learn_from_accepted` and a sure answer (personal.worth_keeping); never twice for the same
        drawing, nor for one just corrected, nor for the one shown when the user said to forget. Every
        ACCEPTED_PER_TUNE accepted drawings a fine-tune starts: they teach the model the user's everyday style.
        """
        if self.store is None or not self.learn_from_accepted or prediction is None or not worth_keeping(prediction):
            return None  # an unreadable store already said so once; it does not say it again at every clear
        if self.recent.seen(canvas):
            return None
        if self.consent is not True:
            if self.consent is None:
                self.consent_needed.emit()
            return None
        sample_id = self.add(canvas, prediction.digit, prediction.digit, "accepted")
        if sample_id is None:
            return None
        self.recent.kept(canvas, sample_id)
        digit = prediction.digit
        if self.schedule.accepted_drawing():
            self.recent.accepted_id = None  # learnt at once: only the samples dialog takes it back now
            text = translate("Personal", "Kept your {digit}; learning your handwriting from your last {count} "
                                         "drawings in the background… (Model > My handwriting samples… deletes it)")
            self.kept.emit(text.format(digit=digit, count=self.schedule.accepted), "")
            self.learn()
        else:
            text = translate("Personal", "Kept your {digit} to learn from — Ctrl+Z takes it back")
            self.kept.emit(text.format(digit=digit), "accepted")
        return sample_id

    def take_back_accepted(self, canvas: np.ndarray) -> bool:
        """Undo keeping the last accepted drawing: `canvas` is that drawing again (its clear undone), no fine-tune
        has taken it yet. Cleared again, it is not kept again."""
        sample_id = self.recent.accepted_of(canvas)
        if sample_id is None or not self.schedule.can_take_back_accepted or not self._usable():
            return False
        self.recent.accepted_id = None
        if self.store.remove(sample_id):
            self.schedule.accepted_taken_back()
            self._changed()
        return True

    def _correct_again(self, canvas: np.ndarray, label: int) -> int | None:
        """The sample of the last correction when `canvas` is its drawing, unchanged (relabelled to `label`)."""
        last = self.recent.correction_of(canvas)
        if last is None or self.store is None:
            return None
        if not self.store.relabel(last.sample_id, label):  # deleted meanwhile (samples dialog): store it anew
            return None
        stored, last.label = last.label, label
        if label == stored:
            self.remark.emit(translate("Personal", "Already stored as {label}").format(label=label))
        else:
            self._changed()
            self.remark.emit(translate("Personal", "Changed to {label}").format(label=label))
        return last.sample_id

    def take_back(self, canvas: np.ndarray) -> bool:
        """Undo the last correction while its drawing is unchanged and no fine-tune has taken it yet."""
        last = self.recent.correction
        if last is None or not self.schedule.can_take_back or not self._usable() or not last.is_of(canvas):
            return False
        self.recent.correction = None
        if self.store.remove(last.sample_id):
            self.schedule.taken_back()
            self._changed()
        return True

    def drop_waiting(self, canvas: np.ndarray) -> bool:
        """A correction not kept (made before the user answered) taken back: it no longer waits for the answer."""
        if self.waiting is None or not np.array_equal(self.waiting[0], canvas):
            return False
        self.waiting = None
        return True

    def forget(self, canvas: np.ndarray | None = None) -> None:
        """Delete every sample and the personal model; `forgotten` tells the app to go back to the base model.

        `canvas`, the drawing shown now, is forgotten too: cleared or corrected before, it is never kept after.
        A correction waiting for the user's answer is dropped.
        """
        self.cancel()
        had_model = self.has_model()
        if self.store is not None:
            self.store.clear()
        catalog.delete_model(self.model_path)
        self.schedule.forgotten()
        self.recent = RecentDrawings.after_forgetting(canvas)
        self.waiting = None
        self._changed()
        if had_model:
            self.notice.emit(translate("Personal", "Your handwriting samples and the personal model are deleted"))
        else:
            self.notice.emit(translate("Personal", "Your handwriting samples are deleted"))
        self.forgotten.emit()
