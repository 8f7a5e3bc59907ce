"""Reading a model's files: where they lie, its training history (only if it is this model's), a checked .keras.

How a save keeps a model and its history a consistent pair, and what `load_history` makes of a pair
that a killed save left half-replaced, is told in handwriting.files.storage, which writes them.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import zipfile
from pathlib import Path

from handwriting.errors import ModelFileError
from handwriting.files.resources import resource_path
from handwriting.files.untrusted import inspect_archive

MODELS_DIR = resource_path("models")  # the shipped model; read-only once installed
DEFAULT_MODEL_PATH = resource_path("models/default.keras")
HASH_KEY = "model_sha256"
BACKUP_SUFFIX = ".previous"


def history_path_for(model_path: str | Path) -> Path:
    """models/name.keras -> models/name.history.json."""
    path = Path(model_path)
    return path.with_name(path.stem + ".history.json")


def backup_path_for(model_path: str | Path) -> Path:
    """models/name.keras -> models/name.previous.keras, the model that the last save replaced."""
    path = Path(model_path)
    return path.with_name(path.stem + BACKUP_SUFFIX + path.suffix)


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_history(model_path: str | Path) -> dict:
    """The training history saved with a model, or {} if there is none, it is unreadable or not this model's.

    A history that records `model_sha256` is only returned for the model file with that hash (see the
    docstring of handwriting.files.storage); the hash itself is not part of the returned dict.
    """
    model = Path(model_path)
    data = _read_json(history_path_for(model))
    if HASH_KEY not in data:
        return data  # written before hashes were recorded: trusted as it always was
    try:
        actual = file_sha256(model)
    except OSError:
        return {}
    candidates = [data]
    pattern = os.path.join(glob.escape(str(model.parent)), f".{glob.escape(model.stem)}.*.tmp.history.json")
    candidates += [_read_json(Path(name)) for name in sorted(glob.glob(pattern))]  # a killed save's history
    for candidate in candidates:
        if candidate.get(HASH_KEY) == actual:
            return {key: value for key, value in candidate.items() if key != HASH_KEY}
    return {}


def check_model_file(path: str | Path) -> Path:
    """Raise ModelFileError unless `path` is a readable `.keras` zip holding only plain Keras layers.

    The archive is inspected (handwriting.files.untrusted) before anything reads it as a model: files
    holding code (Lambda layers), naming modules or functions outside Keras, or holding unexpected
    members are refused.
    """
    file = Path(path)
    if not file.exists():
        raise ModelFileError(f"{file}: model file not found; train one with 'handwriting train' or pick another file",
                             "model_missing", file)
    if file.is_dir():
        raise ModelFileError(f"{file}: is a folder, not a .keras model file", "model_folder", file)
    if file.suffix != ".keras":
        raise ModelFileError(f"{file}: not a .keras model file; only Keras 3 .keras files are loaded",
                             "model_not_keras", file)
    try:
        with open(file, "rb") as handle:
            handle.read(4)
    except OSError as exc:
        raise ModelFileError(f"{file}: cannot be read ({exc.strerror or exc}); check its permissions",
                             "model_unreadable", file, error=exc.strerror or str(exc)) from None
    if not zipfile.is_zipfile(file):
        raise ModelFileError(f"{file}: not a valid .keras file (it is empty, truncated or not a zip archive)",
                             "model_not_zip", file)
    inspect_archive(file)
    return file
