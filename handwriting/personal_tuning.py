"""Fine-tuning the model to one person's handwriting: the recipe, the replay data and the job itself.

The method (chosen on the validation writers with benchmarks/personal.py; see the README) starts from
the base model's weights and trains its output layer on the frozen features (batch norm in inference
mode) for a few hundred small steps; training every layer ("full") or the dense layers ("dense") read
the validation writers no better and cost more MNIST accuracy. Half of every batch is the user's own
samples, augmented (handwriting.augment); the other half replays what the base model learnt from:
MNIST's training split, the training writers' pen digits and generated non-digits, so MNIST accuracy
and "not a digit" survive. The temperature is then fitted again on data that is not the user's
(MNIST's validation split, the validation writers' digits and the project's non-digit set) and folded
into the output layer, so the statuses keep their meaning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from handwriting.calibration import expected_calibration_error, fit_temperature, fold_temperature
from handwriting.faults import fault_point
from handwriting.preprocess import MNIST_SIDE
from handwriting.storage import DEFAULT_MODEL_PATH, save_model_atomic
from handwriting.training import TrainingMonitor

REPLAY_VERSION = 2  # bump when what replay_data() draws changes: the cached file is then rebuilt
REPLAY_MNIST = 8_000  # MNIST training images replayed
REPLAY_PEN_DIGITS = 3_000  # training writers' digits, drawn once each
REPLAY_NON_DIGITS = 1_000
CALIBRATION_MNIST = 3_000  # MNIST validation images the temperature is fitted on (with drawn validation data)
REPLAY_SEED = 2_468


METHODS = {"full": None, "dense": ("dense1", "dense2", "probabilities"), "head": ("probabilities",)}


@dataclass(frozen=True)
class Recipe:
    """How a fine-tune trains: `method` "full" trains every layer, "dense" the dense layers, "head" the output layer."""

    method: str = "head"
    steps: int = 300
    batch_size: int = 64
    user_share: float = 0.5  # share of each batch taken from the user's samples (augmented)
    learning_rate: float = 3e-3
    label_smoothing: float = 0.1
    augment: bool = True
    seed: int = 0

    def validate(self) -> None:
        """Raise ValueError for an impossible recipe."""
        if self.method not in METHODS:
            raise ValueError(f"unknown fine-tune method {self.method!r}; use one of {', '.join(METHODS)}")
        if self.steps < 1 or self.batch_size < 2 or not 0 < self.user_share < 1:
            raise ValueError("a fine-tune needs at least 1 step, batches of 2 and a user share between 0 and 1")


DEFAULT_RECIPE = Recipe()


@dataclass(frozen=True)
class ReplayData:
    """28x28 uint8 images and labels (0-9, 10 = not a digit): replayed while tuning, and for calibration.

    `calibration_writers` names the pen writer of each calibration image (-1: MNIST or a non-digit), so
    a benchmark that simulates one of those writers can leave the writer's own drawings out.
    """

    x: np.ndarray
    y: np.ndarray
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    calibration_writers: np.ndarray

    def without_writer(self, writer: int) -> ReplayData:
        """The same data with one writer's drawings left out of the calibration set."""
        keep = self.calibration_writers != writer
        return replace(
            self,
            calibration_x=self.calibration_x[keep],
            calibration_y=self.calibration_y[keep],
            calibration_writers=self.calibration_writers[keep],
        )

    def save(self, path: Path) -> None:
        """Write to an .npz file atomically (temporary file, fsync, rename)."""
        import os
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.npz", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, version=REPLAY_VERSION, **asdict(self))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, path)
        finally:
            Path(name).unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> ReplayData | None:
        """Read a cached file; None when it is missing, damaged or of another version."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"]) != REPLAY_VERSION:
                    return None
                return cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError):
            return None


def build_replay_data() -> ReplayData:
    """Draw the replay and calibration data (about ten seconds on two cores)."""
    from handwriting import nondigits
    from handwriting.data import load_mnist, make_splits
    from handwriting.drawn_data import NOT_A_DIGIT, draw_all, validation_non_digits
    from handwriting.pendigits import load_pendigits, split_writers

    rng = np.random.default_rng(REPLAY_SEED)
    splits = make_splits(load_mnist())
    mnist = rng.choice(len(splits.y_train), REPLAY_MNIST, replace=False)
    calibration = rng.choice(len(splits.y_val), CALIBRATION_MNIST, replace=False)
    pen = load_pendigits()
    split = split_writers(pen.writers)
    train_pen, val_pen = pen.by_writers(split.train), pen.by_writers(split.val)
    chosen = rng.choice(len(train_pen.digits), min(REPLAY_PEN_DIGITS, len(train_pen.digits)), replace=False)
    others, _ = nondigits.generate(
        REPLAY_NON_DIGITS, seed=[REPLAY_SEED, 1],
        digit_strokes=[d.strokes for d in train_pen.digits], digit_labels=train_pen.labels,
    )  # fmt: skip
    drawn = draw_all([train_pen.digits[i].strokes for i in chosen] + others, seed=[REPLAY_SEED, 2])
    val_others, _ = validation_non_digits(val_pen)
    val_drawn = draw_all([d.strokes for d in val_pen.digits] + val_others, seed=[REPLAY_SEED, 3])
    non_digit = np.full(len(others), NOT_A_DIGIT)
    return ReplayData(
        x=np.concatenate([splits.x_train[mnist], drawn]),
        y=np.concatenate([splits.y_train[mnist], train_pen.labels[chosen], non_digit]).astype(np.uint8),
        calibration_x=np.concatenate([splits.x_val[calibration], val_drawn]),
        calibration_y=np.concatenate(
            [splits.y_val[calibration], val_pen.labels, np.full(len(val_others), NOT_A_DIGIT)]
        ).astype(np.uint8),
        calibration_writers=np.concatenate(
            [np.full(CALIBRATION_MNIST, -1), val_pen.writers, np.full(len(val_others), -1)]
        ).astype(np.int64),
    )


def replay_data(cache: Path | None = None) -> ReplayData:
    """The replay data, read from `cache` (an .npz file) when it holds the current version, else drawn and cached."""
    if cache is not None:
        cached = ReplayData.load(cache)
        if cached is not None:
            return cached
    data = build_replay_data()
    if cache is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs drawing it again
            data.save(cache)
    return data


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
    monitor: TrainingMonitor | None = None,
) -> bool:
    """Fine-tune a Keras model in place on (N, 28, 28) uint8 `images` with `labels`; False if stopped."""
    from handwriting.backend import load_tensorflow

    tf = load_tensorflow()
    import keras

    from handwriting.augment import augment_batch

    recipe.validate()
    monitor = monitor or TrainingMonitor()
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
    user_count = max(1, round(recipe.batch_size * recipe.user_share))
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


def calibrate_on(model, replay: ReplayData) -> tuple[float, float]:
    """Fit the temperature on the replay data's calibration set and fold it in: (temperature, ECE after)."""
    from handwriting.calibration import tempered

    keep = replay.calibration_y < int(model.output_shape[-1])
    probabilities = _probabilities(model, replay.calibration_x[keep])
    labels = replay.calibration_y[keep]
    temperature = fit_temperature(probabilities, labels)
    fold_temperature(model, temperature)
    return temperature, expected_calibration_error(tempered(probabilities, temperature), labels)


def fine_tune_arrays(
    images: np.ndarray,
    labels: np.ndarray,
    out: str | Path,
    base: str | Path | None = None,
    monitor: TrainingMonitor | None = None,
    replay: ReplayData | None = None,
    recipe: Recipe = DEFAULT_RECIPE,
    extra_history: dict | None = None,
) -> Path | None:
    """Fine-tune `base` (default: the shipped model) on uint8 images and labels and save atomically to `out`.

    Returns the saved path, or None when the monitor asked to stop (then nothing is written).
    """
    from handwriting.storage import load_model_safely

    if len(labels) == 0:
        raise ValueError("there are no handwriting samples to learn from yet: draw some digits first")
    started = time.perf_counter()
    base_path = Path(base) if base is not None else DEFAULT_MODEL_PATH
    replay = replay if replay is not None else replay_data()
    model = load_model_safely(base_path)
    images = np.asarray(images, np.uint8).reshape(-1, MNIST_SIDE, MNIST_SIDE)
    labels = np.asarray(labels, np.uint8)
    if not tune_model(model, images, labels, replay, recipe, monitor):
        return None
    temperature, ece = calibrate_on(model, replay)
    if monitor is not None and monitor.stop_requested:
        return None
    history = {
        "format": 1,
        "kind": "personal",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base_model": str(base_path),
        "samples": len(labels),
        "recipe": asdict(recipe),
        "temperature": temperature,
        "calibration_ece": ece,
        "tuning_seconds": round(time.perf_counter() - started, 2),
        **(extra_history or {}),
    }
    return save_model_atomic(model, Path(out), history, keep_backup=False)
