"""Evaluate a model on the official test images and store the figures in its history JSON, for the app.

    .venv/bin/python scripts/store_evaluation.py [--model models/default.keras] [--data DIR]

The Evaluation tab then shows them at once (test accuracy, confusion matrix, reliability bins, each mistake
with its outputs) instead of evaluating for seconds; they are keyed by the model file's SHA-256, so they are
ignored once the model changes. `make train` runs this after training the shipped model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.digits.mnist import load_mnist
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.recognition.recognizer import Recognizer
from handwriting.training.evaluation import evaluate
from handwriting.training.evaluation_store import store_in_history


def main(argv: list[str] | None = None) -> int:
    """Evaluate, store, and print what was stored."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH, help="default: the shipped model")
    parser.add_argument("--data", type=Path, default=None, help="MNIST folder or mnist.npz (default: bundled)")
    args = parser.parse_args(argv)
    recognizer = Recognizer.load(args.model)
    mnist = load_mnist(args.data)
    report = evaluate(recognizer, mnist.test_images, mnist.test_labels)
    try:
        history = store_in_history(args.model, report, mnist.test_images, mnist.test_labels)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Test accuracy {report.accuracy:.2%} ({report.errors} mistakes in {report.total:,}); stored in {history}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
