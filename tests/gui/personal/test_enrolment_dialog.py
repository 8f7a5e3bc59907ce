"""Learn my handwriting: the enrolment dialog closing early, with nothing drawn, or refused for a wrong label."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication, QPushButton

from handwriting.gui.controllers.job_runner import failure_text
from handwriting.jobs.child import describe_exception, problem
from handwriting.jobs.process import FAILED
from handwriting.personal.label_check import Suspect, mislabelled

from helpers import MOUSE_SEVEN, drag, enrol_one_seven, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


def active_enrolment(window, qtbot):
    """Learn my handwriting, open and active (shortcuts such as Esc go to the active window)."""
    dialog = window.personal_presenter.open_enrolment()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


# 5. Learn my handwriting can be closed before the end; drawings stored by then are kept, and it says so.
def test_the_enrolment_closes_at_once_when_nothing_was_drawn(keeping, window, qtbot):
    dialog = active_enrolment(window, qtbot)
    assert dialog.close_button.isVisible() and dialog.close_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key_Escape)  # Esc on an empty canvas closes, as Close does
    assert not dialog.isVisible() and dialog.leave_box is None


def test_closing_the_enrolment_early_keeps_the_drawings_and_can_learn_them(keeping, window, qtbot, monkeypatch):
    learnt = []
    monkeypatch.setattr(window.personal, "learn", lambda *args: learnt.append(args) or True)
    dialog = active_enrolment(window, qtbot)
    for _ in range(2):
        drag(dialog.canvas, MOUSE_SEVEN)
        dialog.next_button.click()
    drag(dialog.canvas, MOUSE_SEVEN)
    QTest.keyClick(dialog, Qt.Key_Escape)  # Esc erases the drawing first
    assert dialog.canvas.is_empty() and dialog.leave_box is None
    dialog.close_button.click()
    box = dialog.leave_box
    assert box is not None and box.isVisible() and dialog.isVisible()
    assert "2 of 30 drawings" in box.text() and "kept in your handwriting samples" in box.text()
    box.findChild(QPushButton, "goOnDrawingButton").click()
    assert dialog.isVisible() and dialog.leave_box is None and not learnt
    dialog.close()  # the window's close button asks the same
    dialog.leave_box.findChild(QPushButton, "learnLaterButton").click()
    assert not dialog.isVisible() and not learnt and len(window.personal.samples()) == 2
    dialog = window.personal_presenter.open_enrolment()
    drag(dialog.canvas, MOUSE_SEVEN)
    dialog.next_button.click()
    dialog.close_button.click()
    dialog.leave_box.findChild(QPushButton, "learnNowButton").click()
    assert not dialog.isVisible() and learnt == [()] and len(window.personal.samples()) == 3


# Tour: closing with a digit drawn but not yet kept with Next said "2 of 30 drawings" and dropped the third.
def test_closing_the_enrolment_keeps_the_digit_on_the_canvas_as_it_says(keeping, window, qtbot):
    dialog = active_enrolment(window, qtbot)
    drag(dialog.canvas, MOUSE_SEVEN)
    asked = dialog.plan.current
    dialog.close_button.click()  # nothing stored yet, but a drawing on the canvas: it asks
    box = dialog.leave_box
    assert box is not None and "1 of 30 drawings" in box.text()
    box.findChild(QPushButton, "learnLaterButton").click()
    assert not dialog.isVisible() and [s.label for s in window.personal.samples()] == [asked]


def test_a_refused_enrolment_says_which_sample_to_check_and_where(keeping, window, qtbot, monkeypatch):
    jobs = IdleJobRunner()
    dialog = enrol_one_seven(window, monkeypatch, jobs)
    sample = window.personal.samples()[0]
    looks_like = (sample.label + 1) % 10
    refusal = mislabelled([Suspect(0, sample.id, sample.label, looks_like, 0, 1, 6.0)])
    event = {"kind": FAILED, "message": describe_exception(refusal), **problem(refusal)}  # the child's report
    jobs.failed.emit(failure_text(event))  # as the job runner words it
    text = dialog.result.text()
    assert dialog.result.isVisible() and text.startswith("Learning your handwriting failed: a sample looks mislabelled")
    assert f"sample #{sample.id}, labelled {sample.label}, looks like your {looks_like}s" in text
    assert "Check it in Model > My handwriting samples" in text
    grid = window.personal_presenter.open_samples().grid
    assert grid.item(0).toolTip().startswith(f"#{sample.id} · {sample.label}: enrolment")


def test_learning_can_be_stopped_from_the_enrolment_and_from_the_model_menu(keeping, window, qtbot, monkeypatch):
    jobs = IdleJobRunner()
    abandoned = []
    monkeypatch.setattr(jobs, "abandon", lambda: abandoned.append(True))
    stop = window.actions.stop_learning
    assert not stop.isEnabled()  # nothing runs yet
    dialog = enrol_one_seven(window, monkeypatch, jobs)
    assert window.personal.state.name != "IDLE" and stop.isEnabled()
    assert dialog.stop_button.isVisible() and dialog.close_button.isVisible()
    dialog.stop_button.click()
    assert abandoned == [True] and window.personal.state.name == "IDLE" and not stop.isEnabled()
    assert "Stopped learning your handwriting" in window.statusBar().currentMessage()  # as from the menu
    window.statusBar().clearMessage()
    assert dialog.prompt.text() == "Stopped" and not dialog.intro.isVisible()  # nothing says "Done" or how to draw
    assert dialog.result.isVisible() and dialog.result.text().startswith("Your drawings are kept")
    assert not dialog.stop_button.isVisible() and len(window.personal.samples()) == 1
    jobs.finished.emit({"saved_to": None})  # a late report of the abandoned run changes nothing
    assert dialog.prompt.text() == "Stopped"
    dialog.close_button.click()
    assert window.personal.learn()  # from the menu now
    assert stop.isEnabled()
    stop.trigger()
    assert len(abandoned) == 2 and not stop.isEnabled() and not window.personal.has_model()
    assert "Stopped learning your handwriting" in window.statusBar().currentMessage()
