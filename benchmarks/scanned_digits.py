"""Scanned digits opened as image files: the validation writers' digits as a scanner would save them.

The app's File > Open image and `handwriting predict FILE` read a file with handwriting.recognition.images.read_canvas
and recognise it with Recognizer.predict; this benchmark does the same with real files on disk. Every
validation writer's digit (writers the default model never trained on) is drawn with a pen of random
width and saved in three forms people meet:

- `grey_scan`: dark ink on slightly grey, noisy paper, blurred by the optics, 100x100 px, JPEG quality 70;
- `bitmap32`: a binary 32x32 bitmap, the digit scaled (aspect kept) to fill it, black on white, PNG,
  as scanned-form digit sets store them;
- `bitmap32_inverted`: the same bitmap white on black.

Accuracies carry Wilson 95% intervals; the per-writer spread is printed for the pooled figure.

Run: .venv/bin/python benchmarks/scanned_digits.py [--model PATH] [--writers N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stats import spread, wilson

from handwriting.digits.pen import draw_ink
from handwriting.digits.pendigits import load_pendigits, split_writers
from handwriting.recognition.images import read_canvas
from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.rendering import strokes_to_graph

DRAWING_SEED = 5
INK_HEIGHT = (150, 220)  # on the 280x280 drawing the scan is made from
PEN = (14, 30)
BITMAP_SIDE = 32
SCAN_SIDE = 100
JPEG_QUALITY = 70


def line(name: str, value) -> None:
    print(f"{name}={value}", flush=True)


def ink_crop(drawing: np.ndarray) -> np.ndarray:
    rows, columns = np.nonzero(drawing > 40)
    return drawing[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1]


def bitmap(drawing: np.ndarray, inverted: bool) -> Image.Image:
    """The drawing scaled to fill a 32x32 box (aspect kept), thresholded: black ink on white unless inverted."""
    crop = Image.fromarray(ink_crop(drawing))
    scale = BITMAP_SIDE / max(crop.size)
    crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))), Image.Resampling.BOX)
    square = Image.new("L", (BITMAP_SIDE, BITMAP_SIDE), 0)
    square.paste(crop, ((BITMAP_SIDE - crop.width) // 2, (BITMAP_SIDE - crop.height) // 2))
    ink = (np.asarray(square) > 100).astype(np.uint8) * 255
    return Image.fromarray(ink if inverted else 255 - ink)


def grey_scan(drawing: np.ndarray, rng: np.random.Generator) -> Image.Image:
    """Dark ink on grey paper with sensor noise and optical blur, scaled down; saved as JPEG by the caller."""
    paper = rng.uniform(200, 245)
    page = (255.0 - drawing) * paper / 255.0 + rng.normal(0.0, rng.uniform(3, 9), drawing.shape)
    image = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.5)))
    return image.resize((SCAN_SIDE, SCAN_SIDE), Image.Resampling.LANCZOS)


FORMS: dict[str, tuple[str, Callable[[np.ndarray, np.random.Generator], Image.Image]]] = {
    "grey_scan": (".jpg", grey_scan),
    "bitmap32": (".png", lambda drawing, rng: bitmap(drawing, inverted=False)),
    "bitmap32_inverted": (".png", lambda drawing, rng: bitmap(drawing, inverted=True)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="a .keras file (default: the shipped model)")
    parser.add_argument("--writers", type=int, default=None, help="only the first N validation writers (quick run)")
    args = parser.parse_args()
    started = time.perf_counter()
    recognizer = Recognizer.load(args.model) if args.model else Recognizer.load()
    pen = load_pendigits()
    writers = sorted(split_writers(pen.writers).val)[: args.writers]
    digits = pen.by_writers(writers).digits
    rng = np.random.default_rng(DRAWING_SEED)
    correct = {form: np.zeros(len(digits), bool) for form in FORMS}
    with tempfile.TemporaryDirectory() as folder:
        for index, digit in enumerate(digits):
            points, edges = strokes_to_graph(digit.strokes)
            drawing = draw_ink(points, edges, rng.uniform(*INK_HEIGHT), rng.uniform(*PEN))
            for form, (suffix, make) in FORMS.items():
                path = Path(folder) / f"{form}{suffix}"
                make(drawing, rng).save(path, **({"quality": JPEG_QUALITY} if suffix == ".jpg" else {}))
                correct[form][index] = recognizer.predict(read_canvas(path)).digit == digit.label
    writer_of = np.array([d.writer for d in digits])
    line("writers", len(writers))
    for form, hits in correct.items():
        low, high = wilson(int(hits.sum()), len(hits))
        line(f"scanned_{form}_accuracy", f"{hits.mean():.4f}")
        line(f"scanned_{form}_wilson95", f"{low:.4f}-{high:.4f}")
        line(f"scanned_{form}_errors", f"{int((~hits).sum())}/{len(hits)}")
    pooled = np.concatenate(list(correct.values()))
    low, high = wilson(int(pooled.sum()), len(pooled))
    by_writer = [np.mean([correct[f][writer_of == w].mean() for f in FORMS]) for w in writers]
    line("scanned_all_forms_accuracy", f"{pooled.mean():.4f}")
    line("scanned_all_forms_wilson95", f"{low:.4f}-{high:.4f}")
    line("scanned_writer_spread_min_mean_max", "/".join(f"{v:.4f}" for v in spread(by_writer)))
    line("seconds", f"{time.perf_counter() - started:.0f}")


if __name__ == "__main__":
    main()
