"""A convolution with the batch normalisation after it folded into its filters: what Look inside shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from handwriting.recognition.layers import ACTIVATIONS
from handwriting.recognition.network import NumpyNetwork

ELEMENTWISE = ("BatchNormalization", "Activation", "Dropout")  # layers that change each value on its own
ACTIVATION_NAMES = {"relu": "ReLU", "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax"}

Finish = Callable[[np.ndarray, int | slice], np.ndarray]


@dataclass(frozen=True)
class Convolution:
    """A convolution layer together with the batch normalisation folded into it, and what follows.

    Batch normalisation multiplies each channel by a number and adds another; done right after a
    convolution, that is the same as a convolution with scaled filters and a shifted bias. So
    `kernels` (F, C, k, k) and `biases` (F,) are the filters and biases the network effectively uses,
    and `finish` is what is then applied to each value (usually ReLU), named in `finish_name`.
    `last` is the index of the block's last layer: its output is the feature map shown.
    """

    name: str
    layer: int
    last: int
    kernels: np.ndarray
    biases: np.ndarray
    padding: str
    finish: tuple[Finish, ...]
    finish_name: str


def block_end(network: NumpyNetwork, start: int) -> int:
    """The index of the last layer in the block that starts at `start` (it and the elementwise layers after it)."""
    end = start
    while end + 1 < len(network.layers) and network.layers[end + 1].kind in ELEMENTWISE:
        end += 1
    return end


def fold(network: NumpyNetwork, start: int, end: int) -> Convolution:
    """The convolution at `start` with the batch normalisation after it (up to `end`) folded into its filters."""
    conv = network.layers[start]
    kernel = conv.params["kernel"]
    channels = kernel.shape[-1]
    bias = conv.params["bias"]
    kernels = np.moveaxis(kernel, (3, 2), (0, 1)).astype(np.float64)  # (F, C, k, k)
    biases = np.zeros(channels) if bias is None else bias.astype(np.float64)
    finish: list[Finish] = []
    names: list[str] = []

    def add_activation(name: str) -> None:
        if name != "linear":
            finish.append(lambda value, channel, fn=ACTIVATIONS[name]: fn(value))
            names.append(ACTIVATION_NAMES.get(name, name))

    add_activation(conv.params["activation"])
    for layer in network.layers[start + 1 : end + 1]:
        if layer.kind == "BatchNormalization" and not finish:
            scale, shift = layer.params["scale"].astype(np.float64), layer.params["shift"].astype(np.float64)
            kernels, biases = kernels * scale[:, None, None, None], biases * scale + shift
        elif layer.kind == "BatchNormalization":  # after a non-linear activation it cannot be folded
            finish.append(_affine(layer.params["scale"], layer.params["shift"]))
            names.append("batch normalisation")
        elif layer.kind == "Activation":
            add_activation(layer.params["activation"])
    padding = conv.params["padding"]
    return Convolution(conv.name, start, end, kernels, biases, padding, tuple(finish), " then ".join(names) or "")


def _affine(scale: np.ndarray, shift: np.ndarray) -> Finish:
    """A batch normalisation that cannot be folded: value * scale + shift of the given channel(s)."""
    return lambda value, channel: value * scale[channel] + shift[channel]
