"""The drawing canvas: smooth antialiased white strokes on black, undo, and dropped image files."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PyQt5 import sip
from PyQt5.QtCore import QPointF, QRectF, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PyQt5.QtWidgets import QSizePolicy, QWidget

CANVAS_SIDE = 280  # ten times MNIST's 28 pixels
DEFAULT_PEN_WIDTH = 18
MIN_PEN_WIDTH = 4
MAX_PEN_WIDTH = 48
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pgm", ".ppm")


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


class DrawingCanvas(QWidget):
    """A square black canvas drawn on in white with the mouse or a tablet pen.

    Emits `changed` while a stroke grows (for throttled live recognition), `strokeFinished` when
    the pen is lifted or a stroke is undone, `cleared` when emptied, `fileDropped` for image files.
    """

    changed = pyqtSignal()
    strokeFinished = pyqtSignal()
    cleared = pyqtSignal()
    drawingStarted = pyqtSignal()
    fileDropped = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None, side: int = CANVAS_SIDE) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setFixedSize(side, side)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WA_StaticContents)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CrossCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setToolTip(
            "Draw one digit with the mouse or a pen, as large as the box.\n"
            "Ctrl+Z undoes the last stroke, Esc clears. Drop an image file here to recognise it."
        )
        # _finished holds the finished strokes, each drawn whole; _image adds the stroke in progress,
        # painted piece by piece as the pen moves and redrawn whole when the pen is lifted. Both paint
        # into numpy arrays (_finished_ink, _ink), so the drawing reaches the recogniser without a copy.
        self._finished_ink, self._finished = backed_image(side, side)
        self._ink, self._image = backed_image(side, side)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._shown: QImage | None = None  # a sample or an opened file, replaced by the next stroke
        self.pen_width: float = DEFAULT_PEN_WIDTH
        self.hint = "Draw a digit here"

    # --- State ------------------------------------------------------------------------------------

    @property
    def stroke_count(self) -> int:
        """Number of finished and in-progress strokes."""
        return len(self._strokes) + (self._current is not None)

    def is_empty(self) -> bool:
        """True when nothing has been drawn (a shown image does not count)."""
        return self.stroke_count == 0

    def is_drawing(self) -> bool:
        """True while the pen is down."""
        return self._current is not None

    def showing_image(self) -> bool:
        """True while a sample or an opened file is displayed instead of a drawing."""
        return self._shown is not None

    def set_pen_width(self, width: float) -> None:
        """Width in canvas pixels of the strokes drawn from now on."""
        self.pen_width = float(min(max(width, MIN_PEN_WIDTH), MAX_PEN_WIDTH))

    def pixels(self) -> np.ndarray:
        """The drawing as a read-only (side, side) uint8 view of the canvas's own pixels, no copy.

        White ink (255) on black (0). The view changes with the next edit: use it at once, or take to_array().
        """
        view = self._ink.view()
        view.flags.writeable = False
        return view

    def to_array(self) -> np.ndarray:
        """The drawing as a (side, side) uint8 array (a copy), white ink (255) on black (0)."""
        return self._ink.copy()

    def to_qimage(self) -> QImage:
        """A copy of the drawing."""
        return self._image.copy()

    # --- Editing ------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Remove every stroke and any shown image."""
        self._strokes.clear()
        self._current = None
        self._shown = None
        self._finished_ink.fill(0)
        self._ink.fill(0)
        self.update()
        self.cleared.emit()

    def undo(self) -> bool:
        """Remove the last stroke; False when there was none."""
        if self._current is not None or not self._strokes:
            return False
        self._strokes.pop()
        self._render_all()
        if self._strokes:
            self.strokeFinished.emit()
        else:
            self.cleared.emit()
        return True

    def show_image(self, array: np.ndarray, smooth: bool = True) -> None:
        """Display an image (bright ink on dark) scaled to fit, in place of the drawing, until the next stroke."""
        self._strokes.clear()
        self._current = None
        self._finished_ink.fill(0)
        self._ink.fill(0)
        image = array_to_qimage(array)
        mode = Qt.SmoothTransformation if smooth else Qt.FastTransformation
        scaled = image.scaled(self.width(), self.height(), Qt.KeepAspectRatio, mode)
        self._shown = QImage(self.size(), QImage.Format_Grayscale8)
        self._shown.fill(Qt.black)
        with _painter(self._shown) as painter:
            painter.drawImage((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled)
        self.update()

    # --- Pen input ------------------------------------------------------------------------------------

    def begin_stroke(self, point: QPointF) -> None:
        """Put the pen down at `point` (widget coordinates)."""
        if self._shown is not None:
            self._shown = None
            self.update()
        if self._current is not None:
            self.end_stroke()
        self._current = Stroke(self.pen_width, [QPointF(point)])
        self._paint_dot(point)
        self.drawingStarted.emit()
        self.changed.emit()

    def extend_stroke(self, point: QPointF) -> None:
        """Move the pen to `point`, painting the new piece of the curve at once."""
        stroke = self._current
        if stroke is None:
            return
        last = stroke.points[-1]
        if (point - last).manhattanLength() < 1.0:
            return
        stroke.points.append(QPointF(point))
        segment = QPainterPath(last if len(stroke.points) == 2 else (stroke.points[-3] + last) / 2)
        segment.quadTo(last, (last + point) / 2)
        segment.lineTo(point)  # the short tail up to the pen; redrawn smoothly by the next piece
        self._paint_path(segment, stroke.width)
        self.changed.emit()

    def end_stroke(self) -> None:
        """Lift the pen."""
        stroke = self._current
        if stroke is None:
            return
        self._current = None
        self._strokes.append(stroke)
        with _painter(self._finished) as painter:
            self._draw_stroke(painter, stroke)
        np.copyto(self._ink, self._finished_ink)
        self.update()
        self.strokeFinished.emit()

    def paste_drawing(self, array: np.ndarray) -> None:
        """Replace the drawing with a bitmap (bright ink on dark, uint8 or floats in [0, 1]) as if just drawn.

        For scripted use (soak tests, benchmarks): the pasted bitmap counts as one finished stroke, and
        the canvas emits drawingStarted and strokeFinished like a pen-up, so the app recognises it.
        """
        image = array_to_qimage(array)
        if image.size() != self.size():
            image = image.scaled(self.width(), self.height(), Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        self._strokes = [Stroke(0.0, [QPointF(0, 0)], image)]
        self._current = None
        self._shown = None
        self.drawingStarted.emit()
        self._render_all()
        self.strokeFinished.emit()

    # --- Painting ---------------------------------------------------------------------------------------

    def _pen(self, width: float) -> QPen:
        return QPen(QColor(255, 255, 255), width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)

    def _paint_dot(self, point: QPointF) -> None:
        width = self._current.width if self._current else self.pen_width
        with _painter(self._image) as painter:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(point, width / 2, width / 2)
        self._update_around(QRectF(point, point), width)

    def _paint_path(self, path: QPainterPath, width: float) -> None:
        with _painter(self._image) as painter:
            painter.setPen(self._pen(width))
            painter.drawPath(path)
        self._update_around(path.boundingRect(), width)

    def _update_around(self, rect: QRectF, width: float) -> None:
        margin = width / 2 + 2
        self.update(rect.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _draw_stroke(self, painter: QPainter, stroke: Stroke) -> None:
        if stroke.bitmap is not None:
            painter.drawImage(0, 0, stroke.bitmap)
        elif len(stroke.points) == 1:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(stroke.points[0], stroke.width / 2, stroke.width / 2)
        else:
            painter.setBrush(Qt.NoBrush)
            painter.setPen(self._pen(stroke.width))
            painter.drawPath(stroke.path())

    def _render_all(self) -> None:
        self._finished_ink.fill(0)
        with _painter(self._finished) as painter:
            for stroke in self._strokes:
                self._draw_stroke(painter, stroke)
        np.copyto(self._ink, self._finished_ink)
        self.update()

    def paintEvent(self, event) -> None:
        """Blit the drawing (or the shown image); a hint when empty."""
        painter = QPainter(self)
        painter.drawImage(event.rect(), self._shown or self._image, event.rect())
        if self._shown is None and self.is_empty() and self.hint:
            painter.setPen(QColor(110, 110, 110))
            painter.drawText(self.rect(), Qt.AlignCenter, self.hint)
        painter.end()

    # --- Qt input events ---------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        """Left button starts a stroke."""
        if event.button() == Qt.LeftButton:
            self.begin_stroke(QPointF(event.localPos()))

    def mouseMoveEvent(self, event) -> None:
        """Moving while the left button is down (a stroke is open) extends the stroke."""
        if self.is_drawing():
            self.extend_stroke(QPointF(event.localPos()))

    def mouseReleaseEvent(self, event) -> None:
        """Releasing the left button ends the stroke."""
        if event.button() == Qt.LeftButton:
            self.extend_stroke(QPointF(event.localPos()))
            self.end_stroke()

    def tabletEvent(self, event) -> None:
        """A pen draws like the mouse; accepting the event stops Qt from also synthesising mouse events."""
        kind = event.type()
        if kind == event.TabletPress:
            self.begin_stroke(event.posF())
        elif kind == event.TabletMove and self.is_drawing():
            self.extend_stroke(event.posF())
        elif kind == event.TabletRelease:
            self.extend_stroke(event.posF())
            self.end_stroke()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        """Accept one local file with an image extension."""
        if _dropped_image(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        """Emit fileDropped with the image's path."""
        path = _dropped_image(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)


def _dropped_image(mime) -> str | None:
    """The local file in a drag's MIME data, if it has an image extension."""
    if not mime.hasUrls():
        return None
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1 or not files[0].lower().endswith(IMAGE_SUFFIXES):
        return None
    return files[0]


class _painter:
    """A QPainter with antialiasing, ended on exit (so an exception never leaves it active)."""

    def __init__(self, device) -> None:
        self._painter = QPainter(device)
        self._painter.setRenderHint(QPainter.Antialiasing, True)
        self._painter.setRenderHint(QPainter.SmoothPixmapTransform, True)

    def __enter__(self) -> QPainter:
        return self._painter

    def __exit__(self, *exc) -> None:
        self._painter.end()
