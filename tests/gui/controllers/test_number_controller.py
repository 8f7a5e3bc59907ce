"""Number mode's controller without a window: read off the GUI thread, stale answers dropped, digits selected and
corrected."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import pytest

from handwriting.gui.controllers.number_controller import NumberController, ShownNumber, digit_in_doubt, with_strays
from handwriting.labels import NumberStatus, Status
from handwriting.recognition.numbers import NumberReading
from handwriting.recognition.prediction import Prediction

from helpers import RING, SEVEN, TWO, written_number

pytestmark = pytest.mark.timeout(60)


class Canvas:
    """What the number controller knows of a canvas: its drawing (pixels and strokes), None when empty."""

    def __init__(self) -> None:
        self.drawing: tuple[np.ndarray, list[np.ndarray]] | None = None

    def __call__(self):
        return self.drawing


class Recorder:
    """A recogniser's read_number that notes the thread it ran on, and can be held until released."""

    def __init__(self, recognizer, hold: bool = False) -> None:
        self.recognizer, self.threads = recognizer, []
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def read_number(self, pixels, strokes):
        self.threads.append(threading.current_thread())
        self.release.wait(10)
        return self.recognizer.read_number(pixels, strokes)


def number_controller(runner, canvas, recognizer) -> tuple[NumberController, list]:
    number = NumberController(runner, canvas)
    number.set_recognizer(recognizer)
    shown = []
    number.shown.connect(shown.append)
    number.set_active(True)
    return number, shown


def test_a_drawing_of_two_digits_is_read_off_the_gui_thread_with_a_box_for_each(runner, qtbot, recognizer):
    canvas, reader = Canvas(), Recorder(recognizer)
    canvas.drawing = written_number(TWO, SEVEN)
    number, shown = number_controller(runner, canvas, reader)
    images = []
    number.image_changed.connect(images.append)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] is not None and number.idle(), timeout=10_000)
    reading = shown[-1].reading
    assert reading.text == "27" and reading.status == NumberStatus.CONFIDENT
    assert len(reading.boxes) == 2 and reading.boxes[0][2] <= reading.boxes[1][0]  # left to right, apart
    assert reader.threads and all(thread is not threading.main_thread() for thread in reader.threads)
    assert shown[-1].selected == 1 and images[-1] is reading.digits[1].image  # the digit just written
    number.select(0)
    assert number.current.selected == 0 and images[-1] is reading.digits[0].image


def test_an_answer_for_a_drawing_that_changed_or_was_erased_is_dropped(runner, qtbot, recognizer):
    canvas, reader = Canvas(), Recorder(recognizer, hold=True)
    canvas.drawing = written_number(TWO)
    number, shown = number_controller(runner, canvas, reader)  # reads "2", held on the worker thread
    canvas.drawing = written_number(TWO, SEVEN)  # the pen is lifted on a second digit
    number.read(now=True)
    reader.release.set()
    qtbot.waitUntil(number.idle, timeout=10_000)
    assert [s.reading.text for s in shown] == ["27"]  # the "2" alone never showed
    reader.release.clear()
    canvas.drawing = written_number(TWO, SEVEN, RING)
    number.drawing_changed()  # the stroke grows: read within READ_INTERVAL_MS, held
    qtbot.waitUntil(lambda: len(reader.threads) == 3, timeout=5_000)
    canvas.drawing = None
    number.read(now=True)  # cleared meanwhile
    reader.release.set()
    qtbot.waitUntil(number.idle, timeout=10_000)
    assert shown[-1] is None and number.current is None


def test_a_correction_stays_with_its_digit_until_that_digit_changes(runner, qtbot, recognizer):
    canvas = Canvas()
    canvas.drawing = written_number(TWO, SEVEN)
    number, _ = number_controller(runner, canvas, recognizer)
    qtbot.waitUntil(lambda: number.current is not None and number.idle(), timeout=10_000)
    number.select(0)
    drawing, prediction = number.correct(3)
    assert number.current.text == "37" and number.current.corrected and prediction.digit == 2
    assert np.array_equal(drawing, prediction.image) and np.array_equal(number.corrected_drawing(), drawing)
    canvas.drawing = written_number(TWO, SEVEN, RING)  # a digit added: the corrected one is unchanged
    number.read(now=True)
    qtbot.waitUntil(lambda: number.current.count == 3 and number.idle(), timeout=10_000)
    assert number.current.text == "370" and number.corrected_drawing() is not None
    canvas.drawing = written_number(SEVEN, SEVEN, RING)  # the corrected digit is another drawing now
    number.drawing_started()
    number.read(now=True)
    qtbot.waitUntil(lambda: number.current.reading.text == "770" and number.idle(), timeout=10_000)
    assert not number.current.corrected and number.corrected_drawing() is None
    number.set_active(False)
    assert number.current is None and number.correct(4) is None


def reading(text: str, statuses: list[str], alternatives, status=NumberStatus.CONFIDENT) -> NumberReading:
    digits = tuple(
        Prediction(None if s == Status.NOT_A_DIGIT else int(d), np.eye(10, dtype=np.float32)[int(d)],
                   np.zeros((28, 28), np.float32), s)
        for d, s in zip(text, statuses, strict=True)
    )
    boxes = tuple((i * 10, 0, i * 10 + 8, 10) for i in range(len(text)))
    return NumberReading(text, digits, boxes, status, alternatives[0][1], alternatives)


def test_the_digit_shown_first_is_the_one_in_doubt():
    sure = reading("2026", ["confident"] * 4, (("2026", 0.99), ("2028", 0.01)))
    unsure = reading("2026", ["confident"] * 4, (("2026", 0.55), ("2028", 0.4)), NumberStatus.UNSURE)
    shorter = reading("2026", ["confident"] * 4, (("2026", 0.55), ("226", 0.4)), NumberStatus.UNSURE)
    scribble = reading("202", ["confident", "not_a_digit", "confident"], (("202", 1.0),), NumberStatus.NOT_A_NUMBER)
    assert [digit_in_doubt(r) for r in (sure, unsure, shorter, scribble)] == [3, 3, 3, 1]
    unsure = reading("2026", ["confident"] * 4, (("2026", 0.55), ("2926", 0.4)), NumberStatus.UNSURE)
    assert digit_in_doubt(unsure) == 1
    shown = ShownNumber(scribble, (None, 5, None), 1, np.zeros((10, 40), np.uint8))
    assert shown.text == "252" and shown.corrected
    assert ShownNumber(scribble, (None,) * 3, 1, np.zeros((10, 40), np.uint8)).text == "22"  # the stray left out


def test_strays_are_shown_among_the_digits_left_to_right():
    number = reading("202", ["confident"] * 3, (("202", 0.9),), NumberStatus.UNSURE)
    stray = Prediction(None, np.zeros(10, np.float32), np.zeros((28, 28), np.float32), Status.NOT_A_DIGIT, 0.99)
    between = (number.boxes[0][2], 0, number.boxes[1][0], 10)
    shown = with_strays(replace(number, strays=(between,), stray_predictions=(stray,)))
    assert shown.boxes == (number.boxes[0], between, *number.boxes[1:])
    assert shown.digits[1] is stray and shown.text == "202"
    assert ShownNumber(shown, (None,) * 4, 1, np.zeros((10, 40), np.uint8)).text == "202"
    assert digit_in_doubt(shown) == 1
