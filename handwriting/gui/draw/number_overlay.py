"""A number's digit boxes over the canvas's ink: each digit's box and answer, the selected one highlighted."""

from __future__ import annotations

from PyQt5.QtCore import QObject, QPointF, QRectF, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QPainter, QPen

from handwriting.gui.common.plots import NOT_A_DIGIT_TICK
from handwriting.gui.controllers.number_controller import ShownNumber
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.labels import Status

BOX_COLOUR = "#4dabf7"  # on the black canvas: a digit read surely
UNSURE_BOX_COLOUR = "#ff922b"
NOT_A_DIGIT_BOX_COLOUR = "#ff6b6b"
CORRECTED_BOX_COLOUR = "#b197fc"
SELECTED_FILL_ALPHA = 60
BOX_MARGIN = 3.0  # pixels between the ink and its box's line
TAG_SIDE = 20.0  # the square that names a box's digit, above its top-left corner
TAP_SLACK = 6.0  # a tap this close outside a box still selects it


class NumberOverlay(QObject):
    """Paints the ShownNumber's boxes on `canvas` (from the drawing read to the widget, as an image file is fitted
    into it) and takes taps on them.

    `boxClicked(index)`: a tap (a press and release without moving) in digit `index`'s box; a tap elsewhere is a dot.
    """

    boxClicked = pyqtSignal(int)

    def __init__(self, canvas: DrawingCanvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self.shown: ShownNumber | None = None
        canvas.overlay = self.paint

    def show(self, shown: ShownNumber | None) -> None:
        """Show `shown`'s boxes (None: none); taps on the canvas select a digit while there are boxes."""
        if shown is None and self.shown is None:
            return
        self.shown = shown
        self._canvas.tap_handler = self._tap if shown is not None and shown.count else None
        self._canvas.update()

    def rects(self) -> list[QRectF]:
        """Each digit's box in widget coordinates, with a margin around the ink."""
        shown = self.shown
        if shown is None:
            return []
        width, height = shown.size  # the drawing read: the canvas's own pixels, or an image file shown fitted
        scale = min(self._canvas.width() / width, self._canvas.height() / height)
        left, top = (self._canvas.width() - width * scale) / 2, (self._canvas.height() - height * scale) / 2
        m = BOX_MARGIN
        return [QRectF(left + x0 * scale - m, top + y0 * scale - m, (x1 - x0) * scale + 2 * m,
                       (y1 - y0) * scale + 2 * m) for x0, y0, x1, y1 in shown.reading.boxes]

    def index_at(self, point: QPointF) -> int | None:
        """The digit whose box holds `point` (the one whose centre is nearest, where boxes overlap)."""
        hits = [(abs(rect.center().x() - point.x()), index) for index, rect in enumerate(self.rects())
                if rect.adjusted(-TAP_SLACK, -TAP_SLACK, TAP_SLACK, TAP_SLACK).contains(point)]
        return min(hits)[1] if hits else None

    def _tap(self, point: QPointF) -> bool:
        index = self.index_at(point)
        if index is None:
            return False
        self.boxClicked.emit(index)
        return True

    def colour(self, index: int) -> QColor:
        """A box's colour: corrected, not a digit, unsure, or read surely."""
        shown = self.shown
        prediction = shown.reading.digits[index]
        if shown.corrections[index] is not None:
            return QColor(CORRECTED_BOX_COLOUR)
        if prediction.digit is None:
            return QColor(NOT_A_DIGIT_BOX_COLOUR)
        return QColor(UNSURE_BOX_COLOUR if prediction.status == Status.UNSURE else BOX_COLOUR)

    def paint(self, painter: QPainter) -> None:
        """Each box, its digit in a tag at its top-left corner; the selected box filled and drawn thicker."""
        shown = self.shown
        if shown is None:
            return
        painter.setRenderHint(QPainter.Antialiasing, True)
        font = painter.font()
        font.setPixelSize(int(TAG_SIDE * 0.75))
        font.setBold(True)
        painter.setFont(font)
        for index, rect in enumerate(self.rects()):
            colour, selected = self.colour(index), index == shown.selected
            if selected:
                fill = QColor(colour)
                fill.setAlpha(SELECTED_FILL_ALPHA)
                painter.fillRect(rect, fill)
            painter.setPen(QPen(colour, 3.0 if selected else 1.5, Qt.SolidLine if selected else Qt.DashLine))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(rect)
            top = rect.top() - TAG_SIDE if rect.top() >= TAG_SIDE else rect.top()
            tag = QRectF(rect.left(), top, TAG_SIDE, TAG_SIDE)
            painter.fillRect(tag, colour)
            painter.setPen(QColor("black"))
            digit = shown.digit(index)
            painter.drawText(tag, Qt.AlignCenter, NOT_A_DIGIT_TICK if digit is None else str(digit))
