"""A fault-injection hook for crash tests: pause the process at a named point so a test can kill it there."""

from __future__ import annotations

import os
import sys
import time

FAULT_ENV = "HANDWRITING_FAULT_PAUSE"
FAULT_SECONDS_ENV = "HANDWRITING_FAULT_SECONDS"
DEFAULT_PAUSE_SECONDS = 300.0

# The named points, in the order a training run reaches them.
POINTS = {
    "epoch": "inside an epoch, after the first batch",
    "checkpoint": "while the best-validation weights are being copied (the per-epoch checkpoint)",
    "save-model": "after the temporary .keras file (and history) are written and the backup is made, "
    "before os.replace publishes the model",
    "save-history": "after the model is replaced, before its history file is replaced",
}

_fired: set[str] = set()


def fault_point(name: str) -> None:
    """Pause here if HANDWRITING_FAULT_PAUSE names this point; a no-op otherwise (the normal case).

    When it fires, the process prints `fault-point: <name>` to stderr (flushed), then sleeps
    HANDWRITING_FAULT_SECONDS (default 300) so that a test can SIGKILL it at exactly this point.
    Each point fires at most once per process; if the process is not killed it carries on.
    """
    if os.environ.get(FAULT_ENV) != name or name in _fired:
        return
    _fired.add(name)
    print(f"fault-point: {name}", file=sys.stderr, flush=True)
    try:
        seconds = float(os.environ.get(FAULT_SECONDS_ENV, DEFAULT_PAUSE_SECONDS))
    except ValueError:
        seconds = DEFAULT_PAUSE_SECONDS
    time.sleep(max(0.0, seconds))
