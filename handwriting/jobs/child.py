"""The child process's side of a job: progress events over the pipe, a stop on request or when the parent dies."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

from handwriting.errors import HandwritingError
from handwriting.jobs.monitor import JobMonitor

BATCH_EVENT_INTERVAL_S = 0.1  # at most 10 batch events a second cross the pipe
PARENT_CHECK_S = 1.0  # how often the child checks that its parent is still there

# Event kinds: every event is a small picklable dict with a "kind" key.
STARTED = "started"  # pid, qt_loaded: the child runs (before TensorFlow is imported)
BEGIN = "begin"  # epochs, steps: the first batch is about to run
BATCH = "batch"  # epoch (from 0), step (batches done), steps, loss
EPOCH = "epoch"  # record: the epoch's history record
SAVING = "saving"  # the model is being written (atomically); a stop request no longer applies
FINISHED = "finished"  # result: what the job returned (final)
FAILED = "failed"  # message: the job raised, or the child died (final)
CANCELLED = "cancelled"  # a stop was requested and the child ended without a result (final)
FINAL_KINDS = (FINISHED, FAILED, CANCELLED)

Event = dict


def describe_exception(exc: BaseException) -> str:
    """A one-line message for the user; unexpected errors also print their traceback to stderr."""
    if isinstance(exc, HandwritingError | ValueError):
        return str(exc)
    traceback.print_exception(exc, file=sys.stderr)
    return f"unexpected error: {type(exc).__name__}: {exc}"


def problem(exc: BaseException) -> dict:
    """What the parent needs to word a failure in its user's language: a HandwritingError's reason, path and
    details (handwriting.errors), {} for any other."""
    reason = exc.reason if isinstance(exc, HandwritingError) else ""
    return {"reason": reason, "path": exc.path, "details": exc.details} if reason else {}


def describe_exit(exitcode: int | None, label: str = "training") -> str:
    """Why a child that sent no result ended, for the user (exit code -N means killed by signal N)."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown signal"
        cause = f"killed by signal {-exitcode}, {name}"
        if -exitcode == signal.SIGKILL:
            cause += ": the system may have run out of memory"
    else:
        cause = f"exit code {exitcode}"
    return f"{label} stopped unexpectedly ({cause}); your current model is unchanged"


class PipeMonitor(JobMonitor):
    """A JobMonitor that sends throttled progress over a pipe and stops on a multiprocessing Event."""

    def __init__(self, connection: Connection, stop_event, saving_event=None,
                 interval_s: float = BATCH_EVENT_INTERVAL_S) -> None:
        super().__init__()
        self.stop_event = stop_event  # shared with the parent: request_stop there is seen here
        self.saving_event = saving_event  # shared too: the parent does not end a child while it saves
        self._connection = connection
        self._interval = interval_s
        self._last = 0.0

    def send(self, event: Event) -> None:
        """Send one event to the parent (a closed pipe means the parent is gone: stop)."""
        try:
            self._connection.send(event)
        except OSError:
            self.request_stop()

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        """Forward as a `begin` event."""
        self.send({"kind": BEGIN, "epochs": epochs, "steps": steps_per_epoch})

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Forward as a `batch` event, at most every interval and always for an epoch's last batch."""
        now = time.monotonic()
        if now - self._last < self._interval and step + 1 < steps_per_epoch:
            return
        self._last = now
        loss = float(logs.get("loss", float("nan")))
        self.send({"kind": BATCH, "epoch": epoch, "step": step + 1, "steps": steps_per_epoch, "loss": loss})

    def on_epoch(self, record: dict) -> None:
        """Forward as an `epoch` event."""
        self.send({"kind": EPOCH, "record": dict(record)})

    def on_saving(self) -> None:
        """Tell the parent (through the shared Event at once, and as a `saving` event) that the save begins."""
        if self.saving_event is not None:
            self.saving_event.set()
        self.send({"kind": SAVING})


def _watch_parent(stop_event, parent_pid: int) -> None:
    """If the parent dies, stop the run (nothing is saved) and end this process soon after."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        stop_event.set()
        time.sleep(5.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def child_main(job: Callable, kwargs: dict, connection: Connection, events: tuple, interval_s: float,
                niceness: int = 0) -> None:
    """The child process: run `job(monitor=..., **kwargs)` and send its result or error, then exit at once.

    It leads its own process group, so that helpers it starts (a drawing pool) end with it.
    """
    os.setpgrp()
    if niceness:
        os.nice(niceness)  # below the window's priority: it keeps the CPU it needs to stay smooth
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the parent's to handle
    stop_event, saving_event = events
    _watch_parent(stop_event, os.getppid())
    monitor = PipeMonitor(connection, stop_event, saving_event, interval_s)
    monitor.send({"kind": STARTED, "pid": os.getpid(), "qt_loaded": "PyQt5" in sys.modules})
    code = 0
    try:
        monitor.send({"kind": FINISHED, "result": job(monitor=monitor, **kwargs)})
    except BaseException as exc:  # reported to the parent, never lost
        monitor.send({"kind": FAILED, "message": describe_exception(exc), **problem(exc)})
        code = 1
    finally:
        connection.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # skip TensorFlow's slow interpreter teardown

