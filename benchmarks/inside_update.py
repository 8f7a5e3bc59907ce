"""Look inside: from a new drawing to every picture of the view repainted, for about 200 drawn digits.

MNIST test digits are redrawn with a round pen on the app's 280x280 canvas (benchmarks/strokes.py) and
preprocessed the way the app does, beforehand. Each update is then timed from InsideView.show_image()
(the new network input arrives) until the event loop has repainted every picture of the view: the end
of the processEvents() call in which the last of them got its paint event. That includes the whole
computation (every layer, the heat maps' batched forward pass, the first layer's worked sum) and the
painting. Runs offscreen (with a desktop's 9 pt font rather than offscreen's 12 pt, so the same rows
fit on screen) unless DISPLAY is set (then on that X server, e.g. Xvfb). Prints name=value lines, with
the machine's load average and the CPU time an update took: on a busy machine the wall-clock figures
reflect the contention.

    .venv/bin/python benchmarks/inside_update.py [--digits 200] [--model FILE] [--variant centred_large]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pyqtgraph as pg
import strokes
from PyQt5.QtCore import QEvent, QObject
from PyQt5.QtWidgets import QApplication

from handwriting.digits.mnist import load_mnist
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui.inside.inside_view import InsideView
from handwriting.recognition.network import NumpyNetwork
from handwriting.recognition.preprocess import preprocess

TARGET_MEDIAN_MS = 40.0
TARGET_P99_MS = 60.0
DESKTOP_POINT_SIZE = 9


class PaintWatch(QObject):
    """Remembers which watched widgets have received a paint event."""

    def __init__(self, widgets) -> None:
        super().__init__()
        self.painted: set[int] = set()
        self.widgets = list(widgets)
        for widget in self.widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Note the paint event, and let it through."""
        if event.type() == QEvent.Paint:
            self.painted.add(id(watched))
        return False

    def all_painted(self) -> bool:
        """True once every watched widget has received a paint event."""
        return all(id(widget) in self.painted for widget in self.widgets)


def drawn_digits(count: int, variant: str, seed: int = 0) -> list[np.ndarray]:
    """`count` MNIST test digits redrawn on a 280x280 canvas and preprocessed: the network inputs."""
    mnist = load_mnist()
    chosen, _ = strokes.redrawable_sample(mnist.test_images, mnist.test_labels, count, seed)
    canvases = strokes.draw_variant(strokes.skeletonise(mnist.test_images[chosen]), variant, seed)
    images = [preprocess(canvas) for canvas in canvases]
    return [image for image in images if image is not None]


def main() -> int:
    """Draw, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digits", type=int, default=200)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--variant", default="centred_large", choices=list(strokes.VARIANTS))
    args = parser.parse_args()
    images = drawn_digits(args.digits, args.variant)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if QApplication.platformName() == "offscreen":  # its default font is 12 pt; desktops use about 9 pt
        font = app.font()
        font.setPointSize(DESKTOP_POINT_SIZE)
        app.setFont(font)
    view = InsideView()
    view.set_network(NumpyNetwork.from_file(args.model))
    view.resize(1160, 650)
    view.show()
    for _ in range(20):
        app.processEvents()
    panes = view.findChildren(pg.GraphicsView)
    watched = [pane.viewport() for pane in panes if not pane.viewport().visibleRegion().isEmpty()]
    times, cpu_times = [], []
    for index, image in enumerate([images[0], images[1], *images]):  # two warm-up updates
        watch = PaintWatch(watched)
        start, cpu_start = time.perf_counter(), time.process_time()
        view.show_image(image)
        while not watch.all_painted():
            app.processEvents()
            if time.perf_counter() - start > 10:
                print("error: the view was not repainted within 10 s", file=sys.stderr)
                return 1
        if index >= 2:
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        for widget in watched:
            widget.removeEventFilter(watch)
    milliseconds = np.array(times) * 1000
    median, p99 = float(np.median(milliseconds)), float(np.percentile(milliseconds, 99))
    print(f"inside_platform={QApplication.platformName()}")
    print(f"inside_load_average_1min={os.getloadavg()[0]:.1f}")  # other processes on the machine, for context
    print(f"inside_digits={len(times)}")
    print(f"inside_pictures_on_screen={len(watched)}_of_{len(panes)}")
    print(f"inside_update_median_ms={median:.1f}")
    print(f"inside_update_p99_ms={p99:.1f}")
    print(f"inside_update_max_ms={milliseconds.max():.1f}")
    print(f"inside_update_cpu_median_ms={np.median(cpu_times) * 1000:.1f}")  # CPU time of all threads, for context
    print(f"inside_target_median_ms={TARGET_MEDIAN_MS:g}")
    print(f"inside_target_p99_ms={TARGET_P99_MS:g}")
    print(f"inside_target_met={median <= TARGET_MEDIAN_MS and p99 <= TARGET_P99_MS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
