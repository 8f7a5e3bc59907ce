"""The reliability diagram: does "95% sure" mean right 95% of the time? Accuracy per confidence bin."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QWidget

from handwriting.gui.common.plots import BAR_COLOUR, style_plot
from handwriting.gui.wording import tooltip
from handwriting.recognition.calibration import Reliability

translate = QCoreApplication.translate
GAP_COLOUR = "#e0861a"
MIN_BIN_COUNT = 5  # bins of fewer predictions draw no bar: one or two images make a 0% or 100% bar that says nothing


class ReliabilityPlot(pg.PlotWidget):
    """Bars: the accuracy of the predictions in each confidence bin; the diagonal: perfect calibration.

    Bars below the diagonal are overconfident, above it underconfident. Updated in place (setOpts/setData).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reliabilityPlot")
        self.setMinimumSize(220, 170)
        self.plot = style_plot(self)
        self._ece: float | None = None
        ticks = [[(v, f"{v:.0%}") for v in (0.0, 0.25, 0.5, 0.75, 1.0)]]
        for name in ("bottom", "left"):
            self.plot.getAxis(name).setTicks(ticks)
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.setYRange(0, 1.02, padding=0.02)
        self.plot.plot([0, 1], [0, 1], pen=pg.mkPen("#888888", width=1, style=pg.QtCore.Qt.DashLine))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.0, brush=pg.mkBrush(BAR_COLOUR), pen=pg.mkPen("#6d86a8"))
        self.plot.addItem(self.bars)
        self.gaps = pg.BarGraphItem(x=[], y0=[], height=[], width=0.0, brush=pg.mkBrush(GAP_COLOUR + "90"), pen=None)
        self.plot.addItem(self.gaps)
        self.ece_label = pg.TextItem("", color="#222222", anchor=(0, 0))
        self.plot.addItem(self.ece_label)
        self.ece_label.setPos(0.02, 1.0)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, axes and tooltip in the current language."""
        tip = translate("Reliability", "Reliability diagram: the test images are grouped by how sure the network was "
                                       "(x); each bar is how often it was right in that group (y). On the dashed "
                                       "line, 'p% sure' means right p% of the time.")
        gap = translate("Reliability", "Orange: the gap between the two. Above a bar, the network was surer than it "
                                       "was right; inside a bar (brownish), it was right more often than it said.")
        self.setToolTip(tooltip(tip, gap))
        self.plot.setTitle(translate("Reliability", "Calibration: are the percentages honest?"))
        self.plot.setLabel("bottom", translate("Reliability", "confidence"))
        self.plot.setLabel("left", translate("Reliability", "accuracy"))
        self._show_ece()

    def _show_ece(self) -> None:
        text = translate("Reliability", "expected calibration error {ece:.2%}")
        self.ece_label.setText("" if self._ece is None else text.format(ece=self._ece))

    def set_reliability(self, table: Reliability | None, ece: float = 0.0) -> None:
        """Show one reliability table (None clears the chart)."""
        if table is None:
            self.bars.setOpts(x=[], height=[], width=0.0)
            self.gaps.setOpts(x=[], y0=[], height=[], width=0.0)
            self._ece = None
            self._show_ece()
            return
        filled = table.count >= MIN_BIN_COUNT
        centres = ((table.edges[:-1] + table.edges[1:]) / 2)[filled]
        width = float(np.diff(table.edges).mean()) * 0.9
        accuracy, confidence = table.accuracy[filled], table.confidence[filled]
        self.bars.setOpts(x=centres, height=accuracy, width=width)
        # The orange part of each bin is the gap between what the network said and how often it was right.
        self.gaps.setOpts(x=centres, y0=np.minimum(accuracy, confidence), height=np.abs(confidence - accuracy),
                          width=width)
        self._ece = ece
        self._show_ece()
