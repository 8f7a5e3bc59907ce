"""Writing styles MNIST lacks (slashed 0, flagged or footed 1, barred 7, closed 4): made from real strokes; found."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from handwriting.digits.stroke_geometry import Strokes, box_of, copies, drawn_line, ray_reach, rotate, segments
from handwriting.digits.style_detection import STYLE_NAMES, detect_style, detect_styles
from handwriting.digits.style_guard import looks_like_a_digit_style

__all__ = [
    "STYLE_MADE_BY",
    "STYLE_NAMES",
    "SYNTHESES",
    "bar_seven",
    "close_four",
    "detect_style",
    "detect_styles",
    "flag_one",
    "foot_one",
    "looks_like_a_digit_style",
    "slash_zero",
    "styled_copies",
    "styled_count",
    "synthesise",
    "synthesise_style",
]

# A slash through a 0: "/" (up to the right), "\", "|" or "-", with these chances.
SLASH_DIRECTIONS = ("/", "\\", "|", "-")
SLASH_CHANCES = (0.45, 0.2, 0.2, 0.15)
SLASH_OVERSHOOT = (0.05, 0.5)  # beyond the ring each side, share of its size (to 0.25: real slashed 0s 77%; 0.5: 83%)
SLASH_OFF_CENTRE = 0.05  # the slash passes this close to the ring's centre (share of its size)
TILT = 8.0  # degrees: a bar, a slash or a foot is drawn this far off its ideal direction, at most

FLAG_LENGTH = (0.25, 0.6)  # of the 1's height
FLAG_ANGLE = (20.0, 60.0)  # degrees below the horizontal, going left from the top
FLAG_IN_FIRST_STROKE = 0.5  # chance the flag is written with the stem, when the stem starts at the top
STARTS_AT_TOP = 0.1  # a stroke starts at the top when its first point is this close to it (share of the height)

FOOT_WIDTH = (0.4, 0.9)  # of the 1's height
FOOT_OFF_CENTRE = 0.1  # of the foot's width
FOOT_DROP = (-0.02, 0.03)  # the foot's height below the stem's bottom, as a share of the 1's height

BAR_HEIGHT = (0.4, 0.65)  # where a 7's bar crosses the stem, down from the top (share of the height)
BAR_WIDTH = (0.3, 0.6)  # of the 7's larger side
BAR_OFF_CENTRE = 0.1  # of the bar's width

FOUR_STEM_SLACK = 0.03  # the walk up a 4's stem tolerates going down this much (share of the height)
FOUR_LEFT_OF_STEM = 0.1  # the diagonal's top lies this far left of the stem's top at least (share of the width)
FOUR_UPPER_PART = 0.6  # and in this upper share of the height


def _drawable(strokes: Sequence[np.ndarray]) -> Strokes:
    """Copies of the strokes; a drawing without a single point has nowhere to put a style, and raises ValueError."""
    result = copies(strokes)
    if not any(len(stroke) for stroke in result):
        raise ValueError("a digit to restyle needs at least one point")
    return result


def slash_zero(strokes: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A 0 with a straight bar through its ring's centre, a little beyond the ring on both sides."""
    result = _drawable(strokes)
    box = box_of(result)
    half = np.array([max(box.width, 0.05 * box.size), max(box.height, 0.05 * box.size)]) / 2.0
    kind = SLASH_DIRECTIONS[int(rng.choice(len(SLASH_DIRECTIONS), p=SLASH_CHANCES))]
    direction = {"/": half * [1, -1], "\\": half, "|": np.array([0.0, 1.0]), "-": np.array([1.0, 0.0])}[kind]
    direction = rotate(direction / np.linalg.norm(direction), rng.uniform(-TILT, TILT))
    centre = box.centre + rng.uniform(-SLASH_OFF_CENTRE, SLASH_OFF_CENTRE, 2) * box.size
    ends = []
    for sign in (1.0, -1.0):
        way = sign * direction
        ellipse = 1.0 / np.sqrt(np.sum((way / half) ** 2))  # where the box's ellipse would be, for an open ring
        reach = ray_reach(centre, way, result) or ellipse
        ends.append(centre + way * (reach + rng.uniform(*SLASH_OVERSHOOT) * box.size))
    return [*result, drawn_line(*ends[:: int(rng.choice([-1, 1]))], rng)]


def _topmost(strokes: Strokes) -> tuple[int, int]:
    """(stroke, point) of the highest point."""
    tops = [(float(stroke[:, 1].min()), index) for index, stroke in enumerate(strokes) if len(stroke)]
    index = min(tops)[1]
    return index, int(np.argmin(strokes[index][:, 1]))


def flag_one(strokes: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A 1 with a flag from its top down to the left: its own stroke, or written just before the stem."""
    result = _drawable(strokes)
    box = box_of(result)
    index, point = _topmost(result)
    top = result[index][point]
    angle = np.radians(rng.uniform(*FLAG_ANGLE))
    tip = top + rng.uniform(*FLAG_LENGTH) * box.tall * np.array([-np.cos(angle), np.sin(angle)])
    stem = result[index]
    if rng.random() < FLAG_IN_FIRST_STROKE and np.linalg.norm(stem[0] - top) <= STARTS_AT_TOP * box.tall:
        result[index] = np.concatenate([drawn_line(tip, stem[0], rng)[:-1], stem])
        return result
    flag = drawn_line(tip, top, rng)
    return [*result, flag if rng.random() < 0.5 else flag[::-1]]


def foot_one(strokes: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A 1 with a horizontal base centred on the bottom of its stem."""
    result = _drawable(strokes)
    box = box_of(result)
    index = max((float(s[:, 1].max()), i) for i, s in enumerate(result) if len(s))[1]
    bottom = result[index][int(np.argmax(result[index][:, 1]))]
    width = rng.uniform(*FOOT_WIDTH) * box.tall
    shift = np.array([rng.uniform(-FOOT_OFF_CENTRE, FOOT_OFF_CENTRE) * width, rng.uniform(*FOOT_DROP) * box.tall])
    centre = bottom + shift
    half = rotate(np.array([width / 2.0, 0.0]), rng.uniform(-TILT / 2, TILT / 2))
    return [*result, drawn_line(centre - half, centre + half, rng)]


def _stem_crossing(strokes: Strokes, height: float) -> float | None:
    """The x where the steepest segment crossing the level `height` crosses it (None when nothing does)."""
    starts, ends, _ = segments(strokes)
    low, high = np.minimum(starts[:, 1], ends[:, 1]), np.maximum(starts[:, 1], ends[:, 1])
    spans = (low <= height) & (high >= height) & (high > low)
    if not spans.any():
        return None
    a, b = starts[spans], ends[spans]
    steepness = np.abs(b[:, 1] - a[:, 1]) / np.linalg.norm(b - a, axis=1)
    best = int(np.argmax(steepness))
    share = (height - a[best, 1]) / (b[best, 1] - a[best, 1])
    return float(a[best, 0] + share * (b[best, 0] - a[best, 0]))


def bar_seven(strokes: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A 7 with a short horizontal bar across its descending stem, around mid-height."""
    result = _drawable(strokes)
    box = box_of(result)
    level = box.low[1] + rng.uniform(*BAR_HEIGHT) * box.height
    stem_x = _stem_crossing(result, level)
    width = rng.uniform(*BAR_WIDTH) * box.size
    x = (box.centre[0] if stem_x is None else stem_x) + rng.uniform(-BAR_OFF_CENTRE, BAR_OFF_CENTRE) * width
    half = rotate(np.array([width / 2.0, 0.0]), rng.uniform(-TILT, TILT))
    return [*result, drawn_line(np.array([x, level]) - half, np.array([x, level]) + half, rng)]


def _four_stem(strokes: Strokes, slack: float) -> tuple[int, np.ndarray]:
    """(stroke, indices of its points) of a 4's stem: from the lowest point up its stroke while it climbs."""
    index = max((float(s[:, 1].max()), i) for i, s in enumerate(strokes) if len(s))[1]
    stroke = strokes[index]
    bottom = int(np.argmax(stroke[:, 1]))
    best = np.array([bottom])
    for step in (-1, 1):
        run, highest = [bottom], stroke[bottom, 1]
        position = bottom + step
        while 0 <= position < len(stroke) and stroke[position, 1] <= highest + slack:
            highest = min(highest, stroke[position, 1])
            run.append(position)
            position += step
        top = run[int(np.argmin(stroke[run, 1]))]
        climbed = np.array(run[: run.index(top) + 1])
        if stroke[climbed, 1].min() < stroke[best, 1].min():
            best = climbed
    return index, best


def close_four(strokes: Sequence[np.ndarray], rng: np.random.Generator) -> Strokes:
    """A 4 with a closed top: a line from the top of its diagonal to the top of its stem."""
    result = _drawable(strokes)
    box = box_of(result)
    stem_index, stem = _four_stem(result, FOUR_STEM_SLACK * box.tall)
    stem_top = result[stem_index][stem[np.argmin(result[stem_index][stem, 1])]]
    others = [np.delete(s, stem, axis=0) if i == stem_index else s for i, s in enumerate(result)]
    rest = np.concatenate([s for s in others if len(s)] or [np.zeros((0, 2))])
    left = rest[(rest[:, 0] < stem_top[0] - FOUR_LEFT_OF_STEM * box.width)
                & (rest[:, 1] < box.low[1] + FOUR_UPPER_PART * box.tall)]
    candidates = left if len(left) else rest
    diagonal_top = candidates[np.argmin(candidates[:, 1])] if len(candidates) else box.low.copy()
    if np.linalg.norm(diagonal_top - stem_top) < 0.05 * box.size:  # nothing to join: close the box's top
        diagonal_top, stem_top = box.low.copy(), np.array([box.high[0], box.low[1]])
    return [*result, drawn_line(diagonal_top, stem_top, rng)]


SYNTHESES: dict[int, tuple[Callable[[Sequence[np.ndarray], np.random.Generator], Strokes], ...]] = {
    0: (slash_zero,),
    1: (flag_one, foot_one),
    4: (close_four,),
    7: (bar_seven,),
}

STYLE_MADE_BY: dict[Callable, str] = {
    slash_zero: "slashed_zero", flag_one: "flagged_one", foot_one: "footed_one", bar_seven: "barred_seven",
    close_four: "closed_four",
}


def synthesise(strokes: Sequence[np.ndarray], label: int, rng: np.random.Generator) -> Strokes | None:
    """The digit redrawn in one of its label's styles that it is not written in yet, picked at random; None when
    there is none (a label without styles, a 7 already barred, a drawing without ink)."""
    if not SYNTHESES.get(int(label)) or not any(len(stroke) for stroke in strokes):
        return None
    present = detect_styles(strokes, int(label))
    choices = [synthesis for synthesis in SYNTHESES[int(label)] if STYLE_MADE_BY[synthesis] not in present]
    return choices[int(rng.integers(len(choices)))](strokes, rng) if choices else None


def synthesise_style(strokes: Sequence[np.ndarray], label: int, style: str, rng: np.random.Generator) -> Strokes | None:
    """The digit redrawn in `style` (one of STYLE_NAMES); None when that style is not its label's, or the digit
    is written in it already, or holds no ink."""
    for synthesis in SYNTHESES.get(int(label), ()):
        if STYLE_MADE_BY[synthesis] == style and any(len(stroke) for stroke in strokes):
            return None if style in detect_styles(strokes, int(label)) else synthesis(strokes, rng)
    return None


# For training: this share of the training writers' 0s, 1s, 4s and 7s is drawn once more, in a style it lacks.
STYLED_SHARE = 0.5


def styled_count(labels: np.ndarray, share: float = STYLED_SHARE) -> int:
    """How many styled copies `styled_copies` makes for these labels (counted without drawing)."""
    return round(share * int(np.isin(labels, list(SYNTHESES)).sum()))


def styled_copies(
    drawings: Sequence[Sequence[np.ndarray]], labels: np.ndarray, seed: Sequence[int], share: float = STYLED_SHARE
) -> tuple[list[Strokes], np.ndarray]:
    """Extra training drawings: `share` of the drawings whose label has styles, each redrawn in a style it lacks
    (or as it is, when it has them all): (drawings, labels)."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(list(seed))
    candidates = np.flatnonzero(np.isin(labels, list(SYNTHESES)))
    chosen = np.sort(rng.permutation(candidates)[: styled_count(labels, share)])
    made = [synthesise(drawings[i], int(labels[i]), rng) or [np.asarray(s) for s in drawings[i]] for i in chosen]
    return made, labels[chosen]
