"""How likely a run of pieces is to be exactly one digit, from its geometry and stroke order alone.

A logistic model over a few measurements of the group and its neighbours, fitted by scripts/fit_grouping.py on
numbers composed from the training writers' digits (never the validation writers'). The number search adds its
log-probability, weighted by GROUPING_WEIGHT, to the digit network's log-probabilities.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from handwriting.recognition.segments import Piece

FEATURES = (
    "bias",
    "extra_pieces",  # pieces in the group less one
    "width",  # the group's width over the number's ink height
    "height",  # the group's height over the number's ink height
    "left_overlap",  # the share of the narrower box shared in x with the piece just left of the group
    "right_overlap",  # ... and with the piece just right of it
    "foreign_strokes",  # strokes written between the group's first and last stroke that are not in it (at most 3)
    "parts_outside",  # parts of the group's strokes that lie outside it (a stroke cut in two; at most 3)
    "excess_width",  # how far the width goes past 0.8 of the ink height
    "lone_piece",  # the least x-overlap share of any piece with another piece of the group (1 for one piece)
    "separation",  # the largest distance, row by row, from a piece to the group's other pieces, over the height
    "apart",  # `separation` scaled to [0, 1] over its first 5% of the height: a piece stands apart at all
    "full_pieces",  # pieces spanning FULL_HEIGHT of the group's height, less one (at most 2): two 1s, not a 4
    "full_side_by_side",  # two or more such pieces, side by side (1 - lone_piece)
    "height_ratio",  # the shortest piece's height over the tallest's
)
# The training numbers are written digit by digit, so nothing there bounds the weight of strokes written in between
# (fitted -11.2: such a group was never read). Real writers come back to a digit: a 4's stem gone over again after
# the next digit. Held at this, chosen on the validation numbers (three stroke networks: real 93.9% -> 94.2%, -2 the
# same; composed unchanged, they have no such strokes); the 5's top written after the next digit reads either way.
FOREIGN_FLOOR = -4.0


def held(fitted: np.ndarray) -> np.ndarray:
    """Fitted weights as the search uses them: the weight of strokes written in between no lower than FOREIGN_FLOOR."""
    weights = np.array(fitted, np.float64)
    foreign = FEATURES.index("foreign_strokes")
    weights[foreign] = max(weights[foreign], FOREIGN_FLOOR)
    return weights


# Fitted by scripts/fit_grouping.py (3,000 numbers of 2-8 digits composed from the training writers' digits).
WEIGHTS = held(np.array([
    -4.241, -2.880, 1.269, 11.826, -6.734, -7.303, -11.152, -9.391, -4.219, 3.765, -3.363, -1.294, -1.690, -6.652,
    -5.319,
]))
GROUPING_WEIGHT = 0.1  # the weight of the grouping log-probability beside the network's (training numbers)
MOST_FOREIGN = 3  # counts of foreign strokes and outside parts are capped here
FULL_HEIGHT = 0.75  # a piece at least this share of its group's height spans it ("full_pieces")
MOST_FULL = 3  # the count of such pieces is capped here
MOST_SEPARATION = 0.3  # separations past this share of the height are all alike (composed gaps stay below)
APART_SCALE = 20.0  # separation times this, capped at 1: "apart"
WIDTH_LIMIT = 0.8  # wider than this share of the ink height counts as excess width
SIDE_BY_SIDE = 0.8  # two digits in a row share at most this much of the narrower one's width in x (their boxes less
# half the pen): a number's digits stand side by side, not over each other (a digit written over itself was read
# twice, "2202", sure; validation numbers, three stroke networks: composed 96.4% -> 96.6%, real unchanged; 0.7 lost
# real numbers; the ink's boxes, pen and all, lost small numbers written with a thick pen: 96% -> 91% at 80 px, 18 px)
THIN = 0.35  # ... unless the narrower is thinner than this share of its height: a 1 may stand inside a digit it touches


def x_overlap(left: tuple[int, int, int, int], right: tuple[int, int, int, int]) -> float:
    """The share of the narrower box that the two boxes share in x."""
    shared = min(left[2], right[2]) - max(left[0], right[0])
    return max(0.0, shared) / max(1, min(left[2] - left[0], right[2] - right[0]))


def over_each_other(left: tuple[int, int, int, int], right: tuple[int, int, int, int]) -> bool:
    """Whether two boxes stand over each other rather than side by side: they share over SIDE_BY_SIDE of the
    narrower one's width, and that one is no thin stroke (a 1 may stand within the digit it touches)."""
    narrow = min((left, right), key=lambda box: box[2] - box[0])
    return narrow[2] - narrow[0] >= THIN * (narrow[3] - narrow[1]) and x_overlap(left, right) > SIDE_BY_SIDE


class Geometry:
    """The pieces of one number, with what the grouping model measures on them, cached across groups."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = list(pieces)
        self.boxes = [piece.box for piece in self.pieces]
        boxes = np.array(self.boxes)
        self.height = max(1, int(boxes[:, 3].max() - boxes[:, 1].min()))
        self._rows: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._distances: dict[tuple[int, int], float | None] = {}

    def rows(self, index: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The piece's ink rows and, per row, its leftmost and rightmost ink column (canvas pixels)."""
        if index not in self._rows:
            piece = self.pieces[index]
            rows = np.flatnonzero(piece.mask.any(axis=1))
            left = np.argmax(piece.mask[rows], axis=1) + piece.left
            right = piece.mask.shape[1] - 1 - np.argmax(piece.mask[rows, ::-1], axis=1) + piece.left
            self._rows[index] = (rows + piece.top, left, right)
        return self._rows[index]

    def distance(self, a: int, b: int) -> float | None:
        """The least horizontal distance between two pieces' ink over the rows they share (0 where they touch or
        interleave); None when they share no row."""
        key = (min(a, b), max(a, b))
        if key not in self._distances:
            rows_a, left_a, right_a = self.rows(a)
            rows_b, left_b, right_b = self.rows(b)
            shared, in_a, in_b = np.intersect1d(rows_a, rows_b, return_indices=True)
            if len(shared) == 0:
                self._distances[key] = None
            else:
                gaps = np.maximum(0, np.maximum(left_b[in_b] - right_a[in_a], left_a[in_a] - right_b[in_b]))
                self._distances[key] = float(gaps.min())
        return self._distances[key]

    def features(self, start: int, end: int, box: tuple[int, int, int, int]) -> np.ndarray:
        """The measurements of FEATURES for pieces [start, end) read as one digit."""
        height = float(self.height)
        members = range(start, end)
        left = x_overlap(self.boxes[start - 1], box) if start > 0 else 0.0
        right = x_overlap(self.boxes[end], box) if end < len(self.pieces) else 0.0
        strokes = sorted({self.pieces[i].stroke for i in members})
        foreign = outside = 0
        if strokes[0] >= 0:
            foreign = strokes[-1] - strokes[0] + 1 - len(strokes)
            outside = sum(piece.stroke in strokes for piece in self.pieces) - (end - start)
        lone, separation = 1.0, 0.0
        if end - start > 1:
            lone = min(max(x_overlap(self.boxes[i], self.boxes[j]) for j in members if j != i) for i in members)
            nearest = []
            for i in members:
                found = [d for j in members if j != i and (d := self.distance(i, j)) is not None]
                nearest.append(min(found) if found else 0.0)
            separation = min(max(nearest) / height, MOST_SEPARATION)
        width = (box[2] - box[0]) / height
        heights = [self.boxes[i][3] - self.boxes[i][1] for i in members]
        full = sum(h >= FULL_HEIGHT * (box[3] - box[1]) for h in heights)
        return np.array([
            1.0,
            end - start - 1,
            width,
            (box[3] - box[1]) / height,
            left,
            right,
            min(foreign, MOST_FOREIGN),
            min(outside, MOST_FOREIGN),
            max(0.0, width - WIDTH_LIMIT),
            lone,
            separation,
            min(1.0, APART_SCALE * separation),
            min(full, MOST_FULL) - 1,
            float(full >= 2) * (1.0 - lone),
            min(heights) / max(1, max(heights)),
        ])


def log_probability(features: np.ndarray, weights: np.ndarray = WEIGHTS) -> np.ndarray:
    """log P(the group is exactly one digit) for rows of FEATURES measurements."""
    return -np.logaddexp(0.0, -(np.atleast_2d(features) @ weights))
