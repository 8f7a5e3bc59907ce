"""What the networks see of a group of pieces: its box, its ink cut from the canvas, or its paths redrawn thinner."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from handwriting.recognition.rendering import read_pen, render_strokes
from handwriting.recognition.segments import Piece

REDRAW_SIZE = 80.0  # a group drawn with too thick a pen is redrawn from its path at this size, in pixels
Box = tuple[int, int, int, int]


def union_of(boxes: Sequence[Box]) -> Box:
    """The box around boxes (x0, y0, x1, y1)."""
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def redrawn(pieces: Sequence[Piece]) -> np.ndarray | None:
    """The pieces' paths redrawn with a pen that suits their size, when they were drawn with one too thick for it
    (handwriting.recognition.rendering.read_pen): thick ink is ink, in a number as in a lone digit, whose small
    loops the pen has filled. None when the pen suits the group, or the pieces have no paths (an image alone)."""
    paths = [piece.path for piece in pieces]
    if any(path is None for path in paths):
        return None
    thinner = read_pen(paths, pieces[0].pen)
    if thinner is None:
        return None
    points = np.concatenate(paths)
    low = points.min(axis=0)
    scale = REDRAW_SIZE / max(float(np.ptp(points, axis=0).max()), 1e-6)
    margin = thinner * scale
    placed = [(path - low) * scale + margin for path in paths]
    extent = np.ptp(points, axis=0) * scale + 2 * margin
    return render_strokes(placed, thinner * scale, (int(np.ceil(extent[1])) + 1, int(np.ceil(extent[0])) + 1))


def group_image(canvas: np.ndarray, pieces: Sequence[Piece]) -> np.ndarray:
    """The canvas's ink under the pieces' masks, cropped to the masks' extent (float32 in [0, 1])."""
    y0, x0 = min(piece.top for piece in pieces), min(piece.left for piece in pieces)
    y1 = max(piece.top + piece.mask.shape[0] for piece in pieces)
    x1 = max(piece.left + piece.mask.shape[1] for piece in pieces)
    image = np.zeros((y1 - y0, x1 - x0), np.float32)
    for piece in pieces:
        height, width = piece.mask.shape
        top, left = piece.top - y0, piece.left - x0
        region = image[top : top + height, left : left + width]
        ink = canvas[piece.top : piece.top + height, piece.left : piece.left + width]
        np.maximum(region, np.where(piece.mask, ink, 0.0), out=region)
    return image
