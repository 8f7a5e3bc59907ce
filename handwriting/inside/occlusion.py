"""Which parts of a drawing decided the network's answer: cover each part up, ask the network again, compare.

A small black square is laid over the drawing at every place where it touches ink, and all the covered
copies go through the network in one batch. Covering only changes a small window of the first
convolution's output, so that layer is computed once for the whole drawing and then corrected inside
each square's window; the rest of the network runs on the batch as usual. Numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handwriting.inside.folding import Convolution
from handwriting.inside.slices import SlicedForward, sliced_conv2d
from handwriting.labels import SIDE
from handwriting.recognition.layers import patch_indices

OCCLUDER_SIZE = 4  # side of the black square laid over the drawing, in pixels
OCCLUDER_STRIDE = 2  # step between two positions of that square
LOG_FLOOR = 1e-30  # smallest probability taken into a logarithm (float32 reaches 1e-38)


@dataclass(frozen=True)
class Evidence:
    """Which parts of the drawing decided the answer, found by covering them up.

    `decided` (28, 28) says, per pixel, how much covering it lowers the network's belief in
    `predicted` (in log-odds: positive = this part spoke for the answer, negative = against it).
    `versus` does the same for the network's preference of `predicted` over `runner_up`: positive
    = this part makes it `predicted` rather than `runner_up`; negative = it looks more like `runner_up`.
    """

    predicted: int
    runner_up: int
    decided: np.ndarray
    versus: np.ndarray


def occluder_coverage() -> np.ndarray:
    """(positions, 784): 1 where the covering square at each position lies on the 28x28 image, else 0."""
    starts = range(0, SIDE - OCCLUDER_SIZE + 1, OCCLUDER_STRIDE)
    masks = []
    for top in starts:
        for left in starts:
            mask = np.zeros((SIDE, SIDE), np.float32)
            mask[top : top + OCCLUDER_SIZE, left : left + OCCLUDER_SIZE] = 1.0
            masks.append(mask.reshape(-1))
    return np.stack(masks)


class Occlusion:
    """Covers a drawing square by square and measures how the network's answer changes (see Evidence).

    `forward` runs the network. `first` is its first convolution (with its batch normalisation folded
    in), when the network starts with one: then only its changed windows are recomputed. Otherwise
    every covered copy runs through the whole network.
    """

    def __init__(self, forward: SlicedForward, first: Convolution | None) -> None:
        self.forward = forward
        self.coverage = occluder_coverage()
        self._counts = self.coverage.sum(axis=0)
        starts = range(0, SIDE - OCCLUDER_SIZE + 1, OCCLUDER_STRIDE)
        self._corners = [(top, left) for top in starts for left in starts]
        self._first = first
        if first is not None:
            self._prepare_first(first)

    def _prepare_first(self, first: Convolution) -> None:
        """Index tables for correcting the first convolution's output inside each square's window."""
        size = first.kernels.shape[-1]
        self._size, self._margin = size, size - 1
        self._weights = first.kernels[:, 0].reshape(len(first.kernels), -1).T.astype(np.float32)  # (k * k, F)
        self._biases = first.biases.astype(np.float32)
        self._indices = patch_indices(SIDE, SIDE, 1, size, first.padding)
        before = (size - 1) // 2 if first.padding == "same" else 0
        self._out = SIDE if first.padding == "same" else SIDE - size + 1
        window = OCCLUDER_SIZE + size - 1  # the outputs that see a pixel of the square
        padded_side = OCCLUDER_SIZE + 2 * self._margin
        self._window_indices = patch_indices(padded_side, padded_side, 1, size, "valid")  # (window², k * k)
        wide = self._out + 2 * self._margin  # the output, padded so that every window fits inside
        offsets = np.arange(window)
        self._windows = np.stack([
            ((top + before + offsets[:, None]) * wide + (left + before + offsets[None, :])).reshape(-1)
            for top, left in self._corners
        ])

    def evidence(self, image: np.ndarray, probabilities: np.ndarray) -> Evidence:
        """The "what decided it" and "why not the runner-up" maps for one (28, 28) image; see Evidence."""
        order = np.argsort(probabilities)[::-1]
        predicted, runner_up = int(order[0]), int(order[1])
        flat = np.asarray(image, np.float32).reshape(-1)
        inked = np.flatnonzero(self.coverage @ (flat > 0) > 0)  # covering black paper changes nothing
        if not len(inked):
            empty = np.zeros((SIDE, SIDE), np.float32)
            return Evidence(predicted, runner_up, empty, empty)
        covered = self.forward_covered(flat.reshape(SIDE, SIDE), inked)
        everything = np.concatenate([probabilities[None], covered]).astype(np.float64)
        log_p = np.log(np.maximum(everything, LOG_FLOOR))
        others = np.delete(everything, predicted, axis=1).sum(axis=1)
        belief = log_p[:, predicted] - np.log(np.maximum(others, LOG_FLOOR))  # log-odds of the answer
        preference = log_p[:, predicted] - log_p[:, runner_up]
        cover = self.coverage[inked]
        decided = (belief[0] - belief[1:]) @ cover / self._counts
        versus = (preference[0] - preference[1:]) @ cover / self._counts
        return Evidence(predicted, runner_up, decided.reshape(SIDE, SIDE).astype(np.float32),
                        versus.reshape(SIDE, SIDE).astype(np.float32))

    def covered_images(self, image: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """(len(positions), 28, 28, 1): copies of `image` with the square at each position blacked out."""
        return (image.reshape(-1) * (1.0 - self.coverage[positions])).reshape(-1, SIDE, SIDE, 1)

    def forward_covered(self, image: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """The network's outputs for the covered copies of `image`, as network.forward(covered_images(...))."""
        if self._first is None:
            return self.forward.run(self.covered_images(image, positions))
        count, margin, out = len(positions), self._margin, self._out
        features = len(self._biases)
        whole = sliced_conv2d(image[None, :, :, None], self._indices, self._weights, self._biases)  # (1, out², F)
        padded = np.zeros((count, out + 2 * margin, out + 2 * margin, features), np.float32)
        padded[:, margin : margin + out, margin : margin + out] = whole.reshape(out, out, features)
        # What the square hid, alone on black paper, through the filters: subtract it inside its window.
        squares = np.stack([image[top : top + OCCLUDER_SIZE, left : left + OCCLUDER_SIZE]
                            for top, left in (self._corners[p] for p in positions)])
        squares = np.pad(squares, ((0, 0), (margin, margin), (margin, margin)))[..., None]
        hidden = sliced_conv2d(squares, self._window_indices, self._weights, None)  # (count, window², F)
        flat = padded.reshape(count, -1, features)
        flat[np.arange(count)[:, None], self._windows[positions]] -= hidden
        x = padded[:, margin : margin + out, margin : margin + out]
        for step in self._first.finish:
            x = step(x, slice(None))
        return self.forward.run(x, self._first.last + 1)
