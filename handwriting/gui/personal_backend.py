"""How a fine-tune job runs, behind one small interface: today a worker thread of the task runner.

A job is a picklable top-level function `job(monitor=..., **kwargs) -> picklable value` (handwriting.personal
.fine_tune_job), the same convention as the training child process, so a process backend can run it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt5.QtCore import QObject, pyqtSignal

from handwriting.gui.gc_policy import deferred_full_collections, freeze_libraries
from handwriting.gui.tasks import TaskRunner
from handwriting.training import TrainingMonitor

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


class _Signals(QObject):
    progress = pyqtSignal(int, int)


class _ThreadMonitor(TrainingMonitor):
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


def _run_job(job: Callable, kwargs: dict, monitor: TrainingMonitor):
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
        )  # fmt: skip

    def cancel(self) -> None:
        """Stop the job and drop its result."""
        self._runner.cancel(PERSONAL_KEY)

    def busy(self) -> bool:
        """True while the personal thread runs a job."""
        return self._runner.busy(PERSONAL_KEY)
