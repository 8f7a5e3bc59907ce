"""The canvas's pen input: mouse, tablet and dropped files, and taps on what the canvas shows over the ink."""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtCore import QPointF, Qt

from handwriting.gui.common.qimages import dropped_file

TAP_DISTANCE = 4.0  # a press released within this many pixels (Manhattan) of where it went down is a tap


class PenInput:
    """Turns Qt's input events into begin_stroke, extend_stroke and end_stroke (a mixin of DrawingCanvas).

    While `tap_handler` is set, a press waits: the pen moving on begins the stroke where it went down, a release
    without moving is a tap, offered to `tap_handler(point)`; a tap it does not take is drawn as a dot.
    """

    tap_handler: Callable[[QPointF], bool] | None = None
    _pressed_at: QPointF | None = None

    def _press(self, point: QPointF) -> None:
        if self.tap_handler is not None and not self.is_drawing():
            self._pressed_at = QPointF(point)  # a tap, or a stroke once the pen moves
            return
        self.begin_stroke(point)

    def _move(self, point: QPointF) -> None:
        start = self._pressed_at
        if start is not None:
            if (point - start).manhattanLength() < TAP_DISTANCE:
                return
            self._pressed_at = None
            self.begin_stroke(start)
        if self.is_drawing():
            self.extend_stroke(point)

    def _release(self, point: QPointF) -> None:
        start, self._pressed_at = self._pressed_at, None
        if start is not None:
            if self.tap_handler is not None and self.tap_handler(start):
                return
            self.begin_stroke(start)
        self.extend_stroke(point)
        self.end_stroke()

    # --- Qt input events ---------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        """Left button starts a stroke (or a tap)."""
        if event.button() == Qt.LeftButton:
            self._press(QPointF(event.localPos()))

    def mouseMoveEvent(self, event) -> None:
        """Moving while the left button is down (a stroke is open) extends the stroke."""
        self._move(QPointF(event.localPos()))

    def mouseReleaseEvent(self, event) -> None:
        """Releasing the left button ends the stroke."""
        if event.button() == Qt.LeftButton:
            self._release(QPointF(event.localPos()))

    def tabletEvent(self, event) -> None:
        """A pen draws like the mouse; accepting the event stops Qt from also synthesising mouse events."""
        kind = event.type()
        if kind == event.TabletPress:
            self._press(event.posF())
        elif kind == event.TabletMove:
            self._move(event.posF())
        elif kind == event.TabletRelease:
            self._release(event.posF())
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
