"""What a fine-tune replays besides the user's samples, and calibrates on: drawn once, cached per user.

Replay: MNIST's training split, the training writers' pen digits and generated non-digits, so that a
personal model keeps what the base model learnt. Calibration: MNIST's validation split, the validation
writers' digits and the project's non-digit set, none of them the user's.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from handwriting.labels import NOT_A_DIGIT

REPLAY_VERSION = 3  # bump when what replay_data() draws changes: the cached file is then rebuilt
REPLAY_MNIST = 8_000  # MNIST training images replayed
REPLAY_PEN_DIGITS = 3_000  # training writers' digits, drawn once each
REPLAY_NON_DIGITS = 1_000
CALIBRATION_MNIST = 3_000  # MNIST validation images the temperature is fitted on (with drawn validation data)
REPLAY_SEED = 2_468


@dataclass(frozen=True)
class ReplayData:
    """28x28 uint8 images and labels (0-9, 10 = not a digit): replayed while tuning, and for calibration.

    `calibration_writers` names the pen writer of each calibration image (-1: MNIST or a non-digit), so
    a benchmark that simulates one of those writers can leave the writer's own drawings out.
    """

    x: np.ndarray
    y: np.ndarray
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    calibration_writers: np.ndarray

    def without_writer(self, writer: int) -> ReplayData:
        """The same data with one writer's drawings left out of the calibration set."""
        keep = self.calibration_writers != writer
        return replace(
            self,
            calibration_x=self.calibration_x[keep],
            calibration_y=self.calibration_y[keep],
            calibration_writers=self.calibration_writers[keep],
        )

    def save(self, path: Path) -> None:
        """Write to an .npz file atomically (temporary file, fsync, rename)."""
        import os
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.npz", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, version=REPLAY_VERSION, **asdict(self))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, path)
        finally:
            Path(name).unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> ReplayData | None:
        """Read a cached file; None when it is missing, damaged or of another version."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"]) != REPLAY_VERSION:
                    return None
                return cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError):
            return None


def build_replay_data() -> ReplayData:
    """Draw the replay and calibration data (about ten seconds on two cores)."""
    from handwriting.digits import nondigits
    from handwriting.digits.drawn import draw_all, validation_non_digits
    from handwriting.digits.mnist import load_mnist, make_splits
    from handwriting.digits.pendigits import load_pendigits, split_writers

    rng = np.random.default_rng(REPLAY_SEED)
    splits = make_splits(load_mnist())
    mnist = rng.choice(len(splits.y_train), REPLAY_MNIST, replace=False)
    calibration = rng.choice(len(splits.y_val), CALIBRATION_MNIST, replace=False)
    pen = load_pendigits()
    split = split_writers(pen.writers)
    train_pen, val_pen = pen.by_writers(split.train), pen.by_writers(split.val)
    chosen = rng.choice(len(train_pen.digits), min(REPLAY_PEN_DIGITS, len(train_pen.digits)), replace=False)
    others, _ = nondigits.generate(
        REPLAY_NON_DIGITS, seed=[REPLAY_SEED, 1],
        digit_strokes=[d.strokes for d in train_pen.digits], digit_labels=train_pen.labels,
    )
    drawn = draw_all([train_pen.digits[i].strokes for i in chosen] + others, seed=[REPLAY_SEED, 2])
    val_others, _ = validation_non_digits(val_pen)
    val_drawn = draw_all([d.strokes for d in val_pen.digits] + val_others, seed=[REPLAY_SEED, 3])
    non_digit = np.full(len(others), NOT_A_DIGIT)
    return ReplayData(
        x=np.concatenate([splits.x_train[mnist], drawn]),
        y=np.concatenate([splits.y_train[mnist], train_pen.labels[chosen], non_digit]).astype(np.uint8),
        calibration_x=np.concatenate([splits.x_val[calibration], val_drawn]),
        calibration_y=np.concatenate(
            [splits.y_val[calibration], val_pen.labels, np.full(len(val_others), NOT_A_DIGIT)]
        ).astype(np.uint8),
        calibration_writers=np.concatenate(
            [np.full(CALIBRATION_MNIST, -1), val_pen.writers, np.full(len(val_others), -1)]
        ).astype(np.int64),
    )


def replay_data(cache: Path | None = None) -> ReplayData:
    """The replay data, read from `cache` (an .npz file) when it holds the current version, else drawn and cached."""
    if cache is not None:
        cached = ReplayData.load(cache)
        if cached is not None:
            return cached
    data = build_replay_data()
    if cache is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs drawing it again
            data.save(cache)
    return data
