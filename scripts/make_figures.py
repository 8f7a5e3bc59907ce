"""Draw the docs' figures: the preprocessing steps, the shipped model's learning curves and reliability.

Run: .venv/bin/python scripts/make_figures.py   (writes assets/figures/*.png; Qt runs offscreen)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history  # noqa: E402
from handwriting.recognition.preprocess import MNIST_CENTRE_OF_MASS, preprocess_stages, to_unit_float  # noqa: E402

OUT = ROOT / "assets" / "figures"
PANEL = 200
MARGIN = 16
CAPTION = 44


def mouse_drawn_two(size: int = 280) -> np.ndarray:
    """A small, off-centre, thick-pen 2 on a 280x280 canvas, like a hasty mouse drawing."""
    image = Image.new("L", (size, size), 0)
    points = [(160, 130), (172, 112), (198, 108), (214, 124), (208, 150), (160, 200), (222, 198)]
    ImageDraw.Draw(image).line(points, fill=255, width=20, joint="curve")
    return np.asarray(image)


def _panel(array: np.ndarray, upscale_nearest: bool) -> Image.Image:
    image = Image.fromarray((np.clip(array, 0, 1) * 255).astype(np.uint8))
    height, width = array.shape
    scale = PANEL / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resample = Image.Resampling.NEAREST if upscale_nearest else Image.Resampling.BILINEAR
    framed = Image.new("L", (PANEL, PANEL), 40)
    framed.paste(image.resize(size, resample), ((PANEL - size[0]) // 2, (PANEL - size[1]) // 2))
    return framed.convert("RGB")


def preprocessing_figure(path: Path) -> None:
    """canvas -> crop -> stroke width -> 20 px fit -> 28x28 by centre of mass."""
    stages = preprocess_stages(mouse_drawn_two())
    steps = [
        ("1. canvas 280x280", to_unit_float(stages.canvas), False),
        ("2. crop to the ink", stages.cropped, False),
        (f"3. stroke {stages.stroke_width:.1f} px -> MNIST's", stages.stroke_adjusted, False),
        ("4. longest side 20 px", stages.fitted, True),
        ("5. 28x28, centre of mass", stages.final, True),
    ]
    font = ImageFont.load_default(size=15)
    figure = Image.new("RGB", (len(steps) * (PANEL + MARGIN) + MARGIN, PANEL + CAPTION + MARGIN), "white")
    pen = ImageDraw.Draw(figure)
    for index, (caption, array, nearest) in enumerate(steps):
        x = MARGIN + index * (PANEL + MARGIN)
        figure.paste(_panel(array, nearest), (x, MARGIN))
        pen.text((x, MARGIN + PANEL + 8), caption, fill="black", font=font)
    # Mark MNIST's centre of mass on the last panel.
    scale = PANEL / 28
    cx = MARGIN + (len(steps) - 1) * (PANEL + MARGIN) + (MNIST_CENTRE_OF_MASS[1] + 0.5) * scale
    cy = MARGIN + (MNIST_CENTRE_OF_MASS[0] + 0.5) * scale
    pen.line((cx - 8, cy, cx + 8, cy), fill=(230, 60, 60), width=2)
    pen.line((cx, cy - 8, cx, cy + 8), fill=(230, 60, 60), width=2)
    figure.save(path)


def learning_curves_figure(path: Path, model_path: Path = DEFAULT_MODEL_PATH) -> None:
    """Loss and accuracy per epoch from the shipped model's history, drawn with pyqtgraph."""
    import pyqtgraph as pg
    import pyqtgraph.exporters
    from PyQt5.QtWidgets import QApplication

    epochs = load_history(model_path).get("epochs", [])
    if not epochs:
        raise SystemExit(f"{model_path}: no training history to plot")
    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    layout = pg.GraphicsLayoutWidget(size=(1000, 380))
    x = [e["epoch"] for e in epochs]
    colours = {"train": "#1f77b4", "validation": "#ff7f0e"}
    for column, (metric, label) in enumerate((("loss", "loss"), ("accuracy", "accuracy"))):
        plot = layout.addPlot(row=0, col=column, title=label.capitalize())
        plot.addLegend(offset=(-10, 10) if metric == "loss" else (-10, -10))
        plot.setLabel("bottom", "epoch")
        plot.setLabel("left", label)
        plot.getAxis("left").enableAutoSIPrefix(False)
        plot.getAxis("left").setWidth(60)
        plot.showGrid(x=True, y=True, alpha=0.3)
        for name, key, symbol in (("train", metric, "o"), ("validation", f"val_{metric}", "s")):
            colour = colours[name]
            plot.plot(
                x,
                [e[key] for e in epochs],
                pen=pg.mkPen(colour, width=2),
                symbol=symbol,
                symbolBrush=colour,
                symbolPen=colour,
                symbolSize=8,
                name=name,
            )
    layout.show()
    app.processEvents()
    pyqtgraph.exporters.ImageExporter(layout.scene()).export(str(path))
    layout.close()


def validation_writer_outputs(recognizer) -> tuple[np.ndarray, np.ndarray]:
    """The model's outputs and the labels for the validation writers' digits, drawn once in each style."""
    from handwriting.digits.pen import STYLES, draw_in_style
    from handwriting.digits.pendigits import load_pendigits, split_writers
    from handwriting.recognition.preprocess import preprocess

    pen = load_pendigits()
    val = pen.by_writers(split_writers(pen.writers).val)
    outputs, labels = [], []
    for name, style in STYLES.items():
        rng = np.random.default_rng([0, *name.encode()])
        outputs += [recognizer.predict_image(preprocess(draw_in_style(d.strokes, style, rng))) for d in val.digits]
        labels.append(val.labels)
    return np.stack(outputs), np.concatenate(labels)


def reliability_figure(path: Path, model_path: Path = DEFAULT_MODEL_PATH) -> None:
    """The app's reliability diagram for MNIST's test set and for the validation writers, side by side."""
    from PyQt5.QtWidgets import QApplication, QHBoxLayout, QWidget

    from handwriting.digits.mnist import load_mnist
    from handwriting.gui.evaluation.reliability_plot import ReliabilityPlot
    from handwriting.recognition.calibration import expected_calibration_error, reliability
    from handwriting.recognition.recognizer import Recognizer

    app = QApplication.instance() or QApplication([])
    recognizer = Recognizer.load(model_path)
    mnist = load_mnist()
    sets = {
        "MNIST test set (10,000 images)": (recognizer.predict_mnist(mnist.test_images), mnist.test_labels),
        "validation writers, drawn on the canvas": validation_writer_outputs(recognizer),
    }
    window = QWidget()
    row = QHBoxLayout(window)
    for title, (outputs, labels) in sets.items():
        plot = ReliabilityPlot(window)
        plot.plot.setTitle(title)
        plot.set_reliability(reliability(outputs, labels), expected_calibration_error(outputs, labels))
        row.addWidget(plot)
    window.resize(1000, 380)
    window.show()
    app.processEvents()
    window.grab().save(str(path))
    window.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    preprocessing_figure(OUT / "preprocessing.png")
    learning_curves_figure(OUT / "learning_curves.png")
    reliability_figure(OUT / "reliability.png")
    print(f"wrote {OUT / 'preprocessing.png'}, {OUT / 'learning_curves.png'} and {OUT / 'reliability.png'}")


if __name__ == "__main__":
    main()
