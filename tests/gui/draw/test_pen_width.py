"""The pen-width box: a value out of range is clamped with a hint."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QToolTip

from helpers import MOUSE_SEVEN, drag, idle_job_runner_class

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
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "2")  # too thin: clamped again, and the hint goes once the user draws with the pen
    QTest.keyClick(spin, Qt.Key_Return)
    assert "2 px became 4 px" in window.statusBar().currentMessage()
    drag(window.canvas, MOUSE_SEVEN)
    assert "became" not in window.statusBar().currentMessage()


# Thick ink is ink (issue 21): a small drawing at the largest pen is read from its path, its loop open.
def test_a_small_ring_at_the_largest_pen_is_read_from_its_path(window, qtbot):
    import numpy as np

    from handwriting.recognition.preprocess import preprocess

    from helpers import drag

    canvas = window.canvas
    window.draw_panel.pen_width.setValue(48)
    angles = np.linspace(0, 2 * np.pi, 30)
    drag(canvas, [(int(140 + 22 * np.cos(a)), int(140 + 28 * np.sin(a))) for a in angles])
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5_000)
    assert canvas.pixels()[140, 140] > 200 and canvas.read_pixels()[140, 140] == 0  # a blob; read: a ring
    np.testing.assert_array_equal(window.recognition.current_prediction.image, preprocess(canvas.read_pixels()))
    canvas.clear()
    window.draw_panel.pen_width.setValue(18)  # a pen that suits a large drawing: read as drawn
    drag(canvas, [(int(140 + 90 * np.cos(a)), int(140 + 110 * np.sin(a))) for a in angles])
    np.testing.assert_array_equal(canvas.read_pixels(), canvas.pixels())
