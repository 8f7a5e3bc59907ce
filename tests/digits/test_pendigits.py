"""Real pen digits: the UNIPEN parser, the checksum, the split by writer and the pen renderer."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from handwriting.digits import pen
from handwriting.digits.pendigits import (
    WriterSplit,
    load_pendigits,
    parse_unipen,
    require_disjoint_writers,
    split_writers,
)
from handwriting.errors import DataError

TWO_DIGITS = """.INCLUDE dene.doc
.LEXICON "0" "1"
.SEGMENT DIGIT 0 ? "7"
.COMMENT 7 3 1
.PEN_DOWN
 10 100
 50 100
 30 0
.PEN_UP
.PEN_DOWN
 15 50
 45 50
.PEN_UP
.DT 100

.SEGMENT DIGIT 1 ? "1"
.COMMENT 1 4 2
.PEN_DOWN
 5 0
 5 90
.PEN_UP
"""


@pytest.fixture(scope="module")
def pendigits():
    return load_pendigits()


def test_the_bundled_file_has_30_writers_and_every_digit(pendigits):
    assert len(pendigits.digits) == 7494
    assert len(np.unique(pendigits.writers)) == 30
    assert np.bincount(pendigits.labels).min() > 700


def test_parser_reads_labels_writers_strokes_and_flips_y():
    digits = parse_unipen(TWO_DIGITS).digits
    assert [(d.label, d.writer, len(d.strokes)) for d in digits] == [(7, 3, 2), (1, 4, 1)]
    first = digits[0].strokes[0]
    assert first.shape == (3, 2) and first[0, 1] == -100 and first[2, 1] == 0  # y grows downwards now


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (TWO_DIGITS[: TWO_DIGITS.index(" 30 0")], "no .PEN_UP"),  # cut in the middle of a stroke
        (TWO_DIGITS.replace(" 50 100", " 50 abc"), "expected two numbers"),
        (TWO_DIGITS.replace('"7"', "seven"), "quoted digit label"),
        (TWO_DIGITS.replace(".COMMENT 7 3 1", ".COMMENT 7"), ".COMMENT"),
        ("hello world\n", "unexpected text"),
        ("", "no digits found"),
    ],
)
def test_a_corrupt_or_truncated_file_gets_a_clear_error_naming_it(text, problem):
    with pytest.raises(DataError, match=problem) as error:
        parse_unipen(text, "mine.unipen")
    assert "mine.unipen" in str(error.value)


def test_loading_a_damaged_gzip_or_missing_file_names_the_file(tmp_path):
    truncated = tmp_path / "cut.unipen.gz"
    truncated.write_bytes(gzip.compress(TWO_DIGITS.encode())[:30])
    with pytest.raises(DataError, match="cut.unipen.gz"):
        load_pendigits(truncated)
    with pytest.raises(DataError, match="not found"):
        load_pendigits(tmp_path / "missing.unipen")
    plain = tmp_path / "ok.unipen"
    plain.write_text(TWO_DIGITS)
    assert len(load_pendigits(plain).digits) == 2


def test_the_bundled_file_is_checksummed(monkeypatch, tmp_path):
    from handwriting.digits import pendigits as module

    changed = tmp_path / module.PEN_FILE
    changed.write_bytes(gzip.compress(TWO_DIGITS.encode()))
    monkeypatch.setattr(module, "PEN_ASSETS_DIR", tmp_path)
    with pytest.raises(DataError, match="checksum"):
        load_pendigits()


def test_writer_split_is_fixed_disjoint_and_complete(pendigits):
    split = split_writers(pendigits.writers)
    assert len(split.val) == 10 and len(split.train) == 20
    assert not split.train & split.val
    assert split.train | split.val == set(np.unique(pendigits.writers).tolist())
    assert split == split_writers(pendigits.writers)  # the seed is fixed
    train, val = pendigits.by_writers(split.train), pendigits.by_writers(split.val)
    assert not set(train.writers.tolist()) & set(val.writers.tolist())
    assert len(train.digits) + len(val.digits) == len(pendigits.digits)


def test_the_leak_check_refuses_a_writer_in_two_splits():
    with pytest.raises(DataError, match=r"\[5\]"):
        require_disjoint_writers(WriterSplit(frozenset({1, 5}), frozenset({5, 9})))


# --- The renderer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", list(pen.STYLES))
def test_every_style_draws_an_antialiased_digit_inside_the_canvas(pendigits, style):
    rng = np.random.default_rng(0)
    spec = pen.STYLES[style]
    for digit in pendigits.digits[:20]:
        canvas = pen.draw_in_style(digit.strokes, spec, rng)
        assert canvas.shape == (pen.CANVAS_SIDE, pen.CANVAS_SIDE) and canvas.dtype == np.uint8
        rows, cols = np.flatnonzero(canvas.any(axis=1)), np.flatnonzero(canvas.any(axis=0))
        height = rows[-1] - rows[0] + 1
        assert height <= spec.height[1] + 2
        assert rows[0] >= 0 and cols[-1] < pen.CANVAS_SIDE
        if spec.pen[0] >= 4:
            assert ((canvas > 0) & (canvas < 255)).any()  # antialiased edges


def test_the_pen_width_shows_in_the_ink(pendigits):
    strokes = pendigits.digits[0].strokes
    points, edges = pen.strokes_to_graph(strokes)
    thin = pen.draw_ink(points, edges, height=180, pen=3)
    thick = pen.draw_ink(points, edges, height=180, pen=30)
    assert (thick > 127).sum() > 4 * (thin > 127).sum()


def test_a_single_point_is_a_round_dot_of_the_pen_size():
    canvas = pen.draw_ink(np.zeros((1, 2)), np.zeros((0, 2), np.int64), height=20, pen=20)
    ink = canvas > 127
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    assert 18 <= rows[-1] - rows[0] + 1 <= 22 and 18 <= cols[-1] - cols[0] + 1 <= 22
    assert ink.sum() == pytest.approx(np.pi * 10**2, rel=0.15)


def test_drawing_is_reproducible_for_a_seed(pendigits):
    strokes = pendigits.digits[3].strokes
    style = pen.STYLES["small_corner"]
    first = pen.draw_in_style(strokes, style, np.random.default_rng(5))
    assert (first == pen.draw_in_style(strokes, style, np.random.default_rng(5))).all()
    assert not (first == pen.draw_in_style(strokes, style, np.random.default_rng(6))).all()


def test_distortion_bends_the_path_a_little_and_keeps_every_point(pendigits):
    strokes = pendigits.digits[0].strokes
    size = float(np.ptp(np.concatenate(strokes), axis=0).max())
    bent = pen.distort(strokes, np.random.default_rng(0))
    assert [len(s) for s in bent] == [len(s) for s in strokes]
    moved = np.concatenate([np.linalg.norm(b - s, axis=1) for b, s in zip(bent, strokes, strict=True)])
    assert 0 < moved.mean() < 0.15 * size and moved.max() < 0.4 * size
    again = pen.distort(strokes, np.random.default_rng(0))
    assert all(np.array_equal(a, b) for a, b in zip(bent, again, strict=True))
