"""Cut a drawn number into pieces, each a mask over the canvas: its strokes (cut where one runs through two
digits) or, for an image alone, its ink's connected components (cut where a wide one is thinnest)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from handwriting.recognition.preprocess import INK_LEVEL

MAX_STROKES = 64  # a drawing of more strokes is read from its image alone
MAX_PIECES = 24  # more pieces than this is no number (a scribble, a hatching)
MAX_POINTS = 2_000  # a longer stroke is thinned to this many points
MASK_MARGIN = 2.0  # a stroke's mask reaches this many pixels beyond the pen's estimated edge
PEN_RANGE = (1.0, 80.0)  # the estimated pen diameter is kept inside this, in canvas pixels
WIDE_STROKE = 1.3  # a stroke wider than this times the ink's height may run through several digits
WIDE_COMPONENT = 0.9  # a component of ink wider than this times its height may hold touching digits
MAX_CUTS = 5  # candidate cuts through one stroke or component
CUT_SPACING = 0.25  # cuts are at least this times the ink's height apart
THIN_COLUMN = 0.5  # a column of a component is a cut candidate where its ink is below this share of the median
DIGIT_WIDTH = 0.6  # a digit's usual width over its height: where to cut touching digits that meet at no thin column
CUT_WINDOW = 0.15  # ... each such cut moved to the thinnest column this share of the height around it
FAINT = 0.02  # canvas pixels at or below this are background inside a mask


@dataclass(frozen=True)
class Piece:
    """Part of the ink: `mask` (bool) covers canvas[top:top + h, left:left + w]."""

    mask: np.ndarray
    top: int
    left: int
    stroke: int = -1  # the stroke it comes from, in drawing order; -1 for ink read from the image alone
    path: np.ndarray | None = None  # the pen's path of the piece (canvas pixels); None for ink read from the image
    pen: float = 0.0  # the pen's estimated diameter (canvas pixels); 0 for ink read from the image alone
    part: int = 0  # its place along its stroke, for a stroke cut in parts (cut_stroke)

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) of the mask's pixels, exclusive ends, in canvas pixels."""
        rows, cols = np.flatnonzero(self.mask.any(axis=1)), np.flatnonzero(self.mask.any(axis=0))
        return (
            self.left + int(cols[0]),
            self.top + int(rows[0]),
            self.left + int(cols[-1]) + 1,
            self.top + int(rows[-1]) + 1,
        )


def clean_strokes(strokes: Sequence, shape: tuple[int, int]) -> list[np.ndarray]:
    """Strokes as (n, 2) float64 arrays inside the canvas: non-finite points dropped, the rest clipped to it;
    anything that is not a list of points is skipped."""
    height, width = shape
    cleaned = []
    for stroke in strokes:
        try:
            points = np.asarray(stroke, np.float64).reshape(-1, 2)
        except (TypeError, ValueError):
            continue
        points = points[np.isfinite(points).all(axis=1)]
        if len(points) > MAX_POINTS:
            points = points[np.linspace(0, len(points) - 1, MAX_POINTS).astype(int)]
        if len(points):
            cleaned.append(np.clip(points, 0.0, [width - 1.0, height - 1.0]))
    return cleaned


def pen_width(canvas: np.ndarray, strokes: Sequence[np.ndarray]) -> float:
    """The pen's diameter estimated from the ink's area over the strokes' length (a dot: its side)."""
    area = float(np.count_nonzero(canvas > 0.5))
    length = sum(float(np.linalg.norm(np.diff(s, axis=0), axis=1).sum()) for s in strokes)
    width = area / length if length >= 1.0 else np.sqrt(area)
    return float(np.clip(width, *PEN_RANGE))


def _x_turns(points: np.ndarray, spacing: float) -> list[int]:
    """Indices where the path turns back in x (local x extrema, ignoring wiggles under `spacing` / 2)."""
    turns, anchor, direction = [], 0, 0.0
    for index in range(1, len(points)):
        step = float(points[index, 0] - points[anchor, 0])
        if step * direction > 0 or (not direction and abs(step) >= spacing / 2):
            direction, anchor = np.sign(step), index  # the extremum moves on
        elif direction and abs(step) >= spacing / 2:
            turns.append(anchor)
            direction, anchor = -direction, index
    return turns


def cut_stroke(points: np.ndarray, height: float) -> list[np.ndarray]:
    """A stroke that runs through several digits cut at its x turns (at most MAX_CUTS); others whole."""
    if len(points) < 3 or np.ptp(points[:, 0]) <= WIDE_STROKE * height:
        return [points]
    turns = [i for i in _x_turns(points, CUT_SPACING * height) if 0 < i < len(points) - 1][:MAX_CUTS]
    bounds = [0, *turns, len(points) - 1]
    return [points[a : b + 1] for a, b in itertools.pairwise(bounds) if b > a]


def stroke_piece(canvas: np.ndarray, points: np.ndarray, pen: float, stroke: int = -1, part: int = 0) -> Piece | None:
    """The canvas pixels within the pen's reach of a stroke, as a Piece; None when no ink lies there."""
    reach = pen / 2 + MASK_MARGIN
    height, width = canvas.shape
    x0, y0 = (max(0, int(np.floor(v - reach))) for v in points.min(axis=0))
    x1 = min(width, int(np.ceil(points[:, 0].max() + reach)) + 1)
    y1 = min(height, int(np.ceil(points[:, 1].max() + reach)) + 1)
    image = Image.new("1", (max(1, x1 - x0), max(1, y1 - y0)), 0)
    draw = ImageDraw.Draw(image)
    local = [tuple(p) for p in (points - [x0, y0]).tolist()]
    if len(local) > 1:
        draw.line(local, fill=1, width=max(1, round(2 * reach)), joint="curve")
    for x, y in (local[0], local[-1]):
        draw.ellipse((x - reach, y - reach, x + reach, y + reach), fill=1)
    mask = np.asarray(image, bool) & (canvas[y0:y1, x0:x1] > FAINT)
    return Piece(mask, y0, x0, stroke, points, pen, part) if mask.any() else None


def pieces_from_strokes(canvas: np.ndarray, strokes: list[np.ndarray]) -> list[Piece]:
    """Each stroke a piece, strokes through several digits cut at their x turns."""
    points = np.concatenate(strokes)
    height = max(float(np.ptp(points[:, 1])), 1.0)
    pen = pen_width(canvas, strokes)
    parts = [(index, order, part) for index, stroke in enumerate(strokes)
             for order, part in enumerate(cut_stroke(stroke, height + pen))]
    pieces = (stroke_piece(canvas, part, pen, index, order) for index, order, part in parts)
    return [piece for piece in pieces if piece is not None]


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    edges = np.flatnonzero(np.diff(np.concatenate([[0], row.view(np.int8), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def components(ink: np.ndarray, limit: int) -> list[Piece] | None:
    """The 8-connected components of a bool image as Pieces; None past `limit` runs of ink (no handful of
    digits has that many). Each row's runs of ink are joined to the touching runs above by union-find."""
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    runs: list[tuple[int, int, int]] = []
    above: list[tuple[int, int, int]] = []
    above_row = -2
    for row in np.flatnonzero(ink.any(axis=1)).tolist():
        current = []
        for start, end in _runs(ink[row]):
            index = len(runs)
            runs.append((row, start, end))
            parent.append(index)
            for a_start, a_end, a_index in above if above_row == row - 1 else ():
                if a_start <= end and start <= a_end:  # touching, diagonals included
                    parent[find(index)] = find(a_index)
            current.append((start, end, index))
        above, above_row = current, row
        if len(runs) > limit:
            return None
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for index, run in enumerate(runs):
        groups.setdefault(find(index), []).append(run)
    pieces = []
    for group in groups.values():
        top, bottom = group[0][0], group[-1][0] + 1
        left, right = min(r[1] for r in group), max(r[2] for r in group)
        mask = np.zeros((bottom - top, right - left), bool)
        for row, start, end in group:
            mask[row - top, start - left : end - left] = True
        pieces.append(Piece(mask, top, left))
    return pieces


def grown(piece: Piece, shape: tuple[int, int]) -> Piece:
    """The piece's mask grown by one pixel (the antialiased edge around the ink comes with it)."""
    height, width = shape
    top, left = max(0, piece.top - 1), max(0, piece.left - 1)
    bottom = min(height, piece.top + piece.mask.shape[0] + 1)
    right = min(width, piece.left + piece.mask.shape[1] + 1)
    mask = np.zeros((bottom - top + 2, right - left + 2), bool)
    r, c = piece.top - top + 1, piece.left - left + 1
    mask[r : r + piece.mask.shape[0], c : c + piece.mask.shape[1]] = piece.mask
    spread = mask.copy()
    spread[1:] |= mask[:-1]
    spread[:-1] |= mask[1:]
    wide = spread.copy()
    wide[:, 1:] |= spread[:, :-1]
    wide[:, :-1] |= spread[:, 1:]
    return Piece(wide[1:-1, 1:-1], top, left)


def even_cuts(mask: np.ndarray) -> list[int]:
    """Where a component of touching digits that meet at no thin column splits into digits of the usual width
    (DIGIT_WIDTH of its height), each cut moved to the thinnest column near it."""
    height, width = mask.shape
    count = max(2, round(width / (DIGIT_WIDTH * height)))
    profile = mask.sum(axis=0)
    window = max(2, int(CUT_WINDOW * height))
    cuts = set()
    for k in range(1, count):
        centre = k * width // count
        low, high = max(1, centre - window), min(width - 1, centre + window)
        cuts.add(low + int(np.argmin(profile[low:high])))
    return sorted(cuts)


def column_cuts(mask: np.ndarray, height: float, even: bool = False) -> list[int]:
    """Columns where a wide component is thin enough to cut (touching digits meet there), thinnest first; with
    `even`, a wide component with no thin column is cut where digits of the usual width would meet (even_cuts)."""
    if mask.shape[1] <= WIDE_COMPONENT * height:
        return []
    profile = mask.sum(axis=0).astype(np.float64)
    reference = float(np.median(profile[profile > 0])) if profile.any() else 0.0
    spacing = max(2, int(CUT_SPACING * height))
    inner = np.arange(spacing, mask.shape[1] - spacing)
    candidates = [c for c in inner.tolist() if profile[c] <= THIN_COLUMN * reference or profile[c] <= 2]
    chosen: list[int] = []
    for column in sorted(candidates, key=lambda c: (profile[c], c)):
        if all(abs(column - other) >= spacing for other in chosen):
            chosen.append(column)
        if len(chosen) == MAX_CUTS:
            break
    if not chosen and even:
        return even_cuts(mask)[:MAX_CUTS]
    return sorted(chosen)


def pieces_from_image(canvas: np.ndarray, even: bool = False) -> list[Piece] | None:
    """The ink's connected components, wide ones cut at their thinnest columns (`even`: see column_cuts); None for
    a scribble."""
    found = components(canvas > INK_LEVEL, limit=MAX_PIECES * canvas.shape[0])
    if found is None or len(found) > MAX_PIECES:
        return None
    boxes = [piece.box for piece in found]
    height = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    pieces = []
    for piece in found:
        bounds = [0, *column_cuts(piece.mask, height, even), piece.mask.shape[1]]
        for a, b in itertools.pairwise(bounds):
            part = np.zeros_like(piece.mask)
            part[:, a:b] = piece.mask[:, a:b]
            if part.any():
                pieces.append(grown(Piece(part, piece.top, piece.left), canvas.shape))
    return pieces


def read_pieces(canvas: np.ndarray, strokes: Sequence | None, even: bool = False) -> list[Piece] | None:
    """The pieces of a drawing, from its strokes when given (and usable), else from its image (`even`: see
    column_cuts); sorted by the centre of their ink in x. None when the ink is too fragmented to be a number."""
    cleaned = clean_strokes(strokes, canvas.shape) if strokes is not None else []
    if cleaned and len(cleaned) <= MAX_STROKES:
        pieces = pieces_from_strokes(canvas, cleaned)
    else:
        pieces = pieces_from_image(canvas, even)
    if pieces is None or len(pieces) > MAX_PIECES:
        return None
    return sorted(pieces, key=lambda piece: (piece.box[0] + piece.box[2]) / 2)
