"""Pen-drawn digits and non-digits, drawn on the app's canvas and normalised, as 28x28 training data.

Every drawing goes the way a person's drawing goes in the app: strokes drawn with a round pen on a
280x280 canvas (handwriting.digits.pen), then handwriting.recognition.preprocess. The training writers' digits and
generated non-digits (class 10, "not a digit") join MNIST's training split; the validation writers'
digits and non-digits of a different seed, including kinds never trained on, join its validation split.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.digits import bundled, digit_pairs, nondigits, styles
from handwriting.digits import pendigits as pendigits_module
from handwriting.digits import unipen as unipen_module
from handwriting.digits.bundled import bundled_pen, bundled_unipen, unipen_split, unipen_train
from handwriting.digits.pen import STYLES, distort, draw_as_read
from handwriting.digits.pendigits import PEN_SHA256, PenDigits, split_writers
from handwriting.digits.unipen import DIGITS_FILE, UnipenSet
from handwriting.errors import SaveError
from handwriting.files.paths import user_paths
from handwriting.files.storage import write_bytes_atomic
from handwriting.labels import NOT_A_DIGIT, SIDE
from handwriting.recognition.preprocess import preprocess

TRAIN_DRAWINGS_PER_DIGIT = 3  # each pen training writer's digit is drawn this many times, in random styles
UNIPEN_DRAWINGS_PER_DIGIT = 2  # each UNIPEN training writer's digit (more writers, fewer digits each)
NON_DIGIT_SHARE = 0.1  # non-digits per MNIST-plus-pen training image (about one class's worth)
# Of the non-digits, a digit with a 1 written against it (digit_pairs.digit_and_one): inside a number the search
# would read such a pair as the digit (a 0 and a 1 touching read "0" at 98%). Over three seeds the composed
# validation numbers read 89.8% -> 91.7% whole, the writers' digits no worse (docs/how-it-works.md).
BESIDE_ONE_SHARE = 0.15
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
    val_writers: np.ndarray  # writer of each validation image ("pendigits/7", "syn/abc"), "" for non-digits
    train_writers: frozenset[str]
    validation_writers: frozenset[str]


@dataclass(frozen=True)
class TrainingCounts:
    """How many images a run trains on, by origin: MNIST, the training writers' pen digits (both sources),
    non-digits."""

    mnist: int
    pen_digits: int = 0
    non_digits: int = 0

    @property
    def total(self) -> int:
        """Every training image of the run."""
        return self.mnist + self.pen_digits + self.non_digits


def _drawn_counts(writer_digits: int, mnist_train_size: int, limit: int | None) -> tuple[int, int]:
    """(pen-drawn digits, non-digits) of a run's training part, from the drawings of the training writers."""
    drawn = writer_digits
    others = round(NON_DIGIT_SHARE * (mnist_train_size + drawn))
    if limit is not None:
        share = min(1.0, limit / max(mnist_train_size, 1))
        drawn, others = min(drawn, max(10, int(drawn * share))), max(10, int(others * share))
    return drawn, others


def _training_writer_digits(pen: PenDigits, unipen: UnipenSet) -> int:
    """How many digit drawings the training writers of both sources make (each digit drawn a few times, and
    some 0s, 1s, 4s and 7s once more in a style they lack)."""
    pen_train, uni_train = pen.by_writers(split_writers(pen.writers).train), unipen_train(unipen)
    styled = styles.styled_count(np.concatenate([pen_train.labels, uni_train.labels]))
    drawings = len(pen_train.digits) * TRAIN_DRAWINGS_PER_DIGIT + len(uni_train.samples) * UNIPEN_DRAWINGS_PER_DIGIT
    return drawings + styled


@functools.cache
def _bundled_writer_digits() -> int:
    return _training_writer_digits(bundled_pen(), bundled_unipen()[0])


def training_counts(
    mnist_train_size: int = 54_000, limit: int | None = None, mnist_only: bool = False, pen: PenDigits | None = None
) -> TrainingCounts:
    """What a run trains on (training.training_sets), counted without drawing anything.

    `limit` is the run's train_limit; `pen` defaults to the bundled pen digits (read once).
    """
    mnist = mnist_train_size if limit is None else min(limit, mnist_train_size)
    if mnist_only:
        return TrainingCounts(mnist)
    writer_digits = _bundled_writer_digits() if pen is None else _training_writer_digits(pen, bundled_unipen()[0])
    return TrainingCounts(mnist, *_drawn_counts(writer_digits, mnist_train_size, limit))


def normalised(canvas: np.ndarray) -> np.ndarray:
    """A canvas as the network sees it, as uint8 (a blank canvas gives a blank image)."""
    image = preprocess(canvas)
    if image is None:
        return np.zeros((SIDE, SIDE), np.uint8)
    return np.round(image * 255.0).astype(np.uint8)


def _draw_chunk(
    drawings: Sequence[Sequence[np.ndarray]], seed: Sequence[int], style_names: Sequence[str], distorted: bool,
    as_app: bool = False,
) -> np.ndarray:
    rng = np.random.default_rng(list(seed))
    styles = [STYLES[name] for name in style_names]
    images = np.empty((len(drawings), SIDE, SIDE), np.uint8)
    for i, strokes in enumerate(drawings):
        shaped = distort(strokes, rng) if distorted else strokes
        images[i] = normalised(draw_as_read(shaped, styles[int(rng.integers(len(styles)))], rng, as_app))
    return images


def draw_all(
    drawings: Sequence[Sequence[np.ndarray]],
    seed: Sequence[int],
    style_names: Sequence[str] | None = None,
    distorted: bool = False,
    as_app: bool = False,
) -> np.ndarray:
    """Draw each drawing once in a random style (of `style_names`, default all) and normalise: (N, 28, 28) uint8.

    `distorted` first bends each drawing's path a little (handwriting.digits.pen.distort), for training.
    `as_app` reads each canvas as the app reads a drawing: from its path when the pen is too thick for its size
    (handwriting.recognition.rendering.readable); without it, as an image (a scan, a file).

    Chunks of CHUNK drawings, each with its own seed, are drawn on threads (Pillow and numpy release
    the interpreter lock for much of the work); the result does not depend on how many there are.
    """
    names = list(style_names or sorted(STYLES))
    chunks = [
        (drawings[start : start + CHUNK], [*seed, start // CHUNK], names, distorted, as_app)
        for start in range(0, len(drawings), CHUNK)
    ]
    with ThreadPoolExecutor(max(1, min(len(chunks), os.cpu_count() or 1))) as pool:
        parts = list(pool.map(lambda chunk: _draw_chunk(*chunk), chunks))
    return np.concatenate(parts) if parts else np.zeros((0, SIDE, SIDE), np.uint8)


def make_drawn_splits(
    pen: PenDigits | None = None, seed: int = 0, mnist_train_size: int = 54_000, limit: int | None = None
) -> DrawnSplits:
    """Draw both sources' training writers' digits and non-digits for training, their validation writers' for
    validation. `limit` (the run's train_limit) shrinks the drawn training part in proportion, for quick runs.
    """
    bundled = pen is None
    pen = bundled_pen() if bundled else pen
    unipen = bundled_unipen()[0]
    split, uni_split = split_writers(pen.writers), unipen_split(unipen)
    train_pen, val_pen = pen.by_writers(split.train), pen.by_writers(split.val)
    train_uni = unipen.by_writers(uni_split.train)
    writer_strokes = [d.strokes for d in train_pen.digits] + [s.strokes for s in train_uni.samples]
    writer_labels = np.concatenate([train_pen.labels, train_uni.labels])
    styled, styled_labels = styles.styled_copies(writer_strokes, writer_labels, seed=[DRAWN_SEED, 4])
    train_strokes = [
        *[d.strokes for d in train_pen.digits] * TRAIN_DRAWINGS_PER_DIGIT,
        *[s.strokes for s in train_uni.samples] * UNIPEN_DRAWINGS_PER_DIGIT,
        *styled,
    ]
    train_labels = np.concatenate([
        np.tile(train_pen.labels, TRAIN_DRAWINGS_PER_DIGIT),
        np.tile(train_uni.labels, UNIPEN_DRAWINGS_PER_DIGIT),
        styled_labels,
    ])
    drawn_count, non_digit_count = _drawn_counts(len(train_strokes), mnist_train_size, limit)
    if limit is not None:
        keep = np.random.default_rng([DRAWN_SEED, seed]).permutation(len(train_strokes))[:drawn_count]
        train_strokes, train_labels = [train_strokes[i] for i in keep], train_labels[keep]
    others, _ = nondigits.generate(
        non_digit_count,
        seed=[DRAWN_SEED, seed, 1],
        digit_strokes=writer_strokes,
        digit_labels=writer_labels,
        beside_share=BESIDE_ONE_SHARE,
    )
    x_train = draw_all(train_strokes + others, seed=[DRAWN_SEED, seed, 2], distorted=True)
    y_train = np.concatenate([train_labels, np.full(len(others), NOT_A_DIGIT)]).astype(np.uint8)

    val_uni = unipen.by_writers(uni_split.val)
    x_val, y_val, val_writers = _bundled_validation() if bundled else _validation(val_pen, val_uni)
    train_writers = frozenset({f"pendigits/{w}" for w in split.train} | set(uni_split.train))
    validation_writers = frozenset({f"pendigits/{w}" for w in split.val} | set(uni_split.val))
    return DrawnSplits(x_train, y_train, x_val, y_val, val_writers, train_writers, validation_writers)


def _validation(val_pen: PenDigits, val_uni: UnipenSet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both sources' validation writers' digits and the non-digit validation drawings, drawn: (x, y, writers).

    The checkpoint is chosen on the kinds trained on; the kinds never trained on only measure (benchmarks).
    The drawing does not depend on the run's seed, so a process draws it once (`_bundled_validation`).
    """
    val_others, _ = validation_non_digits(val_pen, held_out=False)
    strokes = [d.strokes for d in val_pen.digits] + [s.strokes for s in val_uni.samples] + val_others
    x_val = draw_all(strokes, seed=[DRAWN_SEED, 3])
    y_val = np.concatenate([val_pen.labels, val_uni.labels, np.full(len(val_others), NOT_A_DIGIT)]).astype(np.uint8)
    pen_writers = [f"pendigits/{w}" for w in val_pen.writers]
    val_writers = np.array(pen_writers + [s.writer for s in val_uni.samples] + [""] * len(val_others), dtype=str)
    for array in (x_val, y_val, val_writers):
        array.flags.writeable = False  # shared by every run of the process
    return x_val, y_val, val_writers


@functools.cache
def _bundled_validation() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bundled validation set, drawn once per process and kept in the user's cache folder between runs."""
    cache = user_paths().cache / f"drawn-validation-{_drawing_fingerprint()}.npz"
    try:
        with np.load(cache, allow_pickle=False) as data:
            arrays = data["x"], data["y"], data["writers"]
    except (OSError, ValueError, KeyError):
        pen, unipen = bundled_pen(), bundled_unipen()[0]
        val_pen = pen.by_writers(split_writers(pen.writers).val)
        arrays = _validation(val_pen, unipen.by_writers(unipen_split(unipen).val))
        with contextlib.suppress(OSError, SaveError):  # a cache that cannot be written only costs drawing again
            write_bytes_atomic(_npz_bytes(x=arrays[0], y=arrays[1], writers=arrays[2]), cache)
    for array in arrays:
        array.flags.writeable = False
    return arrays


def _drawing_fingerprint() -> str:
    """A hash of everything the drawing depends on: the code that draws, the pen file's checksum, the UNIPEN file.

    A change to any of these modules names another cache file, so a stale drawing is never read.
    """
    from handwriting.digits import pen as pen_module
    from handwriting.digits import stroke_geometry, style_detection, style_guard
    from handwriting.recognition import preprocess as preprocess_module
    from handwriting.recognition import rendering

    digest = hashlib.sha256(PEN_SHA256.encode())
    guard = (style_guard, style_detection, stroke_geometry)  # which non-digits are drawn again
    drawing = (pen_module, rendering, preprocess_module)
    sources = (pendigits_module, unipen_module, bundled)
    modules = (sys.modules[__name__], nondigits, digit_pairs, *drawing, *sources, *guard)
    for path in [*(Path(module.__file__) for module in modules), unipen_module.UNIPEN_ASSETS_DIR / DIGITS_FILE]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _npz_bytes(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


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
