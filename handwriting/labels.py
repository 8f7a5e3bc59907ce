"""The vocabulary of answers: the classes the network tells apart, its input's side, the statuses of an answer, and
how its probability reads."""

from __future__ import annotations

from enum import StrEnum

SIDE = 28  # the network reads SIDE x SIDE grey images, centred as MNIST's digits are
DIGITS = 10  # the digit classes 0-9: a ten-class (MNIST-only) network has these outputs alone
NOT_A_DIGIT = 10  # the index of the "not a digit" class: the 11th output, a label, a confusion-matrix column
CLASSES = 11  # the digits and "not a digit": the outputs of the default network


class Status(StrEnum):
    """What an answer says of what it read (`Prediction.status`); each compares equal to its string."""

    EMPTY = "empty"  # nothing drawn
    NOT_A_DIGIT = "not_a_digit"  # ink, but not a digit (a tap, a scribble, a letter...)
    UNSURE = "unsure"  # a digit, but two candidates are close
    CONFIDENT = "confident"


class NumberStatus(StrEnum):
    """What a reading of a whole number says (`NumberReading.status`); each compares equal to its string."""

    EMPTY = Status.EMPTY.value  # nothing drawn
    NOT_A_NUMBER = "not_a_number"  # ink, but some of it is no digit
    UNSURE = Status.UNSURE.value  # digits, but another reading is close (the reading's probability is low)
    CONFIDENT = Status.CONFIDENT.value


def percent_text(probability: float) -> str:
    """A probability as people read it: "85%", one decimal above 99% ("99.8%"), never a certainty.

    A network's answer is never certain, even when float32 rounds its softmax to 1: that reads ">99.9%", as
    everything above 99.95% does ("100%" beside another digit's ">99.9%" claimed what no network knows). "0%"
    only for 0 ("<1%" above it). The app (gui/wording.percent) and the command line both say a probability this way.
    """
    probability = float(probability)
    if probability >= 1.0:
        return ">99.9%"
    if probability <= 0.0:
        return "0%"
    if probability > 0.99:
        text = f"{probability:.1%}"
        return ">99.9%" if text == "100.0%" else text
    text = f"{probability:.0%}"
    return "<1%" if text == "0%" else text
