"""SIGKILL a real `python -m handwriting train` at each fault point: the previous model is never lost.

Each run pauses at a named point (HANDWRITING_FAULT_PAUSE, see handwriting/faults.py), prints
`fault-point: <name>` and is killed there. The four runs start together to save time.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from handwriting.faults import FAULT_ENV, POINTS
from handwriting.files import model_files, storage
from handwriting.recognition.recognizer import Recognizer
from handwriting.training.model import build_model

pytestmark = [pytest.mark.tensorflow]

ROOT = Path(__file__).resolve().parents[2]
MARKER_TIMEOUT_S = 240
PREVIOUS_HISTORY = {"run": "previous", "epochs": [{"epoch": 1, "val_accuracy": 0.1}]}


def start_training(out: Path, point: str) -> tuple[subprocess.Popen, queue.Queue]:
    env = {**os.environ, FAULT_ENV: point, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONUNBUFFERED": "1"}
    env.update(TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1", OMP_NUM_THREADS="1")  # four run at once
    # MNIST alone: the pen data (drawn on every start) has nothing to do with how a save survives a kill.
    command = [sys.executable, "-m", "handwriting", "train", "--preset", "lenet5", "--limit", "2000", "--epochs", "2",
               "--mnist-only"]
    process = subprocess.Popen(
        [*command, "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return process, lines


def wait_for_marker(process: subprocess.Popen, lines: queue.Queue, point: str) -> list[str]:
    deadline = time.monotonic() + MARKER_TIMEOUT_S
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if line.strip() == f"fault-point: {point}":
            return seen
    process.kill()
    pytest.fail(f"no fault-point marker for {point!r}; stderr was:\n{''.join(seen)[-2000:]}")


@pytest.fixture(scope="module")
def killed_runs(tmp_path_factory) -> dict[str, dict]:
    """For each fault point: a folder with a previous model, a training run SIGKILLed at that point."""
    runs = {}
    for point in POINTS:
        folder = tmp_path_factory.mktemp(point)
        out = folder / "model.keras"
        storage.save_model_atomic(build_model("lenet5", seed=1), out, PREVIOUS_HISTORY)
        runs[point] = {
            "out": out,
            "model_bytes": out.read_bytes(),
            "history_bytes": model_files.history_path_for(out).read_bytes(),
        }
    for point, run in runs.items():
        run["process"], run["lines"] = start_training(run["out"], point)
    for point, run in runs.items():
        wait_for_marker(run["process"], run["lines"], point)
        os.kill(run["process"].pid, signal.SIGKILL)
        assert run["process"].wait(timeout=30) == -signal.SIGKILL
    return runs


@pytest.mark.parametrize("point", ["epoch", "checkpoint", "save-model"])
def test_kill_before_the_model_is_replaced_keeps_it(killed_runs, point):
    run = killed_runs[point]
    out = run["out"]
    assert out.read_bytes() == run["model_bytes"]
    assert model_files.history_path_for(out).read_bytes() == run["history_bytes"]
    assert model_files.load_history(out) == PREVIOUS_HISTORY
    assert Recognizer.load(out).history == PREVIOUS_HISTORY
    if point == "save-model":  # the backup was already made: it is the previous model, whole
        backup = model_files.backup_path_for(out)
        assert backup.read_bytes() == run["model_bytes"]
        assert model_files.load_history(backup) == PREVIOUS_HISTORY
        assert storage.stale_temporaries(out), "the killed save left its temporary files"
    else:
        assert not model_files.backup_path_for(out).exists()


def test_kill_between_model_and_history_keeps_a_consistent_pair(killed_runs):
    run = killed_runs["save-history"]
    out = run["out"]
    assert out.read_bytes() != run["model_bytes"]  # the new model was published ...
    assert model_files.history_path_for(out).read_bytes() == run["history_bytes"]  # ... its history file was not
    history = Recognizer.load(out).history
    assert history["preset"] == "lenet5" and len(history["epochs"]) == 2  # the new model's own history
    assert history != PREVIOUS_HISTORY
    backup = model_files.backup_path_for(out)
    assert backup.read_bytes() == run["model_bytes"]
    assert Recognizer.load(backup).history == PREVIOUS_HISTORY


def test_next_save_cleans_up_after_a_killed_one(killed_runs):
    out = killed_runs["save-model"]["out"]
    assert storage.stale_temporaries(out)
    storage.save_model_atomic(build_model("lenet5", seed=3), out, {"run": "next"})
    assert storage.stale_temporaries(out) == []
    assert model_files.load_history(out) == {"run": "next"}
    assert model_files.load_history(model_files.backup_path_for(out)) == PREVIOUS_HISTORY
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        ["model.keras", "model.history.json", "model.previous.keras", "model.previous.history.json"]
    )
