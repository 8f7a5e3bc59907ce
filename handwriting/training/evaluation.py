"""Test-set evaluation: accuracy, per-class accuracy, confusion matrix, calibration and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handwriting.labels import DIGITS
from handwriting.recognition.calibration import Reliability, reliability


@dataclass(frozen=True)
class EvaluationReport:
    """How a model did on a labelled set of MNIST-format images."""

    accuracy: float
    per_class: np.ndarray  # (10,) accuracy for each true digit
    confusion: np.ndarray  # (10, C) counts, rows true digit, columns predicted (C = 11: "not a digit" last)
    predictions: np.ndarray  # (N,) predicted class (10 = "not a digit")
    probabilities: np.ndarray  # (N, C) the model's outputs
    misclassified: np.ndarray  # indices into the evaluated images
    ece: float = 0.0  # expected calibration error of the top output (15 bins)
    calibration: Reliability | None = None  # the reliability diagram's data

    @property
    def total(self) -> int:
        """Number of images evaluated."""
        return int(self.confusion.sum())

    @property
    def called_not_a_digit(self) -> int:
        """Number of test digits the model called "not a digit" (0 for a ten-class model)."""
        return int(self.confusion[:, DIGITS:].sum())

    @property
    def errors(self) -> int:
        """Number of misclassified images."""
        return len(self.misclassified)

    def to_dict(self) -> dict:
        """JSON-ready summary (no per-image arrays)."""
        return {
            "test_accuracy": self.accuracy,
            "total": self.total,
            "errors": self.errors,
            "per_class_accuracy": [round(float(a), 6) for a in self.per_class],
            "confusion_matrix": self.confusion.tolist(),
            "ece": round(self.ece, 6),
            "called_not_a_digit": self.called_not_a_digit,
        }


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, columns: int = DIGITS) -> np.ndarray:
    """(10, columns) counts of (true, predicted) pairs."""
    matrix = np.zeros((DIGITS, columns), np.int64)
    np.add.at(matrix, (labels.astype(np.int64), predictions.astype(np.int64)), 1)
    return matrix


def evaluate(recognizer, images: np.ndarray, labels: np.ndarray) -> EvaluationReport:
    """Run `recognizer.predict_mnist` over the images and summarise the result."""
    probabilities = recognizer.predict_mnist(images)
    predictions = np.argmax(probabilities, axis=1)
    matrix = confusion_matrix(labels, predictions, probabilities.shape[1])
    per_class = np.diag(matrix[:, :DIGITS]) / np.maximum(matrix.sum(axis=1), 1)
    calibration = reliability(probabilities, labels)
    return EvaluationReport(
        accuracy=float(np.mean(predictions == labels)),
        per_class=per_class,
        confusion=matrix,
        predictions=predictions,
        probabilities=probabilities,
        misclassified=np.flatnonzero(predictions != labels),
        ece=calibration.expected_error,
        calibration=calibration,
    )
