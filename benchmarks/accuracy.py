"""MNIST test accuracy: the shipped default model, and the classic `lenet5` preset trained with the same recipe.

The test split is read once per model, to report. Prints name=value lines; each accuracy comes with its
Wilson 95% interval over the 10,000 test images (`_ci_low`, `_ci_high`), and a target is met only when the
interval's low end reaches it (benchmarks/stats.py).
Run: .venv/bin/python benchmarks/accuracy.py [--skip-lenet5]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stats import accuracy_lines, met_across, wilson_interval

from handwriting.digits.mnist import load_mnist, make_splits
from handwriting.recognition.recognizer import Recognizer
from handwriting.training.config import TrainConfig
from handwriting.training.evaluation import evaluate
from handwriting.training.recipe import evaluate_accuracy, train

TARGET_DEFAULT = 0.995
STRETCH_DEFAULT = 0.996
TARGET_LENET5 = 0.992
REFERENCE_LENET5_1998 = 1 - 0.0095  # LeCun et al. 1998, no distortions (0.8% error with distortions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-lenet5", action="store_true", help="skip training the lenet5 preset")
    args = parser.parse_args()
    mnist = load_mnist()
    recognizer = Recognizer.load()
    report = evaluate(recognizer, mnist.test_images, mnist.test_labels)
    history = recognizer.history
    print(f"default_preset={history.get('preset')}")
    print(f"default_parameters={recognizer.model.count_params()}")
    total = len(mnist.test_labels)
    correct = round(report.accuracy * total)
    print(*accuracy_lines("default_test_accuracy", correct, total), sep="\n")
    low = wilson_interval(correct, total)[0]
    print(f"default_best_val_accuracy={history.get('best_val_accuracy', float('nan')):.4f}")
    print(f"default_target={TARGET_DEFAULT}")
    print(f"default_point_estimate_meets_target={report.accuracy >= TARGET_DEFAULT}")
    print(f"default_target_met={met_across(low, TARGET_DEFAULT)}")
    print(f"default_stretch_met={met_across(low, STRETCH_DEFAULT)}")
    print(f"reference_lenet5_1998_accuracy={REFERENCE_LENET5_1998:.4f}")
    if not args.skip_lenet5:
        splits = make_splits(mnist)
        result = train(TrainConfig(preset="lenet5"), splits)
        accuracy = evaluate_accuracy(result.model, splits.x_test, splits.y_test)
        print(f"lenet5_parameters={result.model.count_params()}")
        print(f"lenet5_best_val_accuracy={result.history['best_val_accuracy']:.4f}")
        correct = round(accuracy * len(splits.y_test))
        print(*accuracy_lines("lenet5_test_accuracy", correct, len(splits.y_test)), sep="\n")
        print(f"lenet5_train_s={result.history['training_seconds']:.0f}")
        print(f"lenet5_target={TARGET_LENET5}")
        print(f"lenet5_point_estimate_meets_target={accuracy >= TARGET_LENET5}")
        print(f"lenet5_target_met={met_across(wilson_interval(correct, len(splits.y_test))[0], TARGET_LENET5)}")


if __name__ == "__main__":
    main()
