"""The non-digit generator: every kind drawn, seeded, wobbly, tilted, digits overlapped or paired, none digit-like."""

from __future__ import annotations

import math

import numpy as np
import pytest

from handwriting.digits import nondigits


def extent(strokes) -> np.ndarray:
    points = np.concatenate(strokes)
    return np.ptp(points, axis=0)


def test_the_same_seed_gives_the_same_drawings_and_another_seed_others():
    first, kinds = nondigits.generate(40, seed=5)
    again, kinds_again = nondigits.generate(40, seed=5)
    other, _ = nondigits.generate(40, seed=6)
    assert kinds == kinds_again
    pairs = zip(first, again, strict=True)
    assert all(np.array_equal(a, b) for one, two in pairs for a, b in zip(one, two, strict=True))
    assert any(not np.array_equal(one[0], two[0]) for one, two in zip(first, other, strict=True))


def test_every_kind_is_drawn_as_finite_strokes_of_points():
    drawings, kinds = nondigits.generate(400, seed=0)
    assert set(kinds) == set(nondigits.KINDS)
    for strokes in drawings:
        assert strokes and all(stroke.ndim == 2 and stroke.shape[1] == 2 for stroke in strokes)
        assert all(np.isfinite(stroke).all() for stroke in strokes)


def test_the_held_out_kinds_are_never_among_the_trained_ones():
    assert not set(nondigits.HELD_OUT_KINDS) & set(nondigits.KINDS)
    _, kinds = nondigits.generate(60, seed=1, kinds=nondigits.HELD_OUT_KINDS)
    assert set(kinds) == set(nondigits.HELD_OUT_KINDS)


def test_no_kind_is_a_shape_a_person_means_as_a_digit():
    # Circles (0), bars (1), Z (2), S (5), crosses like a 4 and 7-like hooks are left out on purpose.
    assert not {"circle", "bar", "line", "zero", "cross", "z", "s"} & set(nondigits.KINDS)
    assert not set("0123456789ILOSZ") & set(nondigits.LETTERS)


def test_two_digits_overlap_at_the_given_share_and_are_two_different_digits():
    square = [np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])]
    bar = [np.array([[0.5, 0.0], [0.5, 2.0]])]
    drawings, kinds = nondigits.generate(
        400, seed=2, digit_strokes=[square, bar, square], digit_labels=[7, 1, 7], overlap_share=0.5
    )
    overlapped = [d for d, kind in zip(drawings, kinds, strict=True) if kind == nondigits.OVERLAP]
    assert 150 < len(overlapped) < 250
    for strokes in overlapped:
        assert len(strokes) == 2  # one stroke of a 7 and one of a 1, never two 7s
        assert all(extent([stroke]).max() <= 1.0 + 1e-9 for stroke in strokes)  # each scaled into a unit box


def test_a_digit_with_a_one_against_it_keeps_both_whole_side_by_side_and_as_tall():
    ring = [np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 4.0], [0.0, 4.0], [0.0, 0.0]])]
    bar = [np.array([[10.0, 0.0], [10.0, 3.0]])]
    drawings, kinds = nondigits.generate(
        300, seed=3, digit_strokes=[ring, bar], digit_labels=[0, 1], overlap_share=0.2, beside_share=0.5
    )
    pairs = [d for d, kind in zip(drawings, kinds, strict=True) if kind == nondigits.BESIDE_ONE]
    assert 110 < len(pairs) < 190 and kinds.count(nondigits.OVERLAP) > 30
    sides = set()
    for body, one in pairs:  # the digit's stroke, then the 1's
        assert len(body) == 5 and len(one) == 2  # both kept whole
        assert np.ptp(body[:, 1]) == pytest.approx(1.0)  # the digit one unit tall, the 1 about as tall
        assert 0.9 - 1e-9 <= np.ptp(one[:, 1]) <= 1.1 + 1e-9
        # Row by row, the 1 is beside the ring (sheared alike), never across it.
        slant = (body[2, 0] - body[1, 0]) / (body[2, 1] - body[1, 1])
        upright = [np.stack([s[:, 0] - slant * s[:, 1], s[:, 1]], axis=1) for s in (body, one)]
        left, right = upright[0][:, 0].min(), upright[0][:, 0].max()
        assert upright[1][:, 0].min() >= right - 1e-9 or upright[1][:, 0].max() <= left + 1e-9
        sides.add(bool(upright[1][:, 0].min() >= right - 1e-9))
    assert sides == {True, False}  # on either side


def test_without_a_one_to_pair_no_digit_and_one_is_asked_for():
    ring = [np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 4.0]])]
    _, kinds = nondigits.generate(50, seed=4, digit_strokes=[ring, ring], digit_labels=[0, 7], beside_share=0.5)
    assert nondigits.BESIDE_ONE not in kinds and len(kinds) == 50


def test_tilt_rotates_within_the_given_angle_and_keeps_the_size():
    stroke = [np.array([[1.0, 0.0], [2.0, 0.0]])]
    for seed in range(20):
        tilted = nondigits.tilt(stroke, np.random.default_rng(seed), degrees=20)[0]
        angle = math.degrees(math.atan2(tilted[0, 1], tilted[0, 0]))
        assert abs(angle) <= 20 + 1e-9
        assert np.linalg.norm(tilted[1] - tilted[0]) == pytest.approx(1.0)


def test_a_dash_is_never_tilted_into_a_bar():
    drawings, kinds = nondigits.generate(300, seed=4)
    for strokes, kind in zip(drawings, kinds, strict=True):
        if kind == "dash":
            width, height = extent(strokes)
            assert height < 0.75 * width  # within about 35 degrees of lying down: a steep bar would read as a 1
