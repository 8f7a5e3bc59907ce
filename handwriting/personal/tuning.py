"""Fine-tuning the model to one person's handwriting: the recipe, the replay data and the job itself.

The method (chosen on the validation writers with benchmarks/personal.py; see docs/personal.md) starts from
the base model's weights and trains its output layer on the frozen features (batch norm in inference
mode) for a few hundred small steps; training every layer ("full") or the dense layers ("dense") read
the validation writers no better and cost more MNIST accuracy. Half of every batch is the user's own
samples, augmented (handwriting.training.augment), once there are 20 of them (fewer get a smaller share); the rest
replays what the base model learnt from (handwriting.personal.replay), so MNIST accuracy and "not a
digit" survive. The temperature is then fitted again on data that is not the user's and folded into the
output layer, so the statuses keep their meaning, and the "not a digit" shift is folded in as for the base model
(handwriting.recognition.calibration). Before any of it, the label check
(handwriting.personal.label_check) compares each sample with the user's other samples: samples that look
mislabelled are named and nothing is trained. A model that reads that data more than SAFETY_NET_DROP worse
than its base (all the labels shifted, say: something the label check cannot see) is refused, never saved.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from handwriting.errors import PersonalModelRejected
from handwriting.faults import fault_point
from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.files.storage import save_model_atomic
from handwriting.jobs.monitor import JobMonitor
from handwriting.labels import SIDE
from handwriting.personal.label_check import find_suspects, highest_score, mislabelled
from handwriting.personal.replay import ReplayData, replay_data
from handwriting.recognition.calibration import (
    NOT_A_DIGIT_SHIFT,
    expected_calibration_error,
    fit_temperature,
    fold_not_a_digit_shift,
    fold_temperature,
)

# A safety net only: a personal model that reads the calibration set (other people's digits and non-digits)
# this much worse than its base is refused. Correct enrolments in styles far from other people's lose up to
# 6 points (44 validation enrolments, docs/personal.md): no reason to refuse; the label check refuses wrong labels.
SAFETY_NET_DROP = 0.15


METHODS = {"full": None, "dense": ("dense1", "dense2", "probabilities"), "head": ("probabilities",)}


@dataclass(frozen=True)
class Recipe:
    """How a fine-tune trains: `method` "full" trains every layer, "dense" the dense layers, "head" the output layer."""

    method: str = "head"
    steps: int = 300
    batch_size: int = 64
    user_share: float = 0.5  # share of each batch taken from the user's samples (augmented)...
    full_share_samples: int = 20  # ...once there are this many; fewer samples get a proportionally smaller share
    learning_rate: float = 3e-3
    label_smoothing: float = 0.1
    augment: bool = True
    seed: int = 0

    def validate(self) -> None:
        """Raise ValueError for an impossible recipe."""
        if self.method not in METHODS:
            raise ValueError(f"unknown fine-tune method {self.method!r}; use one of {', '.join(METHODS)}")
        if self.steps < 1 or self.batch_size < 2 or not 0 < self.user_share < 1 or self.full_share_samples < 1:
            raise ValueError("a fine-tune needs at least 1 step, batches of 2 and a user share between 0 and 1")


DEFAULT_RECIPE = Recipe()


# --- The fine-tune -----------------------------------------------------------------------------------


def _probabilities(model, images: np.ndarray) -> np.ndarray:
    x = images.astype(np.float32)[..., None] / 255.0
    return np.asarray(model.predict(x, batch_size=1_000, verbose=0), np.float64)


def tune_model(
    model,
    images: np.ndarray,
    labels: np.ndarray,
    replay: ReplayData,
    recipe: Recipe = DEFAULT_RECIPE,
    monitor: JobMonitor | None = None,
) -> bool:
    """Fine-tune a Keras model in place on (N, 28, 28) uint8 `images` with `labels`; False if stopped."""
    from handwriting.backend import load_tensorflow

    tf = load_tensorflow()
    import keras

    from handwriting.training.augment import augment_batch

    recipe.validate()
    monitor = monitor or JobMonitor()
    classes = int(model.output_shape[-1])
    keras.utils.set_random_seed(recipe.seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.trainable = False  # inference mode: a few dozen samples must not move the statistics
        elif METHODS[recipe.method] is not None:
            layer.trainable = layer.name in METHODS[recipe.method]
    if classes <= int(replay.y.max(initial=0)):  # a model without "not a digit" replays digits only
        keep = replay.y < classes
        replay = replace(replay, x=replay.x[keep], y=replay.y[keep])
    variables = model.trainable_variables
    optimizer = keras.optimizers.Adam(learning_rate=recipe.learning_rate)
    loss_fn = keras.losses.CategoricalCrossentropy(label_smoothing=recipe.label_smoothing)

    @tf.function(reduce_retracing=True)
    def train_step(x, y, seed):
        x = tf.cast(x, tf.float32)[..., tf.newaxis] / 255.0
        if recipe.augment:
            x = augment_batch(x, seed)
        with tf.GradientTape() as tape:
            loss = loss_fn(tf.one_hot(tf.cast(y, tf.int32), classes), model(x, training=True))
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        return loss

    rng = np.random.default_rng(recipe.seed)
    user_count = user_samples_per_batch(recipe, len(labels))
    replay_count = recipe.batch_size - user_count
    monitor.on_start(1, recipe.steps)
    for step in range(recipe.steps):
        if monitor.stop_requested:
            return False
        mine = rng.integers(len(labels), size=user_count)
        theirs = rng.integers(len(replay.y), size=replay_count)
        x = np.concatenate([images[mine], replay.x[theirs]])
        y = np.concatenate([labels[mine], replay.y[theirs]])
        loss = train_step(x, y, rng.integers(0, 2**31 - 1, size=2))
        if step == 0:
            fault_point("personal-step")
        monitor.on_batch(0, step, recipe.steps, {"loss": float(loss)})
    return not monitor.stop_requested


def user_samples_per_batch(recipe: Recipe, samples: int) -> int:
    """How many of a batch's images are the user's: `user_share` of it from `full_share_samples` samples on.

    A handful of samples (the first corrections) get a share in proportion, so that a few drawings, or a
    wrong label among them, can't take half of every batch and pull the whole model their way.
    """
    weight = min(1.0, samples / recipe.full_share_samples)
    return max(1, round(recipe.batch_size * recipe.user_share * weight))


def base_features(model, images: np.ndarray) -> np.ndarray:
    """What a Keras model's output layer sees for (N, 28, 28) uint8 `images`: its frozen features, (N, F)."""
    import keras

    features = keras.Model(model.inputs, model.layers[-1].input)
    x = np.asarray(images, np.float32)[..., None] / 255.0
    return np.asarray(features.predict(x, batch_size=1_000, verbose=0), np.float32)


def check_labels(model, images: np.ndarray, labels: np.ndarray, sample_ids: Sequence[int] | None = None) -> float:
    """Raise PersonalModelRejected naming the samples that look mislabelled; else return the highest score."""
    features = base_features(model, images)
    suspects = find_suspects(features, labels, sample_ids)
    if suspects:
        raise mislabelled(suspects)
    return highest_score(features, labels)


def _calibration_outputs(model, replay: ReplayData) -> tuple[np.ndarray, np.ndarray]:
    """The model's probabilities on the replay data's calibration set (none of it the user's), and its labels."""
    keep = replay.calibration_y < int(model.output_shape[-1])
    return _probabilities(model, replay.calibration_x[keep]), replay.calibration_y[keep]


def general_accuracy(model, replay: ReplayData) -> float:
    """The share of the replay data's calibration set a Keras model reads right."""
    probabilities, labels = _calibration_outputs(model, replay)
    return float(np.mean(probabilities.argmax(axis=1) == labels))


def calibrate_on(model, replay: ReplayData) -> tuple[float, float, float]:
    """Fit the temperature on the replay data's calibration set and fold it in: (temperature, ECE after, accuracy).

    The accuracy is general_accuracy's, read off the same outputs: a temperature changes no answer.
    """
    from handwriting.recognition.calibration import tempered

    probabilities, labels = _calibration_outputs(model, replay)
    temperature = fit_temperature(probabilities, labels)
    fold_temperature(model, temperature)
    ece = expected_calibration_error(tempered(probabilities, temperature), labels)
    return temperature, ece, float(np.mean(probabilities.argmax(axis=1) == labels))


def fine_tune_arrays(
    images: np.ndarray,
    labels: np.ndarray,
    out: str | Path,
    base: str | Path | None = None,
    monitor: JobMonitor | None = None,
    replay: ReplayData | None = None,
    recipe: Recipe = DEFAULT_RECIPE,
    extra_history: dict | None = None,
    sample_ids: Sequence[int] | None = None,
    held_back: tuple[np.ndarray, np.ndarray, Sequence[int]] | None = None,
) -> Path | None:
    """Fine-tune `base` (default: the shipped model) on uint8 images and labels and save atomically to `out`.

    Returns the saved path, or None when the monitor asked to stop (then nothing is written). Raises
    PersonalModelRejected, before training, when samples look mislabelled (named by `sample_ids`, the store's
    ids, when given), or after it when the model reads other people's digits much worse than its base.
    `held_back` (images, labels, ids) are samples kept out of this training but checked with the others.
    """
    from handwriting.files.keras_model import load_model_safely

    if len(labels) == 0:
        raise ValueError("there are no handwriting samples to learn from yet: draw some digits first")
    started = time.perf_counter()
    base_path = Path(base) if base is not None else DEFAULT_MODEL_PATH
    replay = replay if replay is not None else replay_data()
    model = load_model_safely(base_path)
    # Tuned and checked as trained: the base's "not a digit" shift is undone here and folded in again at the end.
    fold_not_a_digit_shift(model, -float(load_history(base_path).get("not_a_digit_shift") or 0.0))
    images = np.asarray(images, np.uint8).reshape(-1, SIDE, SIDE)
    labels = np.asarray(labels, np.uint8)
    checked = (images, labels, sample_ids)
    if held_back is not None and len(held_back[1]):
        ids = None if sample_ids is None else [*sample_ids, *held_back[2]]
        checked = (np.concatenate([images, np.asarray(held_back[0], np.uint8).reshape(-1, SIDE, SIDE)]),
                   np.concatenate([labels, np.asarray(held_back[1], np.uint8)]), ids)
    label_score = check_labels(model, *checked)
    base_accuracy = general_accuracy(model, replay)
    if not tune_model(model, images, labels, replay, recipe, monitor):
        return None
    temperature, ece, accuracy = calibrate_on(model, replay)
    shift = fold_not_a_digit_shift(model, NOT_A_DIGIT_SHIFT)
    if monitor is not None and monitor.stop_requested:
        return None
    if accuracy < base_accuracy - SAFETY_NET_DROP:
        raise reads_worse(accuracy, base_accuracy)
    history = {
        "format": 1,
        "kind": "personal",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base_model": str(base_path),
        "samples": len(labels),
        "recipe": asdict(recipe),
        "temperature": temperature,
        "not_a_digit_shift": shift,
        "calibration_ece": ece,
        "calibration_accuracy": accuracy,
        "base_calibration_accuracy": base_accuracy,
        "label_check_highest_score": round(label_score, 3),
        "tuning_seconds": round(time.perf_counter() - started, 2),
        **(extra_history or {}),
    }
    return save_model_atomic(model, Path(out), history, keep_backup=False)


def reads_worse(accuracy: float, base_accuracy: float) -> PersonalModelRejected:
    """The refusal of a personal model that reads other people's digits much worse than its base."""
    return PersonalModelRejected(
        f"the new personal model reads other people's digits {100 * (base_accuracy - accuracy):.1f} points "
        f"worse than the model it started from ({accuracy:.1%} instead of {base_accuracy:.1%}), so it was not "
        "kept; labels that are wrong all the same way do that: check them in Model > My handwriting samples",
        reason="worse", accuracy=accuracy, base_accuracy=base_accuracy,
    )
