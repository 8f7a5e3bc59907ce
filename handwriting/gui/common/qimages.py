"""Pixels for the canvas and views: numpy arrays and QImages both ways, strokes, painters, dropped files."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PyQt5 import sip
from PyQt5.QtCore import QPointF, Qt
from PyQt5.QtGui import QImage, QPainter, QPainterPath, QPixmap

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
