"""Read a whole number: the drawing's pieces grouped into digits by a beam search over the digit network's scores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from handwriting.labels import DIGITS, NumberStatus, Status
from handwriting.recognition import grouping
from handwriting.recognition.calibration import shifted
from handwriting.recognition.group_images import Box, group_image, redrawn, union_of
from handwriting.recognition.prediction import LOW_CONFIDENCE, Prediction, judge
from handwriting.recognition.preprocess import INK_LEVEL, preprocess, to_unit_float
from handwriting.recognition.reading_parts import FLOOR, as_stray, as_unsure, inside_strays, with_runners_up
from handwriting.recognition.segments import Piece, read_pieces
from handwriting.recognition.strokes import with_paths

# --- The search (chosen on numbers composed from the training writers' digits; scripts/fit_grouping.py) ---
MAX_GROUP = 4  # a digit is made of at most this many pieces (strokes or their parts)
WIDE_GROUP = 2.0  # a group of pieces wider than this times the ink's height is never one digit
BEAM = 8  # readings kept at each step of the search
UNLIKELY_GROUP = -6.0  # a group less likely than this (log) to be one digit is not read (4-digit median 10.9 -> 8.1 ms)
TOP_DIGITS = 3  # each group's best digits tried
TEMPERATURE = 0.25  # scores over this, renormalised, are probabilities (training numbers: log loss 0.35 -> 0.25)
SKIP_COST = 2.0  # log-probability taken for reading a group of pieces as no digit and leaving it out
STRAY = "x"  # in the search's keys: a group read as no digit
FULL_INK = 0.9  # ink over more than this share of the canvas is no number (an all-white canvas)
SMALL_MARK = 0.25  # a piece whose box's longer side is under this share of the ink's height is no digit alone (a point,
# a comma, a tick), nor part of one it does not overlap in x (benchmarks/numbers.py: commas 94.8% -> 96.0% whole)
StrokeForward = Callable[[np.ndarray], np.ndarray]  # (N, POINTS, FEATURES) paths -> (N, 10 or 11) probabilities


@dataclass(frozen=True)
class NumberReading:
    """A whole number read from a drawing.

    `text` is the digits read, left to right ("" when none); `digits` and `boxes` (x0, y0, x1, y1, canvas
    pixels, exclusive ends) describe each digit. Ink read as no digit (a scribble, a stray mark) is left out of
    the text, its boxes in `strays`, and leaves the reading unsure. `probability` is the reading's text's,
    renormalised over the search's alternatives, and never more than its digits' confidences multiplied (a
    number is no surer than all its digits together; the search, comparing groupings, can be); `alternatives`
    are (text, share of the search), best first, the reading itself included ("2026 or 2028?").
    """

    text: str
    digits: tuple[Prediction, ...]
    boxes: tuple[Box, ...]
    status: NumberStatus
    probability: float
    alternatives: tuple[tuple[str, float], ...]
    strays: tuple[Box, ...] = ()  # boxes of ink read as no digit (a scribble, a stray mark), left out of `text`
    stray_predictions: tuple[Prediction, ...] = ()  # the network's answer for each of them ("not a digit")


EMPTY_READING = NumberReading("", (), (), NumberStatus.EMPTY, 0.0, ())
NO_NUMBER = NumberReading("", (), (), NumberStatus.NOT_A_NUMBER, 0.0, ())


@dataclass(frozen=True)
class Candidate:
    """Pieces [start, end) read as one digit."""

    start: int
    end: int
    box: Box
    image: np.ndarray  # (28, 28), what the network sees
    cost: float  # the geometry's cost: minus the weighted log-probability that these pieces make one digit
    core: Box  # the box less half the pen all round: where the pen's path went (`box` for an image alone)
    small: bool = False  # one piece too small to be a digit alone (SMALL_MARK): a mark, or part of a digit


def groups(pieces: list[Piece], geometry: grouping.Geometry | None = None) -> list[tuple[int, int, Box, np.ndarray]]:
    """Every run [start, end) of up to MAX_GROUP consecutive pieces no wider than a digit can be, with its box
    and its grouping measurements (handwriting.recognition.grouping; `geometry`: the pieces' own, measured once)."""
    geometry = geometry or grouping.Geometry(pieces)
    found = []
    for start in range(len(pieces)):
        for end in range(start + 1, min(start + MAX_GROUP, len(pieces)) + 1):
            box = union_of(geometry.boxes[start:end])
            if end - start > 1 and box[2] - box[0] > WIDE_GROUP * geometry.height:
                break
            found.append((start, end, box, geometry.features(start, end, box)))
    return found


def candidates(canvas: np.ndarray, pieces: list[Piece]) -> list[Candidate]:
    """Every plausible group of pieces (`groups`), normalised as MNIST's, with its grouping cost."""
    found = []
    geometry = grouping.Geometry(pieces)  # each piece's box, measured once for all that follows
    runs = groups(pieces, geometry)
    if not runs:
        return found
    likely = grouping.log_probability(np.stack([run[3] for run in runs]))
    boxes, pen = geometry.boxes, pieces[0].pen  # the pen's width left out of both sizes (0 for an image)
    mark = SMALL_MARK * (geometry.height - pen)
    small = [max(x1 - x0, y1 - y0) - pen < mark for x0, y0, x1, y1 in boxes]
    for (start, end, box, _), log in zip(runs, likely.tolist(), strict=True):
        if end - start > 1 and log < UNLIKELY_GROUP:
            continue  # never normalised nor read: the search's time goes to groups that may be digits
        if end - start > 1 and not all(small[start:end]) and any(
                small[i] and not any(grouping.x_overlap(boxes[i], boxes[j]) for j in range(start, end) if j != i)
                for i in range(start, end)):
            continue  # a point or a comma beside a digit, not over it: punctuation, left out where it can be seen
        cost = -grouping.GROUPING_WEIGHT * log
        whole = start == 0 and end == len(pieces)  # the whole drawing: what predict() reads (unless redrawn)
        drawing = redrawn(pieces[start:end])
        if drawing is None:
            drawing = canvas if whole else group_image(canvas, pieces[start:end])
        image = preprocess(drawing)
        if image is not None:
            half = int(pen / 2)
            core = (box[0] + half, box[1] + half, max(box[0] + half + 1, box[2] - half),
                    max(box[1] + half + 1, box[3] - half))
            found.append(Candidate(start, end, box, image, cost, core, end - start == 1 and small[start]))
    return found


def search(found: list[Candidate], outputs: np.ndarray, count: int) -> list[tuple[float, str, list[int]]]:
    """Beam search over the ways to cut `count` pieces into digits: (score, key, candidate indices), best first.

    Each key has a character per group: its digit, or STRAY for ink read as no digit (with a model that has the
    "not a digit" output; at SKIP_COST), which the reading's text leaves out.
    """
    logs = np.log(np.maximum(outputs, FLOOR))
    starting: dict[int, list[int]] = {}
    for index, candidate in enumerate(found):
        starting.setdefault(candidate.start, []).append(index)
    beams: list[dict[str, tuple[float, list[int]]]] = [{} for _ in range(count + 1)]
    beams[0][""] = (0.0, [])
    for position in range(count):
        best = sorted(beams[position].items(), key=lambda item: -item[1][0])[:BEAM]
        for key, (score, path) in best:
            last = next((found[path[i]].core for i in range(len(key) - 1, -1, -1) if key[i] != STRAY), None)
            for index in starting.get(position, []):
                candidate = found[index]
                options = [(str(d), float(logs[index, d])) for d in np.argsort(logs[index, :DIGITS])[::-1][:TOP_DIGITS]]
                if last is not None and grouping.over_each_other(last, candidate.core):
                    options = []  # over the digit before it: no digit of its own (it may still be left out)
                if logs.shape[1] > DIGITS:
                    # a mark too small to be a digit (a point, a comma) is no digit for certain, whatever it looks like
                    no_digit = 0.0 if candidate.small else float(logs[index, DIGITS])
                    options = [(STRAY, no_digit - SKIP_COST)] + ([] if candidate.small else options)
                for mark, log in options:
                    new = (score + log - candidate.cost, [*path, index])
                    longer = key + mark
                    if longer not in beams[candidate.end] or beams[candidate.end][longer][0] < new[0]:
                        beams[candidate.end][longer] = new
    final = sorted(beams[count].items(), key=lambda item: -item[1][0])[:BEAM]
    return [(score, key, path) for key, (score, path) in final]


def candidates_with_paths(
    outputs: np.ndarray, found: list[Candidate], pieces: list[Piece], paths_forward: StrokeForward
) -> np.ndarray:
    """The candidates' outputs combined with the stroke network's reading of their pens' paths, in drawing
    order (handwriting.recognition.strokes.with_paths); unchanged for ink read from an image alone."""
    if any(piece.path is None for piece in pieces):
        return outputs
    order = [sorted(pieces[c.start : c.end], key=lambda piece: (piece.stroke, piece.part)) for c in found]
    return with_paths(outputs, [[piece.path for piece in group] for group in order], paths_forward)


def read_number(
    canvas: np.ndarray,
    strokes: Sequence | None,
    forward: Callable[[np.ndarray], np.ndarray],
    judge_one: Callable[[np.ndarray, np.ndarray], Prediction] = judge,
    shift: float = 0.0,
    paths_forward: StrokeForward | None = None,
) -> NumberReading:
    """Read the number on a canvas (2-D, any size, bright ink on dark), from its strokes when given.

    `forward` is the network's batch pass, (N, 28, 28, 1) -> (N, 10 or 11); every candidate digit goes through
    it in one call; with `paths_forward` (the stroke network's batch pass), each candidate's pen path is read
    too and the two combined (candidates_with_paths). `shift` is the model's "not a digit" shift
    (handwriting.recognition.calibration): the search undoes it, since inside a number pieces that are no digit
    are common (it was chosen that way), while each digit's own answer keeps it, as the app's answer for a lone
    digit does. Bad strokes (none, hundreds, NaN,
    outside the canvas) never raise: they are cleaned, or the image is read alone, and a drawing that is no
    number says so in its status.
    """
    image = to_unit_float(canvas)
    ink = image > INK_LEVEL
    if np.count_nonzero(ink) < 2:
        return EMPTY_READING
    if ink.mean() > FULL_INK:
        return NO_NUMBER
    pieces = read_pieces(image, strokes)
    reading = read_pieces_as_number(image, pieces, forward, judge_one, shift, paths_forward)
    from_image = bool(pieces) and pieces[0].path is None
    if from_image and (reading.strays or reading.status == NumberStatus.NOT_A_NUMBER):
        # Ink read as no digit may be touching digits that meet at no thin column: cut them as digits would be.
        again = read_pieces_as_number(image, read_pieces(image, None, even=True), forward, judge_one, shift)
        if len(again.strays) < len(reading.strays) or (again.text and not reading.text):
            return again
    return reading


def read_pieces_as_number(
    image: np.ndarray,
    pieces: list[Piece] | None,
    forward: Callable[[np.ndarray], np.ndarray],
    judge_one: Callable[[np.ndarray, np.ndarray], Prediction],
    shift: float,
    paths_forward: StrokeForward | None = None,
) -> NumberReading:
    """The best reading of a drawing cut into `pieces` (read_number)."""
    if pieces is None:
        return NO_NUMBER
    if not pieces:
        return EMPTY_READING
    found = candidates(image, pieces)
    if not found:
        return EMPTY_READING
    outputs = np.asarray(forward(np.stack([c.image for c in found])[..., None].astype(np.float32)))
    if paths_forward is not None:
        outputs = candidates_with_paths(outputs, found, pieces, paths_forward)
    readings = search(found, shifted(outputs, -shift), len(pieces))
    if not readings:
        return NO_NUMBER
    return best_reading(found, outputs, readings, judge_one)


def best_reading(
    found: list[Candidate],
    outputs: np.ndarray,
    readings: list[tuple[float, str, list[int]]],
    judge_one: Callable[[np.ndarray, np.ndarray], Prediction],
) -> NumberReading:
    """The search's best reading as a NumberReading: its digits and strays, its probability among the
    alternatives (those with the same text summed), and its status."""
    scores = np.array([score for score, _, _ in readings])
    shares = np.exp((scores - scores.max()) / TEMPERATURE)
    shares /= shares.sum()
    _, key, path = readings[0]
    stray = [i for mark, i in zip(key, path, strict=True) if mark == STRAY]
    strays = tuple(found[i].box for i in stray)
    # a digit lying within a stray's box is part of that drawing (a star's stroke read as a 1): left out too
    kept = [(mark, index) for mark, index in zip(key, path, strict=True)
            if mark != STRAY and not inside_strays(found[index].box, strays)]
    text = "".join(mark for mark, _ in kept)
    judged = [judge_one(outputs[i], found[i].image) for _, i in kept]
    doubt = any(d.status != Status.CONFIDENT for d in judged)  # a digit unsure or "not a digit" on its own
    digits = tuple(as_unsure(d, mark) for d, (mark, _) in zip(judged, kept, strict=True))
    boxes = tuple(found[i].box for _, i in kept)
    told = tuple(as_stray(judge_one(outputs[i], found[i].image)) for i in stray)
    alternatives: dict[str, float] = {}
    for (_, other, _), share in zip(readings, shares.tolist(), strict=True):
        alternatives[other.replace(STRAY, "")] = alternatives.get(other.replace(STRAY, ""), 0.0) + share
    searched = key.replace(STRAY, "")  # the search's text: a digit within a stray is in it
    alternatives = with_runners_up(alternatives, text, alternatives.get(text, alternatives[searched]), judged)
    ranked = tuple(sorted(alternatives.items(), key=lambda item: -item[1]))
    probability = min(alternatives[searched], float(np.prod([d.confidence for d in judged])))
    if len(strays) > len(text) or (len(strays) == len(text) and doubt):
        # more ink that is no digit than digits, or as much beside a digit in doubt: a drawing, a word. A sure
        # digit beside a mark ("5%", a star and a 2) is read, the mark boxed as a stray (benchmarks/numbers.py).
        return NumberReading("", (), (), NumberStatus.NOT_A_NUMBER, probability, ranked, strays, told)
    sure = probability >= LOW_CONFIDENCE and not strays and not doubt
    status = NumberStatus.CONFIDENT if sure else NumberStatus.UNSURE
    return NumberReading(text, digits, boxes, status, probability, ranked, strays, told)
