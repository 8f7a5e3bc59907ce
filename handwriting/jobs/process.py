"""Run a job in a child process (multiprocessing, spawn), the parent's side: events, stop, kill, clean exit."""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.util  # its exit handler is registered before ours, so ours runs first
import os
import signal
import threading
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from handwriting.jobs.child import (
    BATCH,
    BATCH_EVENT_INTERVAL_S,
    BEGIN,
    CANCELLED,
    EPOCH,
    FAILED,
    FINAL_KINDS,
    FINISHED,
    SAVING,
    STARTED,
    Event,
    child_main,
    describe_exit,
)

# The public names: JobProcess and the kinds of the events it yields (defined in handwriting.jobs.child).
__all__ = ["BATCH", "BEGIN", "CANCELLED", "EPOCH", "FAILED", "FINAL_KINDS", "FINISHED", "SAVE_GRACE_S", "SAVING",
           "STARTED", "TERMINATE_GRACE_S", "Event", "JobProcess", "describe_exit"]

TERMINATE_GRACE_S = 0.3  # after SIGTERM, how long before SIGKILL
SAVE_GRACE_S = 30.0  # a child that is saving when asked to stop is given this long to finish the save
_LIVE: weakref.WeakSet = weakref.WeakSet()  # started and not yet shut down: ended when the interpreter exits


class JobProcess:
    """One job in a child process. The parent polls its events; it never imports TensorFlow.

    `job` is a picklable top-level function `job(monitor=..., **kwargs) -> picklable value`.
    Events (see their kinds in handwriting.jobs.child) arrive through `poll`; exactly one final event
    ends the stream: `finished`, `failed` (with a message, also when the child died) or `cancelled`.
    """

    def __init__(self, job: Callable, kwargs: dict | None = None, label: str = "training",
                 batch_interval_s: float = BATCH_EVENT_INTERVAL_S, niceness: int = 0) -> None:
        context = multiprocessing.get_context("spawn")
        self.label = label
        self._receiver, sender = context.Pipe(duplex=False)
        self._stop_event = context.Event()
        self._saving_event = context.Event()
        self._process = context.Process(
            target=child_main,
            args=(job, dict(kwargs or {}), sender, (self._stop_event, self._saving_event), batch_interval_s, niceness),
            name=f"handwriting-{label}",
            daemon=False,  # it may start helper processes of its own; _LIVE ends it when this process exits
        )
        self._sender: Connection | None = sender
        self._final: Event | None = None
        self._stopping = False
        self._escalation: threading.Thread | None = None

    # -- lifecycle --

    def start(self) -> None:
        """Start the child (it imports TensorFlow itself; this returns in a few tens of milliseconds)."""
        self._process.start()
        _LIVE.add(self)
        self._sender.close()  # only the child writes; its death then reads as end-of-file here
        self._sender = None

    @property
    def pid(self) -> int | None:
        """The child's process id (None before start)."""
        return self._process.pid

    def fileno(self) -> int:
        """The pipe's file descriptor: readable when events wait or the child has ended (for a socket notifier)."""
        return self._receiver.fileno()

    @property
    def connection(self) -> Connection:
        """The receiving end of the pipe."""
        return self._receiver

    @property
    def sentinel(self) -> int:
        """A file descriptor that becomes readable once the child process has ended (for a notifier)."""
        return self._process.sentinel

    def is_alive(self) -> bool:
        """True while the child process runs."""
        return self._process.is_alive()

    @property
    def exitcode(self) -> int | None:
        """The child's exit code (-N: killed by signal N), None while it runs."""
        return self._process.exitcode

    @property
    def done(self) -> bool:
        """True once the final event was returned by `poll`."""
        return self._final is not None

    @property
    def stop_requested(self) -> bool:
        """True once `request_stop` was called."""
        return self._stopping

    # -- events --

    def poll(self, timeout: float = 0.0) -> list[Event]:
        """Every event waiting (waiting up to `timeout` s for the first); ends with the final event when over."""
        if self._final is not None:
            return []
        events: list[Event] = []
        try:
            ready = self._receiver.poll(timeout)
            while ready:
                event = self._receiver.recv()
                events.append(event)
                if event["kind"] in FINAL_KINDS:
                    return self._finish(events, event)
                ready = self._receiver.poll()
        except (EOFError, OSError):  # the child is gone without a final event
            self._process.join(timeout=5)
            self._end_group()  # helpers the dead child had started
            if self._stopping:
                return self._finish(events, {"kind": CANCELLED, "exitcode": self._process.exitcode})
            message = describe_exit(self._process.exitcode, self.label)
            return self._finish(events, {"kind": FAILED, "message": message, "exitcode": self._process.exitcode})
        return events

    def _finish(self, events: list[Event], final: Event) -> list[Event]:
        self._final = final
        if not events or events[-1] is not final:
            events.append(final)
        self._process.join(timeout=0)  # reaps it if it has exited; never waits (the GUI thread calls this)
        return events

    def wait(self, timeout: float | None = None) -> list[Event]:
        """Every event until the final one (or until `timeout` s have passed)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        events: list[Event] = []
        while not self.done:
            left = 1.0 if deadline is None else deadline - time.monotonic()
            if left <= 0:
                break
            events += self.poll(min(left, 1.0))
        return events

    # -- stopping --

    def request_stop(self) -> None:
        """Ask the child to stop after the current batch; nothing is saved then."""
        self._stopping = True
        self._stop_event.set()

    def terminate_after(self, grace_s: float) -> None:
        """If the child still runs `grace_s` s from now: SIGTERM, then SIGKILL. Returns at once.

        A child that has begun saving is left to finish (a save takes well under a second); the
        save is atomic anyway, so ending a child at any point never leaves half a model.
        """
        if self._escalation is not None or not self._process.is_alive():
            return
        sentinel = self._process.sentinel

        def escalate() -> None:
            if wait([sentinel], grace_s):
                return
            if self._saving_event.is_set() and wait([sentinel], SAVE_GRACE_S):
                return
            self._signal(signal.SIGTERM)
            if not wait([sentinel], TERMINATE_GRACE_S):
                self._signal(signal.SIGKILL)

        self._escalation = threading.Thread(target=escalate, name=f"{self.label}-terminate", daemon=True)
        self._escalation.start()

    def _signal(self, number: int) -> None:
        """Signal the child's process group (the child and its helpers), or the child alone before it leads one."""
        try:
            os.killpg(self._process.pid, number)
        except (ProcessLookupError, PermissionError, TypeError):
            with contextlib.suppress(ProcessLookupError, TypeError):  # already gone, or never started
                os.kill(self._process.pid, number)

    def _end_group(self) -> None:
        """SIGKILL whatever is left of the child's process group (nothing, normally)."""
        if self._process.pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)

    def cancel(self, grace_s: float = 0.5) -> None:
        """Request a stop, and end the child if it has not stopped within `grace_s` s."""
        self.request_stop()
        self.terminate_after(grace_s)

    def shutdown(self, grace_s: float = 0.5) -> None:
        """End the child (stop, then SIGTERM, then SIGKILL), reap it and close the pipe: no process is left."""
        if self._process.pid is not None and self._process.exitcode is None:
            self.cancel(grace_s)
            self._process.join()
        if self._escalation is not None:
            self._escalation.join()
        self._end_group()
        _LIVE.discard(self)
        self._receiver.close()
        if self._sender is not None:
            self._sender.close()
            self._sender = None


@atexit.register
def _shutdown_all() -> None:
    """At interpreter exit, end every child still running (multiprocessing would otherwise wait for it)."""
    for process in list(_LIVE):
        process.shutdown(grace_s=0.2)
