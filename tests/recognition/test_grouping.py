"""The number search's grouping model: what it measures on pieces of ink, and what it makes of them."""

from __future__ import annotations

import numpy as np

from handwriting.recognition import grouping
from handwriting.recognition.group_images import union_of
from handwriting.recognition.numbers import groups
from handwriting.recognition.preprocess import to_unit_float
from handwriting.recognition.rendering import render_strokes
from handwriting.recognition.segments import pieces_from_strokes

SHAPE = (100, 300)


def pieces_of(strokes):
    canvas = to_unit_float(render_strokes(strokes, 6.0, SHAPE))
    return pieces_from_strokes(canvas, [np.asarray(s, np.float64) for s in strokes])


def measured(strokes, start=0, end=None):
    pieces = pieces_of(strokes)
    end = len(pieces) if end is None else end
    features = grouping.Geometry(pieces).features(start, end, union_of([piece.box for piece in pieces[start:end]]))
    return dict(zip(grouping.FEATURES, features.tolist(), strict=True)), features


CROSSED = [[[20, 20], [20, 60], [60, 60]], [[45, 30], [45, 90]]]  # a 4 in two strokes: they cross
APART = [[[20, 20], [20, 90]], [[60, 20], [60, 90]]]  # two 1s side by side


def test_crossing_strokes_overlap_and_strokes_side_by_side_stand_apart():
    crossed, _ = measured(CROSSED)
    apart, _ = measured(APART)
    assert crossed["lone_piece"] > 0.5 and crossed["separation"] == 0.0 and crossed["apart"] == 0.0
    assert apart["lone_piece"] == 0.0 and apart["separation"] == grouping.MOST_SEPARATION and apart["apart"] == 1.0
    assert crossed["extra_pieces"] == apart["extra_pieces"] == 1


def test_the_model_takes_crossing_strokes_for_one_digit_and_strokes_side_by_side_for_two():
    _, crossed = measured(CROSSED)
    _, apart = measured(APART)
    _, alone = measured(APART, 0, 1)
    assert grouping.log_probability(crossed)[0] > np.log(0.5) > grouping.log_probability(apart)[0]
    assert grouping.log_probability(alone)[0] > np.log(0.5)


def test_strokes_written_between_a_groups_strokes_are_counted_as_foreign():
    strokes = [[[20, 20], [20, 90]], [[150, 20], [150, 90]], [[10, 50], [40, 50]]]  # the third crosses the first
    pieces = sorted(pieces_of(strokes), key=lambda piece: piece.box[0])
    geometry = grouping.Geometry(pieces)
    together = [s for s, e, _, f in groups(pieces) if (s, e) == (0, 2)]
    assert together, "the crossing strokes make a group"
    features = geometry.features(0, 2, union_of([piece.box for piece in pieces[0:2]]))
    assert dict(zip(grouping.FEATURES, features.tolist(), strict=True))["foreign_strokes"] == 1


TOUCHING_ONES = [[[20, 20], [26, 90]], [[30, 20], [36, 90]]]  # two 1s that touch: overlapping in x, side by side
SEVEN_WITH_BAR = [[[10, 20], [60, 20], [30, 90]], [[25, 55], [50, 55]]]  # a short bar across a 7's stem


def test_strokes_that_span_the_group_side_by_side_are_two_digits_and_a_short_one_is_part_of_a_digit():
    ones, ones_features = measured(TOUCHING_ONES)
    seven, seven_features = measured(SEVEN_WITH_BAR)
    assert ones["full_pieces"] == 1 and ones["full_side_by_side"] > 0 and ones["height_ratio"] > 0.9
    assert seven["full_pieces"] == 0 and seven["full_side_by_side"] == 0 and seven["height_ratio"] < 0.2
    assert grouping.log_probability(seven_features)[0] > np.log(0.5) > grouping.log_probability(ones_features)[0]
