"""The reliability diagram: its tooltip."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt

pytestmark = pytest.mark.timeout(120)


def test_the_reliability_tooltip_wraps_and_explains_the_orange_gaps(qtbot):

    from handwriting.gui.evaluation.reliability_plot import ReliabilityPlot

    plot = ReliabilityPlot()
    qtbot.addWidget(plot)
    tip = plot.toolTip()
    assert Qt.mightBeRichText(tip)  # Qt word-wraps a rich-text tooltip; plain text ran 1,250 px wide
    assert "Orange" in tip and "dashed line" in tip
