"""The network: presets, shapes and softmax outputs."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.training.model import PRESETS, build_model

pytestmark = [pytest.mark.tensorflow]


def test_lenet5_has_the_classic_size():
    model = build_model("lenet5")
    assert 61_000 <= model.count_params() <= 63_000
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds.count("Conv2D") == 2 and kinds.count("MaxPooling2D") == 2 and kinds.count("Dense") == 3


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_output_shape_and_softmax(preset):
    model = build_model(preset)
    assert model.count_params() <= 400_000  # LeNet-5 sized: the default `wide` has 319,875
    x = np.random.default_rng(0).random((5, 28, 28, 1), dtype=np.float32)
    probabilities = np.asarray(model(x, training=False))
    assert probabilities.shape == (5, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    assert (probabilities >= 0).all()
