"""Thick ink is ink: a short 1 drawn with the largest pen is read as a 1 by the shipped model (issue 21)."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.digits.pen import CANVAS_SIDE, draw_ink
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.rendering import strokes_to_graph

LARGEST_PEN = 48  # the canvas's widest pen (handwriting/gui/draw)

pytestmark = pytest.mark.skipif(not DEFAULT_MODEL_PATH.exists(), reason="needs the shipped model")


@pytest.mark.parametrize("height", [CANVAS_SIDE // 2, CANVAS_SIDE // 3 + LARGEST_PEN])
@pytest.mark.parametrize("lean", [0.0, 0.15])
def test_a_short_thick_one_is_read_as_one(height, lean):
    points, edges = strokes_to_graph([np.array([[0.5 + lean, 0.0], [0.5, 1.0]])])
    canvas = draw_ink(points, edges, height=height, pen=LARGEST_PEN)
    prediction = Recognizer.load(DEFAULT_MODEL_PATH).predict(canvas)
    assert prediction.digit == 1, (prediction.status, prediction.probabilities.round(3))


def test_small_thick_loops_of_unseen_writers_are_read_from_their_path():
    """The app reads a drawing at a pen too thick for its size from its strokes (rendering.readable): the UNIPEN
    validation writers' 0s, 6s, 8s and 9s drawn small at pens 36-48, whose loops the ink fills, are read better so."""
    from handwriting.digits.drawn import unipen_split
    from handwriting.digits.pen import STYLES, draw_in_style_with_path
    from handwriting.digits.unipen import load_unipen_digits
    from handwriting.recognition.rendering import readable

    digits = load_unipen_digits()
    loops = [s for s in digits.by_writers(unipen_split(digits).val).samples if s.label in "0689"]
    recognizer, rng = Recognizer.load(DEFAULT_MODEL_PATH), np.random.default_rng(0)
    from_ink = from_path = 0
    for sample in loops:
        canvas, strokes, pen = draw_in_style_with_path(sample.strokes, STYLES["thick_small"], rng)
        from_ink += recognizer.predict(canvas).digit == int(sample.label)
        from_path += recognizer.predict(readable(canvas, strokes, pen)).digit == int(sample.label)
    assert len(loops) > 1300
    assert from_path >= 0.975 * len(loops) and from_path >= from_ink + 0.01 * len(loops), (from_ink, from_path)
