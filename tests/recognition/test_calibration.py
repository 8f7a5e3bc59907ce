"""Calibration: ECE, the reliability table, fitting a temperature and folding it into the model."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.recognition.calibration import (
    expected_calibration_error,
    fit_temperature,
    reliability,
    shifted,
    tempered,
)


def overconfident(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Outputs that are right 80% of the time but say about 97%."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n)
    predicted = np.where(rng.random(n) < 0.8, labels, (labels + 1) % 10)
    logits = rng.normal(0, 0.3, (n, 10))
    logits[np.arange(n), predicted] += 6.0
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True), labels


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_not():
    labels = np.zeros(100, int)
    probabilities = np.full((100, 2), 0.0)
    probabilities[:, 0] = 1.0
    assert expected_calibration_error(probabilities, labels) == pytest.approx(0.0)
    probabilities, labels = overconfident(2000, 0)
    assert expected_calibration_error(probabilities, labels) > 0.1


def test_reliability_bins_count_every_prediction():
    probabilities, labels = overconfident(500, 1)
    table = reliability(probabilities, labels, bins=10)
    assert table.count.sum() == 500 and len(table.edges) == 11
    filled = table.count > 0
    assert (table.confidence[filled] >= table.edges[:-1][filled] - 1e-9).all()


def test_a_temperature_fitted_on_one_part_lowers_ece_on_a_held_out_part():
    fit_probabilities, fit_labels = overconfident(3000, 2)
    held_probabilities, held_labels = overconfident(3000, 3)
    temperature = fit_temperature(fit_probabilities, fit_labels)
    assert temperature > 1.0  # overconfident outputs are softened
    before = expected_calibration_error(held_probabilities, held_labels)
    after = expected_calibration_error(tempered(held_probabilities, temperature), held_labels)
    assert after < before / 3 and after < 0.03


def test_tempered_keeps_the_ranking_and_sums_to_one():
    probabilities, _ = overconfident(50, 4)
    softened = tempered(probabilities, 2.5)
    np.testing.assert_allclose(softened.sum(axis=1), 1.0, rtol=1e-6)
    assert (softened.argmax(axis=1) == probabilities.argmax(axis=1)).all()


@pytest.mark.tensorflow
def test_folding_the_temperature_into_keras_matches_tempered_and_the_numpy_engine(tmp_path):
    from handwriting.recognition.calibration import fold_temperature
    from handwriting.recognition.network import NumpyNetwork
    from handwriting.training.model import build_model

    model = build_model("wide", seed=1, classes=11)
    x = np.random.default_rng(0).random((8, 28, 28, 1)).astype(np.float32)
    before = np.asarray(model(x, training=False))
    fold_temperature(model, 0.5)
    after = np.asarray(model(x, training=False))
    np.testing.assert_allclose(after, tempered(before, 0.5), atol=1e-5)
    path = tmp_path / "calibrated.keras"
    model.save(path)
    np.testing.assert_allclose(NumpyNetwork.from_file(path).predict(x), after, atol=1e-5)


def test_the_not_a_digit_shift_moves_that_output_alone_and_leaves_ten_class_rows_as_they_are():
    rows = np.array([[0.3, 0.1] + [0.0] * 8 + [0.6], [0.05] * 10 + [0.5]])
    moved = shifted(rows, 1.5)
    np.testing.assert_allclose(moved.sum(axis=1), 1.0)
    assert moved[0].argmax() == 0 and moved[1, 10] < 0.5  # the first row's 0 now beats "not a digit"
    np.testing.assert_allclose(moved[:, 0] / moved[:, 1], rows[:, 0] / rows[:, 1])  # digits keep their ratios
    ten = np.full((2, 10), 0.1)
    np.testing.assert_array_equal(shifted(ten, 1.5), ten)
    np.testing.assert_array_equal(shifted(rows, 0.0), rows)


@pytest.mark.tensorflow
def test_folding_the_shift_into_keras_matches_shifted_and_the_numpy_engine(tmp_path):
    from handwriting.recognition.calibration import fold_not_a_digit_shift
    from handwriting.recognition.network import NumpyNetwork
    from handwriting.training.model import build_model

    model = build_model("fast", seed=1, classes=11)
    x = np.random.default_rng(0).random((8, 28, 28, 1)).astype(np.float32)
    before = np.asarray(model(x, training=False))
    assert fold_not_a_digit_shift(model, 1.5) == 1.5
    after = np.asarray(model(x, training=False))
    np.testing.assert_allclose(after, shifted(before, 1.5), atol=1e-5)
    path = tmp_path / "shifted.keras"
    model.save(path)
    np.testing.assert_allclose(NumpyNetwork.from_file(path).predict(x), after, atol=1e-5)
    assert fold_not_a_digit_shift(build_model("fast", seed=1, classes=10), 1.5) == 0.0  # no such unit
