"""The status of a drawing: empty, not a digit, unsure or confident, on the shipped model."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from handwriting.digits.pen import STYLES, draw_in_style, draw_ink
from handwriting.digits.pendigits import load_pendigits, split_writers
from handwriting.labels import Status
from handwriting.recognition.recognizer import Recognizer, statuses


def dot(x: float, y: float, pen: float = 18) -> np.ndarray:
    canvas = draw_ink(np.array([[0.0, 0.0]]), np.zeros((0, 2), np.int64), height=pen, pen=pen)
    return np.roll(canvas, (int(y) - 140, int(x) - 140), axis=(0, 1))


def dash() -> np.ndarray:
    return draw_ink(np.array([[0.0, 0.0], [120.0, 4.0]]), np.array([[0, 1]]), height=30, pen=14)


@pytest.fixture(scope="module")
def validation_digits():
    pen = load_pendigits()
    return pen.by_writers(split_writers(pen.writers).val)


def test_the_shipped_model_has_a_not_a_digit_output(recognizer):
    assert recognizer.has_not_a_digit and recognizer.outputs == 11


def test_an_empty_canvas_is_empty(recognizer):
    prediction = recognizer.predict(np.zeros((280, 280), np.uint8))
    assert prediction.status == Status.EMPTY and prediction.digit is None


@pytest.mark.parametrize("canvas", [dot(140, 140), dot(40, 220, pen=8), dash()], ids=["tap", "small tap", "dash"])
def test_a_tap_or_a_dash_is_not_a_digit(recognizer, canvas):
    prediction = recognizer.predict(canvas)
    assert prediction.status == Status.NOT_A_DIGIT and prediction.digit is None
    assert prediction.not_digit_probability >= 0.5


def test_real_digits_of_unseen_writers_are_read_confidently(recognizer, validation_digits):
    rng = np.random.default_rng(0)
    chosen = [validation_digits.digits[i] for i in range(0, len(validation_digits.digits), 50)]
    results = [recognizer.predict(draw_in_style(d.strokes, STYLES["centred_large"], rng)) for d in chosen]
    right = [r.digit == d.label for r, d in zip(results, chosen, strict=True)]
    assert np.mean(right) >= 0.95
    assert sum(r.status == Status.NOT_A_DIGIT for r in results) <= 1
    assert np.mean([r.status == Status.CONFIDENT for r in results]) >= 0.9


def test_statuses_follow_the_thresholds():
    outputs = np.zeros((4, 11), np.float32)
    outputs[0, 3] = 0.95  # clear 3
    outputs[1, [7, 2]] = 0.45, 0.40  # 7 or 2?
    outputs[2, 10] = 0.8  # not a digit
    outputs[3, [1, 10]] = 0.3, 0.35  # "not a digit" beats every digit
    assert list(statuses(outputs)) == [Status.CONFIDENT, Status.UNSURE, Status.NOT_A_DIGIT, Status.NOT_A_DIGIT]
    ten_class = [Status.CONFIDENT, Status.UNSURE, Status.UNSURE, Status.UNSURE]  # a ten-class model never rejects
    assert list(statuses(outputs[:, :10])) == ten_class


def test_unsure_offers_the_two_candidates(recognizer):
    outputs = np.zeros(11, np.float32)
    outputs[[7, 2]] = 0.5, 0.45
    prediction = recognizer.judge(outputs, np.zeros((28, 28), np.float32))
    assert prediction.status == Status.UNSURE and prediction.digit == 7 and prediction.candidates == (7, 2)


def test_cli_predict_json_carries_the_status(tmp_path, capsys):
    from handwriting.cli.main import main

    Image.fromarray(255 - dash()).save(tmp_path / "dash.png")
    Image.fromarray(np.full((50, 50), 255, np.uint8)).save(tmp_path / "blank.png")
    assert main(["predict", "--json", str(tmp_path / "dash.png"), str(tmp_path / "blank.png")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["status"] for r in records] == [Status.NOT_A_DIGIT, Status.EMPTY]
    assert records[0]["digit"] is None and 0.5 <= records[0]["not_digit_probability"] <= 1.0


@pytest.mark.tensorflow
def test_a_ten_class_model_still_loads_and_never_says_not_a_digit(tmp_path):
    from handwriting.training.model import build_model

    path = tmp_path / "classic.keras"
    build_model("lenet5", seed=0, classes=10).save(path)
    classic = Recognizer.load(path)
    assert not classic.has_not_a_digit
    assert classic.predict(dot(140, 140)).status in {Status.UNSURE, Status.CONFIDENT}
