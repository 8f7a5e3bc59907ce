"""The command line: outputs, JSON and every error path (one line, no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from handwriting.cli.main import main

from helpers import SEVEN, draw

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run(
        [sys.executable, "-m", "handwriting", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )


@pytest.fixture()
def seven_png(tmp_path) -> Path:
    path = tmp_path / "seven.png"
    Image.fromarray(255 - draw(SEVEN)).save(path)  # dark ink on white paper, as scanned
    return path


def test_predict_json_on_dark_ink(seven_png, capsys):
    assert main(["predict", str(seven_png), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["file"] == str(seven_png) and result["digit"] == 7
    assert (
        len(result["probabilities"]) == 10
        and abs(sum(result["probabilities"]) + result["not_digit_probability"] - 1) < 1e-3
    )


def test_predict_text_output(seven_png, capsys):
    assert main(["predict", str(seven_png)]) == 0
    assert f"{seven_png}: 7" in capsys.readouterr().out


# 10. Percentages as the app says them: one decimal above 99%, "<1%" for a runner-up that rounds to nothing.
def test_predict_says_its_percentages_as_the_app_does(seven_png, capsys, recognizer):
    from handwriting.labels import percent_text
    from handwriting.recognition.images import read_canvas

    assert main(["predict", str(seven_png)]) == 0
    out = capsys.readouterr().out
    prediction = recognizer.predict(read_canvas(seven_png))
    ranked = np.argsort(prediction.probabilities)[::-1][:3]
    expected = ", ".join(f"{d}: {percent_text(prediction.probabilities[d])}" for d in ranked)
    assert f"[{expected}]" in out and "0.0%" not in out and "100.0%" not in out


# 10. predict --help names every format the app opens, not PNG, JPEG and BMP alone.
def test_predict_help_lists_the_formats_the_app_opens(capsys):
    from handwriting.recognition.images import readable_formats

    with pytest.raises(SystemExit):
        main(["predict", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    names = [name for name, _ in readable_formats()]
    assert len(names) > 3 and all(name in text for name in names)


def test_predict_transparent_png(tmp_path, capsys):
    ink = draw(SEVEN)
    rgba = np.zeros((*ink.shape, 4), np.uint8)
    rgba[..., 3] = ink  # black strokes on a transparent background
    path = tmp_path / "transparent.png"
    Image.fromarray(rgba, "RGBA").save(path)
    assert main(["predict", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["digit"] == 7


def test_predict_blank_image_is_no_digit(tmp_path, capsys):
    path = tmp_path / "blank.bmp"
    Image.new("L", (64, 64), 255).save(path)
    assert main(["predict", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["digit"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "not a readable image"), (b"hello, not a png", "not a readable image")],
)
def test_predict_bad_files(tmp_path, capsys, content, message):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    assert main(["predict", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_predict_missing_file(capsys):
    assert main(["predict", "/nonexistent.png"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_evaluate_json_reports_test_accuracy(capsys):
    assert main(["evaluate", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == 10_000
    assert report["test_accuracy"] >= 0.993
    assert np.array(report["confusion_matrix"]).sum() == 10_000


@pytest.mark.process
def test_corrupt_model_is_one_line_error(tmp_path):
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"garbage")
    result = run_cli("evaluate", "--model", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error:") and "broken.keras" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.process
def test_missing_data_is_one_line_error(tmp_path):
    result = run_cli("train", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m.keras"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["train", "--epochs", "0"], ["train", "--learning-rate", "fast"], ["train", "--preset", "huge"], ["frobnicate"]],
)
def test_bad_arguments_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.process
def test_summary_prints_layers_and_parameters():
    result = run_cli("train", "--summary", "--preset", "lenet5")
    assert result.returncode == 0
    assert "conv1" in result.stdout and "61,706" in result.stdout


def test_train_without_out_writes_to_the_user_models_folder_and_says_where(monkeypatch, capsys):
    from handwriting.files.model_files import DEFAULT_MODEL_PATH
    from handwriting.files.paths import user_paths
    from handwriting.training import recipe as training
    from handwriting.training.config import TrainResult

    seen = {}

    def fake_run_training(config, data_path=None, out=None, verbose=0):
        seen["out"] = out
        history = {"best_epoch": 1, "best_val_accuracy": 0.9, "test_accuracy": 0.9, "training_seconds": 1.0}
        return TrainResult(None, history, False, 1, saved_to=out)

    monkeypatch.setattr(training, "run_training", fake_run_training)
    assert main(["train", "--limit", "100", "--epochs", "1", "--preset", "fast"]) == 0
    out = seen["out"]
    assert out.parent == user_paths().models and out.name.startswith("train-") and out != DEFAULT_MODEL_PATH
    printed = capsys.readouterr().out
    assert f"-> {out}" in printed and f"Saved {out}" in printed
    assert main(["train", "--limit", "100", "--epochs", "1", "--out", "elsewhere.keras"]) == 0
    assert str(seen["out"]) == "elsewhere.keras"  # --out keeps its meaning


def test_run_training_defaults_to_a_new_user_model():
    from handwriting.files.paths import user_paths
    from handwriting.training.recipe import default_output

    first = default_output()
    assert first.parent == user_paths().models and first.suffix == ".keras" and not first.exists()


def test_gui_script_opens_the_app_with_its_arguments(monkeypatch, tmp_path):
    from handwriting.cli import main as cli
    from handwriting.gui.app import app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda model_path=None: opened.append(model_path) or 0)
    monkeypatch.setattr(sys, "argv", ["handwriting-gui", "--model", str(tmp_path / "mine.keras")])
    assert cli.gui_main() == 0
    assert opened == [tmp_path / "mine.keras"]
