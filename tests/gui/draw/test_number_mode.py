"""Number mode on the Draw tab: a wide canvas, the number read large with a box per digit, a digit selected by a
click, corrected with its key and stored as any correction (only with the user's consent)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PyQt5.QtCore import QPoint, Qt
from PyQt5.QtGui import QColor
from PyQt5.QtTest import QTest

from handwriting.gui.controllers.number_controller import ShownNumber, with_strays
from handwriting.gui.draw.number_overlay import BOX_COLOUR, NOT_A_DIGIT_BOX_COLOUR, TAG_SIDE, UNSURE_BOX_COLOUR
from handwriting.gui.draw.number_presenter import NUMBER_MODE_KEY
from handwriting.gui.draw.panel_parts import UNSURE_TEXT_COLOUR
from handwriting.labels import NumberStatus, Status
from handwriting.personal.store import normalised_image
from handwriting.recognition.numbers import NumberReading
from handwriting.recognition.prediction import Prediction

from helpers import ONE, RING, SEVEN, TWO, drag, remember_keeping, written_number

pytestmark = pytest.mark.timeout(60)


def write(window, qtbot, *digits, **layout) -> ShownNumber:
    """Number mode on, `digits` written side by side with the mouse (`layout`: helpers.written_number's sizes);
    returns the reading shown."""
    window.actions.number_mode.setChecked(True)
    for stroke in written_number(*digits, **layout)[1]:
        drag(window.canvas, [(int(x), int(y)) for x, y in stroke])
    number = window.number
    qtbot.waitUntil(lambda: number.idle() and number.current is not None and number.current.count == len(digits),
                    timeout=10_000)
    return number.current


def samples(window) -> list[tuple[int, int | None]]:
    return [(s.label, s.predicted) for s in window.personal.samples()]


def test_number_mode_widens_the_canvas_says_write_a_number_and_fits_the_window(window, qtbot):
    canvas, panel = window.canvas, window.draw_panel
    assert canvas.width() == canvas.height() and canvas.hint == "Draw a digit here"
    QTest.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert window.number.active and window.actions.number_mode.isChecked() and panel.number_button.isChecked()
    assert canvas.width() >= 3 * canvas.height() and canvas.hint == "Write a number here"
    assert panel.number_rows.isVisible() and panel.number_rows.number.text() == "Write a number"
    assert "(Ctrl+N)" in window.actions.number_mode.toolTip()
    assert window.settings.value(NUMBER_MODE_KEY) == "true"  # the next start is in number mode too
    window.resize(1180, 720)  # the window's own size: the page needs no scrolling, nothing is cut
    scroller = window.tabs.widget(0)
    bar = window.personal_presenter.consent_bar
    for question in (False, True):  # with the question whether drawings may be kept above the canvas, too
        if question:
            bar.ask(True, window.personal.store_path)
        # the layout settles over a few event-loop turns: wait for it (a page that needs scrolling never gets there)
        qtbot.waitUntil(lambda: scroller.verticalScrollBar().maximum() == 0
                        and scroller.horizontalScrollBar().maximum() == 0, timeout=3000)
        assert panel.bars.height() >= panel.bars.minimumHeight()
    bar.hide()
    window.resize(1000, 650)  # a smaller window: the tools stand in one column beside the wide canvas, nothing cut
    for question in (False, True):
        if question:
            bar.ask(True, window.personal.store_path)
        qtbot.waitUntil(lambda: scroller.horizontalScrollBar().maximum() == 0, timeout=3000)
        assert panel.tools.geometry().right() < panel.frame.geometry().left()
    bar.hide()
    window.actions.number_mode.trigger()  # off again: one digit at a time, as before
    assert canvas.width() == canvas.height() == 280 and not panel.number_rows.isVisible()
    assert panel.prediction.text() == "Draw a digit"


def test_each_digit_has_a_box_and_a_click_on_one_shows_its_bars(window, qtbot):
    shown = write(window, qtbot, TWO, SEVEN)
    panel, canvas = window.draw_panel, window.canvas
    assert shown.reading.text == "27" and panel.number_rows.number.text() == "27"
    rects = panel.overlay.rects()
    assert len(rects) == 2 and rects[0].right() < rects[1].left()
    picture = canvas.grab().toImage()
    top = rects[0].top() - TAG_SIDE if rects[0].top() >= TAG_SIDE else rects[0].top()  # above its box, or inside
    tag = QPoint(int(rects[0].left()) + 2, int(top) + 2)  # a corner of the square that names the box's digit
    assert QColor(picture.pixel(tag)).name() == BOX_COLOUR
    assert shown.selected == 1 and panel.prediction.text().startswith("Digit 2 of 2 — Prediction: 7")
    QTest.mouseClick(canvas, Qt.LeftButton, Qt.NoModifier, rects[0].center().toPoint())
    assert window.number.current.selected == 0 and canvas.stroke_count == 2  # a tap selects, it draws nothing
    two = shown.reading.digits[0]
    assert np.allclose(panel.bars.heights()[:10], two.probabilities) and panel.bars.highlighted == 2
    assert panel.prediction.text().startswith("Digit 1 of 2 — Prediction: 2")
    QTest.keyClick(canvas, Qt.Key_Right)
    assert window.number.current.selected == 1 and panel.bars.highlighted == 7


def test_a_digit_key_corrects_the_selected_digit_and_stores_its_drawing(keeping, window, qtbot):
    shown = write(window, qtbot, TWO, SEVEN)
    window.number.select(0)
    QTest.keyClick(window, Qt.Key_3)
    panel = window.draw_panel
    assert panel.number_rows.number.text() == "37" and "the network read 27" in panel.number_rows.detail.text()
    assert panel.prediction.text().startswith("Digit 1 of 2 — Corrected: 3 (the network said 2)")
    assert samples(window) == [(3, 2)]
    assert window.statusBar().currentMessage().startswith("Stored as 3 (Ctrl+Z takes it back).")
    stored = window.personal.samples()[0].image  # that digit's own ink, as the network saw it: no neighbour's
    assert np.array_equal(stored, normalised_image(shown.reading.digits[0].image))
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # taken back; the drawing stays
    assert samples(window) == [] and window.canvas.stroke_count == 2
    assert panel.number_rows.number.text() == "27"  # and the network's reading is shown again, not the correction
    assert panel.prediction.text().startswith("Digit 1 of 2 — Prediction: 2")
    assert window.number.current.corrections == (None, None)


def test_without_consent_a_corrected_digit_is_not_stored_until_the_user_says_yes(window, qtbot):
    write(window, qtbot, TWO, SEVEN)
    window.number.select(0)
    QTest.keyClick(window, Qt.Key_3)
    bar = window.personal_presenter.consent_bar
    assert samples(window) == [] and bar.isVisible() and window.draw_panel.number_rows.number.text() == "37"
    bar.keep_button.click()  # yes: the digit just corrected is still shown, so it is kept
    assert samples(window) == [(3, 2)]


def test_after_no_a_corrected_digit_is_never_stored(make_window, model_file, qtbot):
    remember_keeping(False)
    window = make_window(model_file)
    write(window, qtbot, TWO, SEVEN)
    QTest.keyClick(window, Qt.Key_9)
    window.draw_panel.bars.barClicked.emit(1)  # a click on a bar corrects too
    assert window.draw_panel.number_rows.number.text() == "21" and samples(window) == []
    window.actions.clear.trigger()  # a number let stand is never kept either
    assert samples(window) == []


def reading(text: str, status: NumberStatus, alternatives) -> NumberReading:
    digits = tuple(Prediction(int(d), np.eye(10, dtype=np.float32)[int(d)] * 0.9, np.zeros((28, 28), np.float32),
                              Status.CONFIDENT) for d in text)
    boxes = tuple((20 + i * 150, 30, 150 + i * 150, 200) for i in range(len(text)))
    return NumberReading(text, digits, boxes, status, alternatives[0][1], alternatives)


def test_unsure_names_its_alternatives_and_not_a_number_says_so(window):
    panel, pixels = window.draw_panel, np.zeros((240, 720), np.uint8)
    window.actions.number_mode.setChecked(True)
    unsure = reading("2026", NumberStatus.UNSURE, (("2026", 0.55), ("2028", 0.4)))
    panel.show_number(ShownNumber(unsure, (None,) * 4, 3, pixels))
    rows = panel.number_rows
    assert rows.number.text() == "2026 or 2028?" and rows.number.palette().windowText().color().name() == \
        UNSURE_TEXT_COLOUR
    assert rows.detail.text().startswith("Not sure: 2026 (55%) or 2028 (40%).")
    sure = reading("2026", NumberStatus.CONFIDENT, (("2026", 0.98), ("2028", 0.02)))
    panel.show_number(ShownNumber(sure, (None,) * 4, 3, pixels))
    assert rows.number.text() == "2026" and rows.detail.text().startswith("98% sure.")
    stray = with_strays(as_stray(sure, 1, NumberStatus.UNSURE))  # the 0 read as no digit: left out
    panel.show_number(ShownNumber(stray, (None,) * 4, 1, pixels))
    assert rows.number.text() == "226" and rows.detail.text().startswith("The ink in the ✕ box is no digit")
    assert panel.prediction.text() == "Left out of the number — Not a digit"
    scribble = with_strays(as_stray(as_stray(as_stray(as_stray(sure, 3), 2), 1), 0))
    panel.show_number(ShownNumber(scribble, (None,) * 4, 0, pixels))
    assert rows.number.text() == "Not a number" and panel.prediction.text() == "Not a digit"  # no number to leave


def as_stray(number: NumberReading, index: int, status=NumberStatus.NOT_A_NUMBER) -> NumberReading:
    """`number` with its digit `index` read as no digit and left out, as read_number leaves out a stray."""
    old = number.digits[index]
    stray = Prediction(None, old.probabilities * 0.1, old.image, Status.NOT_A_DIGIT, 0.9)
    keep = [i for i in range(len(number.digits)) if i != index]
    return NumberReading(
        "".join(number.text[i] for i in keep) if status != NumberStatus.NOT_A_NUMBER else "",
        tuple(number.digits[i] for i in keep), tuple(number.boxes[i] for i in keep), status, number.probability,
        (), (*number.strays, number.boxes[index]), (*number.stray_predictions, stray),
    )


def test_a_lone_digit_is_shown_as_in_one_digit_mode(window, qtbot):
    shown = write(window, qtbot, SEVEN)
    panel = window.draw_panel
    # What one-digit mode says of the same drawing, its ink and its path.
    prediction = window.models.recognizer.predict(shown.pixels, window.canvas.strokes())
    assert panel.number_rows.number.text() == str(prediction.digit) == "7"
    assert panel.number_rows.detail.text() == "One digit; write more beside it for a number"
    answer = panel.prediction.text()
    assert answer.startswith("Prediction: 7 (") and np.allclose(panel.bars.heights()[:10], prediction.probabilities)
    window.actions.number_mode.setChecked(False)  # the same drawing, one digit at a time
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    assert panel.prediction.text() == answer and np.allclose(panel.bars.heights()[:10], prediction.probabilities)


def test_small_digits_at_the_widest_pen_are_read_from_their_paths(window, qtbot):
    window.draw_panel.pen_width.setValue(window.draw_panel.pen_width.maximum())  # 48 px on digits 70 px high
    shown = write(window, qtbot, TWO, RING, TWO, SEVEN, height=70, advance=116, top=65)
    assert shown.reading.text == "2027"  # read from the ink under each group: "227", the 0 a blob
    ring = shown.reading.digits[1].image  # the 0 as the network saw it (Network input): a ring, its hole open
    assert ring[12:16, 12:16].max() < 0.5 < ring.max()


def test_switching_modes_keeps_all_the_ink_in_view(qtbot):
    from handwriting.gui.draw.canvas import DrawingCanvas

    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    drag(canvas, [(140, 200), (140, 270)])  # a 1 low in the square canvas: below the wide canvas's 200 px
    canvas.set_wide(True)
    assert canvas.pixels().shape == (200, 720)
    points = np.concatenate(canvas.strokes())
    assert points[:, 1].max() < 200 and np.ptp(points[:, 1]) == pytest.approx(70)  # moved up, not scaled
    assert canvas.pixels()[-2:].max() == 0 and canvas.pixels().any()  # the whole stroke shows, its round end too
    drag(canvas, [(600, 40), (700, 160)])  # far right: beyond the square canvas
    canvas.set_wide(False)
    ink = canvas.pixels()
    points = np.concatenate(canvas.strokes())
    assert points[:, 0].max() < 280 and points[:, 1].max() < 280  # scaled down to fit, both strokes
    assert ink[:, :2].max() == ink[:, -2:].max() == 0 and ink.any()  # none cut at an edge
    columns = np.flatnonzero(ink.max(axis=0) > 0)
    assert columns[0] >= 28 and columns[-1] <= 280 - 28  # clear of the edges, as a digit is drawn
    assert canvas.undo() and len(canvas.strokes()) == 1  # the history moved with the drawing
    canvas.set_wide(True)
    drag(canvas, [(100, 60), (600, 150)])  # a wide stroke, as a number is written
    written = [stroke.copy() for stroke in canvas.strokes()]
    canvas.set_wide(False)
    canvas.set_wide(True)  # there and straight back: as written, not left scaled down in a corner
    assert all(np.array_equal(a, b) for a, b in zip(canvas.strokes(), written, strict=True))
    canvas.set_wide(False)
    drag(canvas, [(20, 250), (60, 250)])  # a stroke added on the square canvas: the moved ink stays as moved
    canvas.set_wide(True)
    assert np.concatenate(canvas.strokes())[:, 0].max() < 280


def test_an_image_file_of_a_number_is_read_as_a_number_in_number_mode(window, qtbot, tmp_path):
    pixels, _ = written_number(TWO, SEVEN, size=(400, 300), left=60, top=75)
    path = tmp_path / "27.png"
    Image.fromarray(255 - pixels).save(path)  # a scan: dark ink on white paper, and taller than the wide canvas
    panel, number = window.draw_panel, window.number
    window.actions.number_mode.setChecked(True)
    assert window.recognition.open_image(path)
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    assert number.current.reading.text == "27" and panel.number_rows.number.text() == "27"
    assert panel.number_rows.isVisible() and "27.png" in panel.sample_info.text()
    assert not panel.prediction.text().startswith("Not a digit")
    QTest.keyClick(window, Qt.Key_3)  # a file is nobody's drawing here: not corrected, not stored, and it says why
    assert "this is an image file" in window.statusBar().currentMessage() and number.current.text == "27"
    assert samples(window) == []
    rects = panel.overlay.rects()  # each box over its digit's ink, as the file is shown: fitted into the canvas
    shown = window.canvas.grab().toImage()
    for rect in rects:
        inside = [QColor(shown.pixel(int(x), int(y))).value() for x in range(int(rect.left()), int(rect.right()), 4)
                  for y in range(int(rect.top()), int(rect.bottom()), 4)]
        assert max(inside) > 200  # white ink under the box
        top = int(rect.top()) + 1
        edge = {QColor(shown.pixel(x, top)).name() for x in range(int(rect.left()), int(rect.right()))}
        assert edge & {BOX_COLOUR, UNSURE_BOX_COLOUR}  # and the box drawn over the image
    assert rects[0].right() < rects[1].left() and rects[0].left() >= 0 and rects[1].right() <= window.canvas.width()
    window.actions.number_mode.setChecked(False)  # one digit again: the file read as one digit, no boxes
    qtbot.waitUntil(lambda: window.recognition.idle() and window.recognition.current_prediction is not None,
                    timeout=10_000)
    assert not panel.number_rows.isVisible() and panel.overlay.shown is None
    assert window.recognition.content.kind == "file" and "27.png" in panel.sample_info.text()
    scribble = Prediction(None, np.full(10, 0.01, np.float32), np.zeros((28, 28), np.float32), Status.NOT_A_DIGIT, 0.9)
    panel.show_prediction(scribble)  # read as one digit, it is no digit: number mode is named
    assert "Ctrl+N" in panel.detail.text()
    window.actions.number_mode.setChecked(True)  # and a number once more
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    assert number.current.reading.text == "27"


def test_a_test_image_in_number_mode_is_one_digit_and_its_caption_says_so(window, qtbot):
    window.actions.number_mode.setChecked(True)
    assert "selected digit" in window.draw_panel.network_input.caption.text()
    window.recognition.show_test_image(0)
    qtbot.waitUntil(lambda: window.recognition.idle() and window.recognition.current_prediction is not None,
                    timeout=10_000)
    assert not window.draw_panel.number_rows.isVisible()
    assert "selected digit" not in window.draw_panel.network_input.caption.text()


def test_ctrl_z_takes_back_a_digits_correction_before_the_user_was_asked_and_leaves_the_ink(window, qtbot):
    shown = write(window, qtbot, TWO, SEVEN)
    strokes = window.canvas.stroke_count
    window.number.select(0)
    QTest.keyClick(window, Qt.Key_3)
    assert window.number.current.text == "37"
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.canvas.stroke_count == strokes and window.number.current.text == shown.reading.text == "27"
    assert samples(window) == []


@pytest.mark.parametrize("then", ["a stroke", "number mode off and on"])
def test_after_a_stroke_or_a_mode_change_ctrl_z_is_the_canvas_undo_not_the_kept_correction(keeping, window, qtbot,
                                                                                            then):
    write(window, qtbot, TWO, SEVEN)
    window.number.select(0)
    QTest.keyClick(window, Qt.Key_3)
    assert samples(window) == [(3, 2)] and "Ctrl+Z takes it back" in window.statusBar().currentMessage()
    if then == "a stroke":
        drag(window.canvas, [(600, 60), (640, 60)])
    else:
        window.actions.number_mode.setChecked(False)
        window.actions.number_mode.setChecked(True)
        qtbot.waitUntil(lambda: window.number.idle() and window.number.current is not None, timeout=10_000)
        assert window.number.current.text == "37"  # the same ink back as written: its correction shown again
    assert "Ctrl+Z" not in window.statusBar().currentMessage()  # the promise no longer holds: its message goes
    strokes = window.canvas.stroke_count
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.canvas.stroke_count == strokes - 1  # the last stroke goes, as Undo says
    assert samples(window) == [(3, 2)]  # the kept correction stays kept (Model > My handwriting samples shows it)


ZIGZAG = [(0.1 + 0.8 * (i % 2), i / 8) for i in range(9)]  # a scribble: no digit


def crossed_boxes(window, qtbot, *marks) -> tuple[NumberReading, list[int]]:
    """`marks` written side by side in number mode and read: (the reading, the ✕ boxes' indices among the boxes
    shown, each checked on the canvas: its edge and its tag drawn in the no-digit colour)."""
    window.actions.clear.trigger()
    for stroke in written_number(*marks)[1]:
        drag(window.canvas, [(int(x), int(y)) for x, y in stroke])
    number = window.number
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    shown, rects, picture = number.current, window.draw_panel.overlay.rects(), window.canvas.grab().toImage()
    assert len(rects) == shown.count
    crossed = [index for index in range(shown.count) if shown.digit(index) is None]
    for index in crossed:
        rect = rects[index]
        top = rect.top() - TAG_SIDE if rect.top() >= TAG_SIDE else rect.top()
        assert QColor(picture.pixel(QPoint(int(rect.left()) + 2, int(top) + 2))).name() == NOT_A_DIGIT_BOX_COLOUR
        left = int(rect.left()) + 1
        edge = {QColor(picture.pixel(left, y)).name() for y in range(int(rect.top()), int(rect.bottom()))}
        assert NOT_A_DIGIT_BOX_COLOUR in edge
    return shown.reading, crossed


def test_not_a_number_boxes_the_ink_read_as_no_digit_with_a_cross_as_an_unsure_number_does(window, qtbot):
    window.actions.number_mode.setChecked(True)
    unsure, crossed = crossed_boxes(window, qtbot, TWO, ZIGZAG, SEVEN)  # a digit, a scribble, a digit
    assert unsure.status == NumberStatus.UNSURE and len(unsure.strays) == 1 and len(crossed) == 1
    scribbles, crossed = crossed_boxes(window, qtbot, ZIGZAG, ONE, ZIGZAG)  # more scribble than digits
    assert scribbles.status == NumberStatus.NOT_A_NUMBER and len(scribbles.strays) == 2
    assert window.draw_panel.number_rows.number.text() == "Not a number"
    assert len(crossed) == 2  # each scribble in a ✕ box, the user sees which ink was rejected
    assert "(the ✕ boxes)" in window.draw_panel.number_rows.detail.text()
