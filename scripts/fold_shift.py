"""Fold the "not a digit" shift into a model trained before the recipe did it (and store its history with it).

    .venv/bin/python scripts/fold_shift.py [--model models/default.keras]

Since 2026-12-05 the recipe lowers the "not a digit" logit by NOT_A_DIGIT_SHIFT after the temperature
(handwriting.recognition.calibration); this gives an older model the same, once: a model whose history records
a shift is left as it is. Then run scripts/store_evaluation.py: the file, and so its hash, has changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.digits.mnist import load_mnist
from handwriting.files.keras_model import load_model_safely
from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.files.storage import save_model_atomic
from handwriting.recognition.calibration import NOT_A_DIGIT_SHIFT, fold_not_a_digit_shift
from handwriting.training.recipe import evaluate_model


def main(argv: list[str] | None = None) -> int:
    """Fold the shift once; print what was done."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH, help="default: the shipped model")
    args = parser.parse_args(argv)
    history = load_history(args.model)
    if not history:
        print(f"error: {args.model} has no history of its own (trained elsewhere?); nothing was changed")
        return 1
    if "not_a_digit_shift" in history:
        print(f"{args.model} already has its shift ({history['not_a_digit_shift']}); nothing was changed")
        return 0
    model = load_model_safely(args.model)
    shift = fold_not_a_digit_shift(model, NOT_A_DIGIT_SHIFT)
    history.pop("evaluation", None)  # of the old file: scripts/store_evaluation.py stores the new one
    mnist = load_mnist()
    accuracy, ece = evaluate_model(model, mnist.test_images, mnist.test_labels)  # as the recipe reports them
    changed = {"not_a_digit_shift": shift, "test_accuracy": accuracy, "test_ece": ece}
    save_model_atomic(model, args.model, {**history, **changed}, keep_backup=False)
    print(f"{args.model}: 'not a digit' logit lowered by {shift}; MNIST test accuracy {accuracy:.2%}, ECE {ece:.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
