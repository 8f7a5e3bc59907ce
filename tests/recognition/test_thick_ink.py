"""Thick ink is ink: a short 1 drawn with the largest pen is read as a 1 by the shipped model (issue 21)."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.digits.pen import CANVAS_SIDE, draw_ink, strokes_to_graph
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.recognition.recognizer import Recognizer

LARGEST_PEN = 48  # the canvas's widest pen (handwriting/gui/draw)

pytestmark = pytest.mark.skipif(not DEFAULT_MODEL_PATH.exists(), reason="needs the shipped model")


@pytest.mark.parametrize("height", [CANVAS_SIDE // 2, CANVAS_SIDE // 3 + LARGEST_PEN])
@pytest.mark.parametrize("lean", [0.0, 0.15])
def test_a_short_thick_one_is_read_as_one(height, lean):
    points, edges = strokes_to_graph([np.array([[0.5 + lean, 0.0], [0.5, 1.0]])])
    canvas = draw_ink(points, edges, height=height, pen=LARGEST_PEN)
    prediction = Recognizer.load(DEFAULT_MODEL_PATH).predict(canvas)
    assert prediction.digit == 1, (prediction.status, prediction.probabilities.round(3))
