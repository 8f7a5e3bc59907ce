"""Corrections of an answer: their words, stored once, stored again after a delete."""

from __future__ import annotations

import re

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest

from helpers import MOUSE_SEVEN, drag, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


def drawn_seven(window, qtbot) -> None:
    """A "7" on the Draw tab, recognised."""
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)


# 1. No "That was a 8": the corrections are worded so that no article is needed.
def test_corrections_read_well_for_every_digit(keeping, window, qtbot):
    texts = [action.text().replace("&", "") for action in window.actions.correct]
    assert texts[8] == "The digit is 8"
    QTest.keyClick(window, Qt.Key_8)  # nothing drawn yet
    texts.append(window.statusBar().currentMessage())
    assert texts[-1].startswith("Draw your 8 first")
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_8)
    texts.append(window.statusBar().currentMessage())
    assert texts[-1].startswith("Stored as 8 (Ctrl+Z takes it back).")
    enrolment = window.personal_presenter.open_enrolment()
    texts.append(enrolment.prompt.text())
    assert texts[-1].startswith(f"Draw your {enrolment.plan.current}")
    enrolment.close()
    assert not [text for text in texts if re.search(r"\ba [0-9]", text)]


# 2. The same drawing corrected twice is stored once; another digit relabels it.
def test_correcting_the_same_drawing_again_stores_it_once(keeping, window, qtbot):
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_7)
    QTest.keyClick(window, Qt.Key_7)
    assert [s.label for s in window.personal.samples()] == [7]
    assert window.statusBar().currentMessage() == "Already stored as 7"
    QTest.keyClick(window, Qt.Key_4)
    assert [s.label for s in window.personal.samples()] == [4]
    assert window.statusBar().currentMessage() == "Changed to 4"
    assert window.personal.pending == 1  # one correction, not three
    drag(window.canvas, [(60, 200), (220, 200)])  # the drawing changes: a new sample
    qtbot.waitUntil(lambda: not window.canvas.is_empty(), timeout=2000)
    QTest.keyClick(window, Qt.Key_4)
    assert [s.label for s in window.personal.samples()] == [4, 4]


def test_a_correction_deleted_meanwhile_is_stored_again(keeping, window, qtbot):
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_7)
    window.personal.remove(window.personal.samples()[0].id)
    QTest.keyClick(window, Qt.Key_7)
    assert [s.label for s in window.personal.samples()] == [7]
    assert window.statusBar().currentMessage().startswith("Stored as 7 (Ctrl+Z takes it back).")


# Issue 20, point 7: the screen shows the correction, and no message outlives its truth.
def test_the_corrected_answer_is_shown_until_the_drawing_changes(window, qtbot):
    drawn_seven(window, qtbot)
    said = window.recognition.current_prediction.digit
    said = "not a digit" if said is None else said
    QTest.keyClick(window, Qt.Key_4)
    panel = window.draw_panel
    assert panel.prediction.text() == f"Corrected: 4 (the network said {said})" and panel.bars.highlighted == 4
    chosen = panel.bars.chosen  # the 4's column shaded to the top, however low the network's bar for it
    assert chosen.isVisible() and list(chosen.opts["x"]) == [4] and list(chosen.opts["height"]) == [1.0]
    QTest.keyClick(window, Qt.Key_Escape)
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # the same drawing back: still corrected
    qtbot.waitUntil(lambda: panel.prediction.text().startswith("Corrected: 4"), timeout=5000)
    drag(window.canvas, [(60, 200), (220, 200)])  # the drawing changes: the network's answer again
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    assert not panel.prediction.text().startswith("Corrected") and not panel.bars.chosen.isVisible()


# Tour: the network's own digit pressed read "Corrected: 7 (the network said 7)".
def test_the_networks_own_digit_pressed_is_a_confirmation(window, qtbot):
    drawn_seven(window, qtbot)
    said = window.recognition.current_prediction.digit
    assert said is not None
    QTest.keyClick(window, Qt.Key_0 + said)
    panel = window.draw_panel
    assert panel.prediction.text() == f"Confirmed: {said} (the network said {said} too)"
    assert panel.bars.highlighted == said


def test_the_ctrl_z_message_goes_as_soon_as_ctrl_z_would_do_something_else(keeping, window, qtbot):
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)
    assert window.statusBar().currentMessage().startswith("Stored as 4 (Ctrl+Z takes it back)")
    QTest.keyClick(window, Qt.Key_Escape)  # Ctrl+Z now brings the drawing back: the message says that instead
    assert window.statusBar().currentMessage() == "Cleared: Ctrl+Z brings the drawing back"
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert not window.canvas.is_empty() and [s.label for s in window.personal.samples()] == [4]
    assert "Ctrl+Z" not in window.statusBar().currentMessage()
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # the drawing as corrected: the correction goes
    assert window.personal.samples() == []
    assert window.statusBar().currentMessage() == "Correction taken back: the drawing is not stored"
    QTest.keyClick(window, Qt.Key_5)
    assert "Ctrl+Z takes it back" in window.statusBar().currentMessage()
    drag(window.canvas, [(60, 200), (220, 200)])  # another stroke: Ctrl+Z takes the stroke back, and the message goes
    assert "Ctrl+Z" not in window.statusBar().currentMessage()


# Tour: a lone 3 corrected to 8, then Number on: the number read "3", the correction gone (back with Number off).
def test_a_lone_digits_correction_stays_when_number_mode_reads_it_and_is_stored_once(keeping, window, qtbot):
    number = window.number
    window.actions.number_mode.setChecked(True)  # number mode used before: its last reading is still held
    drag(window.canvas, [(100, 40), (100, 160)])
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    window.actions.number_mode.setChecked(False)
    window.actions.clear.trigger()
    drawn_seven(window, qtbot)
    drag(window.canvas, [(250, 250)])  # a dot beside it (the click that gave the canvas focus): a stray in a number
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    QTest.keyClick(window, Qt.Key_4)
    assert [s.label for s in window.personal.samples()].count(4) == 1  # (the line cleared above: kept as a 1)
    window.actions.number_mode.setChecked(True)
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    qtbot.waitUntil(lambda: number.current.text == "4", timeout=5000)
    assert number.current.count == 2 and number.current.corrected  # the 7, now 4, and the dot left out
    assert [s.label for s in window.personal.samples()].count(4) == 1  # shown corrected, not stored twice
    window.actions.number_mode.setChecked(False)
    qtbot.waitUntil(lambda: window.draw_panel.prediction.text().startswith("Corrected: 4"), timeout=5000)
    drag(window.canvas, [(40, 240), (240, 240)])  # the drawing changes: Number reads it anew, uncorrected
    window.actions.number_mode.setChecked(True)
    qtbot.waitUntil(lambda: number.idle() and number.current is not None and not number.current.corrected
                    and number.current.count >= 1, timeout=10_000)
