"""Retraining from the main window: the run in a worker thread, live progress and curves, cancel."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from handwriting.gui.dialogs import RetrainDialog
from handwriting.gui.recognition import STATUS_TIMEOUT_MS
from handwriting.gui.workers import Outcome, TrainingWorker
from handwriting.training import TrainConfig

CURVES_TAB = 1
ALREADY_TRAINING = "A training run is already in progress: wait for it to finish or cancel it first"


class TrainingMixin:
    """MainWindow's retrain behaviour (mixed into MainWindow, uses its widgets and job helpers)."""

    def training_running(self) -> bool:
        """True from the start of a run until its worker has reported back."""
        return self._training_requested

    def open_retrain_dialog(self) -> None:
        """Ask for the settings and start a run (refused, with a status message, while one runs)."""
        if self.training_running():
            self.status(ALREADY_TRAINING, STATUS_TIMEOUT_MS)
            return
        dialog = RetrainDialog(self, out=self.model_path)
        if dialog.exec() == RetrainDialog.Accepted:
            self.start_training(dialog.config())

    def start_training(self, config: TrainConfig | None = None, out: str | Path | None = None,
                       train_limit: int | None = None) -> bool:  # fmt: skip
        """Start a background run; `out` defaults to the loaded model's path, `train_limit` is for quick runs.

        Only one run at a time: while one runs, this returns False and says so in the status bar.
        """
        if self.training_running():
            self.status(ALREADY_TRAINING, STATUS_TIMEOUT_MS)
            return False
        config = config or TrainConfig()
        limit = train_limit if train_limit is not None else self.default_train_limit
        if limit is not None:
            config = replace(config, train_limit=limit)
        try:
            config.validate()
        except ValueError as exc:
            self.warn("Cannot train", str(exc))
            return False
        out = Path(out) if out is not None else self.model_path
        self._training_requested = True
        self._cancel_requested = False
        self._epochs = config.epochs
        self.action_retrain.setEnabled(False)
        self.draw_panel.train_button.setEnabled(False)
        self.action_cancel.setEnabled(True)
        self.update_revert_action()
        self.progress.setRange(0, 0)
        self.progress.setFormat("Preparing…")
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.curves.clear()
        self.history_label.setText(f"Training preset {config.preset} for {config.epochs} epochs → {out}")
        self.tabs.setCurrentIndex(CURVES_TAB)
        self._with_data(lambda: self._launch_training(config, out))
        return True

    def _launch_training(self, config: TrainConfig, out: Path) -> None:
        if self._cancel_requested:  # cancelled while the data was loading
            self._training_idle()
            self._show_history()
            self.status("Training cancelled; the previous model is unchanged.")
            self.trainingFinished.emit(True)
            return
        worker = TrainingWorker(config, out, mnist=self.mnist)
        worker.started.connect(self._on_training_started)
        worker.progress.connect(self._on_training_progress)
        worker.epochFinished.connect(self._on_training_epoch)
        self._training_job = self._start(worker, self._on_training_done)
        first = "loading TensorFlow, " if "tensorflow" not in sys.modules else ""  # the first run imports it (3 s)
        self.status(f"Training started: {first}building the network and the input pipeline…")

    def cancel_training(self) -> None:
        """Ask the run to stop after the current batch (directly, through its threading.Event)."""
        if not self._training_requested:
            return
        self._cancel_requested = True
        self.action_cancel.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.status("Cancelling training…")
        if self._training_job is not None:  # otherwise still loading data: _launch_training stops
            self._training_job.worker.request_stop()

    def _on_training_started(self, epochs: int, steps: int) -> None:
        self._epochs, self._steps = epochs, steps
        self.progress.setRange(0, epochs * steps)
        self.progress.setValue(0)
        self.progress.setFormat(f"Epoch 1/{epochs}, batch 0/{steps}")
        self.curves.plan(epochs)
        self.status(f"Training: {epochs} epochs of {steps} batches")

    def _on_training_progress(self, epoch: int, step: int, steps: int, loss: float) -> None:
        self.progress.setValue(epoch * steps + step)
        if step < steps:
            self.progress.setFormat(f"Epoch {epoch + 1}/{self._epochs}, batch {step}/{steps}")
        else:
            self.progress.setFormat(f"Epoch {epoch + 1}/{self._epochs}, validating…")
        self.progress.setToolTip(f"Training loss {loss:.4f}")

    def _on_training_epoch(self, record: dict) -> None:
        self.curves.append(record)
        self.trainingEpoch.emit(record)
        self.status(
            f"Epoch {record['epoch']}/{self._epochs}: loss {record['loss']:.4f}, "
            f"validation accuracy {record['val_accuracy']:.2%}"
        )

    def _training_idle(self) -> None:
        self._training_requested = False
        self.progress.hide()
        self.cancel_button.hide()
        self.action_cancel.setEnabled(False)
        self.action_retrain.setEnabled(True)
        self.draw_panel.train_button.setEnabled(True)
        self.update_revert_action()

    def _on_training_done(self, outcome: Outcome) -> None:
        if self._shut_down:
            return
        self._training_job = None
        self._training_idle()
        if not outcome.ok:
            self._show_history()
            self.warn("Training failed", f"{outcome.error}\n\nThe current model is unchanged.")
            self.trainingFinished.emit(True)
            return
        summary = outcome.value
        if summary.cancelled:
            self._show_history()
            self.status("Training cancelled; the previous model is unchanged.", 0)
            self.trainingFinished.emit(True)
            return
        accuracy = summary.history.get("test_accuracy", float("nan"))
        self.trainingFinished.emit(False)
        self.load_model(summary.saved_to)
        self.status(f"Training finished: test accuracy {accuracy:.2%}, saved to {summary.saved_to}; loading it…")
