"""Non-digits made of real digits: two digits written over each other, and a digit with a 1 written against it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Strokes = list[np.ndarray]

OVERLAP = "two_digits"  # two different digits written over each other
BESIDE_ONE = "digit_and_one"  # a digit with a 1 written against it: two digits of a number, read as one group
BESIDE_GAP = (0.0, 0.08)  # the 1's ink starts this far (in digit heights) from the digit's
BESIDE_SIZE = (0.9, 1.1)  # the 1's height over the digit's
BESIDE_SLANT = 0.2  # the pair is sheared by up to this, as composed numbers are


def overlapped_digits(first: Sequence[np.ndarray], second: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """Two digits' strokes written over each other, each scaled to a unit box and nudged a little."""

    def unit(strokes: Sequence[np.ndarray]) -> Strokes:
        points = np.concatenate(strokes)
        low, size = points.min(axis=0), max(float(np.ptp(points, axis=0).max()), 1e-6)
        return [(np.asarray(stroke, np.float64) - low) / size for stroke in strokes]

    shift = rng.uniform(-0.2, 0.2, 2)
    return unit(first) + [stroke + shift for stroke in unit(second)]


def digit_and_one(digit: Sequence[np.ndarray], one: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A digit with a 1 written against its right or left side, touching or just apart, both as tall: two
    digits of a number that a search may take for one, which the network must not read as the digit."""

    def tall(strokes: Sequence[np.ndarray], height: float) -> Strokes:
        points = np.concatenate(strokes)
        low, size = points.min(axis=0), max(float(np.ptp(points[:, 1])), 1e-6)
        return [(np.asarray(stroke, np.float64) - low) * height / size for stroke in strokes]

    body, bar = tall(digit, 1.0), tall(one, rng.uniform(*BESIDE_SIZE))
    body_width = float(np.ptp(np.concatenate(body)[:, 0]))
    bar_width = float(np.ptp(np.concatenate(bar)[:, 0]))
    gap = rng.uniform(*BESIDE_GAP)
    x = body_width + gap if rng.random() < 0.5 else -(bar_width + gap)
    pair = body + [stroke + np.array([x, rng.uniform(-0.05, 0.05)]) for stroke in bar]
    slant = rng.uniform(-BESIDE_SLANT, BESIDE_SLANT)
    return [np.stack([s[:, 0] - slant * s[:, 1], s[:, 1]], axis=1) for s in pair]
