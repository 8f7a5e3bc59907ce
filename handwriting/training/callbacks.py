"""The training run's Keras callback: progress to the monitor, a stop on request, the best weights kept in memory."""

from __future__ import annotations

import math
import time

from handwriting.backend import load_tensorflow
from handwriting.faults import fault_point
from handwriting.jobs.monitor import JobMonitor
from handwriting.training.config import CHECKPOINT_FROM


def first_checkpoint_epoch(epochs: int) -> int:
    """The first epoch whose weights may be kept: only the last part of the schedule competes."""
    return max(1, math.ceil(epochs * CHECKPOINT_FROM))


def make_callbacks(monitor: JobMonitor, steps_per_epoch: int, epochs: int):
    """A Keras callback that reports to `monitor`, stops when it asks, and keeps the best-validation weights."""
    first_candidate = first_checkpoint_epoch(epochs)
    load_tensorflow()
    import keras

    class MonitorCallback(keras.callbacks.Callback):
        """Turns the monitor's stop Event into model.stop_training and forwards progress."""

        def __init__(self) -> None:
            super().__init__()
            self.records: list[dict] = []
            self.best_weights = None
            self.best_key: tuple[float, float] | None = None
            self.best_epoch: int | None = None
            self.epoch_started = 0.0

        def on_train_begin(self, logs=None):
            monitor.on_start(epochs, steps_per_epoch)

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch_started = time.perf_counter()
            self.current_epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            if monitor.stop_requested:
                self.model.stop_training = True
                return
            fault_point("epoch")
            monitor.on_batch(self.current_epoch, batch, steps_per_epoch, dict(logs or {}))

        def on_test_batch_end(self, batch, logs=None):
            # Keras still validates after stop_training; skipping the rest makes a cancel take < 1 s.
            if monitor.stop_requested:
                self.model.stop_evaluating = True

        def on_epoch_end(self, epoch, logs=None):
            if monitor.stop_requested:
                self.model.stop_training = True
                return
            logs = dict(logs or {})
            record = {
                "epoch": epoch + 1,
                "loss": float(logs.get("loss", float("nan"))),
                "accuracy": float(logs.get("accuracy", float("nan"))),
                "val_loss": float(logs.get("val_loss", float("nan"))),
                "val_accuracy": float(logs.get("val_accuracy", float("nan"))),
                "learning_rate": float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate)),
                "seconds": round(time.perf_counter() - self.epoch_started, 2),
            }
            self.records.append(record)
            key = (record["val_accuracy"], -record["val_loss"])
            if epoch + 1 >= first_candidate and (self.best_key is None or key > self.best_key):
                self.best_key, self.best_epoch = key, epoch + 1
                # The checkpoint: best-validation weights are kept in memory, never written over
                # the real model (which only the final atomic save replaces). A disk copy would only
                # serve a resume feature, which there is not.
                self.best_weights = [w.copy() for w in self.model.get_weights()]
                fault_point("checkpoint")
            monitor.on_epoch(record)

    return MonitorCallback()
