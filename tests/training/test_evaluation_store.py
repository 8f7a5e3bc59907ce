"""Stored evaluations: in the model's history and the user's cache, keyed by the model file's SHA-256."""

from __future__ import annotations

import json

import numpy as np
import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH, HASH_KEY, file_sha256, history_path_for, load_history
from handwriting.files.paths import user_paths
from handwriting.training.evaluation import EvaluationReport, evaluate
from handwriting.training.evaluation_store import (
    HISTORY_KEY,
    StoredEvaluations,
    cache_path,
    prune_cache,
    store_in_history,
)


class FakeRecognizer:
    """Says digit (label + 1) for every 9th image, the label otherwise."""

    def __init__(self, labels: np.ndarray) -> None:
        self.labels = labels

    def predict_mnist(self, images: np.ndarray) -> np.ndarray:
        index = images[:, 0, 0].astype(np.int64)
        answer = (self.labels[index] + (index % 9 == 0)) % 10
        outputs = np.full((len(images), 11), 0.02, np.float32)
        outputs[np.arange(len(images)), answer] = 0.8
        return outputs


@pytest.fixture()
def test_set() -> tuple[np.ndarray, np.ndarray]:
    images = np.zeros((200, 28, 28), np.uint8)
    images[:, 0, 0] = np.arange(200)
    return images, (np.arange(200) * 7 % 10).astype(np.uint8)


@pytest.fixture()
def model(tmp_path):
    """A stand-in model file with its history (the store hashes the file; it never loads it)."""
    path = tmp_path / "models" / "mine.keras"
    path.parent.mkdir()
    path.write_bytes(b"model weights, version 1")
    history_path_for(path).write_text(json.dumps({"preset": "wide", HASH_KEY: file_sha256(path)}))
    return path


def report_for(test_set) -> EvaluationReport:
    images, labels = test_set
    return evaluate(FakeRecognizer(labels), images, labels)


def test_a_remembered_evaluation_is_found_again_by_the_model_files_hash(model, test_set):
    report = report_for(test_set)
    assert StoredEvaluations(model, *test_set).lookup() is None
    written = StoredEvaluations(model, *test_set).remember(report)
    assert written == cache_path(file_sha256(model))
    assert written.parent.parent == user_paths().cache and [p.name for p in written.parent.iterdir()] == [written.name]
    again = StoredEvaluations(model, *test_set).lookup()
    assert again.accuracy == report.accuracy and again.errors == report.errors > 0
    np.testing.assert_array_equal(again.confusion, report.confusion)


def test_a_stale_cache_entry_is_never_shown(model, test_set):
    StoredEvaluations(model, *test_set).remember(report_for(test_set))
    old = cache_path(file_sha256(model))
    model.write_bytes(b"model weights, version 2")  # the file changed: another model
    assert StoredEvaluations(model, *test_set).lookup() is None
    cache_path(file_sha256(model)).write_bytes(old.read_bytes())  # an entry filed under the new hash, recording the old
    assert StoredEvaluations(model, *test_set).lookup() is None
    images, labels = test_set
    other_images = images.copy()
    other_images[0, 5, 5] = 1  # another test set
    model.write_bytes(b"model weights, version 1")
    assert StoredEvaluations(model, *test_set).lookup() is not None
    assert StoredEvaluations(model, other_images, labels).lookup() is None


def test_an_evaluation_stored_in_the_history_is_found_and_follows_its_model(model, test_set):
    report = report_for(test_set)
    store_in_history(model, report, *test_set)
    history = load_history(model)
    assert history["preset"] == "wide" and HISTORY_KEY in history  # the history's hash still matches the model
    assert StoredEvaluations(model, *test_set).lookup(history).accuracy == report.accuracy
    assert not cache_path(file_sha256(model)).exists()
    model.write_bytes(b"model weights, version 2")
    assert StoredEvaluations(model, *test_set).lookup(history) is None
    with pytest.raises(ValueError, match="another model"):
        store_in_history(model, report, *test_set)


def test_the_cache_keeps_the_most_recent_entries(model, test_set):
    record_file = StoredEvaluations(model, *test_set).remember(report_for(test_set))
    for number in range(5):
        extra = record_file.with_name(f"{number:064x}.json")
        extra.write_text("{}")
    assert len(prune_cache(limit=3)) == 3 and len(list(record_file.parent.iterdir())) == 3


def test_the_shipped_model_carries_its_evaluation_in_its_history(mnist):
    history = load_history(DEFAULT_MODEL_PATH)
    report = StoredEvaluations(DEFAULT_MODEL_PATH, mnist.test_images, mnist.test_labels).lookup(history)
    assert report is not None, "run scripts/store_evaluation.py for the shipped model"
    assert report.total == len(mnist.test_labels) and report.accuracy == pytest.approx(history["test_accuracy"])
    assert report.outputs == 11 and report.calibration is not None and report.calibration.count.sum() == 10_000
    assert report.errors == len(report.misclassified) == round((1 - report.accuracy) * report.total)
    assert np.all(report.predictions[report.misclassified] != mnist.test_labels[report.misclassified])
