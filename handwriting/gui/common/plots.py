"""pyqtgraph widgets: the common chart style and the probability bar chart."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication, Qt, pyqtSignal
from PyQt5.QtGui import QColor
from PyQt5.QtWidgets import QWidget

from handwriting.gui.wording import is_wide, percent
from handwriting.labels import DIGITS, NOT_A_DIGIT

BAR_COLOUR = "#a9bcd6"
TOP_COLOUR = "#1f6fd1"
UNSURE_COLOUR = "#e0861a"
CHOSEN_COLOUR = "#7048e8"  # a dashed frame around the column of the digit the user chose (a correction)
TICK_CHOICES = ((0.0, 0.25, 0.5, 0.75, 1.0), (0.0, 0.5, 1.0), (0.0, 1.0))  # the most that fit, one above the other
TICK_GAP = 6  # pixels between two percent ticks' labels, at least
NOT_A_DIGIT_TICK = "✕"  # its tick: a word would not fit under a column at the chart's smallest size
translate = QCoreApplication.translate


def upright_lines(text: str) -> list[str]:
    """A label written top to bottom: each wide letter (kanji, kana) on a line of its own, a run of narrow ones
    ("(%)") together; spaces dropped."""
    lines: list[str] = []
    for letter in text.replace(" ", ""):
        if is_wide(letter) or not lines or is_wide(lines[-1][-1]):
            lines.append(letter)
        else:
            lines[-1] += letter
    return lines


class LeftAxis(pg.AxisItem):
    """The y axis, whose label in a language written top to bottom (Japanese) stands upright, one letter under
    the other, instead of lying on its side as pyqtgraph turns it."""

    upright = False

    def setLabel(self, text=None, units=None, unitPrefix=None, **args):
        """As AxisItem.setLabel; a label with a wide letter (kanji, kana) is written upright, a letter a line."""
        self.upright = bool(text) and any(is_wide(letter) for letter in text)
        self.label.setRotation(0 if self.upright else -90)
        super().setLabel("<br>".join(upright_lines(text)) if self.upright else text, units, unitPrefix, **args)

    def resizeEvent(self, ev=None) -> None:
        super().resizeEvent(ev)
        if self.upright and self.label is not None:  # centred on the axis's height, at its left edge
            self.label.setPos(0, int(self.size().height() / 2 - self.label.boundingRect().height() / 2))

    def _updateWidth(self) -> None:
        super()._updateWidth()
        if self.upright and self.label.isVisible() and self.fixedWidth is None:  # a column of letters, not a line
            bounds = self.label.boundingRect()
            width = self.maximumWidth() - bounds.height() * 0.8 + bounds.width()
            self.setMaximumWidth(width)
            self.setMinimumWidth(width)


def style_plot(widget: pg.PlotWidget) -> pg.PlotItem:
    """White background, dark axes, no mouse panning or context menu: these are read-only charts. The y axis is a
    LeftAxis (a Japanese label upright)."""
    widget.setBackground("w")
    plot = widget.getPlotItem()
    plot.setAxisItems({"left": LeftAxis("left")})
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

    With a model that has the "not a digit" output (set_outputs), an 11th column (NOT_A_DIGIT,
    tick NOT_A_DIGIT_TICK) shows it, highlighted when the drawing is not a digit; it is no digit to
    correct to, so a click on it emits nothing.

    Updates change the one BarGraphItem's options in place. `paint_count` and `painted_at`
    (time.perf_counter() at the end of the last paint) let benchmarks and tests see when new
    bars reached the screen.
    """

    barClicked = pyqtSignal(int)  # the digit whose bar (or column) was clicked, never NOT_A_DIGIT

    def __init__(
        self, parent: QWidget | None = None, object_name: str = "probabilities", compact: bool = False
    ) -> None:
        """`compact`: a small read-only chart (the Evaluation tab's): the axis says only "digit" (a longer label
        would be cut off; the tooltip explains the bars and the ✕) and the tooltip does not offer corrections."""
        super().__init__(parent)
        self.compact = compact
        self.paint_count = 0
        self.painted_at = 0.0
        self._brushes = {kind: pg.mkBrush(colour) for kind, colour in
                         (("normal", BAR_COLOUR), ("top", TOP_COLOUR), ("unsure", UNSURE_COLOUR))}
        self._label_state: tuple | None = None
        self.setObjectName(object_name)
        self.setMinimumSize(260, 160)
        plot = style_plot(self)
        plot.setYRange(-0.01, 1.15, padding=0)
        self._ticks: tuple[float, ...] = ()
        self.columns = 10  # 11 with the "not a digit" column
        self._heights = np.zeros(10, np.float32)
        self.bars = pg.BarGraphItem(
            x=np.arange(10), height=self._heights, width=0.72, brushes=[self._brushes["normal"]] * 10, pen=None
        )
        self.chosen = pg.BarGraphItem(x=[0], height=[0.0], width=0.9, brush=pg.mkBrush(0, 0, 0, 0),
                                      pen=pg.mkPen(CHOSEN_COLOUR, width=2, style=Qt.DashLine))
        self.chosen.hide()
        plot.addItem(self.chosen)  # behind the bars
        plot.addItem(self.bars)
        self.label = pg.TextItem("", color="#222222", anchor=(0.5, 1.0))
        plot.addItem(self.label)
        self.label.hide()
        self.digit: int | None = None  # the highlighted digit
        self.highlighted: int | None = None  # the highlighted column: the digit, or NOT_A_DIGIT
        self._lay_out_columns()
        self.retranslate()
        self.scene().sigMouseClicked.connect(self._clicked)
        plot.vb.sigResized.connect(self._make_room_for_the_label)
        self._make_room_for_the_label()

    def _make_room_for_the_label(self, *_) -> None:
        """Room above 100% for the percentage over a full bar, and only as many percent ticks as fit one above the
        other, however low the chart (number mode, a small window)."""
        height = max(self.getPlotItem().vb.height(), 1.0)
        share = min((self.fontMetrics().height() + 4) / height, 0.5)
        self.getPlotItem().setYRange(-0.01, max(1.15, (1 + 0.01 * share) / (1 - share)), padding=0)
        fitting = int(height * (1 - share) // (self.fontMetrics().height() + TICK_GAP)) + 1
        ticks = next((steps for steps in TICK_CHOICES if len(steps) <= fitting), TICK_CHOICES[-1])
        if ticks != self._ticks:
            self._ticks = ticks
            self.getPlotItem().getAxis("left").setTicks([[(v, f"{v:.0%}") for v in ticks]])

    def set_outputs(self, outputs: int) -> None:
        """Follow the model's outputs: 10 columns for a 10-output model, 11 with the "not a digit" output.

        A change of column count clears the bars (and retranslates the axis and tooltip that mention the 11th).
        """
        columns = NOT_A_DIGIT + 1 if outputs > NOT_A_DIGIT else NOT_A_DIGIT
        if columns == self.columns:
            return
        self.columns = columns
        self._lay_out_columns()
        self.retranslate()
        self.clear_probabilities()

    def _lay_out_columns(self) -> None:
        plot = self.getPlotItem()
        plot.setXRange(-0.6, self.columns - 0.4, padding=0)
        ticks = [(d, str(d)) for d in range(DIGITS)]
        if self.columns > NOT_A_DIGIT:
            ticks.append((NOT_A_DIGIT, NOT_A_DIGIT_TICK))
        plot.getAxis("bottom").setTicks([ticks])
        self._heights = np.zeros(self.columns, np.float32)
        brushes = [self._brushes["normal"]] * self.columns
        self.bars.setOpts(x=np.arange(self.columns), height=self._heights, brushes=brushes)

    def digit_at(self, scene_x: float, scene_y: float) -> int | None:
        """The digit whose column holds this scene point, None between columns or outside the plot."""
        view = self.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_x, scene_y):
            return None
        x = view.mapSceneToView(pg.Point(scene_x, scene_y)).x()
        digit = round(x)
        return digit if 0 <= digit <= 9 and abs(x - digit) <= 0.45 else None

    def _clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        digit = self.digit_at(event.scenePos().x(), event.scenePos().y())
        if digit is not None:
            self.barClicked.emit(digit)

    def retranslate(self) -> None:
        """Tooltip and axis labels in the current language (the percentage above a bar follows with the next update)."""
        tip = [translate("Plots", "Softmax output of the network: the probability it gives each digit")]
        # The axis under the digits says what the bars are: a label beside the percentages would be turned on its
        # side (Japanese on its side reads badly) and cut off in a low chart.
        axis = translate("Plots", "digit") if self.compact else translate("Plots", "probability of each digit")
        if self.columns > NOT_A_DIGIT:
            if not self.compact:
                axis = translate("Plots", "probability of each digit   ({tick}: not a digit)").format(
                    tick=NOT_A_DIGIT_TICK)
            tip.append(
                translate("Plots", "{tick}: the probability that it is not a digit at all").format(
                    tick=NOT_A_DIGIT_TICK
                )
            )
        if not self.compact:
            hint = translate("Plots", "Wrong? Click the right digit's bar (or press its key): the app learns your "
                                      "handwriting")
            tip.append(hint)
        self.setToolTip("\n".join(tip))
        plot = self.getPlotItem()
        plot.setLabel("bottom", axis)

    def heights(self) -> np.ndarray:
        """The bar heights currently shown."""
        return self._heights.copy()

    def set_probabilities(
        self, probabilities: np.ndarray, column: int | None, unsure: bool = False, not_digit: float = 0.0,
        chosen: bool = False,
    ) -> None:
        """Show the ten digits' probabilities, and `not_digit` in the 11th column when there is one.

        `column` is highlighted, orange when unsure: a digit, NOT_A_DIGIT (when the chart has it), or None.
        `chosen`: the column is the user's answer (a correction), framed to the top however low its bar.
        """
        heights = np.array(probabilities, np.float32).reshape(10)
        if self.columns > NOT_A_DIGIT:
            heights = np.append(heights, np.float32(not_digit))
        if column is not None and not 0 <= column < self.columns:
            column = None
        top = self._brushes["unsure" if unsure else "top"]
        normal = self._brushes["normal"]
        self._heights = heights
        self.highlighted = column
        self.digit = column if column is not None and column < NOT_A_DIGIT else None
        self.bars.setOpts(height=heights, brushes=[top if c == column else normal for c in range(self.columns)])
        if chosen and column is not None:
            self.chosen.setOpts(x=[column], height=[1.0])
        self.chosen.setVisible(chosen and column is not None)
        if column is None:
            self.label.hide()
            return
        text = percent(float(heights[column]))
        if unsure:
            text = translate("Plots", "{percent} not sure").format(percent=text)
        anchor = (0.75, 1.0) if column == NOT_A_DIGIT else (0.5, 1.0)  # kept inside the right edge
        if self._label_state != (text, unsure, anchor):  # re-laying out the text item is the slow part
            self._label_state = (text, unsure, anchor)
            self.label.setText(text)
            self.label.setColor(QColor(UNSURE_COLOUR if unsure else "#222222"))
            self.label.setAnchor(anchor)
        self.label.setPos(column, float(heights[column]) + 0.01)
        self.label.show()

    def paintEvent(self, event) -> None:
        """Paint, then note when (see the class docstring)."""
        super().paintEvent(event)
        self.paint_count += 1
        self.painted_at = time.perf_counter()

    def clear_probabilities(self) -> None:
        """All bars at zero, nothing highlighted."""
        self.set_probabilities(np.zeros(10, np.float32), None)
