"""How many images a retrain trains on, in numbers and in words: the retrain dialog's count and its limit."""

from __future__ import annotations

import os
from dataclasses import replace

from PyQt5.QtCore import QCoreApplication

from handwriting.digits.drawn import TrainingCounts, training_counts
from handwriting.digits.mnist import VALIDATION_SIZE
from handwriting.errors import HandwritingError
from handwriting.training.config import TrainConfig

translate = QCoreApplication.translate
TRAIN_LIMIT_VARIABLE = "HANDWRITING_TRAIN_LIMIT"
MNIST_TRAINING_FILE_SIZE = 60_000
TRAINING_IMAGES = MNIST_TRAINING_FILE_SIZE - VALIDATION_SIZE  # the training split (the rest validates)


def train_limit_from_environment(environ=None) -> int | None:
    """HANDWRITING_TRAIN_LIMIT as a positive number of images, None when unset or not a positive number."""
    value = (os.environ if environ is None else environ).get(TRAIN_LIMIT_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


class TrainingImages:
    """How many images a run trains on, in numbers and in words: the retrain dialog's count and its limit.

    `default_limit` is HANDWRITING_TRAIN_LIMIT's (a run's train_limit when it sets none); a config's own
    train_limit (the dialog's "Training images") wins over it.
    """

    def __init__(self, default_limit: int | None = None) -> None:
        self.default_limit = default_limit

    def counts(self, config: TrainConfig | None = None, limited: bool = True) -> TrainingCounts:
        """What a run with `config` trains on (with its limit, or the environment's, unless `limited` is False)."""
        config = config or TrainConfig()
        limit = (config.train_limit or self.default_limit) if limited else None
        try:
            return training_counts(TRAINING_IMAGES, limit, config.mnist_only)
        except (HandwritingError, OSError):  # no pen digits: the run says why when it starts
            return training_counts(TRAINING_IMAGES, limit, mnist_only=True)

    def used(self, config: TrainConfig | None = None) -> int:
        """How many training images a run with `config` uses."""
        return self.counts(config).total

    def full(self, config: TrainConfig | None = None) -> int:
        """How many training images there are for a run like `config` (96,998 for the default recipe)."""
        return self.counts(config, limited=False).total

    def limit_for(self, images: int, config: TrainConfig | None = None) -> int | None:
        """The train_limit of a run on at most `images` training images (as many as can be), None for all.

        train_limit counts MNIST images; the pen-drawn digits and non-digits shrink in proportion.
        """
        config = replace(config or TrainConfig(), train_limit=None)
        if images >= self.full(config):
            return None
        low, high = 1, TRAINING_IMAGES
        while low < high:  # the largest limit whose run stays within `images`
            middle = (low + high + 1) // 2
            if self.used(replace(config, train_limit=middle)) <= images:
                low = middle
            else:
                high = middle - 1
        return low

    def text(self, config: TrainConfig | None = None) -> str:
        """How many images a run uses and where they come from, in words, for the retrain dialog."""
        counts, every = self.counts(config), self.counts(config, limited=False)
        if counts.pen_digits or counts.non_digits:
            parts = translate("Training", "{mnist:,} MNIST, {pen:,} pen-drawn digits, {others:,} non-digits").format(
                mnist=counts.mnist, pen=counts.pen_digits, others=counts.non_digits
            )
        else:
            parts = translate("Training", "MNIST only")
        if counts == every:
            text = translate("Training", "{total:,} training images: {parts} (other images are kept for validation)")
            return text.format(total=counts.total, parts=parts)
        if config is not None and config.train_limit is not None and config.train_limit != self.default_limit:
            return translate("Training", "{used:,} of the {images:,} training images: {parts}").format(
                used=counts.total, images=every.total, parts=parts
            )
        limit = f"{TRAIN_LIMIT_VARIABLE}={self.default_limit}"
        return translate("Training", "{used:,} of the {images:,} training images ({limit}): {parts}").format(
            used=counts.total, images=every.total, limit=limit, parts=parts
        )
