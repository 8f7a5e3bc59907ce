"""The drawing canvas: smooth antialiased white strokes on black, undo, and dropped image files."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, QPointF, QRectF, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PyQt5.QtWidgets import QSizePolicy, QWidget

from handwriting.gui.common.qimages import Stroke, antialiased, array_to_qimage, backed_image, dropped_file
from handwriting.gui.draw.pen_width import DEFAULT_PEN_WIDTH, MAX_PEN_WIDTH, MIN_PEN_WIDTH

CANVAS_SIDE = 280  # ten times MNIST's 28 pixels


class DrawingCanvas(QWidget):
    """A square black canvas drawn on in white with the mouse or a tablet pen.

    Emits `changed` while a stroke grows (for throttled live recognition), `strokeFinished` when
    the pen is lifted or a stroke is undone, `cleared` when emptied, `fileDropped` for image files.
    """

    changed = pyqtSignal()
    strokeFinished = pyqtSignal()
    cleared = pyqtSignal()
    aboutToClear = pyqtSignal()  # clear() is about to erase strokes: the drawing is still there to be read
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
        # _finished holds the finished strokes, each drawn whole; _image adds the stroke in progress,
        # painted piece by piece as the pen moves and redrawn whole when the pen is lifted. Both paint
        # into numpy arrays (_finished_ink, _ink), so the drawing reaches the recogniser without a copy.
        self._finished_ink, self._finished = backed_image(side, side)
        self._ink, self._image = backed_image(side, side)
        self._strokes: list[Stroke] = []
        # Undo steps, newest last: None undoes a stroke, a list of strokes restores what a clear removed.
        self._undo: list[list[Stroke] | None] = []
        self._current: Stroke | None = None
        self._shown: QImage | None = None  # a sample or an opened file, replaced by the next stroke
        self.pen_width: float = DEFAULT_PEN_WIDTH
        self.hint = ""
        self.retranslate()

    # --- State ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """The tooltip and the hint shown on an empty canvas, in the current language."""
        self.setToolTip(QCoreApplication.translate(
            "Canvas", "Draw one digit with the mouse or a pen, as large as the box.\n"
            "Ctrl+Z undoes the last stroke, Esc clears. Drop an image file here to recognise it."
        ))
        self.hint = QCoreApplication.translate("Canvas", "Draw a digit here")
        self.update()

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

    # --- Editing ------------------------------------------------------------------------------------

    def can_undo(self) -> bool:
        """True when Undo has something to take back (a stroke or a clear)."""
        return bool(self._undo) and self._current is None

    def clear(self) -> None:
        """Remove every stroke and any shown image; undo() brings the strokes back."""
        if self._strokes:
            self.aboutToClear.emit()
            self._undo.append(self._strokes)
        self._strokes = []
        self._current = None
        self._shown = None
        self._finished_ink.fill(0)
        self._ink.fill(0)
        self.update()
        self.cleared.emit()

    def undo(self) -> bool:
        """Take back the last stroke, or the last clear; False when there is nothing to undo."""
        if not self.can_undo():
            return False
        step = self._undo.pop()
        if step is None:
            self._strokes.pop()
        else:
            self._strokes, self._shown = list(step), None
        self._render_all()
        if self._strokes:
            self.strokeFinished.emit()
        else:
            self.cleared.emit()
        return True

    def show_image(self, array: np.ndarray, smooth: bool = True) -> None:
        """Display an image (bright ink on dark) scaled to fit, in place of the drawing, until the next stroke."""
        self._strokes, self._undo = [], []
        self._current = None
        self._finished_ink.fill(0)
        self._ink.fill(0)
        image = array_to_qimage(array)
        mode = Qt.SmoothTransformation if smooth else Qt.FastTransformation
        scaled = image.scaled(self.width(), self.height(), Qt.KeepAspectRatio, mode)
        self._shown = QImage(self.size(), QImage.Format_Grayscale8)
        self._shown.fill(Qt.black)
        with antialiased(self._shown) as painter:
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
        self._undo.append(None)
        with antialiased(self._finished) as painter:
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
        self._strokes, self._undo = [Stroke(0.0, [QPointF(0, 0)], image)], [None]
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
        with antialiased(self._image) as painter:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(255, 255, 255))
            painter.drawEllipse(point, width / 2, width / 2)
        self._update_around(QRectF(point, point), width)

    def _paint_path(self, path: QPainterPath, width: float) -> None:
        with antialiased(self._image) as painter:
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
        with antialiased(self._finished) as painter:
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
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        """Emit fileDropped with the image's path."""
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)
