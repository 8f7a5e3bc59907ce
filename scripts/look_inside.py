"""Open only the "Look inside" view with one MNIST test digit, for looking at it (and screenshots).

    DISPLAY=:N QT_XCB_GL_INTEGRATION=none .venv/bin/python scripts/look_inside.py [--index 0] [--model FILE]
        [--size 1160x650] [--seconds 0]

With --seconds S it quits after S seconds (for screenshots); otherwise it stays open.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PyQt5.QtCore import QTimer
from PyQt5.QtWidgets import QApplication

from handwriting.digits.mnist import load_mnist
from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui.inside.inside_view import InsideView
from handwriting.recognition.network import NumpyNetwork


def main() -> int:
    """Show the view with one test digit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=int, default=0, help="which MNIST test image")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--size", default="1160x650", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--seconds", type=float, default=0, help="quit after this long (0: stay open)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = InsideView()
    view.setWindowTitle("Look inside")
    view.set_network(NumpyNetwork.from_file(args.model))
    view.show_image(load_mnist().test_images[args.index] / 255.0)
    width, height = (int(n) for n in args.size.split("x"))
    view.resize(width, height)
    view.move(0, 0)
    view.show()
    if args.seconds:
        QTimer.singleShot(int(args.seconds * 1000), app.quit)
    return app.exec_()


if __name__ == "__main__":
    sys.exit(main())
