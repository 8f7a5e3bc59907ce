"""TensorBoard logs: a short run writes event files with per-epoch scalars, weight histograms and the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from handwriting.errors import SaveError
from handwriting.training.config import TrainConfig
from handwriting.training.logs import new_run_dir
from handwriting.training.recipe import train


def read_events(folder: Path) -> tuple[set[str], int, dict[str, list[int]]]:
    """(tags, graph events, steps per tag) of every event file under `folder`, read with TensorFlow's own reader."""
    import tensorflow as tf

    tags: set[str] = set()
    graphs = 0
    steps: dict[str, list[int]] = {}
    for file in folder.rglob("events.out.tfevents.*"):
        for event in tf.compat.v1.train.summary_iterator(str(file)):
            graphs += bool(event.graph_def)
            for value in event.summary.value:
                tags.add(value.tag)
                steps.setdefault(f"{file.parent.name}/{value.tag}", []).append(event.step)
    return tags, graphs, steps


@pytest.fixture(scope="module")
def logged_run(splits, tmp_path_factory):
    root = tmp_path_factory.mktemp("tensorboard")
    config = TrainConfig(preset="fast", epochs=2, batch_size=128, train_limit=1000, tensorboard_dir=str(root))
    return train(config, splits), root


@pytest.mark.tensorflow
def test_run_writes_scalars_histograms_and_graph(logged_run):
    result, root = logged_run
    run_dir = Path(result.history["tensorboard_run"])
    assert run_dir.parent == root and run_dir.name.endswith("-fast")
    assert (run_dir / "train").is_dir() and (run_dir / "validation").is_dir()
    tags, graphs, steps = read_events(run_dir)
    assert {"epoch_loss", "epoch_accuracy", "epoch_learning_rate"} <= tags
    assert steps["train/epoch_loss"] == [0, 1] and steps["validation/epoch_accuracy"] == [0, 1]  # one per epoch
    histograms = {tag for tag in tags if tag.endswith("/histogram")}
    assert any("kernel" in tag for tag in histograms) and any("bias" in tag for tag in histograms)
    assert graphs >= 1


def test_each_run_gets_its_own_folder(tmp_path):
    first = new_run_dir(tmp_path, "wide", now=0)
    second = new_run_dir(tmp_path, "wide", now=0)
    assert first != second and first.is_dir() and second.is_dir()
    assert second.name == first.name + "-2"


def test_unwritable_log_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError, match="TensorBoard log folder"):
        new_run_dir(blocker / "logs", "wide")


@pytest.mark.tensorflow
def test_no_logs_without_the_option(splits, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = train(TrainConfig(preset="fast", epochs=1, train_limit=300), splits)
    assert "tensorboard_run" not in result.history
    assert list(tmp_path.iterdir()) == []


def test_missing_tensorboard_is_refused_before_training(monkeypatch, tmp_path):
    from handwriting.cli.main import main
    from handwriting.training import logs as training_logs

    monkeypatch.setattr(training_logs, "tensorboard_available", lambda: False)
    with pytest.raises(ValueError, match="pip install tensorboard"):
        TrainConfig(tensorboard_dir=str(tmp_path)).validate()
    assert main(["train", "--limit", "100", "--tensorboard", str(tmp_path), "--out", str(tmp_path / "m.keras")]) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.tensorflow
def test_tensorboard_reads_the_graph(logged_run):
    """TensorBoard itself (its EventAccumulator) finds the scalars and the op-level graph."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    accumulator = EventAccumulator(str(Path(logged_run[0].history["tensorboard_run"]) / "train"))
    accumulator.Reload()
    assert len(accumulator.Graph().node) > 10
    assert [event.step for event in accumulator.Tensors("epoch_learning_rate")] == [0, 1]


def test_tensorboard_option_without_a_folder_uses_the_per_user_logs(monkeypatch, tmp_path):
    from handwriting.cli.parser import build_parser

    monkeypatch.setenv("HANDWRITING_HOME", str(tmp_path))
    args = build_parser().parse_args(["train", "--tensorboard"])
    assert args.tensorboard == tmp_path / "logs" / "tensorboard"
    assert build_parser().parse_args(["train", "--tensorboard", "runs"]).tensorboard == Path("runs")
    assert build_parser().parse_args(["train"]).tensorboard is None
