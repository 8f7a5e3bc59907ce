"""The status bar: messages that fit (and go stale with their content), the model in use, training progress."""

from __future__ import annotations

import re

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QToolButton

from handwriting.gui.actions import Actions
from handwriting.gui.training_controller import TrainingController, TrainingState

STATUS_TIMEOUT_MS = 8000
FOLDERS = re.compile(r"(?:[A-Za-z]:)?[/\\](?:[^\s/\\:,;()]+[/\\])+")  # "/a/b/" of "/a/b/c.png"
PROGRESS_WIDTH = 230


class StatusPresenter:
    """Shows messages in the status bar, elided (full text in the tooltip) rather than cut by its widgets.

    A message about the canvas content (a sample's or a file's prediction) is cleared as soon as the
    content changes. While training, the progress bar shows the phase: preparing (busy), epoch and
    batch, validating, cancelling.
    """

    def __init__(self, window: QMainWindow, actions: Actions, training: TrainingController) -> None:
        self._window = window
        self._bar = window.statusBar()
        self._training = training
        self.last_warning: str | None = None
        self._content_message: str | None = None
        self.model_label = QLabel("")
        self.model_label.setObjectName("modelLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self.progress.setFixedWidth(PROGRESS_WIDTH)
        self.progress.setToolTip("Training progress: epoch and batch")
        self.cancel_button = QToolButton()
        self.cancel_button.setDefaultAction(actions.cancel_training)
        self.cancel_button.setObjectName("cancelTrainingButton")
        for widget in (self.progress, self.cancel_button):
            self._bar.addPermanentWidget(widget)
            widget.hide()
        self._bar.addPermanentWidget(self.model_label)
        training.state_changed.connect(self.show_training_state)
        training.progress.connect(self.show_progress)

    # --- Messages ----------------------------------------------------------------------------------------

    def available_width(self) -> int:
        """Pixels the message has beside the visible permanent widgets."""
        used = sum(w.width() + 8 for w in (self.progress, self.cancel_button, self.model_label) if w.isVisible())
        return max(80, self._bar.width() - used - 16)

    def show(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        """Show a message (timeout 0: until replaced); if it would not fit, paths shrink to file names, then "…"."""
        metrics, width = self._bar.fontMetrics(), self.available_width()
        shown = text
        if metrics.horizontalAdvance(shown) > width:
            shown = FOLDERS.sub("", shown)
        shown = metrics.elidedText(shown, Qt.ElideRight, width)
        self._bar.setToolTip(text if shown != text else "")
        self._bar.showMessage(shown, timeout_ms)
        self._content_message = None

    def show_about_content(self, text: str) -> None:
        """A message about what the canvas shows; it goes when the content changes."""
        self.show(text)
        self._content_message = self._bar.currentMessage()

    def content_changed(self) -> None:
        """The canvas shows something else: a message about the old content is stale."""
        if self._content_message is not None and self._bar.currentMessage() == self._content_message:
            self._bar.clearMessage()
        self._content_message = None

    def warn(self, title: str, text: str) -> QMessageBox:
        """A non-blocking warning box, also echoed in the status bar."""
        self.show(text)
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self._window)
        box.setObjectName("warningBox")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self.last_warning = text
        return box

    def show_model(self, name: str | None, preset: str = "", path: str = "", loading: bool = False) -> None:
        """The model label: "Model: default.keras (wide)", "Model: loading x.keras…" or "Model: none"."""
        if loading:
            self.model_label.setText(f"Model: loading {name}…")
            return
        self.model_label.setText(f"Model: {name} ({preset or 'unknown preset'})" if name else "Model: none")
        self.model_label.setToolTip(path)

    # --- Training ----------------------------------------------------------------------------------------

    def show_training_state(self, state: TrainingState) -> None:
        """Show, hide or set the progress bar and the Cancel button for a training state."""
        running = state is not TrainingState.IDLE
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if state is TrainingState.PREPARING:
            self.progress.setRange(0, 0)  # busy: data, TensorFlow and the first batch are being prepared
            self.progress.setFormat("Preparing…")
            self.progress.setToolTip(
                "Preparing the run: loading the images and TensorFlow, building the network and "
                "compiling its first batch (a few seconds). Cancel stops at once."
            )
        elif state is TrainingState.RUNNING:
            config = self._training.config
            self.progress.setRange(0, config.epochs * max(1, self._training.steps))
            self.progress.setToolTip("Training progress: epoch and batch")
        elif state is TrainingState.CANCELLING:
            self.progress.setFormat("Cancelling…")

    def show_progress(self, epoch: int, step: int, steps: int) -> None:
        """Epoch and batch on the progress bar; "validating" after an epoch's last batch."""
        epochs = self._training.config.epochs
        if self.progress.maximum() != epochs * steps:
            self.progress.setRange(0, epochs * steps)
        self.progress.setValue(epoch * steps + step)
        where = f"batch {step}/{steps}" if step < steps else "validating…"
        self.progress.setFormat(f"Epoch {epoch + 1}/{epochs}, {where}")
        self.progress.setToolTip(f"Training loss {self._training.last_loss:.4f}")
