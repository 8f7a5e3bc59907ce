"""The canvas's ink: its finished strokes and the stroke in progress, painted into arrays the recogniser reads."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QPointF, QRect, QRectF, Qt
from PyQt5.QtGui import QColor, QPainterPath

from handwriting.gui.common.qimages import Stroke, antialiased, backed_image, draw_stroke, ink_pen


def painted(rect: QRectF, width: float) -> QRect:
    """The pixels a pen `width` wide painted along `rect` (its path's bounds), its antialiasing included."""
    margin = width / 2 + 2
    return rect.adjusted(-margin, -margin, margin, margin).toAlignedRect()


class Ink:
    """White ink on black in two layers, each a QImage that paints into a numpy array, so that the drawing reaches
    the recogniser without a copy: the finished strokes, each drawn whole, and over them (`image`, `pixels`) the
    stroke in progress, painted piece by piece as the pen moves and drawn whole when the pen is lifted."""

    def __init__(self, width: int, height: int) -> None:
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        """Empty layers of another size."""
        self._finished_pixels, self._finished = backed_image(height, width)
        self.pixels, self.image = backed_image(height, width)

    def clear(self) -> None:
        """No ink."""
        self._finished_pixels.fill(0)
        self.pixels.fill(0)

    def render(self, strokes: list[Stroke]) -> None:
        """Exactly `strokes`, each drawn whole, in both layers."""
        self._finished_pixels.fill(0)
        with antialiased(self._finished) as painter:
            for stroke in strokes:
                draw_stroke(painter, stroke)
        np.copyto(self.pixels, self._finished_pixels)

    def finish(self, stroke: Stroke) -> None:
        """The pen lifted: `stroke` drawn whole among the finished strokes, in place of its pieces."""
        with antialiased(self._finished) as painter:
            draw_stroke(painter, stroke)
        np.copyto(self.pixels, self._finished_pixels)

    def dot(self, point: QPointF, width: float) -> QRectF:
        """The pen put down: a round dot `width` across at `point`; returns the pixels it painted."""
        with antialiased(self.image) as painter:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(point, width / 2, width / 2)
        return painted(QRectF(point, point), width)

    def piece(self, stroke: Stroke) -> QRectF:
        """The pen moved to `stroke`'s last point: the new piece of its smoothed curve; returns the pixels it
        painted."""
        points = stroke.points
        last, point = points[-2], points[-1]
        segment = QPainterPath(last if len(points) == 2 else (points[-3] + last) / 2)
        segment.quadTo(last, (last + point) / 2)
        segment.lineTo(point)  # the short tail up to the pen; redrawn smoothly by the next piece
        with antialiased(self.image) as painter:
            painter.setPen(ink_pen(stroke.width))
            painter.drawPath(segment)
        return painted(segment.boundingRect(), stroke.width)
