"""Drawings someone writes as a digit (a crossed ring, a barred stroke, a blob): never to be taught as "not a digit"."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from handwriting.digits.stroke_geometry import (
    Box,
    Strokes,
    box_of,
    crossings,
    distances,
    path_length,
    rasterise,
    resampled,
    segments,
)
from handwriting.digits.style_detection import (
    GRID,
    NEIGHBOURS,
    RING_EDGE,
    RING_GAP,
    ring_crossings,
)

# A crossed ring (a slashed 0): a piece through the centre of a ring that lies nearly all round, little inside.
SECTORS = 36  # directions around the centre
RING_ROUND = 0.75  # the ring's ink lies in this share of them at least
RING_BAND = (0.5, 1.5)  # at these radii (1 is the drawing's box's ellipse)
RING_HOLLOW = 0.45  # and at most RING_CLUTTER of it lies inside this radius
RING_CLUTTER = 0.05  # (a tangle has ink all across the inside)
RING_BEYOND = 0.15  # the piece meets the ring within this far past its ends (share of the size)
SLASH_LINE = 0.05  # the crossing stroke's ink this near the slash's line is the slash running on, not ring

# A barred stroke (a barred 7): a short straight flat stroke of its own, crossing one other stroke, a steep one,
# away from the drawing's edges, and much shorter than the stroke it crosses.
BAR_STRAIGHT = 0.85  # the bar's ends are this share of its length apart at least
BAR_FLAT = 30.0  # degrees from the horizontal at most
BAR_STEEP = 45.0  # degrees from the horizontal at least, where the stem is crossed
BAR_SHORTEST = 0.12  # of the drawing's size
BAR_OF_STEM = 0.6  # the bar is at most this share of the crossed stroke's length
BAR_OVERHANG = 0.04  # past the stem on both sides (share of the size)
STEM_SPAN = 0.5  # the crossed stroke spans this share of the drawing's height at least
STEM_WINDOW = 3  # segments either side of the crossing give the stem's direction
BAR_MIDDLE = ((0.05, 0.95), (0.25, 0.85))  # the crossing lies in these shares of the box's width and height

# A blob: a compact tangle that even a thin pen fills: it reads as a fat 0 or 8, or an ink blot over a digit.
BLOB_PEN = 0.06  # of the grid
BLOB_INK = 0.8  # of the box's inscribed ellipse is inked
BLOB_MIN_PATH = 4.0  # the path is this many times the drawing's size at least (a tap or a dash is no blob)
BLOB_ASPECT = 2.5  # and the box is at most this elongated


def looks_like_a_digit_style(strokes: Sequence[np.ndarray]) -> bool:
    """A drawing someone writes as a digit: a crossed ring (a slashed 0), a stroke with one short bar across its
    middle (a barred 7), or a blob. Such a drawing must never be taught as "not a digit"."""
    if not any(len(stroke) for stroke in strokes):
        return False
    box = box_of(strokes)
    lines = resampled(strokes, box)
    return crossed_ring(lines, box) or barred_stroke(lines, box) or blob(lines, box)


def crossed_ring(lines: Strokes, box: Box) -> bool:
    """A piece of the path through a ring's centre, meeting the ring on both sides, with ring nearly all round and
    hardly any other ink inside (an infinity sign crosses itself at its centre, but meets no ring beyond it; a 0 may
    be a little open; a tangle has more ink across the inside)."""
    for index, entry, nearest, exit_ in ring_crossings(lines, box):
        ring = [line for number, line in enumerate(lines) if number != index]
        ring += [_off_the_slash(lines[index][:entry], lines[index], entry, exit_, box),
                 _off_the_slash(lines[index][exit_ + 1:], lines[index], entry, exit_, box)]
        points = np.concatenate([*ring, np.zeros((0, 2))])
        if len(points) < SECTORS // 2:
            continue
        to_ring = _ring_frame(points, box)
        if _round(to_ring(points)) and _meets_ring(lines, box, to_ring, index, entry, nearest, exit_):
            return True
    return False


def _off_the_slash(part: np.ndarray, line: np.ndarray, entry: int, exit_: int, box: Box) -> np.ndarray:
    """The points of `part` away from the line through the piece line[entry..exit_]: a slash that runs far past
    the ring is no ring (the rest of a stroke that also draws the ring is)."""
    start, end = line[entry], line[exit_]
    along = end - start
    length = float(np.linalg.norm(along))
    if length == 0.0 or len(part) == 0:
        return part
    normal = np.array([-along[1], along[0]]) / length
    return part[np.abs((part - start) @ normal) > SLASH_LINE * box.size]


def _ring_frame(points: np.ndarray, box: Box) -> Callable[[np.ndarray], np.ndarray]:
    """Points -> their place in the ring's frame: along its principal axes, its turned box's ellipse the unit circle."""
    axes = np.linalg.eigh(np.cov(points.T) + np.eye(2) * 1e-12)[1]
    turned = points @ axes
    low, high = turned.min(axis=0), turned.max(axis=0)
    half = np.maximum(high - low, 0.05 * box.size) / 2.0
    return lambda xy: (np.asarray(xy) @ axes - (low + high) / 2.0) / half


def _round(unit: np.ndarray) -> bool:
    """Ring ink at a ring's radius all round, and hardly any inside."""
    radius = np.linalg.norm(unit, axis=1)
    if (radius < RING_HOLLOW).mean() > RING_CLUTTER:
        return False
    ring = unit[(radius >= RING_BAND[0]) & (radius <= RING_BAND[1])]
    sectors = np.floor((np.degrees(np.arctan2(ring[:, 1], ring[:, 0])) + 180.0) / 360.0 * SECTORS) % SECTORS
    return len(np.unique(sectors)) >= RING_ROUND * SECTORS


def _meets_ring(
    lines: Strokes, box: Box, to_ring: Callable[[np.ndarray], np.ndarray], index: int, entry: int, nearest: int,
    exit_: int,
) -> bool:
    """The piece of stroke `index` through the centre, carried on RING_BEYOND of the size past its ends, meets other
    ink on both sides of the centre, away from it (where an infinity sign's other branch is far)."""
    line = lines[index]
    steps = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))])
    reach = RING_BEYOND * box.size
    order = np.arange(len(line))
    away = np.linalg.norm(to_ring(line), axis=1) >= RING_EDGE
    before = np.flatnonzero((steps >= steps[entry] - reach) & (order <= nearest) & away)
    after = np.flatnonzero((steps <= steps[exit_] + reach) & (order >= nearest) & away)
    if not len(before) or not len(after):
        return False
    starts, ends, _ = segments(lines)
    offsets = np.cumsum([0] + [max(len(other) - 1, 0) for other in lines])
    own = np.arange(offsets[index] + max(before[0] - NEIGHBOURS, 0), offsets[index] + after[-1] + NEIGHBOURS)
    rest = np.setdiff1d(np.arange(len(starts)), own)
    if not len(rest):
        return False
    near = RING_GAP * box.size
    return all(
        min(float(distances(point, starts[rest], ends[rest]).min()) for point in line[side]) <= near
        for side in (before, after)
    )


def barred_stroke(lines: Strokes, box: Box) -> bool:
    """A short straight flat stroke crossing the middle of exactly one other, steep there and much longer."""
    starts, ends, owners = segments(lines)
    lengths = [path_length(line) for line in lines]
    for index, bar in enumerate(lines):
        chord = bar[-1] - bar[0]
        angle = math.degrees(math.atan2(abs(chord[1]), abs(chord[0]) + 1e-12))
        if (lengths[index] < BAR_SHORTEST * box.size or np.linalg.norm(chord) < BAR_STRAIGHT * lengths[index]
                or angle > BAR_FLAT):
            continue
        others = np.flatnonzero(owners != index)
        bar_starts, bar_ends = bar[:-1], bar[1:]
        hit_bar, hit_other, along = crossings(bar_starts, bar_ends, starts[others], ends[others])
        if len(hit_bar) == 0 or len(np.unique(owners[others[hit_other]])) != 1:
            continue
        stem = int(owners[others[hit_other[0]]])
        steps = np.linalg.norm(bar_ends - bar_starts, axis=1)
        at = np.concatenate([[0.0], np.cumsum(steps)])[hit_bar] + along * steps[hit_bar]
        points = bar_starts[hit_bar] + along[:, None] * (bar_ends - bar_starts)[hit_bar]
        hit = others[hit_other]  # the stem's direction over a few segments: a staircase's step is not the stem
        first = np.maximum(hit - STEM_WINDOW, np.searchsorted(owners, owners[hit], side="left"))
        last = np.minimum(hit + STEM_WINDOW, np.searchsorted(owners, owners[hit], side="right") - 1)
        crossed = ends[last] - starts[first]
        steep = np.degrees(np.arctan2(np.abs(crossed[:, 1]), np.abs(crossed[:, 0]) + 1e-12)) >= BAR_STEEP
        share = (points - box.low) / np.maximum([box.width, box.height], 1e-12)
        middle = ((share[:, 0] >= BAR_MIDDLE[0][0]) & (share[:, 0] <= BAR_MIDDLE[0][1])
                  & (share[:, 1] >= BAR_MIDDLE[1][0]) & (share[:, 1] <= BAR_MIDDLE[1][1]))
        overhang = np.minimum(at, lengths[index] - at) >= BAR_OVERHANG * box.size
        stem_span = float(np.ptp(lines[stem][:, 1])) if len(lines[stem]) else 0.0
        if (lengths[index] <= BAR_OF_STEM * lengths[stem] and stem_span >= STEM_SPAN * box.height
                and (steep & middle & overhang).any()):
            return True
    return False


def blob(lines: Strokes, box: Box) -> bool:
    """A compact drawing whose path is long and that even a thin pen fills nearly everywhere."""
    aspect = max(box.width, 1e-12) / max(box.height, 1e-12)
    if sum(path_length(line) for line in lines) < BLOB_MIN_PATH * box.size:
        return False
    if not 1.0 / BLOB_ASPECT <= aspect <= BLOB_ASPECT:
        return False
    ink, scale, offset = rasterise(lines, box, GRID, BLOB_PEN)
    rows, columns = np.mgrid[0:GRID, 0:GRID]
    half = np.array([box.width, box.height]) * scale / 2.0
    centre = offset + half
    inside = ((columns - centre[0]) / half[0]) ** 2 + ((rows - centre[1]) / half[1]) ** 2 <= 1.0
    return bool(ink[inside].mean() >= BLOB_INK) if inside.any() else False
