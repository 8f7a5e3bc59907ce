"""For the child-process tests: small jobs (top-level, so a spawned child can import them) and process checks."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from pathlib import Path


def group_members(pgid: int) -> list[int]:
    """The ids of the processes in process group `pgid` (Linux /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def no_process_left(pid: int) -> bool:
    """The child is reaped (not even a zombie), nothing of its process group is left, and no child is tracked."""
    gone = not Path(f"/proc/{pid}").exists() and not group_members(pid)
    return gone and multiprocessing.active_children() == []


def report_modules_job(monitor) -> dict:
    """Return which heavy libraries the child has imported."""
    return {name: name in sys.modules for name in ("PyQt5", "tensorflow", "pytest")}


def failing_job(monitor, message: str) -> None:
    """Raise a ValueError with `message` (a user-facing error)."""
    raise ValueError(message)


def crashing_job(monitor) -> None:
    """Raise an unexpected error."""
    raise RuntimeError("boom")


def exiting_job(monitor, code: int) -> None:
    """End the process abruptly with `code`, sending nothing."""
    os._exit(code)


def stubborn_job(monitor, seconds: float) -> str:
    """Ignore stop requests (as a run stuck before its first batch would) and sleep."""
    time.sleep(seconds)
    return "slept"


def polite_job(monitor, seconds: float) -> str:
    """Send a batch event every 10 ms; return "stopped" soon after a stop request."""
    monitor.on_start(1, 1000)
    for step in range(int(seconds * 100)):
        if monitor.stop_requested:
            return "stopped"
        monitor.on_batch(0, step, 1000, {"loss": 1.0})
        time.sleep(0.01)
    return "ran out"


def saving_job(monitor, seconds: float) -> str:
    """Start saving at once, then take `seconds` to finish."""
    monitor.on_saving()
    time.sleep(seconds)
    return "saved"


def parent_of_a_helper_job(monitor, seconds: float) -> None:
    """Start a helper process (as the drawing pool does), announce it, then sleep."""
    import subprocess

    helper = subprocess.Popen(["sleep", str(seconds)])
    monitor.send({"kind": "helper", "pid": helper.pid})
    time.sleep(seconds)
