"""Draw pen strokes onto a canvas the way the app's canvas draws a mouse stroke: a round, antialiased pen.

The training pipeline, the drawn-digit benchmark and the non-digit generator all draw through here,
so what they feed the network looks like what a person's mouse or stylus leaves on the app's canvas.
A *style* says how big, where and with which pen a digit is drawn; `STYLES` are the four ways people
draw that the benchmark reports (centred and large, small in a corner, thin pen, thick pen, and the largest
pens on small drawings).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from handwriting.recognition.rendering import readable, render_edges, strokes_to_graph

CANVAS_SIDE = 280  # the app's drawing canvas (handwriting/gui/draw/canvas.py)
EDGE_MARGIN = 4.0  # the smallest gap between the ink and the canvas edge
DISTORTION = 0.08  # elastic distortion of a training drawing's path, as a share of its size
DISTORTION_WAVES = 3


@dataclass(frozen=True)
class Style:
    """How a drawing is placed on the canvas (all lengths in canvas pixels)."""

    name: str
    height: tuple[float, float]  # ink height of the drawing, pen included
    pen: tuple[float, float]  # pen diameter
    placement: str  # "centre" (with jitter), "corner" (near two edges) or "anywhere" (kept inside)
    jitter: float = 0.0  # +- offset of the centre for "centre"
    corner_margin: tuple[float, float] = (0.0, 0.0)  # gap to the two edges for "corner"
    slant: float = 0.0  # extra shear drawn uniformly in +-slant (0 keeps the writer's own)
    rotation: float = 0.0  # extra rotation in degrees drawn uniformly in +-rotation


STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        Style("centred_large", height=(150, 220), pen=(14, 22), placement="centre", jitter=15),
        Style("small_corner", height=(40, 70), pen=(4, 8), placement="corner", corner_margin=(2, 10)),
        Style("thin_pen", height=(120, 200), pen=(2, 5), placement="anywhere"),
        Style("thick_pen", height=(120, 200), pen=(26, 36), placement="anywhere"),
        # The largest pens on small drawings (the pen's path from a third of the canvas high): thick ink is ink.
        Style("thick_small", height=(135, 190), pen=(36, 48), placement="anywhere"),
    )
}


def distort(strokes: Sequence[np.ndarray], rng: np.random.Generator, amount: float = DISTORTION) -> list[np.ndarray]:
    """The same drawing by a slightly different hand: every point moved by a smooth random field.

    The field is a sum of a few long-wave sines (an elastic distortion, as Simard et al. 2003 did to
    images, here on the pen's path), up to `amount` of the drawing's size: loops grow or shrink, tails
    curl more or less, strokes bend, while the drawing stays the same digit.
    """
    points = np.concatenate([np.asarray(stroke, np.float64).reshape(-1, 2) for stroke in strokes])
    low, size = points.min(axis=0), max(float(np.ptp(points, axis=0).max()), 1e-6)
    waves = rng.normal(0.0, 1.0, (DISTORTION_WAVES, 2, 2)) * 2.0  # spatial frequencies, in cycles per size
    phases = rng.uniform(0, 2 * np.pi, (DISTORTION_WAVES, 2))
    weights = rng.normal(0.0, amount / np.sqrt(DISTORTION_WAVES), (DISTORTION_WAVES, 2))

    def moved(stroke: np.ndarray) -> np.ndarray:
        unit = (np.asarray(stroke, np.float64).reshape(-1, 2) - low) / size
        shift = np.zeros_like(unit)
        for wave, phase, weight in zip(waves, phases, weights, strict=True):
            shift += weight * np.sin(unit @ wave.T + phase)
        return (unit + shift) * size + low

    return [moved(stroke) for stroke in strokes]


def transform_points(points: np.ndarray, slant: float, rotation_deg: float) -> np.ndarray:
    """Centre on the bounding box, shear (x -= slant * y, so positive slant leans right) and rotate."""
    lows, highs = points.min(axis=0), points.max(axis=0)
    centred = points - (lows + highs) / 2.0
    x, y = centred[:, 0] - slant * centred[:, 1], centred[:, 1]
    angle = math.radians(rotation_deg)
    cos, sin = math.cos(angle), math.sin(angle)
    return np.stack([cos * x - sin * y, sin * x + cos * y], axis=1)


def place(style: Style, rng: np.random.Generator, width: float, height: float) -> tuple[float, float]:
    """The top-left corner (x, y) of a width x height ink box, drawn at random as the style says."""
    margin = EDGE_MARGIN
    highest_left, highest_top = CANVAS_SIDE - margin - width, CANVAS_SIDE - margin - height
    if style.placement == "corner":  # a gap of corner_margin to one vertical and one horizontal edge
        gap_x, gap_y = rng.uniform(*style.corner_margin, size=2)
        right_side, bottom_side = rng.integers(0, 2, size=2)
        left = CANVAS_SIDE - width - gap_x if right_side else gap_x
        top = CANVAS_SIDE - height - gap_y if bottom_side else gap_y
        return float(left), float(top)
    if style.placement == "centre":
        dx, dy = rng.uniform(-style.jitter, style.jitter, size=2)
        left, top = (CANVAS_SIDE - width) / 2 + dx, (CANVAS_SIDE - height) / 2 + dy
    elif style.placement == "anywhere":
        left = rng.uniform(margin, max(margin, highest_left))
        top = rng.uniform(margin, max(margin, highest_top))
    else:
        raise ValueError(f"unknown placement {style.placement!r}")
    left = np.clip(left, margin, max(margin, highest_left))
    return float(left), float(np.clip(top, margin, max(margin, highest_top)))


def place_ink(
    points: np.ndarray,
    height: float,
    pen: float,
    slant: float = 0.0,
    rotation_deg: float = 0.0,
    style: Style | None = None,
    rng: np.random.Generator | None = None,
    max_width: float | None = None,
) -> np.ndarray:
    """The points scaled and placed on the canvas (canvas pixels) so that the ink box, pen included, is `height`
    tall, or less when that would make it wider than `max_width` (default: the canvas less a margin), placed as
    `style` says (centred when None)."""
    shaped = transform_points(np.asarray(points, np.float64), slant, rotation_deg)
    span = shaped.max(axis=0) - shaped.min(axis=0)
    usable = CANVAS_SIDE - 2 * EDGE_MARGIN - pen
    usable_x = usable if max_width is None else min(usable, max(max_width - pen, 1.0))
    # A flat stroke (a lone dash) is sized by its width instead of its height.
    scale = (height - pen) / max(span[1] if span[1] >= 1.0 else span[0], 1.0)
    scale = min(scale, usable / max(span[1], 1.0), usable_x / max(span[0], 1e-6))
    scaled = (shaped - shaped.min(axis=0)) * scale
    ink_width, ink_height = scaled[:, 0].max() + pen, scaled[:, 1].max() + pen
    if style is None:
        left, top = (CANVAS_SIDE - ink_width) / 2, (CANVAS_SIDE - ink_height) / 2
    else:
        left, top = place(style, rng or np.random.default_rng(0), ink_width, ink_height)
    return scaled + np.array([left + pen / 2, top + pen / 2])


def draw_ink(
    points: np.ndarray,
    edges: np.ndarray,
    height: float,
    pen: float,
    slant: float = 0.0,
    rotation_deg: float = 0.0,
    style: Style | None = None,
    rng: np.random.Generator | None = None,
    max_width: float | None = None,
    antialias: bool = True,
) -> np.ndarray:
    """Draw points joined by edges with a round pen, placed by place_ink: (280, 280) uint8, ink 255 on 0.
    A single point is a tap: a dot of the pen's size."""
    placed = place_ink(points, height, pen, slant, rotation_deg, style, rng, max_width)
    return render_edges(placed, edges, pen, (CANVAS_SIDE, CANVAS_SIDE), antialias)


def draw_in_style_with_path(
    strokes: Sequence[np.ndarray], style: Style, rng: np.random.Generator
) -> tuple[np.ndarray, list[np.ndarray], float]:
    """As draw_in_style, with what the app's canvas also knows: (canvas, the strokes in canvas pixels, the pen)."""
    points, edges = strokes_to_graph(strokes)
    height = rng.uniform(*style.height)
    pen = rng.uniform(*style.pen)
    slant = rng.uniform(-style.slant, style.slant) if style.slant else 0.0
    rotation = rng.uniform(-style.rotation, style.rotation) if style.rotation else 0.0
    # Wide drawings (a flat 5 or 2) are drawn less tall rather than wider than the style's largest height.
    placed = place_ink(points, height, pen, slant, rotation, style, rng, max_width=style.height[1])
    canvas = render_edges(placed, edges, pen, (CANVAS_SIDE, CANVAS_SIDE))
    lengths = np.cumsum([len(np.asarray(stroke).reshape(-1, 2)) for stroke in strokes])[:-1]
    return canvas, np.split(placed, lengths), float(pen)


def draw_in_style(strokes: Sequence[np.ndarray], style: Style, rng: np.random.Generator) -> np.ndarray:
    """Draw a drawing's strokes once with the style's random size, pen and placement: (280, 280) uint8."""
    return draw_in_style_with_path(strokes, style, rng)[0]


def draw_as_read(
    strokes: Sequence[np.ndarray], style: Style, rng: np.random.Generator, as_app: bool = True
) -> np.ndarray:
    """Draw in style (draw_in_style) and return what is read of the canvas: what the app reads of a drawing (its
    path when the pen is too thick for its size: handwriting.recognition.rendering.readable), or with
    as_app=False the canvas itself, as a scan is read."""
    canvas, placed, pen = draw_in_style_with_path(strokes, style, rng)
    return readable(canvas, placed, pen) if as_app else canvas
