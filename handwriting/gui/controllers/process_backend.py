"""The training backend that runs each retrain in a child process: the GUI process never imports TensorFlow."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QObject, QSocketNotifier

from handwriting.gui.controllers.training_backend import TrainingBackend, TrainingSummary
from handwriting.jobs import process as tp
from handwriting.training.config import TrainConfig
from handwriting.training.recipe import train_job

CANCEL_GRACE_S = 0.3  # a stop request has this long (a batch is ~20-50 ms) before the child is terminated
SHUTDOWN_GRACE_S = 0.2
CHILD_NICENESS = 10  # the child runs at a lower priority than the window, which stays smooth on few cores


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


class ProcessTrainingBackend(TrainingBackend):
    """Runs `run_training` in a spawned child (handwriting.jobs.process), one run at a time.

    Progress arrives through the pipe, watched by a QSocketNotifier, so the GUI thread never waits
    for it. Cancel asks the child to stop after its current batch and terminates it if it has not
    stopped within CANCEL_GRACE_S; a child that dies for any reason is reported through `failed`
    with a plain message, and the model in use is untouched (the child saves atomically).
    """

    needs_data = False  # the child reads MNIST itself: the window loads nothing to start a run

    def __init__(self, parent: QObject | None = None, job=train_job) -> None:
        super().__init__(parent)
        self._job = job
        self._run: ChildRun | None = None

    @property
    def child_pid(self) -> int | None:
        """The running child's process id (None when no run is in progress)."""
        return self._run.process.pid if self._run is not None else None

    def start(self, config: TrainConfig, out: Path, mnist=None) -> None:
        """Start a child that trains and saves to `out`; it reads MNIST itself (`mnist` is not sent over)."""
        if self._run is not None:
            raise RuntimeError("a training run is already in progress")
        process = tp.JobProcess(self._job, {"config": config, "out": str(out)}, niceness=CHILD_NICENESS)
        process.start()
        self._run = ChildRun(process, self._on_events, self)

    def cancel(self) -> None:
        """Ask the child to stop after the current batch; terminate it if it has not within the grace period."""
        if self._run is not None:
            self._run.process.cancel(CANCEL_GRACE_S)

    def abandon(self) -> None:
        """End the run in the background and report nothing more about it."""
        run, self._run = self._run, None
        if run is not None:  # it stays a child of this object until its process has gone
            run.abandoned = True
            run.process.cancel(CANCEL_GRACE_S)

    def busy(self) -> bool:
        """True while a run is in progress (an abandoned child winding down does not count)."""
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
            if kind == tp.BEGIN and not stopping:
                self.started.emit(event["epochs"], event["steps"])
            elif kind == tp.BATCH and not stopping:
                self.progress.emit(event["epoch"], event["step"], event["steps"], event["loss"])
            elif kind == tp.EPOCH and not stopping:
                self.epoch_finished.emit(event["record"])
            elif kind in tp.FINAL_KINDS:
                self._run = None
                self._report(event)

    def _report(self, event: dict) -> None:
        if event["kind"] == tp.FAILED:
            self.failed.emit(event["message"])
        elif event["kind"] == tp.CANCELLED:
            self.finished.emit(TrainingSummary(True, None, {}))
        else:
            result = event["result"]
            saved = Path(result["saved_to"]) if result["saved_to"] else None
            self.finished.emit(TrainingSummary(bool(result["cancelled"]), saved, result["history"]))
