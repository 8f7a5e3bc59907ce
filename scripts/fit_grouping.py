"""Fit the number search's grouping model on numbers composed from the training writers' digits only.

    .venv/bin/python scripts/fit_grouping.py [--numbers 3000] [--model PATH]

Each number is one training writer's own digits (pen digits and UNIPEN training writers), laid out and drawn as
benchmarks/number_reading.py lays out the validation writers' (handwriting.digits.numbers). Every run of pieces
the search considers is labelled by whether its strokes are exactly one digit's, and a logistic model over
handwriting.recognition.grouping.FEATURES is fitted to it (Newton's method, a little L2). It prints the weights,
to be copied into grouping.WEIGHTS, then the whole-number accuracy on these training numbers for a few
GROUPING_WEIGHT values with the fitted weights, each group read as read_number reads it (its ink and its paths,
the "not a digit" shift undone; name=value lines).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.digits.numbers import compose_number, draw_number
from handwriting.digits.pendigits import load_pendigits, split_writers
from handwriting.digits.unipen import load_unipen_digits, load_unipen_numbers, split_unipen_writers
from handwriting.recognition import grouping, numbers
from handwriting.recognition.calibration import shifted
from handwriting.recognition.preprocess import to_unit_float
from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.segments import read_pieces

FIT_SEED = 20_261_205  # fixed: the same training numbers every run
L2 = 1e-3  # Newton's method's ridge, against collinear measurements
NEWTON_STEPS = 30
GROUPING_WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.25)  # tried on the training numbers
TEMPERATURES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)  # tried for the reading's probability


def training_writers() -> dict[str, dict[int, list]]:
    """The training writers of both pen sources who wrote every digit: writer -> digit -> list of strokes."""
    unipen, unipen_numbers = load_unipen_digits(), load_unipen_numbers()
    pen = load_pendigits()
    writers: dict[str, dict[int, list]] = {}
    for digit in pen.by_writers(split_writers(pen.writers).train).digits:
        writers.setdefault(f"pen/{digit.writer}", {}).setdefault(digit.label, []).append(list(digit.strokes))
    for sample in unipen.by_writers(split_unipen_writers(unipen, unipen_numbers).train).samples:
        writers.setdefault(sample.writer, {}).setdefault(int(sample.label), []).append(list(sample.strokes))
    return {name: own for name, own in writers.items() if len(own) == 10}


def composed(writers: dict[str, dict[int, list]], count: int, rng: np.random.Generator) -> list[tuple]:
    """(drawn number, owner of each stroke): random texts of 2-8 digits, each of one writer's own digits."""
    names = sorted(writers)
    found = []
    for _ in range(count):
        own = writers[names[rng.integers(len(names))]]
        text = "".join(str(rng.integers(10)) for _ in range(rng.integers(2, 9)))
        digits = [own[int(c)][rng.integers(len(own[int(c)]))] for c in text]
        strokes = compose_number(digits, rng)
        owners = np.repeat(np.arange(len(digits)), [len(d) for d in digits])
        found.append((draw_number(strokes, text, rng), owners))
    return found


def labelled(drawn: list[tuple]) -> tuple[np.ndarray, np.ndarray, list]:
    """Grouping measurements of every run the search considers, whether it is exactly one digit, and the pieces."""
    rows, labels, kept = [], [], []
    for number, owners in drawn:
        pieces = read_pieces(to_unit_float(number.canvas), list(number.strokes))
        kept.append(pieces)
        if not pieces:
            continue
        owner = [owners[piece.stroke] for piece in pieces]
        for start, end, _, features in numbers.groups(pieces):
            inside = set(owner[start:end])
            rows.append(features)
            labels.append(len(inside) == 1 and owner.count(owner[start]) == end - start)
    return np.array(rows), np.array(labels, np.float64), kept


def fit(features: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Logistic regression weights by Newton's method with an L2 ridge."""
    weights = np.zeros(features.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-features @ weights))
        gradient = features.T @ (p - labels) + L2 * weights
        hessian = (features * (p * (1 - p))[:, None]).T @ features + L2 * np.eye(len(weights))
        weights -= np.linalg.solve(hessian, gradient)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--numbers", type=int, default=3000, help="composed training numbers (default 3000)")
    parser.add_argument("--model", type=Path, default=None, help="a .keras file (default: the shipped model)")
    args = parser.parse_args()
    drawn = composed(training_writers(), args.numbers, np.random.default_rng(FIT_SEED))
    features, labels, pieces = labelled(drawn)
    weights = fit(features, labels)
    p = np.clip(1.0 / (1.0 + np.exp(-features @ weights)), 1e-9, 1 - 1e-9)
    print(f"groups={len(labels)}")
    print(f"digits_among_groups={int(labels.sum())}")
    print(f"log_loss={-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)):.4f}")
    print("WEIGHTS = np.array([" + ", ".join(f"{w:.3f}" for w in weights) + "])")
    weights = grouping.held(weights)  # as read_number uses them
    recognizer = Recognizer.load(args.model)
    prepared = []
    for (number, _), own in zip(drawn, pieces, strict=True):
        image = to_unit_float(number.canvas)
        found = numbers.candidates(image, own) if own else []
        outputs = recognizer.predict_mnist(np.stack([c.image for c in found])) if found else None
        if outputs is not None and recognizer.strokes is not None:  # as read_number reads them: ink and paths
            outputs = numbers.candidates_with_paths(outputs, found, own, recognizer.strokes.forward)
        if outputs is not None:  # the search undoes the "not a digit" shift, as read_number's does
            outputs = shifted(outputs, -float(recognizer.history.get("not_a_digit_shift") or 0.0))
        prepared.append((number.text, own, found, outputs))
    for weight in GROUPING_WEIGHTS:
        right, scores = 0, []
        for text, own, found, outputs in prepared:
            if not found:
                continue
            runs = numbers.groups(own)
            by_run = {(s, e): f for s, e, _, f in runs}
            costs = [-weight * float(grouping.log_probability(by_run[(c.start, c.end)], weights)[0]) for c in found]
            scored = [dataclasses.replace(c, cost=cost) for c, cost in zip(found, costs, strict=True)]
            readings = numbers.search(scored, outputs, len(own))
            right += bool(readings) and readings[0][1] == text
            if readings:
                scores.append((np.array([score for score, _, _ in readings]), readings[0][1] == text))
        print(f"training_numbers_whole_at_weight_{weight}={right / len(prepared):.4f}")
        if weight == grouping.GROUPING_WEIGHT:
            for temperature in TEMPERATURES:
                print(f"reading_log_loss_at_temperature_{temperature}={log_loss(scores, temperature):.4f}")


def log_loss(scores: list[tuple[np.ndarray, bool]], temperature: float) -> float:
    """The log loss of the best reading's probability (its renormalised share at `temperature`) being right."""
    losses = []
    for score, right in scores:
        shares = np.exp((score - score.max()) / temperature)
        p = float(np.clip(shares[0] / shares.sum(), 1e-6, 1 - 1e-6))
        losses.append(-np.log(p if right else 1 - p))
    return float(np.mean(losses))


if __name__ == "__main__":
    main()
