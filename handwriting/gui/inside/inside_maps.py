"""Pictures for the "Look inside" view: maps tiled into one image, colour scales, and small pyqtgraph panes.

Every pane is one pg.GraphicsView holding one ViewBox and one ImageItem, updated in place with
setImage: a row of 32 feature maps is one tiled RGB image, not 32 items.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication, QRectF, QSize, Qt
from PyQt5.QtGui import QColor, QPainterPath, QPen
from PyQt5.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QSizePolicy

from handwriting.gui.common.plots import NOT_A_DIGIT_TICK
from handwriting.gui.wording import tooltip

GAP = 1  # pixels between two tiled maps
GAP_GREY = 0.82  # the colour between maps, as a grey level
GREYS = np.repeat(np.linspace(0, 255, 256)[:, None], 3, axis=1).astype(np.uint8)  # black = 0, white = strongest
DIVERGING = pg.colormap.get("CET-D1A").getLookupTable(nPts=256, alpha=False)  # blue < 0 < red, white at 0
POSITIVE, NEGATIVE = np.array([214, 39, 40], np.float32), np.array([31, 119, 180], np.float32)
HIGHLIGHT = "#f08c00"
CELL_BACKGROUND = "#8c8c8c"  # behind a picture whose cells are outlined: white cells stand out from it
CELL_LINE = "#9e9e9e"


def grid_shape(count: int, height: int, width: int, aspect: float) -> tuple[int, int]:
    """(rows, columns) for tiling `count` maps of height x width so the whole is closest to `aspect` (w / h)."""
    best, best_error = (1, count), math.inf
    for rows in range(1, count + 1):
        columns = math.ceil(count / rows)
        shape_aspect = (columns * (width + GAP) - GAP) / (rows * (height + GAP) - GAP)
        error = abs(math.log(shape_aspect / aspect)) + (rows * columns - count) / count  # empty slots look untidy
        if error < best_error:
            best, best_error = (rows, columns), error
    return best


def tile(maps: np.ndarray, columns: int, gap_value: float) -> np.ndarray:
    """(C, H, W) maps as one (rows * (H + GAP) - GAP, columns * (W + GAP) - GAP) image, row by row."""
    count, height, width = maps.shape
    rows = math.ceil(count / columns)
    padded = np.full((rows * columns, height + GAP, width + GAP), gap_value, np.float32)
    padded[:count, :height, :width] = maps
    image = padded.reshape(rows, columns, height + GAP, width + GAP).transpose(0, 2, 1, 3)
    return image.reshape(rows * (height + GAP), columns * (width + GAP))[:-GAP, :-GAP]


def colour(values: np.ndarray, table: np.ndarray, low: float, high: float) -> np.ndarray:
    """Values as RGB through a 256-entry colour table, `low` to `high` spread over it; NaN becomes the gap grey."""
    span = high - low if high > low else 1.0
    index = np.clip((np.nan_to_num(values, nan=low) - low) * (255.0 / span), 0, 255).astype(np.uint8)
    rgb = table[index]
    rgb[np.isnan(values)] = int(255 * GAP_GREY)
    return rgb


def blend_evidence(image: np.ndarray, heat: np.ndarray) -> np.ndarray:
    """The drawing in light grey on white with `heat` over it: red where positive, blue where negative."""
    scale = float(np.abs(heat).max()) or 1.0
    alpha = np.clip(np.abs(heat) / scale, 0, 1)[..., None] * 0.9
    base = (255.0 * (1.0 - 0.45 * image))[..., None].repeat(3, axis=2)
    tint = np.where(heat[..., None] >= 0, POSITIVE, NEGATIVE)
    return (base * (1 - alpha) + tint * alpha).astype(np.uint8)


class ImagePane(pg.GraphicsView):
    """One picture: a ViewBox with fixed aspect, no panning or zooming, and an ImageItem updated in place."""

    def __init__(self, tooltip: str = "", height: int = 24, aspect: bool = True) -> None:
        super().__init__(background="w")
        self.box = pg.ViewBox(lockAspect=aspect, invertY=True, enableMouse=False, enableMenu=False)
        self.box.setDefaultPadding(0.02)
        self.setCentralItem(self.box)
        self.item = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.item)
        self.setToolTip(tooltip)
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._shape: tuple[int, ...] = ()
        self.marks: list[QGraphicsRectItem] = []
        self.cells: QGraphicsPathItem | None = None  # the lines of outline_cells

    def sizeHint(self) -> QSize:
        """Small: the layout gives each picture its height."""
        return QSize(120, self.height())

    def show_rgb(self, rgb: np.ndarray) -> None:
        """Show an (H, W, 3) uint8 image; the view refits only when its size changes."""
        self.item.setImage(rgb, autoLevels=False, levels=(0, 255))
        if rgb.shape[:2] != self._shape:
            self._shape = rgb.shape[:2]
            self.box.setRange(QRectF(0, 0, rgb.shape[1], rgb.shape[0]), padding=0.02)

    def outline_cells(self, rows: int, columns: int) -> None:
        """Grey lines between the picture's cells and a grey surround, so that white cells keep their edges."""
        self.setBackground(CELL_BACKGROUND)
        path = QPainterPath()
        for row in range(rows + 1):
            path.moveTo(0, row)
            path.lineTo(columns, row)
        for column in range(columns + 1):
            path.moveTo(column, 0)
            path.lineTo(column, rows)
        if self.cells is None:
            self.cells = QGraphicsPathItem()
            self.cells.setZValue(5)
            self.box.addItem(self.cells)
        pen = QPen(QColor(CELL_LINE))
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        self.cells.setPen(pen)
        self.cells.setPath(path)

    def mark(self, index: int, rect: QRectF | None, colour: str = HIGHLIGHT) -> None:
        """Outline `rect` (image pixels) with mark number `index`; None hides it."""
        while len(self.marks) <= index:
            item = QGraphicsRectItem()
            item.setZValue(10)
            self.box.addItem(item)
            self.marks.append(item)
        item = self.marks[index]
        pen = QPen(QColor(colour))
        pen.setCosmetic(True)
        pen.setWidthF(2.0)
        item.setPen(pen)
        item.setVisible(rect is not None)
        if rect is not None:
            item.setRect(rect)

    def image_position(self, scene_position) -> tuple[float, float] | None:
        """(x, y) in image pixels under a scene position, or None outside the picture."""
        if not self._shape:
            return None
        point = self.box.mapSceneToView(scene_position)
        x, y = point.x(), point.y()
        return (x, y) if 0 <= x < self._shape[1] and 0 <= y < self._shape[0] else None


class MapsPane(ImagePane):
    """Feature maps (C, H, W) tiled in a grid, all on one brightness scale (0 = black, the row's largest = white)."""

    def __init__(
        self, count: int, height: int, width: int, aspect: float, tooltip: str = "", lock: bool = True
    ) -> None:
        super().__init__(tooltip, aspect=lock)
        self.height_, self.width_ = height, width
        self.rows, self.columns = grid_shape(count, height, width, aspect)
        self.count = count

    def show_maps(self, maps: np.ndarray) -> None:
        """Show the maps, scaled so the strongest value in the row is white."""
        low, high = min(0.0, float(maps.min())), float(maps.max())
        self.show_rgb(colour(tile(maps, self.columns, np.nan), GREYS, low, high))

    def locate(self, scene_position) -> tuple[int, int, int] | None:
        """(map, row, column) under a scene position, or None between or outside the maps."""
        position = self.image_position(scene_position)
        if position is None:
            return None
        col_block, x = divmod(int(position[0]), self.width_ + GAP)
        row_block, y = divmod(int(position[1]), self.height_ + GAP)
        index = row_block * self.columns + col_block
        if x >= self.width_ or y >= self.height_ or index >= self.count:
            return None
        return index, y, x

    def map_rect(self, index: int, row: int | None = None, column: int | None = None, size: int = 1) -> QRectF:
        """Where map `index` lies in the tiled image (or, with row and column, a size x size square in it)."""
        top = (index // self.columns) * (self.height_ + GAP)
        left = (index % self.columns) * (self.width_ + GAP)
        if row is None or column is None:
            return QRectF(left - 0.5, top - 0.5, self.width_ + 1, self.height_ + 1)
        return QRectF(left + column, top + row, size, size)


class OutputBars(pg.PlotWidget):
    """The network's outputs as bars: digits 0-9, and "not a digit" when the model has that output."""

    def __init__(self, count: int) -> None:
        super().__init__(background="w")
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        labels = [(i, str(i) if i < 10 else NOT_A_DIGIT_TICK) for i in range(count)]
        plot.getAxis("bottom").setTicks([labels])
        plot.getAxis("left").setTicks([[(0, "0%"), (0.5, "50%"), (1, "100%")]])
        plot.setXRange(-0.6, count - 0.4, padding=0)
        plot.setYRange(0, 1.05, padding=0)
        self.bars = pg.BarGraphItem(x=np.arange(count), height=np.zeros(count), width=0.7, brush="#a9bcd6")
        plot.addItem(self.bars)
        tip = QCoreApplication.translate(
            "Inside", "The probability the network gives each answer, from the image alone; the Draw tab also reads "
                      "the pen's path, so its answer can differ")
        self.setToolTip(tooltip(tip))

    def show_probabilities(self, probabilities: np.ndarray, predicted: int | None) -> None:
        """Set the bar heights; the predicted answer's bar is dark blue."""
        brushes = ["#1f6fd1" if i == predicted else "#a9bcd6" for i in range(len(probabilities))]
        self.bars.setOpts(height=probabilities, brushes=brushes)


def no_wheel(pane: pg.GraphicsView) -> None:
    """Let the mouse wheel scroll the page instead of being taken by the picture."""
    pane.wheelEvent = lambda event: event.ignore()
    pane.setFocusPolicy(Qt.NoFocus)
