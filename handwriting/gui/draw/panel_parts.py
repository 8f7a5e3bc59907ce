"""Small widgets of the Draw tab: one-line labels stacked without a layout, buttons that are actions, the tools,
the banner, the network input."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtGui import QColor, QPalette
from PyQt5.QtWidgets import (
    QAction,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui.common.actions import Actions
from handwriting.gui.draw.pen_width import PenWidthSpin
from handwriting.gui.wording import tooltip

translate = QCoreApplication.translate
MESSAGE_COLOUR = "#666666"
UNSURE_TEXT_COLOUR = "#b35c00"
CORRECTED_TEXT_COLOUR = "#2b6cb0"
NUMBER_ON_STYLE = ("QToolButton#numberModeButton:checked { background: #d0ebff; border: 1px solid #1c7ed6;"
                   " border-radius: 3px; padding: 3px; font-weight: bold; }")


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
        self.refit()
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # never widens the window

    def refit(self) -> None:
        """Take the height of the labels' lines again (another font: Japanese glyphs are taller)."""
        self.setFixedHeight(sum(self._line(label) for label in self._labels) + self.SPACING * (len(self._labels) - 1))
        self.resizeEvent(None)

    @staticmethod
    def _line(label: QLabel) -> int:
        return max(label.sizeHint().height(), label.fontMetrics().height())

    def resizeEvent(self, event) -> None:
        """Give each label the full width and its own line height."""
        top = 0
        for label in self._labels:
            height = self._line(label)
            label.setGeometry(0, top, self.width(), height)
            top += height + self.SPACING


def framed(widget: QWidget) -> QFrame:
    """`widget` in a one-pixel box."""
    frame = QFrame(widget.parentWidget())
    frame.setFrameShape(QFrame.Box)
    frame.setLineWidth(1)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(1, 1, 1, 1)
    layout.addWidget(widget)
    return frame


def one_line_height(label: QLabel) -> int:
    """The height `label` takes for one line of its rich text (bold included), even while it is empty."""
    probe = QLabel()
    probe.setFont(label.font())
    probe.setTextFormat(label.textFormat())
    probe.setText("<b>Ag</b> 図")
    return probe.sizeHint().height()


def set_text_colour(label: QLabel, colour: str | None) -> None:
    """`label`'s text in `colour` (None: its parent's), through the palette: a style sheet would re-polish it."""
    palette = label.parentWidget().palette() if label.parentWidget() is not None else label.palette()
    if colour is not None:
        palette.setColor(QPalette.WindowText, QColor(colour))
    label.setPalette(palette)


def action_button(action: QAction, name: str, tip: str | None = None) -> QToolButton:
    """A push-button-like QToolButton that is `action` (its text, enabled state and trigger)."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setObjectName(name)
    button.setToolButtonStyle(Qt.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    if tip:
        button.setToolTip(tip)
    return button


class DrawTools(QWidget):
    """The Draw tab's tools, each a window action's button (Clear, Undo, Random sample, Open image, Number) or the
    pen width; in two columns under the square canvas, or in one beside the wide one (arrange)."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.clear_button = action_button(actions.clear, "clearButton")
        self.undo_button = action_button(actions.undo, "undoButton")
        self.sample_button = action_button(actions.sample, "sampleButton")
        self.open_button = action_button(actions.open_image, "openImageButton")
        self.pen_row = QWidget(self)
        pen_row = QHBoxLayout(self.pen_row)
        pen_row.setContentsMargins(0, 0, 0, 0)
        self.pen_label = QLabel()
        self.pen_width = PenWidthSpin()
        self.pen_label.setBuddy(self.pen_width)
        pen_row.addWidget(self.pen_label)
        pen_row.addWidget(self.pen_width)
        pen_row.addStretch(1)
        self.number_button = action_button(actions.number_mode, "numberModeButton")
        self.number_button.setStyleSheet(NUMBER_ON_STYLE)  # on, it must look on: not a slightly darker grey
        self._widgets = (self.clear_button, self.undo_button, self.sample_button, self.open_button, self.pen_row,
                         self.number_button)
        self._layout = (False, 0)  # (one column, the canvas's width), as arrange was last told
        self._last_row = QWidget(self)  # under the canvas: the pen width, as wide as its words, then Number
        QHBoxLayout(self._last_row).setContentsMargins(0, 0, 0, 0)

    def arrange(self, one_column: bool, width: int) -> None:
        """The tools in two columns `width` px wide under the square canvas, or in one beside the wide one (number
        mode), as narrow as they can be, so that the wide canvas and its tools fit a window 1000 px wide. Under the
        canvas, the pen width gets a row of its own where it and Number side by side would be cut (Japanese)."""
        self._layout = (one_column, width)
        row = self._last_row.layout()
        for widget in (*self._widgets, self._last_row):
            self._grid.removeWidget(widget)
            row.removeWidget(widget)
        beside = self.pen_row.sizeHint().width() + row.spacing() + self.number_button.sizeHint().width() <= width
        self._last_row.setVisible(not one_column and beside)
        if one_column:
            for index, widget in enumerate(self._widgets):
                self._grid.addWidget(widget, index, 0)
            self.setFixedWidth(max(widget.sizeHint().width() for widget in self._widgets))
            return
        for index, widget in enumerate(self._widgets[:4]):
            self._grid.addWidget(widget, *divmod(index, 2))
        if beside:
            row.addWidget(self.pen_row)
            row.addWidget(self.number_button, 1)
            self._grid.addWidget(self._last_row, 2, 0, 1, 2)
        else:
            self._grid.addWidget(self.pen_row, 2, 0, 1, 2)
            self._grid.addWidget(self.number_button, 3, 0, 1, 2)
        self.setFixedWidth(width)

    def retranslate(self) -> None:
        """The pen width's label and hints in the current language (the buttons are the actions'), the tools
        arranged again for the language's words."""
        self.pen_label.setText(translate("DrawPanel", "&Pen width:"))
        self.pen_width.retranslate()
        self.arrange(*self._layout)


class ModelBanner(QFrame):
    """A banner for a missing or unreadable model (hidden until given a message), with a way out: train, load."""

    def __init__(self, retrain: QAction, load_model: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelBanner")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#modelBanner { background: #fff3cd; border: 1px solid #e0c36a; }")
        layout = QHBoxLayout(self)
        self.text = QLabel("")
        self.text.setObjectName("modelMessage")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.train = action_button(retrain, "trainButton")
        self.load = action_button(load_model, "loadModelButton")
        layout.addWidget(self.train)
        layout.addWidget(self.load)
        self.hide()


class NetworkInput(QWidget):
    """The 28x28 image the network sees (`image`, a QLabel named "preview"), and a caption that says what it is."""

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.image = QLabel()
        self.image.setObjectName("preview")
        self.image.setFixedSize(side, side)
        self.image.setStyleSheet("QLabel#preview { background: black; border: 1px solid #888; }")  # not its tooltip
        layout.addWidget(self.image, 0, Qt.AlignTop)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        layout.addWidget(self.caption, 1)

    def retranslate(self, number: bool = False) -> None:
        """The tooltip and the caption in the current language; in number mode (`number`) a shorter caption."""
        tip = translate("DrawPanel", "What the network sees: the drawing cropped, scaled and centred as MNIST digits "
                                     "are. A drawing is also read from its pen's path, by a second, small network; the "
                                     "answer weighs both")
        self.image.setToolTip(tooltip(tip))
        if number:
            caption = translate("DrawPanel", "The selected digit (or ink read as no digit), as the network sees it")
        else:
            caption = translate("DrawPanel", "A drawing or an image file is cropped, scaled to fit a box of twenty "
                                             "pixels and centred by its centre of mass, as the MNIST digits were; a "
                                             "test image already is. A drawing whose pen is too thick for its size "
                                             "is read from the pen's path.")
        heading = translate("DrawPanel", "Network input")
        self.caption.setText(f"<b>{heading}</b><br>{caption}")
