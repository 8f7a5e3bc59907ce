"""The Draw tab's probability bars: an 11th "not a digit" column with an 11-output model only, and what it shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PyQt5.QtCore import QPointF, Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication

from handwriting.gui.common.plots import BAR_COLOUR, NOT_A_DIGIT_TICK, TOP_COLOUR, ProbabilityPlot, style_plot
from handwriting.labels import NOT_A_DIGIT, Status
from handwriting.recognition.recognizer import Prediction

from helpers import LOAD_TIMEOUT_MS

pytestmark = pytest.mark.timeout(120)
ROOT = Path(__file__).resolve().parents[3]
IMAGE = np.zeros((28, 28), np.float32)


@pytest.fixture(scope="module")
def ten_output_model(tmp_path_factory) -> Path:
    """An untrained LeNet-5 with the ten digit outputs only, built in a child process (no TensorFlow here)."""
    path = tmp_path_factory.mktemp("ten") / "ten.keras"
    code = (
        "from handwriting.training.model import build_model; "
        f"build_model('lenet5', seed=0, classes=10).save({str(path)!r})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=110, capture_output=True)
    return path


def columns(plot) -> tuple[int, list[str]]:
    """How many bars the chart has, and its bottom ticks."""
    ticks = plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    return len(plot.bars.opts["x"]), [label for _, label in ticks]


def colours(plot) -> list[str]:
    return [brush.color().name() for brush in plot.bars.opts["brushes"]]


@pytest.mark.process
def test_eleven_columns_with_an_eleven_output_model_and_ten_with_a_ten_output_model(window, ten_output_model, qtbot):
    plot = window.draw_panel.bars
    assert window.models.recognizer.outputs == 11
    assert columns(plot) == (11, [*map(str, range(10)), NOT_A_DIGIT_TICK])
    assert "not a digit" in plot.getPlotItem().getAxis("bottom").labelText and "not a digit" in plot.toolTip()
    window.models.load(ten_output_model)
    qtbot.waitUntil(lambda: window.models.recognizer.path == ten_output_model, timeout=LOAD_TIMEOUT_MS)
    assert window.models.recognizer.outputs == 10
    assert columns(plot) == (10, [str(d) for d in range(10)]) and len(plot.heights()) == 10
    assert "not a digit" not in plot.getPlotItem().getAxis("bottom").labelText + plot.toolTip()
    window.draw_panel.show_prediction(Prediction(None, np.full(10, 0.1, np.float32), IMAGE, Status.NOT_A_DIGIT))
    assert colours(plot) == [BAR_COLOUR] * 10 and not plot.label.isVisible()  # no 11th bar to highlight


def test_not_a_digit_highlights_the_eleventh_bar_with_its_percentage_and_no_digit_bar(window):
    panel, plot = window.draw_panel, window.draw_panel.bars
    probabilities = np.full(10, 0.01, np.float32)
    bar, text = plot.bars, plot.label
    panel.show_prediction(Prediction(None, probabilities, IMAGE, Status.NOT_A_DIGIT, 0.9))
    assert colours(plot) == [BAR_COLOUR] * 10 + [TOP_COLOUR]
    assert plot.heights()[NOT_A_DIGIT] == pytest.approx(0.9) and plot.digit is None
    assert plot.label.isVisible() and plot.label.textItem.toPlainText() == "90%"
    assert plot.label.pos().x() == NOT_A_DIGIT
    probabilities[3] = 0.8
    panel.show_prediction(Prediction(3, probabilities, IMAGE, Status.CONFIDENT, 0.1))
    assert colours(plot) == [TOP_COLOUR if d == 3 else BAR_COLOUR for d in range(11)] and plot.digit == 3
    assert plot.heights()[NOT_A_DIGIT] == pytest.approx(0.1) and plot.label.pos().x() == 3
    assert plot.bars is bar and plot.label is text  # updated in place


def test_a_click_on_the_not_a_digit_column_emits_nothing(window, qtbot):
    plot = window.draw_panel.bars
    clicked = []
    plot.barClicked.connect(clicked.append)
    view = plot.getPlotItem().vb

    def click(x: float) -> None:
        QTest.mouseClick(
            plot.viewport(), Qt.LeftButton, Qt.NoModifier, plot.mapFromScene(view.mapViewToScene(QPointF(x, 0.5)))
        )

    click(NOT_A_DIGIT)
    scene = view.mapViewToScene(QPointF(NOT_A_DIGIT, 0.5))
    assert plot.digit_at(scene.x(), scene.y()) is None
    click(4)  # a digit's column still works
    qtbot.waitUntil(lambda: clicked == [4], timeout=2000)


def test_the_percent_ticks_never_overlap_and_no_label_lies_on_its_side(qtbot):
    plot = ProbabilityPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.setMinimumHeight(60)
    counts = []
    for height in (400, 150, 100):  # a tall chart, number mode's, a very small window's
        plot.resize(500, height)
        QApplication.processEvents()
        ticks = plot.getPlotItem().getAxis("left")._tickLevels[0]
        assert ticks[0][1] == "0%" and ticks[-1][1] == "100%"
        counts.append(len(ticks))
        low, high = plot.getPlotItem().vb.viewRange()[1]
        apart = plot.getPlotItem().vb.height() / (high - low) * (ticks[1][0] - ticks[0][0])  # pixels between ticks
        assert apart >= plot.fontMetrics().height()  # one above the other, never over each other
    assert counts[0] == 5 and counts[-1] < 5
    assert plot.getPlotItem().getAxis("left").labelText == ""  # the bottom axis says what the bars are
    assert plot.getPlotItem().getAxis("bottom").labelText == "probability of each digit"


@pytest.mark.parametrize(("text", "lines"), [("accuracy (%)", None), ("精度 (%)", ["精", "度", "(%)"])])
def test_a_japanese_y_label_stands_upright_within_its_axis_and_a_latin_one_lies_on_its_side(qtbot, text, lines):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = style_plot(widget)
    plot.setLabel("left", text)
    widget.resize(400, 300)
    widget.show()
    QApplication.processEvents()
    axis = plot.getAxis("left")
    assert axis.label.rotation() == (-90 if lines is None else 0)
    if lines is not None:  # a letter a line, the narrow "(%)" kept together; the whole column inside the axis
        assert [line.strip() for line in axis.label.toPlainText().replace("\u2028", "\n").split("\n")] == lines
        box = axis.label.mapRectToParent(axis.label.boundingRect())
        assert box.left() >= 0 and box.top() >= 0 and box.bottom() <= axis.height()
        assert box.right() <= axis.width() - axis.textWidth  # left of the ticks' numbers, not over them
