"""The question, asked once on the Draw tab: may the app keep your drawings to learn from? A bar, not a dialog."""

from __future__ import annotations

import html
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QEvent, Qt, pyqtSignal
from PyQt5.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from handwriting.gui.common.paragraphs import spaced_html

translate = QCoreApplication.translate
# Around the question and its buttons, (left, top, right, bottom): below number mode's wide canvas, in a 1000x650
# window, the bar has about 100 px before the Draw tab scrolls: four lines of the question, the buttons beside them
BAR_MARGINS = (8, 4, 8, 4)


def what_and_where(learn_from_accepted: bool, store: Path) -> str:
    """Which drawings are kept once the user says yes, as what, where, and how to see and delete them."""
    if learn_from_accepted:
        text = translate("Consent", "Then digits you correct, and lone digits you clear when read at least 95% sure, "
                                    "are kept as 28x28 images on this computer: {path}. See or delete them in Model > "
                                    "My handwriting samples… or Model > Forget my handwriting.")
    else:
        text = translate("Consent", "Then digits you correct are kept as 28x28 images with the right digit, on this "
                                    "computer: {path}. See or delete them in Model > My handwriting samples… or "
                                    "Model > Forget my handwriting.")
    return text.format(path=store)


def enrolment_consent_box(parent: QWidget, learn_from_accepted: bool, store: Path) -> tuple[QMessageBox, QPushButton]:
    """The box before Learn my handwriting, whose Start says yes to keeping drawings: (box, its Start button)."""
    text = "\n\n".join((
        translate("Personal", "Learning your handwriting keeps the digits you draw for it, and from then on your "
                              "other drawings."),
        what_and_where(learn_from_accepted, store),
        translate("Personal", "Start says yes to keeping your drawings."),
    ))
    box = QMessageBox(QMessageBox.Question, translate("Personal", "Learn my handwriting"), text,
                      QMessageBox.NoButton, parent)
    box.setObjectName("consentBox")
    start = box.addButton(translate("Personal", "Start and keep my drawings"), QMessageBox.AcceptRole)
    start.setObjectName("startKeepingButton")
    box.addButton(translate("Personal", "Cancel"), QMessageBox.RejectRole)
    box.setAttribute(Qt.WA_DeleteOnClose)
    return box, start


class ConsentBar(QFrame):
    """The question "Keep your drawings to learn your handwriting?": what is kept, where, how to see and delete it.

    Shown above the drawing; the window keeps working while it is there. `answered` carries the choice.
    """

    answered = pyqtSignal(bool)  # True: keep my drawings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentBar")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#consentBar { background: #e8f1fb; border: 1px solid #8fb3d9; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(*BAR_MARGINS)
        layout.setSpacing(BAR_MARGINS[0])
        self.text = QLabel("")
        self.text.setObjectName("consentText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(BAR_MARGINS[1])
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keepDrawingsButton")
        self.keep_button.setAutoDefault(False)
        self.keep_button.clicked.connect(lambda: self.answered.emit(True))
        self.dont_button = QPushButton(self)
        self.dont_button.setObjectName("dontKeepButton")
        self.dont_button.setAutoDefault(False)
        self.dont_button.clicked.connect(lambda: self.answered.emit(False))
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.dont_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._shown: tuple[bool, Path] | None = None
        self.hide()

    def ask(self, learn_from_accepted: bool, store: Path) -> None:
        """Show the question, worded for what would be kept and where."""
        self._shown = (learn_from_accepted, Path(store))
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        """The question and the buttons in the current language."""
        self.keep_button.setText(translate("Consent", "Keep them"))
        self.keep_button.setToolTip(translate("Consent", "Keep the drawings described here, from now on"))
        self.dont_button.setText(translate("Consent", "Don't keep"))
        self.dont_button.setToolTip(translate("Consent", "Keep nothing; a correction still changes the answer shown"))
        if self._shown is None:
            return
        learn_from_accepted, store = self._shown
        title = translate("Consent", "Keep your drawings to learn your handwriting? Nothing is kept until you say "
                                     "yes.")
        words = f"<b>{html.escape(title)}</b> {html.escape(what_and_where(learn_from_accepted, store))}"
        self.text.setText(spaced_html(self.text.font(), words))

    def changeEvent(self, event: QEvent) -> None:
        """Another font (the language's): the question again, its lines spaced for that font."""
        if event.type() == QEvent.FontChange and self._shown is not None:
            self.retranslate()
        super().changeEvent(event)
