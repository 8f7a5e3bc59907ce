"""Whole numbers for validation: one writer's own pen digits composed into a number, and numbers drawn on a canvas.

`compose_number` lays one writer's digits side by side as people write a number: gaps from slightly
overlapping to a third of a digit apart, a little baseline drift, some slant. `draw_number` draws any
number's strokes (composed, or UNIPEN's real ones) the way the app's canvas draws a mouse stroke: the
ink's box normalised to a height, a round pen, a canvas 280 pixels high and as wide as the number needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from handwriting.digits.pen import CANVAS_SIDE, EDGE_MARGIN
from handwriting.recognition.rendering import render_strokes

COMPOSE_SEED = 20_261_208  # fixed: the composed validation numbers never change
LENGTHS = (2, 8)  # digits per composed number, inclusive
GAP = (-0.15, 1 / 3)  # the gap between two digits' ink boxes, in digit widths (< 0: they overlap)
DIGIT_WIDTH = 0.6  # a typical digit's width over its height: a third of a digit apart is 0.2 of its height
DRIFT = 0.04  # the baseline wanders by up to this share of the digit height from one digit to the next
SIZE = (0.9, 1.1)  # each digit's height relative to the number's
SLANT = 0.2  # the whole number is sheared by up to this (x -= slant * y)
INK_HEIGHT = (110.0, 220.0)  # a drawn number's ink height on the canvas, in pixels
PEN = (4.0, 20.0)  # pen diameter, in canvas pixels


@dataclass(frozen=True)
class DrawnNumber:
    """A number on a canvas: the canvas (uint8, ink 255 on 0), its strokes in canvas pixels, the true text."""

    canvas: np.ndarray
    strokes: tuple[np.ndarray, ...]  # (n, 2) float32, x right, y down, in drawing order
    text: str


def _box(strokes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    points = np.concatenate([np.asarray(s, np.float64).reshape(-1, 2) for s in strokes])
    return points.min(axis=0), points.max(axis=0)


def compose_number(digits: Sequence[Sequence[np.ndarray]], rng: np.random.Generator) -> list[np.ndarray]:
    """One writer's digits (each a list of strokes, y down) laid out left to right as a number, in writing order.

    Each digit is scaled to a unit height (times a little size variation), the next one starts a random gap
    after the previous one's ink box, the baseline drifts, and the whole number gets one random slant.
    """
    strokes: list[np.ndarray] = []
    right, baseline = 0.0, 0.0
    for index, digit in enumerate(digits):
        low, high = _box(digit)
        scale = rng.uniform(*SIZE) / max(float(high[1] - low[1]), 1e-6)
        if index:
            right += rng.uniform(*GAP) * DIGIT_WIDTH
            baseline += rng.uniform(-DRIFT, DRIFT)
        offset = np.array([right, baseline + 1.0]) - np.array([0.0, (high[1] - low[1]) * scale])
        placed = [((np.asarray(s, np.float64).reshape(-1, 2) - low) * scale + offset) for s in digit]
        strokes.extend(placed)
        right = max(right, float(_box(placed)[1][0]))
    slant = rng.uniform(-SLANT, SLANT)
    return [np.stack([s[:, 0] - slant * (s[:, 1] - 0.5), s[:, 1]], axis=1).astype(np.float32) for s in strokes]


def draw_number(
    strokes: Sequence[np.ndarray],
    text: str,
    rng: np.random.Generator,
    height: float | None = None,
    pen: float | None = None,
) -> DrawnNumber:
    """Draw a number's strokes (any units, y down) on a canvas CANVAS_SIDE high and as wide as needed.

    The ink's box is scaled to a random height in INK_HEIGHT (or `height`), with a random round pen in PEN (or
    `pen`).
    """
    pen = float(rng.uniform(*PEN) if pen is None else pen)
    ink_height = float(height if height is not None else rng.uniform(*INK_HEIGHT))
    low, high = _box(strokes)
    scale = (ink_height - pen) / max(float(high[1] - low[1]), 1e-6)
    width = int(np.ceil((high[0] - low[0]) * scale + pen + 2 * EDGE_MARGIN))
    top = (CANVAS_SIDE - ink_height) / 2 + pen / 2
    offset = np.array([EDGE_MARGIN + pen / 2, top])
    placed = tuple(
        ((np.asarray(s, np.float64).reshape(-1, 2) - low) * scale + offset).astype(np.float32) for s in strokes
    )
    canvas = render_strokes(placed, pen, (CANVAS_SIDE, max(width, CANVAS_SIDE // 4)))
    return DrawnNumber(canvas, placed, text)


def composed_numbers(
    writers: dict[object, dict[int, list]], count: int, seed: int = COMPOSE_SEED, owners: list | None = None
) -> list[tuple[str, list[np.ndarray]]]:
    """`count` numbers (text, strokes), each of one writer's own digits: `writers` maps a writer to its digits
    by label (each digit a list of strokes, y down). Lengths are uniform in LENGTHS. Each number's writer is
    appended to `owners`, when given."""
    rng = np.random.default_rng(seed)
    names = sorted(writers, key=str)
    numbers = []
    for _ in range(count):
        name = names[rng.integers(len(names))]
        own = writers[name]
        if owners is not None:
            owners.append(name)
        labels = sorted(own)
        text = "".join(str(labels[rng.integers(len(labels))]) for _ in range(rng.integers(LENGTHS[0], LENGTHS[1] + 1)))
        digits = [own[int(c)][rng.integers(len(own[int(c)]))] for c in text]
        numbers.append((text, compose_number(digits, rng)))
    return numbers
