"""One plot of the training curves: a training and a validation curve per epoch, and a read-out of the nearest."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PyQt5.QtGui import QColor, QPen

from handwriting.gui.common.plots import style_plot
from handwriting.gui.training.curve_readout import along, clear_spot

SYMBOL_SIZE, LONE_SYMBOL_SIZE = 7, 13  # a point among others; the only point, of a one-epoch run
TRAIN_COLOUR = "#1f6fd1"
VAL_COLOUR = "#d9480f"
translate = QCoreApplication.translate


def curve_names() -> dict[str, str]:
    """Each curve's name in the legend and the read-out, in the current language."""
    return {"loss": translate("Curves", "training loss"), "val_loss": translate("Curves", "validation loss"),
            "accuracy": translate("Curves", "training accuracy"),
            "val_accuracy": translate("Curves", "validation accuracy")}


def plot_titles() -> dict[str, tuple[str, str]]:
    """Each plot's title and y-axis label, by its key."""
    return {"loss": (translate("Curves", "Loss"), translate("Curves", "loss")),
            "accuracy": (translate("Curves", "Accuracy"), translate("Curves", "accuracy (%)"))}


class CurvePlot:
    """One plot with a training and a validation curve, and a hover read-out of the nearest epoch."""

    def __init__(self, widget: pg.PlotWidget, key: str, legend_at: tuple[int, int], percent: bool = False) -> None:
        self.widget = widget
        self.key = key
        self.scale = 100.0 if percent else 1.0
        plot = style_plot(widget)
        plot.getAxis("bottom").setTickSpacing(major=1, minor=1)
        # Loss falls and accuracy rises: each legend sits in the corner its curves leave free.
        self.legend = legend = plot.addLegend(
            offset=legend_at, labelTextColor="#222222", brush=pg.mkBrush(255, 255, 255, 210)
        )
        legend.setParentItem(plot.vb)
        self.train = plot.plot(
            [], [], name=key, pen=pg.mkPen(TRAIN_COLOUR, width=2),
            symbol="o", symbolSize=SYMBOL_SIZE, symbolBrush=TRAIN_COLOUR, symbolPen=None,
        )
        self.val = plot.plot(
            [], [], name=f"val_{key}", pen=pg.mkPen(VAL_COLOUR, width=2, style=Qt.DashLine),
            symbol="s", symbolSize=SYMBOL_SIZE, symbolBrush=VAL_COLOUR, symbolPen=None,
        )
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=QPen(QColor(0, 0, 0, 70), 0, Qt.DotLine))
        self.readout = pg.TextItem("", color="#111111", fill=pg.mkBrush(255, 255, 224, 235), border="#999999",
                                   anchor=(0, 0.5))  # placed by its left edge's middle (_clear_spot)
        for item in (self.marker, self.readout):
            plot.addItem(item, ignoreBounds=True)
            item.hide()
        self.records: list[dict] = []
        widget.scene().sigMouseMoved.connect(self._hover)
        self._leave_filter = _HideOnLeave(self.hide_readout, widget)
        widget.installEventFilter(self._leave_filter)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, axis labels and legend in the current language."""
        plot = self.widget.getPlotItem()
        title, label = plot_titles()[self.key]
        plot.setTitle(title, color="#222222")
        plot.setLabel("bottom", translate("Curves", "epoch"))
        plot.setLabel("left", label)
        names = curve_names()
        for curve, name in ((self.train, self.key), (self.val, f"val_{self.key}")):
            self.legend.removeItem(curve)
            self.legend.addItem(curve, names[name])

    def set_records(self, records: list[dict], planned: int = 0) -> None:
        self.records = records
        epochs = [float(r.get("epoch", i + 1)) for i, r in enumerate(records)]
        size = LONE_SYMBOL_SIZE if len(records) == 1 else SYMBOL_SIZE  # one epoch: two dots, large enough to see
        self.train.setData(epochs, [_number(r.get(self.key)) * self.scale for r in records], symbolSize=size)
        self.val.setData(epochs, [_number(r.get(f"val_{self.key}")) * self.scale for r in records], symbolSize=size)
        plot = self.widget.getPlotItem()
        plot.setXRange(0.5, max(1, planned, len(records)) + 0.5, padding=0)  # one tick per epoch, and no more
        if records:
            plot.enableAutoRange(axis="y")
        else:  # nothing to fit: a neutral frame (0 to 1, 0 to 100%), not the last curves' range
            plot.setYRange(0.0, self.scale, padding=0)
        self.hide_readout()

    def hide_readout(self) -> None:
        """No epoch is pointed at: the marker and the read-out go."""
        self.marker.hide()
        self.readout.hide()

    def describe(self, index: int) -> str:
        record = self.records[index]
        names = curve_names()
        lines = [translate("Curves", "epoch {epoch}").format(epoch=record.get("epoch", index + 1))]
        for name in (self.key, f"val_{self.key}"):
            value = _number(record.get(name))
            shown = f"{value:.2%}" if self.scale != 1.0 else f"{value:.4f}"
            lines.append(f"{names[name]}: " + (translate("Curves", "n/a") if math.isnan(value) else shown))
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        plot = self.widget.getPlotItem()
        if not self.records or not plot.sceneBoundingRect().contains(scene_pos):
            self.hide_readout()
            return
        point = plot.vb.mapSceneToView(scene_pos)
        index = int(np.clip(round(point.x()) - 1, 0, len(self.records) - 1))
        text = self.describe(index)
        epoch = float(self.records[index].get("epoch", index + 1))
        self.marker.setPos(epoch)
        self.readout.setText(text)  # the one read-out, moved and rewritten in place (no tooltip repeats it)
        self.readout.setPos(*self._clear_spot(epoch))
        self.marker.show()
        self.readout.show()
        self.readout.updateTransform(force=True)  # unscaled: pyqtgraph skips that while hidden, as the axes changed

    def _clear_spot(self, epoch: float) -> tuple[float, float]:
        """Where the read-out's left edge and middle go: beside the marker at `epoch`, on the side with more room
        first, clear of both curves and of the legend (curve_readout.clear_spot), a few pixels to spare."""
        vb = self.widget.getPlotItem().vb
        (x_low, x_high), y_range = vb.viewRange()
        pixel_x, pixel_y = vb.viewPixelSize()
        size = self.readout.textItem.boundingRect()
        width, gap = (size.width() + 8) * pixel_x, 6 * pixel_x
        beside = [epoch + gap, epoch - gap - width]
        lefts = beside[::-1] if epoch > (x_low + x_high) / 2 else beside
        points = np.concatenate([along(*curve.getData()) for curve in (self.train, self.val)])
        legend = vb.mapSceneToView(self.legend.sceneBoundingRect()).boundingRect()
        avoid = (legend.left(), legend.right(), legend.top(), legend.bottom())
        left, middle = clear_spot(points, (width, (size.height() + 8) * pixel_y), lefts, ((x_low, x_high), y_range),
                                  avoid)
        return left + 4 * pixel_x, middle


class _HideOnLeave(QObject):
    """Calls `hide` when the mouse leaves the watched widget or the widget is hidden (another tab)."""

    def __init__(self, hide, parent: QObject) -> None:
        super().__init__(parent)
        self._hide = hide

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Leave, QEvent.Hide):
            self._hide()
        return False


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
