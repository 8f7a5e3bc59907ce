"""The user's handwriting in the app: consent, corrections, background fine-tunes, the personal model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.files import catalog
from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.files.paths import user_paths
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.store_controller import StoreController
from handwriting.labels import NOT_A_DIGIT
from handwriting.personal.fine_tune import fine_tune_job, worth_keeping
from handwriting.personal.schedule import Due, FineTuneSchedule, RecentDrawings, TuneState

translate = QCoreApplication.translate


class PersonalController(StoreController):
    """Owns, beside the store of the user's samples (StoreController), when to fine-tune (a FineTuneSchedule)
    and the personal model.

    Drawings are kept only once the user said yes (`consent`): until then a correction or a drawing let stand
    is not stored, and `consent_needed` asks the window to put the question. The correction that raised it
    waits, and is kept if the answer is yes while its drawing is still the one shown. `kept` says each time a
    drawing is kept, and whether Ctrl+Z takes it back.

    Fine-tunes run as jobs of a JobRunner when the schedule says one is due. `model_ready` hands a new
    personal model to whoever loads models.
    """

    state_changed = pyqtSignal(object)  # TuneState
    progress = pyqtSignal(int, int)  # steps done, steps
    model_ready = pyqtSignal(object)  # Path of the new personal model: switch to it
    enrolment_measured = pyqtSignal(object)  # the job's summary: before, after, held_back
    forgotten = pyqtSignal()  # store cleared and personal model deleted: go back to the base model
    kept = pyqtSignal(str, str)  # a drawing was kept: the message; what Ctrl+Z takes back: correction, accepted or ""
    consent_needed = pyqtSignal()  # a drawing would be kept, but the user was never asked whether drawings may be

    def __init__(self, jobs: JobRunner, store_path: Path | None = None, model_path: Path | None = None,
                 parent: QObject | None = None) -> None:
        paths = user_paths()
        super().__init__(Path(store_path or paths.personal_store), parent)
        self.model_path = Path(model_path or paths.personal_model)
        self.base_path: Path = DEFAULT_MODEL_PATH  # the model fine-tunes start from
        self.schedule = FineTuneSchedule()
        self.recent = RecentDrawings()  # a drawing is stored once
        self.learn_from_accepted = True  # keep drawings whose confident answer the user let stand (a setting)
        self.consent: bool | None = None  # may drawings be kept? None: never asked. Nothing is kept until True
        self.waiting: tuple[np.ndarray, int, object] | None = None  # a correction made before the user was asked
        self._jobs = jobs
        jobs.progress.connect(lambda _epoch, step, steps, _loss: self.progress.emit(step, steps))
        jobs.finished.connect(self._on_finished)
        jobs.failed.connect(self._on_failed)

    @property
    def state(self) -> TuneState:
        """Whether a fine-tune runs, and which."""
        return self.schedule.state

    @property
    def pending(self) -> int:
        """Corrections since the last fine-tune started."""
        return self.schedule.corrections

    @property
    def accepted_pending(self) -> int:
        """Accepted drawings since the last fine-tune started."""
        return self.schedule.accepted

    # --- The store's changes that concern the rest ------------------------------------------------------

    def open(self) -> bool:
        """Open (or create) the store (StoreController.open); a correction made before is no longer Ctrl+Z's."""
        self.recent.correction = None
        return super().open()

    def relabel(self, sample_id: int, label: int) -> bool:
        """Correct a sample's label: it counts as a correction."""
        if not super().relabel(sample_id, label):
            return False
        self.schedule.labelled()
        return True

    def import_from(self, path: str | Path) -> int:
        """Add the samples of another store file (they count as corrections); returns how many were new."""
        added = super().import_from(path)
        self.schedule.labelled(added)
        return added

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
            self.notice.emit(translate("Personal", "Corrected to {label}, not kept: say first whether your drawings "
                                                   "may be kept (the question on the Draw tab)").format(label=label))
            self.consent_needed.emit()
        else:
            self.notice.emit(translate("Personal", "Corrected to {label}, not kept, as you chose (Model > Keep my "
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
            self.notice.emit(translate("Personal", "Already stored as {label}").format(label=label))
        else:
            self._changed()
            self.notice.emit(translate("Personal", "Changed to {label}").format(label=label))
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

    # --- Fine-tunes ---------------------------------------------------------------------------------------

    def learn(self, held_back: tuple[int, ...] = ()) -> bool:
        """Fine-tune on every sample (but `held_back`, which are measured on) in the background.

        While a fine-tune runs, the schedule queues this one behind it (an enrolment's is not queued).
        """
        if not self._usable() or self.count == 0 or not self.schedule.start(enrolment=bool(held_back)):
            return False
        self.state_changed.emit(self.state)
        kwargs = {"store": str(self.store_path), "out": str(self.model_path), "base": str(self.base_path)}
        self._jobs.start(fine_tune_job, {**kwargs, "held_back": tuple(held_back)})
        return True

    def finish_enrolment(self, held_back: tuple[int, ...]) -> bool:
        """Learn the enrolment's drawings but `held_back` (not empty); measure; then learn every sample."""
        return self.learn(held_back)

    def _on_finished(self, summary: dict) -> None:  # the runner reports only the job it was last given
        measured = self.state is TuneState.ENROLMENT
        again = self.schedule.finished()
        self.state_changed.emit(self.state)
        if summary.get("saved_to"):
            self.model_ready.emit(Path(summary["saved_to"]))
        if measured:
            self.enrolment_measured.emit(summary)
        if again:
            self.learn()

    def _on_failed(self, message: str) -> None:
        self.schedule.failed()
        self.state_changed.emit(self.state)
        self.failed.emit(translate("Personal", "Learning your handwriting failed: {error}").format(error=message))

    def cancel(self) -> None:
        """Stop a running fine-tune; the personal model in use stays."""
        if self.schedule.running:
            self._jobs.abandon()
            self.schedule.cancelled()
            self.state_changed.emit(self.state)

    def shutdown(self) -> None:
        """Stop a running fine-tune and end its process or thread (the window is closing)."""
        self.cancel()
        self._jobs.shutdown()

    # --- The personal model ---------------------------------------------------------------------------------

    def has_model(self) -> bool:
        """True when a personal model file exists."""
        return self.model_path.is_file()

    def known_samples(self) -> int:
        """How many samples the personal model was tuned on (0 without one)."""
        return int(load_history(self.model_path).get("samples", 0)) if self.has_model() else 0

    def is_personal(self, path: Path | None) -> bool:
        """True for the personal model's file."""
        return path is not None and Path(path) == self.model_path

    def forget(self, canvas: np.ndarray | None = None) -> None:
        """Delete every sample and the personal model; `forgotten` tells the app to go back to the base model.

        `canvas`, the drawing shown now, is forgotten too: cleared or corrected before, it is never kept after.
        A correction waiting for the user's answer is dropped.
        """
        self.cancel()
        if self.store is not None:
            self.store.clear()
        catalog.delete_model(self.model_path)
        self.schedule.forgotten()
        self.recent = RecentDrawings.after_forgetting(canvas)
        self.waiting = None
        self._changed()
        self.notice.emit(translate("Personal", "Your handwriting samples and the personal model are deleted"))
        self.forgotten.emit()
