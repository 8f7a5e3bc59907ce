"""Read a whole number: the drawing's pieces grouped into digits by a beam search over the digit network's scores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from handwriting.labels import DIGITS, NumberStatus, Status
from handwriting.recognition.prediction import LOW_CONFIDENCE, Prediction, judge
from handwriting.recognition.preprocess import INK_LEVEL, preprocess, to_unit_float
from handwriting.recognition.segments import Piece, read_pieces

# --- The search (chosen on composed numbers of the UNIPEN training writers; benchmarks/numbers.py --sweep) ---
MAX_GROUP = 4  # a digit is made of at most this many pieces (strokes or their parts)
WIDE_GROUP = 1.5  # a group of pieces wider than this times the ink's height is never one digit
BEAM = 8  # readings kept at each step of the search
TOP_DIGITS = 3  # each group's best digits tried
DIGIT_BONUS = 0.0  # log-probability added per digit read: > 0 favours more, smaller digits
OVERLAP_COST = 0.0  # log-probability taken per share of horizontal overlap between neighbouring digits
GAP_COST = 4.0  # log-probability taken per ink height of empty space between the pieces of one digit
TEMPERATURE = 0.1  # scores over this, renormalised, are probabilities (composed validation numbers: ECE 0.28 -> 0.13)
FULL_INK = 0.9  # ink over more than this share of the canvas is no number (an all-white canvas)
FLOOR = 1e-12  # the smallest probability a log is taken of

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class NumberReading:
    """A whole number read from a drawing.

    `text` is the digits read, left to right ("" when none or when some ink is no digit); `digits` and `boxes`
    (x0, y0, x1, y1, canvas pixels, exclusive ends) describe each digit. `probability` is the reading's,
    renormalised over the search's alternatives; `alternatives` are (text, probability), best first, the
    reading itself included ("2026 or 2028?").
    """

    text: str
    digits: tuple[Prediction, ...]
    boxes: tuple[Box, ...]
    status: NumberStatus
    probability: float
    alternatives: tuple[tuple[str, float], ...]


EMPTY_READING = NumberReading("", (), (), NumberStatus.EMPTY, 0.0, ())
NO_NUMBER = NumberReading("", (), (), NumberStatus.NOT_A_NUMBER, 0.0, ())


def union_box(pieces: Sequence[Piece]) -> Box:
    """The box around the pieces' ink."""
    boxes = np.array([piece.box for piece in pieces])
    return int(boxes[:, 0].min()), int(boxes[:, 1].min()), int(boxes[:, 2].max()), int(boxes[:, 3].max())


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


@dataclass(frozen=True)
class Candidate:
    """Pieces [start, end) read as one digit."""

    start: int
    end: int
    box: Box
    image: np.ndarray  # (28, 28), what the network sees
    cost: float  # the geometry's log-probability cost: empty space between its pieces


def candidates(canvas: np.ndarray, pieces: list[Piece]) -> list[Candidate]:
    """Every run of up to MAX_GROUP consecutive pieces no wider than a digit can be, normalised as MNIST's."""
    height = max(1, union_box(pieces)[3] - union_box(pieces)[1])
    found = []
    for start in range(len(pieces)):
        for end in range(start + 1, min(start + MAX_GROUP, len(pieces)) + 1):
            box = union_box(pieces[start:end])
            if end - start > 1 and box[2] - box[0] > WIDE_GROUP * height:
                break
            cost = GAP_COST * inner_gap(pieces[start:end]) / height
            whole = start == 0 and end == len(pieces)  # the whole drawing: exactly what predict() reads
            image = preprocess(canvas if whole else group_image(canvas, pieces[start:end]))
            if image is not None:
                found.append(Candidate(start, end, box, image, cost))
    return found


def inner_gap(pieces: Sequence[Piece]) -> float:
    """The widest empty column band between the pieces' ink, in pixels (0 when they overlap in x)."""
    spans = sorted((piece.box[0], piece.box[2]) for piece in pieces)
    gap, reach = 0, spans[0][1]
    for x0, x1 in spans[1:]:
        gap, reach = max(gap, x0 - reach), max(reach, x1)
    return float(gap)


def overlap(left: Box, right: Box) -> float:
    """The share of the narrower box that the two boxes share in x."""
    shared = min(left[2], right[2]) - max(left[0], right[0])
    return max(0.0, shared) / max(1, min(left[2] - left[0], right[2] - right[0]))


def search(found: list[Candidate], outputs: np.ndarray, count: int) -> list[tuple[float, str, list[int]]]:
    """Beam search over the ways to cut `count` pieces into digits: (score, text, candidate indices), best first."""
    logs = np.log(np.maximum(outputs[:, :DIGITS], FLOOR))
    starting: dict[int, list[int]] = {}
    for index, candidate in enumerate(found):
        starting.setdefault(candidate.start, []).append(index)
    beams: list[dict[str, tuple[float, list[int]]]] = [{} for _ in range(count + 1)]
    beams[0][""] = (0.0, [])
    for position in range(count):
        best = sorted(beams[position].items(), key=lambda item: -item[1][0])[:BEAM]
        for text, (score, path) in best:
            before = found[path[-1]].box if path else None
            for index in starting.get(position, []):
                candidate = found[index]
                shared = overlap(before, candidate.box) if before else 0.0
                prior = DIGIT_BONUS - candidate.cost - OVERLAP_COST * shared
                for digit in np.argsort(logs[index])[::-1][:TOP_DIGITS].tolist():
                    new = (score + float(logs[index, digit]) + prior, [*path, index])
                    key = text + str(digit)
                    if key not in beams[candidate.end] or beams[candidate.end][key][0] < new[0]:
                        beams[candidate.end][key] = new
    final = sorted(beams[count].items(), key=lambda item: -item[1][0])[:BEAM]
    return [(score, text, path) for text, (score, path) in final]


def read_number(
    canvas: np.ndarray,
    strokes: Sequence | None,
    forward: Callable[[np.ndarray], np.ndarray],
    judge_one: Callable[[np.ndarray, np.ndarray], Prediction] = judge,
) -> NumberReading:
    """Read the number on a canvas (2-D, any size, bright ink on dark), from its strokes when given.

    `forward` is the network's batch pass, (N, 28, 28, 1) -> (N, 10 or 11); every candidate digit goes through
    it in one call. Bad strokes (none, hundreds, NaN, outside the canvas) never raise: they are cleaned, or the
    image is read alone, and a drawing that is no number says so in its status.
    """
    image = to_unit_float(canvas)
    ink = image > INK_LEVEL
    if np.count_nonzero(ink) < 2:
        return EMPTY_READING
    if ink.mean() > FULL_INK:
        return NO_NUMBER
    pieces = read_pieces(image, strokes)
    if pieces is None:
        return NO_NUMBER
    if not pieces:
        return EMPTY_READING
    found = candidates(image, pieces)
    if not found:
        return EMPTY_READING
    outputs = np.asarray(forward(np.stack([c.image for c in found])[..., None].astype(np.float32)))
    readings = search(found, outputs, len(pieces))
    if not readings:
        return NO_NUMBER
    scores = np.array([score for score, _, _ in readings])
    shares = np.exp((scores - scores.max()) / TEMPERATURE)
    shares /= shares.sum()
    _, text, path = readings[0]
    digits = tuple(judge_one(outputs[i], found[i].image) for i in path)
    boxes = tuple(found[i].box for i in path)
    alternatives = tuple((t, float(p)) for (_, t, _), p in zip(readings, shares, strict=True))
    probability = float(shares[0])
    if any(d.status == Status.NOT_A_DIGIT for d in digits):
        return NumberReading("", digits, boxes, NumberStatus.NOT_A_NUMBER, probability, alternatives)
    status = NumberStatus.CONFIDENT if probability >= LOW_CONFIDENCE else NumberStatus.UNSURE
    return NumberReading(text, digits, boxes, status, probability, alternatives)
