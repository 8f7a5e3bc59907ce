"""evaluate: progress in steps, a stop between steps, and a report that a record holds whole."""

from __future__ import annotations

import json

import numpy as np
import pytest

from handwriting.training import evaluation
from handwriting.training.evaluation import EvaluationReport, EvaluationStopped, evaluate


class FakeRecognizer:
    """Says digit (index % 10) with 0.9, except every 7th image, which it takes for the next digit."""

    def predict_mnist(self, images: np.ndarray) -> np.ndarray:
        index = images[:, 0, 0].astype(np.int64)  # each image carries its own index in its first pixel
        answer = (index % 10 + (index % 7 == 0)) % 10
        outputs = np.full((len(images), 11), 0.01, np.float32)
        outputs[np.arange(len(images)), answer] = 0.9
        return outputs


def labelled(count: int) -> tuple[np.ndarray, np.ndarray]:
    images = np.zeros((count, 28, 28), np.uint8)
    images[:, 0, 0] = np.arange(count) % 256
    return images, (np.arange(count) % 256 % 10).astype(np.uint8)


def test_the_evaluation_reports_its_progress_step_by_step(monkeypatch):
    monkeypatch.setattr(evaluation, "CHUNK", 100)
    images, labels = labelled(250)
    steps = []
    report = evaluate(FakeRecognizer(), images, labels, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(100, 250), (200, 250), (250, 250)]
    assert report.total == 250 and report.errors == len(report.misclassified) > 0
    assert report.probabilities.shape == (250, 11)
    np.testing.assert_array_equal(report.mistake_probabilities, report.probabilities[report.misclassified])


def test_a_stop_request_ends_the_evaluation_between_steps(monkeypatch):
    monkeypatch.setattr(evaluation, "CHUNK", 100)
    images, labels = labelled(250)
    steps = []
    with pytest.raises(EvaluationStopped):
        evaluate(FakeRecognizer(), images, labels, progress=lambda done, _: steps.append(done),
                 should_stop=lambda: len(steps) == 1)
    assert steps == [100]


def test_a_record_holds_what_the_evaluation_tab_shows():
    images, labels = labelled(300)
    report = evaluate(FakeRecognizer(), images, labels)
    record = json.loads(json.dumps(report.to_record()))  # as it is stored
    again = EvaluationReport.from_record(record, labels)
    assert again.accuracy == report.accuracy and again.total == report.total and again.probabilities is None
    np.testing.assert_array_equal(again.confusion, report.confusion)
    np.testing.assert_array_equal(again.misclassified, report.misclassified)
    np.testing.assert_array_equal(again.predictions, report.predictions)
    np.testing.assert_allclose(again.mistake_outputs(report.misclassified), report.mistake_probabilities, atol=1e-6)
    np.testing.assert_allclose(again.confidence_of(report.misclassified[:3]), 0.9, atol=1e-6)
    np.testing.assert_allclose(again.calibration.accuracy, report.calibration.accuracy, atol=1e-6)
    np.testing.assert_array_equal(again.calibration.count, report.calibration.count)
    assert again.ece == pytest.approx(report.ece, abs=1e-6) and again.outputs == 11
    with pytest.raises(ValueError):
        EvaluationReport.from_record(record, labels[:200])  # another set of images
    with pytest.raises(ValueError):
        EvaluationReport.from_record({**record, "format": 99}, labels)
