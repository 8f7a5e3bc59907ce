"""Long use holds steady: reloaded models stay independent, and a short soak meets the soak target scaled up."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from handwriting.files.keras_model import load_model_safely
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.recognition.recognizer import Recognizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def other_weights(tmp_path_factory) -> Path:
    """The shipped architecture with different weights."""
    model = load_model_safely(DEFAULT_MODEL_PATH)
    model.set_weights([w * 0.5 + 0.01 for w in model.get_weights()])
    path = tmp_path_factory.mktemp("other") / "other.keras"
    model.save(path)
    return path


def reference(path: Path, x: np.ndarray) -> np.ndarray:
    return np.asarray(load_model_safely(path)(x[..., None], training=False))


@pytest.mark.tensorflow
def test_reloads_are_independent(other_weights):
    x = np.random.default_rng(0).random((3, 28, 28), dtype=np.float32)
    shipped, other = Recognizer.load(), Recognizer.load(other_weights)
    assert shipped.model is not other.model
    np.testing.assert_allclose(other.predict_mnist(x), reference(other_weights, x), atol=1e-5)
    np.testing.assert_allclose(shipped.predict_image(x[0]), reference(DEFAULT_MODEL_PATH, x)[0], atol=1e-5)
    kept_model = shipped.model
    del shipped
    again = Recognizer.load(other_weights)
    np.testing.assert_allclose(again.predict_mnist(x), reference(other_weights, x), atol=1e-5)
    # A model kept after its Recognizer is gone still has its own weights.
    np.testing.assert_allclose(
        np.asarray(kept_model(x[..., None], training=False)), reference(DEFAULT_MODEL_PATH, x), atol=1e-5
    )


def test_short_soak_keeps_memory_within_the_target_scaled_to_the_full_soak(capsys):
    """A short soak (200 canvases, 100 samples, 8 reloads), held to the full soak's memory target.

    Whatever it grows is extrapolated linearly to the full soak (10,000 canvases, 50 times as many) and
    must still be within the 50 MB target. Latency is a speed goal: `benchmarks/soak.py` judges it for
    `make bench` (soak_target_met), on a quiet machine, and so sees a leak that shows only after thousands of calls.
    """
    spec = importlib.util.spec_from_file_location("soak", ROOT / "benchmarks" / "soak.py")
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    canvases = 200
    assert soak.main(["--canvases", str(canvases), "--samples", "100", "--reloads", "8"]) == 0
    values = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    for phase in ("canvas", "sample", "reload"):
        for key in ("rss_start_mb", "rss_end_mb", "start_median_ms", "end_median_ms"):
            assert float(values[f"{phase}_{key}"]) >= 0
    scale = 10_000 / canvases
    assert max(float(values["rss_growth_mb"]), 0.0) * scale <= soak.TARGET_GROWTH_MB, values["rss_growth_mb"]
    assert values["soak_target_met"] in ("True", "False")  # printed for the benchmark; judged there
