"""Pen-drawn digits and non-digits, drawn on the app's canvas and normalised, as 28x28 training data.

Every drawing goes the way a person's drawing goes in the app: strokes drawn with a round pen on a
280x280 canvas (handwriting.pen), then handwriting.preprocess. The training writers' digits and
generated non-digits (class 10, "not a digit") join MNIST's training split; the validation writers'
digits and non-digits of a different seed, including kinds never trained on, join its validation split.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from handwriting import nondigits
from handwriting.pen import STYLES, draw_in_style
from handwriting.pendigits import PenDigits, load_pendigits, split_writers
from handwriting.preprocess import MNIST_SIDE, preprocess

NOT_A_DIGIT = 10  # the label of the extra class
CLASSES_WITH_NOT_A_DIGIT = 11
TRAIN_DRAWINGS_PER_DIGIT = 3  # each training writer's digit is drawn this many times, in random styles
NON_DIGIT_SHARE = 0.12  # non-digits per MNIST-plus-pen training image (about one class's worth)
VALIDATION_NON_DIGITS = 1_500
CHUNK = 2_000  # drawings per parallel task
DRAWN_SEED = 7  # fixes which drawings are made (styles, pens, places) for a given run seed


@dataclass(frozen=True)
class DrawnSplits:
    """28x28 uint8 images and labels (0-9, 10 = not a digit) drawn from pen strokes."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    val_writers: np.ndarray  # writer of each validation image, -1 for non-digits
    train_writers: frozenset[int]
    validation_writers: frozenset[int]


def normalised(canvas: np.ndarray) -> np.ndarray:
    """A canvas as the network sees it, as uint8 (a blank canvas gives a blank image)."""
    image = preprocess(canvas)
    if image is None:
        return np.zeros((MNIST_SIDE, MNIST_SIDE), np.uint8)
    return np.round(image * 255.0).astype(np.uint8)


def _draw_chunk(
    drawings: Sequence[Sequence[np.ndarray]], seed: Sequence[int], style_names: Sequence[str]
) -> np.ndarray:
    rng = np.random.default_rng(list(seed))
    styles = [STYLES[name] for name in style_names]
    images = np.empty((len(drawings), MNIST_SIDE, MNIST_SIDE), np.uint8)
    for i, strokes in enumerate(drawings):
        images[i] = normalised(draw_in_style(strokes, styles[int(rng.integers(len(styles)))], rng))
    return images


def draw_all(
    drawings: Sequence[Sequence[np.ndarray]], seed: Sequence[int], style_names: Sequence[str] | None = None
) -> np.ndarray:
    """Draw each drawing once in a random style (of `style_names`, default all) and normalise: (N, 28, 28) uint8.

    Chunks of CHUNK drawings, each with its own seed, are drawn on threads (Pillow and numpy release
    the interpreter lock for much of the work); the result does not depend on how many there are.
    """
    names = list(style_names or sorted(STYLES))
    chunks = [
        (drawings[start : start + CHUNK], [*seed, start // CHUNK], names) for start in range(0, len(drawings), CHUNK)
    ]
    with ThreadPoolExecutor(max(1, min(len(chunks), os.cpu_count() or 1))) as pool:
        parts = list(pool.map(lambda chunk: _draw_chunk(*chunk), chunks))
    return np.concatenate(parts) if parts else np.zeros((0, MNIST_SIDE, MNIST_SIDE), np.uint8)


def make_drawn_splits(
    pen: PenDigits | None = None, seed: int = 0, mnist_train_size: int = 54_000, limit: int | None = None
) -> DrawnSplits:
    """Draw the training writers' digits and non-digits for training, the validation writers' for validation.

    `limit` (the run's train_limit) shrinks the drawn training part in proportion, for quick runs.
    """
    pen = pen or load_pendigits()
    split = split_writers(pen.writers)
    train_pen, val_pen = pen.by_writers(split.train), pen.by_writers(split.val)
    train_strokes = [d.strokes for d in train_pen.digits] * TRAIN_DRAWINGS_PER_DIGIT
    train_labels = np.tile(train_pen.labels, TRAIN_DRAWINGS_PER_DIGIT)
    non_digit_count = round(NON_DIGIT_SHARE * (mnist_train_size + len(train_strokes)))
    if limit is not None:
        share = min(1.0, limit / max(mnist_train_size, 1))
        keep = np.random.default_rng([DRAWN_SEED, seed]).permutation(len(train_strokes))
        keep = keep[: max(10, int(len(train_strokes) * share))]
        train_strokes, train_labels = [train_strokes[i] for i in keep], train_labels[keep]
        non_digit_count = max(10, int(non_digit_count * share))
    others, _ = nondigits.generate(
        non_digit_count,
        seed=[DRAWN_SEED, seed, 1],
        digit_strokes=[d.strokes for d in train_pen.digits],
        digit_labels=train_pen.labels,
    )
    x_train = draw_all(train_strokes + others, seed=[DRAWN_SEED, seed, 2])
    y_train = np.concatenate([train_labels, np.full(len(others), NOT_A_DIGIT)]).astype(np.uint8)

    # The checkpoint is chosen on the kinds trained on; the kinds never trained on only measure (benchmarks).
    val_others, _ = validation_non_digits(val_pen, held_out=False)
    x_val = draw_all([d.strokes for d in val_pen.digits] + val_others, seed=[DRAWN_SEED, 3])
    y_val = np.concatenate([val_pen.labels, np.full(len(val_others), NOT_A_DIGIT)]).astype(np.uint8)
    val_writers = np.concatenate([val_pen.writers, np.full(len(val_others), -1)])
    return DrawnSplits(x_train, y_train, x_val, y_val, val_writers, split.train, split.val)


def validation_non_digits(
    val_pen: PenDigits, count: int = VALIDATION_NON_DIGITS, held_out: bool = True
) -> tuple[list, list[str]]:
    """The project's own non-digit validation drawings: every trained kind with another seed, the kinds
    never trained on (unless `held_out` is False), and overlapping digits of the validation writers.
    Fixed: the same every run."""
    kinds = {**nondigits.KINDS, **(nondigits.HELD_OUT_KINDS if held_out else {})}
    return nondigits.generate(
        count,
        seed=[DRAWN_SEED, 99],
        kinds=kinds,
        digit_strokes=[d.strokes for d in val_pen.digits],
        digit_labels=val_pen.labels,
        overlap_share=0.15,
    )
