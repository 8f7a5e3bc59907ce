"""labels.percent_text: how a probability reads, in the app and on the command line."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.labels import percent_text


@pytest.mark.parametrize(
    ("probability", "text"),
    [(0.998, "99.8%"), (0.9984, "99.8%"), (0.99949, "99.9%"), (0.9997, ">99.9%"), (0.99999, ">99.9%"), (1.0, ">99.9%"),
     (0.995, "99.5%"), (0.99, "99%"), (0.85, "85%"), (0.5, "50%"), (0.012, "1%"), (0.002, "<1%"), (0.0, "0%")],
)
def test_a_probability_reads_one_decimal_above_99_percent(probability, text):
    assert percent_text(probability) == text
    assert percent_text(np.float32(probability)) == percent_text(float(np.float32(probability)))


def test_nothing_reads_100_percent_and_nothing_above_zero_reads_0_percent():
    up_to_one = np.r_[np.nextafter(1.0, 0.0) - np.logspace(-12, -1, 200), 1.0, np.float32(1.0)]
    assert all(percent_text(p) not in ("100%", "100.0%") for p in up_to_one)  # a softmax rounded to 1 included
    assert all(percent_text(p) not in ("0%", "0.0%", "-0%") for p in np.logspace(-12, -1, 200))
