"""The drawn-digit generator of benchmarks/strokes.py: thinning, determinism, sizes, placement and pen widths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import strokes

from handwriting.recognition.preprocess import stroke_width

SIDE = strokes.CANVAS_SIDE
BENCHMARKS = Path(strokes.__file__).resolve().parent


@pytest.fixture(scope="module")
def skeletons(mnist) -> list[strokes.Skeleton]:
    """Skeletons of 30 official test digits (three of each class)."""
    chosen = strokes.balanced_sample(mnist.test_labels, 30, seed=1)
    return strokes.skeletonise(mnist.test_images[chosen])


def ink_box(canvas: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right), inclusive, of the ink."""
    rows = np.flatnonzero((canvas > 0).any(axis=1))
    cols = np.flatnonzero((canvas > 0).any(axis=0))
    return int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])


def test_antialiasing_only_softens_the_edges(skeletons):
    smooth = strokes.draw_skeleton(skeletons[0], height=150, pen=12)
    hard = strokes.draw_skeleton(skeletons[0], height=150, pen=12, antialias=False)
    assert set(np.unique(hard)) <= {0, 255} and len(np.unique(smooth)) > 2
    assert abs(int(np.count_nonzero(smooth > 127)) - int(np.count_nonzero(hard))) < 0.1 * np.count_nonzero(hard)


def test_thinning_leaves_a_one_pixel_connected_line():
    bar = np.zeros((20, 40), bool)
    bar[8:13, 5:35] = True
    thin = strokes.zhang_suen_thin(bar)
    assert thin.any() and not (thin & ~bar).any()
    assert (thin.sum(axis=0) <= 1).all()  # one pixel thick
    columns = np.flatnonzero(thin.any(axis=0))
    assert columns[-1] - columns[0] + 1 == len(columns) >= 20  # unbroken and long


def test_thinning_a_batch_matches_one_at_a_time():
    rng = np.random.default_rng(0)
    batch = np.zeros((4, 30, 30), bool)
    for image in batch:
        top, left = rng.integers(2, 12, size=2)
        image[top : top + 14, left : left + 6] = True
        image[top + 4 : top + 9, left : left + 16] = True
    together = strokes.zhang_suen_thin(batch)
    assert all((strokes.zhang_suen_thin(image) == thin).all() for image, thin in zip(batch, together, strict=True))


def test_skeletons_lie_inside_the_mnist_frame(skeletons):
    for skeleton in skeletons:
        assert len(skeleton.points) >= 5
        assert skeleton.points.min() >= 0 and skeleton.points.max() <= 28
        assert skeleton.edges.min() >= 0 and skeleton.edges.max() < len(skeleton.points)


def test_balanced_sample_is_balanced_unique_and_reproducible(mnist):
    chosen = strokes.balanced_sample(mnist.test_labels, 200, seed=5)
    assert len(np.unique(chosen)) == 200
    assert (np.bincount(mnist.test_labels[chosen], minlength=10) == 20).all()
    assert (chosen == strokes.balanced_sample(mnist.test_labels, 200, seed=5)).all()
    assert not (chosen == strokes.balanced_sample(mnist.test_labels, 200, seed=6)).all()


def test_rejected_candidates_are_replaced_within_their_class(mnist):
    chosen = strokes.balanced_sample(mnist.test_labels, 100, seed=5, accept=lambda index: index % 2 == 0)
    assert len(chosen) == 100 and (chosen % 2 == 0).all()
    assert (np.bincount(mnist.test_labels[chosen], minlength=10) == 10).all()


def test_filled_loops_are_recognised_and_skipped():
    rows, cols = np.indices((28, 28))
    distance = np.hypot(rows - 10, cols - 14)
    stem = (np.abs(cols - 19) <= 1) & (rows >= 10) & (rows <= 24)
    ring = (((np.abs(distance - 5) <= 1.2) | stem) * 255).astype(np.uint8)  # a 9 drawn with a pen
    solid = (((distance <= 6) | stem) * 255).astype(np.uint8)  # the same 9 with its loop inked in
    filled = strokes.filled_ink(np.stack([ring, solid]))
    assert filled[0] <= strokes.FILLED_INK_LIMIT < filled[1]
    images, labels = np.stack([ring, solid] * 5), np.array([9, 9] * 5)
    chosen, skipped = strokes.redrawable_sample(images, labels, 3, seed=0)
    assert (chosen % 2 == 0).all() and len(chosen) == 3 and skipped >= 1


@pytest.mark.parametrize("variant", list(strokes.VARIANTS))
def test_variants_are_deterministic_canvases_with_ink(skeletons, variant):
    canvases = strokes.draw_variant(skeletons, variant, seed=3)
    assert canvases.shape == (len(skeletons), SIDE, SIDE) and canvases.dtype == np.uint8
    assert canvases.min() == 0 and canvases.max() == 255
    assert ((canvases == 255).sum(axis=(1, 2)) > 50).all()  # solid ink, with antialiased edges
    assert (canvases == strokes.draw_variant(skeletons, variant, seed=3)).all()
    assert not (canvases == strokes.draw_variant(skeletons, variant, seed=4)).all()


def test_centred_large_digits_are_large_and_near_the_centre(skeletons):
    for canvas in strokes.draw_variant(skeletons, "centred_large", seed=0):
        top, bottom, left, right = ink_box(canvas)
        assert 140 <= bottom - top + 1 <= 225
        assert abs((top + bottom) / 2 - SIDE / 2) <= 18 and abs((left + right) / 2 - SIDE / 2) <= 18


def test_small_corner_digits_are_small_and_near_two_edges(skeletons):
    for canvas in strokes.draw_variant(skeletons, "small_corner", seed=0):
        top, bottom, left, right = ink_box(canvas)
        assert bottom - top + 1 <= 72 and right - left + 1 <= 72 and max(bottom - top, right - left) + 1 >= 35
        assert min(top, SIDE - 1 - bottom) <= 12
        assert min(left, SIDE - 1 - right) <= 12


def test_thin_and_thick_pens_draw_the_widths_they_promise(skeletons):
    def median_width(variant: str) -> float:
        canvases = strokes.draw_variant(skeletons, variant, seed=0)
        return float(np.median([stroke_width(canvas.astype(np.float32) / 255) for canvas in canvases]))

    thin, thick = median_width("thin_pen"), median_width("thick_pen")
    low, high = strokes.VARIANTS["thin_pen"].pen
    assert low - 1 <= thin <= high + 1.5
    low, high = strokes.VARIANTS["thick_pen"].pen
    assert low - 5 <= thick <= high + 3
    assert thick > 5 * thin


def test_digits_drawn_anywhere_stay_inside_the_canvas(skeletons):
    for variant in ("thin_pen", "thick_pen"):
        for canvas in strokes.draw_variant(skeletons, variant, seed=2):
            top, bottom, left, right = ink_box(canvas)
            assert top > 0 and left > 0 and bottom < SIDE - 1 and right < SIDE - 1


@pytest.mark.process
def test_the_generator_does_not_need_tensorflow():
    code = (
        f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r}); import numpy as np, strokes; "
        "strokes.draw_variant(strokes.skeletonise(np.eye(28, dtype=np.uint8)[None] * 255), 'thin_pen', 0); "
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
