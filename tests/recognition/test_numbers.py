"""Reading a whole number: splitting and joining real pen digits of the validation writers, images, bad input."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from handwriting.digits.numbers import composed_numbers, draw_number
from handwriting.digits.pendigits import load_pendigits, split_writers
from handwriting.labels import NumberStatus
from handwriting.recognition.images import read_canvas
from handwriting.recognition.prediction import Prediction
from handwriting.recognition.reading_parts import as_stray
from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.segments import DIGIT_WIDTH, even_cuts

from helpers import RING, TWO, written_number

HEIGHT = 180.0  # ink height of the test numbers on the canvas, pixels


@pytest.fixture(scope="module")
def recognizer():
    return Recognizer.load()


@pytest.fixture(scope="module")
def validation_digits():
    """The pen digits of the validation writers (never trained on), by label."""
    pen = load_pendigits()
    by_label: dict[int, list] = {}
    for digit in pen.by_writers(split_writers(pen.writers).val).digits:
        by_label.setdefault(digit.label, []).append(digit)
    return by_label


def clear(recognizer, digits, label: int, strokes: int | None = None, skip: int = 0):
    """The `skip`-th digit of this label (and stroke count) that predict() reads confidently on its own."""
    found = 0
    for digit in digits[label]:
        if strokes is not None and len(digit.strokes) != strokes:
            continue
        alone = draw_number(digit.strokes, str(label), np.random.default_rng(0), HEIGHT)
        prediction = recognizer.predict(alone.canvas)
        if prediction.digit == label and prediction.confidence > 0.9:
            if found == skip:
                return digit
            found += 1
    raise AssertionError(f"no clear {label} with {strokes} strokes")


def side_by_side(digits, gaps: list[float]) -> list[list[np.ndarray]]:
    """Each digit's strokes scaled to unit height and laid out left to right, `gaps` (in heights) apart."""
    placed, right = [], 0.0
    for index, digit in enumerate(digits):
        points = np.concatenate(digit.strokes)
        low, high = points.min(axis=0), points.max(axis=0)
        scale = 1.0 / max(float(high[1] - low[1]), 1e-6)
        if index:
            right += gaps[index - 1]
        placed.append([(s - low) * scale + [right, 0.0] for s in digit.strokes])
        right += float(high[0] - low[0]) * scale
    return placed


def drawn(groups: list[list[np.ndarray]], text: str, order=None):
    strokes = [s for group in groups for s in group] if order is None else order
    return draw_number(strokes, text, np.random.default_rng(1), HEIGHT)


def test_two_digits_far_apart_are_two_digits(recognizer, validation_digits):
    three, eight = clear(recognizer, validation_digits, 3), clear(recognizer, validation_digits, 8)
    number = drawn(side_by_side([three, eight], [0.6]), "38")
    reading = recognizer.read_number(number.canvas, list(number.strokes))
    assert reading.text == "38" and len(reading.digits) == len(reading.boxes) == 2
    assert reading.boxes[0][2] <= reading.boxes[1][0]  # left to right, apart
    assert reading.status == NumberStatus.CONFIDENT and reading.probability > 0.7
    assert reading.alternatives[0] == ("38", pytest.approx(reading.probability))


@pytest.mark.parametrize("with_strokes", [True, False])
def test_two_touching_digits_are_two_digits(recognizer, validation_digits, with_strokes):
    two, seven = clear(recognizer, validation_digits, 2), clear(recognizer, validation_digits, 7)
    number = drawn(side_by_side([two, seven], [-0.03]), "27")
    ink = number.canvas > 51
    assert not (~ink.any(axis=0))[np.flatnonzero(ink.any(axis=0))[0] : np.flatnonzero(ink.any(axis=0))[-1]].any()
    reading = recognizer.read_number(number.canvas, list(number.strokes) if with_strokes else None)
    assert reading.text == "27"


@pytest.mark.parametrize("label", [4, 5])
def test_a_four_or_five_in_two_strokes_is_one_digit(recognizer, validation_digits, label):
    for skip in range(5):
        digit = clear(recognizer, validation_digits, label, strokes=2, skip=skip)
        alone = drawn([list(digit.strokes)], str(label))
        reading = recognizer.read_number(alone.canvas, list(alone.strokes))
        assert reading.text == str(label), skip


def test_a_five_whose_top_is_written_after_the_next_digit_reads_as_five(recognizer, validation_digits):
    five = clear(recognizer, validation_digits, 5, strokes=2)
    two = clear(recognizer, validation_digits, 2)
    groups = side_by_side([five, two], [0.25])
    bar = min(groups[0], key=lambda s: np.ptp(s[:, 1]))  # the flat stroke is the 5's top
    body = [s for s in groups[0] if s is not bar]
    number = drawn(groups, "52", order=[*body, *groups[1], bar])
    reading = recognizer.read_number(number.canvas, list(number.strokes))
    assert reading.text == "52" and len(reading.digits) == 2



def test_a_four_whose_stem_is_drawn_again_after_the_next_digit_reads_as_four(recognizer, validation_digits):
    four = clear(recognizer, validation_digits, 4, strokes=2)
    six = clear(recognizer, validation_digits, 6)
    groups = side_by_side([four, six], [0.25])
    stem = max(groups[0], key=lambda s: np.ptp(s[:, 1]))  # the tall stroke is the 4's stem
    again = stem + np.array([0.02 * np.ptp(stem[:, 1]), 0.0])  # gone over once more, a little to its right
    number = drawn([[*groups[0], again], groups[1]], "46", order=[*groups[0], *groups[1], again])
    reading = recognizer.read_number(number.canvas, list(number.strokes))
    assert reading.text == "46" and len(reading.digits) == 2


@pytest.mark.parametrize("mark", ["point", "comma"])
def test_a_point_or_a_comma_between_two_digits_is_left_out_and_boxed_not_read_as_a_one(
        recognizer, validation_digits, mark):
    for label, gap in itertools.product((3, 8, 0), (0.4, 1.0)):
        groups = side_by_side([clear(recognizer, validation_digits, label), clear(recognizer, validation_digits, 8)],
                              [gap])
        x = float(np.concatenate(groups[0])[:, 0].max()) + gap / 2
        shape = [[0.0, 0.0], [0.02, 0.01]] if mark == "point" else [[0.02, -0.06], [0.0, 0.04], [-0.04, 0.14]]
        number = drawn([*groups, [np.add(shape, (x, 0.97))]], f"{label}8")
        reading = recognizer.read_number(number.canvas, list(number.strokes))
        assert reading.text == f"{label}8", (label, reading.text)
        # left out where the user sees it: a ✕ box of its own, no digit joined to it, and the reading unsure
        assert len(reading.strays) == 1 and reading.status == NumberStatus.UNSURE, (label, gap)
        assert all(p.status == "not_a_digit" and p.digit is None for p in reading.stray_predictions)
        mark_left = reading.strays[0][0]
        assert all(box[2] <= mark_left or box[0] >= reading.strays[0][2] for box in reading.boxes)


def test_a_stray_is_shown_as_no_digit_even_where_the_network_alone_reads_a_digit():
    read_as_one = Prediction(1, np.eye(10, dtype=np.float32)[1], np.zeros((28, 28), np.float32), "confident", 0.0)
    stray = as_stray(read_as_one)
    assert stray.status == "not_a_digit" and stray.digit is None
    assert np.array_equal(stray.probabilities, read_as_one.probabilities)  # the network's own, for Look inside


def test_a_digit_written_over_itself_is_never_read_as_two_digits(recognizer, validation_digits):
    for skip in range(3):
        two, zero = clear(recognizer, validation_digits, 2, skip=skip), clear(recognizer, validation_digits, 0)
        groups = side_by_side([two, zero], [0.3])
        again = side_by_side([clear(recognizer, validation_digits, 2, skip=skip + 1)], [])[0]  # written over the 2
        number = drawn([*groups, [np.add(stroke, (0.02, 0.0)) for stroke in again]], "20")
        reading = recognizer.read_number(number.canvas, list(number.strokes))
        assert "22" not in reading.text, reading.text  # the boxes of two digits in a row stand side by side
        assert reading.text == "20" or reading.status != NumberStatus.CONFIDENT, reading.text


def test_an_image_file_of_a_number_is_read_without_strokes(recognizer, validation_digits, tmp_path):
    digits = [clear(recognizer, validation_digits, label) for label in (4, 0, 1)]
    number = drawn(side_by_side(digits, [0.3, 0.3]), "401")
    path = tmp_path / "number.png"
    Image.fromarray(255 - number.canvas).save(path)  # dark ink on white paper, as scanned
    reading = recognizer.read_number(read_canvas(path))
    assert reading.text == "401" and len(reading.boxes) == 3


@pytest.mark.process
def test_reading_a_number_needs_no_tensorflow():
    script = textwrap.dedent(
        """
        import sys
        import numpy as np
        from handwriting.recognition.recognizer import Recognizer
        canvas = np.zeros((280, 400), np.uint8)
        canvas[60:220, 60:80] = 255
        canvas[60:220, 260:280] = 255
        reading = Recognizer.load().read_number(canvas)
        print(reading.status, "tensorflow" in sys.modules, "keras" in sys.modules)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["False", "False"]


def test_an_empty_or_all_white_canvas_has_a_clear_status(recognizer):
    assert recognizer.read_number(np.zeros((280, 280), np.uint8)).status == NumberStatus.EMPTY
    white = recognizer.read_number(np.full((280, 280), 255, np.uint8))
    assert white.status == NumberStatus.NOT_A_NUMBER and white.text == ""


coordinate = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([np.nan, np.inf, -np.inf, 0.0, 279.0, 1e308]),
)
stroke = st.lists(st.tuples(coordinate, coordinate), min_size=1, max_size=30).map(lambda p: np.array(p, np.float64))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    strokes=st.one_of(st.none(), st.lists(stroke, max_size=12), st.just([np.zeros((1, 2))] * 500)),
    width=st.sampled_from([1, 28, 280, 1200, 10_000]),
    fill=st.sampled_from(["blank", "white", "bars", "noise"]),
)
def test_bad_input_never_raises_and_gets_a_clear_status(recognizer, strokes, width, fill):
    rng = np.random.default_rng(width)
    canvas = np.zeros((280, width), np.uint8)
    if fill == "white":
        canvas[:] = 255
    elif fill == "bars":
        canvas[40:240, 10 : width - 10 : 60] = 255
    elif fill == "noise":
        canvas = (rng.random((280, width)) > 0.7).astype(np.uint8) * 255
    reading = recognizer.read_number(canvas, strokes)
    assert reading.status in set(NumberStatus)
    assert reading.text.isdigit() or reading.text == ""
    assert len(reading.digits) == len(reading.boxes) and 0.0 <= reading.probability <= 1.0
    if fill == "blank":
        assert reading.status == NumberStatus.EMPTY


def _ink_columns_forward(images: np.ndarray) -> np.ndarray:
    """A stand-in network: a narrow drawing (at most 8 columns of ink) is a sure 1, anything wider no digit."""
    outputs = np.full((len(images), 11), 1e-4, np.float32)
    narrow = (images[..., 0].max(axis=1) > 0.5).sum(axis=1) <= 8
    outputs[narrow, 1] = 1.0 - 10e-4
    outputs[~narrow, 10] = 1.0 - 10e-4
    return outputs


def _zigzag(x: float) -> np.ndarray:
    return np.array([[x + 40.0 * (i % 2), 20.0 + 6.0 * i] for i in range(11)])


def _line(x: float) -> np.ndarray:
    return np.array([[x, 20.0], [x, 80.0]])


@pytest.mark.parametrize(
    ("strokes", "status", "text"),
    [
        ([_line(30), _line(150), _zigzag(280)], NumberStatus.UNSURE, "11"),  # one stray piece of three
        ([_zigzag(30), _line(150), _zigzag(280)], NumberStatus.NOT_A_NUMBER, ""),  # two of three
    ],
)
def test_ink_that_is_no_digit_is_left_out_and_mostly_such_ink_is_no_number(strokes, status, text):
    from handwriting.recognition.numbers import read_number
    from handwriting.recognition.rendering import render_strokes

    canvas = render_strokes(strokes, 6.0, (100, 400))
    reading = read_number(canvas, strokes, _ink_columns_forward)
    assert (reading.status, reading.text) == (status, text)
    if text:
        assert [d.status for d in reading.digits] == ["confident", "confident"]
        assert len(reading.strays) == 1 and reading.strays[0][0] > reading.boxes[1][2]  # the zigzag, last
        assert reading.alternatives[0][0] == "11"


def test_a_star_of_five_strokes_is_no_number_and_beside_a_1_leaves_the_1(recognizer):
    from handwriting.recognition.rendering import render_strokes

    corners = [(200 + 80 * np.sin(0.4 * np.pi * k), 140 - 80 * np.cos(0.4 * np.pi * k)) for k in (0, 2, 4, 1, 3, 0)]
    star = [np.linspace(a, b, 20) for a, b in itertools.pairwise(corners)]  # five straight strokes: each a "1"
    reading = recognizer.read_number(render_strokes(star, 14.0, (280, 600)), star)
    assert (reading.status, reading.text, len(reading.strays)) == (NumberStatus.NOT_A_NUMBER, "", 1)
    one = np.linspace((420.0, 60.0), (420.0, 220.0), 20)
    reading = recognizer.read_number(render_strokes([*star, one], 14.0, (280, 600)), [*star, one])
    assert (reading.text, len(reading.strays)) == ("1", 1)  # not "11": the star's stroke in its box is its own
    assert reading.boxes[0][0] > reading.strays[0][2]


def test_a_sure_digit_beside_a_mark_is_read_and_one_in_doubt_is_no_number():
    from handwriting.recognition.numbers import read_number
    from handwriting.recognition.rendering import render_strokes

    strokes = [_line(30), _zigzag(280)]  # "5%", a star and a 2: as much ink that is no digit as digits
    canvas = render_strokes(strokes, 6.0, (100, 400))
    reading = read_number(canvas, strokes, _ink_columns_forward)
    assert (reading.status, reading.text, len(reading.strays)) == (NumberStatus.UNSURE, "1", 1)

    def in_doubt(images: np.ndarray) -> np.ndarray:
        outputs = _ink_columns_forward(images)
        narrow = outputs[:, 1] > 0.5
        outputs[narrow, 1], outputs[narrow, 7] = 0.6, 0.3999  # the line: "1 or 7?" on its own
        return outputs

    reading = read_number(canvas, strokes, in_doubt)
    assert (reading.status, reading.text, len(reading.strays)) == (NumberStatus.NOT_A_NUMBER, "", 1)


def _doubtful_wide_forward(images: np.ndarray) -> np.ndarray:
    """As _ink_columns_forward, but wide ink is "not a digit" at 90% and a 7 at 10%."""
    outputs = _ink_columns_forward(images)
    wide = outputs[:, 10] > 0.5
    outputs[wide, 10], outputs[wide, 7] = 0.9, 0.1
    return outputs / outputs.sum(axis=1, keepdims=True)


def test_the_search_undoes_the_models_not_a_digit_shift_and_each_digit_keeps_it():
    from handwriting.recognition.calibration import shifted
    from handwriting.recognition.numbers import read_number
    from handwriting.recognition.rendering import render_strokes

    strokes = [_line(30), _line(150), _zigzag(280)]
    canvas = render_strokes(strokes, 6.0, (100, 400))
    as_trained = read_number(canvas, strokes, _doubtful_wide_forward)
    with_shift = lambda images: shifted(_doubtful_wide_forward(images), 1.5)  # noqa: E731 - a model that has it
    assert (as_trained.text, len(as_trained.strays)) == ("11", 1)
    assert read_number(canvas, strokes, with_shift).text == "117"  # what the shift alone would make of the zigzag
    undone = read_number(canvas, strokes, with_shift, shift=1.5)
    assert (undone.text, len(undone.strays)) == ("11", 1)
    # the stray's own answer is the shifted model's, as predict() would give it
    told, trained = undone.stray_predictions[0], as_trained.stray_predictions[0]
    assert told.not_digit_probability < trained.not_digit_probability - 0.1


def test_a_number_is_never_sure_while_one_of_its_digits_is_unsure_nor_surer_than_its_digits():
    from handwriting.recognition.numbers import read_number
    from handwriting.recognition.rendering import render_strokes

    def forward(images: np.ndarray) -> np.ndarray:
        outputs = _ink_columns_forward(images)
        wide = outputs[:, 10] > 0.5
        outputs[wide] = 1e-4
        outputs[wide, 3], outputs[wide, 8] = 0.6, 0.39  # the zigzag: a 3, unsure on its own
        return outputs

    strokes = [_line(30), _zigzag(200)]
    reading = read_number(render_strokes(strokes, 6.0, (100, 400)), strokes, forward)
    assert reading.text == "13" and reading.digits[1].status == "unsure" and reading.status == NumberStatus.UNSURE
    # the unsure digit's runner-up is the number's ("13 or 18?"), as likely against 13 as the 8 is against the 3
    (first, p_first), (second, p_second) = reading.alternatives[:2]
    assert (first, second) == ("13", "18") and p_second / p_first == pytest.approx(0.39 / 0.6, rel=0.05)
    # and the number is no surer than its digits together: 1 (sure) times 3 (60%)
    product = reading.digits[0].confidence * reading.digits[1].confidence
    assert reading.probability <= product + 1e-6 and reading.probability <= 0.61


def test_numbers_drawn_with_a_pen_too_thick_for_their_loops_are_read_from_their_paths(recognizer):
    pen = load_pendigits()
    writers: dict[int, dict[int, list]] = {}
    for digit in pen.by_writers(split_writers(pen.writers).val).digits:
        writers.setdefault(digit.writer, {}).setdefault(digit.label, []).append(list(digit.strokes))
    width, right = 44.0, 0  # one of the app's widest pens; ink 110 px high, half the number canvas
    numbers = composed_numbers(writers, 30, seed=3)
    for text, strokes in numbers:
        number = draw_number(strokes, text, np.random.default_rng(1), height=110.0, pen=width)
        right += recognizer.read_number(number.canvas, list(number.strokes)).text == text
    assert right >= 25  # 28 of 30; read from the ink under each group instead, 6


@pytest.mark.parametrize(("digits", "advance", "text"), [((TWO, TWO), 100, "22"), ((RING, RING), 110, "00"),
                                                          ((RING, TWO, RING), 110, "020")])
def test_touching_digits_that_meet_at_no_thin_column_are_read_from_an_image(recognizer, digits, advance, text):
    image, _ = written_number(*digits, advance=advance)  # each joined to the next by thick ink, no stroke known
    assert recognizer.read_number(image, None).text == text  # cut only at thin columns, each read ""


def test_even_cuts_split_a_wide_component_into_digits_of_the_usual_width_at_its_thinnest_columns():
    mask = np.zeros((50, 90), bool)
    mask[:, :4] = mask[:, 40:48] = mask[:, 86:] = True  # three bars, thinnest between them
    mask[:3, :] = mask[-3:, :] = True  # joined at the top and the bottom: no column is thin
    assert round(90 / (DIGIT_WIDTH * 50)) == 3 and len(even_cuts(mask)) == 2
    assert all(mask[:, cut].sum() == 6 for cut in even_cuts(mask))  # each moved off the bars to a thin column
