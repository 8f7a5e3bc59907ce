"""Jobs (long functions with a JobMonitor) run one at a time: in a child process (the app's way) or on a thread."""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt5.QtCore import QObject, QSocketNotifier, pyqtSignal

from handwriting.errors import HandwritingError
from handwriting.gui.controllers.gc_policy import deferred_full_collections, freeze_libraries
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.gui.wording import error_text
from handwriting.jobs import process as tp
from handwriting.jobs.monitor import JobMonitor

CANCEL_GRACE_S = 0.3  # a stop request has this long (a batch is ~20-50 ms) before the child is terminated
SHUTDOWN_GRACE_S = 0.2
CHILD_NICENESS = 10  # the child runs at a lower priority than the window, which stays smooth on few cores
BATCH_SIGNAL_INTERVAL_S = 0.05  # a job on a thread sends at most 20 progress signals a second to the GUI thread


class JobRunner(QObject):
    """Runs one job at a time, `job(monitor=..., **kwargs)`, and reports it through these signals on the GUI thread.

    A job is a picklable top-level function that returns a picklable value (handwriting.training.recipe
    .train_job, handwriting.personal.fine_tune.fine_tune_job), so that a child process runs it as well as
    a thread. `cancel()` asks it to stop after the current batch: it goes quiet, then reports its end
    (`finished` with its value, or None when it ended without one; or `failed`), having saved nothing.
    `abandon()` stops it and forgets it: nothing more is reported. `start` abandons a job in progress.
    """

    started = pyqtSignal(int, int)  # epochs, steps per epoch: the first batch is being prepared
    progress = pyqtSignal(int, int, int, float)  # epoch (from 0), batches done, steps per epoch, loss
    epoch_finished = pyqtSignal(object)  # the epoch's history record
    finished = pyqtSignal(object)  # the job's value (None: asked to stop, it ended without one)
    failed = pyqtSignal(str)  # a message for the user
    in_process = True  # the job runs in this process: it may be handed what is loaded here (MNIST's arrays)

    def start(self, job: Callable, kwargs: dict) -> None:
        """Start `job(monitor=..., **kwargs)`."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Ask the job to stop after the current batch; its end is still reported."""
        raise NotImplementedError

    def abandon(self) -> None:
        """Stop the job and forget it: it ends in the background, saves nothing and reports nothing."""
        raise NotImplementedError

    def busy(self) -> bool:
        """True while a job is in progress."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """End every job (a thread's is waited for by its task runner's shutdown)."""
        self.abandon()


# --- On a thread of the task runner ---------------------------------------------------------------------------


class _Signals(QObject):
    """The signals of one job, emitted on its thread."""

    started = pyqtSignal(int, int)
    progress = pyqtSignal(int, int, int, float)
    epoch_finished = pyqtSignal(object)


class QtJobMonitor(JobMonitor):
    """Turns a job's hooks (called on its thread) into Qt signals, throttling batch progress.

    Once a stop is requested, nothing more is emitted: a cancelled job goes quiet at once.
    """

    def __init__(self, interval_s: float = BATCH_SIGNAL_INTERVAL_S) -> None:
        super().__init__()
        self.signals = _Signals()
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


def _run_job(job: Callable, kwargs: dict, monitor: JobMonitor):
    """The task on the job's thread: TensorFlow's long-lived objects frozen first, no full collection meanwhile."""
    freeze_libraries()
    with deferred_full_collections():
        return job(monitor=monitor, **kwargs)


class ThreadJobRunner(JobRunner):
    """Runs each job on the task runner's thread of `key`, in this process (HANDWRITING_JOB_RUNNER=thread)."""

    def __init__(self, tasks: TaskRunner, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._key = tasks, key
        self._monitor: QtJobMonitor | None = None

    def start(self, job: Callable, kwargs: dict) -> None:
        """Submit the job (it waits for an abandoned one still ending on the thread)."""
        monitor = self._monitor = QtJobMonitor()
        monitor.signals.started.connect(self.started)
        monitor.signals.progress.connect(self.progress)
        monitor.signals.epoch_finished.connect(self.epoch_finished)
        self._tasks.submit(
            self._key, _run_job, job, kwargs, monitor,
            on_done=self.finished.emit, on_failed=self.failed.emit, stop=monitor.request_stop,
        )

    def cancel(self) -> None:
        """Ask the job to stop after the current batch (a threading.Event: no event loop involved)."""
        if self._monitor is not None:
            self._monitor.request_stop()

    def abandon(self) -> None:
        """Stop the job and drop its value: it ends in the background and reports nothing."""
        self._tasks.cancel(self._key)
        self._monitor = None

    def busy(self) -> bool:
        """True while the thread runs a job (an abandoned one still ending included)."""
        return self._tasks.busy(self._key)


# --- In a child process ------------------------------------------------------------------------------------


class ChildRun(QObject):
    """One child process and the notifier that wakes the GUI thread when its pipe has events (or closes)."""

    def __init__(self, process: tp.JobProcess, on_events, parent: QObject) -> None:
        super().__init__(parent)
        self.process = process
        self.abandoned = False
        self.closed = False
        self.exit_notifier: QSocketNotifier | None = None
        self._on_events = on_events
        self.notifier = QSocketNotifier(process.fileno(), QSocketNotifier.Read, self)
        self.notifier.activated.connect(self._read)

    def _read(self, _fd: int) -> None:
        events = self.process.poll(0)  # never blocks: only what is waiting
        if self.process.done:  # its last event is in: reap the child once it has exited
            self.close_when_ended()
        self._on_events(self, events)

    def close_when_ended(self) -> None:
        """Reap the child once it has exited (it does right after its last event), never waiting for it here."""
        self.notifier.setEnabled(False)
        if not self.process.is_alive():
            self.close()
            return
        self.exit_notifier = QSocketNotifier(self.process.sentinel, QSocketNotifier.Read, self)
        self.exit_notifier.activated.connect(lambda _fd: self.close())

    def close(self) -> None:
        """Stop watching, end the child (if it still runs) and reap it."""
        if self.closed:
            return
        self.closed = True
        self.notifier.setEnabled(False)
        if self.exit_notifier is not None:
            self.exit_notifier.setEnabled(False)
        self.process.shutdown(SHUTDOWN_GRACE_S)
        self.deleteLater()


class ProcessJobRunner(JobRunner):
    """Runs each job in a spawned child (handwriting.jobs.process): TensorFlow never loads in the window's process.

    Events arrive through the pipe, watched by a QSocketNotifier, so the GUI thread never waits for them.
    A child asked to stop that has not within CANCEL_GRACE_S is terminated; a child that dies for any
    reason is reported through `failed` with a plain message, and what it was saving is untouched (a
    job saves atomically).
    """

    in_process = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: ChildRun | None = None

    @property
    def child_pid(self) -> int | None:
        """The running child's process id (None when no job is in progress)."""
        return self._run.process.pid if self._run is not None else None

    def start(self, job: Callable, kwargs: dict) -> None:
        """Start `job` in a child (a job still in progress is abandoned first)."""
        self.abandon()
        process = tp.JobProcess(job, kwargs, niceness=CHILD_NICENESS)
        process.start()
        self._run = ChildRun(process, self._on_events, self)

    def cancel(self) -> None:
        """Ask the child to stop after the current batch; terminate it if it has not within the grace period."""
        if self._run is not None:
            self._run.process.cancel(CANCEL_GRACE_S)

    def abandon(self) -> None:
        """End the child in the background and report nothing more about it."""
        run, self._run = self._run, None
        if run is not None:  # it stays a child of this object until its process has gone
            run.abandoned = True
            run.process.cancel(CANCEL_GRACE_S)

    def busy(self) -> bool:
        """True while a job is in progress (an abandoned child winding down does not count)."""
        return self._run is not None

    def shutdown(self) -> None:
        """End every child (the running one, abandoned ones still winding down) and reap it: no process is left."""
        runs = [run for run in self.findChildren(ChildRun) if not run.closed]
        self._run = None
        for run in runs:
            run.process.request_stop()
        for run in runs:
            run.close()

    def _on_events(self, run: ChildRun, events: list[dict]) -> None:
        if run.abandoned or run is not self._run:
            return
        stopping = run.process.stop_requested
        for event in events:
            kind = event["kind"]
            if kind in tp.FINAL_KINDS:
                self._run = None
                if kind == tp.FAILED:
                    self.failed.emit(failure_text(event))
                else:
                    self.finished.emit(event.get("result"))  # a "cancelled" event has none
            elif stopping:
                continue  # a job asked to stop goes quiet
            elif kind == tp.BEGIN:
                self.started.emit(event["epochs"], event["steps"])
            elif kind == tp.BATCH:
                self.progress.emit(event["epoch"], event["step"], event["steps"], event["loss"])
            elif kind == tp.EPOCH:
                self.epoch_finished.emit(event["record"])


def failure_text(event: dict) -> str:
    """A child's failure in the user's language where it names its problem (handwriting.jobs.child.problem), else
    its own words."""
    error = HandwritingError(event["message"], event.get("reason", ""), event.get("path", ""),
                             **event.get("details", {}))
    return error_text(error)
