"""Find the writing styles MNIST lacks (slashed 0, flagged or footed 1, barred 7, closed 4) in real pen trajectories."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from handwriting.digits.stroke_geometry import (
    Box,
    Strokes,
    box_of,
    crossings,
    distances,
    nearest_hit,
    path_length,
    rasterise,
    resampled,
    segments,
)

STYLE_NAMES = ("slashed_zero", "flagged_one", "footed_one", "barred_seven", "closed_four")

# A slashed 0: a piece of the path inside the ring that passes near its centre and leaves on the other side.
RING_INSIDE = 0.72  # radius (1 = the box's ellipse) under which the path is inside the ring
RING_CENTRE = 0.35  # the slash passes within this radius of the centre of the drawing's box
RING_SIDES = 0.12  # with ring on both sides, the nearer side at least this share as far as the farther
RING_GAP = 0.05  # ink nearer the slash than this (share of the size) is the slash retraced, not the ring
RING_EDGE = 0.5  # and enters and leaves the inside at this radius at least (not a stroke ending inside)
OPPOSITE = 120.0  # degrees between where it enters and where it leaves

# A flagged 1: from the top, the path goes left and at most this steeply down, this far, ending this high.
FLAG_MIN_LENGTH = 0.25  # of the height
FLAG_ANGLES = (-10.0, 72.0)  # degrees below the horizontal
FLAG_FROM_STEM = 10.0  # and this much less steep than the stem (not a slanted stem itself)
FLAG_STEM_LEVEL = 0.75  # the stem's slant is read from the top to this far down (share of the height)
FLAG_HIGHEST_END = 0.7  # the flag ends in this upper share of the height (further down, it is the stem)
FLAG_NEAR_TOP = 0.1  # a stroke reaches the top when it passes this close (share of the height)
FLAG_SLACK = 0.03  # the walk left tolerates a step back to the right this long (share of the height)
FLAG_TIP = 0.15  # the flag's tip is where the path ends or turns back over this length (share of the height)

# A footed 1: the bottom band of the drawing spreads this wide, on both sides of the stem.
FOOT_BAND = 0.15  # of the height
FOOT_MIN_WIDTH = 0.35  # of the height
FOOT_MIN_SIDE = 0.08  # of the height, on each side of the stem
FOOT_STEM_LEVEL = 0.3  # the stem's x is read this far above the bottom (share of the height)

# A barred 7: a near-flat piece crossing a steep one (or reaching it) below the top.
FLAT_DEGREES = 30.0  # a segment this close to horizontal is flat
STEEP_DEGREES = 45.0  # and this far from it is steep
FLAT_MIN_LENGTH = 0.12  # a bar is this long at least (share of the size)
BAR_OVERHANG = 0.04  # and goes on this far past the stem on both sides (share of the size)
BAR_TOUCH = (0.05, 0.12)  # or ends this close to it (share of the size): a part of a stroke, a stroke of its own
BAR_STROKE_SHARE = 0.8  # a flat piece this share of its stroke's length is a stroke of its own
BAR_LEVELS = (0.25, 0.9)  # the crossing lies in this band of the height, from the top
NEIGHBOURS = 2  # segments of the same stroke this close to the bar are not a stem it crosses

# A closed 4: a hole in the drawing, drawn with a pen this thick on a small grid, big enough and high enough.
GRID = 32
PEN = 0.07  # of the grid
HOLE_MIN_AREA = 0.03  # of the ink box
HOLE_LOWEST = 0.75  # the hole's centre lies in this upper share of the box


def _angles(vectors: np.ndarray) -> np.ndarray:
    """Degrees from the horizontal, 0..90, of each vector."""
    return np.degrees(np.arctan2(np.abs(vectors[:, 1]), np.abs(vectors[:, 0]) + 1e-12))


def _runs(mask: np.ndarray, breaks: np.ndarray | None = None) -> list[tuple[int, int]]:
    """(first, last) of each run of True; a run also ends before each index where `breaks` is True."""
    found = []
    first = None
    for index, inside in enumerate(mask):
        if first is not None and (not inside or (breaks is not None and breaks[index])):
            found.append((first, index - 1))
            first = None
        if inside and first is None:
            first = index
    if first is not None:
        found.append((first, len(mask) - 1))
    return found


def box_frame(lines: Strokes, box: Box) -> list[np.ndarray]:
    """The strokes with their box's ellipse the unit circle."""
    half = np.maximum([box.width, box.height], 0.05 * box.size) / 2.0
    return [(line - box.centre) / half for line in lines]


def ring_crossings(lines: Strokes, box: Box) -> list[tuple[int, int, int, int]]:
    """The pieces of the path that enter the ring, pass near its centre with ring on both sides of them, and leave on
    the opposite side, as (stroke, first point, point nearest the centre, last point). A narrow 0 written at a
    slant has a side near its box's centre, but no ring beyond that side."""
    starts, ends, _ = segments(lines)
    offsets = np.cumsum([0] + [max(len(line) - 1, 0) for line in lines])
    found = []
    for index, unit in enumerate(box_frame(lines, box)):
        radius = np.linalg.norm(unit, axis=1)
        for first, last in _runs(radius < RING_INSIDE):
            nearest = first + int(np.argmin(radius[first:last + 1]))
            if radius[nearest] > RING_CENTRE:
                continue
            entry, exit_ = max(first - 1, 0), min(last + 1, len(unit) - 1)  # a stroke may start or end inside
            cosine = unit[entry] @ unit[exit_] / max(radius[entry] * radius[exit_], 1e-12)
            if math.degrees(math.acos(np.clip(cosine, -1.0, 1.0))) < OPPOSITE or min(
                    radius[entry], radius[exit_]) < RING_EDGE:
                continue
            piece = np.arange(offsets[index] + max(entry - NEIGHBOURS, 0), offsets[index] + exit_ + NEIGHBOURS)
            rest = np.setdiff1d(np.arange(len(starts)), piece)
            heading = lines[index][exit_] - lines[index][entry]
            normal = np.array([-heading[1], heading[0]]) / max(float(np.linalg.norm(heading)), 1e-12)
            sides = [nearest_hit(lines[index][nearest], way, starts[rest], ends[rest], RING_GAP * box.size)
                     for way in (normal, -normal)]
            if None not in sides and min(sides) >= RING_SIDES * max(sides):
                found.append((index, entry, nearest, exit_))
    return found


def crosses_ring(lines: Strokes, box: Box) -> bool:
    """A piece of the path crosses the ring through its centre (see `ring_crossings`)."""
    return bool(ring_crossings(lines, box))


def _flagged(lines: Strokes, box: Box) -> bool:
    """From the top, the path goes left and down to a tip, far enough, less steeply than the stem."""
    tall = box.tall
    apex = min((line[np.argmin(line[:, 1])] for line in lines), key=lambda point: point[1])
    drop = FLAG_STEM_LEVEL * tall
    stem_x = _stem_x(lines, apex[1] + drop)
    stem = 90.0 if stem_x is None else math.degrees(math.atan2(drop, apex[0] - stem_x))  # as a flag: 90 is upright
    for line in lines:
        distance = np.linalg.norm(line - apex, axis=1)
        start = int(np.argmin(distance))
        if distance[start] > FLAG_NEAR_TOP * tall:
            continue
        for step in (-1, 1):
            position, lowest_x = start, line[start, 0]
            while 0 <= position + step < len(line) and line[position + step, 0] <= lowest_x + FLAG_SLACK * tall:
                position += step
                lowest_x = min(lowest_x, line[position, 0])
            if not _turns_back(line, position, step, line[position] - apex, FLAG_TIP * tall):
                continue
            left, down = apex[0] - line[position, 0], line[position, 1] - apex[1]
            angle = math.degrees(math.atan2(down, max(left, 1e-12)))
            if (math.hypot(left, down) >= FLAG_MIN_LENGTH * tall and left > 0 and down <= FLAG_HIGHEST_END * tall
                    and FLAG_ANGLES[0] <= angle <= min(FLAG_ANGLES[1], stem - FLAG_FROM_STEM)):
                return True
    return False


def _turns_back(line: np.ndarray, position: int, step: int, heading: np.ndarray, reach: float) -> bool:
    """The path ends at `position`, or from there goes back against `heading` over the next `reach` of its length."""
    ahead = position + step
    travelled = 0.0
    while 0 <= ahead < len(line) and travelled < reach:
        travelled += float(np.linalg.norm(line[ahead] - line[ahead - step]))
        ahead += step
    return travelled == 0.0 or float((line[ahead - step] - line[position]) @ heading) < 0.0


def _stem_x(lines: Strokes, level: float) -> float | None:
    """The x where the steepest segment crossing the height `level` crosses it; None when none does."""
    starts, ends, _ = segments(lines)
    spans = (np.minimum(starts[:, 1], ends[:, 1]) <= level) & (np.maximum(starts[:, 1], ends[:, 1]) > level)
    if not spans.any():
        return None
    a, b = starts[spans], ends[spans]
    xs = a[:, 0] + (level - a[:, 1]) / (b[:, 1] - a[:, 1]) * (b[:, 0] - a[:, 0])
    return float(xs[np.argmax(np.abs(b[:, 1] - a[:, 1]) / np.linalg.norm(b - a, axis=1))])


def _footed(lines: Strokes, box: Box) -> bool:
    """The bottom band of the drawing spreads wide, on both sides of the stem."""
    tall = box.tall
    points = np.concatenate(lines)
    band = points[points[:, 1] >= box.high[1] - FOOT_BAND * tall]
    stem_x = _stem_x(lines, box.high[1] - FOOT_STEM_LEVEL * tall)
    if stem_x is None:
        stem_x = float(points[np.argmax(points[:, 1]), 0])
    left, right = stem_x - band[:, 0].min(), band[:, 0].max() - stem_x
    return left + right >= FOOT_MIN_WIDTH * tall and min(left, right) >= FOOT_MIN_SIDE * tall


def barred(lines: Strokes, box: Box) -> bool:
    """A flat piece crosses steep ink below the top, going on past it on both sides, or reaches it with one end."""
    starts, ends, owners = segments(lines)
    if not len(starts):
        return False
    local = np.concatenate([np.arange(len(line) - 1) for line in lines if len(line) > 1])
    angles = _angles(ends - starts)
    steep = angles >= STEEP_DEGREES
    levels = (box.low[1] + BAR_LEVELS[0] * box.height, box.low[1] + BAR_LEVELS[1] * box.height)
    lifts = np.concatenate([[False], owners[1:] != owners[:-1]])  # a run of flat segments ends at a pen lift
    for first, last in _runs(angles <= FLAT_DEGREES, lifts):
        piece = np.arange(first, last + 1)
        lengths = np.linalg.norm(ends[piece] - starts[piece], axis=1)
        if lengths.sum() < FLAT_MIN_LENGTH * box.size:
            continue
        near = (owners == owners[first]) & (local >= local[first] - NEIGHBOURS) & (local <= local[last] + NEIGHBOURS)
        others = np.flatnonzero(steep & ~near)
        hit_piece, _, along = crossings(starts[piece], ends[piece], starts[others], ends[others])
        at = np.concatenate([[0.0], np.cumsum(lengths)])[hit_piece] + along * lengths[hit_piece]
        y = starts[piece][hit_piece, 1] + along * (ends[piece][hit_piece, 1] - starts[piece][hit_piece, 1])
        overhang = np.minimum(at, lengths.sum() - at) >= BAR_OVERHANG * box.size
        below_top = (y >= levels[0]) & (y <= levels[1])
        if (overhang & below_top).any():
            return True
        if len(others):
            alone = int(lengths.sum() >= BAR_STROKE_SHARE * path_length(lines[owners[first]]))  # a stroke of its own
            for end in (starts[first], ends[last]):
                reach = distances(end, starts[others], ends[others]).min()
                if reach <= BAR_TOUCH[alone] * box.size and levels[0] <= end[1] <= levels[1]:
                    return True
    return False


def holes(lines: Strokes, box: Box, pen: float = PEN) -> list[tuple[float, float]]:
    """The enclosed background regions of the drawing drawn small with a pen `pen` of the grid: (area as a share of
    the ink box, height of its centre as a share from the top) of each, largest first."""
    ink, scale, offset = rasterise(lines, box, GRID, pen)
    free = ~ink
    border = np.zeros_like(free)
    border[0, :] = border[-1, :] = border[:, 0] = border[:, -1] = True
    left = free & ~_flood(border & free, free)
    area = max(box.width * scale, 1.0) * max(box.height * scale, 1.0)
    found = []
    while left.any():
        seed = np.zeros_like(left)
        seed[tuple(np.argwhere(left)[0])] = True
        region = _flood(seed, left)
        rows = np.nonzero(region)[0]
        found.append((float(region.sum() / area), float((rows.mean() - offset[1]) / max(box.height * scale, 1.0))))
        left &= ~region
    return sorted(found, reverse=True)


def _flood(seed: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Every cell of `allowed` joined to `seed` through its four neighbours."""
    region = seed & allowed
    while True:
        grown = region.copy()
        grown[1:] |= region[:-1]
        grown[:-1] |= region[1:]
        grown[:, 1:] |= region[:, :-1]
        grown[:, :-1] |= region[:, 1:]
        grown &= allowed
        if (grown == region).all():
            return region
        region = grown


def detect_styles(strokes: Sequence[np.ndarray], label: int) -> tuple[str, ...]:
    """Every one of STYLE_NAMES a real digit of `label` is written in (a 1 can have a flag and a foot)."""
    if not any(len(stroke) for stroke in strokes):
        return ()
    box = box_of(strokes)
    lines = resampled(strokes, box)
    found = []
    if label == 0 and crosses_ring(lines, box):
        found.append("slashed_zero")
    if label == 1 and _footed(lines, box):
        found.append("footed_one")
    if label == 1 and _flagged(lines, box):
        found.append("flagged_one")
    if label == 7 and barred(lines, box):
        found.append("barred_seven")
    if label == 4 and any(area >= HOLE_MIN_AREA and height <= HOLE_LOWEST for area, height in holes(lines, box)):
        found.append("closed_four")
    return tuple(found)


def detect_style(strokes: Sequence[np.ndarray], label: int) -> str | None:
    """Which of STYLE_NAMES a real digit of `label` is written in, or None (a plain digit, or no style known).
    A 1 with both a foot and a flag is footed: the foot is the rarer, and a foot drawn under a flagged 1 shows."""
    found = detect_styles(strokes, label)
    return found[0] if found else None
