"""Background work: QObject workers that run in a QThread and only talk to the GUI through signals."""

from __future__ import annotations

import gc
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


def freeze_long_lived_objects() -> None:
    """Exclude every object alive now from future garbage collections (gc.freeze).

    With TensorFlow and Keras loaded, a full collection walks about 300,000 objects while holding
    the GIL for 150-450 ms, whichever thread triggers it: the GUI would freeze that long, typically
    while a training run traces its validation step. Called once the model is loaded and before a
    training run, when nearly all live objects (modules, the TensorFlow runtime, the model in use)
    live as long as the app. The price: reference cycles of a model replaced later are not
    reclaimed, a few MB per swap, no more than TensorFlow itself retains per loaded model.
    """
    gc.freeze()


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
        freeze_long_lived_objects()
        result = run_training(self.config, data_path=self._data_path, out=self.out, monitor=self.monitor, splits=splits)
        return TrainingSummary(result.cancelled, result.saved_to, result.history)


class _PredictionWorker(QObject):
    """Runs recognition jobs on the prediction thread."""

    done = pyqtSignal(object)  # Outcome whose tag is (sequence number, caller's tag)

    @pyqtSlot(object)
    def run(self, request: tuple) -> None:
        """Run one (sequence, job, tag) request."""
        sequence, job, tag = request
        try:
            outcome = Outcome(value=job(), tag=(sequence, tag))
        except Exception as exc:  # shown in the status bar, never a crash
            outcome = Outcome(error=describe_error(exc), tag=(sequence, tag))
        self.done.emit(outcome)


class Predictor(QObject):
    """Recognition off the GUI thread: one job at a time on a long-lived thread, the latest waiting job wins.

    While TensorFlow trains in another thread, an inference call can wait 100-200 ms for the CPU;
    running it here keeps drawing smooth. `ready(tag, value)` and `failed(tag, message)` are emitted
    on the GUI thread, in submission order.
    """

    ready = pyqtSignal(object, object)
    failed = pyqtSignal(object, str)
    _submit = pyqtSignal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("PredictionThread")
        self._worker = _PredictionWorker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        self._sequence = 0
        self._running = False
        self._waiting: tuple | None = None

    def submit(self, job: Callable[[], object], tag: object = None) -> None:
        """Run `job` on the prediction thread; a job still waiting for its turn is replaced by this one."""
        self._sequence += 1
        request = (self._sequence, job, tag)
        if self._running:
            self._waiting = request
        else:
            self._running = True
            self._submit.emit(request)

    def discard_waiting(self) -> None:
        """Drop the job waiting for its turn, if any."""
        self._waiting = None

    def idle(self) -> bool:
        """True when no job runs or waits."""
        return not self._running and self._waiting is None

    @pyqtSlot(object)
    def _on_done(self, outcome: Outcome) -> None:
        self._running = False
        if self._waiting is not None:
            request, self._waiting = self._waiting, None
            self._running = True
            self._submit.emit(request)
        _, tag = outcome.tag
        if outcome.ok:
            self.ready.emit(tag, outcome.value)
        else:
            self.failed.emit(tag, outcome.error)

    def stop(self) -> None:
        """Finish the running job and end the thread."""
        self._waiting = None
        self._thread.quit()
        self._thread.wait()


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
