"""The task runner: plain functions on worker threads, where a newer task with the same key supersedes the older."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PyQt5.QtCore import QCoreApplication, QObject, QThread, pyqtSignal, pyqtSlot

from handwriting.errors import HandwritingError
from handwriting.gui.wording import error_text


def describe_error(exc: BaseException) -> str:
    """A one-line message for the user; unexpected errors also print their traceback to stderr."""
    if isinstance(exc, HandwritingError | ValueError):
        return error_text(exc)  # in the user's language where the core names the problem
    traceback.print_exception(exc, file=sys.stderr)
    return QCoreApplication.translate("Tasks", "unexpected error: {kind}: {error}").format(
        kind=type(exc).__name__, error=exc
    )


@dataclass(eq=False)
class Task:
    """One submitted call: `fn(*args)` on the worker thread of its key; `stop` (optional) asks it to end early."""

    key: str
    fn: Callable[..., object]
    args: tuple
    on_done: Callable[[object], None] | None = None
    on_failed: Callable[[str], None] | None = None
    stop: Callable[[], None] | None = None
    value: object = None
    error: str | None = None
    superseded: bool = field(default=False)

    def run(self) -> None:
        """Call the function, keeping its value or a message for the user; never raises."""
        try:
            self.value = self.fn(*self.args)
        except Exception as exc:  # reported to the user, never a crash of the app
            self.error = describe_error(exc)

    def supersede(self) -> None:
        """Its result is no longer wanted: drop it, and ask the function to stop if it can."""
        self.superseded = True
        if self.stop is not None:
            self.stop()


class _Worker(QObject):
    """Runs tasks on its lane's thread and hands each back, finished, to the GUI thread."""

    done = pyqtSignal(object)

    @pyqtSlot(object)
    def run(self, task: Task) -> None:
        """Run one task."""
        task.run()
        self.done.emit(task)


class _Lane(QObject):
    """One long-lived thread per key: one task runs, the newest waiting task replaces an older waiting one."""

    _submit = pyqtSignal(object)

    def __init__(self, key: str, finished: Callable[[Task], None], parent: QObject) -> None:
        super().__init__(parent)
        self.thread = QThread()  # no Qt parent: it is only destroyed by Python once it has finished
        self.thread.setObjectName(f"{key}Thread")
        self._worker = _Worker()
        self._worker.moveToThread(self.thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._finished = finished
        self.running: Task | None = None
        self.waiting: Task | None = None
        self.thread.start()

    def submit(self, task: Task) -> None:
        if self.running is None:
            self.running = task
            self._submit.emit(task)
        else:
            self.waiting = task

    @pyqtSlot(object)
    def _on_done(self, task: Task) -> None:
        self.running = None
        if self.waiting is not None:
            self.submit(self.waiting)
            self.waiting = None
        self._finished(task)

    def stop(self) -> None:
        self.waiting = None
        self.thread.quit()
        self.thread.wait()
        self.running = None


class TaskRunner(QObject):
    """Runs plain functions on worker threads, one thread per key; results come back on the GUI thread.

    The one staleness rule: a task's result is delivered (to `on_done` or `on_failed`) only while it is
    the newest task submitted with its key. Submitting again supersedes the older task; `cancel(key)`
    drops it; `shutdown()` stops every thread and delivers nothing more.
    """

    task_finished = pyqtSignal(str)  # the key of a task that finished, delivered or not

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes: dict[str, _Lane] = {}
        self._newest: dict[str, Task] = {}
        self._shut_down = False

    def submit(
        self,
        key: str,
        fn: Callable[..., object],
        *args,
        on_done: Callable[[object], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        stop: Callable[[], None] | None = None,
    ) -> Task | None:
        """Run `fn(*args)` on the thread of `key`, superseding the task submitted before with that key."""
        if self._shut_down:
            return None
        self.cancel(key)
        task = Task(key, fn, args, on_done, on_failed, stop)
        self._newest[key] = task
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = _Lane(key, self._on_finished, self)
        lane.submit(task)
        return task

    def cancel(self, key: str) -> None:
        """Drop the result of the newest task with `key` (and ask it to stop, if it can)."""
        task = self._newest.pop(key, None)
        if task is not None:
            task.supersede()

    def pending(self, key: str) -> bool:
        """True while the newest task with `key` has not delivered its result."""
        return key in self._newest

    def busy(self, key: str | None = None) -> bool:
        """True while a task (of `key`, or any) runs or waits on a thread, superseded ones included."""
        lanes = [self._lanes.get(key)] if key is not None else list(self._lanes.values())
        return any(lane is not None and (lane.running or lane.waiting) for lane in lanes)

    def threads(self) -> list[QThread]:
        """The worker threads started so far."""
        return [lane.thread for lane in self._lanes.values()]

    def shutdown(self) -> None:
        """Supersede every task, stop every thread and wait for it; nothing is delivered afterwards."""
        self._shut_down = True
        for key in list(self._newest):
            self.cancel(key)
        for lane in self._lanes.values():
            lane.stop()

    def _on_finished(self, task: Task) -> None:
        wanted = not self._shut_down and not task.superseded and self._newest.get(task.key) is task
        if wanted:
            del self._newest[task.key]
            if task.error is None:
                if task.on_done is not None:
                    task.on_done(task.value)
            elif task.on_failed is not None:
                task.on_failed(task.error)
        if not self._shut_down:
            self.task_finished.emit(task.key)
