"""The numpy forward pass with its matrix products cut into small slices, for steady live updates.

OpenBLAS spreads a matrix product of more than about 262,000 multiply-adds over several threads. On
a machine whose cores are busy those threads wait for each other: the second convolution of 90 covered
copies of a drawing took 8 ms that way instead of 1.3 ms on one thread, and sometimes 25 ms. numpy's
stacked matmul runs a pile of small products in C, each below that size, so on one thread; the results
are the same numbers. `SlicedForward` is NumpyNetwork's forward pass built on it.
"""

from __future__ import annotations

import numpy as np

from handwriting.recognition.layers import ACTIVATIONS, patch_indices, sliced_matmul
from handwriting.recognition.network import NumpyNetwork


def sliced_conv2d(x: np.ndarray, indices: np.ndarray, weights: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
    """layers.conv2d with a sliced product: (N, H, W, C) -> (N, H' * W', F)."""
    n = len(x)
    flat = np.concatenate([x.reshape(n, -1), np.zeros((n, 1), x.dtype)], axis=1)
    patches = np.take(flat, indices, axis=1)  # (N, H' * W', k * k * C)
    out = sliced_matmul(patches.reshape(-1, patches.shape[-1]), weights).reshape(n, len(indices), -1)
    if bias is not None:
        out += bias
    return out


class SlicedForward:
    """A NumpyNetwork's layers run with sliced products (convolutions and dense layers); the others as they are."""

    def __init__(self, network: NumpyNetwork) -> None:
        self.layers = network.layers
        self._indices: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}

    def apply(self, index: int, x: np.ndarray) -> np.ndarray:
        """Layer `index` applied to the batch x."""
        layer = self.layers[index]
        params = layer.params
        if layer.kind == "Dense":
            out = sliced_matmul(x, params["kernel"])
            return ACTIVATIONS[params["activation"]](out if params["bias"] is None else out + params["bias"])
        if layer.kind != "Conv2D":
            return layer.apply(x)
        kernel = params["kernel"]
        size, filters = kernel.shape[0], kernel.shape[-1]
        key = (index, x.shape[1:])
        if key not in self._indices:
            self._indices[key] = patch_indices(*x.shape[1:], size, params["padding"])
        out = sliced_conv2d(x, self._indices[key], kernel.reshape(-1, filters), params["bias"])
        trim = 0 if params["padding"] == "same" else size - 1
        return ACTIVATIONS[params["activation"]](out).reshape(len(x), x.shape[1] - trim, x.shape[2] - trim, filters)

    def run(self, x: np.ndarray, start: int = 0) -> np.ndarray:
        """The output of the last layer for the batch x that enters layer `start`."""
        for index in range(start, len(self.layers)):
            x = self.apply(index, x)
        return x

    def outputs(self, image: np.ndarray) -> list[np.ndarray]:
        """Every layer's output for one (28, 28, 1) image, as NumpyNetwork.outputs gives them (without names)."""
        x = image[np.newaxis].astype(np.float32)
        result = []
        for index in range(len(self.layers)):
            x = self.apply(index, x)
            result.append(x[0])
        return result
