"""How a fine-tune job runs, behind one small interface: in a child process (the app's way) or a worker thread.

A job is a picklable top-level function `job(monitor=..., **kwargs) -> picklable value` (handwriting.personal.fine_tune
.fine_tune_job), the same convention as the training child process, so a process backend can run it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt5.QtCore import QObject, pyqtSignal

from handwriting.gui.controllers.gc_policy import deferred_full_collections, freeze_libraries
from handwriting.gui.controllers.process_backend import CANCEL_GRACE_S, CHILD_NICENESS, ChildRun
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.jobs import process as tp
from handwriting.jobs.monitor import JobMonitor

PERSONAL_KEY = "personal"
PROGRESS_INTERVAL_S = 0.1


class JobBackend(QObject):
    """Runs one job at a time and reports it on the GUI thread; after `cancel()` it reports nothing more."""

    progress = pyqtSignal(int, int)  # steps done, steps
    finished = pyqtSignal(object)  # the job's value
    failed = pyqtSignal(str)  # a message for the user

    def start(self, job: Callable, kwargs: dict) -> None:
        """Start `job(monitor=..., **kwargs)`."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Ask the job to stop and forget it (it saves nothing)."""
        raise NotImplementedError

    def busy(self) -> bool:
        """True while a job (a cancelled one included) still runs."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """End every job and wait for it (the thread backend's runner does that for its thread)."""


class _Signals(QObject):
    progress = pyqtSignal(int, int)


class _ThreadMonitor(JobMonitor):
    """Batch progress as a Qt signal from the worker thread, at most every PROGRESS_INTERVAL_S."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = _Signals()
        self._last = 0.0

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Forward as `progress` (throttled; always the last step)."""
        now = time.monotonic()
        if not self.stop_requested and (now - self._last >= PROGRESS_INTERVAL_S or step + 1 == steps_per_epoch):
            self._last = now
            self.signals.progress.emit(step + 1, steps_per_epoch)


def _run_job(job: Callable, kwargs: dict, monitor: JobMonitor):
    freeze_libraries()
    with deferred_full_collections():
        return job(monitor=monitor, **kwargs)


class ThreadJobBackend(JobBackend):
    """Runs the job on the task runner's `personal` thread, in this process."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def start(self, job: Callable, kwargs: dict) -> None:
        """Submit the job; a job still running is superseded (asked to stop, its result dropped)."""
        monitor = _ThreadMonitor()
        monitor.signals.progress.connect(self.progress)
        self._runner.submit(
            PERSONAL_KEY, _run_job, job, kwargs, monitor,
            on_done=self.finished.emit, on_failed=self.failed.emit, stop=monitor.request_stop,
        )

    def cancel(self) -> None:
        """Stop the job and drop its result."""
        self._runner.cancel(PERSONAL_KEY)

    def busy(self) -> bool:
        """True while the personal thread runs a job."""
        return self._runner.busy(PERSONAL_KEY)


class ProcessJobBackend(JobBackend):
    """Runs the job in a spawned child (handwriting.jobs.process), like a retrain: TensorFlow never loads
    in the window's process, and a child that dies is reported through `failed` with the model untouched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: ChildRun | None = None

    def start(self, job: Callable, kwargs: dict) -> None:
        """Start `job` in a child; a job still running is superseded (asked to stop, its result dropped)."""
        self.cancel()
        process = tp.JobProcess(job, kwargs, niceness=CHILD_NICENESS)
        process.start()
        self._run = ChildRun(process, self._on_events, self)

    def cancel(self) -> None:
        """Stop the child (terminated after a short grace period) and report nothing more about it."""
        run, self._run = self._run, None
        if run is not None:
            run.abandoned = True
            run.process.cancel(CANCEL_GRACE_S)

    def busy(self) -> bool:
        """True while a child (a cancelled one winding down included) still runs."""
        return any(not run.closed and run.process.is_alive() for run in self.findChildren(ChildRun))

    def shutdown(self) -> None:
        """End every child and reap it: no process is left."""
        self._run = None
        for run in self.findChildren(ChildRun):
            run.close()

    def _on_events(self, run: ChildRun, events: list[dict]) -> None:
        if run.abandoned or run is not self._run:
            return
        for event in events:
            if event["kind"] == tp.BATCH:
                self.progress.emit(event["step"], event["steps"])
            elif event["kind"] in tp.FINAL_KINDS:
                self._run = None
                if event["kind"] == tp.FINISHED:
                    self.finished.emit(event["result"])
                elif event["kind"] == tp.FAILED:
                    self.failed.emit(event["message"])
