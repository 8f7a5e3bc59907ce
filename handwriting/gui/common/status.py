"""The status bar: messages that fit (and go stale with their content), the model in use, training progress."""

from __future__ import annotations

import re

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtGui import QFontMetrics
from PyQt5.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QToolButton, QWidget

from handwriting.gui.common.actions import Actions
from handwriting.gui.controllers.training_controller import TrainingController, TrainingState
from handwriting.gui.wording import is_wide

STATUS_TIMEOUT_MS = 8000
# "/a/b/" of "/a/b/c.png"; a folder's name ends at a space or at punctuation, Japanese full-width forms included
FOLDERS = re.compile(r"(?:[A-Za-z]:)?[/\\](?:[^\s/\\:,;()：（）、。「」]+[/\\])+")
PROGRESS_WIDTH = 230
PERMANENT_GAP = 16  # pixels left of each label at the right of the status bar
GRIP_ROOM = 24  # pixels the status bar's size grip takes in a window that is not maximised
ELLIPSIS = "…"
translate = QCoreApplication.translate


def progress_tip() -> str:
    """The training progress bar's tooltip: what it shows, and where the curves are (no tab is brought forward)."""
    return translate(
        "Status", "Training progress: epoch and batch. The curves grow in the Training curves tab (Ctrl+2)."
    )


def one_line(text: str) -> str:
    """A message's paragraphs on one line, each but the last ended as a sentence ("." or "。") so that two do not
    read as one ("…are loaded Still using x.keras")."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    joined = ""
    for paragraph in paragraphs:
        if joined:
            wide = is_wide(joined[-1])
            if joined[-1] not in ".。!?！？:：…)）":
                joined += "。" if wide else "."
            joined += "" if wide else " "
        joined += paragraph
    return joined


def elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """`text` cut to `width` pixels with "…" at its end; Qt's own elision leaves the "…" out of Japanese text."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    shown = metrics.elidedText(text, Qt.ElideRight, width)
    if shown.endswith(ELLIPSIS):
        return shown
    while shown and metrics.horizontalAdvance(shown + ELLIPSIS) > width:
        shown = shown[:-1]
    return shown.rstrip(" " + ELLIPSIS) + ELLIPSIS  # one "…", even where the text cut had its own


class StatusPresenter:
    """Shows messages in the status bar, elided (full text in the tooltip) rather than cut by its widgets.

    A message about the canvas content (a sample's or a file's prediction) is cleared as soon as the
    content changes. While training, the progress bar shows the phase: preparing (busy, so the message
    beside it says what is prepared for as long as that lasts), epoch and batch, validating, cancelling.
    """

    def __init__(self, window: QMainWindow, actions: Actions, training: TrainingController) -> None:
        self._window = window
        self._bar = window.statusBar()
        self._training = training
        self.last_warning: str | None = None
        self._content_message: str | None = None
        self._last_shown: tuple[str, str] | None = None  # the last message: as asked for, as shown
        self._tip: str | None = None  # the menu entry's status tip shown last
        self._standing: str | None = None  # a phase's message, shown again whenever the bar empties
        self._standing_shown = ""  # how it was shown (elided to fit)
        self.model_label = QLabel("")
        self.model_label.setObjectName("modelLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self._fit_progress()
        self.progress.setToolTip(progress_tip())
        self._model_shown: tuple = (None,)  # show_model's arguments, to word them again
        self._progress_shown: tuple | None = None  # show_progress's arguments while a run goes on
        self.cancel_button = QToolButton()
        self.cancel_button.setDefaultAction(actions.cancel_training)
        self.cancel_button.setObjectName("cancelTrainingButton")
        self._permanent: list[QWidget] = []  # right of the message, which must end before them
        self._secondary: list[QWidget] = []  # those that make room while a run shows its progress
        for widget in (self.progress, self.cancel_button):
            self.add_permanent(widget)
            widget.hide()
        self.add_permanent(self.model_label)
        training.state_changed.connect(self.show_training_state)
        training.progress.connect(self.show_progress)
        self._bar.messageChanged.connect(self._restore_standing)

    # --- Messages ----------------------------------------------------------------------------------------

    def add_permanent(self, widget: QWidget, secondary: bool = False) -> None:
        """Put `widget` at the right of the status bar; messages are fitted beside it.

        A secondary widget is hidden while a training run shows its progress bar, to leave the message room.
        """
        if isinstance(widget, QLabel):  # a gap between the message and the label, which would read as one sentence
            widget.setContentsMargins(PERMANENT_GAP, 0, 0, 0)
        self._bar.addPermanentWidget(widget)
        self._permanent.append(widget)
        if secondary:
            self._secondary.append(widget)

    def available_width(self) -> int:
        """Pixels the message has beside the visible permanent widgets."""
        used = sum(max(w.minimumWidth(), w.sizeHint().width()) + 8 for w in self._permanent if not w.isHidden())
        grip = GRIP_ROOM if self._bar.isSizeGripEnabled() else 0  # the corner's size grip, right of the labels
        return max(80, self._bar.width() - used - 16 - grip)

    def show(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        """Show a message on one line (timeout 0: until replaced); if it would not fit, paths shrink to file names,
        then "…"."""
        metrics, width = self._bar.fontMetrics(), self.available_width()
        shown = one_line(text)  # a warning's paragraphs would run under the widgets beside it
        if metrics.horizontalAdvance(shown) > width:
            shown = FOLDERS.sub("", shown)
        shown = elided(metrics, shown, width)
        self._bar.setToolTip(text if shown != text else "")
        self._bar.showMessage(shown, timeout_ms)
        self._content_message = None
        self._last_shown = (text, shown)

    def show_tip(self, tip: str) -> None:
        """A menu entry's status tip while it is pointed at, fitted like any message; "" when it is left."""
        if tip:
            self._tip = tip
            self.show(tip, 0)
        elif self._tip is not None:
            self.withdraw(self._tip)
            self._tip = None

    def withdraw(self, text: str) -> None:
        """`text` no longer holds: it goes, if it is still the message shown."""
        if self._last_shown == (text, self._bar.currentMessage()):
            self._bar.clearMessage()

    def show_phase(self, text: str) -> None:
        """A message that stays while its phase lasts: back as soon as another message times out."""
        self._standing = text
        self.show(text, 0)
        self._standing_shown = self._bar.currentMessage()

    def end_phase(self) -> None:
        """The phase is over: its message goes (unless another message replaced it already)."""
        standing, self._standing = self._standing, None
        if standing is not None and self._bar.currentMessage() == self._standing_shown:
            self._bar.clearMessage()

    def _restore_standing(self, text: str) -> None:
        if not text and self._standing is not None:
            self.show_phase(self._standing)

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
        self._model_shown = (name, preset, path, loading)
        if loading:
            self.model_label.setText(translate("Status", "Model: loading {model}…").format(model=name))
            return
        if name:
            preset = preset or translate("Status", "unknown preset")
            self.model_label.setText(translate("Status", "Model: {model} ({preset})").format(model=name, preset=preset))
        else:
            self.model_label.setText(translate("Status", "Model: none"))
        self.model_label.setToolTip(path)

    def _fit_progress(self) -> None:
        """Wide enough for "Epoch 13/13, batch 422/422" in the current language and font (Japanese is wider)."""
        where = translate("Status", "batch {step}/{steps}").format(step=422, steps=422)
        sample = translate("Status", "Epoch {epoch}/{epochs}, {where}").format(epoch=13, epochs=13, where=where)
        self.progress.setFixedWidth(max(PROGRESS_WIDTH, self.progress.fontMetrics().horizontalAdvance(sample) + 40))

    def retranslate(self) -> None:
        """The model label and the training progress in the current language; a message in the old one goes."""
        self._fit_progress()
        if self._standing is not None:  # its words are the old language's
            self._standing = translate("Status", "Preparing…")
        self._bar.clearMessage()
        self._bar.setToolTip("")
        self.show_model(*self._model_shown)
        self.show_training_state(self._training.state)
        if self._training.state is TrainingState.RUNNING and self._progress_shown is not None:
            self.show_progress(*self._progress_shown)

    # --- Training ----------------------------------------------------------------------------------------

    def show_training_state(self, state: TrainingState) -> None:
        """Show, hide or set the progress bar and the Cancel button for a training state."""
        running = state is not TrainingState.IDLE
        if state is not TrainingState.PREPARING:
            self.end_phase()
        if not running:
            self._progress_shown = None
            self.progress.setToolTip(progress_tip())
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        for widget in self._secondary:
            widget.setVisible(not running)
        if state is TrainingState.PREPARING:
            self.progress.setRange(0, 0)  # busy: data, TensorFlow and the first batch are being prepared
            self.progress.setFormat(translate("Status", "Preparing…"))
            tip = translate(
                "Status", "Preparing the run: loading the images and TensorFlow, building the network and "
                "compiling its first batch (a few seconds). Cancel stops at once."
            )
            self.progress.setToolTip(tip)
        elif state is TrainingState.RUNNING:
            config = self._training.config
            self.progress.setRange(0, config.epochs * max(1, self._training.steps))
            self.progress.setToolTip(progress_tip())
        elif state is TrainingState.CANCELLING:
            self.progress.setFormat(translate("Status", "Cancelling…"))

    def show_progress(self, epoch: int, step: int, steps: int) -> None:
        """Epoch and batch on the progress bar; "validating" after an epoch's last batch."""
        self._progress_shown = (epoch, step, steps)
        epochs = self._training.config.epochs
        if self.progress.maximum() != epochs * steps:
            self.progress.setRange(0, epochs * steps)
        self.progress.setValue(epoch * steps + step)
        if step < steps:
            where = translate("Status", "batch {step}/{steps}").format(step=step, steps=steps)
        else:
            where = translate("Status", "validating…")
        self.progress.setFormat(
            translate("Status", "Epoch {epoch}/{epochs}, {where}").format(epoch=epoch + 1, epochs=epochs, where=where)
        )
        loss = translate("Status", "Training loss {loss:.4f}").format(loss=self._training.last_loss)
        self.progress.setToolTip(f"{loss}\n{progress_tip()}")
