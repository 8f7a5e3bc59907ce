"""How a training run is executed, behind one small interface (TrainingBackend), and the worker-thread backend.

The app's default, ProcessTrainingBackend (process_backend.py), runs each retrain in a child process;
ThreadTrainingBackend trains on a worker thread instead, for comparison (HANDWRITING_TRAINING_BACKEND=thread).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PyQt5.QtCore import QObject, pyqtSignal

from handwriting.gui.controllers.gc_policy import deferred_full_collections, freeze_libraries
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.jobs.monitor import JobMonitor
from handwriting.training.config import TrainConfig
from handwriting.training.recipe import run_training

BATCH_SIGNAL_INTERVAL_S = 0.05  # at most 20 progress signals a second reach the GUI thread
TRAINING_KEY = "training"


@dataclass(frozen=True)
class TrainingSummary:
    """The part of a TrainResult the GUI needs (the model itself is reloaded from disk)."""

    cancelled: bool
    saved_to: Path | None
    history: dict


class TrainingBackend(QObject):
    """The seam between the TrainingController and whatever runs `run_training` (a thread, a process...).

    A backend runs one run at a time and reports it through these signals, on the GUI thread. After
    `cancel()` it reports nothing more about that run, except `finished`/`failed` when the run has
    really ended (a cancelled run saves nothing); `shutdown()` ends everything and waits.
    """

    started = pyqtSignal(int, int)  # epochs, steps per epoch: the first batch is being prepared
    progress = pyqtSignal(int, int, int, float)  # epoch (from 0), batches done, steps per epoch, loss
    epoch_finished = pyqtSignal(object)  # the epoch's history record
    finished = pyqtSignal(object)  # a TrainingSummary
    failed = pyqtSignal(str)  # a message for the user
    needs_data = True  # False: the backend reads MNIST itself, so the controller need not load it first

    def start(self, config: TrainConfig, out: Path, mnist=None) -> None:
        """Start a run saving to `out`; `mnist` (the loaded arrays) saves reading the files again."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Ask the run to stop after the current batch; its model is never saved."""
        raise NotImplementedError

    def abandon(self) -> None:
        """Stop the run and forget it: it ends in the background, saves nothing and reports nothing."""
        raise NotImplementedError

    def busy(self) -> bool:
        """True while a run (a cancelled one included) still occupies the backend."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Stop the run and wait until it has ended."""
        raise NotImplementedError


class _RunSignals(QObject):
    """The signals of one run, emitted on the training thread."""

    started = pyqtSignal(int, int)
    progress = pyqtSignal(int, int, int, float)
    epoch_finished = pyqtSignal(object)


class QtTrainingMonitor(JobMonitor):
    """Turns the training hooks (called on the training thread) into Qt signals, throttling batch progress.

    Once a stop is requested, nothing more is emitted: a cancelled run goes quiet at once.
    """

    def __init__(self, interval_s: float = BATCH_SIGNAL_INTERVAL_S) -> None:
        super().__init__()
        self.signals = _RunSignals()
        self._interval = interval_s
        self._last = 0.0

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        """Forward as `started`."""
        if not self.stop_requested:
            self.signals.started.emit(epochs, steps_per_epoch)

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Forward as `progress`, at most every `interval_s` and always for the first and last batch of an epoch."""
        now = time.monotonic()
        edge = step == 0 or step + 1 >= steps_per_epoch
        if self.stop_requested or (now - self._last < self._interval and not edge):
            return
        self._last = now
        self.signals.progress.emit(epoch, step + 1, steps_per_epoch, float(logs.get("loss", float("nan"))))

    def on_epoch(self, record: dict) -> None:
        """Forward as `epoch_finished`."""
        if not self.stop_requested:
            self.signals.epoch_finished.emit(dict(record))


def train_on_thread(config: TrainConfig, out: Path, mnist, monitor: JobMonitor) -> TrainingSummary:
    """The training task: train (on the loaded MNIST when given) and save atomically unless cancelled."""
    from handwriting.digits.mnist import make_splits

    splits = make_splits(mnist) if mnist is not None else None
    freeze_libraries()
    with deferred_full_collections():
        result = run_training(config, out=out, monitor=monitor, splits=splits)
    return TrainingSummary(result.cancelled, result.saved_to, result.history)


class ThreadTrainingBackend(TrainingBackend):
    """Runs `run_training` on the task runner's training thread, in this process."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._monitor: QtTrainingMonitor | None = None

    def start(self, config: TrainConfig, out: Path, mnist=None) -> None:
        """Submit the training task (it waits for a cancelled run still winding down)."""
        monitor = self._monitor = QtTrainingMonitor()
        monitor.signals.started.connect(self.started)
        monitor.signals.progress.connect(self.progress)
        monitor.signals.epoch_finished.connect(self.epoch_finished)
        self._runner.submit(
            TRAINING_KEY, train_on_thread, config, Path(out), mnist, monitor,
            on_done=self.finished.emit, on_failed=self.failed.emit, stop=monitor.request_stop,
        )

    def cancel(self) -> None:
        """Stop the run after the current batch (a threading.Event: no event loop involved)."""
        if self._monitor is not None:
            self._monitor.request_stop()

    def abandon(self) -> None:
        """Stop the run and drop its result: it ends in the background and reports nothing."""
        self._runner.cancel(TRAINING_KEY)
        self._monitor = None

    def busy(self) -> bool:
        """True while the training thread runs a task."""
        return self._runner.busy(TRAINING_KEY)

    def shutdown(self) -> None:
        """Stop the run; the task runner's shutdown waits for the thread."""
        self.abandon()
