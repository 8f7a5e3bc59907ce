"""The Draw tab: the canvas and its tools on the left; prediction, network input and bars on the right."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QColor, QPalette
from PyQt5.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui.canvas import DEFAULT_PEN_WIDTH, MAX_PEN_WIDTH, MIN_PEN_WIDTH, DrawingCanvas
from handwriting.gui.evaluation_view import digit_pixmap
from handwriting.gui.plots import ProbabilityPlot

PREVIEW_SIDE = 112  # 28 pixels, four times
EMPTY_TEXT = "Draw a digit"
MESSAGE_COLOUR = "#666666"
UNSURE_TEXT_COLOUR = "#b35c00"


class LabelRows(QWidget):
    """One-line labels stacked by hand, without a layout, in a box of fixed height.

    A label whose text changes asks its parent's layout to re-lay out, and every layout up to the
    window follows (Qt's QLayout::activate always propagates), measuring all tabs on the way: about
    0.8 ms per changed label, on each pen-up. Here the request stops at this box, which keeps its size.
    """

    SPACING = 2

    def __init__(self, labels: list[QLabel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        for label in labels:
            label.setParent(self)
        self.setFixedHeight(sum(label.sizeHint().height() for label in labels) + self.SPACING * (len(labels) - 1))
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # never widens the window

    def resizeEvent(self, event) -> None:
        """Give each label the full width and its own line height."""
        top = 0
        for label in self._labels:
            height = label.sizeHint().height()
            label.setGeometry(0, top, self.width(), height)
            top += height + self.SPACING


class DrawPanel(QWidget):
    """Widgets of the Draw tab; the main window owns the logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
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
        self.train_button = QPushButton("&Train a model…")
        self.train_button.setObjectName("trainButton")
        self.train_button.setToolTip("Open the retrain dialog to train a new model (Ctrl+T)")
        self.load_button = QPushButton("&Load model…")
        self.load_button.setObjectName("loadModelButton")
        self.load_button.setToolTip("Pick another .keras model file (Ctrl+L)")
        banner_layout.addWidget(self.train_button)
        banner_layout.addWidget(self.load_button)
        self.banner.hide()
        outer.addWidget(self.banner)

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
        self.clear_button = QPushButton("&Clear")
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setToolTip("Erase the canvas (Esc or Delete)")
        self.undo_button = QPushButton("&Undo stroke")
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip("Remove the last stroke (Ctrl+Z)")
        self.sample_button = QPushButton("&Random sample")
        self.sample_button.setObjectName("sampleButton")
        self.sample_button.setToolTip("Show a random image of the official MNIST test set and its prediction (Ctrl+R)")
        self.open_button = QPushButton("&Open image…")
        self.open_button.setObjectName("openImageButton")
        self.open_button.setToolTip(
            "Recognise a digit in an image file (Ctrl+O); you can also drop a file on the canvas"
        )
        tools.addWidget(self.clear_button, 0, 0)
        tools.addWidget(self.undo_button, 0, 1)
        tools.addWidget(self.sample_button, 1, 0)
        tools.addWidget(self.open_button, 1, 1)
        pen_row = QHBoxLayout()
        pen_label = QLabel("&Pen width:")
        self.pen_width = QSpinBox()
        self.pen_width.setObjectName("penWidthSpin")
        self.pen_width.setRange(MIN_PEN_WIDTH, MAX_PEN_WIDTH)
        self.pen_width.setValue(DEFAULT_PEN_WIDTH)
        self.pen_width.setSuffix(" px")
        self.pen_width.setToolTip("Stroke width in canvas pixels (Ctrl+[ thinner, Ctrl+] thicker)")
        pen_label.setBuddy(self.pen_width)
        pen_row.addWidget(pen_label)
        pen_row.addWidget(self.pen_width)
        pen_row.addStretch(1)
        tools.addLayout(pen_row, 2, 0, 1, 2)
        left.addLayout(tools)

        preview_row = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.preview.setStyleSheet("background: black; border: 1px solid #888;")
        self.preview.setToolTip("What the network sees: the drawing cropped, scaled and centred as MNIST digits are")
        preview_row.addWidget(self.preview, 0, Qt.AlignTop)
        caption = QLabel(
            "<b>Network input</b><br>The drawing is cropped, scaled to fit a box of twenty pixels and "
            "centred by its centre of mass, as the MNIST digits were."
        )
        caption.setWordWrap(True)
        caption.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        preview_row.addWidget(caption, 1)
        left.addSpacing(8)
        left.addLayout(preview_row)
        left.addStretch(1)
        column.setFixedWidth(self.canvas.width() + 24)

        # Right: the answer.
        right = QVBoxLayout()
        body.addSpacing(12)
        body.addLayout(right, 1)
        self.prediction = QLabel(EMPTY_TEXT)
        self.prediction.setObjectName("prediction")
        font = self.prediction.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setToolTip("The digit the network recognises and its confidence")
        self.detail = QLabel("")
        self.detail.setObjectName("predictionDetail")
        right.addWidget(LabelRows([self.prediction, self.detail], self))
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
        self.show_message(EMPTY_TEXT)

    # --- Showing results ----------------------------------------------------------------------------

    def show_prediction(self, prediction) -> None:
        """Show a Prediction: its digit and confidence, the network input and the bars.

        Kept cheap (it runs between a pen-up and the bars on screen): labels change only when their
        text does, colours go through the palette (a style sheet change re-polishes the widget).
        """
        if prediction.digit is None:
            self.show_message(EMPTY_TEXT)
            return
        probabilities = prediction.probabilities
        text = f"Prediction: {prediction.digit} ({prediction.confidence:.0%})"
        if prediction.unsure:
            text += " — not sure"
        self._set_label(text, UNSURE_TEXT_COLOUR if prediction.unsure else None)
        runner = int(np.argsort(probabilities)[-2])
        detail = f"Runner-up: {runner} ({probabilities[runner]:.0%})"
        if self.detail.text() != detail:
            self.detail.setText(detail)
        self.preview.setPixmap(digit_pixmap(prediction.image, PREVIEW_SIDE))
        self.bars.set_probabilities(probabilities, prediction.digit, prediction.unsure)

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
