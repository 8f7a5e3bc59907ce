"""The real entry point in a subprocess: it starts, shows the window, loads the model and exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui.app.app import NO_DISPLAY_MESSAGE, missing_display

ROOT = Path(__file__).resolve().parents[3]


def run(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "handwriting", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout
    )


def app_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDWRITING_") or k == "HANDWRITING_HOME"}
    env.update(QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="3", **extra)
    return env


def timings(stdout: str) -> dict[str, float]:
    pairs = (line.split("=", 1) for line in stdout.splitlines() if "=" in line)
    return {name: float(value) for name, value in pairs if name.endswith("_s")}


@pytest.mark.process
def test_gui_entry_point_shows_the_window_loads_the_model_and_exits_zero(model_file):
    result = run(["gui", "--model", str(model_file)], app_env(HANDWRITING_TIMING="1", HANDWRITING_QUIT_AFTER_MS="300"))
    assert result.returncode == 0, result.stderr[-3000:]
    seen = timings(result.stdout)
    assert set(seen) >= {"window_shown_s", "model_ready_s", "first_prediction_s"}, result.stdout
    assert seen["model_ready_s"] <= seen["first_prediction_s"]
    assert "first_prediction_digit=1" in result.stdout
    # recognition needs no TensorFlow (handwriting.recognition.network)
    assert "tensorflow_imported=False" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.process
def test_no_subcommand_opens_the_app_with_the_shipped_model():
    result = run([], app_env(HANDWRITING_TIMING="1", HANDWRITING_QUIT_AFTER_MS="100"))
    assert result.returncode == 0, result.stderr[-3000:]
    seen = timings(result.stdout)
    assert "window_shown_s" in seen
    assert ("model_ready_s" in seen) == DEFAULT_MODEL_PATH.exists()
    assert ("model_failed_s" in seen) != DEFAULT_MODEL_PATH.exists()


@pytest.mark.process
def test_a_missing_model_still_opens_the_window_and_exits_zero(tmp_path):
    result = run(
        ["gui", "--model", str(tmp_path / "missing.keras")],
        app_env(HANDWRITING_TIMING="1", HANDWRITING_QUIT_AFTER_MS="100"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert {"window_shown_s", "model_failed_s"} <= set(timings(result.stdout))


@pytest.mark.process
def test_without_a_display_the_app_says_so_in_one_line_and_exits_non_zero():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run(["gui"], env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY_MESSAGE
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr and "\n" not in result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_missing_display_rules():
    assert missing_display({}, "linux")
    assert not missing_display({"DISPLAY": ":0"}, "linux")
    assert not missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not missing_display({}, "darwin")


@pytest.mark.process
def test_gui_modules_import_neither_tensorflow_nor_keras():
    code = (
        "import sys, handwriting.gui.app.app, handwriting.gui.app.main_window\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_the_application_has_its_icon_and_desktop_file_name(qapp):
    from handwriting.gui.app.app import configure_application

    configure_application(qapp)
    assert qapp.desktopFileName() == "handwriting"  # handwriting.desktop: Wayland finds the launcher's icon
    assert not qapp.windowIcon().pixmap(32, 32).isNull()  # the SVG icon renders
