"""pyqtgraph widgets: the probability bar chart and the per-epoch loss and accuracy curves."""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QPointF, Qt
from PyQt5.QtGui import QColor, QPen
from PyQt5.QtWidgets import QHBoxLayout, QWidget

BAR_COLOUR = "#a9bcd6"
TOP_COLOUR = "#1f6fd1"
UNSURE_COLOUR = "#e0861a"
TRAIN_COLOUR = "#1f6fd1"
VAL_COLOUR = "#d9480f"
DIGITS = list(range(10))


def _style_plot(widget: pg.PlotWidget) -> pg.PlotItem:
    """White background, dark axes, no mouse panning or context menu: these are read-only charts."""
    widget.setBackground("w")
    plot = widget.getPlotItem()
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.showGrid(x=False, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen("#555555"))
        axis.setTextPen(pg.mkPen("#222222"))
        axis.enableAutoSIPrefix(False)
    return plot


class ProbabilityPlot(pg.PlotWidget):
    """Ten bars, one per digit, the predicted one highlighted, with its confidence written above it.

    Updates change the one BarGraphItem's options in place. `paint_count` and `painted_at`
    (time.perf_counter() at the end of the last paint) let benchmarks and tests see when new
    bars reached the screen.
    """

    def __init__(self, parent: QWidget | None = None, object_name: str = "probabilities") -> None:
        super().__init__(parent)
        self.paint_count = 0
        self.painted_at = 0.0
        self._brushes = {kind: pg.mkBrush(colour) for kind, colour in
                         (("normal", BAR_COLOUR), ("top", TOP_COLOUR), ("unsure", UNSURE_COLOUR))}  # fmt: skip
        self._label_state: tuple | None = None
        self.setObjectName(object_name)
        self.setMinimumSize(260, 160)
        self.setToolTip("Softmax output of the network: the probability it gives each digit")
        plot = _style_plot(self)
        plot.setLabel("bottom", "digit")
        plot.setLabel("left", "probability")
        plot.setXRange(-0.6, 9.6, padding=0)
        plot.setYRange(-0.01, 1.15, padding=0)
        plot.getAxis("bottom").setTicks([[(d, str(d)) for d in DIGITS]])
        plot.getAxis("left").setTicks([[(v, f"{v:.0%}") for v in (0.0, 0.25, 0.5, 0.75, 1.0)]])
        self._heights = np.zeros(10, np.float32)
        self.bars = pg.BarGraphItem(
            x=np.arange(10), height=self._heights, width=0.72, brushes=[self._brushes["normal"]] * 10, pen=None
        )
        plot.addItem(self.bars)
        self.label = pg.TextItem("", color="#222222", anchor=(0.5, 1.0))
        plot.addItem(self.label)
        self.label.hide()
        self.digit: int | None = None

    def heights(self) -> np.ndarray:
        """The bar heights currently shown."""
        return self._heights.copy()

    def set_probabilities(self, probabilities: np.ndarray, digit: int | None, unsure: bool = False) -> None:
        """Show ten probabilities; `digit` (None for no prediction) is highlighted, orange when unsure."""
        heights = np.array(probabilities, np.float32).reshape(10)
        top = self._brushes["unsure" if unsure else "top"]
        normal = self._brushes["normal"]
        self._heights = heights
        self.digit = digit
        self.bars.setOpts(height=heights, brushes=[top if d == digit else normal for d in DIGITS])
        if digit is None:
            self.label.hide()
            return
        text = f"{heights[digit]:.0%}" + (" not sure" if unsure else "")
        if self._label_state != (text, unsure):  # re-laying out the text item is the slow part
            self._label_state = (text, unsure)
            self.label.setText(text)
            self.label.setColor(QColor(UNSURE_COLOUR if unsure else "#222222"))
        self.label.setPos(digit, float(heights[digit]) + 0.01)
        self.label.show()

    def paintEvent(self, event) -> None:
        """Paint, then note when (see the class docstring)."""
        super().paintEvent(event)
        self.paint_count += 1
        self.painted_at = time.perf_counter()

    def clear_probabilities(self) -> None:
        """All bars at zero, nothing highlighted."""
        self.set_probabilities(np.zeros(10, np.float32), None)


class _Curves:
    """One plot with a training and a validation curve, and a hover read-out of the nearest epoch."""

    def __init__(self, widget: pg.PlotWidget, key: str, title: str, legend_at: tuple[int, int]) -> None:
        self.widget = widget
        self.key = key
        plot = _style_plot(widget)
        plot.setTitle(title, color="#222222")
        plot.setLabel("bottom", "epoch")
        plot.setLabel("left", key)
        plot.getAxis("bottom").setTickSpacing(major=1, minor=1)
        # Loss falls and accuracy rises: each legend sits in the corner its curves leave free.
        legend = plot.addLegend(offset=legend_at, labelTextColor="#222222", brush=pg.mkBrush(255, 255, 255, 210))
        legend.setParentItem(plot.vb)
        self.train = plot.plot(
            [], [], name=f"training {key}", pen=pg.mkPen(TRAIN_COLOUR, width=2),
            symbol="o", symbolSize=7, symbolBrush=TRAIN_COLOUR, symbolPen=None,
        )  # fmt: skip
        self.val = plot.plot(
            [], [], name=f"validation {key}", pen=pg.mkPen(VAL_COLOUR, width=2, style=Qt.DashLine),
            symbol="s", symbolSize=7, symbolBrush=VAL_COLOUR, symbolPen=None,
        )  # fmt: skip
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=QPen(QColor(0, 0, 0, 70), 0, Qt.DotLine))
        self.readout = pg.TextItem("", color="#111111", fill=pg.mkBrush(255, 255, 224, 235), border="#999999")
        for item in (self.marker, self.readout):
            plot.addItem(item, ignoreBounds=True)
            item.hide()
        self.records: list[dict] = []
        widget.scene().sigMouseMoved.connect(self._hover)

    def set_records(self, records: list[dict], planned: int = 0) -> None:
        self.records = records
        epochs = [float(r.get("epoch", i + 1)) for i, r in enumerate(records)]
        self.train.setData(epochs, [_number(r.get(self.key)) for r in records])
        self.val.setData(epochs, [_number(r.get(f"val_{self.key}")) for r in records])
        plot = self.widget.getPlotItem()
        plot.setXRange(0.5, max(2, planned, len(records)) + 0.5, padding=0)
        plot.enableAutoRange(axis="y")
        self.marker.hide()
        self.readout.hide()

    def describe(self, index: int) -> str:
        record = self.records[index]
        lines = [f"epoch {record.get('epoch', index + 1)}"]
        for name in (self.key, f"val_{self.key}"):
            value = _number(record.get(name))
            lines.append(f"{name}: " + ("n/a" if math.isnan(value) else f"{value:.4f}"))
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        plot = self.widget.getPlotItem()
        if not self.records or not plot.sceneBoundingRect().contains(scene_pos):
            self.marker.hide()
            self.readout.hide()
            self.widget.setToolTip("")
            return
        point = plot.vb.mapSceneToView(scene_pos)
        index = int(np.clip(round(point.x()) - 1, 0, len(self.records) - 1))
        text = self.describe(index)
        epoch = float(self.records[index].get("epoch", index + 1))
        (x_low, x_high), (y_low, y_high) = plot.vb.viewRange()
        self.marker.setPos(epoch)
        self.readout.setText(text)
        # Beside the marker, half-way up: the legends sit in corners, so the read-out never hides under one.
        self.readout.setAnchor((1.05, 0.5) if epoch > (x_low + x_high) / 2 else (-0.05, 0.5))
        self.readout.setPos(epoch, (y_low + y_high) / 2)
        self.marker.show()
        self.readout.show()
        self.widget.setToolTip(text)


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


class TrainingCurves(QWidget):
    """Loss and accuracy per epoch, training and validation, side by side; grows one epoch at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss_widget = pg.PlotWidget(self)
        self.loss_widget.setObjectName("lossPlot")
        self.accuracy_widget = pg.PlotWidget(self)
        self.accuracy_widget.setObjectName("accuracyPlot")
        for widget in (self.loss_widget, self.accuracy_widget):
            widget.setMinimumSize(300, 220)
            layout.addWidget(widget)
        self.loss = _Curves(self.loss_widget, "loss", "Loss", legend_at=(-10, 10))
        self.accuracy = _Curves(self.accuracy_widget, "accuracy", "Accuracy", legend_at=(-10, -10))
        self._records: list[dict] = []
        self._planned = 0

    @property
    def records(self) -> list[dict]:
        """The epochs shown, oldest first."""
        return list(self._records)

    def set_history(self, records: list[dict]) -> None:
        """Show a whole run (a model's saved history["epochs"])."""
        self._records = [dict(r) for r in records if isinstance(r, dict)]
        self._planned = 0
        self._refresh()

    def append(self, record: dict) -> None:
        """Add one finished epoch."""
        self._records.append(dict(record))
        self._refresh()

    def clear(self) -> None:
        """No curves."""
        self.set_history([])

    def plan(self, epochs: int) -> None:
        """Make room on the epoch axis for a run of `epochs`, so the curves grow into a fixed frame."""
        self._planned = epochs
        self._refresh()

    def point_count(self) -> int:
        """Number of epochs drawn on the loss plot (for tests)."""
        x, _ = self.loss.train.getData()
        return 0 if x is None else len(x)

    def _refresh(self) -> None:
        self.loss.set_records(self._records, self._planned)
        self.accuracy.set_records(self._records, self._planned)
