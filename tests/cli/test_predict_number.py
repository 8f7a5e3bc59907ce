"""`handwriting predict --number`: the text, each digit with its probabilities and its box; JSON; bad files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from handwriting.cli.main import main
from handwriting.digits.numbers import draw_number
from handwriting.digits.pendigits import load_pendigits, split_writers


@pytest.fixture(scope="module")
def number_png(tmp_path_factory):
    """A PNG of "72" from one validation writer's own pen digits, dark ink on white paper."""
    pen = load_pendigits()
    digits = pen.by_writers(split_writers(pen.writers).val).digits
    writer = digits[0].writer
    seven = next(d for d in digits if d.writer == writer and d.label == 7)
    two = next(d for d in digits if d.writer == writer and d.label == 2)
    strokes, right = [], 0.0
    for digit in (seven, two):
        points = np.concatenate(digit.strokes)
        low, high = points.min(axis=0), points.max(axis=0)
        scale = 1.0 / float(high[1] - low[1])
        strokes += [(s - low) * scale + [right, 0.0] for s in digit.strokes]
        right += float(high[0] - low[0]) * scale + 0.4
    number = draw_number(strokes, "72", np.random.default_rng(0), height=180)
    path = tmp_path_factory.mktemp("numbers") / "seventy-two.png"
    Image.fromarray(255 - number.canvas).save(path)
    return path


def test_json_has_the_text_each_digit_with_probabilities_and_boxes(number_png, capsys):
    assert main(["predict", "--number", str(number_png), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["file"] == str(number_png) and record["text"] == "72"
    assert record["status"] in {"confident", "unsure"} and 0 < record["probability"] <= 1
    assert record["alternatives"][0][0] == "72"
    assert [d["digit"] for d in record["digits"]] == [7, 2]
    for digit in record["digits"]:
        assert len(digit["probabilities"]) == 10 and sum(digit["probabilities"]) <= 1.0 + 1e-5
        x0, y0, x1, y1 = digit["box"]
        assert 0 <= x0 < x1 and 0 <= y0 < y1
    assert record["digits"][0]["box"][2] <= record["digits"][1]["box"][0]
    assert record["strays"] == []  # boxes of ink read as no digit, left out of the text


def test_text_output_names_the_number_each_digit_and_its_box(number_png, capsys):
    assert main(["predict", "--number", str(number_png)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{number_png}: 72")
    assert lines[1].strip().startswith("7  [7: ") and "box" in lines[1]
    assert lines[2].strip().startswith("2  [2: ")


def test_a_bad_file_gets_a_clear_message_and_no_traceback(tmp_path, number_png, capsys):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    assert main(["predict", "--number", str(broken), str(number_png), "--json"]) == 1
    out, _ = capsys.readouterr()
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["text"] is None and "broken.png" in first["error"] and second["text"] == "72"
    assert main(["predict", "--number", str(tmp_path / "missing.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and "missing.png" in err


def test_a_blank_image_is_no_number(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((100, 300), 255, np.uint8)).save(blank)
    assert main(["predict", "--number", str(blank), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["status"] == "empty" and record["text"] == "" and record["digits"] == []
