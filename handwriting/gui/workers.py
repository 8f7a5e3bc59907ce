"""Background work: QObject workers that run in a QThread and only talk to the GUI through signals."""

from __future__ import annotations

import gc
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def freeze_libraries() -> None:
    """Once per process, before the first model is built: import TensorFlow and Keras, then gc.freeze().

    With TensorFlow and Keras loaded, a full garbage collection walks about 300,000 objects while
    holding the GIL for 150-450 ms, whichever thread triggers it: the GUI would freeze that long,
    typically while a training run traces its validation step. Frozen objects are never examined
    again, so a full collection then walks only the 10,000-25,000 objects made since (3-11 ms).
    Only what lives as long as the app is frozen: modules, the TensorFlow runtime, the widgets.
    Models are created after the freeze and never frozen (frozen objects are never freed either),
    so a replaced model is freed by the next collection; see collect_after_load.
    """
    if gc.get_freeze_count():
        return
    from handwriting.backend import load_tensorflow

    load_tensorflow()
    import keras  # noqa: F401  (the Keras modules are long-lived too)

    gc.freeze()


def collect_after_load() -> None:
    """A full collection once a new model is loaded (3-11 ms, see freeze_libraries): frees replaced models.

    A model is a web of reference cycles that only a full collection frees, and few enough objects
    outlive young collections that automatic full ones are rare: without this, 20 reloads keep 20
    models (20 MB) until one happens.
    """
    gc.collect()


@contextmanager
def deferred_full_collections() -> Iterator[None]:
    """No automatic full collection inside the block (young generations are still collected).

    For a training run: tracing its steps makes tens of thousands of objects, and a full collection
    walking them holds the GIL for 40-50 ms. Their garbage is collected after the run instead.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 2**31 - 1)
    try:
        yield
    finally:
        current = gc.get_threshold()
        gc.set_threshold(current[0], current[1], old)


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
        freeze_libraries()
        with deferred_full_collections():
            result = run_training(
                self.config, data_path=self._data_path, out=self.out, monitor=self.monitor, splits=splits
            )
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
        self._stopped = False
        self._waiting: tuple | None = None

    def submit(self, job: Callable[[], object], tag: object = None) -> None:
        """Run `job` on the prediction thread; a job still waiting for its turn is replaced by this one."""
        if self._stopped:
            return
        self._sequence += 1
        request = (self._sequence, job, tag)
        if self._running:
            self._waiting = request
        else:
            self._running = True
            self._submit.emit(request)

    @property
    def worker_thread(self) -> QThread:
        """The long-lived thread the recognition jobs run on."""
        return self._thread

    def discard_waiting(self) -> None:
        """Drop the job waiting for its turn, if any."""
        self._waiting = None

    def idle(self) -> bool:
        """True when no job runs or waits."""
        return not self._running and self._waiting is None

    @pyqtSlot(object)
    def _on_done(self, outcome: Outcome) -> None:
        if self._stopped:
            return
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
        """Finish the running job and end the thread; later submissions are ignored."""
        self._stopped = True
        self._waiting = None
        self._thread.quit()
        self._thread.wait()
        self._running = False  # an answer still queued for the GUI thread is never shown


class Job(QObject):
    """A worker and the QThread it runs in, started at once; the owner keeps the Job referenced.

    The owner connects `worker.done` before creating the Job, so its handler runs first.
    """

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker
        self._reported = False
        self.thread = QThread()  # no Qt parent: alive as long as someone holds it, and only destroyed once finished
        self.thread.setObjectName(f"{type(worker).__name__}Thread")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit from the worker thread itself, so stopping never needs the GUI event loop.
        worker.done.connect(self.thread.quit, Qt.DirectConnection)
        worker.done.connect(self._on_done)  # queued to the GUI thread, after the owner's handler
        self.thread.start()

    @pyqtSlot(object)
    def _on_done(self, _outcome: Outcome) -> None:
        self._reported = True

    def running(self) -> bool:
        """True until the thread has finished and the outcome has been handled on the GUI thread.

        (A thread ends before its queued `done` reaches the GUI thread: in between, the job is not over.)
        """
        return not (self._reported and self.thread.isFinished())

    def stop(self) -> None:
        """Quit the thread's event loop and wait for the job to return (its outcome is then dropped)."""
        if isinstance(self.worker, TrainingWorker):
            self.worker.request_stop()
        self.thread.quit()
        self.thread.wait()
        self._reported = True
