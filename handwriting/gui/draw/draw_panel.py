"""The Draw tab: the canvas (across the top in number mode), its tools, the answer, network input and bars."""

from __future__ import annotations

import html

import numpy as np
from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from handwriting.gui.common.actions import Actions
from handwriting.gui.common.plots import ProbabilityPlot
from handwriting.gui.common.qimages import digit_pixmap
from handwriting.gui.draw.answer_words import answer_words, correction_words, left_out_words
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.gui.draw.number_overlay import NumberOverlay
from handwriting.gui.draw.number_view import NumberRows
from handwriting.gui.draw.panel_parts import (
    CORRECTED_TEXT_COLOUR,
    MESSAGE_COLOUR,
    DrawTools,
    LabelRows,
    ModelBanner,
    NetworkInput,
    framed,
    one_line_height,
    set_text_colour,
)
from handwriting.labels import Status

PREVIEW_SIDE = 112  # 28 pixels, four times
ANSWER_SCALE = 2.2  # the answer's font, times the window's; in number mode the selected digit's answer is smaller
DIGIT_OF_NUMBER_SCALE = 1.4
PAGE_MARGIN = 4  # px above and below the tab's rows, and between them
NUMBER_BARS_HEIGHT = 90  # the chart's least height in number mode (the wide canvas takes room)
NUMBER_CONTENT = ("drawing", "file")  # what number mode reads as a number (a test image stays one digit)
EMPTY_TEXT = QT_TRANSLATE_NOOP("DrawPanel", "Draw a digit")
translate = QCoreApplication.translate


class DrawPanel(QWidget):
    """The Draw tab's widgets; its buttons are the window's actions. It shows what it is given."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        margins = outer.contentsMargins()  # little room above and below: a question (add_bar) fits at 1000x650
        outer.setContentsMargins(margins.left(), PAGE_MARGIN, margins.right(), PAGE_MARGIN)
        outer.setSpacing(PAGE_MARGIN)

        self.banner = ModelBanner(actions.retrain, actions.load_model, self)
        self.banner_text, self.train_button, self.load_button = self.banner.text, self.banner.train, self.banner.load
        outer.addWidget(self.banner)
        self._top = QHBoxLayout()  # in number mode: the tools and the wide canvas, above the answer
        self._top.setSpacing(12)
        self._top.addStretch(1)
        outer.addLayout(self._top)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self._outer = outer
        self._bars: list[QWidget] = []  # questions (add_bar), placed where they never move the canvas

        # Left: the canvas and its tools.
        column = QWidget(self)
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        body.addWidget(column)
        self.canvas = DrawingCanvas(self)
        self.overlay = NumberOverlay(self.canvas)
        self.frame = framed(self.canvas)
        left.addWidget(self.frame, 0, Qt.AlignHCenter)
        self._left = left

        self.tools = tools = DrawTools(actions, self)
        self.clear_button, self.undo_button = tools.clear_button, tools.undo_button
        self.sample_button, self.open_button = tools.sample_button, tools.open_button
        self.pen_row, self.pen_label, self.pen_width = tools.pen_row, tools.pen_label, tools.pen_width
        self.number_button = tools.number_button
        tools.arrange(one_column=False, width=self.canvas.side + 24)
        left.addWidget(self.tools)

        self.network_input = NetworkInput(PREVIEW_SIDE)
        self.preview = self.network_input.image
        left.addSpacing(8)
        left.addWidget(self.network_input)
        left.addStretch(1)
        column.setFixedWidth(self.canvas.width() + 24)

        # Right: the answer.
        right = QVBoxLayout()
        body.addSpacing(12)
        body.addLayout(right, 1)
        self._right = right
        self.number_rows = NumberRows(self)
        self.number_rows.hide()
        right.addWidget(self.number_rows)
        self._number_shown = None  # the ShownNumber on screen, while number mode is on
        self._content = "drawing"  # what the canvas shows: a drawing, a sample or a file (recognition.Content.kind)
        self.prediction = QLabel()
        self.prediction.setObjectName("prediction")
        self.detail = QLabel("")
        self.detail.setObjectName("predictionDetail")
        self.label_rows = LabelRows([self.prediction, self.detail], self)
        self._answer_font(ANSWER_SCALE)
        right.addWidget(self.label_rows)
        self.sample_info = QLabel("")
        self.sample_info.setObjectName("sampleInfo")
        self.sample_info.setWordWrap(True)
        self.sample_info.setTextFormat(Qt.RichText)
        right.addWidget(self.sample_info)

        self.bars = ProbabilityPlot(self)
        # The chart takes the height left and asks for none: a page with wrapped text is laid out at its preferred
        # height (QScrollArea), and the chart's 450 px made the page scroll once a question bar showed.
        self.bars.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
        self._bars_height = self.bars.minimumHeight()
        right.addWidget(self.bars, 1)
        self._label_colour: str | None = ""  # none set yet
        self._empty_preview = digit_pixmap(np.zeros((28, 28), np.float32), PREVIEW_SIDE)
        self.retranslate()
        self.show_message(translate("DrawPanel", EMPTY_TEXT))

    def retranslate(self) -> None:
        """The panel's own texts in the current language (what it shows is given again by the window)."""
        self.tools.retranslate()
        self.network_input.retranslate(self._numbers_shown())
        self.prediction.setToolTip(translate("DrawPanel", "The digit the network recognises and its confidence"))
        self.sample_info.setMinimumHeight(one_line_height(self.sample_info))  # the chart stays put when it fills
        self.canvas.retranslate()
        self.bars.retranslate()
        self.label_rows.refit()
        self.number_rows.retranslate()
        if self._numbers_shown():  # a test image's answer is worded again by the window
            self.show_number(self._number_shown)

    # --- Showing results ----------------------------------------------------------------------------

    def show_content(self, content) -> None:
        """Say what the canvas shows (a recognition_controller.Content): a test image, a file, or a drawing."""
        self._content = content.kind
        self._show_rows()
        if content.kind == "sample":
            text = translate("DrawPanel", "Test image #{index}: true label <b>{label}</b>")
            self.sample_info.setText(text.format(index=content.index, label=content.label))
        elif content.kind == "file":
            self.sample_info.setText(translate("DrawPanel", "File {name}").format(name=html.escape(content.name)))
        else:
            self.sample_info.setText("")

    def show_result(self, prediction, content) -> None:
        """Show a Prediction for `content`; for a test image, whether it agrees with the true label."""
        self.show_prediction(prediction)
        if content.kind == "sample":
            if prediction.digit == content.label:
                verdict, colour = translate("DrawPanel", "correct"), "#2b8a3e"
            else:
                verdict, colour = translate("DrawPanel", "wrong"), "#c92a2a"
            shown = translate("DrawPanel", "Test image #{index}: true label <b>{label}</b>")
            shown = shown.format(index=content.index, label=content.label)
            verdict = f'<span style="color:{colour}">{verdict}</span>'
            self.sample_info.setText(translate("DrawPanel", "{shown}, {verdict}").format(shown=shown, verdict=verdict))

    def show_prediction(self, prediction) -> None:
        """Show a Prediction by its status: a digit and confidence, "7 or 2?", or "Not a digit"; input and bars.

        Kept cheap (it runs between a pen-up and the bars on screen): labels change only when their
        text does, colours go through the palette (a style sheet change re-polishes the widget).
        """
        if prediction.status == Status.EMPTY:
            self.show_message(translate("DrawPanel", EMPTY_TEXT))
            return
        answer = answer_words(prediction, not self.canvas.wide and self._content in NUMBER_CONTENT)
        text, colour, highlight, detail = answer.text, answer.colour, answer.highlight, answer.detail
        self._set_label(text, colour)
        if self.detail.text() != detail:
            self.detail.setText(detail)
        self.preview.setPixmap(digit_pixmap(prediction.image, PREVIEW_SIDE))
        unsure = prediction.status == Status.UNSURE
        self.bars.set_probabilities(prediction.probabilities, highlight, unsure, prediction.not_digit_probability)

    def show_correction(self, digit: int, prediction) -> None:
        """The user's answer over the network's: "Corrected: 4 (the network said 9)", the bar of 4 highlighted."""
        self._set_label(correction_words(digit, prediction), CORRECTED_TEXT_COLOUR)
        detail = translate("DrawPanel", "Your answer, until the drawing changes; another digit key changes it")
        if self.detail.text() != detail:
            self.detail.setText(detail)
        self.bars.set_probabilities(prediction.probabilities, digit, False, prediction.not_digit_probability,
                                    chosen=True)

    # --- Number mode --------------------------------------------------------------------------------

    def set_number_mode(self, on: bool) -> None:
        """Number mode: the tools and the wide canvas side by side above the answer, the number read shown large
        above the selected digit's answer; off: the square canvas above the tools, beside the answer, as before."""
        self.canvas.set_wide(on)
        self._answer_font(DIGIT_OF_NUMBER_SCALE if on else ANSWER_SCALE)
        self.bars.setMinimumHeight(NUMBER_BARS_HEIGHT if on else self._bars_height)
        for widget in (self.frame, self.tools):  # they move between the left column and the top of the tab
            self._top.removeWidget(widget)
            self._left.removeWidget(widget)
        self.tools.arrange(one_column=on, width=self.canvas.side + 24)
        if on:
            self._top.insertWidget(0, self.tools, 0, Qt.AlignTop)
            self._top.insertWidget(1, self.frame, 0, Qt.AlignTop)
        else:
            self._left.insertWidget(0, self.frame, 0, Qt.AlignHCenter)
            self._left.insertWidget(1, self.tools)
            self.overlay.show(None)
            self._number_shown = None
        self._place_bars()
        self._show_rows()

    def _numbers_shown(self) -> bool:
        """Whether a number is read (number mode, a drawing or an image file) rather than one digit (a test image)."""
        return self.canvas.wide and self._content in NUMBER_CONTENT

    def _show_rows(self) -> None:
        """In number mode, a drawing's or a file's number above the digit's answer (a file's name below it); no room
        kept for a test image's line; the network input's caption says which it shows."""
        numbers = self._numbers_shown()
        self.number_rows.setVisible(numbers)
        self.sample_info.setVisible(not numbers or self._content == "file")
        self.network_input.retranslate(numbers)

    def _answer_font(self, scale: float) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.prediction.setFont(font)
        self.label_rows.refit()

    def show_number(self, shown) -> None:
        """Show a number_controller.ShownNumber (None: nothing to read): the number, its boxes on the canvas, and
        the selected digit's answer, bars and network input, as a lone digit's are shown."""
        self._number_shown = shown
        self.number_rows.show_number(shown)
        self.overlay.show(shown)
        prediction = None if shown is None else shown.prediction
        if prediction is None:
            self.show_message("")
            return
        self.show_prediction(prediction)
        corrected = shown.corrections[shown.selected]
        if corrected is not None:
            self.show_correction(corrected, prediction)
            self.detail.setText(translate("DrawPanel", "Your answer, while this digit's ink stays as it is"))
        kept = [index for index in range(shown.count) if shown.digit(index) is not None]
        if shown.selected not in kept and kept:  # ink read as no digit, left out of the number (with no number: as is)
            text = translate("DrawPanel", "Left out of the number — {answer}").format(answer=self.prediction.text())
            self._set_label(text, self._label_colour)
            if (why := left_out_words(prediction)) is not None:  # the network alone reads a digit there
                self.detail.setText(why)
        elif len(kept) > 1:
            text = translate("DrawPanel", "Digit {index} of {count} — {answer}")
            self._set_label(text.format(index=kept.index(shown.selected) + 1, count=len(kept),
                                        answer=self.prediction.text()), self._label_colour)

    def add_bar(self, bar: QWidget) -> None:
        """Show `bar` (a question with its buttons, say) where it never moves the canvas being drawn on when it
        shows (after a correction, say): above the answer beside the square canvas, across the foot of the tab
        below the wide one."""
        self._bars.append(bar)
        self._place_bars()

    def _place_bars(self) -> None:
        """The bars above the answer (one digit at a time) or across the foot of the tab (number mode)."""
        for index, bar in enumerate(self._bars):
            self._right.removeWidget(bar)
            self._outer.removeWidget(bar)
            if self.canvas.wide:
                self._outer.addWidget(bar)
            else:
                self._right.insertWidget(index, bar)

    def set_outputs(self, outputs: int) -> None:
        """The loaded model's output count: the bars show a "not a digit" column when it has that 11th output."""
        self.bars.set_outputs(outputs)

    def show_message(self, text: str) -> None:
        """No prediction: `text` instead of a digit (it must hold no digit), empty preview, zero bars."""
        self._set_label(text, MESSAGE_COLOUR)
        if self.detail.text():
            self.detail.setText("")
        self.preview.setPixmap(self._empty_preview)
        self.bars.clear_probabilities()

    def _set_label(self, text: str, colour: str | None) -> None:
        if colour != self._label_colour:
            self._label_colour = colour
            set_text_colour(self.prediction, colour)
        if self.prediction.text() != text:
            self.prediction.setText(text)

    def show_banner(self, message: str | None) -> None:
        """Show (or with None hide) the model problem banner."""
        self.banner_text.setText(message or "")
        self.banner.setVisible(bool(message))
