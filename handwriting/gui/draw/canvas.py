"""The drawing canvas: smooth antialiased white strokes on black, square for a digit or wide for a number, and undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PyQt5.QtCore import QCoreApplication, QPointF, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QImage, QPainter
from PyQt5.QtWidgets import QSizePolicy, QWidget

from handwriting.gui.common import qimages
from handwriting.gui.common.qimages import Stroke, array_to_qimage, fit_strokes
from handwriting.gui.draw.canvas_ink import Ink
from handwriting.gui.draw.canvas_input import PenInput
from handwriting.gui.draw.pen_width import DEFAULT_PEN_WIDTH, MAX_PEN_WIDTH, MIN_PEN_WIDTH
from handwriting.recognition.rendering import MIN_READ_PEN, readable

CANVAS_SIDE = 280  # ten times MNIST's 28 pixels
WIDE_SIZE = (720, 200)  # (width, height) in number mode: room for five digits side by side


@dataclass(frozen=True)
class ImageStep:
    """An undo step: the stroke that replaced a shown image (a test image, a file), or the clear that removed it
    (`cleared`); undone, the image is back."""

    source: tuple[QImage, Qt.TransformationMode]
    cleared: bool = False


class DrawingCanvas(PenInput, QWidget):
    """A square black canvas drawn on in white with the mouse or a tablet pen; wide (set_wide) for a number.

    Emits `changed` while a stroke grows (for throttled live recognition), `strokeFinished` when the pen is lifted
    or a stroke is undone, `cleared` when emptied, `imageRestored` when undo shows a shown image again, `fileDropped`
    for image files. `overlay(painter)`, when set, paints over the ink (a number's digit boxes).
    """

    changed = pyqtSignal()
    strokeFinished = pyqtSignal()
    cleared = pyqtSignal()
    aboutToClear = pyqtSignal()  # clear() is about to erase strokes: the drawing is still there to be read
    drawingStarted = pyqtSignal()  # the pen went down, or a drawing came back over a shown image (undo)
    imageRestored = pyqtSignal()  # the stroke drawn over a test image or a file (or its clear) undone: it is back
    fileDropped = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None, side: int = CANVAS_SIDE) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.side = side
        self.wide = False
        self.setFixedSize(side, side)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WA_StaticContents)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CrossCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self._ink = Ink(side, side)  # the finished strokes and the one in progress, as the recogniser reads them
        self._strokes: list[Stroke] = []
        # Undo steps, newest last: None undoes a stroke, a list of strokes restores what a clear removed, an ImageStep
        # undoes the first stroke drawn over a shown image (or its clear) and shows the image again.
        self._undo: list[list[Stroke] | ImageStep | None] = []
        self._current: Stroke | None = None
        # Strokes moved to fit the other canvas: (the width they came from, strokes, undo steps, as moved); switching
        # straight back, with nothing drawn meanwhile, puts them back as they were written.
        self._before_fit: tuple[bool, list[Stroke], list, list[Stroke]] | None = None
        self._shown: QImage | None = None  # a sample or an opened file, replaced by the next stroke
        self._source: tuple[QImage, Qt.TransformationMode] | None = None  # what _shown shows, to fit it again
        self._replaced: tuple[QImage, Qt.TransformationMode] | None = None  # the image the open stroke replaced
        self.overlay: Callable[[QPainter], None] | None = None
        self.pen_width: float = DEFAULT_PEN_WIDTH
        self.hint = ""
        self.retranslate()

    # --- State ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """The tooltip and the hint shown on an empty canvas, in the current language."""
        translate = QCoreApplication.translate
        if self.wide:
            self.setToolTip(translate("Canvas", "Write a number, its digits side by side, left to right. Click a "
                                                "digit's box to see its bars; a digit key corrects it.\nCtrl+Z undoes "
                                                "the last stroke, Esc clears."))
            self.hint = translate("Canvas", "Write a number here")
        else:
            self.setToolTip(translate("Canvas", "Draw one digit with the mouse or a pen, as large as the box.\nCtrl+Z "
                                                "undoes the last stroke, Esc clears. Drop an image file here to "
                                                "recognise it."))
            self.hint = translate("Canvas", "Draw a digit here")
        self.update()

    def set_wide(self, wide: bool) -> None:
        """A wide canvas (WIDE_SIZE) for a number, or the square one: the strokes are drawn again, none lost and
        none hidden (ink beyond the new edges is moved into view, scaled down if it cannot fit, undo history too;
        switched straight back, they are as they were written)."""
        if wide == self.wide:
            return
        self.end_stroke()
        self.wide = wide
        width, height = WIDE_SIZE if wide else (self.side, self.side)
        self.setFixedSize(width, height)
        before, self._before_fit = self._before_fit, None
        unchanged = before is not None and [id(s) for s in self._strokes] == [id(s) for s in before[3]]
        if unchanged and before[0] == wide:  # back to where they were written, nothing drawn or undone meanwhile
            self._strokes, self._undo = before[1], before[2]
        elif (move := fit_strokes(self._strokes, width, height)) is not None:
            fitted = move(self._strokes)
            self._before_fit = (not wide, self._strokes, self._undo, list(fitted))
            self._strokes = fitted
            self._undo = [step if step is None or isinstance(step, ImageStep) else move(step) for step in self._undo]
        self._ink.resize(width, height)
        self._render_all()
        if self._source is not None:
            self._fit_shown()
        self.retranslate()

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
        """The drawing as a read-only (height, width) uint8 view of the canvas's own pixels, no copy: white ink (255)
        on black (0). The view changes with the next edit: use it at once, or take to_array()."""
        view = self._ink.pixels.view()
        view.flags.writeable = False
        return view

    def read_pixels(self) -> np.ndarray:
        """What the network reads of the drawing, read-only: pixels(), or, drawn with a pen too thick for the
        drawing's size, its strokes redrawn with a thinner pen (handwriting.recognition.rendering.readable)."""
        pixels = self.pixels()
        widest = max((stroke.width for stroke in self._all_strokes()), default=0.0)
        paths = self.strokes() if widest > MIN_READ_PEN else None
        read = pixels if not paths else readable(pixels, paths, widest)
        read.flags.writeable = False
        return read

    def to_array(self) -> np.ndarray:
        """The drawing as a (height, width) uint8 array (a copy), white ink (255) on black (0)."""
        return self._ink.pixels.copy()

    def strokes(self) -> list[np.ndarray] | None:
        """The pen's paths in drawing order, the open one included: (n, 2) float arrays of canvas pixels (x right,
        y down); None when a pasted bitmap (paste_drawing) stands for strokes."""
        strokes = self._all_strokes()
        if any(stroke.bitmap is not None for stroke in strokes):
            return None
        return [np.array([(p.x(), p.y()) for p in stroke.points], np.float64).reshape(-1, 2) for stroke in strokes]

    def _all_strokes(self) -> list[Stroke]:
        """The finished strokes and the open one, in drawing order."""
        return [*self._strokes, self._current] if self._current is not None else self._strokes

    # --- Editing ------------------------------------------------------------------------------------

    def can_undo(self) -> bool:
        """True when Undo has something to take back (a stroke or a clear)."""
        return bool(self._undo) and self._current is None

    def clear(self) -> None:
        """Remove every stroke and any shown image; undo() brings them back."""
        if self._strokes:
            self.aboutToClear.emit()
            self._undo.append(self._strokes)
        elif self._source is not None:
            self._undo.append(ImageStep(self._source, cleared=True))
        self._strokes, self._current = [], None
        self._shown = self._source = self._replaced = None
        self._ink.clear()
        self.update()
        self.cleared.emit()

    def undo(self) -> bool:
        """Take back the last stroke, or the last clear; False when there is nothing to undo. The first stroke drawn
        over a test image or a file, or the clear that removed it, taken back, it is shown again (imageRestored)."""
        if not self.can_undo():
            return False
        step = self._undo.pop()
        if step is None or (isinstance(step, ImageStep) and not step.cleared):
            self._strokes.pop()
        elif not isinstance(step, ImageStep):  # a clear's strokes
            if self._shown is not None:  # the drawing an opened image replaced: it is the content again
                self.drawingStarted.emit()
            self._strokes, self._shown, self._source = list(step), None, None
        self._render_all()
        if isinstance(step, ImageStep):
            self._source = step.source
            self._fit_shown()
            self.imageRestored.emit()
        elif self._strokes:
            self.strokeFinished.emit()
        else:
            self.cleared.emit()
        return True

    def show_image(self, array: np.ndarray, smooth: bool = True) -> None:
        """Display an image (bright ink on dark) scaled to fit, in place of the drawing (which undo() brings back, as
        after a clear; over an empty canvas, the history goes), until the next stroke (whose undo shows it again)."""
        self._undo = [*self._undo, self._strokes] if self._strokes else []
        self._strokes, self._current, self._replaced = [], None, None
        self._ink.clear()
        self._source = (array_to_qimage(array), Qt.SmoothTransformation if smooth else Qt.FastTransformation)
        self._fit_shown()

    def _fit_shown(self) -> None:
        self._shown = qimages.letterboxed(*self._source, self.width(), self.height())
        self.update()

    # --- Pen input ------------------------------------------------------------------------------------

    def begin_stroke(self, point: QPointF) -> None:
        """Put the pen down at `point` (widget coordinates)."""
        if self._shown is not None:  # the image goes; undoing this stroke brings it back
            self._replaced = self._source
            self._shown = self._source = None
            self.update()
        if self._current is not None:
            self.end_stroke()
        self._current = Stroke(self.pen_width, [QPointF(point)])
        self.update(self._ink.dot(point, self.pen_width))
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
        self.update(self._ink.piece(stroke))
        self.changed.emit()

    def end_stroke(self) -> None:
        """Lift the pen."""
        stroke = self._current
        if stroke is None:
            return
        self._current = None
        self._strokes.append(stroke)
        self._undo.append(None if self._replaced is None else ImageStep(self._replaced))
        self._replaced = None
        self._ink.finish(stroke)
        self.update()
        self.strokeFinished.emit()

    def paste_drawing(self, array: np.ndarray) -> None:
        """Replace the drawing with a bitmap (bright ink on dark, uint8 or floats in [0, 1]) as if just drawn. For
        scripted use (soak tests, benchmarks): the pasted bitmap counts as one finished stroke, and the canvas emits
        drawingStarted and strokeFinished like a pen-up, so the app recognises it."""
        image = array_to_qimage(array)
        if image.size() != self.size():
            image = image.scaled(self.width(), self.height(), Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        self._strokes, self._undo = [Stroke(0.0, [QPointF(0, 0)], image)], [None]
        self._current = None
        self._shown = self._source = self._replaced = None
        self.drawingStarted.emit()
        self._render_all()
        self.strokeFinished.emit()

    # --- Painting ---------------------------------------------------------------------------------------

    def _render_all(self) -> None:
        self._ink.render(self._strokes)
        self.update()

    def paintEvent(self, event) -> None:
        """Blit the drawing (or the shown image); a hint when empty; the overlay (a number's boxes) over either."""
        painter = QPainter(self)
        painter.drawImage(event.rect(), self._shown or self._ink.image, event.rect())
        if self._shown is None and self.is_empty() and self.hint:
            painter.setPen(QColor(110, 110, 110))
            painter.drawText(self.rect(), Qt.AlignCenter, self.hint)
        if self.overlay is not None:
            self.overlay(painter)
        painter.end()
