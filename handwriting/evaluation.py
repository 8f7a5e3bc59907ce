"""Test-set evaluation: accuracy, per-class accuracy, confusion matrix and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handwriting.data import NUM_CLASSES


@dataclass(frozen=True)
class EvaluationReport:
    """How a model did on a labelled set of MNIST-format images."""

    accuracy: float
    per_class: np.ndarray  # (10,) accuracy for each true digit
    confusion: np.ndarray  # (10, 10) counts, rows true digit, columns predicted
    predictions: np.ndarray  # (N,) predicted digit
    probabilities: np.ndarray  # (N, 10)
    misclassified: np.ndarray  # indices into the evaluated images

    @property
    def total(self) -> int:
        """Number of images evaluated."""
        return int(self.confusion.sum())

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
        }


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """(10, 10) counts of (true, predicted) pairs."""
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), np.int64)
    np.add.at(matrix, (labels.astype(np.int64), predictions.astype(np.int64)), 1)
    return matrix


def evaluate(recognizer, images: np.ndarray, labels: np.ndarray) -> EvaluationReport:
    """Run `recognizer.predict_mnist` over the images and summarise the result."""
    probabilities = recognizer.predict_mnist(images)
    predictions = np.argmax(probabilities, axis=1)
    matrix = confusion_matrix(labels, predictions)
    per_class = np.diag(matrix) / np.maximum(matrix.sum(axis=1), 1)
    return EvaluationReport(
        accuracy=float(np.mean(predictions == labels)),
        per_class=per_class,
        confusion=matrix,
        predictions=predictions,
        probabilities=probabilities,
        misclassified=np.flatnonzero(predictions != labels),
    )
