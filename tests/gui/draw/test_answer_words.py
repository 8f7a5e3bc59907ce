"""What the Draw tab says of one digit's answer: here, why ink was left out of a number."""

from __future__ import annotations

import numpy as np

from handwriting.gui.draw.answer_words import left_out_words
from handwriting.recognition.prediction import Prediction


def test_ink_left_out_that_alone_reads_as_a_digit_says_why_and_ink_like_no_digit_says_nothing_more():
    image = np.zeros((28, 28), np.float32)
    over_a_two = Prediction(None, np.eye(10, dtype=np.float32)[2] * 0.99, image, "not_a_digit", 0.01)
    words = left_out_words(over_a_two)
    assert words is not None and "a 2" in words and "over the digit before it" in words
    scribble = Prediction(None, np.full(10, 0.002, np.float32), image, "not_a_digit", 0.98)
    assert left_out_words(scribble) is None  # its ✕ bar is the tallest: "It does not look like any digit" says it
