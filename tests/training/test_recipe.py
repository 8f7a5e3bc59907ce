"""Training learns, stops on request, and saving never loses the previous model."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.errors import ModelFileError, SaveError
from handwriting.files import model_files, storage
from handwriting.jobs.monitor import JobMonitor
from handwriting.recognition.calibration import NOT_A_DIGIT_SHIFT
from handwriting.recognition.recognizer import Recognizer
from handwriting.training.config import TrainConfig
from handwriting.training.model import build_model
from handwriting.training.recipe import choose_strategy, run_training, train


class RecordingMonitor(JobMonitor):
    """Counts batches and epochs; can ask to stop after a given batch."""

    def __init__(self, stop_after_batches: int | None = None) -> None:
        super().__init__()
        self.batches = 0
        self.records: list[dict] = []
        self.stop_after_batches = stop_after_batches

    def on_batch(self, epoch, step, steps_per_epoch, logs):
        self.batches += 1
        if self.stop_after_batches is not None and self.batches >= self.stop_after_batches:
            self.request_stop()

    def on_epoch(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def quick_run(splits):
    monitor = RecordingMonitor()
    config = TrainConfig(preset="lenet5", epochs=2, batch_size=64, train_limit=3000, seed=1)
    return train(config, splits, monitor), monitor


@pytest.mark.tensorflow
def test_short_training_learns(quick_run, splits):
    result, monitor = quick_run
    assert not result.cancelled
    assert len(monitor.records) == 2
    assert result.history["epochs"][-1]["val_accuracy"] > 0.6  # chance is 0.1
    for key in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds"):
        assert key in result.history["epochs"][0]
    assert result.best_epoch in (1, 2)


@pytest.mark.tensorflow
def test_default_preset_learns_on_a_subset(splits):
    result = train(TrainConfig(epochs=1, batch_size=64, train_limit=3000), splits)
    assert result.history["epochs"][-1]["val_accuracy"] > 0.6


@pytest.mark.tensorflow
def test_stop_request_ends_within_two_batches(splits):
    monitor = RecordingMonitor(stop_after_batches=3)
    result = train(TrainConfig(preset="lenet5", epochs=3, batch_size=32, train_limit=3000), splits, monitor)
    assert result.cancelled
    assert monitor.batches <= 5
    assert monitor.records == []


@pytest.mark.tensorflow
def test_cancelled_run_does_not_replace_the_model(tmp_path, splits):
    out = tmp_path / "model.keras"
    out.write_bytes(b"previous model")
    monitor = RecordingMonitor(stop_after_batches=2)
    result = run_training(
        TrainConfig(preset="lenet5", epochs=2, train_limit=2000), out=out, monitor=monitor, splits=splits
    )
    assert result.cancelled and result.saved_to is None
    assert out.read_bytes() == b"previous model"


@pytest.mark.tensorflow
def test_run_training_saves_model_and_history(tmp_path, splits):
    out = tmp_path / "model.keras"
    result = run_training(TrainConfig(preset="lenet5", epochs=1, train_limit=2000), out=out, splits=splits)
    assert result.saved_to == out and out.exists()
    history = model_files.load_history(out)
    assert history["preset"] == "lenet5" and len(history["epochs"]) == 1
    assert 0 < history["test_accuracy"] <= 1
    assert history["classes"] == 11 and history["not_a_digit_shift"] == NOT_A_DIGIT_SHIFT
    assert not list(tmp_path.glob(".*tmp*")), "temporary files are cleaned up"


@pytest.mark.tensorflow
def test_save_and_load_round_trip(tmp_path):
    model = build_model("wide", seed=3)
    path = storage.save_model_atomic(model, tmp_path / "m.keras", {"preset": "wide"})
    loaded = Recognizer.load(path)
    x = np.random.default_rng(0).random((4, 28, 28), dtype=np.float32)
    np.testing.assert_allclose(loaded.predict_mnist(x), np.asarray(model(x[..., None], training=False)), atol=1e-5)
    assert loaded.history == {"preset": "wide"}


@pytest.mark.tensorflow
def test_crash_during_save_keeps_previous_model(tmp_path, monkeypatch):
    path = storage.save_model_atomic(build_model("lenet5", seed=1), tmp_path / "m.keras", {"v": 1})
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(SaveError, match="No space left on device.*unchanged"):
        storage.save_model_atomic(build_model("lenet5", seed=2), path, {"v": 2})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert model_files.load_history(path) == {"v": 1}
    Recognizer.load(path)  # still loadable
    assert [p.name for p in tmp_path.iterdir()] == [path.name, model_files.history_path_for(path).name] or sorted(
        p.name for p in tmp_path.iterdir()
    ) == sorted([path.name, model_files.history_path_for(path).name])


@pytest.mark.tensorflow
def test_crash_inside_keras_save_keeps_previous_model(tmp_path, monkeypatch):
    path = storage.save_model_atomic(build_model("lenet5", seed=1), tmp_path / "m.keras")
    before = path.read_bytes()
    model = build_model("lenet5", seed=2)

    def half_written(target, *args, **kwargs):
        with open(target, "wb") as handle:
            handle.write(before[: len(before) // 2])
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(model, "save", half_written)
    with pytest.raises(SaveError):
        storage.save_model_atomic(model, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04truncated"])
def test_bad_model_files_are_refused_clearly(tmp_path, content):
    path = tmp_path / "bad.keras"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match="bad.keras"):
        Recognizer.load(path)


def test_missing_model_file():
    with pytest.raises(ModelFileError, match="not found"):
        Recognizer.load("/nonexistent/model.keras")


@pytest.mark.tensorflow
def test_default_strategy_without_several_gpus():
    import tensorflow as tf

    assert choose_strategy(gpus=[]) is tf.distribute.get_strategy()
    assert isinstance(choose_strategy(gpus=["gpu0", "gpu1"]), tf.distribute.MirroredStrategy)


def test_config_validation():
    with pytest.raises(ValueError, match="unknown preset"):
        TrainConfig(preset="nope").validate()
    with pytest.raises(ValueError, match="epochs"):
        TrainConfig(epochs=0).validate()


@pytest.mark.tensorflow
def test_fast_preset_learns_on_a_small_subset(splits):
    config = TrainConfig.for_preset("fast", train_limit=3000, batch_size=64)
    assert config.epochs == 2 and config.augment is False
    result = train(config, splits)
    assert result.history["epochs"][-1]["val_accuracy"] > 0.85


def test_for_preset_takes_overrides_and_rejects_unknown():
    assert TrainConfig.for_preset("wide", epochs=3, learning_rate=None).epochs == 3
    assert TrainConfig.for_preset("wide", learning_rate=None).learning_rate == 3e-3
    with pytest.raises(ValueError, match="unknown preset"):
        TrainConfig.for_preset("huge")


@pytest.mark.tensorflow
def test_same_seed_gives_the_same_model(splits):
    def weights(seed: int) -> list[np.ndarray]:
        config = TrainConfig(preset="lenet5", epochs=1, batch_size=64, train_limit=1000, seed=seed)
        return train(config, splits).model.get_weights()

    first, again, other = weights(5), weights(5), weights(6)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_only_the_last_third_of_the_schedule_competes_for_the_checkpoint():
    from handwriting.training.callbacks import first_checkpoint_epoch

    assert [first_checkpoint_epoch(n) for n in (1, 2, 3, 13)] == [1, 2, 2, 9]


def test_the_default_data_mixes_pen_digits_and_non_digits_and_mnist_only_does_not(splits):
    from handwriting.training.recipe import training_sets

    (x, y), (_, y_val), classes = training_sets(TrainConfig(train_limit=3000), splits)
    assert classes == 11 and x.shape[1:] == (28, 28) and len(x) == len(y) > 3000
    assert set(np.unique(y)) == set(range(11)) and 10 in y_val
    where = np.flatnonzero(y == 10)
    assert where.min() < len(y) // 4 and where.max() > 3 * len(y) // 4  # mixed in, not appended at the end
    (x, y), (_, y_val), classes = training_sets(TrainConfig(train_limit=3000, mnist_only=True), splits)
    assert classes == 10 and len(x) == 3000 and y.max() <= 9 and len(y_val) == len(splits.y_val)
