"""Measure what the preprocessing imitates: MNIST's centre of mass, digit box and stroke width.

Prints name=value lines, from the 54k training split only. Run: .venv/bin/python benchmarks/mnist_stats.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.digits.mnist import load_mnist, make_splits
from handwriting.recognition.preprocess import stroke_width


def main() -> None:
    images = make_splits(load_mnist()).x_train.astype(np.float64) / 255.0
    rows, cols = np.indices((28, 28))
    mass = images.sum(axis=(1, 2))
    com_row = (images * rows).sum(axis=(1, 2)) / mass
    com_col = (images * cols).sum(axis=(1, 2)) / mass
    ink_rows = (images > 0).any(axis=2)
    ink_cols = (images > 0).any(axis=1)
    height = 28 - ink_rows.argmax(axis=1) - ink_rows[:, ::-1].argmax(axis=1)
    width = 28 - ink_cols.argmax(axis=1) - ink_cols[:, ::-1].argmax(axis=1)
    widths = np.array([stroke_width(image) for image in images[:10_000]])
    print(f"images={len(images)}")
    print(f"centre_of_mass_row_mean={com_row.mean():.3f}")
    print(f"centre_of_mass_col_mean={com_col.mean():.3f}")
    print(f"longest_side_median={np.median(np.maximum(height, width)):.0f}")
    print(f"stroke_width_median={np.median(widths):.2f}")
    print(f"stroke_width_quartiles={np.percentile(widths, 25):.2f},{np.percentile(widths, 75):.2f}")


if __name__ == "__main__":
    main()
