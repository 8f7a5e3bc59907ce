"""Pixels for the canvas and views: numpy arrays and QImages both ways, strokes, painters, dropped files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PyQt5 import sip
from PyQt5.QtCore import QPointF, Qt
from PyQt5.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

from handwriting.recognition.images import readable_suffixes

IMAGE_SUFFIXES = readable_suffixes()  # the files a drop or File > Open accepts


def backed_image(height: int, width: int) -> tuple[np.ndarray, QImage]:
    """A black Grayscale8 QImage painting straight into a numpy array: (pixels view, image); keep both alive.

    Rows are padded to a multiple of 4 bytes, as QImage expects; the view hides the padding.
    """
    stride = (width + 3) // 4 * 4
    buffer = np.zeros((height, stride), np.uint8)
    image = QImage(sip.voidptr(buffer.ctypes.data), width, height, stride, QImage.Format_Grayscale8)
    return buffer[:, :width], image


def qimage_to_array(image: QImage) -> np.ndarray:
    """A (height, width) uint8 copy of a QImage's grey levels, honouring the padded bytesPerLine."""
    grey = image if image.format() == QImage.Format_Grayscale8 else image.convertToFormat(QImage.Format_Grayscale8)
    height, width, stride = grey.height(), grey.width(), grey.bytesPerLine()
    bits = grey.constBits()
    bits.setsize(stride * height)
    return np.frombuffer(bits, np.uint8).reshape(height, stride)[:, :width].copy()


def array_to_qimage(array: np.ndarray) -> QImage:
    """A Grayscale8 QImage (owning its pixels) from a 2-D array: uint8 as is, floats in [0, 1] scaled to 255."""
    values = np.asarray(array)
    if values.dtype != np.uint8:
        values = (np.clip(np.nan_to_num(values.astype(np.float32)), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    values = np.ascontiguousarray(values)
    height, width = values.shape
    return QImage(values.data, width, height, width, QImage.Format_Grayscale8).copy()


def digit_pixmap(image: np.ndarray, side: int) -> QPixmap:
    """A 28x28 image scaled up with nearest neighbour, so the pixels the network saw stay visible."""
    return QPixmap.fromImage(array_to_qimage(image)).scaled(side, side, Qt.IgnoreAspectRatio, Qt.FastTransformation)


def dropped_file(mime) -> str | None:
    """The local file in a drag's MIME data, if it is one file with an image extension."""
    if not mime.hasUrls():
        return None
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1 or not files[0].lower().endswith(IMAGE_SUFFIXES):
        return None
    return files[0]


class antialiased:  # lower case: used like a function, `with antialiased(image) as painter`
    """A QPainter with antialiasing, ended on exit (so an exception never leaves it active)."""

    def __init__(self, device) -> None:
        self._painter = QPainter(device)
        self._painter.setRenderHint(QPainter.Antialiasing, True)
        self._painter.setRenderHint(QPainter.SmoothPixmapTransform, True)

    def __enter__(self) -> QPainter:
        return self._painter

    def __exit__(self, *exc) -> None:
        self._painter.end()


@dataclass
class Stroke:
    """One press-move-release of the pen: its points and its width (or a pasted bitmap, see paste_drawing)."""

    width: float
    points: list[QPointF] = field(default_factory=list)
    bitmap: QImage | None = None

    def path(self) -> QPainterPath:
        """A smooth path through the points: quadratic curves between the midpoints of successive points."""
        path = QPainterPath(self.points[0])
        for previous, point in zip(self.points, self.points[1:], strict=False):
            path.quadTo(previous, (previous + point) / 2)
        if len(self.points) > 1:
            path.lineTo(self.points[-1])
        return path


FIT_MARGIN = 4.0  # pixels kept between moved ink and the new canvas's edge
SCALED_MARGIN = 0.1  # ink scaled down to fit keeps this share of the canvas's shorter side from each edge


def ink_pen(width: float) -> QPen:
    """The canvas's pen: white, round ends and joins, `width` pixels wide."""
    return QPen(QColor(255, 255, 255), width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)


def draw_stroke(painter: QPainter, stroke: Stroke) -> None:
    """Paint a finished stroke: its bitmap (a pasted drawing), a dot (a tap), or its smoothed path."""
    if stroke.bitmap is not None:
        painter.drawImage(0, 0, stroke.bitmap)
    elif len(stroke.points) == 1:
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(255, 255, 255))
        painter.drawEllipse(stroke.points[0], stroke.width / 2, stroke.width / 2)
    else:
        painter.setBrush(Qt.NoBrush)
        painter.setPen(ink_pen(stroke.width))
        painter.drawPath(stroke.path())


def letterboxed(image: QImage, mode: Qt.TransformationMode, width: int, height: int) -> QImage:
    """The image scaled to fit width x height (its aspect kept, with `mode`), centred on black."""
    scaled = image.scaled(width, height, Qt.KeepAspectRatio, mode)
    result = QImage(width, height, QImage.Format_Grayscale8)
    result.fill(Qt.black)
    with antialiased(result) as painter:
        painter.drawImage((width - scaled.width()) // 2, (height - scaled.height()) // 2, scaled)
    return result


def fit_strokes(strokes: list[Stroke], width: int, height: int) -> Callable[[list[Stroke]], list[Stroke]] | None:
    """How to move pen strokes onto a canvas of `width` x `height` so that all their ink shows: shifted into
    view, or, when it cannot fit, scaled down about its own box and centred. None when it shows already (or
    there is nothing to move: no strokes, a pasted bitmap). The mapping applies to any list of strokes (the
    undo history moves with the drawing)."""
    drawn = [stroke for stroke in strokes if stroke.bitmap is None and stroke.points]
    if not drawn or len(drawn) != len(strokes):
        return None
    pen = max(stroke.width for stroke in drawn) / 2
    reach = pen + FIT_MARGIN
    xs = [p.x() for stroke in drawn for p in stroke.points]
    ys = [p.y() for stroke in drawn for p in stroke.points]
    x0, y0, x1, y1 = min(xs) - reach, min(ys) - reach, max(xs) + reach, max(ys) + reach
    if x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height:
        return None
    span_x, span_y = max(x1 - x0 - 2 * reach, 1.0), max(y1 - y0 - 2 * reach, 1.0)  # the points' own box
    scale = min(1.0, max(width - 2 * reach, 1.0) / span_x, max(height - 2 * reach, 1.0) / span_y)
    if scale < 1.0:  # the points scaled about their box (the pen keeps its width), centred, clear of the edges
        room = pen + max(FIT_MARGIN, SCALED_MARGIN * min(width, height))
        scale = min(max(width - 2 * room, 1.0) / span_x, max(height - 2 * room, 1.0) / span_y)
        origin = (x0 + reach, y0 + reach)
        offset = ((width - span_x * scale) / 2, (height - span_y * scale) / 2)
    else:  # shifted just enough
        origin = (0.0, 0.0)
        offset = (-x0 if x0 < 0 else min(0.0, width - x1), -y0 if y0 < 0 else min(0.0, height - y1))

    def moved(steps: list[Stroke]) -> list[Stroke]:
        return [
            stroke if stroke.bitmap is not None else Stroke(
                stroke.width, [QPointF((p.x() - origin[0]) * scale + offset[0], (p.y() - origin[1]) * scale + offset[1])
                               for p in stroke.points]
            )
            for stroke in steps
        ]

    return moved
