"""Draw pen strokes with a round, antialiased pen, and redraw a drawing whose pen is too thick for its size."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

INK = 255
SUPERSAMPLE = 2  # strokes are drawn at 2x and box-filtered down: antialiased edges, like the app's QPainter
# MNIST's strokes are about 2.5 px wide in its 20 px box: an eighth of the digit. A pen much wider than that share
# of the drawing's size closes its loops (a small 8 drawn at 48 px is a blob); its path is still the digit.
READ_PEN_SHARE = 0.125  # the pen a too thick drawing is redrawn with, as a share of its size
THICK_PEN_SHARE = 0.1875  # a pen wider than this share of the drawing's size is too thick
MIN_READ_PEN = 2.0  # the thinnest pen a drawing is redrawn with, in canvas pixels


def strokes_to_graph(strokes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Polylines -> (points (K, 2), edges (E, 2)): each stroke's consecutive points joined."""
    points, edges, start = [], [], 0
    for stroke in strokes:
        stroke = np.asarray(stroke, np.float64).reshape(-1, 2)
        points.append(stroke)
        indices = np.arange(start, start + len(stroke))
        edges.append(np.stack([indices[:-1], indices[1:]], axis=1))
        start += len(stroke)
    if not points:
        return np.zeros((0, 2)), np.zeros((0, 2), np.int64)
    return np.concatenate(points), np.concatenate(edges).astype(np.int64)


def render_edges(
    canvas_points: np.ndarray, edges: np.ndarray, pen: float, size: tuple[int, int], antialias: bool = True
) -> np.ndarray:
    """Draw points (canvas pixels, x right, y down) joined by edges with a round pen on a (height, width) canvas:
    uint8, ink 255 on 0. A single point is a tap: a dot of the pen's size."""
    height, width_px = size
    factor = SUPERSAMPLE if antialias else 1
    image = Image.new("L", (width_px * factor, height * factor), 0)
    draw = ImageDraw.Draw(image)
    width = max(1, round(pen * factor))
    radius = (width - 1) / 2.0
    # Pixel centres: canvas point (x, y) is at (x + 0.5) * factor - 0.5 in the supersampled image.
    coords = [tuple(point) for point in ((np.asarray(canvas_points) + 0.5) * factor - 0.5).tolist()]
    for a, b in np.asarray(edges).tolist():
        draw.line([coords[a], coords[b]], fill=INK, width=width)
    if width > 1:  # round caps and joins
        for x, y in coords:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=INK)
    else:
        draw.point(coords, fill=INK)
    if factor > 1:
        image = image.resize((width_px, height), Image.Resampling.BOX)
    return np.asarray(image)


def render_strokes(strokes: Sequence[np.ndarray], pen: float, size: tuple[int, int]) -> np.ndarray:
    """Draw strokes already in canvas pixels (x right, y down) with a round pen on a (height, width) canvas."""
    points, edges = strokes_to_graph(strokes)
    return render_edges(points, edges, pen, size)


def _finite(strokes: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The strokes as (n, 2) float64 arrays without their non-finite points; strokes left empty are dropped."""
    arrays = (np.asarray(stroke, np.float64).reshape(-1, 2) for stroke in strokes)
    return [kept for array in arrays if len(kept := array[np.isfinite(array).all(axis=1)])]


def _thinner(finite: list[np.ndarray], pen: float) -> float | None:
    """read_pen for strokes that hold only finite points."""
    if not finite or not np.isfinite(pen):
        return None
    extent = float(np.ptp(np.concatenate(finite), axis=0).max())
    if extent < pen or pen <= THICK_PEN_SHARE * extent:  # a dot or a tap, whose ink is its shape; a pen that suits
        return None
    return max(READ_PEN_SHARE * extent, MIN_READ_PEN)


def read_pen(strokes: Sequence[np.ndarray], pen: float) -> float | None:
    """The pen a drawing is read with when `pen` is too thick for its strokes' size (over THICK_PEN_SHARE of their
    larger extent, pen excluded): READ_PEN_SHARE of it. None when `pen` suits the drawing, the drawing is shorter
    than the pen is wide (a dot, a tap), or the strokes hold no finite point."""
    return _thinner(_finite(strokes), pen)


def readable(canvas: np.ndarray, strokes: Sequence[np.ndarray] | None, pen: float) -> np.ndarray:
    """The drawing as the network reads it: `canvas` itself, or, drawn with a pen too thick for its size
    (read_pen), its strokes redrawn on a canvas of the same shape with the thinner pen. Thick ink is ink: a small
    digit drawn at the largest pen is read from its path, whose loops are still open."""
    finite = _finite(strokes or [])
    thinner = _thinner(finite, pen)
    if thinner is None:
        return canvas
    return render_strokes(finite, thinner, np.asarray(canvas).shape[:2])
