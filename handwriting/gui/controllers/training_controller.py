"""Retraining: one run at a time, a state machine, and the job runner that runs it (views see signals only)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, pyqtSignal

from handwriting.digits.drawn import TrainingCounts
from handwriting.files import catalog
from handwriting.gui import wording
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.training_images import TrainingImages, train_limit_from_environment
from handwriting.training.config import TrainConfig
from handwriting.training.recipe import run_training, train_job

translate = QCoreApplication.translate
ALREADY_TRAINING = QT_TRANSLATE_NOOP("Training", "Already training: wait for the run to finish, or cancel it")


class TrainingState(Enum):
    """Where a run is: nothing runs; data, TensorFlow and the first batch are prepared; batches run; stopping."""

    IDLE = "idle"
    PREPARING = "preparing"
    RUNNING = "running"
    CANCELLING = "cancelling"


@dataclass(frozen=True)
class TrainingSummary:
    """The part of a TrainResult the GUI needs (the model itself is reloaded from disk)."""

    cancelled: bool
    saved_to: Path | None
    history: dict

    @classmethod
    def of(cls, value: dict | None) -> TrainingSummary:
        """The summary of a retrain job's value (train_job's or train_loaded's; None: stopped before it returned)."""
        if value is None:
            return cls(True, None, {})
        saved = value["saved_to"]
        return cls(bool(value["cancelled"]), Path(saved) if saved else None, value["history"])


def train_loaded(monitor, config: TrainConfig, out: Path, mnist=None) -> dict:
    """The retrain job in this process: on MNIST as loaded here (when given), saved atomically unless cancelled."""
    from handwriting.digits.mnist import make_splits

    splits = make_splits(mnist) if mnist is not None else None
    result = run_training(config, out=out, monitor=monitor, splits=splits)
    return {"cancelled": result.cancelled, "saved_to": result.saved_to, "history": result.history}


class TrainingController(QObject):
    """Owns the training state; the job runner runs the run (in a child process, or on a thread).

    Views see only the signals and the slots `start(config, out)` and `cancel()`. Cancelling while the
    run is still being prepared (data, TensorFlow, tracing the first batch: seconds) is immediate: the
    run is abandoned and ends in the background, saving nothing. Once batches run, a cancel stops
    after the current batch.
    """

    state_changed = pyqtSignal(object)  # TrainingState
    progress = pyqtSignal(int, int, int)  # epoch (from 0), batches done, steps per epoch
    epoch_finished = pyqtSignal(object)  # the epoch's history record
    finished = pyqtSignal(object)  # TrainingSummary (cancelled or saved)
    failed = pyqtSignal(str)
    notice = pyqtSignal(str)

    def __init__(self, jobs: JobRunner, data: MnistSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._data = data
        self.state = TrainingState.IDLE
        self.images = TrainingImages(train_limit_from_environment())
        self.config: TrainConfig | None = None
        self.out: Path | None = None
        self.steps = 0
        self.last_loss = float("nan")
        jobs.started.connect(self._on_started)
        jobs.progress.connect(self._on_progress)
        jobs.epoch_finished.connect(self._on_epoch)
        jobs.finished.connect(lambda value: self._on_finished(TrainingSummary.of(value)))
        jobs.failed.connect(self._on_failed)

    def _set_state(self, state: TrainingState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    def running(self) -> bool:
        """True from start() until the run has ended (or was abandoned)."""
        return self.state is not TrainingState.IDLE

    @property
    def default_train_limit(self) -> int | None:
        """HANDWRITING_TRAIN_LIMIT's limit, used by a run whose config sets none."""
        return self.images.default_limit

    @default_train_limit.setter
    def default_train_limit(self, limit: int | None) -> None:
        self.images.default_limit = limit

    def counts(self, config: TrainConfig | None = None, limited: bool = True) -> TrainingCounts:
        """What a run with `config` trains on (with the environment's limit unless `limited` is False)."""
        return self.images.counts(config, limited)

    def images_used(self, config: TrainConfig | None = None) -> int:
        """How many training images a run with `config` (and the environment's limit) uses."""
        return self.images.used(config)

    def images_text(self, config: TrainConfig | None = None) -> str:
        """How many images a run uses and where they come from, in words, for the retrain dialog."""
        return self.images.text(config)

    # --- Slots ----------------------------------------------------------------------------------------

    def start(self, config: TrainConfig | None = None, out: str | Path | None = None) -> bool:
        """Start a run saving to `out` (default: a new dated model in the user's models folder).

        Refused (False, with a notice) while a run is in progress; the shipped model is never a target.
        """
        if self.running():
            self.notice.emit(translate("Training", ALREADY_TRAINING))
            return False
        config = config or TrainConfig()
        if config.train_limit is None and self.default_train_limit is not None:
            config = replace(config, train_limit=self.default_train_limit)
        if out is None:
            out = catalog.user_model_path(catalog.unused_name(catalog.default_model_name()))
        try:
            config.validate()
            if catalog.is_shipped(out):
                raise ValueError(
                    translate(
                        "Training", "{model} is the shipped model, which is read-only: save under another name"
                    ).format(model=out.name)
                )
        except ValueError as exc:
            self.failed.emit(str(exc))
            return False
        self.config, self.out, self.steps = config, Path(out), 0
        self._set_state(TrainingState.PREPARING)
        self.notice.emit(
            translate("Training", "Preparing to train {preset} for {epochs}…").format(
                preset=config.preset, epochs=wording.epochs(config.epochs)
            )
        )
        if self._jobs.in_process:  # it trains on the arrays loaded here
            self._data.when_ready(self._launch, self._on_failed)
        else:
            self._launch()
        return True

    def cancel(self) -> None:
        """Stop the run: at once while it is being prepared, after the current batch once batches run."""
        if self.state is TrainingState.PREPARING:
            self._data.forget(self._launch)
            self._jobs.abandon()
            self._end(TrainingSummary(True, None, {}))
        elif self.state is TrainingState.RUNNING:
            self._set_state(TrainingState.CANCELLING)
            self.notice.emit(translate("Training", "Cancelling training…"))
            self._jobs.cancel()

    def shutdown(self) -> None:
        """Stop any run (the task runner's shutdown waits for its thread)."""
        self._data.forget(self._launch)
        self._jobs.shutdown()
        self.state = TrainingState.IDLE

    # --- From the job runner ----------------------------------------------------------------------------

    def _launch(self) -> None:
        if self.state is not TrainingState.PREPARING:
            return
        if self._jobs.in_process:
            self._jobs.start(train_loaded, {"config": self.config, "out": self.out, "mnist": self._data.mnist})
        else:  # a child process reads MNIST itself: the window sends nothing big over
            self._jobs.start(train_job, {"config": self.config, "out": self.out})

    def _on_started(self, epochs: int, steps: int) -> None:
        if self.state is TrainingState.PREPARING:
            self.steps = steps
            self.notice.emit(
                translate("Training", "Preparing the first batch of {epochs} × {steps}…").format(
                    epochs=wording.epochs(epochs), steps=wording.batches(steps)
                )
            )

    def _on_progress(self, epoch: int, step: int, steps: int, loss: float) -> None:
        if self.state is TrainingState.PREPARING:
            self._set_state(TrainingState.RUNNING)
            self.notice.emit(
                translate("Training", "Training: {epochs} of {steps}").format(
                    epochs=wording.epochs(self.config.epochs), steps=wording.batches(steps)
                )
            )
        if self.state is TrainingState.RUNNING:
            self.steps, self.last_loss = steps, loss
            self.progress.emit(epoch, step, steps)

    def _on_epoch(self, record: dict) -> None:
        if self.state is TrainingState.RUNNING:
            self.epoch_finished.emit(record)
            accuracy = record.get("val_accuracy", float("nan"))
            self.notice.emit(
                translate("Training", "Epoch {epoch}/{epochs}: validation accuracy {accuracy:.2%}").format(
                    epoch=record.get("epoch"), epochs=self.config.epochs, accuracy=accuracy
                )
            )

    def _on_finished(self, summary: TrainingSummary) -> None:
        if self.running():
            self._end(summary)

    def _on_failed(self, message: str) -> None:
        if self.running():
            self._set_state(TrainingState.IDLE)
            self.failed.emit(message)

    def _end(self, summary: TrainingSummary) -> None:
        self._set_state(TrainingState.IDLE)
        if summary.cancelled:
            self.notice.emit(translate("Training", "Training cancelled; the model in use is unchanged."))
        self.finished.emit(summary)
