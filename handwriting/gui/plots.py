"""pyqtgraph widgets: the common chart style and the probability bar chart."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication
from PyQt5.QtGui import QColor
from PyQt5.QtWidgets import QWidget

BAR_COLOUR = "#a9bcd6"
TOP_COLOUR = "#1f6fd1"
UNSURE_COLOUR = "#e0861a"
DIGITS = list(range(10))
translate = QCoreApplication.translate


def style_plot(widget: pg.PlotWidget) -> pg.PlotItem:
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
        plot = style_plot(self)
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
        self.retranslate()

    def retranslate(self) -> None:
        """Tooltip and axis labels in the current language (the percentage above a bar follows with the next update)."""
        self.setToolTip(translate("Plots", "Softmax output of the network: the probability it gives each digit"))
        plot = self.getPlotItem()
        plot.setLabel("bottom", translate("Plots", "digit"))
        plot.setLabel("left", translate("Plots", "probability"))

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
        text = f"{heights[digit]:.0%}"
        if unsure:
            text = translate("Plots", "{percent} not sure").format(percent=text)
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
