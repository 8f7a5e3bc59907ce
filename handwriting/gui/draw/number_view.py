"""The number read in number mode, shown large ("2026", "2026 or 2028?"), and a line on what it means."""

from __future__ import annotations

from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PyQt5.QtWidgets import QLabel, QWidget

from handwriting.gui.controllers.number_controller import ShownNumber
from handwriting.gui.draw.panel_parts import (
    CORRECTED_TEXT_COLOUR,
    MESSAGE_COLOUR,
    UNSURE_TEXT_COLOUR,
    LabelRows,
    set_text_colour,
)
from handwriting.gui.wording import percent
from handwriting.labels import NumberStatus, Status

NUMBER_FONT_SCALE = 2.8  # the number's font, times the window's (a digit's answer is 2.2 times)
WRITE_A_NUMBER = QT_TRANSLATE_NOOP("DrawPanel", "Write a number")
translate = QCoreApplication.translate


def number_texts(shown: ShownNumber | None) -> tuple[str, str, str | None]:
    """What to say of a reading: (the number, large; a line below it; the number's colour, None for the usual)."""
    if shown is None or (shown.count == 0 and shown.reading.status != NumberStatus.NOT_A_NUMBER):
        return translate("DrawPanel", WRITE_A_NUMBER), "", MESSAGE_COLOUR
    reading, how = shown.reading, translate("DrawPanel", "Click a digit to see its bars; a digit key corrects it")
    if not shown.text:
        if shown.count > 1:
            detail = translate("DrawPanel", "More of the ink looks like no digit (the ✕ boxes) than like digits; if a "
                                            "box holds a digit, click it and press its key")
        elif shown.count:
            detail = translate("DrawPanel", "The ink does not look like a digit (the ✕ box); if it is one, click it "
                                            "and press its key")
        else:
            detail = translate("DrawPanel", "The ink does not look like digits written side by side")
        return translate("DrawPanel", "Not a number"), detail, MESSAGE_COLOUR
    if shown.corrected:
        said = reading.text or translate("DrawPanel", "not a number")
        return shown.text, translate("DrawPanel", "Corrected by you (the network read {said}). {how}").format(
            said=said, how=how), CORRECTED_TEXT_COLOUR
    if shown.strays:
        detail = translate("DrawPanel", "The ink in the ✕ box is no digit and is left out; if it is a digit, click "
                                        "it and press its key")
        return shown.text, detail, UNSURE_TEXT_COLOUR
    if shown.count == 1:  # a lone digit: as a digit is shown, with its own probability
        prediction = reading.digits[0]
        one = translate("DrawPanel", "One digit; write more beside it for a number")
        if prediction.status == Status.UNSURE:
            first, second = prediction.candidates
            return translate("DrawPanel", "{first} or {second}?").format(first=first, second=second), one, \
                UNSURE_TEXT_COLOUR
        return reading.text, one, None
    if reading.status == NumberStatus.UNSURE and len(reading.alternatives) > 1:
        (first, p_first), (second, p_second) = reading.alternatives[:2]
        detail = translate("DrawPanel", "Not sure: {first} ({p_first}) or {second} ({p_second}). {how}").format(
            first=first, second=second, p_first=percent(p_first), p_second=percent(p_second), how=how)
        return translate("DrawPanel", "{first} or {second}?").format(first=first, second=second), detail, \
            UNSURE_TEXT_COLOUR
    detail = translate("DrawPanel", "{probability} sure. {how}").format(
        probability=percent(reading.probability), how=how)
    return reading.text, detail, None


class NumberRows(LabelRows):
    """The number, large, and the line below it; labels change only when their text does (see LabelRows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        number, detail = QLabel(), QLabel()
        number.setObjectName("numberReading")
        detail.setObjectName("numberDetail")
        font = number.font()
        font.setPointSizeF(font.pointSizeF() * NUMBER_FONT_SCALE)
        font.setBold(True)
        number.setFont(font)
        super().__init__([number, detail], parent)
        self.number, self.detail = number, detail
        self._colour: str | None = ""  # none set yet
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltip in the current language, and the rows' heights for its font."""
        self.number.setToolTip(translate("DrawPanel", "The number the network reads, left to right"))
        self.refit()

    def show_number(self, shown: ShownNumber | None) -> None:
        """Say what `shown` reads (None: nothing written yet)."""
        text, detail, colour = number_texts(shown)
        if colour != self._colour:
            self._colour = colour
            set_text_colour(self.number, colour)
        if self.number.text() != text:
            self.number.setText(text)
        if self.detail.text() != detail:
            self.detail.setText(detail)
