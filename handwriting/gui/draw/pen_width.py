"""The pen-width box: a value typed out of range is clamped visibly, with a hint, never silently cut."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtGui import QValidator
from PyQt5.QtWidgets import QSpinBox, QToolTip

translate = QCoreApplication.translate
DEFAULT_PEN_WIDTH = 18  # canvas pixels
MIN_PEN_WIDTH = 4
MAX_PEN_WIDTH = 48


class PenWidthSpin(QSpinBox):
    """A QSpinBox that lets any whole number be typed; out of range, it is clamped and `clamped` says so."""

    clamped = pyqtSignal(str)  # the hint, e.g. "Pen width goes from 4 to 48 px: 100 became 48"
    hintStale = pyqtSignal(str)  # that hint, once another width is chosen

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("penWidthSpin")
        self.setRange(MIN_PEN_WIDTH, MAX_PEN_WIDTH)
        self.setValue(DEFAULT_PEN_WIDTH)
        self.setSuffix(" px")
        self.last_hint = ""
        self.clamped_to: int | None = None  # the value the last hint speaks of
        self.valueChanged.connect(self._on_value)
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltip in the current language."""
        self.setToolTip(
            translate(
                "PenWidth", "Stroke width in canvas pixels, {low} to {high} (Ctrl+[ thinner, Ctrl+] thicker)"
            ).format(low=MIN_PEN_WIDTH, high=MAX_PEN_WIDTH)
        )

    def _on_value(self, value: int) -> None:
        if self.last_hint and value != self.clamped_to:  # another width: the hint is stale, here and elsewhere
            stale, self.last_hint = self.last_hint, ""
            QToolTip.hideText()
            self.hintStale.emit(stale)

    def _number(self, text: str) -> str:
        return text.removesuffix(self.suffix()).strip()

    def validate(self, text: str, position: int):
        """Any whole number of up to four digits can be typed (Qt would refuse the keystroke that leaves the range)."""
        number = self._number(text)
        if number.isdigit() and len(number) <= 4:
            inside = self.minimum() <= int(number) <= self.maximum()
            return (QValidator.Acceptable if inside else QValidator.Intermediate), text, position
        return super().validate(text, position)

    def fixup(self, text: str) -> str:
        """An out-of-range number becomes the nearest limit, and the hint is shown."""
        number = self._number(text)
        if not number.isdigit():
            return super().fixup(text)
        value = min(max(int(number), self.minimum()), self.maximum())
        if value != int(number):
            self.last_hint = translate(
                "PenWidth", "Pen width goes from {low} to {high} px: {typed} px became {value} px"
            ).format(low=self.minimum(), high=self.maximum(), typed=number, value=value)
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.last_hint, self)
            self.clamped_to = value
            self.clamped.emit(self.last_hint)
        return f"{value}{self.suffix()}"
