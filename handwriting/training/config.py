"""The recipe's settings: its constants, chosen on validation, and the TrainConfig and TrainResult of a run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handwriting.training import logs as training_logs
from handwriting.training.model import DEFAULT_PRESET, PRESETS

# --- The recipe (chosen on the validation split; see docs/how-it-works.md) ------------------------

DEFAULT_EPOCHS = PRESETS[DEFAULT_PRESET].epochs
DEFAULT_BATCH_SIZE = 128
DEFAULT_LEARNING_RATE = 3e-3
WARMUP_EPOCHS = 1
LABEL_SMOOTHING = 0.1
WEIGHT_DECAY = 1e-4
SHUFFLE_BUFFER = 10_000
# Half of each augmented batch is left as drawn: over three seeds the validation writers and non-digits
# read 0.2 points better than with every image distorted, MNIST validation no worse (docs/how-it-works.md).
CLEAN_SHARE = 0.5
EVAL_BATCH_SIZE = 1_000
# Early epochs, at a high learning rate, swing by a point or more in validation accuracy from one epoch to
# the next; a lucky one would win the checkpoint. Only the last third of the schedule competes.
CHECKPOINT_FROM = 2 / 3


@dataclass
class TrainConfig:
    """Everything that defines a training run; stored in the history for reproducibility."""

    preset: str = DEFAULT_PRESET
    epochs: int = DEFAULT_EPOCHS
    batch_size: int = DEFAULT_BATCH_SIZE
    learning_rate: float = DEFAULT_LEARNING_RATE
    seed: int = 0
    augment: bool = True
    train_limit: int | None = None  # train on the first N images only (quick runs, tests)
    mnist_only: bool = False  # the classic setting: MNIST alone, ten classes, no pen digits or "not a digit"
    tensorboard_dir: str | None = None  # write TensorBoard logs into a new run folder under it

    @classmethod
    def for_preset(cls, preset: str = DEFAULT_PRESET, **overrides) -> TrainConfig:
        """The preset's own recipe (epochs, learning rate, augmentation); overrides that are None are ignored."""
        if preset not in PRESETS:
            raise ValueError(f"unknown preset '{preset}'; choose one of {', '.join(PRESETS)}")
        spec = PRESETS[preset]
        values = {"epochs": spec.epochs, "learning_rate": spec.learning_rate, "augment": spec.augment}
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(preset=preset, **values)

    def validate(self) -> None:
        """Raise ValueError with a user-facing message for impossible settings."""
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset '{self.preset}'; choose one of {', '.join(PRESETS)}")
        if self.epochs < 1:
            raise ValueError("epochs must be at least 1")
        if self.batch_size < 1:
            raise ValueError("batch size must be at least 1")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning rate must be between 0 and 1")
        if self.train_limit is not None and self.train_limit < 1:
            raise ValueError("train limit must be at least 1")
        if self.tensorboard_dir and not training_logs.tensorboard_available():
            raise ValueError(training_logs.MISSING_TENSORBOARD)


@dataclass
class TrainResult:
    """What a run produced. `model` holds the best-validation weights."""

    model: object
    history: dict
    cancelled: bool
    best_epoch: int | None
    saved_to: Path | None = None
    epochs: list[dict] = field(default_factory=list)
