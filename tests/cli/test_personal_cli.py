"""`handwriting learn` and `handwriting forget`, and a SIGKILL in the middle of a fine-tune."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from handwriting.cli.main import main
from handwriting.faults import FAULT_ENV
from handwriting.files.model_files import DEFAULT_MODEL_PATH, file_sha256
from handwriting.files.paths import user_paths
from handwriting.personal import tuning as personal_tuning
from handwriting.personal.fine_tune import PersonalStore
from handwriting.personal.tuning import Recipe
from handwriting.recognition.recognizer import Recognizer

from helpers import enrolled, tiny_replay

ROOT = Path(__file__).resolve().parents[2]
MARKER_TIMEOUT_S = 180


@pytest.fixture()
def samples(mnist) -> PersonalStore:
    """The user's store with two drawings of every digit, and a small replay set in the cache."""
    tiny_replay(mnist).save(user_paths().cache / "personal-replay.npz")
    store = PersonalStore(user_paths().personal_store)
    enrolled(store, mnist)
    return store


@pytest.mark.tensorflow
def test_learn_fine_tunes_the_default_store_and_prints_where_its_files_are(samples, capsys, monkeypatch):
    monkeypatch.setattr(personal_tuning, "DEFAULT_RECIPE", Recipe(steps=3, batch_size=8))
    assert main(["learn"]) == 0
    out = capsys.readouterr().out
    assert str(user_paths().personal_store) in out and str(user_paths().personal_model) in out
    assert "Learning 20 samples" in out and "Saved" in out
    assert Recognizer.load(user_paths().personal_model).history["samples"] == 20


def test_learn_without_samples_says_what_to_do(capsys):
    assert main(["learn"]) == 1
    error = capsys.readouterr().err
    assert "no handwriting samples yet" in error and "Learn my handwriting" in error
    assert not user_paths().personal_store.exists()  # nothing is created by asking


def test_learn_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list")
    assert main(["learn", "--store", str(notes)]) == 1
    assert f"{notes}: is not a handwriting store" in capsys.readouterr().err
    assert notes.read_text() == "shopping list"


def test_forget_without_a_terminal_needs_yes_then_deletes_everything(samples, capsys, monkeypatch):
    user_paths().models.mkdir(parents=True)
    shutil.copyfile(DEFAULT_MODEL_PATH, user_paths().personal_model)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["forget"]) == 2
    assert "--yes" in capsys.readouterr().err and len(samples) == 20
    assert main(["forget", "--yes"]) == 0
    out = capsys.readouterr().out
    assert str(user_paths().personal_store) in out and "Deleted 20 samples" in out
    assert len(samples) == 0 and not user_paths().personal_model.exists()


def test_forget_asks_on_a_terminal(samples, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _question: "n")
    assert main(["forget"]) == 1 and len(samples) == 20
    monkeypatch.setattr("builtins.input", lambda _question: "y")
    assert main(["forget"]) == 0 and len(samples) == 0


# --- SIGKILL ----------------------------------------------------------------------------------------------


def start_learning(home: Path, point: str) -> tuple[subprocess.Popen, queue.Queue]:
    env = {**os.environ, "HANDWRITING_HOME": str(home), FAULT_ENV: point, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.update(TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1", OMP_NUM_THREADS="1")
    process = subprocess.Popen([sys.executable, "-m", "handwriting", "learn"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr] + [lines.put(None)],
                     daemon=True).start()
    return process, lines


def wait_for(lines: queue.Queue, marker: str) -> None:
    deadline = time.monotonic() + MARKER_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        assert line is not None, "the fine-tune ended before reaching the fault point"
        if marker in line:
            return
    raise AssertionError(f"no {marker!r} within {MARKER_TIMEOUT_S} s")


@pytest.mark.process
@pytest.mark.parametrize("point", ["personal-step", "save-model"])
def test_sigkill_during_a_fine_tune_loses_no_sample_and_keeps_the_previous_personal_model(tmp_path, mnist, point):
    home = tmp_path / "home"
    os.environ["HANDWRITING_HOME"], saved = str(home), os.environ.get("HANDWRITING_HOME")
    try:
        paths = user_paths()
        tiny_replay(mnist).save(paths.cache / "personal-replay.npz")
        store = PersonalStore(paths.personal_store)
        enrolled(store, mnist)
        paths.models.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_MODEL_PATH, paths.personal_model)
        previous = file_sha256(paths.personal_model)
        process, lines = start_learning(home, point)
        try:
            wait_for(lines, f"fault-point: {point}")
            store.add(np.asarray(mnist.test_images[0], np.float32) / 255.0, int(mnist.test_labels[0]))  # meanwhile
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            process.kill()
        assert process.returncode == -signal.SIGKILL
        assert len(PersonalStore(paths.personal_store)) == 21  # nothing lost, the one added meanwhile kept
        assert file_sha256(paths.personal_model) == previous
        assert Recognizer.load(paths.personal_model).has_not_a_digit
    finally:
        if saved is not None:
            os.environ["HANDWRITING_HOME"] = saved
