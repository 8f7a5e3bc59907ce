"""The `handwriting learn` and `handwriting forget` commands: the personal model from the command line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from handwriting.errors import HandwritingError
from handwriting.files.catalog import delete_model
from handwriting.files.paths import user_paths
from handwriting.jobs.monitor import JobMonitor

PROGRESS_INTERVAL_S = 1.0


class ConsoleMonitor(JobMonitor):
    """Prints a fine-tune's progress about once a second."""

    def __init__(self) -> None:
        super().__init__()
        self._last = 0.0

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """One line per second: step and loss."""
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or step + 1 == steps_per_epoch:
            self._last = now
            print(f"  step {step + 1}/{steps_per_epoch}, loss {logs.get('loss', float('nan')):.3f}", flush=True)


def _where(store: Path | None, out: Path | None) -> tuple[Path, Path]:
    paths = user_paths()
    return (store or paths.personal_store), (out or paths.personal_model)


def learn(store: Path | None, out: Path | None, base: Path | None) -> int:
    """Fine-tune `base` to the samples in `store` and save the personal model to `out`."""
    from handwriting.personal.fine_tune import PersonalStore, fine_tune

    store_path, out_path = _where(store, out)
    print(f"Samples:        {store_path}")
    print(f"Personal model: {out_path}")
    if not store_path.is_file():
        raise HandwritingError(
            f"{store_path}: there are no handwriting samples yet; draw some in the app "
            "(Model > Learn my handwriting…) or pass another file with --store"
        )
    samples = PersonalStore(store_path)
    count = len(samples)
    if count == 0:
        raise HandwritingError(
            f"{store_path} holds no samples yet; draw some in the app (Model > Learn my handwriting…)"
        )
    print(f"Learning {count} sample{'s' * (count != 1)} (first run: the replay data is drawn once, about 20 s)…")
    started = time.perf_counter()
    try:
        saved = fine_tune(samples, out_path, base, ConsoleMonitor())
    except KeyboardInterrupt:
        print("Interrupted; the personal model is unchanged.", file=sys.stderr)
        return 130
    print(f"Saved {saved} in {time.perf_counter() - started:.0f} s")
    print(f"Use it with: handwriting gui --model '{saved}' (the app uses it by itself)")
    return 0


def _confirmed(question: str) -> bool | None:
    """The user's answer on a terminal; None when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def forget(store: Path | None, out: Path | None, yes: bool) -> int:
    """Delete every sample in `store` and the personal model `out` (with its history)."""
    from handwriting.personal.fine_tune import PersonalStore

    store_path, out_path = _where(store, out)
    print(f"Samples:        {store_path}")
    print(f"Personal model: {out_path}")
    samples = PersonalStore(store_path) if store_path.is_file() else None
    count = len(samples) if samples is not None else 0
    if count == 0 and not out_path.exists():
        print("Nothing to forget: there are no samples and no personal model.")
        return 0
    if not yes:
        answer = _confirmed(f"Delete {count} handwriting sample{'s' * (count != 1)} and the personal model?")
        if answer is None:
            print(
                "error: not deleting without confirmation; run 'handwriting forget --yes' to confirm", file=sys.stderr
            )
            return 2
        if not answer:
            print("Nothing deleted.")
            return 1
    if samples is not None:
        samples.clear()
    delete_model(out_path)
    print(f"Deleted {count} sample{'s' * (count != 1)} and the personal model; the shipped model is used again.")
    return 0
