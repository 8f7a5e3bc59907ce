"""Drawings that are not digits (taps, dashes, scribbles, spirals, stars, hash signs, letters, two digits
written over each other, a digit with a 1 against it), generated as pen strokes, so the network can learn to
say "that is not a digit".

Every kind is drawn with a wobbly hand: points are resampled along the shape, jittered with smooth noise
and the whole shape is sheared and rotated at random. Shapes that a person could mean as a digit are left
out on purpose: circles (0), vertical bars (1), Z (2), S (5), crosses like a 4, T and 7-like hooks.
`HELD_OUT_KINDS` are never trained on; the validation set uses them to see whether the idea generalises.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from handwriting.digits.digit_pairs import BESIDE_ONE, OVERLAP, Strokes, digit_and_one, overlapped_digits
from handwriting.digits.style_guard import looks_like_a_digit_style

# Letters as polylines in a unit box (x right, y down), none of them digit-like.
LETTERS: dict[str, list[list[tuple[float, float]]]] = {
    "A": [[(0, 1), (0.5, 0), (1, 1)], [(0.25, 0.55), (0.75, 0.55)]],
    "E": [[(1, 0), (0, 0), (0, 1), (1, 1)], [(0, 0.5), (0.7, 0.5)]],
    "F": [[(1, 0), (0, 0), (0, 1)], [(0, 0.5), (0.7, 0.5)]],
    "H": [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0.5), (1, 0.5)]],
    "K": [[(0, 0), (0, 1)], [(1, 0), (0, 0.55), (1, 1)]],
    "M": [[(0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1)]],
    "N": [[(0, 1), (0, 0), (1, 1), (1, 0)]],
    "W": [[(0, 0), (0.25, 1), (0.5, 0.4), (0.75, 1), (1, 0)]],
    "X": [[(0, 0), (1, 1)], [(1, 0), (0, 1)]],
    "V": [[(0, 0), (0.5, 1), (1, 0)]],
}


SCRIBBLE_SPACING = 0.07  # the least width per turn of a zigzag
MARKS_INSIDE = 0.7  # a decorated circle's marks stay within this share of its smaller radius


def _wobble(points: np.ndarray, rng: np.random.Generator, amount: float = 0.03, spacing: float = 0.04) -> np.ndarray:
    """Resample a polyline every `spacing` units and add smooth hand tremor of about `amount`."""
    points = np.asarray(points, np.float64)
    if len(points) < 2:
        return points + rng.normal(0, amount / 3, points.shape)
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    samples = np.linspace(0.0, along[-1], max(2, int(along[-1] / spacing) + 1))
    resampled = np.stack([np.interp(samples, along, points[:, k]) for k in range(2)], axis=1)
    noise = rng.normal(0, amount, resampled.shape)
    if len(resampled) < 5:
        return resampled + noise / 3
    kernel = np.ones(5) / 5
    smooth = np.stack([np.convolve(noise[:, k], kernel, mode="same") for k in range(2)], axis=1)
    return resampled + smooth


def _tap(rng: np.random.Generator) -> Strokes:
    count = int(rng.integers(1, 4))
    return [rng.normal(0, 0.02, (count, 2))]


def _dash(rng: np.random.Generator) -> Strokes:
    angle = math.radians(rng.uniform(-30, 30))  # near horizontal: a steep line would be a 1
    length = rng.uniform(0.5, 1.0)
    end = np.array([math.cos(angle), math.sin(angle)]) * length / 2
    bow = rng.uniform(-0.08, 0.08)
    middle = np.array([-end[1], end[0]]) * bow / max(length, 1e-6)
    return [_wobble(np.stack([-end, middle, end]), rng, 0.01)]


def _scribble(rng: np.random.Generator) -> Strokes:
    turns = int(rng.integers(6, 18))
    width, height = rng.uniform(0.5, 1.2), rng.uniform(0.4, 1.0)
    width = max(width, SCRIBBLE_SPACING * turns)  # a zigzag packed tighter fills in: a blob, which reads as a digit
    xs = np.linspace(0, width, turns) + rng.normal(0, 0.05, turns)
    ys = np.where(np.arange(turns) % 2, 0.0, height) + rng.normal(0, 0.1 * height, turns)
    if rng.random() < 0.5:  # a tangle instead of a zigzag
        xs, ys = rng.uniform(0, width, turns), rng.uniform(0, height, turns)
    return [_wobble(np.stack([xs, ys], axis=1), rng, 0.02)]


def _star(rng: np.random.Generator) -> Strokes:
    if rng.random() < 0.5:  # a pentagram in one stroke
        angles = np.radians(-90 + 144 * np.arange(6)) + rng.normal(0, 0.05)
        return [_wobble(np.stack([np.cos(angles), np.sin(angles)], axis=1), rng, 0.02)]
    spokes = int(rng.integers(3, 5))  # an asterisk
    start = rng.uniform(0, math.pi)
    strokes = []
    for k in range(spokes):
        angle = start + k * math.pi / spokes
        end = np.array([math.cos(angle), math.sin(angle)])
        strokes.append(_wobble(np.stack([-end, end]), rng, 0.02))
    return strokes


def _hash(rng: np.random.Generator) -> Strokes:
    lean = rng.uniform(-0.25, 0.25)
    strokes = []
    for offset in (0.33, 0.67):
        strokes.append(_wobble(np.array([[offset + lean, 0.0], [offset - lean, 1.0]]), rng, 0.015))
        strokes.append(_wobble(np.array([[0.0, offset], [1.0, offset]]), rng, 0.015))
    return strokes


def _letter(rng: np.random.Generator) -> Strokes:
    shape = LETTERS[rng.choice(sorted(LETTERS))]
    stretch = np.array([rng.uniform(0.6, 1.1), 1.0])
    return [_wobble(np.array(line) * stretch, rng, 0.02) for line in shape]


def _triangle(rng: np.random.Generator) -> Strokes:
    corners = np.array([[0.5, 0.0], [1.0, 0.9], [0.0, 0.9], [0.5, 0.0]]) + rng.normal(0, 0.04, (4, 2))
    return [_wobble(corners, rng, 0.015)]


def _arrow(rng: np.random.Generator) -> Strokes:
    shaft = np.array([[0.0, 0.5], [1.0, 0.5]])
    head = np.array([[0.75, 0.3], [1.0, 0.5], [0.75, 0.7]])
    return [_wobble(shaft, rng, 0.015), _wobble(head, rng, 0.015)]


def _wave(rng: np.random.Generator) -> Strokes:
    x = np.linspace(0, 1, 80)
    waves = rng.uniform(1.5, 3.0)
    return [_wobble(np.stack([x, 0.15 * np.sin(2 * math.pi * waves * x)], axis=1), rng, 0.01)]


def _heart(rng: np.random.Generator) -> Strokes:
    t = np.linspace(0, 2 * math.pi, 90)
    x = 16 * np.sin(t) ** 3
    y = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    return [_wobble(np.stack([x, y], axis=1) / 32, rng, 0.01)]


def _square(rng: np.random.Generator) -> Strokes:
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
    return [_wobble(corners * [rng.uniform(0.7, 1.3), 1.0] + rng.normal(0, 0.03, (5, 2)), rng, 0.015)]


def _dots(rng: np.random.Generator) -> Strokes:
    count = int(rng.integers(2, 5))
    return [np.array([[k * rng.uniform(0.2, 0.4), rng.normal(0, 0.03)]]) for k in range(count)]


def _decorated_circle(rng: np.random.Generator) -> Strokes:
    """A ring with marks inside it (dots, short strokes, a small arc): a face, an eye, a target; never crossed."""
    t = np.linspace(0, 2 * math.pi * rng.uniform(1.0, 1.1), 70)
    ring = np.stack([np.cos(t), rng.uniform(0.8, 1.2) * np.sin(t)], axis=1)
    marks: Strokes = []
    for _ in range(int(rng.integers(1, 4))):
        centre = rng.uniform(-0.45, 0.45, 2)
        kind = rng.integers(3)
        if kind == 0:
            marks.append(centre[None])
        elif kind == 1:
            marks.append(_wobble(np.stack([centre, centre + rng.uniform(-0.3, 0.3, 2)]), rng, 0.01))
        else:
            s = np.linspace(0, math.pi, 12) + rng.uniform(0, 2 * math.pi)
            marks.append(_wobble(centre + 0.25 * np.stack([np.cos(s), np.sin(s)], axis=1), rng, 0.01))
    inner = MARKS_INSIDE * min(1.0, float(ring[:, 1].max()))  # the marks stay well inside: a crossed ring is a 0
    reach = max(float(np.linalg.norm(np.concatenate(marks), axis=1).max()), 1e-9)
    return [_wobble(ring, rng, 0.015), *[mark * min(1.0, inner / reach) for mark in marks]]


def _scattered_marks(rng: np.random.Generator) -> Strokes:
    """Two to four short strokes or dots far apart: nothing joined up enough to be a digit."""
    count = int(rng.integers(2, 5))
    corners = rng.permutation(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))[:count]
    marks = []
    for corner in corners:
        start = corner + rng.normal(0, 0.05, 2)
        end = start + rng.uniform(-0.25, 0.25, 2) * (rng.random() < 0.7)
        marks.append(_wobble(np.stack([start, end]), rng, 0.01))
    return marks


def _infinity(rng: np.random.Generator) -> Strokes:
    t = np.linspace(0, 2 * math.pi, 80)
    return [_wobble(np.stack([np.cos(t), np.sin(2 * t) / 2], axis=1) * [1.0, rng.uniform(0.6, 1.2)], rng, 0.01)]


def _smiley(rng: np.random.Generator) -> Strokes:
    t = np.linspace(0, 2 * math.pi, 70)
    face = np.stack([np.cos(t), np.sin(t)], axis=1)
    s = np.linspace(0.2 * math.pi, 0.8 * math.pi, 20)
    mouth = np.stack([0.55 * np.cos(s), 0.55 * np.sin(s)], axis=1)
    eyes = [np.array([[-0.35, -0.3]]), np.array([[0.35, -0.3]])]
    return [_wobble(face, rng, 0.015), _wobble(mouth, rng, 0.01), *eyes]


KINDS: dict[str, Callable[[np.random.Generator], Strokes]] = {
    "tap": _tap,
    "dash": _dash,
    "scribble": _scribble,
    "star": _star,
    "hash": _hash,
    "letter": _letter,
    "triangle": _triangle,
    "arrow": _arrow,
    "wave": _wave,
    "heart": _heart,
    "square": _square,
    "decorated_circle": _decorated_circle,
    "scattered_marks": _scattered_marks,
}
HELD_OUT_KINDS: dict[str, Callable[[np.random.Generator], Strokes]] = {
    "dots": _dots,
    "smiley": _smiley,
    "infinity": _infinity,
}
GUARD_TRIES = 20  # a drawing that looks like a way of writing a digit is drawn again, this many times at most


def tilt(strokes: Strokes, rng: np.random.Generator, degrees: float = 20.0) -> Strokes:
    """The same drawing rotated by a random angle within +-degrees (around the origin)."""
    angle = math.radians(rng.uniform(-degrees, degrees))
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return [stroke @ rotation.T for stroke in strokes]


def generate(
    count: int,
    seed: int | Sequence[int],
    kinds: dict[str, Callable[[np.random.Generator], Strokes]] | None = None,
    digit_strokes: Sequence[Sequence[np.ndarray]] = (),
    digit_labels: Sequence[int] = (),
    overlap_share: float = 0.3,
    beside_share: float = 0.0,
) -> tuple[list[Strokes], list[str]]:
    """`count` non-digit drawings as strokes, with the kind of each.

    A share `overlap_share` of them are two different digits (from `digit_strokes`) written over each
    other, a share `beside_share` a digit with a 1 against it (`digit_and_one`); the rest are drawn evenly
    from `kinds` (default KINDS). None looks like a way of writing a digit (`looks_like_a_digit_style`):
    such a drawing is drawn again.
    """
    kinds = KINDS if kinds is None else kinds
    rng = np.random.default_rng(seed)
    names = sorted(kinds)
    labels = np.asarray(digit_labels)
    if not ((labels == 1).any() and (labels != 1).any()):
        beside_share = 0.0  # no 1, or nothing but 1s, to pair
    drawings, kinds_drawn = [], []
    for _ in range(count):
        pick = rng.random() if len(digit_strokes) else 1.0
        if pick < overlap_share:
            name = OVERLAP
        elif pick < overlap_share + beside_share:
            name = BESIDE_ONE
        else:
            name = names[int(rng.integers(len(names)))]
        strokes, name = _unlike_a_digit(name, rng, kinds, digit_strokes, labels)
        drawings.append(strokes)
        kinds_drawn.append(name)
    return drawings, kinds_drawn


def _draw(
    name: str, rng: np.random.Generator, kinds: dict[str, Callable[[np.random.Generator], Strokes]],
    digit_strokes: Sequence[Sequence[np.ndarray]], labels: np.ndarray,
) -> Strokes:
    """One drawing of the kind `name` (OVERLAP: two different digits over each other)."""
    if name == OVERLAP:
        a = int(rng.integers(len(digit_strokes)))
        b = int(rng.choice(np.flatnonzero(labels != labels[a])))
        return overlapped_digits(digit_strokes[a], digit_strokes[b], rng)
    if name == BESIDE_ONE:
        digit = int(rng.choice(np.flatnonzero(labels != 1)))  # two 1s side by side could pass for a thick 1
        one = int(rng.choice(np.flatnonzero(labels == 1)))
        return digit_and_one(digit_strokes[digit], digit_strokes[one], rng)
    strokes = kinds[name](rng)
    return strokes if name == "dash" else tilt(strokes, rng)


def _unlike_a_digit(
    name: str, rng: np.random.Generator, kinds: dict[str, Callable[[np.random.Generator], Strokes]],
    digit_strokes: Sequence[Sequence[np.ndarray]], labels: np.ndarray,
) -> tuple[Strokes, str]:
    """A drawing of the kind `name` that does not look like a way of writing a digit (a crossed ring, a barred
    stroke, a blob: handwriting.digits.style_guard), drawn again until it does not; a dash if it never stops."""
    for _ in range(GUARD_TRIES):
        strokes = _draw(name, rng, kinds, digit_strokes, labels)
        if not looks_like_a_digit_style(strokes):
            return strokes, name
    return _dash(rng), "dash"  # one short flat stroke: never digit-like
