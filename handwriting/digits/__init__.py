"""The data: MNIST and its splits, the pen writers, pen rendering, non-digits, drawn training data."""
