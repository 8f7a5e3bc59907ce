"""Saving over a model: full or read-only disks, the backup, reverting, and history that matches its model."""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from handwriting.cli.main import main
from handwriting.errors import ModelFileError, SaveError
from handwriting.files import keras_model, model_files, storage
from handwriting.training import recipe as training
from handwriting.training.config import TrainResult
from handwriting.training.model import build_model

pytestmark = [pytest.mark.tensorflow]

OLD_HISTORY = {"run": "old", "epochs": [{"epoch": 1}]}
FAULTS = {
    "disk full": lambda: OSError(errno.ENOSPC, "No space left on device"),
    "read-only": lambda: OSError(errno.EROFS, "Read-only file system"),
    "permission": lambda: PermissionError(errno.EACCES, "Permission denied"),
}
ADVICE = {"disk full": "free some space", "read-only": "read-only file system", "permission": "permission denied"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A saved lenet5 model with a history, to copy into each test's folder."""
    return storage.save_model_atomic(
        build_model("lenet5", seed=1), tmp_path_factory.mktemp("t") / "m.keras", OLD_HISTORY
    )


@pytest.fixture()
def old_model(tmp_path, template) -> Path:
    path = tmp_path / "models" / "m.keras"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    shutil.copyfile(model_files.history_path_for(template), model_files.history_path_for(path))
    return path


class FakeModel:
    """Stands in for a Keras model: `save` writes some bytes (the real format does not matter here)."""

    def __init__(self, content: bytes = b"new model") -> None:
        self.content = content

    def save(self, target) -> None:
        Path(target).write_bytes(self.content)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def inject(monkeypatch, where: str, fault: str, model: FakeModel) -> None:
    """Make one step of saving fail with the given OSError."""
    error = FAULTS[fault]

    def fail(*args, **kwargs):
        raise error()

    if where == "mkstemp":
        monkeypatch.setattr(storage.tempfile, "mkstemp", fail)
    elif where == "model.save":
        monkeypatch.setattr(model, "save", fail)
    else:
        real_replace = os.replace
        target_name = "m.previous.keras" if where == "backup" else "m.keras"

        def replace(source, target):
            if Path(target).name == target_name:
                raise error()
            return real_replace(source, target)

        monkeypatch.setattr(storage.os, "replace", replace)


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("where", ["mkstemp", "model.save", "backup", "publish"])
def test_full_or_read_only_disk_keeps_the_old_model(old_model, monkeypatch, where, fault):
    before = snapshot(old_model.parent)
    model = FakeModel()
    inject(monkeypatch, where, fault, model)
    with pytest.raises(SaveError) as error:
        storage.save_model_atomic(model, old_model, {"run": "new"})
    monkeypatch.undo()
    message = str(error.value)
    assert str(old_model.parent) in message and "the old model m.keras is unchanged" in message
    assert ADVICE[fault] in message.lower() and "\n" not in message
    after = snapshot(old_model.parent)
    assert after["m.keras"] == before["m.keras"] and after["m.history.json"] == before["m.history.json"]
    assert not storage.stale_temporaries(old_model), "no temporary file is left behind"
    assert model_files.load_history(old_model) == OLD_HISTORY
    keras_model.load_model_safely(old_model)


def test_history_failure_after_the_model_is_published_says_so(old_model, monkeypatch):
    real_replace = os.replace

    def replace(source, target):
        if Path(target).name == "m.history.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(storage.os, "replace", replace)
    with pytest.raises(SaveError, match="the model was saved to .*m.keras, but its history could not be written"):
        storage.save_model_atomic(FakeModel(), old_model, {"run": "new"})
    monkeypatch.undo()
    assert old_model.read_bytes() == b"new model"
    assert model_files.load_history(old_model) == {}  # the old history file no longer matches: not shown
    assert model_files.load_history(model_files.backup_path_for(old_model)) == OLD_HISTORY


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("where", ["mkstemp", "model.save"])
def test_cli_train_reports_a_failed_save_in_one_line(old_model, monkeypatch, capsys, fault, where):
    model = build_model("lenet5", seed=2)
    result = TrainResult(model, {"epochs": [], "best_epoch": 1, "best_val_accuracy": 0.5}, False, 1)
    trained = []
    # Skip the data and the fitting: this is about what the user sees when the save fails.
    monkeypatch.setattr(training.mnist_data, "load_mnist", lambda path=None: None)
    monkeypatch.setattr(training.mnist_data, "make_splits", lambda mnist: SimpleNamespace(x_test=None, y_test=None))
    monkeypatch.setattr(training.mnist_data, "require_no_leaks", lambda splits: None)
    monkeypatch.setattr(training, "train", lambda *args, **kwargs: trained.append(1) or result)
    monkeypatch.setattr(training, "evaluate_model", lambda *args: (0.5, 0.01))
    before = snapshot(old_model.parent)
    inject(monkeypatch, where, fault, model)
    code = main(["train", "--preset", "lenet5", "--epochs", "1", "--out", str(old_model)])
    monkeypatch.undo()
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith(f"error: cannot save the model in {old_model.parent}") and "unchanged" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert snapshot(old_model.parent) == before
    # An unwritable folder is found before training; a failure inside the save only after it.
    assert trained == ([] if where == "mkstemp" else [1])


# --- The backup and reverting -----------------------------------------------------------------------


def test_saving_over_a_model_keeps_it_as_the_backup(old_model):
    before = old_model.read_bytes()
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    backup = model_files.backup_path_for(old_model)
    assert backup.name == "m.previous.keras" and backup.read_bytes() == before
    assert model_files.load_history(backup) == OLD_HISTORY
    keras_model.load_model_safely(backup)
    storage.save_model_atomic(FakeModel(b"third"), old_model, {"run": "third"})
    assert backup.read_bytes() == b"second" and model_files.load_history(backup) == {"run": "second"}


def test_saving_without_history_drops_the_stale_one(old_model):
    storage.save_model_atomic(FakeModel(), old_model)
    assert not model_files.history_path_for(old_model).exists()
    assert model_files.load_history(old_model) == {}
    assert model_files.load_history(model_files.backup_path_for(old_model)) == OLD_HISTORY


def test_a_failing_backup_copy_changes_nothing(old_model, monkeypatch):
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    before = snapshot(old_model.parent)

    def no_link(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "link", no_link)  # forces the copy path ...
    monkeypatch.setattr(storage.shutil, "copyfile", full)  # ... which then fails
    with pytest.raises(SaveError, match="unchanged"):
        storage.save_model_atomic(FakeModel(b"third"), old_model, {"run": "third"})
    monkeypatch.undo()
    assert snapshot(old_model.parent) == before


def test_backup_by_copy_when_links_are_impossible(old_model, monkeypatch):
    before = old_model.read_bytes()
    monkeypatch.setattr(storage.os, "link", lambda *args: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    storage.save_model_atomic(FakeModel(), old_model, {"run": "new"})
    assert model_files.backup_path_for(old_model).read_bytes() == before


def test_revert_swaps_model_and_history_and_back(old_model):
    before = old_model.read_bytes()
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    assert storage.revert_to_backup(old_model) == old_model
    assert old_model.read_bytes() == before and model_files.load_history(old_model) == OLD_HISTORY
    backup = model_files.backup_path_for(old_model)
    assert backup.read_bytes() == b"second" and model_files.load_history(backup) == {"run": "second"}
    storage.revert_to_backup(old_model)
    assert old_model.read_bytes() == b"second" and model_files.load_history(old_model) == {"run": "second"}
    assert not storage.stale_temporaries(old_model)


def test_revert_without_a_backup_is_a_clear_error(old_model):
    with pytest.raises(ModelFileError, match=r"no backup to revert to \(m.previous.keras does not exist\)"):
        storage.revert_to_backup(old_model)


def test_revert_failing_to_write_changes_nothing(old_model, monkeypatch):
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    before = snapshot(old_model.parent)
    monkeypatch.setattr(storage.tempfile, "mkstemp", lambda **kwargs: (_ for _ in ()).throw(OSError(errno.EROFS, "ro")))
    with pytest.raises(SaveError, match="unchanged"):
        storage.revert_to_backup(old_model)
    monkeypatch.undo()
    assert snapshot(old_model.parent) == before


def test_cli_revert(old_model, capsys):
    before = old_model.read_bytes()
    assert main(["revert", "--model", str(old_model)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no backup" in err and len(err.strip().splitlines()) == 1
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    assert main(["revert", "--model", str(old_model)]) == 0
    assert "Reverted" in capsys.readouterr().out
    assert old_model.read_bytes() == before


# --- History that matches its model -----------------------------------------------------------------


def test_history_of_another_model_is_not_shown(old_model):
    storage.save_model_atomic(FakeModel(b"second"), old_model, {"run": "second"})
    shutil.copyfile(model_files.backup_path_for(old_model), old_model)  # replaced by hand, history file left
    assert model_files.load_history(old_model) == {}


def test_history_without_a_hash_is_trusted_as_before(old_model):
    model_files.history_path_for(old_model).write_text(json.dumps({"legacy": True}))
    assert model_files.load_history(old_model) == {"legacy": True}


def test_history_records_the_model_hash_but_does_not_return_it(old_model):
    on_disk = json.loads(model_files.history_path_for(old_model).read_text())
    assert on_disk[model_files.HASH_KEY] == model_files.file_sha256(old_model)
    assert model_files.HASH_KEY not in model_files.load_history(old_model)


# --- Leftovers of killed saves ---------------------------------------------------------------------


def test_stale_temporaries_are_removed_by_the_next_save(old_model):
    folder = old_model.parent
    stale = [folder / ".m.abc123.tmp.keras", folder / ".m.abc123.tmp.history.json", folder / ".m.previous.x.tmp.keras"]
    for path in stale:
        path.write_bytes(b"half a file")
    unrelated = folder / ".other.abc.tmp.keras"
    unrelated.write_bytes(b"someone else's")
    keras_model.load_model_safely(old_model)  # leftovers do not disturb loading ...
    assert model_files.load_history(old_model) == OLD_HISTORY
    time.sleep(0.01)
    storage.save_model_atomic(FakeModel(), old_model, {"run": "new"})  # ... and the next save removes them
    assert not any(path.exists() for path in stale)
    assert unrelated.exists()


def test_fresh_temporaries_of_a_running_save_are_kept(old_model):
    started = time.time() - 60
    fresh = old_model.parent / ".m.running.tmp.keras"
    fresh.write_bytes(b"being written")
    assert storage.remove_stale_temporaries(old_model, older_than=started) == []
    assert fresh.exists()
