"""Training as a plain function: tf.data input, progress and stop through a monitor, atomic save."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from handwriting import data as mnist_data
from handwriting.backend import load_tensorflow
from handwriting.faults import fault_point
from handwriting.model import DEFAULT_PRESET, PRESETS, build_model
from handwriting.storage import DEFAULT_MODEL_PATH, ensure_writable, save_model_atomic

# --- The recipe (chosen on the validation split; see README "How it works") ----------------------

DEFAULT_EPOCHS = PRESETS[DEFAULT_PRESET].epochs
DEFAULT_BATCH_SIZE = 128
DEFAULT_LEARNING_RATE = 3e-3
WARMUP_EPOCHS = 1
LABEL_SMOOTHING = 0.1
WEIGHT_DECAY = 1e-4
SHUFFLE_BUFFER = 10_000
EVAL_BATCH_SIZE = 1_000


@dataclass
class TrainConfig:
    """Everything that defines a training run; stored in the history for reproducibility."""

    preset: str = DEFAULT_PRESET
    epochs: int = DEFAULT_EPOCHS
    batch_size: int = DEFAULT_BATCH_SIZE
    learning_rate: float = DEFAULT_LEARNING_RATE
    seed: int = 0
    augment: bool = True
    train_limit: int | None = None  # train on the first N images only (quick runs, tests)

    @classmethod
    def for_preset(cls, preset: str = DEFAULT_PRESET, **overrides) -> TrainConfig:
        """The preset's own recipe (epochs, learning rate, augmentation); overrides that are None are ignored."""
        if preset not in PRESETS:
            raise ValueError(f"unknown preset '{preset}'; choose one of {', '.join(PRESETS)}")
        spec = PRESETS[preset]
        values = {"epochs": spec.epochs, "learning_rate": spec.learning_rate, "augment": spec.augment}
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(preset=preset, **values)

    def validate(self) -> None:
        """Raise ValueError with a user-facing message for impossible settings."""
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset '{self.preset}'; choose one of {', '.join(PRESETS)}")
        if self.epochs < 1:
            raise ValueError("epochs must be at least 1")
        if self.batch_size < 1:
            raise ValueError("batch size must be at least 1")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning rate must be between 0 and 1")
        if self.train_limit is not None and self.train_limit < 1:
            raise ValueError("train limit must be at least 1")


class TrainingMonitor:
    """Progress hooks and the stop flag of a run; subclass it to receive progress.

    The hooks are called on the training thread. `request_stop` may be called from any thread.
    """

    def __init__(self) -> None:
        self.stop_event = threading.Event()

    def request_stop(self) -> None:
        """Ask the run to stop after the current batch; the current model is kept."""
        self.stop_event.set()

    @property
    def stop_requested(self) -> bool:
        """True once a stop was requested."""
        return self.stop_event.is_set()

    def on_start(self, epochs: int, steps_per_epoch: int) -> None:
        """Called once, before the first batch."""

    def on_batch(self, epoch: int, step: int, steps_per_epoch: int, logs: dict) -> None:
        """Called after each batch; epoch and step count from 0."""

    def on_epoch(self, record: dict) -> None:
        """Called after each epoch with its history record (loss, accuracy, val_*, ...)."""

    def on_saving(self) -> None:
        """Called once the run has passed its last stop check, just before the model is saved."""


@dataclass
class TrainResult:
    """What a run produced. `model` holds the best-validation weights."""

    model: object
    history: dict
    cancelled: bool
    best_epoch: int | None
    saved_to: Path | None = None
    epochs: list[dict] = field(default_factory=list)


# --- Input pipelines ------------------------------------------------------------------------------


def make_dataset(images: np.ndarray, labels: np.ndarray, batch_size: int, training: bool, seed: int = 0):
    """A tf.data pipeline of (float images in [0, 1], one-hot labels), augmented when training."""
    tf = load_tensorflow()

    from handwriting.augment import augment_batch

    dataset = tf.data.Dataset.from_tensor_slices((images, labels))
    if training:
        dataset = dataset.shuffle(min(SHUFFLE_BUFFER, len(images)), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size)
    # One stateless seed per batch, new each epoch but fixed by `seed`: parallel map threads can't reorder it.
    batch_seeds = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(2)
    dataset = tf.data.Dataset.zip((dataset, batch_seeds))

    def to_model_input(batch, batch_seed):
        x, y = batch
        x = tf.cast(x, tf.float32)[..., tf.newaxis] / 255.0
        if training:
            x = augment_batch(x, batch_seed)
        return x, tf.one_hot(tf.cast(y, tf.int32), mnist_data.NUM_CLASSES)

    return dataset.map(to_model_input, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)


def choose_strategy(gpus: list | None = None):
    """MirroredStrategy across several GPUs, otherwise TensorFlow's default strategy."""
    tf = load_tensorflow()

    gpus = tf.config.list_logical_devices("GPU") if gpus is None else gpus
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


# --- Keras callbacks ------------------------------------------------------------------------------


def _make_callbacks(monitor: TrainingMonitor, steps_per_epoch: int, epochs: int):
    load_tensorflow()
    import keras

    class MonitorCallback(keras.callbacks.Callback):
        """Turns the monitor's stop Event into model.stop_training and forwards progress."""

        def __init__(self) -> None:
            super().__init__()
            self.records: list[dict] = []
            self.best_weights = None
            self.best_key: tuple[float, float] | None = None
            self.best_epoch: int | None = None
            self.epoch_started = 0.0

        def on_train_begin(self, logs=None):
            monitor.on_start(epochs, steps_per_epoch)

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch_started = time.perf_counter()
            self.current_epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            if monitor.stop_requested:
                self.model.stop_training = True
                return
            fault_point("epoch")
            monitor.on_batch(self.current_epoch, batch, steps_per_epoch, dict(logs or {}))

        def on_test_batch_end(self, batch, logs=None):
            # Keras still validates after stop_training; skipping the rest makes a cancel take < 1 s.
            if monitor.stop_requested:
                self.model.stop_evaluating = True

        def on_epoch_end(self, epoch, logs=None):
            if monitor.stop_requested:
                self.model.stop_training = True
                return
            logs = dict(logs or {})
            record = {
                "epoch": epoch + 1,
                "loss": float(logs.get("loss", float("nan"))),
                "accuracy": float(logs.get("accuracy", float("nan"))),
                "val_loss": float(logs.get("val_loss", float("nan"))),
                "val_accuracy": float(logs.get("val_accuracy", float("nan"))),
                "learning_rate": float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate)),
                "seconds": round(time.perf_counter() - self.epoch_started, 2),
            }
            self.records.append(record)
            key = (record["val_accuracy"], -record["val_loss"])
            if self.best_key is None or key > self.best_key:
                self.best_key, self.best_epoch = key, epoch + 1
                # The checkpoint: best-validation weights are kept in memory, never written over
                # the real model (which only the final atomic save replaces). A disk copy would only
                # serve a resume feature, which there is not.
                self.best_weights = [w.copy() for w in self.model.get_weights()]
                fault_point("checkpoint")
            monitor.on_epoch(record)

    return MonitorCallback()


# --- The run --------------------------------------------------------------------------------------


def train(
    config: TrainConfig, splits: mnist_data.Splits, monitor: TrainingMonitor | None = None, verbose: int = 0
) -> TrainResult:
    """Fit a fresh model on `splits` (validating every epoch) and return it with its best weights."""
    load_tensorflow()
    import keras

    config.validate()
    monitor = monitor or TrainingMonitor()
    x_train, y_train = splits.x_train, splits.y_train
    if config.train_limit is not None:
        x_train, y_train = x_train[: config.train_limit], y_train[: config.train_limit]
    keras.utils.set_random_seed(config.seed)
    train_data = make_dataset(x_train, y_train, config.batch_size, training=config.augment, seed=config.seed)
    val_data = make_dataset(splits.x_val, splits.y_val, EVAL_BATCH_SIZE, training=False)
    steps_per_epoch = int(np.ceil(len(x_train) / config.batch_size))

    with choose_strategy().scope():
        model = build_model(config.preset, seed=config.seed)
        warmup_steps = min(WARMUP_EPOCHS, config.epochs - 1) * steps_per_epoch
        schedule = keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=config.learning_rate / 10 if warmup_steps else config.learning_rate,
            decay_steps=max(1, config.epochs * steps_per_epoch - warmup_steps),
            alpha=0.01,
            warmup_target=config.learning_rate if warmup_steps else None,
            warmup_steps=warmup_steps,
        )
        model.compile(
            optimizer=keras.optimizers.AdamW(learning_rate=schedule, weight_decay=WEIGHT_DECAY),
            loss=keras.losses.CategoricalCrossentropy(label_smoothing=LABEL_SMOOTHING),
            metrics=["accuracy"],
        )

    callback = _make_callbacks(monitor, steps_per_epoch, config.epochs)
    started = time.perf_counter()
    model.fit(
        train_data, validation_data=val_data, epochs=config.epochs, callbacks=[callback], verbose=verbose, shuffle=False
    )
    cancelled = monitor.stop_requested
    if callback.best_weights is not None:
        model.set_weights(callback.best_weights)
    history = {
        "format": 1,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "preset": config.preset,
        "preset_spec": PRESETS[config.preset].to_dict(),
        "parameters": int(model.count_params()),
        "config": asdict(config),
        "train_size": len(x_train),
        "val_size": len(splits.y_val),
        "best_epoch": callback.best_epoch,
        "best_val_accuracy": callback.best_key[0] if callback.best_key else None,
        "training_seconds": round(time.perf_counter() - started, 1),
        "epochs": callback.records,
    }
    return TrainResult(model, history, cancelled, callback.best_epoch, epochs=callback.records)


def evaluate_accuracy(model, images: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy of `model` on uint8 MNIST-format images."""
    x = images.astype(np.float32)[..., None] / 255.0
    probabilities = model.predict(x, batch_size=EVAL_BATCH_SIZE, verbose=0)
    return float(np.mean(np.argmax(probabilities, axis=1) == labels))


def run_training(
    config: TrainConfig,
    data_path: str | Path | None = None,
    out: str | Path = DEFAULT_MODEL_PATH,
    monitor: TrainingMonitor | None = None,
    verbose: int = 0,
    splits: mnist_data.Splits | None = None,
) -> TrainResult:
    """Load and leak-check the data, train, report test accuracy, and save atomically unless cancelled.

    The test split is only read after training, to report the final model's accuracy.
    """
    config.validate()
    monitor = monitor or TrainingMonitor()
    if splits is None:
        splits = mnist_data.make_splits(mnist_data.load_mnist(data_path))
    mnist_data.require_no_leaks(splits)
    ensure_writable(out)  # a read-only models/ is reported before training, not after it
    result = train(config, splits, monitor, verbose)
    if result.cancelled or result.best_epoch is None:
        result.cancelled = True
        return result
    result.history["data"] = str(data_path) if data_path else "assets/mnist"
    result.history["test_accuracy"] = evaluate_accuracy(result.model, splits.x_test, splits.y_test)
    if monitor.stop_requested:  # a stop asked for while testing still cancels; once saving starts it is too late
        result.cancelled = True
        return result
    monitor.on_saving()
    result.saved_to = save_model_atomic(result.model, out, result.history)
    return result
