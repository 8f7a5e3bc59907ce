"""Keeping drawings: nothing before the user says yes; the question once, non-modal; the answer remembered and
changed in the Model menu; Forget forgets the drawing on the canvas; a kept drawing says how Ctrl+Z takes it back."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QFontInfo, QTextDocument
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication

from handwriting.files.paths import user_paths
from handwriting.gui.app.main_tabs import DRAW_TAB
from handwriting.gui.common import i18n
from handwriting.gui.personal.consent_bar import ConsentBar
from handwriting.gui.personal.consent_presenter import KEEP_DRAWINGS_KEY

from helpers import MOUSE_SEVEN, drag

pytestmark = pytest.mark.timeout(60)


def drawn(window, qtbot, shift: int = 0) -> np.ndarray:
    """A "7" on the Draw tab, recognised; returns a copy of the canvas."""
    drag(window.canvas, [(x + shift, y) for x, y in MOUSE_SEVEN])
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None and window.recognition.idle(),
                    timeout=5000)
    return window.canvas.to_array()


def sure_seven(window) -> None:
    """The answer shown is a sure 7, whatever the test model says: clearing it keeps it, once the user said yes."""
    shown = window.recognition.current_prediction
    window.recognition.current_prediction = replace(
        shown, status="confident", digit=7, probabilities=np.eye(10, dtype=np.float32)[7]
    )


def samples(window) -> list[tuple[int, str]]:
    return [(s.label, s.source) for s in window.personal.samples()]


def other_windows(window) -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w.isWindow()]


def test_nothing_is_kept_before_the_user_says_yes(window, qtbot):
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)  # a correction
    assert samples(window) == [] and "not kept" in window.statusBar().currentMessage()
    assert window.draw_panel.prediction.text().startswith("Corrected: 4")  # it still changes the answer shown
    drawn(window, qtbot, shift=12)
    sure_seven(window)
    window.actions.clear.trigger()  # a sure drawing let stand
    assert samples(window) == [] and window.personal.count == 0
    assert window.settings.value(KEEP_DRAWINGS_KEY) is None  # still not answered
    assert not window.personal.store_path.exists()  # not even an empty file of the user's


def test_the_question_appears_once_and_the_window_takes_input_while_it_shows(window, qtbot):
    bar = window.personal_presenter.consent_bar
    assert not bar.isVisible()  # nothing asked before a drawing would be kept
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)
    assert bar.isVisible() and QApplication.activeModalWidget() is None and other_windows(window) == []
    text = bar.text.text()
    assert "28x28" in text and "95%" in text and str(user_paths().personal_store) in text
    assert "My handwriting samples" in text and "Forget my handwriting" in text
    QTest.keyClick(window, Qt.Key_Escape)  # the window goes on: keys, strokes, answers
    assert window.canvas.is_empty()
    drawn(window, qtbot, shift=12)
    assert not window.canvas.is_empty() and window.recognition.current_prediction is not None
    QTest.keyClick(window, Qt.Key_1)
    assert bar.isVisible() and other_windows(window) == [] and samples(window) == []
    QTest.mouseClick(bar.dont_button, Qt.LeftButton)
    assert not bar.isVisible()
    drawn(window, qtbot, shift=-12)
    QTest.keyClick(window, Qt.Key_2)
    sure_seven(window)
    window.actions.clear.trigger()
    assert not bar.isVisible() and samples(window) == []  # answered: not asked again


@pytest.mark.parametrize("number_mode", [False, True])
def test_the_question_never_moves_the_canvas(window, qtbot, number_mode):
    if number_mode:
        window.actions.number_mode.trigger()
    window.resize(1180, 720)
    QApplication.processEvents()
    before = window.canvas.mapTo(window, window.canvas.rect().topLeft())
    window.personal_presenter.consent_bar.ask(True, window.personal.store_path)  # as after a first correction
    QApplication.processEvents()
    assert window.personal_presenter.consent_bar.isVisible()
    assert window.canvas.mapTo(window, window.canvas.rect().topLeft()) == before  # the next stroke lands there


def test_yes_keeps_the_correction_that_raised_the_question(window, qtbot):
    drawing = drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)
    bar = window.personal_presenter.consent_bar
    QTest.mouseClick(bar.keep_button, Qt.LeftButton)
    assert not bar.isVisible() and samples(window) == [(4, "correction")]
    assert window.statusBar().currentMessage().startswith("Stored as 4 (Ctrl+Z takes it back)")
    assert window.settings.value(KEEP_DRAWINGS_KEY) == "yes" and window.actions.keep_drawings.isChecked()
    assert np.array_equal(window.canvas.to_array(), drawing)
    drawn(window, qtbot, shift=12)
    sure_seven(window)
    window.actions.clear.trigger()  # from now on, a drawing let stand is kept too
    assert samples(window) == [(4, "correction"), (7, "accepted")]


def test_no_keeps_nothing_and_is_remembered(make_window, model_file, qtbot):
    window = make_window(model_file)
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)
    QTest.mouseClick(window.personal_presenter.consent_bar.dont_button, Qt.LeftButton)
    assert samples(window) == [] and window.settings.value(KEEP_DRAWINGS_KEY) == "no"
    assert not window.actions.keep_drawings.isChecked()
    assert not window.actions.learn_from_accepted.isEnabled()  # what it would keep is not kept: greyed out
    window.close()
    again = make_window(model_file)  # the next session
    assert again.personal.consent is False and not again.actions.keep_drawings.isChecked()
    assert not again.actions.learn_from_accepted.isEnabled()
    drawn(again, qtbot)
    QTest.keyClick(again, Qt.Key_4)
    assert samples(again) == [] and not again.personal_presenter.consent_bar.isVisible()
    assert "not kept, as you chose" in again.statusBar().currentMessage()


def test_the_model_menu_entry_changes_the_choice(window, qtbot):
    action = window.actions.keep_drawings
    assert action.isCheckable() and not action.isChecked() and "on this computer" in action.toolTip()
    assert not window.actions.learn_from_accepted.isEnabled()  # never asked: nothing is kept, of either kind
    action.trigger()  # yes
    assert window.personal.consent is True and window.settings.value(KEEP_DRAWINGS_KEY) == "yes"
    assert window.actions.learn_from_accepted.isEnabled()
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)
    assert samples(window) == [(4, "correction")] and not window.personal_presenter.consent_bar.isVisible()
    action.trigger()  # no
    assert window.personal.consent is False and window.settings.value(KEEP_DRAWINGS_KEY) == "no"
    assert not window.actions.learn_from_accepted.isEnabled()
    drawn(window, qtbot, shift=12)
    QTest.keyClick(window, Qt.Key_5)
    assert samples(window) == [(4, "correction")]


def test_forget_then_clear_keeps_nothing(keeping, window, qtbot):
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_7)  # kept as a correction
    assert samples(window) == [(7, "correction")]
    assert window.personal_presenter.forget(ask=False)
    sure_seven(window)
    window.actions.clear.trigger()  # the drawing still on the canvas, let stand: forgotten too
    assert samples(window) == []


def test_forget_drops_a_correction_waiting_for_the_answer(window, qtbot):
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_4)  # waits for the answer
    assert window.personal_presenter.forget(ask=False)
    QTest.mouseClick(window.personal_presenter.consent_bar.keep_button, Qt.LeftButton)
    assert samples(window) == [] and window.personal.consent is True


def test_a_kept_drawing_says_ctrl_z_and_ctrl_z_takes_it_back(keeping, window, qtbot):
    drawing = drawn(window, qtbot)
    sure_seven(window)
    QTest.keyClick(window, Qt.Key_Escape)
    assert samples(window) == [(7, "accepted")]
    assert window.statusBar().currentMessage() == "Kept your 7 to learn from — Ctrl+Z takes it back"
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert np.array_equal(window.canvas.to_array(), drawing) and samples(window) == []
    assert window.statusBar().currentMessage() == "Not kept: the drawing is back and its sample deleted"
    assert window.personal.accepted_pending == 0
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    sure_seven(window)
    QTest.keyClick(window, Qt.Key_Escape)  # taken back: cleared again, it is not kept again
    assert samples(window) == []


def test_a_kept_drawings_ctrl_z_promise_goes_when_the_user_draws_on(keeping, window, qtbot):
    drawn(window, qtbot)
    sure_seven(window)
    QTest.keyClick(window, Qt.Key_Escape)
    message = window.statusBar().currentMessage()
    assert "Ctrl+Z takes it back" in message
    drawn(window, qtbot, shift=12)  # a new drawing: Ctrl+Z now takes its stroke back, and the message goes
    assert window.statusBar().currentMessage() != message
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.canvas.is_empty() and samples(window) == [(7, "accepted")]


def test_learn_my_handwriting_asks_first_and_start_is_the_yes(window, qtbot):
    presenter = window.personal_presenter
    assert presenter.open_enrolment() is None and presenter.enrolment is None
    box = presenter.consent_box
    assert box is not None and box.isVisible() and str(user_paths().personal_store) in box.text()
    cancel = next(b for b in box.buttons() if b.objectName() != "startKeepingButton")
    cancel.click()
    assert presenter.enrolment is None and window.personal.consent is None
    assert window.settings.value(KEEP_DRAWINGS_KEY) is None
    presenter.open_enrolment()
    qtbot.waitUntil(lambda: presenter.consent_box is not None and presenter.consent_box.isVisible(), timeout=2000)
    start = next(b for b in presenter.consent_box.buttons() if b.objectName() == "startKeepingButton")
    start.click()
    assert window.personal.consent is True and window.settings.value(KEEP_DRAWINGS_KEY) == "yes"
    assert presenter.enrolment is not None and presenter.enrolment.isVisible()
    presenter.enrolment.close()


def line_pitches(label) -> list[float]:
    """The distances between the lines of a rich-text label, laid out at its width."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.size()  # laid out
    block, tops = document.firstBlock(), []
    while block.isValid():
        layout = block.layout()
        tops += [layout.position().y() + layout.lineAt(i).y() for i in range(layout.lineCount())]
        block = block.next()
    return [b - a for a, b in itertools.pairwise(tops)]


# Tour: in Japanese the question's lines nearly touched (the Japanese face sets them 1 em apart): spaced in both
# languages, and the English one hardly taller.
def test_the_questions_lines_are_comfortably_spaced_in_english_and_japanese(qtbot, tmp_path):
    bar = ConsentBar()
    qtbot.addWidget(bar)
    bar.resize(900, 200)
    bar.ask(True, tmp_path / "personal.sqlite3")
    bar.show()
    try:
        for language, least, most in (("en", 1.15, 1.4), ("ja", 1.5, 1.7)):
            i18n.install_translator(language=language)
            QApplication.processEvents()
            bar.retranslate()
            if language == "ja" and not any("\u3040" <= c <= "\u9fff" for c in bar.text.text()):
                pytest.skip("no Japanese translation loaded")
            em = QFontInfo(bar.text.font()).pixelSize()
            pitches = line_pitches(bar.text)
            assert len(pitches) >= 3 and least * em <= min(pitches) and max(pitches) <= most * em, (language, pitches)
    finally:
        i18n.install_translator(language="en")


@pytest.mark.parametrize("answer", [None, False])
def test_ctrl_z_takes_back_a_correction_that_was_not_kept_and_leaves_the_ink(window, qtbot, answer):
    if answer is not None:  # asked and answered no before: corrections are not kept
        drawn(window, qtbot)
        QTest.keyClick(window, Qt.Key_4)
        QTest.mouseClick(window.personal_presenter.consent_bar.dont_button, Qt.LeftButton)
        window.actions.clear.trigger()
    drawing = drawn(window, qtbot, shift=12)
    strokes = window.canvas.stroke_count
    QTest.keyClick(window, Qt.Key_4)
    assert window.draw_panel.prediction.text().startswith("Corrected: 4")
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.canvas.stroke_count == strokes and np.array_equal(window.canvas.to_array(), drawing)  # ink kept
    assert not window.draw_panel.prediction.text().startswith("Corrected")  # the network's answer again
    assert window.statusBar().currentMessage().startswith("Correction taken back")
    if answer is None:  # saying yes now keeps nothing: the correction it waited for was taken back
        QTest.mouseClick(window.personal_presenter.consent_bar.keep_button, Qt.LeftButton)
    assert samples(window) == []


TYPICAL_STORE = Path("/home/someone/.local/share/handwriting/personal.sqlite3")  # user_paths() on a Linux desktop


def settled() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("number_mode", [False, True])
def test_the_question_needs_no_scrolling_in_a_1000x650_window_in_english_and_japanese(window, number_mode):
    if number_mode:
        window.actions.number_mode.trigger()
    window.resize(1000, 650)
    scroller, bar = window.tabs.widget(DRAW_TAB), window.personal_presenter.consent_bar
    try:
        for language in ("en", "ja"):
            i18n.install_translator(language=language)
            bar.hide()
            settled()
            before = scroller.verticalScrollBar().maximum()  # the tab without the question (0 in number mode)
            bar.ask(True, TYPICAL_STORE)
            settled()
            scroller.verticalScrollBar().setValue(0)
            if language == "ja" and not any("\u3040" <= c <= "\u9fff" for c in bar.text.text()):
                pytest.skip("no Japanese translation loaded")
            shown = bar.rect().translated(bar.mapTo(scroller.viewport(), bar.rect().topLeft()))
            assert scroller.viewport().rect().contains(shown), (language, shown, scroller.viewport().rect())
            assert bar.text.height() >= bar.text.heightForWidth(bar.text.width()), language  # no line cut off
            assert scroller.verticalScrollBar().maximum() == before, language  # the question adds no scrolling
            if number_mode:
                assert before == 0, language
    finally:
        i18n.install_translator(language="en")


@pytest.mark.parametrize("then", ["number mode", "a stroke"])
def test_what_was_said_of_a_correction_goes_when_the_drawing_does(window, qtbot, then):
    drawn(window, qtbot)
    QTest.keyClick(window, Qt.Key_1)
    assert window.statusBar().currentMessage().startswith("Corrected to 1, not kept")
    if then == "number mode":
        window.actions.number_mode.trigger()  # the ink is read anew, as a number: the correction is gone
    else:
        drawn(window, qtbot, shift=30)
    assert not window.statusBar().currentMessage().startswith("Corrected to 1")
