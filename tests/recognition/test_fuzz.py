"""Property tests: preprocess never raises, and returns None or an MNIST-centred 28x28 image, for any 2-D array.

Arrays up to 2000x2000 are built cheaply from a few drawn parameters (a fill value, numpy noise from
a seed, rectangles and thick lines, scattered NaN/inf) rather than element by element.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handwriting.recognition import preprocess as pp

DTYPES = [np.uint8, np.uint16, np.int32, np.int64, np.float16, np.float32, np.float64, np.bool_]
EXTREMES = [0.0, 0.5, 1.0, 255.0, 65535.0, -1.0, 1e-3, 1e30, -1e30, 1.7e308, -1.7e308, 5e-324, np.nan, np.inf, -np.inf]
VALUES = st.one_of(
    st.sampled_from(EXTREMES), st.floats(-2.0, 300.0), st.floats(allow_nan=True, allow_infinity=True, width=64)
)
SIDES = st.one_of(st.integers(1, 64), st.integers(1, 2000), st.sampled_from([1, 2, 28, 280, 1999, 2000]))
# MNIST centres by whole pixels, so its own centres of mass lie within 0.5 px of (14, 14); preprocess is
# sub-pixel exact and shrinks a lopsided digit rather than miss by more (see preprocess.COM_TOLERANCE).
COM_TOLERANCE = pp.COM_TOLERANCE + 1e-3  # plus float32 rounding of the bilinear placement


def cast(values: np.ndarray, dtype) -> np.ndarray:
    """Convert float64 values (maybe NaN, inf or huge) into `dtype` the way a caller's array could hold them."""
    if dtype == np.bool_:
        return np.nan_to_num(values, nan=0.0) != 0
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        values = np.nan_to_num(values, nan=0.0, posinf=info.max, neginf=info.min)
        # float(int64 max) rounds up to 2**63, which does not fit: saturate by hand
        out = np.clip(values, float(info.min), np.nextafter(float(info.max), 0)).astype(dtype)
        out[values >= float(info.max)] = info.max
        return out
    with np.errstate(over="ignore", invalid="ignore"):
        return values.astype(dtype)


@st.composite
def canvases(draw) -> np.ndarray:
    """A 2-D array of any listed dtype and size 1x1-2000x2000, with strokes, blobs, noise and non-finite values."""
    dtype = draw(st.sampled_from(DTYPES))
    height, width = draw(SIDES), draw(SIDES)
    canvas = np.full((height, width), draw(VALUES), np.float64)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):  # noise of some density and amplitude
        mask = rng.random((height, width)) < draw(st.sampled_from([0.001, 0.05, 0.5, 1.0]))
        with np.errstate(invalid="ignore", over="ignore"):
            canvas[mask] += draw(VALUES) * rng.random(int(mask.sum()))
    for _ in range(draw(st.integers(0, 3))):  # rectangles (blobs, bars) and thick lines, bright or dark
        value = draw(VALUES)
        r0, r1, c0, c1 = (draw(st.floats(0, 1)) for _ in range(4))
        if draw(st.booleans()):
            top, bottom = sorted((int(r0 * height), int(r1 * height)))
            left, right = sorted((int(c0 * width), int(c1 * width)))
            canvas[top : bottom + 1, left : right + 1] = value
        else:
            thickness = draw(st.integers(0, max(1, min(height, width) // 8)))
            steps = 2 * max(height, width)
            rows = np.round(np.linspace(r0, r1, steps) * (height - 1)).astype(int)
            cols = np.round(np.linspace(c0, c1, steps) * (width - 1)).astype(int)
            for dr in range(-thickness, thickness + 1, max(1, thickness // 4)):
                for dc in range(-thickness, thickness + 1, max(1, thickness // 4)):
                    canvas[np.clip(rows + dr, 0, height - 1), np.clip(cols + dc, 0, width - 1)] = value
    if np.issubdtype(dtype, np.floating):
        for special in (np.nan, np.inf, -np.inf):
            count = draw(st.integers(0, 3))
            canvas[rng.integers(0, height, count), rng.integers(0, width, count)] = special
    if draw(st.booleans()):  # the other polarity
        with np.errstate(invalid="ignore", over="ignore"):
            canvas = np.nanmax(np.where(np.isfinite(canvas), canvas, 0), initial=0) - canvas
    return cast(canvas, dtype)


def heavy_blob_with_faint_tail() -> np.ndarray:
    """Nearly all the mass in one corner and a faint line to the opposite corner: the centring worst case."""
    canvas = np.zeros((400, 400), np.float32)
    canvas[330:400, 330:400] = 1.0
    index = np.arange(400)
    canvas[index, index] = np.maximum(canvas[index, index], 0.3)
    return canvas


def overflowing_range() -> np.ndarray:
    """A stroke of +1.7e308 on a background of -1.7e308: the span overflows float64 (was NaN, 'no digit')."""
    canvas = np.full((60, 60), -1.7e308)
    canvas[10:50, 28:33] = 1.7e308
    return canvas


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(image.shape)
    total = image.sum(dtype=np.float64)
    return float((rows * image).sum() / total), float((cols * image).sum() / total)


def check(canvas: np.ndarray) -> np.ndarray | None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no silent NaN/overflow on the way
        image = pp.preprocess(canvas)
    if image is None:
        return None
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert np.isfinite(image).all()
    assert image.min() >= 0.0 and image.max() <= 1.0
    assert image.sum() > 0
    row, col = centre_of_mass(image)
    assert abs(row - pp.MNIST_CENTRE_OF_MASS[0]) <= COM_TOLERANCE, (row, col)
    assert abs(col - pp.MNIST_CENTRE_OF_MASS[1]) <= COM_TOLERANCE, (row, col)
    return image


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(canvases())
@example(overflowing_range())
@example(heavy_blob_with_faint_tail())
@example(np.full((2000, 2000), np.nan))
@example(np.array([[np.inf, -np.inf], [np.nan, 1.0]], np.float16))
@example(np.ones((1, 2000), np.bool_))
@example(np.array([[np.iinfo(np.int64).min, np.iinfo(np.int64).max]] * 3, np.int64))
def test_preprocess_never_raises_and_centres(canvas):
    check(canvas)


def test_overflowing_range_still_finds_the_stroke():
    image = check(overflowing_range())
    assert image is not None and image.max() > 0.9


def test_lopsided_digit_is_shrunk_not_pushed_off_centre():
    image = check(heavy_blob_with_faint_tail())
    assert image is not None
    rows = np.flatnonzero(image.max(axis=1) > 0.05)
    assert 12 <= rows[-1] - rows[0] + 1 < pp.DIGIT_BOX + 1  # smaller than 20 px, still a sizeable digit


def test_ordinary_digits_keep_the_20_pixel_box():
    from helpers import SEVEN, TWO, draw

    for points in (SEVEN, TWO):
        assert max(pp.preprocess_stages(draw(points)).fitted.shape) == pp.DIGIT_BOX
