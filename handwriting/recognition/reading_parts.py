"""A number's digits and strays as the reading shows them: their Predictions, the strays' boxes, the alternatives."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from handwriting.labels import Status
from handwriting.recognition.group_images import Box
from handwriting.recognition.prediction import Prediction

FLOOR = 1e-12  # the smallest probability a log or a ratio is taken of (here and in the number search)
INSIDE_STRAY = 0.5  # a digit whose box lies this much within a stray's is part of that drawing


def as_unsure(prediction: Prediction, digit: str) -> Prediction:
    """A digit's Prediction inside a number; a "not a digit" one becomes the digit the reading gives it, unsure."""
    if prediction.status != Status.NOT_A_DIGIT:
        return prediction
    return dataclasses.replace(prediction, digit=int(digit), status=Status.UNSURE)


def as_stray(prediction: Prediction) -> Prediction:
    """A stray's Prediction: "not a digit", as the search read it, even where the network alone reads a digit (a
    comma too small to be one, SMALL_MARK); its probabilities stay the network's."""
    return prediction if prediction.status == Status.NOT_A_DIGIT else dataclasses.replace(
        prediction, digit=None, status=Status.NOT_A_DIGIT)


def inside_strays(box: Box, strays: Sequence[Box]) -> bool:
    """Whether a digit's box lies mostly (over INSIDE_STRAY of its area) within a stray's: part of its ink."""
    x0, y0, x1, y1 = box
    area = max(1, (x1 - x0) * (y1 - y0))
    for s0, t0, s1, t1 in strays:
        if max(0, min(x1, s1) - max(x0, s0)) * max(0, min(y1, t1) - max(y0, t0)) > INSIDE_STRAY * area:
            return True
    return False


def with_runners_up(alternatives: dict[str, float], text: str, share: float, judged: Sequence[Prediction]
                    ) -> dict[str, float]:
    """The search's alternatives (text: share) and, for each digit of `text`, the same number with that digit's
    runner-up ("2026 or 2028?"), its share `share` times the runner-up's probability over the digit's; renormalised.
    The search's own alternatives differ in how the ink is grouped; a digit in doubt is named here."""
    found = dict(alternatives)
    for place, prediction in enumerate(judged):
        read = int(text[place])
        others = [digit for digit in np.argsort(prediction.probabilities)[::-1].tolist() if digit != read]
        other = text[:place] + str(others[0]) + text[place + 1 :]
        ratio = float(prediction.probabilities[others[0]]) / max(float(prediction.probabilities[read]), FLOOR)
        found[other] = max(found.get(other, 0.0), share * min(ratio, 1.0))
    total = sum(found.values())
    return {other: value / total for other, value in found.items()}
