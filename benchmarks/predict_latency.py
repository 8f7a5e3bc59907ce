"""Latency of `Recognizer.predict` on one canvas (preprocessing included), next to `model.predict` on the same input.

Also printed: the network alone through the numpy forward pass that Recognizer uses, and through a
compiled TensorFlow function (the engine used for models the numpy pass does not implement).

Prints name=value lines. Run: .venv/bin/python benchmarks/predict_latency.py [--model PATH] [--repeats N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.recognition.keras_engine import KerasEngine
from handwriting.recognition.preprocess import preprocess
from handwriting.recognition.recognizer import Recognizer

CANVAS_SIDE = 280
TARGET_RECOGNIZER_MEDIAN_MS = 1.0


def canvas_with_a_seven() -> np.ndarray:
    """A 280x280 canvas with a mouse-drawn-like 7 (pen 18 px)."""
    image = Image.new("L", (CANVAS_SIDE, CANVAS_SIDE), 0)
    ImageDraw.Draw(image).line([(60, 50), (220, 50), (120, 240)], fill=255, width=18, joint="curve")
    return np.asarray(image)


def timed_ms(call, repeats: int) -> list[float]:
    """Wall-clock milliseconds of each call, after five warm-up calls."""
    for _ in range(5):
        call()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None)
    parser.add_argument("--repeats", type=int, default=500)
    args = parser.parse_args()

    recognizer = Recognizer.load(args.model)
    canvas = canvas_with_a_seven()
    image = preprocess(canvas)
    batch = image[None, ..., None]

    canvas_ms = timed_ms(lambda: recognizer.predict(canvas), args.repeats)
    # A drawing as the app reads it: its ink and its path (the 7's stroke, a point every 10 px as a mouse gives).
    corners = np.array([(60, 50), (220, 50), (120, 240)], np.float64)
    stroke = [np.concatenate([np.linspace(a, b, 16, endpoint=False) for a, b in itertools.pairwise(corners)])]
    drawing_ms = timed_ms(lambda: recognizer.predict(canvas, stroke), args.repeats)
    preprocess_ms = timed_ms(lambda: preprocess(canvas), args.repeats)
    network_ms = timed_ms(lambda: recognizer.predict_image(image), args.repeats)
    tensorflow_engine = KerasEngine(recognizer.model)
    tensorflow_ms = timed_ms(lambda: tensorflow_engine.forward(batch), args.repeats)
    keras_predict_ms = timed_ms(lambda: recognizer.model.predict(batch, verbose=0), min(args.repeats, 100))

    def p99(values: list[float]) -> float:
        return float(np.percentile(values, 99))

    canvas_median = statistics.median(canvas_ms)
    print(f"recognizer_engine={recognizer.engine}")
    print(f"recognizer_predict_median_ms={canvas_median:.3f}")
    print(f"recognizer_predict_p99_ms={p99(canvas_ms):.3f}")
    print(f"recognizer_predict_with_path_median_ms={statistics.median(drawing_ms):.3f}")
    print(f"recognizer_predict_with_path_p99_ms={p99(drawing_ms):.3f}")
    print(f"preprocess_median_ms={statistics.median(preprocess_ms):.3f}")
    print(f"network_numpy_median_ms={statistics.median(network_ms):.3f}")
    print(f"network_tf_function_median_ms={statistics.median(tensorflow_ms):.3f}")
    print(f"reference_model_predict_median_ms={statistics.median(keras_predict_ms):.3f}")
    print(f"speedup_vs_model_predict={statistics.median(keras_predict_ms) / canvas_median:.1f}")
    print(f"target_recognizer_median_ms={TARGET_RECOGNIZER_MEDIAN_MS}")
    print(f"recognizer_target_met={max(canvas_median, statistics.median(drawing_ms)) <= TARGET_RECOGNIZER_MEDIAN_MS}")


if __name__ == "__main__":
    main()
