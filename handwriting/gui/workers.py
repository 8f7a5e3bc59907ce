"""Background work: QObject workers that run in a QThread and only talk to the GUI through signals."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QObject, Qt, QThread, pyqtSignal, pyqtSlot

from handwriting.errors import HandwritingError
from handwriting.training import TrainConfig, TrainingMonitor, run_training

BATCH_SIGNAL_INTERVAL_S = 0.05  # at most 20 progress signals a second reach the GUI thread


@dataclass(frozen=True)
class Outcome:
    """What a background job produced: `value`, or `error` (a message for the user)."""

    value: object = None
    error: str | None = None
    tag: object = None

    @property
    def ok(self) -> bool:
        """True when the job succeeded."""
        return self.error is None


def describe_error(exc: BaseException) -> str:
    """A one-line message for the user; unexpected errors also print their traceback to stderr."""
    if isinstance(exc, HandwritingError | ValueError):
        return str(exc)
    traceback.print_exception(exc, file=sys.stderr)
    return f"unexpected error: {type(exc).__name__}: {exc}"


class Worker(QObject):
    """Base worker: `run` is invoked in the thread; `done` carries an Outcome back."""

    done = pyqtSignal(object)

    def __init__(self, tag: object = None) -> None:
        super().__init__()
        self.tag = tag

    def work(self) -> object:
        """The job itself, run on the worker thread; its result becomes Outcome.value."""
        raise NotImplementedError

    @pyqtSlot()
    def run(self) -> None:
        """Run the job and emit `done`; never raises."""
        try:
            outcome = Outcome(value=self.work(), tag=self.tag)
        except Exception as exc:  # reported to the user, never a crash of the app
            outcome = Outcome(error=describe_error(exc), tag=self.tag)
        # Hand the object back to the GUI thread, so it is deleted where it is used.
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        self.done.emit(outcome)


class FunctionWorker(Worker):
    """Runs one callable (loading a model, loading MNIST, evaluating)."""

    def __init__(self, job: Callable[[], object], tag: object = None) -> None:
        super().__init__(tag)
        self._job = job

    def work(self) -> object:
        """Call the job."""
        return self._job()


class QtTrainingMonitor(TrainingMonitor):
    """Turns the training hooks (called on the training thread) into the worker's Qt signals.

    Batch progress is throttled, so the GUI thread gets few events and the training thread
    spends little time holding the GIL for them.
    """

    def __init__(self, worker: TrainingWorker, interval_s: float = BATCH_SIGNAL_INTERVAL_S) -> None:
        super().__init__()
        self._worker = worker
        self._interval = interval_s
        self._last = 0.0

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        """Forward as `started`."""
        self._worker.started.emit(epochs, steps_per_epoch)

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Forward as `progress`, at most every `interval_s` and always for an epoch's last batch."""
        now = time.monotonic()
        if now - self._last < self._interval and step + 1 < steps_per_epoch:
            return
        self._last = now
        loss = logs.get("loss", float("nan"))
        self._worker.progress.emit(epoch, step + 1, steps_per_epoch, float(loss))

    def on_epoch(self, record: dict) -> None:
        """Forward as `epochFinished`."""
        self._worker.epochFinished.emit(dict(record))


@dataclass(frozen=True)
class TrainingSummary:
    """The part of a TrainResult the GUI needs (the model itself is reloaded from disk)."""

    cancelled: bool
    saved_to: Path | None
    history: dict


class TrainingWorker(Worker):
    """Runs `run_training` with a QtTrainingMonitor; `request_stop` is safe to call from any thread."""

    started = pyqtSignal(int, int)  # epochs, steps per epoch
    progress = pyqtSignal(int, int, int, float)  # epoch (from 0), batches done, steps per epoch, loss
    epochFinished = pyqtSignal(object)  # the epoch's history record

    def __init__(self, config: TrainConfig, out: Path, mnist=None, data_path: Path | None = None) -> None:
        super().__init__(tag="training")
        self.config = config
        self.out = Path(out)
        self._mnist = mnist
        self._data_path = data_path
        self.monitor = QtTrainingMonitor(self)

    def request_stop(self) -> None:
        """Stop after the current batch (sets a threading.Event; no queued call involved)."""
        self.monitor.request_stop()

    def work(self) -> TrainingSummary:
        """Train (on the cached MNIST when given), save atomically unless cancelled."""
        from handwriting.data import make_splits

        splits = make_splits(self._mnist) if self._mnist is not None else None
        result = run_training(self.config, data_path=self._data_path, out=self.out, monitor=self.monitor, splits=splits)
        return TrainingSummary(result.cancelled, result.saved_to, result.history)


class Job(QObject):
    """A worker and the QThread it runs in, started at once; the owner keeps the Job referenced."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker
        self.thread = QThread(self)
        self.thread.setObjectName(f"{type(worker).__name__}Thread")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit from the worker thread itself, so stopping never needs the GUI event loop.
        worker.done.connect(self.thread.quit, Qt.DirectConnection)
        self.thread.start()

    def running(self) -> bool:
        """True until the thread has finished."""
        return not self.thread.isFinished()

    def stop(self) -> None:
        """Quit the thread's event loop and wait for the job to return."""
        if isinstance(self.worker, TrainingWorker):
            self.worker.request_stop()
        self.thread.quit()
        self.thread.wait()
