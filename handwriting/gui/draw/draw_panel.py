"""The Draw tab: the canvas and its tools on the left; prediction, network input and bars on the right."""

from __future__ import annotations

import html

import numpy as np
from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PyQt5.QtGui import QColor, QPalette
from PyQt5.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from handwriting.gui.common.actions import Actions
from handwriting.gui.common.plots import ProbabilityPlot
from handwriting.gui.common.qimages import digit_pixmap
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.gui.draw.panel_parts import LabelRows, action_button
from handwriting.gui.draw.pen_width import PenWidthSpin
from handwriting.gui.wording import percent
from handwriting.labels import NOT_A_DIGIT, Status

PREVIEW_SIDE = 112  # 28 pixels, four times
EMPTY_TEXT = QT_TRANSLATE_NOOP("DrawPanel", "Draw a digit")
NOT_A_DIGIT_TEXT = QT_TRANSLATE_NOOP("DrawPanel", "Not a digit")
MESSAGE_COLOUR = "#666666"
UNSURE_TEXT_COLOUR = "#b35c00"
CORRECTED_TEXT_COLOUR = "#2b6cb0"
translate = QCoreApplication.translate


class DrawPanel(QWidget):
    """The Draw tab's widgets; its buttons are the window's actions. It shows what it is given."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)

        # A banner for a missing or unreadable model, with a way out.
        self.banner = QFrame(self)
        self.banner.setObjectName("modelBanner")
        self.banner.setFrameShape(QFrame.StyledPanel)
        self.banner.setStyleSheet("#modelBanner { background: #fff3cd; border: 1px solid #e0c36a; }")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel("")
        self.banner_text.setObjectName("modelMessage")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        banner_layout.addWidget(self.banner_text, 1)
        self.train_button = action_button(actions.retrain, "trainButton")
        self.load_button = action_button(actions.load_model, "loadModelButton")
        banner_layout.addWidget(self.train_button)
        banner_layout.addWidget(self.load_button)
        self.banner.hide()
        outer.addWidget(self.banner)
        self._bars_at = outer.count()  # add_bar puts bars (a question, say) below the banner
        self._outer = outer

        body = QHBoxLayout()
        outer.addLayout(body, 1)

        # Left: the canvas and its tools.
        column = QWidget(self)
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        body.addWidget(column)
        self.canvas = DrawingCanvas(self)
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Box)
        frame.setLineWidth(1)
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(1, 1, 1, 1)
        frame_layout.addWidget(self.canvas)
        left.addWidget(frame, 0, Qt.AlignHCenter)

        tools = QGridLayout()
        self.clear_button = action_button(actions.clear, "clearButton")
        self.undo_button = action_button(actions.undo, "undoButton")
        self.sample_button = action_button(actions.sample, "sampleButton")
        self.open_button = action_button(actions.open_image, "openImageButton")
        tools.addWidget(self.clear_button, 0, 0)
        tools.addWidget(self.undo_button, 0, 1)
        tools.addWidget(self.sample_button, 1, 0)
        tools.addWidget(self.open_button, 1, 1)
        pen_row = QHBoxLayout()
        self.pen_label = QLabel()
        self.pen_width = PenWidthSpin()
        self.pen_label.setBuddy(self.pen_width)
        pen_row.addWidget(self.pen_label)
        pen_row.addWidget(self.pen_width)
        pen_row.addStretch(1)
        tools.addLayout(pen_row, 2, 0, 1, 2)
        left.addLayout(tools)

        preview_row = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.preview.setStyleSheet("background: black; border: 1px solid #888;")
        preview_row.addWidget(self.preview, 0, Qt.AlignTop)
        self.preview_caption = QLabel()
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        preview_row.addWidget(self.preview_caption, 1)
        left.addSpacing(8)
        left.addLayout(preview_row)
        left.addStretch(1)
        column.setFixedWidth(self.canvas.width() + 24)

        # Right: the answer.
        right = QVBoxLayout()
        body.addSpacing(12)
        body.addLayout(right, 1)
        self.prediction = QLabel()
        self.prediction.setObjectName("prediction")
        font = self.prediction.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.prediction.setFont(font)
        self.detail = QLabel("")
        self.detail.setObjectName("predictionDetail")
        self.label_rows = LabelRows([self.prediction, self.detail], self)
        right.addWidget(self.label_rows)
        self.sample_info = QLabel("")
        self.sample_info.setObjectName("sampleInfo")
        self.sample_info.setWordWrap(True)
        self.sample_info.setTextFormat(Qt.RichText)
        right.addWidget(self.sample_info)

        self.bars = ProbabilityPlot(self)
        self.bars.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        right.addWidget(self.bars, 1)
        self._label_colour: str | None = ""  # none set yet
        self._empty_preview = digit_pixmap(np.zeros((28, 28), np.float32), PREVIEW_SIDE)
        self.retranslate()
        self.show_message(translate("DrawPanel", EMPTY_TEXT))

    def retranslate(self) -> None:
        """The panel's own texts in the current language (what it shows is given again by the window)."""
        self.pen_label.setText(translate("DrawPanel", "&Pen width:"))
        self.preview.setToolTip(
            translate("DrawPanel", "What the network sees: the drawing cropped, scaled and centred as MNIST digits are")
        )
        caption = translate(
            "DrawPanel", "A drawing or an image file is cropped, scaled to fit a box of twenty pixels and centred "
            "by its centre of mass, as the MNIST digits were; a test image already is."
        )
        heading = translate("DrawPanel", "Network input")
        self.preview_caption.setText(f"<b>{heading}</b><br>{caption}")
        self.prediction.setToolTip(translate("DrawPanel", "The digit the network recognises and its confidence"))
        self.sample_info.setMinimumHeight(self._one_line_height(self.sample_info))  # the chart stays put when it fills
        self.canvas.retranslate()
        self.pen_width.retranslate()
        self.bars.retranslate()
        self.label_rows.refit()

    @staticmethod
    def _one_line_height(label: QLabel) -> int:
        """The height `label` takes for one line of its rich text (bold included), even while it is empty."""
        probe = QLabel()
        probe.setFont(label.font())
        probe.setTextFormat(label.textFormat())
        probe.setText("<b>Ag</b> 図")
        return probe.sizeHint().height()

    # --- Showing results ----------------------------------------------------------------------------

    def show_content(self, content) -> None:
        """Say what the canvas shows (a recognition_controller.Content): a test image, a file, or a drawing."""
        if content.kind == "sample":
            self.sample_info.setText(
                translate("DrawPanel", "Test image #{index}: true label <b>{label}</b>").format(
                    index=content.index, label=content.label
                )
            )
        elif content.kind == "file":
            self.sample_info.setText(translate("DrawPanel", "File {name}").format(name=html.escape(content.name)))
        else:
            self.sample_info.setText("")

    def show_result(self, prediction, content) -> None:
        """Show a Prediction for `content`; for a test image, whether it agrees with the true label."""
        self.show_prediction(prediction)
        if content.kind == "sample":
            agree = prediction.digit == content.label
            if agree:
                verdict, colour = translate("DrawPanel", "correct"), "#2b8a3e"
            else:
                verdict, colour = translate("DrawPanel", "wrong"), "#c92a2a"
            shown = translate("DrawPanel", "Test image #{index}: true label <b>{label}</b>").format(
                index=content.index, label=content.label
            )
            self.sample_info.setText(f'{shown}, <span style="color:{colour}">{verdict}</span>')

    def show_prediction(self, prediction) -> None:
        """Show a Prediction by its status: a digit and confidence, "7 or 2?", or "Not a digit"; input and bars.

        Kept cheap (it runs between a pen-up and the bars on screen): labels change only when their
        text does, colours go through the palette (a style sheet change re-polishes the widget).
        """
        if prediction.status == Status.EMPTY:
            self.show_message(translate("DrawPanel", EMPTY_TEXT))
            return
        probabilities = prediction.probabilities
        first, second = prediction.candidates
        if prediction.status == Status.NOT_A_DIGIT or prediction.digit is None:
            text, colour, highlight = translate("DrawPanel", NOT_A_DIGIT_TEXT), MESSAGE_COLOUR, NOT_A_DIGIT
            detail = translate("DrawPanel", "It does not look like any digit (the ✕ bar)")
        elif prediction.status == Status.UNSURE:
            text = translate("DrawPanel", "Prediction: {first} ({confidence}) — not sure: {first} or {second}?")
            text = text.format(first=first, second=second, confidence=percent(prediction.confidence))
            colour, highlight = UNSURE_TEXT_COLOUR, first
            detail = f"{first}: {percent(probabilities[first])}, {second}: {percent(probabilities[second])}"
        else:
            text = translate("DrawPanel", "Prediction: {digit} ({confidence})").format(
                digit=first, confidence=percent(prediction.confidence)
            )
            colour, highlight = None, first
            detail = translate("DrawPanel", "Runner-up: {digit} ({probability})").format(
                digit=second, probability=percent(probabilities[second])
            )
        self._set_label(text, colour)
        if self.detail.text() != detail:
            self.detail.setText(detail)
        self.preview.setPixmap(digit_pixmap(prediction.image, PREVIEW_SIDE))
        unsure = prediction.status == Status.UNSURE
        self.bars.set_probabilities(probabilities, highlight, unsure, prediction.not_digit_probability)

    def show_correction(self, digit: int, prediction) -> None:
        """The user's answer over the network's: "Corrected: 4 (the network said 9)", the bar of 4 highlighted."""
        said = translate("DrawPanel", "not a digit") if prediction.digit is None else str(prediction.digit)
        text = translate("DrawPanel", "Corrected: {digit} (the network said {said})").format(digit=digit, said=said)
        self._set_label(text, CORRECTED_TEXT_COLOUR)
        detail = translate("DrawPanel", "Your answer, until the drawing changes; another digit key changes it")
        if self.detail.text() != detail:
            self.detail.setText(detail)
        self.bars.set_probabilities(prediction.probabilities, digit, False, prediction.not_digit_probability)

    def add_bar(self, bar: QWidget) -> None:
        """Put `bar` (a question with its buttons, say) across the top of the tab, below the model banner."""
        self._outer.insertWidget(self._bars_at, bar)
        self._bars_at += 1

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
            palette = self.palette()
            if colour is not None:
                palette.setColor(QPalette.WindowText, QColor(colour))
            self.prediction.setPalette(palette)
        if self.prediction.text() != text:
            self.prediction.setText(text)

    def show_banner(self, message: str | None) -> None:
        """Show (or with None hide) the model problem banner."""
        self.banner_text.setText(message or "")
        self.banner.setVisible(bool(message))
