"""The numpy layer math of the forward pass: activations, stride-1 convolution (im2col), max pooling."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Functions of a float32 batch (N, ...); handwriting.recognition.network binds each layer's weights in.


def _softmax(x: np.ndarray) -> np.ndarray:
    shifted = np.exp(x - x.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0),
    "softmax": _softmax,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "tanh": np.tanh,
}


def patch_indices(height: int, width: int, channels: int, size: int, padding: str) -> np.ndarray:
    """For each output pixel of a stride-1 convolution, where its size x size x C input patch lies in the
    flattened (H * W * C) image: an (H' * W', size * size * C) index array in the kernel's (row, col, channel)
    order. Outside the image ('same' padding) it points one past the end, at a zero appended there.
    """
    before = (size - 1) // 2 if padding == "same" else 0  # TensorFlow pads the odd pixel after, not before
    out_height, out_width = (height, width) if padding == "same" else (height - size + 1, width - size + 1)
    rows = np.arange(out_height)[:, None, None, None, None] + np.arange(size)[None, None, :, None, None] - before
    cols = np.arange(out_width)[None, :, None, None, None] + np.arange(size)[None, None, None, :, None] - before
    channel = np.arange(channels)[None, None, None, None, :]
    index = (rows * width + cols) * channels + channel
    outside = (rows < 0) | (rows >= height) | (cols < 0) | (cols >= width)
    index = np.where(outside, height * width * channels, index)
    return index.reshape(out_height * out_width, size * size * channels)


SINGLE_THREAD_WORK = 65536 * 4  # OpenBLAS: products of at most m * n * k this large run on one thread


def conv2d(x: np.ndarray, indices: np.ndarray, weights: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
    """A stride-1 convolution of (N, H, W, C) as one matrix product of gathered patches (im2col).

    `indices` come from patch_indices; `weights` is the Keras kernel reshaped to (kh * kw * C, F).
    """
    n = len(x)
    flat = np.concatenate([x.reshape(n, -1), np.zeros((n, 1), x.dtype)], axis=1)
    patches = np.take(flat, indices, axis=1)  # (N, H' * W', kh * kw * C)
    # One drawing: small products on one thread each, which a busy machine cannot keep waiting (see sliced_matmul).
    out = sliced_matmul(patches[0], weights)[None] if n == 1 else patches @ weights  # (N, H' * W', F)
    if bias is not None:
        out += bias
    return out


def max_pool(x: np.ndarray, size: int) -> np.ndarray:
    """Max pooling of (N, H, W, C) over size x size blocks (stride = size, 'valid': a partial edge is dropped)."""
    rows, cols = x.shape[1] // size, x.shape[2] // size
    result = x[:, 0 : rows * size : size, 0 : cols * size : size]
    for offset in range(1, size * size):
        i, j = divmod(offset, size)
        result = np.maximum(result, x[:, i : rows * size : size, j : cols * size : size])
    return result


def sliced_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a (M, K) @ b (K, N), computed as products of a few rows of `a` at a time, each small enough for one thread."""
    rows = max(1, SINGLE_THREAD_WORK // (a.shape[1] * b.shape[1]))
    bulk = len(a) - len(a) % rows
    parts = []
    if bulk:
        parts.append((a[:bulk].reshape(-1, rows, a.shape[1]) @ b).reshape(bulk, b.shape[1]))
    if bulk < len(a):
        parts.append(a[bulk:] @ b)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)
