"""Where a model's test-set evaluation is kept, so that it can be shown at once instead of computed again.

Two places, both keyed by the SHA-256 of the model file (a record whose hash is not the file's is never
used, so a changed or replaced model is always evaluated afresh):

* the model's history JSON, under "evaluation": the shipped model carries its figures there
  (`scripts/store_evaluation.py`, run by `make train`);
* the user's cache folder (`user_paths().cache / "evaluations" / <sha256>.json`), written atomically
  after the app evaluates a model, so switching back to it is instant. The oldest entries beyond
  CACHE_LIMIT are deleted.

Each record also names the test images it was computed on (`test_set_id`): another test set, another record.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from handwriting.errors import HandwritingError
from handwriting.files.model_files import HASH_KEY, file_sha256, history_path_for, load_history
from handwriting.files.paths import user_paths
from handwriting.files.storage import write_json_atomic, write_text_atomic
from handwriting.training.evaluation import EvaluationReport

HISTORY_KEY = "evaluation"  # a model history's key for its stored evaluation
CACHE_FOLDER = "evaluations"
CACHE_LIMIT = 64  # cached evaluations kept; the least recently written go first
TEST_SET_KEY = "test_set"


def test_set_id(images: np.ndarray, labels: np.ndarray) -> str:
    """A fingerprint of a labelled image set: SHA-256 of its shape, pixels and labels."""
    digest = hashlib.sha256()
    images, labels = np.ascontiguousarray(images, np.uint8), np.ascontiguousarray(labels, np.uint8)
    digest.update(repr((images.shape, labels.shape)).encode())
    digest.update(images.tobytes())
    digest.update(labels.tobytes())
    return digest.hexdigest()


def cache_folder() -> Path:
    """The folder of cached evaluations (it may not exist yet)."""
    return user_paths().cache / CACHE_FOLDER


def cache_path(model_sha256: str) -> Path:
    """The cache file of the model with this hash."""
    return cache_folder() / f"{model_sha256}.json"


def evaluation_record(report: EvaluationReport, model_sha256: str, test_set: str) -> dict:
    """The report as a record for the model with this hash, on this test set (see module docstring)."""
    return {**report.to_record(), HASH_KEY: model_sha256, TEST_SET_KEY: test_set}


def _report_from(record, model_sha256: str, test_set: str, labels: np.ndarray) -> EvaluationReport | None:
    if not isinstance(record, dict) or record.get(HASH_KEY) != model_sha256 or record.get(TEST_SET_KEY) != test_set:
        return None
    try:
        return EvaluationReport.from_record(record, labels)
    except ValueError:
        return None


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class StoredEvaluations:
    """The stored evaluations of one model file on one test set: look one up, remember a new one.

    The hashes are computed when it is made (about 50 ms for the model and the 10,000 test images:
    make it on a worker thread).
    """

    def __init__(self, model_path: str | Path | None, images: np.ndarray, labels: np.ndarray) -> None:
        self.model_path = Path(model_path) if model_path is not None else None
        self.labels = np.asarray(labels)
        self.test_set = test_set_id(images, labels)
        try:
            self.model_sha256 = file_sha256(self.model_path) if self.model_path is not None else None
        except OSError:
            self.model_sha256 = None  # no file to key it by: nothing is looked up or kept

    def lookup(self, history: dict | None = None) -> EvaluationReport | None:
        """The model's stored report: from its history (`history`, else read from its file), else the cache."""
        if self.model_sha256 is None:
            return None
        if history is None:
            history = load_history(self.model_path)
        report = _report_from(history.get(HISTORY_KEY), self.model_sha256, self.test_set, self.labels)
        if report is None:
            record = _read_json(cache_path(self.model_sha256))
            report = _report_from(record, self.model_sha256, self.test_set, self.labels)
        return report

    def remember(self, report: EvaluationReport) -> Path | None:
        """Keep the report in the user's cache (atomically); None when there is no model file or it failed.

        The cache is a convenience: a folder that cannot be written only means evaluating again next time.
        """
        if self.model_sha256 is None:
            return None
        path = cache_path(self.model_sha256)
        try:
            record = evaluation_record(report, self.model_sha256, self.test_set)  # compact: mistakes may be thousands
            write_text_atomic(json.dumps(record, separators=(",", ":")) + "\n", path)
        except (HandwritingError, OSError):
            return None
        prune_cache()
        return path


def prune_cache(limit: int = CACHE_LIMIT) -> list[Path]:
    """Delete the cached evaluations beyond the `limit` most recently written; returns those deleted."""
    try:
        entries = sorted(cache_folder().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    removed = []
    for path in entries[limit:]:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


def store_in_history(model_path: str | Path, report: EvaluationReport, images: np.ndarray,
                     labels: np.ndarray) -> Path:
    """Write the report into the model's history JSON, under "evaluation" (atomically); returns the history file.

    Raises ValueError when the model has no history, or it belongs to another model file (its recorded hash
    differs).
    """
    model = Path(model_path)
    history_file = history_path_for(model)
    data = _read_json(history_file)
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{history_file}: no training history to add the evaluation to")
    sha = file_sha256(model)
    if data.get(HASH_KEY, sha) != sha:
        raise ValueError(f"{history_file} belongs to another model file than {model.name}")
    data[HISTORY_KEY] = evaluation_record(report, sha, test_set_id(images, labels))
    if HASH_KEY in data:  # the hash stays the last key, as save_model_atomic writes it
        data[HASH_KEY] = data.pop(HASH_KEY)
    write_json_atomic(data, history_file)
    return history_file
