"""The Draw tab: the answer, its status, undo, samples and messages."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import (
    QAction,
    QApplication,
    QLabel,
)

from handwriting.gui.common import i18n
from handwriting.gui.common.plots import BAR_COLOUR, TOP_COLOUR, UNSURE_COLOUR
from handwriting.labels import Status
from handwriting.recognition.images import formats_text
from handwriting.recognition.recognizer import Prediction

from helpers import MOUSE_SEVEN, drag, first_digit, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


def label(window) -> str:
    return window.findChild(QLabel, "prediction").text()


# 3. Clear can be undone.
def test_undo_after_clear_brings_the_drawing_back(window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    drawn = window.canvas.to_array()
    digit = first_digit(label(window))
    QTest.keyClick(window, Qt.Key_Escape)
    assert window.canvas.is_empty() and first_digit(label(window)) is None
    assert window.statusBar().currentMessage() == "Cleared: Ctrl+Z brings the drawing back"  # never silently
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    assert np.array_equal(window.canvas.to_array(), drawn)
    assert first_digit(label(window)) == digit
    assert window.statusBar().currentMessage() == ""  # the drawing is back: the message went
    QTest.keyClick(window, Qt.Key_Escape)
    QTest.keyClick(window, Qt.Key_Escape)  # an empty canvas cleared again: nothing to say
    assert window.statusBar().currentMessage() == "Cleared: Ctrl+Z brings the drawing back"


# 4. A message about what the canvas showed goes when the content changes.
def test_a_sample_message_goes_when_drawing_over_it(window, qtbot):
    window.actions.sample.trigger()
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=10_000)
    assert window.statusBar().currentMessage().startswith("Test image #")
    drag(window.canvas, MOUSE_SEVEN)  # the sample's message goes; what Ctrl+Z brings back is said instead
    assert window.statusBar().currentMessage() == "A new drawing in place of the test image; Ctrl+Z brings it back"
    drag(window.canvas, MOUSE_SEVEN)  # and goes with the next stroke: Ctrl+Z now takes that stroke back
    assert window.statusBar().currentMessage() == ""


# 5. The image error names the formats that really open.
def test_the_image_error_names_the_readable_formats(window, tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert not window.recognition.open_image(bad)
    assert formats_text() in window.status.last_warning
    assert "TIFF" in window.status.last_warning and "WebP" in window.status.last_warning


# The three statuses of a Prediction.
def test_not_a_digit_unsure_and_empty_are_shown_plainly(window):
    panel, image = window.draw_panel, np.zeros((28, 28), np.float32)
    probabilities = np.full(10, 0.02, np.float32)
    probabilities[7], probabilities[2] = 0.45, 0.40
    panel.show_prediction(Prediction(7, probabilities, image, Status.UNSURE))
    assert "7 or 2?" in label(window)
    assert panel.bars.bars.opts["brushes"][7].color().name() == UNSURE_COLOUR
    panel.show_prediction(Prediction(None, probabilities, image, Status.NOT_A_DIGIT, 0.9))
    assert label(window) == "Not a digit" and first_digit(label(window)) is None
    assert {brush.color().name() for brush in panel.bars.bars.opts["brushes"][:10]} == {BAR_COLOUR}  # no digit
    panel.show_prediction(Prediction(None, np.zeros(10, np.float32), image, Status.EMPTY))
    assert first_digit(label(window)) is None and not panel.bars.heights().any()
    probabilities[7] = 0.9
    panel.show_prediction(Prediction(7, probabilities, image, Status.CONFIDENT))
    assert label(window) == "Prediction: 7 (90%)"
    assert panel.bars.bars.opts["brushes"][7].color().name() == TOP_COLOUR


# 6. A runner-up below 1% reads "<1%", not "0%".
def test_a_runner_up_below_one_percent_reads_less_than_one_percent(window):
    probabilities = np.full(10, 0.0004, np.float32)
    probabilities[3], probabilities[7] = 0.002, 0.9944
    panel = window.draw_panel
    panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT))
    assert panel.detail.text() == "Runner-up: 3 (<1%)"
    probabilities[3], probabilities[7] = 0.012, 0.9844
    panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT))
    assert panel.detail.text() == "Runner-up: 3 (1%)"
    probabilities[3], probabilities[7] = 0.002, 0.94  # the ✕ bar, 5%, is taller than any other digit's
    panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT,
                                     not_digit_probability=0.05))
    assert panel.detail.text() == "Runner-up: not a digit (5%)"


def test_the_chart_stays_put_when_a_test_image_line_appears_and_goes(window, qtbot):
    window.resize(1180, 700)
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=10_000)
    QApplication.processEvents()
    before = window.draw_panel.bars.geometry()
    window.findChild(QAction, "actionRandomSample").trigger()
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=30_000)
    QApplication.processEvents()
    assert window.draw_panel.sample_info.text() and window.draw_panel.bars.geometry() == before


# 10. Above 99% the answer reads one decimal, as on the command line; never "100%" below certainty.
def test_a_sure_answer_reads_one_decimal_and_never_a_rounded_certainty(window):
    panel = window.draw_panel
    for top, text in ((0.998, "99.8%"), (0.99996, ">99.9%"), (0.9, "90%")):
        probabilities = np.full(10, (1 - top) / 9, np.float32)
        probabilities[7] = top
        panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT))
        assert label(window) == f"Prediction: 7 ({text})"
        assert panel.bars.label.textItem.toPlainText() == text  # the bar says the same


def test_a_clear_says_so_over_a_message_about_the_old_drawing_and_the_next_stroke_withdraws_it(window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    window.status.show_about_content("About this drawing")  # goes with the drawing, as "Correction taken back"
    QTest.keyClick(window, Qt.Key_Escape)
    assert window.statusBar().currentMessage() == "Cleared: Ctrl+Z brings the drawing back"
    drag(window.canvas, MOUSE_SEVEN)  # a new drawing: Ctrl+Z would undo its stroke now
    assert window.statusBar().currentMessage() != "Cleared: Ctrl+Z brings the drawing back"


def test_a_long_tooltip_wraps_by_its_width_in_letters_a_kanji_counting_two():
    from PyQt5.QtWidgets import QAction

    from handwriting.gui.common.actions import set_tip

    action = QAction()
    set_tip(action, "Short tip")
    assert action.toolTip() == "Short tip"
    set_tip(action, "横長のキャンバスに数字を横に並べて数を書き、数として読み取ります (Ctrl+N)")  # 41 characters
    assert action.toolTip().startswith("<p>") and action.statusTip().startswith("横長")


@pytest.mark.parametrize("number_mode", [False, True])
def test_the_draw_tools_cut_no_word_in_a_1000x650_window_in_english_and_japanese(window, qtbot, number_mode):
    if number_mode:
        window.actions.number_mode.trigger()
    window.resize(1000, 650)
    tools = window.draw_panel.tools
    buttons = (tools.clear_button, tools.undo_button, tools.sample_button, tools.open_button, tools.number_button)
    try:
        for language in ("en", "ja"):
            i18n.install_translator(language=language)
            qtbot.waitUntil(lambda: tools.pen_label.text() != "", timeout=2000)
            for _ in range(5):
                QApplication.processEvents()
            if language == "ja" and tools.pen_label.text() == "&Pen width:":
                pytest.skip("no Japanese translation loaded")
            for widget in (tools.pen_label, *buttons):  # "Pen widtl" under the canvas, "ペンの太さ(F" beside it
                assert widget.isVisible() and widget.width() >= widget.minimumSizeHint().width(), (
                    language, widget.text(), widget.width(), widget.minimumSizeHint().width())
            assert tools.pen_width.width() >= tools.pen_width.sizeHint().width(), language  # "18 px" whole
            for widget in (tools.pen_label, tools.pen_width, *buttons):  # and all of it inside the tools
                corner = widget.mapTo(tools, widget.rect().bottomRight())
                assert tools.rect().contains(corner), (language, corner, tools.rect())
    finally:
        i18n.install_translator(language="en")
