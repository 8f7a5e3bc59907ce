"""Geometry of pen strokes at any scale: bounding boxes, resampling, straight pieces, crossings and hand-drawn lines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Strokes = list[np.ndarray]

TINY = 1e-9
RESAMPLE_SPACING = 0.03  # of the drawing's size: points this far apart along the path
LINE_POINTS = 9  # points of a hand-drawn straight line
LINE_BOW = 0.03  # a drawn line bows by up to this share of its length
LINE_JITTER = 0.004  # and trembles by about this share


@dataclass(frozen=True)
class Box:
    """A drawing's bounding box; `size` is its larger side (1.0 for a single point, so lengths stay finite)."""

    low: np.ndarray
    high: np.ndarray

    @property
    def width(self) -> float:
        return float(self.high[0] - self.low[0])

    @property
    def height(self) -> float:
        return float(self.high[1] - self.low[1])

    @property
    def size(self) -> float:
        side = max(self.width, self.height)
        return side if side > TINY else 1.0

    @property
    def tall(self) -> float:
        """The height, or the size for a flat drawing."""
        return self.height if self.height > 0.05 * self.size else self.size

    @property
    def centre(self) -> np.ndarray:
        return (self.low + self.high) / 2.0


def copies(strokes: Sequence[np.ndarray]) -> Strokes:
    """Each stroke as its own (n, 2) float64 array: the same points, never the caller's arrays."""
    return [np.array(stroke, np.float64).reshape(-1, 2) for stroke in strokes]


def all_points(strokes: Sequence[np.ndarray]) -> np.ndarray:
    """Every point of every stroke, (K, 2); one point at the origin for a drawing without any."""
    points = [np.asarray(stroke, np.float64).reshape(-1, 2) for stroke in strokes]
    points = [p for p in points if len(p)]
    return np.concatenate(points) if points else np.zeros((1, 2))


def box_of(strokes: Sequence[np.ndarray]) -> Box:
    """The bounding box of every point."""
    points = all_points(strokes)
    return Box(points.min(axis=0), points.max(axis=0))


def path_length(stroke: np.ndarray) -> float:
    """The length of a polyline."""
    return float(np.linalg.norm(np.diff(stroke, axis=0), axis=1).sum()) if len(stroke) > 1 else 0.0


def resample(stroke: np.ndarray, spacing: float) -> np.ndarray:
    """A point every `spacing` along the polyline (its ends kept); a single point stays one point."""
    stroke = np.asarray(stroke, np.float64).reshape(-1, 2)
    if len(stroke) < 2:
        return stroke
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(stroke, axis=0), axis=1))])
    if along[-1] <= TINY:
        return stroke[:1]
    samples = np.linspace(0.0, along[-1], max(2, math.ceil(along[-1] / spacing) + 1))
    return np.stack([np.interp(samples, along, stroke[:, k]) for k in range(2)], axis=1)


def resampled(strokes: Sequence[np.ndarray], box: Box, spacing: float = RESAMPLE_SPACING) -> Strokes:
    """Every stroke resampled every `spacing` of the drawing's size."""
    return [resample(stroke, spacing * box.size) for stroke in strokes if len(stroke)]


def segments(strokes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts (E, 2), ends (E, 2), stroke index of each) of every segment of every stroke."""
    starts, ends, owners = [], [], []
    for index, stroke in enumerate(strokes):
        if len(stroke) > 1:
            starts.append(stroke[:-1])
            ends.append(stroke[1:])
            owners.append(np.full(len(stroke) - 1, index))
    if not starts:
        return np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, np.int64)
    return np.concatenate(starts), np.concatenate(ends), np.concatenate(owners)


def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The z component of the 2-D cross product, broadcast."""
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def crossings(
    starts_a: np.ndarray, ends_a: np.ndarray, starts_b: np.ndarray, ends_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where segments a (A) cross segments b (B): (index in a, index in b, position along a in 0..1), each (C,)."""
    if not len(starts_a) or not len(starts_b):
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0)
    r, s = ends_a - starts_a, ends_b - starts_b
    gap = starts_b[None, :, :] - starts_a[:, None, :]
    denominator = cross(r[:, None, :], s[None, :, :])
    safe = np.where(np.abs(denominator) > TINY, denominator, 1.0)
    t, u = cross(gap, s[None, :, :]) / safe, cross(gap, r[:, None, :]) / safe
    hit = (np.abs(denominator) > TINY) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    index_a, index_b = np.nonzero(hit)
    return index_a, index_b, t[index_a, index_b]


def distances(point: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How far `point` lies from each segment."""
    span = ends - starts
    share = np.clip(np.sum((point - starts) * span, axis=1) / np.maximum(np.sum(span**2, axis=1), TINY), 0.0, 1.0)
    return np.linalg.norm(starts + share[:, None] * span - point, axis=1)


def _ray_hits(origin: np.ndarray, direction: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How far along `direction` from `origin` the ray crosses each segment it crosses."""
    span = ends - starts
    denominator = cross(direction[None, :], span)
    safe = np.where(np.abs(denominator) > TINY, denominator, 1.0)
    gap = starts - origin
    along, position = cross(gap, span) / safe, cross(gap, direction[None, :]) / safe
    return along[(np.abs(denominator) > TINY) & (along > 0) & (position >= 0) & (position <= 1)]


def ray_reach(origin: np.ndarray, direction: np.ndarray, strokes: Sequence[np.ndarray]) -> float | None:
    """How far along `direction` (a unit vector) from `origin` the farthest crossing with the strokes lies."""
    starts, ends, _ = segments(strokes)
    hits = _ray_hits(origin, direction, starts, ends)
    return float(hits.max()) if len(hits) else None


def nearest_hit(
    origin: np.ndarray, direction: np.ndarray, starts: np.ndarray, ends: np.ndarray, beyond: float = 0.0
) -> float | None:
    """How far along `direction` from `origin` the nearest of the segments lies, `beyond` that distance; None when
    the ray meets none there."""
    hits = _ray_hits(origin, direction, starts, ends)
    hits = hits[hits > beyond]
    return float(hits.min()) if len(hits) else None


def rasterise(strokes: Sequence[np.ndarray], box: Box, grid: int, pen: float) -> tuple[np.ndarray, float, np.ndarray]:
    """The strokes drawn centred on a grid x grid raster, their larger side spanning it less a 2-cell margin, with a
    pen `pen` of the grid wide: (ink (grid, grid) bool, scale, offset of the box's corner in cells)."""
    from PIL import Image, ImageDraw

    inner = grid - 4
    scale = inner / box.size
    offset = 2 + (inner - np.array([box.width, box.height]) * scale) / 2.0
    image = Image.new("L", (grid, grid), 0)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        xy = [tuple(point) for point in ((np.asarray(stroke, np.float64) - box.low) * scale + offset).tolist()]
        if len(xy) > 1:
            draw.line(xy, fill=255, width=max(1, round(pen * grid)), joint="curve")
        elif xy:
            draw.point(xy, fill=255)
    return np.asarray(image) > 0, scale, offset


def rotate(vector: np.ndarray, degrees: float) -> np.ndarray:
    """`vector` turned by `degrees` (clockwise on the screen, where y grows downwards)."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    return np.array([cos * vector[0] - sin * vector[1], sin * vector[0] + cos * vector[1]])


def drawn_line(start: np.ndarray, end: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A straight line from `start` to `end` as a hand draws it: its ends exact, a slight bow and tremor between."""
    start, end = np.asarray(start, np.float64), np.asarray(end, np.float64)
    t = np.linspace(0.0, 1.0, LINE_POINTS)[:, None]
    line = start + t * (end - start)
    length = float(np.linalg.norm(end - start))
    normal = np.array([-(end - start)[1], (end - start)[0]]) / max(length, TINY)
    bow = rng.uniform(-LINE_BOW, LINE_BOW) * length * np.sin(np.pi * t)
    tremor = rng.normal(0.0, LINE_JITTER * length, (LINE_POINTS, 1)) * np.sin(np.pi * t)
    return line + (bow + tremor) * normal
