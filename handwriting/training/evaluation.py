"""Test-set evaluation: accuracy, per-class accuracy, confusion matrix, calibration and the misclassified images."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from handwriting.errors import HandwritingError
from handwriting.labels import DIGITS
from handwriting.recognition.calibration import Reliability, reliability

CHUNK = 500  # images per step: progress is reported (and a stop noticed) after each
RECORD_FORMAT = 1  # the version of EvaluationReport.to_record's layout


class EvaluationStopped(HandwritingError):
    """The evaluation was asked to stop before it finished (its result is no longer wanted)."""

    def __init__(self) -> None:
        super().__init__("the evaluation was stopped before it finished")


@dataclass(frozen=True)
class EvaluationReport:
    """How a model did on a labelled set of MNIST-format images.

    `probabilities` (every image's outputs) is None for a report read back from a record
    (`from_record`): a record keeps only the mistakes' outputs, `mistake_probabilities`, which is
    all the Evaluation tab shows.
    """

    accuracy: float
    per_class: np.ndarray  # (10,) accuracy for each true digit
    confusion: np.ndarray  # (10, C) counts, rows true digit, columns predicted (C = 11: "not a digit" last)
    predictions: np.ndarray  # (N,) predicted class (10 = "not a digit")
    misclassified: np.ndarray  # indices into the evaluated images, ascending
    mistake_probabilities: np.ndarray  # (len(misclassified), C) the model's outputs for each mistake
    ece: float = 0.0  # expected calibration error of the top output (15 bins)
    calibration: Reliability | None = None  # the reliability diagram's data
    probabilities: np.ndarray | None = None  # (N, C) the model's outputs, when computed here

    @property
    def total(self) -> int:
        """Number of images evaluated."""
        return int(self.confusion.sum())

    @property
    def outputs(self) -> int:
        """The model's output count: 10, or 11 with "not a digit"."""
        return int(self.confusion.shape[1])

    @property
    def called_not_a_digit(self) -> int:
        """Number of test digits the model called "not a digit" (0 for a ten-class model)."""
        return int(self.confusion[:, DIGITS:].sum())

    @property
    def errors(self) -> int:
        """Number of misclassified images."""
        return len(self.misclassified)

    def mistake_outputs(self, indices) -> np.ndarray:
        """The outputs (K, C) of misclassified images, by their indices into the evaluated images."""
        indices = np.asarray(indices, np.int64).reshape(-1)
        positions = np.searchsorted(self.misclassified, indices)
        if len(indices) and (
            positions.max() >= len(self.misclassified) or np.any(self.misclassified[positions] != indices)
        ):
            raise ValueError("only the outputs of misclassified images are kept")
        return self.mistake_probabilities[positions]

    def confidence_of(self, indices) -> np.ndarray:
        """How sure the model was of its (wrong) answer for each misclassified image in `indices`."""
        indices = np.asarray(indices, np.int64).reshape(-1)
        return self.mistake_outputs(indices)[np.arange(len(indices)), self.predictions[indices]]

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

    def to_record(self) -> dict:
        """JSON-ready: the summary, the reliability bins and each mistake with its answer and outputs.

        Enough to show the report again without evaluating (`from_record`); a few kB for a good model.
        """
        record = {"format": RECORD_FORMAT, **self.to_dict()}
        if self.calibration is not None:
            calibration = self.calibration
            record["reliability"] = {
                "confidence": [round(float(v), 6) for v in calibration.confidence],
                "accuracy": [round(float(v), 6) for v in calibration.accuracy],
                "count": [int(v) for v in calibration.count],
                "edges": [round(float(v), 6) for v in calibration.edges],
            }
        record["mistakes"] = {
            "index": [int(i) for i in self.misclassified],
            "predicted": [int(self.predictions[i]) for i in self.misclassified],
            "probabilities": [[round(float(p), 6) for p in row] for row in self.mistake_probabilities],
        }
        return record

    @classmethod
    def from_record(cls, record: dict, labels: np.ndarray) -> EvaluationReport:
        """The report a record holds, for the images whose `labels` it was computed on.

        Raises ValueError when the record is not one `to_record` wrote for that many images.
        """
        if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
            raise ValueError("not an evaluation record of this version")
        labels = np.asarray(labels, np.int64)
        try:
            confusion = np.asarray(record["confusion_matrix"], np.int64)
            mistakes = record["mistakes"]
            index = np.asarray(mistakes["index"], np.int64).reshape(-1)
            predicted = np.asarray(mistakes["predicted"], np.int64).reshape(-1)
            outputs = np.asarray(mistakes["probabilities"], np.float32).reshape(len(index), confusion.shape[1])
            bins = record.get("reliability")
            calibration = None
            if bins is not None:
                calibration = Reliability(
                    *(np.asarray(bins[key], np.int64 if key == "count" else np.float64)
                      for key in ("confidence", "accuracy", "count", "edges"))
                )
            per_class = np.asarray(record["per_class_accuracy"], np.float64)
            accuracy, ece = float(record["test_accuracy"]), float(record["ece"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"a damaged evaluation record ({exc})") from None
        consistent = (
            confusion.shape[0] == DIGITS and int(confusion.sum()) == len(labels) == int(record.get("total", -1))
            and len(predicted) == len(index) == int(record.get("errors", -1))
            and (not len(index) or (index.min() >= 0 and index.max() < len(labels)))
            and np.all(np.diff(index) > 0) and not np.any(predicted == labels[index])
        )
        if not consistent:
            raise ValueError("the evaluation record does not fit these images")
        predictions = labels.copy()
        predictions[index] = predicted
        return cls(accuracy=accuracy, per_class=per_class, confusion=confusion, predictions=predictions,
                   misclassified=index, mistake_probabilities=outputs, ece=ece, calibration=calibration)


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, columns: int = DIGITS) -> np.ndarray:
    """(10, columns) counts of (true, predicted) pairs."""
    matrix = np.zeros((DIGITS, columns), np.int64)
    np.add.at(matrix, (labels.astype(np.int64), predictions.astype(np.int64)), 1)
    return matrix


def evaluate(
    recognizer,
    images: np.ndarray,
    labels: np.ndarray,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> EvaluationReport:
    """Run `recognizer.predict_mnist` over the images and summarise the result.

    The images go through in steps of CHUNK: after each, `progress(done, total)` is called (on the
    caller's thread) and, when `should_stop()` says so, EvaluationStopped is raised.
    """
    parts, total = [], len(images)
    for start in range(0, total, CHUNK):
        if should_stop is not None and should_stop():
            raise EvaluationStopped()
        parts.append(recognizer.predict_mnist(images[start : start + CHUNK]))
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    probabilities = np.concatenate(parts) if parts else recognizer.predict_mnist(images)
    predictions = np.argmax(probabilities, axis=1)
    matrix = confusion_matrix(labels, predictions, probabilities.shape[1])
    per_class = np.diag(matrix[:, :DIGITS]) / np.maximum(matrix.sum(axis=1), 1)
    calibration = reliability(probabilities, labels)
    misclassified = np.flatnonzero(predictions != labels)
    return EvaluationReport(
        accuracy=float(np.mean(predictions == labels)),
        per_class=per_class,
        confusion=matrix,
        predictions=predictions,
        misclassified=misclassified,
        mistake_probabilities=probabilities[misclassified],
        ece=calibration.expected_error,
        calibration=calibration,
        probabilities=probabilities,
    )
