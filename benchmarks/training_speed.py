"""Training speed: the default recipe's wall time, and the `fast` preset against a Keras-example convnet.

Both convnets train on the same 54k training split; the test split is evaluated after each epoch only
to measure the time to 99.0% test accuracy (nothing is chosen by it). Training time excludes those
evaluations. Prints name=value lines; test accuracies come with their Wilson 95% interval (benchmarks/stats.py),
and the accuracy part of a target is met only when the interval's low end reaches it.

Run: .venv/bin/python benchmarks/training_speed.py [--skip-default]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stats import accuracy_lines, met_across, wilson_interval  # noqa: E402

from handwriting.digits.mnist import load_mnist, make_splits  # noqa: E402
from handwriting.files.model_files import load_history  # noqa: E402
from handwriting.jobs.monitor import JobMonitor  # noqa: E402
from handwriting.training.config import TrainConfig  # noqa: E402
from handwriting.training.recipe import evaluate_accuracy, train  # noqa: E402

DEFAULT_RECIPE_LIMIT_S = 240.0
TARGET_ACCURACY = 0.99
REFERENCE_MAX_EPOCHS = 15
TEST_SIZE = 10_000  # the official MNIST test set


def keras_example_convnet():
    """The Keras 'simple MNIST convnet': conv32 3x3, pool, conv64 3x3, pool, dropout 0.5, dense 10."""
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def reference_time_to_target(splits) -> tuple[float | None, int, float]:
    """Train the Keras example epoch by epoch; seconds of training until test accuracy >= 99.0%."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras_example_convnet()
    x = splits.x_train.astype("float32")[..., None] / 255.0
    y = keras.utils.to_categorical(splits.y_train, 10)
    elapsed, accuracy = 0.0, 0.0
    for epoch in range(1, REFERENCE_MAX_EPOCHS + 1):
        started = time.perf_counter()
        model.fit(x, y, batch_size=128, epochs=1, verbose=0)
        elapsed += time.perf_counter() - started
        accuracy = evaluate_accuracy(model, splits.x_test, splits.y_test)
        if accuracy >= TARGET_ACCURACY:
            return elapsed, epoch, accuracy
    return None, REFERENCE_MAX_EPOCHS, accuracy


class EpochClock(JobMonitor):
    """Records the training seconds at the end of each epoch (evaluation done afterwards)."""

    def __init__(self) -> None:
        super().__init__()
        self.started = 0.0
        self.epoch_times: list[float] = []

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        self.started = time.perf_counter()

    def on_epoch(self, record: dict) -> None:
        self.epoch_times.append(time.perf_counter() - self.started)


def fast_preset_run(splits) -> tuple[float, float]:
    """Train the `fast` preset with its own recipe; return (training seconds, test accuracy)."""
    clock = EpochClock()
    result = train(TrainConfig.for_preset("fast"), splits, clock)
    return clock.epoch_times[-1], evaluate_accuracy(result.model, splits.x_test, splits.y_test)


def default_recipe_run() -> tuple[float, float]:
    """`handwriting train` from scratch in a fresh process, as a user runs it; (wall seconds, test accuracy)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "model.keras"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "handwriting", "train", "--out", str(out)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        return wall, float(load_history(out)["test_accuracy"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-default", action="store_true", help="skip the 4-minute default-recipe run")
    args = parser.parse_args()
    print(f"cpu_cores={os.cpu_count()}")
    if not args.skip_default:
        wall, accuracy = default_recipe_run()
        print(f"default_recipe_wall_s={wall:.1f}")
        print(*accuracy_lines("default_recipe_test_accuracy", round(accuracy * TEST_SIZE), TEST_SIZE), sep="\n")
        print(f"default_recipe_limit_s={DEFAULT_RECIPE_LIMIT_S:.0f}")
        print(f"default_recipe_target_met={wall <= DEFAULT_RECIPE_LIMIT_S}")
    splits = make_splits(load_mnist())
    reference_s, reference_epochs, reference_accuracy = reference_time_to_target(splits)
    fast_s, fast_accuracy = fast_preset_run(splits)
    print(f"reference_keras_example_time_to_99_s={reference_s if reference_s is None else round(reference_s, 1)}")
    print(f"reference_keras_example_epochs_to_99={reference_epochs}")
    print(f"reference_keras_example_test_accuracy={reference_accuracy:.4f}")
    print(f"fast_preset_train_s={fast_s:.1f}")
    test_size = len(splits.y_test)
    fast_correct = round(fast_accuracy * test_size)
    print(*accuracy_lines("fast_preset_test_accuracy", fast_correct, test_size), sep="\n")
    ratio = fast_s / reference_s if reference_s else float("nan")
    print(f"fast_over_reference_time={ratio:.2f}")
    accurate = met_across(wilson_interval(fast_correct, test_size)[0], TARGET_ACCURACY)
    met = reference_s is not None and accurate and ratio <= 0.5
    print(f"fast_target_met={bool(met)}")


if __name__ == "__main__":
    main()
