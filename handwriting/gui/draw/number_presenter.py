"""Number mode in the window: its action, the Draw tab's layout, the number read and its boxes, a digit selected."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QSettings, Qt
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QAction

from handwriting.gui.common.actions import Actions
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.number_controller import NumberController
from handwriting.gui.controllers.recognition_controller import RecognitionController
from handwriting.gui.draw.draw_panel import DrawPanel

NUMBER_MODE_KEY = "draw/number_mode"  # "true": the app was last left in number mode, and starts in it
translate = QCoreApplication.translate


class NumberPresenter:
    """Connects the NumberController to the Draw tab and the window.

    The Number action (Edit menu, the Draw tab's button, Ctrl+N; remembered in the settings) turns number mode on
    and off: the panel lays itself out for it, and the recognition controller leaves the drawing to the number
    controller. The canvas's strokes are read as they are drawn; the reading goes to the panel and the canvas's boxes.
    A tap on a box, or Left and Right on the Draw tab, selects a digit; the digit keys correct the selected digit
    (PersonalPresenter.correct, which stores it as any correction).
    """

    def __init__(self, actions: Actions, number: NumberController, recognition: RecognitionController,
                 models: ModelController, panel: DrawPanel, status: StatusPresenter, settings: QSettings) -> None:
        self._actions, self._number, self._recognition, self._panel = actions, number, recognition, panel
        self._settings = settings
        canvas = panel.canvas
        recognition.reads_one_digit = lambda: not number.active
        number.recognizer = models.recognizer
        models.loaded.connect(number.set_recognizer)
        number.active_changed.connect(self._mode_changed)
        number.shown.connect(panel.show_number)
        number.notice.connect(status.show_about_content)
        panel.overlay.boxClicked.connect(number.select)
        canvas.drawingStarted.connect(number.drawing_started)
        canvas.changed.connect(number.drawing_changed)
        canvas.strokeFinished.connect(lambda: number.read(now=True))
        canvas.cleared.connect(lambda: number.read(now=True))
        recognition.content_changed.connect(lambda _content: number.read(now=True))  # a file read, a test image not
        self.previous_digit = self._selecting("actionPreviousDigit", "Left", -1)
        self.next_digit = self._selecting("actionNextDigit", "Right", 1)
        self.retranslate()
        actions.number_mode.toggled.connect(self._toggled)
        actions.number_mode.setChecked(str(settings.value(NUMBER_MODE_KEY, "false")).lower() == "true")

    def _selecting(self, name: str, key: str, steps: int) -> QAction:
        """An action of the Draw tab (its shortcut works while the focus is there) that moves the selection."""
        action = QAction(self._panel)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)  # arrow keys elsewhere stay theirs
        action.setEnabled(False)
        action.triggered.connect(lambda: self._number.step(steps))
        self._panel.addAction(action)
        return action

    def retranslate(self) -> None:
        """The selection actions' texts in the current language."""
        self.previous_digit.setText(translate("Actions", "Select the digit to the left"))
        self.next_digit.setText(translate("Actions", "Select the digit to the right"))

    def _toggled(self, on: bool) -> None:
        self._settings.setValue(NUMBER_MODE_KEY, "true" if on else "false")
        self._number.set_active(on)

    def _mode_changed(self, on: bool) -> None:
        self._panel.set_number_mode(on)
        self.previous_digit.setEnabled(on)
        self.next_digit.setEnabled(on)
        self._recognition.read_again()  # one digit read again (a drawing, a file); or its answer on its way dropped
