"""MNIST-style normalisation of drawings: shape, range, position, size and stroke width."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.recognition import preprocess as pp

from helpers import SEVEN, TWO, draw


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(image.shape)
    total = image.sum()
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def test_output_shape_dtype_and_range():
    image = pp.preprocess(draw(SEVEN))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.min() >= 0.0 and image.max() <= 1.0 and image.max() > 0.9


@pytest.mark.parametrize("points", [SEVEN, TWO])
def test_longest_side_is_20_pixels(points):
    image = pp.preprocess(draw(points))
    rows = np.flatnonzero(image.max(axis=1) > 0.05)
    cols = np.flatnonzero(image.max(axis=0) > 0.05)
    assert max(rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1) in (19, 20, 21)


def test_centre_of_mass_is_where_mnist_puts_it():
    image = pp.preprocess(draw(TWO, offset=(10, 60)))
    row, col = centre_of_mass(image)
    assert abs(row - pp.MNIST_CENTRE_OF_MASS[0]) <= 0.01
    assert abs(col - pp.MNIST_CENTRE_OF_MASS[1]) <= 0.01


def test_mnist_centre_of_mass_constant_matches_the_data(splits):
    images = splits.x_train[:5000].astype(np.float64)
    rows, cols = np.indices((28, 28))
    mass = images.sum(axis=(1, 2))
    mean_row = ((images * rows).sum(axis=(1, 2)) / mass).mean()
    mean_col = ((images * cols).sum(axis=(1, 2)) / mass).mean()
    assert abs(mean_row - pp.MNIST_CENTRE_OF_MASS[0]) < 0.1
    assert abs(mean_col - pp.MNIST_CENTRE_OF_MASS[1]) < 0.1


@pytest.mark.parametrize("points", [SEVEN, TWO])
def test_small_in_a_corner_equals_large_in_the_middle(points):
    large = pp.preprocess(draw(points, scale=200, offset=(40, 40), pen=18))
    small = pp.preprocess(draw(points, scale=60, offset=(5, 210), pen=6))
    assert np.abs(large - small).mean() < 0.04
    assert np.corrcoef(large.ravel(), small.ravel())[0, 1] > 0.95


@pytest.mark.parametrize("pen", [3, 8, 30])
def test_stroke_width_is_normalised_toward_mnist(pen):
    image = pp.preprocess(draw(SEVEN, pen=pen))
    width = pp.stroke_width(image)
    assert 1.6 <= width <= 3.4, width


def test_thin_and_thick_pens_give_similar_images():
    thin = pp.preprocess(draw(TWO, pen=3))
    thick = pp.preprocess(draw(TWO, pen=34))
    assert np.corrcoef(thin.ravel(), thick.ravel())[0, 1] > 0.85


def test_stroke_width_estimate():
    bar = np.zeros((100, 100), np.float32)
    bar[40:46, 10:90] = 1.0  # 6 px wide
    assert pp.stroke_width(bar) == pytest.approx(6 * 4 / np.pi * (80 / 86), rel=0.25)


@pytest.mark.parametrize("canvas", [np.zeros((280, 280), np.uint8), np.full((50, 50), 3, np.uint8), np.zeros((1, 1))])
def test_empty_canvas_is_no_digit(canvas):
    assert pp.preprocess(canvas) is None


def test_float_and_uint8_canvases_agree():
    canvas = draw(SEVEN)
    np.testing.assert_allclose(pp.preprocess(canvas), pp.preprocess(canvas.astype(np.float32) / 255), atol=1e-5)


def test_nan_and_inf_do_not_break_it():
    canvas = draw(SEVEN).astype(np.float64) / 255
    canvas[0, 0] = np.nan
    canvas[1, 1] = -np.inf
    canvas[100, 100] = np.inf
    image = pp.preprocess(canvas)
    assert image is not None and np.isfinite(image).all()


def test_rejects_non_2d():
    with pytest.raises(ValueError, match="2-D"):
        pp.preprocess(np.zeros((28, 28, 3)))


def test_stages_are_consistent():
    stages = pp.preprocess_stages(draw(SEVEN))
    assert max(stages.fitted.shape) == pp.DIGIT_BOX
    assert stages.final.shape == (28, 28)
    assert stages.cropped.shape[0] < 280


def test_stroke_width_counts_the_edges_against_the_frame():
    square = np.ones((10, 10), np.float32)  # ink up to every border: perimeter 40
    assert pp.stroke_width(square) == pytest.approx(2 * 100 / (40 * np.pi / 4))


@pytest.mark.parametrize("grow", [True, False])
@pytest.mark.parametrize("step", [0, 1])
def test_morphology_step_equals_the_padded_textbook_version(grow, step):
    image = np.random.default_rng(step).random((13, 17)).astype(np.float32)
    pick = np.maximum if grow else np.minimum
    padded = np.pad(image, 1, constant_values=0.0) if grow else np.pad(image, 1, mode="edge")
    square = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    cross = [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)]
    expected = None
    for dr, dc in square if step % 2 == 0 else cross:
        shifted = padded[1 + dr : 1 + dr + 13, 1 + dc : 1 + dc + 17]
        expected = shifted if expected is None else pick(expected, shifted)
    np.testing.assert_array_equal(pp._morph_step(image, step, grow), expected)


def test_a_thick_stroke_along_the_crops_frame_is_thinned_to_mnists_width():
    """A straight 1 at the largest pen touches its crop's frame along both sides: it is thinned from there too."""
    from handwriting.digits.pen import draw_ink
    from handwriting.recognition.rendering import strokes_to_graph

    points, edges = strokes_to_graph([np.array([[0.5, 0.0], [0.5, 1.0]])])
    final = pp.preprocess(draw_ink(points, edges, height=140, pen=48))
    core = (final > 0.5).sum(axis=1)
    assert np.median(core[core > 0]) <= 4  # MNIST's strokes are 2-3 px wide; unthinned it was 7
