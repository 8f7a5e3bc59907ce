"""Small jobs for the child-process tests (top-level functions, so the spawned child can import them)."""

from __future__ import annotations

import os
import sys
import time


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
