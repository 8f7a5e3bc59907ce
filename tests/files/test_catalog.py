"""The model catalogue: the shipped model (read-only) and the user's models, names, rename and delete."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from handwriting.errors import ModelFileError
from handwriting.files import catalog
from handwriting.files.model_files import DEFAULT_MODEL_PATH, backup_path_for, history_path_for
from handwriting.files.paths import user_paths


def make_model(name: str, created: str = "2025-01-02T10:11:00+00:00", val: float = 0.99):
    path = user_paths().models / f"{name}.keras"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not really a model")
    history_path_for(path).write_text(json.dumps({"created": created, "best_val_accuracy": val}))
    return path


def test_the_list_has_the_shipped_model_first_then_the_users_newest_first():
    older = make_model("older", "2025-01-01T00:00:00+00:00")
    newer = make_model("newer", "2025-02-01T00:00:00+00:00", 0.9876)
    backup_path_for(newer).write_bytes(b"x")  # backups and hidden temporaries are not models to pick
    (older.parent / ".newer.abc.tmp.keras").write_bytes(b"x")
    entries = catalog.list_models()
    shipped = [DEFAULT_MODEL_PATH] if DEFAULT_MODEL_PATH.exists() else []
    assert [entry.path for entry in entries] == [*shipped, newer, older]
    assert entries[-2].val_accuracy == pytest.approx(0.9876) and entries[-2].created == "2025-02-01 00:00"
    assert "validation 98.76%" in entries[-2].figures()
    assert all(entry.shipped == (entry.path == DEFAULT_MODEL_PATH) for entry in entries)


def test_names():
    assert catalog.default_model_name(now=dt.datetime(2025, 1, 2, 10, 11)) == "retrain-20250102-1011"
    assert catalog.check_model_name(" my digits.keras ") == "my digits"
    for bad in ("", "../escape", "a/b", "x.previous", "-dash-first"):
        with pytest.raises(ValueError):
            catalog.check_model_name(bad)
    make_model("taken")
    assert catalog.unused_name("taken") == "taken-2"
    assert catalog.user_model_path("fresh") == user_paths().models / "fresh.keras"


def test_rename_and_delete_move_the_history_and_never_touch_the_shipped_model(tmp_path):
    path = make_model("first")
    backup_path_for(path).write_bytes(b"backup")
    renamed = catalog.rename_model(path, "second")
    assert renamed.exists() and history_path_for(renamed).exists() and backup_path_for(renamed).exists()
    assert not path.exists() and not history_path_for(path).exists()
    make_model("third")
    with pytest.raises(ModelFileError, match="exists already"):
        catalog.rename_model(renamed, "third")
    catalog.delete_model(renamed)
    assert not renamed.exists() and not history_path_for(renamed).exists() and not backup_path_for(renamed).exists()
    with pytest.raises(ModelFileError, match="shipped"):
        catalog.delete_model(DEFAULT_MODEL_PATH)
    with pytest.raises(ModelFileError, match="shipped"):
        catalog.rename_model(DEFAULT_MODEL_PATH, "mine")
    copy = tmp_path / "copy.keras"
    shutil.copyfile(DEFAULT_MODEL_PATH, copy)
    assert not catalog.is_shipped(copy) and catalog.is_shipped(DEFAULT_MODEL_PATH)


def test_load_model_opens_in_the_users_models_folder_never_the_shipped_one():
    assert catalog.load_folder() is None  # no folder of the user's yet: the file dialog's default, not models/
    user_paths().models.mkdir(parents=True, exist_ok=True)
    assert catalog.load_folder() == user_paths().models  # empty, it is still theirs (models/ lists the app's files)
    make_model("mine")
    assert catalog.load_folder() == user_paths().models
