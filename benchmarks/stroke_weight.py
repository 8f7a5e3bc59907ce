"""The path's weight beside the ink's (STROKE_WEIGHT), tried on the validation numbers with several stroke networks.

A drawing's probabilities are the image network's times the stroke network's to the power STROKE_WEIGHT
(handwriting.recognition.strokes.combined). This reads the real and composed validation numbers
(number_reading.validation_numbers) as the app reads them, once per stroke network given and per weight in
WEIGHTS, and prints each weight's whole-number accuracy for every network and their mean: a weight chosen on
one network's figures could be chosen for that network's luck (the composed figure moves by two points from one
training seed to the next), so it is chosen on the mean.

Run: .venv/bin/python benchmarks/stroke_weight.py --strokes-model models/default.strokes.keras /tmp/s1.keras ...
     (train the others with `handwriting train-strokes --seed N --out /tmp/sN.keras`)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from number_data import DRAW_SEED, validation_numbers
from number_reading import line

from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.strokes import STROKE_WEIGHT, StrokeNetwork

WEIGHTS = (0.4, 0.5, 0.6, 0.7, 0.85, 1.0)


class Reweighted:
    """A stroke network whose probabilities are raised to `power` first: combined() then weighs them at
    STROKE_WEIGHT * power (the row's scale cancels when the product is renormalised)."""

    def __init__(self, network: StrokeNetwork, power: float) -> None:
        self.network, self.power = network, power

    def forward(self, batch: np.ndarray) -> np.ndarray:
        return np.power(np.maximum(self.network.forward(batch), 1e-12), self.power)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="the image network (default: the shipped one)")
    parser.add_argument("--strokes-model", type=Path, nargs="+", required=True, help="stroke networks' .keras files")
    parser.add_argument("--composed", type=int, default=600, help="composed numbers (default 600)")
    args = parser.parse_args()
    recognizer = Recognizer.load(args.model)
    networks = [StrokeNetwork.from_file(path) for path in args.strokes_model]
    real, composed, _ = validation_numbers(args.composed, np.random.default_rng(DRAW_SEED))
    line("strokes_models", ",".join(str(path) for path in args.strokes_model))
    for weight in WEIGHTS:
        for name, numbers in (("real", real), ("composed", composed)):
            accuracies = []
            for network in networks:
                recognizer.strokes = Reweighted(network, weight / STROKE_WEIGHT)
                right = sum(recognizer.read_number(n.canvas, list(n.strokes)).text == n.text for n in numbers)
                accuracies.append(right / len(numbers))
            line(f"{name}_whole_weight_{weight:.2f}", ",".join(f"{a:.4f}" for a in accuracies))
            line(f"{name}_whole_weight_{weight:.2f}_mean", f"{np.mean(accuracies):.4f}")
    line("shipped_weight", STROKE_WEIGHT)


if __name__ == "__main__":
    main()
