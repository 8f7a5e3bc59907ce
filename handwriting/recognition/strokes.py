"""The pen's path as a second witness: a small 1-D network reads a digit from its strokes, in numpy.

The image network sees ink; this one sees how the pen moved: the strokes, in drawing order, resampled to
POINTS points along their length (the jumps between strokes count at JUMP_WEIGHT of theirs), each point its
place in the drawing's box, whether the pen is down, and its direction. Writers whose styles MNIST lacks
differ in ink more than in motion, so the two disagree on different drawings; their product reads unseen
writers better than either (docs/how-it-works.md#strokes). The network is `models/default.strokes.keras`,
read as plain data as the image network is (handwriting.recognition.network); like the image network, it has
an 11th output, "not a digit".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from handwriting.files.model_files import resource_path
from handwriting.labels import DIGITS
from handwriting.recognition.layers import ACTIVATIONS
from handwriting.recognition.network import Layer, UnsupportedModel, build_chain, build_layer, expect, read_model_file

STROKES_MODEL_PATH = resource_path("models/default.strokes.keras")
POINTS = 64  # points along the path
FEATURES = 5  # x, y (in the box, centred, the larger side 1), pen down, direction (cos, sin)
JUMP_WEIGHT = 0.5  # the pen's jump from one stroke to the next counts at this share of its length
STROKE_WEIGHT = 0.7  # the stroke network's log-probabilities' weight beside the image network's (validation)
DISPUTE = 0.9  # the ink and the path each this sure of different digits: the answer is in doubt (combined) ...
DISPUTE_SHARE = 0.2  # ... and their mean takes this share: at most about 90% sure (such answers are right 30 in 33)


def features(strokes: Sequence | None) -> np.ndarray | None:
    """(POINTS, FEATURES) float32 for a drawing's strokes ((n, 2) points each, in drawing order); None when there
    is no usable point (no strokes, or only non-finite ones)."""
    paths = []
    for stroke in strokes or ():
        try:
            points = np.asarray(stroke, np.float64).reshape(-1, 2)
        except (TypeError, ValueError):
            continue
        points = points[np.isfinite(points).all(axis=1)]
        if len(points):
            paths.append(points)
    if not paths:
        return None
    every = np.concatenate(paths)
    low, high = every.min(axis=0), every.max(axis=0)
    scale = max(float((high - low).max()), 1e-6)
    centred = (every - (low + high) / 2) / scale
    down = np.concatenate([np.r_[0.0, np.ones(len(path) - 1)] for path in paths])
    steps = np.r_[0.0, np.linalg.norm(np.diff(centred, axis=0), axis=1)]
    along = np.cumsum(np.where(down > 0, steps, steps * JUMP_WEIGHT))
    if along[-1] < 1e-9:  # a dot, or dots: spread the points evenly
        along = np.arange(len(centred), dtype=np.float64)
    at = np.linspace(0.0, max(float(along[-1]), 1e-9), POINTS)
    x, y = np.interp(at, along, centred[:, 0]), np.interp(at, along, centred[:, 1])
    pen_down = down[np.clip(np.searchsorted(along, at, side="right"), 1, len(along) - 1)]
    dx, dy = np.gradient(x), np.gradient(y)
    length = np.hypot(dx, dy) + 1e-9
    return np.stack([x, y, pen_down, dx / length, dy / length], axis=1).astype(np.float32)


def combined(outputs: np.ndarray, stroke_probabilities: np.ndarray, weight: float = STROKE_WEIGHT) -> np.ndarray:
    """The image network's outputs (N, 10 or 11) multiplied, class by class, by the stroke network's
    probabilities (N, 10 or 11) to the power `weight`, and renormalised; with the same outputs, a share of their
    mean where the two are each sure of a different digit (DISPUTE). Where only one of them has "not a digit", the
    digits are multiplied and "not a digit" keeps the image network's share (none for a ten-class model)."""
    outputs = np.asarray(outputs, np.float64)
    strokes = np.maximum(np.asarray(stroke_probabilities, np.float64), 1e-12)
    if outputs.shape[1] == strokes.shape[1]:
        both = outputs * np.power(strokes, weight)
        both /= np.maximum(both.sum(axis=1, keepdims=True), 1e-300)
        # Where each witness is sure of a different digit, the product still picks (it is right 30 times in 33 on
        # the validation writers' digits, their mean 26) but takes a share of their mean: a clockwise 6 read
        # "5 (99.6%)" from its path now reads 5, unsure (at most about 90%), with the 6 the runner-up.
        disputed = ((outputs[:, :DIGITS].argmax(axis=1) != strokes[:, :DIGITS].argmax(axis=1))
                    & (outputs[:, :DIGITS].max(axis=1) >= DISPUTE) & (strokes[:, :DIGITS].max(axis=1) >= DISPUTE))
        mean = (outputs[disputed] + strokes[disputed]) / 2
        both[disputed] = (1 - DISPUTE_SHARE) * both[disputed] + DISPUTE_SHARE * mean / mean.sum(axis=1, keepdims=True)
        return both.astype(np.float32)
    digits = outputs[:, :DIGITS] * np.power(strokes[:, :DIGITS], weight)
    digits /= np.maximum(digits.sum(axis=1, keepdims=True), 1e-300)
    result = outputs.copy()
    result[:, :DIGITS] = digits * (1.0 - outputs[:, DIGITS:].sum(axis=1, keepdims=True))
    return result.astype(np.float32)


def with_paths(
    outputs: np.ndarray, drawings: Sequence[Sequence | None], forward: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """The image network's outputs (N, 10 or 11) for N drawings, each combined with `forward`'s reading (the
    stroke network's batch pass) of that drawing's strokes; a drawing without a usable point keeps its own."""
    paths = [features(strokes) for strokes in drawings]
    usable = [index for index, path in enumerate(paths) if path is not None]
    result = np.array(outputs, np.float32)
    if usable:
        result[usable] = combined(result[usable], forward(np.stack([paths[index] for index in usable])))
    return result


class StrokeNetwork:
    """The stroke network's inference pass: Conv1D ('same'), MaxPooling1D and GlobalMaxPooling1D layers (here),
    and the image network's BatchNormalization, Dropout and Dense (network.build_layer), in a chain, from
    (N, POINTS, FEATURES) to (N, 10 or 11)."""

    def __init__(self, layers: list[Layer]) -> None:
        self.layers = layers

    @classmethod
    def from_file(cls, path: str | Path = STROKES_MODEL_PATH) -> StrokeNetwork:
        """Read a `.keras` file as data (handwriting.recognition.network.read_model_file); nothing in it is run."""
        return cls.from_config(*read_model_file(path))

    @classmethod
    def from_config(cls, config: dict, weights: dict[str, list[np.ndarray]]) -> StrokeNetwork:
        """Build the pass from a model config (as in config.json) and weights by weights-file group."""
        return cls(build_chain(config, weights, (POINTS, FEATURES), _layer))

    def forward(self, batch: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10 or 11) for (N, POINTS, FEATURES) float32 features."""
        x = np.asarray(batch, np.float32)
        for layer in self.layers:
            x = layer.apply(x)
        return x


def is_stroke_network(path: str | Path) -> bool:
    """True when the file holds a stroke network (it reads (POINTS, FEATURES) paths, as the shipped one does)."""
    try:
        StrokeNetwork.from_file(path)
    except Exception:  # not a stroke network, or unreadable: the digit model's loader says what is wrong
        return False
    return True


def _layer(kind: str, name: str, config: dict, variables: list[np.ndarray], shape: tuple[int, ...]
           ) -> tuple[Layer, tuple]:
    """(Layer, output shape) for one layer: the 1-D ones here, any other as the image network builds it."""
    if kind == "Conv1D":
        size, filters = config.get("kernel_size", [0])[0], config.get("filters")
        activation = ACTIVATIONS.get(config.get("activation", "linear"))
        if config.get("padding") != "same" or config.get("strides", [1])[0] != 1 or activation is None:
            raise UnsupportedModel(f"{name}: only stride-1 'same' convolutions")
        use_bias = config.get("use_bias", True)
        kernel, *bias = expect(variables, [(size, shape[1], filters)] + ([(filters,)] if use_bias else []), name)
        flat, before = kernel.reshape(-1, filters), (size - 1) // 2

        def conv(x: np.ndarray) -> np.ndarray:
            padded = np.pad(x, ((0, 0), (before, size - 1 - before), (0, 0)))
            windows = np.lib.stride_tricks.sliding_window_view(padded, size, axis=1)  # (N, L, C, size)
            out = windows.transpose(0, 1, 3, 2).reshape(len(x), shape[0], -1) @ flat
            return activation(out + bias[0] if bias else out)

        return Layer(name, kind, conv), (shape[0], filters)
    if kind == "MaxPooling1D":
        size = config.get("pool_size", [2])[0]
        length = shape[0] // size
        pool = Layer(name, kind, lambda x: x[:, : length * size].reshape(len(x), length, size, -1).max(axis=2))
        return pool, (length, shape[1])
    if kind == "GlobalMaxPooling1D":
        return Layer(name, kind, lambda x: x.max(axis=1)), (shape[1],)
    if kind in ("Conv2D", "MaxPooling2D", "Flatten"):
        raise UnsupportedModel(f"layer type {kind} ({name}) in the stroke network")
    return build_layer(kind, name, config, variables, shape)
