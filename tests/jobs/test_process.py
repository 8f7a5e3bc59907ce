"""Training in a child process: progress over the pipe, stop, escalation, and a clear message when it dies."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH, history_path_for
from handwriting.jobs import process as tp
from handwriting.training.config import TrainConfig
from handwriting.training.recipe import train_job

import helpers as jobs
from helpers import no_process_left

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(300)

# Run by a fresh interpreter: train a tiny run in a child and print every event, then whether this
# (parent) process ever imported TensorFlow.
DRIVER = """
import json, sys
from handwriting.training.config import TrainConfig
from handwriting.jobs.process import JobProcess
from handwriting.training.recipe import train_job
config = TrainConfig(preset="fast", epochs=1, batch_size=32, train_limit=1000, mnist_only=True)
process = JobProcess(train_job, {"config": config, "out": sys.argv[1]})
process.start()
events = process.wait(timeout=240)
process.shutdown()
print(json.dumps({"events": events, "parent_tensorflow": "tensorflow" in sys.modules,
                  "parent_keras": "keras" in sys.modules, "exitcode": process.exitcode}))
"""


def kinds(events: list[dict]) -> list[str]:
    return [event["kind"] for event in events]


@pytest.fixture()
def previous_model(tmp_path) -> Path:
    """A copy of the shipped model and its history, standing in for the user's current model."""
    out = tmp_path / "model.keras"
    shutil.copy(DEFAULT_MODEL_PATH, out)
    shutil.copy(history_path_for(DEFAULT_MODEL_PATH), history_path_for(out))
    return out


def first_event(process: tp.JobProcess, kind: str, timeout: float = 240) -> list[dict]:
    deadline = time.monotonic() + timeout
    events: list[dict] = []
    while time.monotonic() < deadline and not process.done:
        events += process.poll(0.5)
        if kind in kinds(events):
            return events
    pytest.fail(f"no {kind} event; got {kinds(events)}")


@pytest.mark.process
def test_a_tiny_run_reports_progress_and_saves_and_the_parent_never_imports_tensorflow(tmp_path):
    out = tmp_path / "tiny.keras"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, str(out)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=280
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    events = report["events"]
    assert not report["parent_tensorflow"] and not report["parent_keras"]
    assert kinds(events)[0] == tp.STARTED and events[0]["qt_loaded"] is False
    assert kinds(events)[1] == tp.BEGIN and events[1]["steps"] == 32  # 1000 images in batches of 32
    batches = [event for event in events if event["kind"] == tp.BATCH]
    assert 1 <= len(batches) <= 32 and batches[-1]["step"] == 32  # throttled; the epoch's last batch always sent
    assert all(batch["loss"] > 0 for batch in batches)
    assert kinds(events)[-3:] == [tp.EPOCH, tp.SAVING, tp.FINISHED]
    record = events[-3]["record"]
    assert record["epoch"] == 1 and 0.1 < record["val_accuracy"] <= 1
    result = events[-1]["result"]
    assert not result["cancelled"] and result["saved_to"] == str(out)
    assert result["history"]["config"]["train_limit"] == 1000 and "test_accuracy" in result["history"]
    assert out.exists() and history_path_for(out).exists()
    assert report["exitcode"] == 0


@pytest.mark.process
def test_request_stop_ends_the_run_after_the_current_batch_and_keeps_the_model(previous_model):
    before = previous_model.read_bytes()
    config = TrainConfig(preset="fast", epochs=2, batch_size=32, train_limit=20_000, mnist_only=True)
    process = tp.JobProcess(train_job, {"config": config, "out": previous_model})
    process.start()
    try:
        first_event(process, tp.BATCH)
        asked = time.monotonic()
        process.request_stop()
        events = process.wait(timeout=30)
        elapsed = time.monotonic() - asked
    finally:
        process.shutdown()
    assert kinds(events)[-1] == tp.FINISHED and events[-1]["result"]["cancelled"]
    assert events[-1]["result"]["saved_to"] is None
    assert tp.EPOCH not in kinds(events) and tp.SAVING not in kinds(events)
    assert len([e for e in events if e["kind"] == tp.BATCH]) <= 2  # at most the batch running when asked
    assert elapsed < 3.0, f"stop took {elapsed:.1f} s"  # a batch takes ~20 ms; the rest is the child's exit
    assert previous_model.read_bytes() == before
    assert process.exitcode == 0 and no_process_left(process.pid)


@pytest.mark.process
def test_a_killed_child_gives_a_clear_message_and_leaves_the_model_and_no_process(previous_model):
    before = previous_model.read_bytes()
    history_before = history_path_for(previous_model).read_bytes()
    config = TrainConfig(preset="fast", epochs=2, batch_size=32, train_limit=20_000, mnist_only=True)
    process = tp.JobProcess(train_job, {"config": config, "out": previous_model})
    process.start()
    try:
        first_event(process, tp.BATCH)
        os.kill(process.pid, signal.SIGKILL)
        events = process.wait(timeout=30)
    finally:
        process.shutdown()
    final = events[-1]
    assert final["kind"] == tp.FAILED and final["exitcode"] == -signal.SIGKILL
    assert final["message"].startswith("training stopped unexpectedly (killed by signal 9, SIGKILL")
    assert final["message"].endswith("your current model is unchanged")
    assert previous_model.read_bytes() == before
    assert history_path_for(previous_model).read_bytes() == history_before
    assert no_process_left(process.pid)


def run_job(job, timeout: float = 60, **kwargs) -> tuple[tp.JobProcess, list[dict]]:
    process = tp.JobProcess(job, kwargs)
    process.start()
    try:
        events = process.wait(timeout=timeout)
    finally:
        process.shutdown()
    return process, events


@pytest.mark.process
def test_the_child_imports_neither_qt_nor_tensorflow_by_itself():
    _, events = run_job(jobs.report_modules_job)
    assert events[0] == {"kind": tp.STARTED, "pid": events[0]["pid"], "qt_loaded": False}
    result = events[-1]["result"]
    assert result["PyQt5"] is False and result["tensorflow"] is False


@pytest.mark.process
def test_an_error_in_the_job_is_reported_as_its_message():
    process, events = run_job(jobs.failing_job, message="learning rate must be between 0 and 1")
    assert events[-1] == {"kind": tp.FAILED, "message": "learning rate must be between 0 and 1"}
    assert process.exitcode == 1 and no_process_left(process.pid)
    _, events = run_job(jobs.crashing_job)
    assert events[-1]["message"] == "unexpected error: RuntimeError: boom"


@pytest.mark.process
def test_a_child_that_exits_without_a_result_is_reported():
    process, events = run_job(jobs.exiting_job, code=3)
    assert kinds(events) == [tp.STARTED, tp.FAILED]
    assert events[-1]["message"] == "training stopped unexpectedly (exit code 3); your current model is unchanged"
    assert no_process_left(process.pid)


def cancel_after(job, kind: str, grace_s: float, seconds: float = 60) -> tuple[tp.JobProcess, list[dict], float]:
    """Run `job`, ask it to stop at its first `kind` event, wait: (process, later events, seconds from the ask)."""
    process = tp.JobProcess(job, {"seconds": seconds})
    process.start()
    try:
        first_event(process, kind, timeout=60)
        asked = time.monotonic()
        process.cancel(grace_s=grace_s)
        events = process.wait(timeout=10)
        elapsed = time.monotonic() - asked
    finally:
        process.shutdown()
    return process, events, elapsed


@pytest.mark.process
def test_a_polite_job_stops_on_request_without_escalation():
    process, events, _ = cancel_after(jobs.polite_job, tp.BATCH, grace_s=5)
    assert events[-1] == {"kind": tp.FINISHED, "result": "stopped"}
    assert process.exitcode == 0


@pytest.mark.process
def test_batch_events_are_throttled():
    process = tp.JobProcess(jobs.polite_job, {"seconds": 1.0})
    process.start()
    try:
        events = process.wait(timeout=60)
    finally:
        process.shutdown()
    batches = [event for event in events if event["kind"] == tp.BATCH]
    assert events[-1]["result"] == "ran out"
    assert 5 <= len(batches) <= 15  # 100 batches in ~1 s, at most one event every 0.1 s


@pytest.mark.process
def test_a_job_that_ignores_the_stop_is_terminated_after_the_grace_period():
    process, events, elapsed = cancel_after(jobs.stubborn_job, tp.STARTED, grace_s=0.2)
    assert events[-1]["kind"] == tp.CANCELLED and process.exitcode == -signal.SIGTERM
    assert elapsed < 2.0
    assert no_process_left(process.pid)


@pytest.mark.process
def test_a_child_that_is_saving_is_left_to_finish():
    _, events, _ = cancel_after(jobs.saving_job, tp.SAVING, grace_s=0.1, seconds=1.0)
    assert events[-1] == {"kind": tp.FINISHED, "result": "saved"}


@pytest.mark.process
def test_shutdown_ends_a_running_child_and_leaves_no_process():
    process = tp.JobProcess(jobs.stubborn_job, {"seconds": 60})
    process.start()
    first_event(process, tp.STARTED, timeout=60)
    started = time.monotonic()
    process.shutdown(grace_s=0.2)
    assert time.monotonic() - started < 2.0
    assert not process.is_alive() and no_process_left(process.pid)


@pytest.mark.process
def test_killing_the_child_also_ends_the_helpers_it_started():
    process = tp.JobProcess(jobs.parent_of_a_helper_job, {"seconds": 60})
    process.start()
    try:
        helper = first_event(process, "helper", timeout=60)[-1]["pid"]
        os.kill(process.pid, signal.SIGKILL)
        events = process.wait(timeout=10)
    finally:
        process.shutdown()
    assert events[-1]["kind"] == tp.FAILED

    def helper_ended() -> bool:
        try:
            return Path(f"/proc/{helper}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except (OSError, IndexError):
            return True

    deadline = time.monotonic() + 5
    while not helper_ended() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert helper_ended()  # killed (at most a zombie waiting for init to reap it), not orphaned and sleeping


def test_exit_messages():
    assert tp.describe_exit(-9) == (
        "training stopped unexpectedly (killed by signal 9, SIGKILL: the system may have run out of memory); "
        "your current model is unchanged"
    )
    assert tp.describe_exit(-11, "fine-tuning").startswith(
        "fine-tuning stopped unexpectedly (killed by signal 11, SIGSEGV)"
    )
    assert "exit code 1" in tp.describe_exit(1)
