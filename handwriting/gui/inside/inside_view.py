"""The "Look inside" view: every layer of the network for the current drawing, its filters, and what decided it.

All numbers come from handwriting.inside.look_inside (the numpy forward pass). The view keeps only the latest image
and computes when it is visible, at most once per turn of the event loop, so drawing fast costs nothing
while the tab is hidden. Pictures are updated in place (setImage); widgets are built once per network.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PyQt5.QtCore import QCoreApplication, QRectF, QSize, Qt, QTimer
from PyQt5.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from handwriting.gui.inside.inside_details import DetailsPanel
from handwriting.gui.inside.inside_maps import GREYS, ImagePane, MapsPane, OutputBars, colour, no_wheel
from handwriting.gui.inside.inside_words import row_caption, row_title
from handwriting.inside.look_inside import INPUT, MAPS, OUTPUTS, POOLED, STRIP, LookInside, Row, Snapshot
from handwriting.recognition.network import NumpyNetwork

ASPECTS = {MAPS: 5.0, POOLED: 9.0}  # the shape (width / height) each row's tiled maps aim for
HEIGHTS = {INPUT: 80, MAPS: 96, POOLED: 56, STRIP: 20, OUTPUTS: 88}  # of each row's picture, in pixels
TITLE_WIDTH = 290
translate = QCoreApplication.translate


def row_text(inside: LookInside, row: Row) -> str:
    """A row's title in bold over its caption, as rich text, in the current language."""
    return f"<b>{row_title(inside, row)}</b><br><span style='color:#555'>{row_caption(inside, row)}</span>"


class FullWidthScroll(QScrollArea):
    """A scroll area that scrolls up and down only: it asks for its widget's whole width, beside its scroll bar."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        """The widget's minimum width (and the bar's), however little height."""
        widget = self.widget()
        width = max(widget.minimumWidth(), widget.minimumSizeHint().width()) if widget is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), super().minimumSizeHint().height())


class InsideView(QWidget):
    """Every layer's output for one 28x28 image, with filters on click and the first layer's sum on hover.

    Call set_network() when the model changes and show_image() with each new network input (or None
    for an empty canvas). `compute_count` counts the updates actually computed (none while hidden).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insideView")
        self.compute_count = 0
        self._network: NumpyNetwork | None = None
        self._inside: LookInside | None = None
        self.snapshot: Snapshot | None = None
        self._image: np.ndarray | None = None
        self._dirty = self._scheduled = self._rows_stale = False
        self._panes: list[QWidget] = []
        self._selected: tuple[int, int] = (0, 0)  # (index in self.inside.convolutions, map)
        self._probe: tuple[int, int, int] | None = None  # (row, column, map) of the first layer under the mouse

        self._rows_widget = QWidget()
        self._grid = QGridLayout(self._rows_widget)
        self._grid.setContentsMargins(6, 6, 6, 6)
        self._grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows_widget)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.message = QLabel(translate("Inside", "No model loaded."))
        self.message.setObjectName("insideMessage")
        self.details = DetailsPanel()
        left = QVBoxLayout()
        left.addWidget(self.message)
        left.addWidget(scroll, 1)
        details = FullWidthScroll()  # each column scrolls on its own: the page never outgrows the window
        details.setWidgetResizable(True)
        details.setWidget(self.details)
        details.setFrameShape(QScrollArea.NoFrame)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(details)  # as wide as the details need: the rows take the rest

    def retranslate(self) -> None:
        """Every text in the current language: the rows are built again when next shown."""
        self.details.retranslate()
        self.message.setText(self._message_text())
        self._rows_stale = True
        self._schedule()

    @property
    def inside(self) -> LookInside | None:
        """The network taken apart for the view, built on first use (not while a new model is put in use)."""
        if self._inside is None and self._network is not None:
            self._inside = LookInside(self._network)
        return self._inside

    # -- inputs ------------------------------------------------------------------------------------

    def set_network(self, network: NumpyNetwork | None) -> None:
        """Look inside `network` from now on (None: nothing to show)."""
        self._network, self._inside = network, None  # LookInside is built when the view is first shown
        self.snapshot, self._probe, self._selected = None, None, (0, 0)
        self._rows_stale = True  # rebuilt when next shown
        self._schedule()

    def show_image(self, image: np.ndarray | None) -> None:
        """Show this (28, 28) network input next time the view is visible (None: the canvas is empty)."""
        self._image = None if image is None else np.array(image, np.float32).reshape(28, 28)
        self._schedule()

    # -- when to compute ---------------------------------------------------------------------------

    def _schedule(self) -> None:
        self._dirty = True
        if self.isVisible() and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._refresh)

    def showEvent(self, event) -> None:
        """Catch up with the latest image when the view comes into sight."""
        super().showEvent(event)
        if self._dirty:
            self._schedule()

    def _refresh(self) -> None:
        self._scheduled = False
        if not self._dirty or not self.isVisible():
            return
        self._dirty = False
        if self._rows_stale:
            self._build_rows()
            self._rows_stale = False
        self.message.setText(self._message_text())
        if self.inside is None:
            self.message.setVisible(True)
            return
        blank = self._blank()
        self.message.setVisible(blank)
        self.compute_count += 1
        image = np.zeros((28, 28), np.float32) if self._image is None else self._image
        self.snapshot = self.inside.look(image)
        self._paint(image, blank)

    def _blank(self) -> bool:
        return self._image is None or not self._image.any()

    def _message_text(self) -> str:
        """The line above the rows: no model, nothing drawn, or nothing to say."""
        if self.inside is None:
            return translate("Inside", "No model loaded: load one to look inside it.")
        if self._blank():
            return translate("Inside", "Draw a digit to see what each layer of the network makes of it.")
        return ""

    # -- building and painting ---------------------------------------------------------------------

    def _build_rows(self) -> None:
        """One title and one picture per row of the network (rebuilt only when the network changes)."""
        for widget in self._panes:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._panes = []
        if self.inside is None:
            return
        for index, (row, shape) in enumerate(zip(self.inside.rows, self.inside.shapes(), strict=True)):
            label = QLabel(row_text(self.inside, row))
            label.setWordWrap(True)
            label.setFixedWidth(TITLE_WIDTH)
            label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
            pane = self._make_pane(row, shape)
            pane.setObjectName(f"inside_{row.key}")
            pane.setFixedHeight(HEIGHTS[row.kind])
            self._grid.addWidget(label, index, 0)
            self._grid.addWidget(pane, index, 1, Qt.AlignVCenter)
            self._panes += [label, pane]
        self._grid.setRowStretch(len(self.inside.rows), 1)
        convolutions = [(conv.kernels.shape[-1], conv.kernels.shape[1], conv.kernels.shape[0])
                        for conv in self.inside.convolutions]
        finish = self.inside.convolutions[0].finish_name if self.inside.convolutions else ""
        self.details.prepare(convolutions, self.inside.shapes()[-1][0], finish)

    def _make_pane(self, row: Row, shape: tuple[int, ...]) -> QWidget:
        if row.kind == OUTPUTS:
            return OutputBars(shape[0])
        if row.kind == INPUT:
            pane = ImagePane(translate("Inside", "The 28×28 image the network reads"))
        elif row.kind == STRIP:
            tip = translate("Inside", "{units} units, one cell each; bright = active").format(units=shape[0])
            pane = MapsPane(1, 1, shape[0], 1.0, tip, lock=False)
        else:
            pane = MapsPane(*shape, ASPECTS[row.kind], translate("Inside", "Click a map to see its filter"))
            pane.scene().sigMouseClicked.connect(partial(self._clicked, row, pane))
            if row.kind == MAPS and row.convolution == 0:
                pane.scene().sigMouseMoved.connect(partial(self._hovered, pane))
        no_wheel(pane)
        return pane

    def pane(self, key: str) -> QWidget:
        """The picture of the row with this key (a layer name, or "input")."""
        return self._panes[2 * [row.key for row in self.inside.rows].index(key) + 1]

    def _paint(self, image: np.ndarray, blank: bool) -> None:
        snapshot = self.snapshot
        for index, (row, values) in enumerate(zip(self.inside.rows, snapshot.values, strict=True)):
            pane = self._panes[2 * index + 1]
            if row.kind == INPUT:
                pane.show_rgb(colour(values, GREYS, 0.0, 1.0))
            elif row.kind == STRIP:
                pane.show_maps(values[None, None, :])
            elif row.kind == OUTPUTS:
                pane.show_probabilities(np.zeros_like(values) if blank else values,
                                        None if blank else snapshot.evidence.predicted)
            else:
                pane.show_maps(values)
        self.details.show_evidence(image, None if blank else snapshot.evidence)
        self._show_filter()
        self._show_step()

    # -- filters and the first layer's sum ---------------------------------------------------------

    def _clicked(self, row: Row, pane: MapsPane, event) -> None:
        found = pane.locate(event.scenePos())
        if found is not None:
            self.select_map(row.key, found[0])

    def select_map(self, key: str, index: int) -> None:
        """Show the filter behind map `index` of the row with this key (as a click on that map does)."""
        row = next(row for row in self.inside.rows if row.key == key)
        self._selected = (row.convolution, index)
        self._show_filter()

    def _show_filter(self) -> None:
        if self.inside is None or not self.inside.convolutions:
            return
        number, index = self._selected
        kernels, biases = self.inside.filters(self.inside.rows[self._conv_row(number)])
        self.details.show_filter(number + 1, index, kernels[index], float(biases[index]))
        for position, row in enumerate(self.inside.rows):
            if row.kind in (MAPS, POOLED):
                pane = self._panes[2 * position + 1]
                pane.mark(0, pane.map_rect(index) if row.convolution == number else None)

    def _conv_row(self, number: int) -> int:
        return next(i for i, row in enumerate(self.inside.rows) if row.kind == MAPS and row.convolution == number)

    def _hovered(self, pane: MapsPane, scene_position) -> None:
        found = pane.locate(scene_position)
        if found is not None and self.snapshot is not None:
            index, row, column = found
            self.probe(row, column, index)

    def probe(self, row: int, column: int, index: int) -> None:
        """Work out first-layer map `index` at (`row`, `column`) in the side panel (as hovering there does)."""
        self._probe = (row, column, index)
        self._show_step()

    def _show_step(self) -> None:
        if self.inside is None or not self.inside.starts_with_convolution or self.snapshot is None:
            return
        probe = self._probe
        if probe is None:  # until the mouse points somewhere: the strongest spot of the selected map, each drawing
            first = self.snapshot.values[self._conv_row(0)]
            index = self._selected[1] if self._selected[0] == 0 else 0
            probe = (*np.unravel_index(int(np.argmax(first[index])), first[index].shape), index)
        row, column, index = (int(value) for value in probe)
        step = self.inside.first_layer_step(self.snapshot.values[0], row, column, index)
        self.details.show_step(step)
        size = step.patch.shape[0]
        self.pane("input").mark(0, QRectF(step.left, step.top, size, size))
        conv_pane = self._panes[2 * self._conv_row(0) + 1]
        conv_pane.mark(1, conv_pane.map_rect(index, row, column), "#12b886")
