"""What the network's answer for one drawing says: the Prediction, its status and the thresholds behind it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handwriting.labels import DIGITS, SIDE, Status

# --- The status of a drawing (chosen on the validation writers and the project's non-digit set with
# benchmarks/drawn_digits.py --sweep; calibrated probabilities make them mean the same for every model) --
NOT_DIGIT_THRESHOLD = 0.5  # "not a digit" when that output's probability is at least this
# A digit whose probability is below this is "unsure" and shows two candidates. The smallest line (sweep_unsure_*)
# at which the confident answers of both writer sets are right at least 99.5% of the time (issue 21): 0.7 left
# the UNIPEN writers' at 99.22%; 0.95 gives 99.52% (2.8% of their digits unsure) and the pen writers' 99.93%.
LOW_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Prediction:
    """One recognised drawing.

    `status` is a labels.Status. `digit` is the best digit, None when the status is "empty" or
    "not_a_digit". `probabilities` are the ten digits' probabilities; with a model that has a
    "not a digit" output they sum to one minus `not_digit_probability`.
    """

    digit: int | None
    probabilities: np.ndarray  # (10,) float32; all zeros when the canvas is empty
    image: np.ndarray  # (28, 28) float32 in [0, 1], what the network saw
    status: Status = Status.CONFIDENT
    not_digit_probability: float = 0.0

    @property
    def confidence(self) -> float:
        """The top probability, 0 when there is no digit."""
        return float(self.probabilities.max()) if self.digit is not None else 0.0

    @property
    def unsure(self) -> bool:
        """True when there is a digit but the network is not confident about it."""
        return self.status == Status.UNSURE

    @property
    def candidates(self) -> tuple[int, int]:
        """The two most probable digits, best first ("7 or 2?")."""
        order = np.argsort(self.probabilities)[::-1]
        return int(order[0]), int(order[1])


def statuses(
    outputs: np.ndarray, not_digit_threshold: float = NOT_DIGIT_THRESHOLD, low_confidence: float = LOW_CONFIDENCE
) -> np.ndarray:
    """The status of each row of network outputs (N, 10 or 11), as an array of labels.Status values.

    With an 11th "not a digit" output, a drawing is not a digit when that output reaches the threshold or
    beats every digit; otherwise its best digit is confident, or unsure below `low_confidence`.
    """
    outputs = np.atleast_2d(np.asarray(outputs, np.float32))
    best = outputs[:, :DIGITS].max(axis=1)
    not_digit = outputs[:, DIGITS] if outputs.shape[1] > DIGITS else np.zeros(len(outputs), np.float32)
    result = np.where(best < low_confidence, Status.UNSURE, Status.CONFIDENT).astype(object)
    result[(not_digit >= not_digit_threshold) | (not_digit > best)] = Status.NOT_A_DIGIT
    return result


NO_DIGIT = Prediction(None, np.zeros(DIGITS, np.float32), np.zeros((SIDE, SIDE), np.float32), Status.EMPTY)


def judge(outputs: np.ndarray, image: np.ndarray) -> Prediction:
    """Turn the network's outputs for one normalised image into a Prediction with its status.

    With an 11th "not a digit" output, the drawing is not a digit when that output reaches
    NOT_DIGIT_THRESHOLD or beats every digit; otherwise the best digit is confident or unsure.
    """
    probabilities = np.asarray(outputs[:DIGITS], np.float32)
    not_digit = float(outputs[DIGITS]) if len(outputs) > DIGITS else 0.0
    status = str(statuses(outputs)[0])
    digit = None if status == Status.NOT_A_DIGIT else int(np.argmax(probabilities))
    return Prediction(digit, probabilities, image, status, not_digit)
