"""Training as a plain function: tf.data input, progress and stop through a monitor, atomic save."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from handwriting.backend import load_tensorflow
from handwriting.digits import mnist as mnist_data
from handwriting.files.catalog import default_model_name, unused_name, user_model_path
from handwriting.files.storage import ensure_writable, save_model_atomic
from handwriting.jobs.monitor import JobMonitor
from handwriting.labels import CLASSES, DIGITS
from handwriting.recognition.calibration import (
    NOT_A_DIGIT_SHIFT,
    expected_calibration_error,
    fit_temperature,
    fold_not_a_digit_shift,
    fold_temperature,
)
from handwriting.training import logs as training_logs
from handwriting.training.callbacks import make_callbacks
from handwriting.training.config import (
    CLEAN_SHARE,
    EVAL_BATCH_SIZE,
    LABEL_SMOOTHING,
    SHUFFLE_BUFFER,
    WARMUP_EPOCHS,
    WEIGHT_DECAY,
    TrainConfig,
    TrainResult,
)
from handwriting.training.model import PRESETS, build_model

# --- Input pipelines ------------------------------------------------------------------------------


def make_dataset(
    images: np.ndarray,
    labels: np.ndarray,
    batch_size: int,
    training: bool,
    seed: int = 0,
    classes: int = DIGITS,
):
    """A tf.data pipeline of (float images in [0, 1], one-hot labels), augmented when training."""
    tf = load_tensorflow()

    from handwriting.training.augment import augment_batch

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
            x = augment_batch(x, batch_seed, CLEAN_SHARE)
        return x, tf.one_hot(tf.cast(y, tf.int32), classes)

    return dataset.map(to_model_input, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)


def choose_strategy(gpus: list | None = None):
    """MirroredStrategy across several GPUs, otherwise TensorFlow's default strategy."""
    tf = load_tensorflow()

    gpus = tf.config.list_logical_devices("GPU") if gpus is None else gpus
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


# --- The run --------------------------------------------------------------------------------------


def train(
    config: TrainConfig, splits: mnist_data.Splits, monitor: JobMonitor | None = None, verbose: int = 0
) -> TrainResult:
    """Fit a fresh model on `splits` (validating every epoch) and return it with its best weights."""
    load_tensorflow()
    import keras

    config.validate()
    monitor = monitor or JobMonitor()
    (x_train, y_train), (x_val, y_val), classes = training_sets(config, splits)
    keras.utils.set_random_seed(config.seed)
    train_data = make_dataset(x_train, y_train, config.batch_size, config.augment, config.seed, classes)
    val_data = make_dataset(x_val, y_val, EVAL_BATCH_SIZE, training=False, classes=classes)
    steps_per_epoch = int(np.ceil(len(x_train) / config.batch_size))

    with choose_strategy().scope():
        model = build_model(config.preset, seed=config.seed, classes=classes)
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

    callback = make_callbacks(monitor, steps_per_epoch, config.epochs)
    callbacks, log_dir = [callback], None
    if config.tensorboard_dir:
        log_dir = training_logs.new_run_dir(config.tensorboard_dir, config.preset)
        callbacks.extend(training_logs.tensorboard_callbacks(log_dir))
    started = time.perf_counter()
    model.fit(
        train_data, validation_data=val_data, epochs=config.epochs, callbacks=callbacks, verbose=verbose, shuffle=False
    )
    cancelled = monitor.stop_requested
    temperature = None
    if callback.best_weights is not None:
        model.set_weights(callback.best_weights)
        if not cancelled:
            temperature = calibrate(model, x_val, y_val)
    history = {
        "format": 1,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "preset": config.preset,
        "preset_spec": PRESETS[config.preset].to_dict(),
        "parameters": int(model.count_params()),
        "config": asdict(config),
        "train_size": len(x_train),
        "val_size": len(y_val),
        "classes": classes,
        "temperature": temperature,
        "not_a_digit_shift": NOT_A_DIGIT_SHIFT if temperature is not None and classes > DIGITS else 0.0,
        "best_epoch": callback.best_epoch,
        "best_val_accuracy": callback.best_key[0] if callback.best_key else None,
        "training_seconds": round(time.perf_counter() - started, 1),
        "epochs": callback.records,
    }
    if log_dir is not None:
        history["tensorboard_run"] = str(log_dir)
    return TrainResult(model, history, cancelled, callback.best_epoch, epochs=callback.records)


def training_sets(config: TrainConfig, splits: mnist_data.Splits) -> tuple[tuple, tuple, int]:
    """(x_train, y_train), (x_val, y_val) and the number of classes for a run.

    MNIST's splits, plus (unless `mnist_only`) the training writers' pen digits and generated non-digits
    for training, and the validation writers' pen digits and the project's non-digit set for validation.
    """
    x_train, y_train = splits.x_train, splits.y_train
    if config.train_limit is not None:
        x_train, y_train = x_train[: config.train_limit], y_train[: config.train_limit]
    if config.mnist_only:
        return (x_train, y_train), (splits.x_val, splits.y_val), DIGITS
    from handwriting.digits.drawn import make_drawn_splits

    drawn = make_drawn_splits(seed=config.seed, mnist_train_size=len(splits.x_train), limit=config.train_limit)
    # Mixed once, up front: the shuffle buffer alone would leave the drawn images bunched at each epoch's end.
    order = np.random.default_rng(config.seed).permutation(len(x_train) + len(drawn.x_train))
    return (
        (np.concatenate([x_train, drawn.x_train])[order], np.concatenate([y_train, drawn.y_train])[order]),
        (np.concatenate([splits.x_val, drawn.x_val]), np.concatenate([splits.y_val, drawn.y_val])),
        CLASSES,
    )


def calibrate(model, x_val: np.ndarray, y_val: np.ndarray) -> float:
    """Fit a temperature on the validation images and fold it into the model's output layer, then lower the
    "not a digit" logit by NOT_A_DIGIT_SHIFT (handwriting.recognition.calibration); return the temperature."""
    probabilities = model.predict(x_val.astype(np.float32)[..., None] / 255.0, batch_size=EVAL_BATCH_SIZE, verbose=0)
    temperature = fit_temperature(probabilities, y_val)
    fold_temperature(model, temperature)
    fold_not_a_digit_shift(model, NOT_A_DIGIT_SHIFT)
    return temperature


def evaluate_model(model, images: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(accuracy, expected calibration error) of a Keras model on uint8 MNIST-format images."""
    x = images.astype(np.float32)[..., None] / 255.0
    probabilities = model.predict(x, batch_size=EVAL_BATCH_SIZE, verbose=0)
    return float(np.mean(np.argmax(probabilities, axis=1) == labels)), expected_calibration_error(probabilities, labels)


def evaluate_accuracy(model, images: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy of a Keras model on uint8 MNIST-format images."""
    return evaluate_model(model, images, labels)[0]


def default_output(prefix: str = "train") -> Path:
    """Where a run without an explicit output saves: a new, dated model in the per-user models folder."""
    return user_model_path(unused_name(default_model_name(prefix)))


def run_training(
    config: TrainConfig,
    data_path: str | Path | None = None,
    out: str | Path | None = None,
    monitor: JobMonitor | None = None,
    verbose: int = 0,
    splits: mnist_data.Splits | None = None,
) -> TrainResult:
    """Load and leak-check the data, train, report test accuracy, and save atomically unless cancelled.

    The test split is only read after training, to report the final model's accuracy. Without `out`,
    the model goes to default_output(): the per-user models folder, never the shipped model.
    """
    config.validate()
    monitor = monitor or JobMonitor()
    out = default_output() if out is None else Path(out)
    if splits is None:
        splits = mnist_data.make_splits(mnist_data.load_mnist(data_path))
    mnist_data.require_no_leaks(splits)
    ensure_writable(out)  # a read-only models/ is reported before training, not after it
    result = train(config, splits, monitor, verbose)
    if result.cancelled or result.best_epoch is None:
        result.cancelled = True
        return result
    result.history["data"] = str(data_path) if data_path else "assets/mnist"
    if not config.mnist_only:
        result.history["pen_data"] = (
            "assets/pendigits and assets/unipen (training writers; validation writers for choosing)"
        )
    accuracy, ece = evaluate_model(result.model, splits.x_test, splits.y_test)
    result.history["test_accuracy"], result.history["test_ece"] = accuracy, ece
    if monitor.stop_requested:  # a stop asked for while testing still cancels; once saving starts it is too late
        result.cancelled = True
        return result
    monitor.on_saving()
    result.saved_to = save_model_atomic(result.model, out, result.history)
    return result


def train_job(monitor: JobMonitor, config: TrainConfig, out: str | Path, data_path: str | None = None) -> dict:
    """The retrain job for a child process: `run_training`; returns a picklable summary (the model stays on disk)."""
    result = run_training(config, data_path=data_path, out=out, monitor=monitor)
    saved = str(result.saved_to) if result.saved_to else None
    return {"cancelled": result.cancelled, "saved_to": saved, "history": result.history}
