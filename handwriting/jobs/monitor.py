"""The monitor of a long job: progress hooks the job calls, and the stop flag anyone may set."""

from __future__ import annotations

import threading


class JobMonitor:
    """Progress hooks and the stop flag of a job (a training run, a fine-tune); subclass it to receive progress.

    The hooks are called on the training thread. `request_stop` may be called from any thread.
    """

    def __init__(self) -> None:
        self.stop_event = threading.Event()

    def request_stop(self) -> None:
        """Ask the run to stop after the current batch; the current model is kept."""
        self.stop_event.set()

    @property
    def stop_requested(self) -> bool:
        """True once a stop was requested."""
        return self.stop_event.is_set()

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        """Called once, before the first batch."""

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Called after each batch; epoch and step count from 0."""

    def on_epoch(self, record: dict) -> None:
        """Called after each epoch with its history record (loss, accuracy, val_*, ...)."""

    def on_saving(self) -> None:
        """Called once the run has passed its last stop check, just before the model is saved."""
