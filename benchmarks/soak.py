"""Soak test: memory and latency over long use of the recogniser in one process.

Three phases: canvas predictions (varied 280x280 drawings through the canvas path), single
test-sample predictions (predict_mnist on one image, or predict_image), and model reloads.
Prints name=value lines: RSS at the start (after warm-up) and end of each phase, the overall
RSS growth, median latencies of the first and last calls of each phase, and soak_target_met.

Run: .venv/bin/python benchmarks/soak.py [--model PATH] [--canvases 10000] [--samples 2000] [--reloads 20]
     [--canvas-path recognizer | app | package.module:function] [--app]

The canvas path is swappable: `package.module:function` names a function `(recognizer, canvas) -> object`
called for each canvas instead of Recognizer.predict; `app` is the app's own pen-up path
(handwriting.gui.app.automation:canvas_path: the canvas widget's pixels, recognition, labels and bars painted).

--app runs all three phases through the main window itself (offscreen, one process): each canvas is
put on the canvas widget as a finished stroke and goes through the app's pen-up path until the bars
are painted; each sample is Model > Random test sample (recognised on the window's prediction thread,
shown and painted); each reload loads the model file in the background as File > Load model does
(including the collection that frees the model it replaces) and then recognises a canvas. The warm-up also goes
through the window.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.digits.mnist import load_mnist
from handwriting.recognition.recognizer import Recognizer

CANVAS_SIDE = 280
CANVAS_POOL = 97  # distinct drawings, cycled (a prime, so they do not line up with the window sizes)
WINDOW = 500  # latency: median of the first WINDOW calls of a phase against the last WINDOW
TARGET_GROWTH_MB = 50.0
TARGET_SLOWDOWN = 1.5
LATENCY_SLACK_MS = 0.1  # timer and scheduler noise on sub-millisecond calls
WARM_UP = 20  # canvases and samples before the measurements start

CanvasPath = Callable[[Recognizer, np.ndarray], object]
CANVAS_PATHS: dict[str, CanvasPath | str] = {
    "recognizer": lambda recognizer, canvas: recognizer.predict(canvas),
    "app": "handwriting.gui.app.automation:canvas_path",
}


def resolve_canvas_path(name: str) -> CanvasPath:
    """A named canvas path, or `package.module:function` imported on demand."""
    if name in CANVAS_PATHS:
        path = CANVAS_PATHS[name]
        if not isinstance(path, str):
            return path
        name = path
    module, _, attribute = name.partition(":")
    if not attribute:
        raise SystemExit(f"--canvas-path: '{name}' is neither {', '.join(CANVAS_PATHS)} nor module:function")
    return getattr(importlib.import_module(module), attribute)


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; elsewhere the peak, which can only grow)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def random_canvas(rng: np.random.Generator) -> np.ndarray:
    """A mouse-drawing-like canvas: a few strokes of a random pen; now and then empty or as float32."""
    image = Image.new("L", (CANVAS_SIDE, CANVAS_SIDE), 0)
    draw = ImageDraw.Draw(image)
    scale = rng.uniform(40, 240)
    left, top = rng.uniform(0, CANVAS_SIDE - scale, size=2)
    if rng.random() > 0.05:  # about one in twenty is empty ("no digit")
        for _ in range(rng.integers(1, 4)):
            points = [(left + x * scale, top + y * scale) for x, y in rng.random((rng.integers(2, 7), 2))]
            draw.line(points, fill=int(rng.integers(128, 256)), width=int(rng.integers(2, 31)), joint="curve")
    canvas = np.asarray(image)
    return canvas.astype(np.float32) / 255.0 if rng.random() < 0.3 else canvas


def run_phase(name: str, calls: int, step: Callable[[int], object]) -> dict[str, float]:
    """Call `step(i)` `calls` times; returns RSS before and after (after a gc) and start/end median latency."""
    gc.collect()
    before = rss_mb()
    times = []
    for index in range(calls):
        started = time.perf_counter()
        step(index)
        times.append((time.perf_counter() - started) * 1000)
    gc.collect()
    window = max(1, min(WINDOW, calls // 4))
    return {
        f"{name}_rss_start_mb": before,
        f"{name}_rss_end_mb": rss_mb(),
        f"{name}_start_median_ms": statistics.median(times[:window]),
        f"{name}_end_median_ms": statistics.median(times[-window:]),
        f"{name}_calls": calls,
    }


class RecognizerSoak:
    """The three phases on a bare Recognizer (and a swappable canvas path)."""

    def __init__(self, model: str | None, canvas_path: str, test: np.ndarray, picks: np.ndarray) -> None:
        self.model = model
        self.predict_canvas = resolve_canvas_path(canvas_path)
        self.recognizer = Recognizer.load(model)
        self.test, self.picks = test, picks

    def canvas(self, canvas: np.ndarray) -> None:
        """One canvas through the canvas path."""
        self.predict_canvas(self.recognizer, canvas)

    def sample(self, index: int) -> None:
        """One test image, alternately through predict_image and predict_mnist."""
        image = self.test[self.picks[index]]
        if index % 2:
            self.recognizer.predict_image(image.astype(np.float32) / 255.0)
        else:
            self.recognizer.predict_mnist(image[None])

    def reload(self) -> None:
        """A fresh Recognizer; the old one is dropped here, as the app does."""
        self.recognizer = Recognizer.load(self.model)

    def close(self) -> None:
        """Nothing to release."""


class AppSoak:
    """The three phases through the main window (handwriting.gui.app.automation.WindowDriver), offscreen."""

    def __init__(self, model: str | None, mnist) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from handwriting.gui.app.automation import WindowDriver

        self.driver = WindowDriver(model, mnist=mnist)

    def canvas(self, canvas: np.ndarray) -> None:
        """One canvas through the app's pen-up path, until the bars are painted."""
        self.driver.draw(canvas)

    def sample(self, index: int) -> None:
        """Model > Random test sample, until painted."""
        self.driver.sample()

    def reload(self) -> None:
        """The window reloads its model file in the background."""
        self.driver.reload()

    def close(self) -> None:
        """Close the window and stop its threads."""
        self.driver.close()


def soak(
    model: str | None,
    canvases: int,
    samples: int,
    reloads: int,
    canvas_path: str = "recognizer",
    seed: int = 0,
    app: bool = False,
) -> dict[str, float | int | bool]:
    """Run the three phases and return every measurement, with soak_target_met."""
    rng = np.random.default_rng(seed)
    pool = [random_canvas(rng) for _ in range(CANVAS_POOL)]
    mnist = load_mnist()
    picks = rng.integers(0, len(mnist.test_images), size=max(samples, 1))
    runner = AppSoak(model, mnist) if app else RecognizerSoak(model, canvas_path, mnist.test_images, picks)
    try:
        for index, canvas in enumerate(pool[:WARM_UP]):  # warm-up, outside the measurements
            runner.canvas(canvas)
            runner.sample(index)
        gc.collect()
        results: dict[str, float | int | bool] = {"through_app_window": app, "rss_start_mb": rss_mb()}

        def reload_step(index: int) -> None:
            runner.reload()
            runner.canvas(pool[index % CANVAS_POOL])

        phases = [
            ("canvas", canvases, lambda index: runner.canvas(pool[index % CANVAS_POOL])),
            ("sample", samples, runner.sample),
            ("reload", reloads, reload_step),
        ]
        met = True
        for name, calls, step in phases:
            if calls < 1:
                continue
            phase = run_phase(name, calls, step)
            results.update(phase)
            start, end = phase[f"{name}_start_median_ms"], phase[f"{name}_end_median_ms"]
            met &= end <= TARGET_SLOWDOWN * start + LATENCY_SLACK_MS
        results["rss_end_mb"] = rss_mb()
    finally:
        runner.close()
    results["rss_growth_mb"] = results["rss_end_mb"] - results["rss_start_mb"]
    results["target_growth_mb"] = TARGET_GROWTH_MB
    results["target_slowdown"] = TARGET_SLOWDOWN
    results["soak_target_met"] = bool(met and results["rss_growth_mb"] <= TARGET_GROWTH_MB)
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, soak, print name=value lines; exit 0 whether or not the target is met."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="a .keras file (default: the shipped model)")
    parser.add_argument("--canvases", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=2_000)
    parser.add_argument("--reloads", type=int, default=20)
    parser.add_argument("--canvas-path", default="recognizer", help="recognizer, app, or package.module:function")
    parser.add_argument("--app", action="store_true", help="all three phases through the app's main window")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    results = soak(args.model, args.canvases, args.samples, args.reloads, args.canvas_path, args.seed, args.app)
    for name, value in results.items():
        print(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
