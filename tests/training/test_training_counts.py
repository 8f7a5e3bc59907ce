"""drawn_data.training_counts: what a run trains on, counted without drawing, is what training_sets builds."""

from __future__ import annotations

import numpy as np

from handwriting.digits.drawn import (
    NON_DIGIT_SHARE,
    NOT_A_DIGIT,
    TRAIN_DRAWINGS_PER_DIGIT,
    UNIPEN_DRAWINGS_PER_DIGIT,
    TrainingCounts,
    training_counts,
    unipen_split,
)
from handwriting.digits.pendigits import load_pendigits, split_writers
from handwriting.digits.styles import STYLED_SHARE
from handwriting.digits.unipen import load_unipen_digits
from handwriting.training.config import TrainConfig


def test_the_counts_of_a_small_run_are_the_lengths_training_sets_builds(splits):
    from handwriting.training.recipe import training_sets

    (x, y), _, _ = training_sets(TrainConfig(train_limit=300), splits)
    counts = training_counts(len(splits.x_train), limit=300)
    assert counts.total == len(x) == len(y) and counts.mnist == 300
    assert counts.non_digits == int(np.sum(y == NOT_A_DIGIT)) and counts.pen_digits > 0
    (x, _), _, _ = training_sets(TrainConfig(train_limit=300, mnist_only=True), splits)
    assert training_counts(len(splits.x_train), limit=300, mnist_only=True) == TrainingCounts(300) and len(x) == 300


def test_a_full_run_counts_mnist_both_sources_writers_digits_styled_copies_and_a_tenth_more_non_digits():
    pen = load_pendigits()
    pen_digits = len(pen.by_writers(split_writers(pen.writers).train).digits)
    unipen = load_unipen_digits()
    unipen_digits = len(unipen.by_writers(unipen_split(unipen).train).samples)
    counts = training_counts()
    assert counts.mnist == 54_000
    styled = round(STYLED_SHARE * 5_468)  # half the training writers' 0s, 1s, 4s and 7s, in a style they lack
    drawn = pen_digits * TRAIN_DRAWINGS_PER_DIGIT + unipen_digits * UNIPEN_DRAWINGS_PER_DIGIT + styled
    assert counts.pen_digits == drawn == 4_994 * 3 + 8_232 * 2 + 2_734 == 34_180
    assert counts.non_digits == round(NON_DIGIT_SHARE * (54_000 + 34_180)) == 8_818
    assert counts.total == 96_998  # the train_size a finished full run records in its history
    assert training_counts(pen=pen) == counts
    assert training_counts(mnist_only=True).total == 54_000
