"""Fine-tunes on the user's samples in the background, when they are due, and the personal model they make."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.files.paths import user_paths
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.store_controller import StoreController
from handwriting.personal.fine_tune import fine_tune_job
from handwriting.personal.schedule import FineTuneSchedule, TuneState

translate = QCoreApplication.translate


class TuningController(StoreController):
    """Owns, beside the store of the user's samples (StoreController), when to fine-tune (a FineTuneSchedule)
    and the personal model.

    Fine-tunes run as jobs of a JobRunner when the schedule says one is due. `model_ready` hands a new
    personal model to whoever loads models.
    """

    state_changed = pyqtSignal(object)  # TuneState
    progress = pyqtSignal(int, int)  # steps done, steps
    model_ready = pyqtSignal(object)  # Path of the new personal model: switch to it
    enrolment_measured = pyqtSignal(object)  # the job's summary: before, after, held_back
    stopped = pyqtSignal()  # a running fine-tune was cancelled: no model comes of it

    def __init__(self, jobs: JobRunner, store_path: Path | None = None, model_path: Path | None = None,
                 parent: QObject | None = None) -> None:
        paths = user_paths()
        super().__init__(Path(store_path or paths.personal_store), parent)
        self.model_path = Path(model_path or paths.personal_model)
        self.base_path: Path = DEFAULT_MODEL_PATH  # the model fine-tunes start from
        self.schedule = FineTuneSchedule()
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

    # --- The store's changes that count as corrections ---------------------------------------------

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
            self.stopped.emit()

    def stop_learning(self) -> None:
        """The user stops the running fine-tune (Model > Stop learning my handwriting, the enrolment's button)."""
        if self.schedule.running:
            self.cancel()
            self.notice.emit(translate("Personal", "Stopped learning your handwriting. Your samples and the model in "
                                                   "use are kept."))

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
