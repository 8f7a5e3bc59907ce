"""The pen-width box: a value out of range is clamped with a hint."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QToolTip

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


# 11. Pen width: a value typed out of range is clamped visibly, with a hint.
def test_a_pen_width_typed_out_of_range_is_clamped_with_a_hint(window, qtbot):
    spin = window.draw_panel.pen_width
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "100")
    QTest.keyClick(spin, Qt.Key_Return)
    assert spin.value() == spin.maximum() == 48 and window.canvas.pen_width == 48
    assert "100 px became 48 px" in window.statusBar().currentMessage()
    assert "4 to 48" in spin.toolTip()
    assert QToolTip.isVisible()  # the hint pops up beside the box too
    spin.setValue(8)  # another width: the hint about 100 px is stale
    assert window.statusBar().currentMessage() == "" and window.canvas.pen_width == 8
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
