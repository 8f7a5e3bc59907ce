"""Training augmentation: it covers what preprocessing cannot (slant, rotation, stroke width, closed loops)."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.recognition.preprocess import stroke_width
from handwriting.training import augment

pytestmark = [pytest.mark.tensorflow]


@pytest.fixture(scope="module")
def batch(mnist):
    return mnist.test_images[:256, ..., None].astype(np.float32) / 255.0


def test_shapes_and_range_are_kept(batch):
    out = np.asarray(augment.augment_batch(batch))
    assert out.shape == batch.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0


def test_affine_moves_pixels_but_keeps_the_digit(batch):
    out = np.asarray(augment.random_affine(batch))
    assert np.mean(np.abs(out - batch)) > 0.01  # something moved
    ink_ratio = out.sum(axis=(1, 2, 3)) / batch.sum(axis=(1, 2, 3))
    assert 0.7 < np.median(ink_ratio) < 1.3  # scale 0.9-1.1: the digit is neither lost nor doubled
    rows = np.arange(28)[None, :, None, None]
    com_shift = np.abs(
        (out * rows).sum(axis=(1, 2, 3)) / out.sum(axis=(1, 2, 3))
        - (batch * rows).sum(axis=(1, 2, 3)) / batch.sum(axis=(1, 2, 3))
    )
    assert np.percentile(com_shift, 95) < 3.5  # shifts stay within about two pixels


def test_thickness_changes_stroke_width_both_ways(batch):
    out = np.asarray(augment.random_thickness(batch))
    before = np.array([stroke_width(image[..., 0]) for image in batch])
    after = np.array([stroke_width(image[..., 0]) for image in out])
    assert (after > before + 0.3).sum() > 20  # thicker strokes
    assert (after < before - 0.3).sum() > 20  # thinner strokes
    assert np.isclose(after, before, atol=1e-6).sum() > 60  # about half are left alone


def test_grey_dilation_matches_max_pool(batch):
    import tensorflow as tf

    ours = np.asarray(augment.grey_dilate(batch[:8]))
    reference = np.asarray(tf.nn.max_pool2d(batch[:8], 3, 1, "SAME"))
    np.testing.assert_allclose(ours, reference)


def test_closing_fills_a_small_gap():
    ring = np.zeros((1, 28, 28, 1), np.float32)
    ring[0, 8:20, 8:20] = 1.0
    ring[0, 10:18, 10:18] = 0.0  # a loop ...
    ring[0, 13:15, 8:10] = 0.0  # ... with a two-pixel gap in its wall
    once = np.asarray(augment.grey_erode(augment.grey_dilate(ring)))
    assert once[0, 13:15, 8:10].min() == 1.0  # the gap is inked shut
    closed = np.asarray(augment.random_closing(np.repeat(ring, 400, axis=0)))
    share = np.mean([not np.array_equal(image, ring[0]) for image in closed])
    assert 0.1 < share < 0.3  # CLOSING_PROBABILITY of the images


def test_a_seed_fixes_the_augmentation(batch):
    seed = np.array([3, 4], np.int64)
    first = np.asarray(augment.augment_batch(batch[:32], seed))
    np.testing.assert_array_equal(first, np.asarray(augment.augment_batch(batch[:32], seed)))
    assert not np.array_equal(first, np.asarray(augment.augment_batch(batch[:32], np.array([3, 5], np.int64))))


def test_a_clean_share_of_the_batch_is_left_as_drawn(batch):
    seed = np.array([7, 1], np.int64)

    def share_untouched(images):
        return np.mean([np.array_equal(out, image) for out, image in zip(np.asarray(images), batch, strict=True)])

    assert 0.2 < share_untouched(augment.augment_batch(batch, seed, 0.3)) < 0.4  # about 30% of 256 images
    assert share_untouched(augment.augment_batch(batch, seed)) == 0.0
    mixed = np.asarray(augment.augment_batch(batch, seed, 0.3))
    np.testing.assert_array_equal(mixed, np.asarray(augment.augment_batch(batch, seed, 0.3)))  # still seeded
