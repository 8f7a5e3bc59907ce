"""Rendering strokes, and reading a drawing whose pen is too thick for its size from its path (issue 21, point 4)."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.recognition.rendering import READ_PEN_SHARE, read_pen, readable, render_strokes


def ring(centre: tuple[float, float], radius: float, points: int = 40, tall: float = 1.0) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, points)
    return np.stack([centre[0] + radius * np.cos(angles), centre[1] + tall * radius * np.sin(angles)], axis=1)


def test_a_pen_fine_for_the_drawings_size_leaves_the_canvas_as_it_is():
    strokes = [ring((140, 140), 80)]
    canvas = render_strokes(strokes, 18, (280, 280))
    assert read_pen(strokes, 18) is None and readable(canvas, strokes, 18) is canvas
    assert readable(canvas, None, 48) is canvas and readable(canvas, [], 48) is canvas


def test_a_small_ring_at_the_largest_pen_is_read_from_its_path_with_its_hole_open():
    strokes = [ring((140, 140), 16, tall=2.0)]  # a narrow 0, 64 px tall
    canvas = render_strokes(strokes, 48, (280, 280))
    assert canvas[140, 140] == 255  # the hole is filled: a blob
    read = readable(canvas, strokes, 48)
    assert read is not canvas and read.shape == canvas.shape
    assert read_pen(strokes, 48) == pytest.approx(READ_PEN_SHARE * 64, abs=0.01)
    assert read[140, 140] == 0  # the hole is open again
    path = np.round(strokes[0]).astype(int)
    assert (read[path[:, 1], path[:, 0]] > 128).all()  # the ink still lies on the pen's path


def test_bad_points_are_left_out_and_never_raise():
    strokes = [np.array([[np.nan, 3.0], [np.inf, 5.0]]), np.concatenate([ring((50, 50), 10), [[np.nan, np.nan]]])]
    canvas = np.zeros((100, 100), np.uint8)
    read = readable(canvas, strokes, 19)
    assert read.shape == (100, 100) and read.max() == 255
    assert readable(canvas, [np.array([[np.nan, np.nan]])], 19) is canvas
    assert readable(canvas, strokes, float("nan")) is canvas


def test_a_tap_keeps_its_ink_and_a_pen_that_suits_the_drawing_is_kept():
    tap = [np.array([[50.0, 50.0], [53.0, 51.0]])]
    canvas = render_strokes(tap, 48, (100, 100))
    assert readable(canvas, tap, 48) is canvas  # shorter than the pen is wide: its ink is its shape
    digit = [ring((140, 140), 80)]
    assert read_pen(digit, 0.18 * 160) is None and read_pen(digit, 0.19 * 160) == pytest.approx(0.125 * 160, abs=0.1)
