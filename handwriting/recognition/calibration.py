"""Probabilities that mean what they say: temperature scaling, the expected calibration error (ECE) and
the reliability diagram's data.

A network trained with label smoothing says "91%" for a digit it is sure of. Temperature scaling divides
its logits by one number T, fitted on the validation split, so that "95%" is right about 95% of the
time. T is folded into the output layer's weights (softmax(z / T) with z = Wx + b is the softmax of
(W / T) x + b / T), so the calibration travels inside the model file and every engine honours it.

The "not a digit" output is then shifted for use: the network learnt how often a drawing is no digit from its
training data (one image in eleven), while a person mostly draws digits. Its logit is lowered by
NOT_A_DIGIT_SHIFT (a prior correction, folded into the same layer's bias), so that a digit in a style the network
hardly knows (a slashed zero) is read as its digit rather than refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handwriting.labels import DIGITS

ECE_BINS = 15
# Chosen on validation (benchmarks/drawn_digits.py --sweep, in steps of 0.5): the smallest shift that calls at
# most 0.5% of the validation writers' digits "not a digit" while the non-digit set is still flagged >= 95%.
NOT_A_DIGIT_SHIFT = 1.5
TEMPERATURE_RANGE = (0.05, 20.0)
OUTPUT_LAYER = "probabilities"  # the final Dense layer's name in every preset


@dataclass(frozen=True)
class Reliability:
    """Per confidence bin: the mean confidence, the accuracy and the count (empty bins have count 0)."""

    confidence: np.ndarray
    accuracy: np.ndarray
    count: np.ndarray
    edges: np.ndarray

    @property
    def expected_error(self) -> float:
        """ECE: the count-weighted mean gap between confidence and accuracy over the bins (0 is perfect)."""
        total = max(int(self.count.sum()), 1)
        return float(np.sum(self.count * np.abs(self.accuracy - self.confidence)) / total)


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> Reliability:
    """Bin the top-class confidence into `bins` equal-width bins and measure each bin's accuracy."""
    probabilities = np.asarray(probabilities, np.float64)
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == np.asarray(labels)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    count = np.bincount(index, minlength=bins)
    mean_confidence = np.bincount(index, confidence, minlength=bins) / np.maximum(count, 1)
    accuracy = np.bincount(index, correct.astype(np.float64), minlength=bins) / np.maximum(count, 1)
    return Reliability(mean_confidence, accuracy, count, edges)


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE: the count-weighted mean gap between confidence and accuracy over the bins (0 is perfect)."""
    return reliability(probabilities, labels, bins).expected_error


def tempered(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """The softmax of log(probabilities) / T: what the model would say with its logits divided by T."""
    logits = np.log(np.clip(np.asarray(probabilities, np.float64), 1e-12, 1.0)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def _nll(probabilities: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    chosen = tempered(probabilities, temperature)[np.arange(len(labels)), labels]
    return float(-np.mean(np.log(np.clip(chosen, 1e-12, 1.0))))


def fit_temperature(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The T that minimises the negative log-likelihood of `labels` (golden-section search on log T)."""
    labels = np.asarray(labels, np.int64)
    low, high = np.log(TEMPERATURE_RANGE[0]), np.log(TEMPERATURE_RANGE[1])
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = high - ratio * (high - low), low + ratio * (high - low)
    loss_a, loss_b = _nll(probabilities, labels, np.exp(a)), _nll(probabilities, labels, np.exp(b))
    for _ in range(60):
        if loss_a < loss_b:
            high, b, loss_b = b, a, loss_a
            a = high - ratio * (high - low)
            loss_a = _nll(probabilities, labels, np.exp(a))
        else:
            low, a, loss_a = a, b, loss_b
            b = low + ratio * (high - low)
            loss_b = _nll(probabilities, labels, np.exp(b))
    return float(np.exp((low + high) / 2.0))


def fold_temperature(model, temperature: float) -> None:
    """Divide the Keras model's output layer's kernel and bias by T, in place (needs a softmax Dense output)."""
    layer = model.get_layer(OUTPUT_LAYER)
    kernel, bias = layer.get_weights()
    layer.set_weights([kernel / temperature, bias / temperature])


def shifted(probabilities: np.ndarray, shift: float) -> np.ndarray:
    """What the model would say with its "not a digit" logit lowered by `shift` (rows of 10 are unchanged)."""
    probabilities = np.asarray(probabilities, np.float64)
    if probabilities.shape[-1] <= DIGITS or shift == 0.0:
        return probabilities
    result = probabilities.copy()
    result[..., DIGITS] *= np.exp(-shift)
    return result / result.sum(axis=-1, keepdims=True)


def fold_not_a_digit_shift(model, shift: float) -> float:
    """Lower the "not a digit" unit's bias in the Keras model's output layer by `shift`, in place; returns the
    shift folded (0.0 for a ten-class model, which has no such unit)."""
    layer = model.get_layer(OUTPUT_LAYER)
    kernel, bias = layer.get_weights()
    if bias.shape[0] <= DIGITS:
        return 0.0
    bias = bias.copy()
    bias[DIGITS] -= shift
    layer.set_weights([kernel, bias])
    return float(shift)
