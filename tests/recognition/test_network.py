"""The numpy forward pass (recognition.network) gives Keras's answers, and refuses what it does not implement."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.recognition.layers import max_pool
from handwriting.recognition.network import NumpyNetwork, UnsupportedModel
from handwriting.recognition.recognizer import Recognizer
from handwriting.training.model import PRESETS, build_model

ROOT = Path(__file__).resolve().parents[2]


def _with_random_statistics(model, seed: int = 0):
    """Give every batch-norm layer non-trivial moving statistics (fresh ones are mean 0, variance 1)."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if layer.__class__.__name__ == "BatchNormalization":
            gamma, beta, mean, variance = layer.get_weights()
            layer.set_weights(
                [
                    rng.uniform(0.5, 1.5, gamma.shape),
                    rng.normal(0, 0.3, beta.shape),
                    rng.normal(0, 0.3, mean.shape),
                    rng.uniform(0.5, 2.0, variance.shape),
                ]
            )
    return model


def _images(count: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).random((count, 28, 28, 1), dtype=np.float32)


@pytest.mark.tensorflow
@pytest.mark.parametrize(
    "spec",
    [*PRESETS.values(), replace(PRESETS["wide"], name="valid_padding", conv1_padding="valid")],
    ids=lambda spec: spec.name,
)
def test_matches_keras_for_every_preset_saved_and_in_memory(spec, tmp_path):
    model = _with_random_statistics(build_model(spec, seed=3))
    path = tmp_path / "model.keras"
    model.save(path)
    x = _images(64)
    expected = np.asarray(model(x, training=False))
    from_file = NumpyNetwork.from_file(path).predict(x)
    in_memory = NumpyNetwork.from_keras(model).predict(x)
    np.testing.assert_allclose(from_file, expected, atol=2e-6)
    np.testing.assert_allclose(in_memory, expected, atol=2e-6)


@pytest.mark.tensorflow
def test_shipped_model_agrees_with_keras_on_test_images(recognizer, mnist):
    images = mnist.test_images[:2000]
    keras_probabilities = np.asarray(recognizer.model(images[..., None].astype(np.float32) / 255, training=False))
    numpy_probabilities = recognizer.predict_mnist(images)
    assert recognizer.engine == "numpy"
    np.testing.assert_allclose(numpy_probabilities, keras_probabilities, atol=1e-5)
    assert np.array_equal(numpy_probabilities.argmax(axis=1), keras_probabilities.argmax(axis=1))


def test_chunked_prediction_equals_one_batch():
    network = NumpyNetwork.from_file(DEFAULT_MODEL_PATH)
    x = _images(600)
    np.testing.assert_allclose(network.predict(x), network.forward(x), atol=1e-6)
    assert network.predict(x[:0]).shape == (0, 10)


def test_outputs_give_every_layers_feature_maps():
    network = NumpyNetwork.from_file(DEFAULT_MODEL_PATH)
    outputs = dict(network.outputs(_images(1)[0]))
    assert outputs["conv1"].shape == (24, 24, 24)  # the shipped `wide` model: 'valid' padding
    assert outputs["pool1"].shape == (12, 12, 24)
    assert outputs["conv2"].shape == (8, 8, 64)
    assert outputs["pool2"].shape == (4, 4, 64)
    assert outputs["probabilities"].shape == (11,)  # ten digits, then "not a digit"
    assert (outputs["conv1_relu"] >= 0).all()


def test_max_pool_takes_the_block_maximum_and_drops_a_partial_edge():
    x = np.arange(5 * 5, dtype=np.float32).reshape(1, 5, 5, 1)
    pooled = max_pool(x, 2)[0, ..., 0]
    np.testing.assert_array_equal(pooled, [[6, 8], [16, 18]])


def _unusual_model(kind: str):
    import keras
    from keras import layers

    inputs = keras.Input((28, 28, 1))
    if kind == "strided":
        x = layers.Conv2D(4, 3, strides=2)(inputs)
    elif kind == "average_pool":
        x = layers.AveragePooling2D(2)(inputs)
    else:  # a branch: two convolutions of the input, added
        x = layers.Add()([layers.Conv2D(4, 3)(inputs), layers.Conv2D(4, 3)(inputs)])
    outputs = layers.Dense(10, activation="softmax")(layers.Flatten()(x))
    return keras.Model(inputs, outputs)


@pytest.mark.tensorflow
@pytest.mark.parametrize("kind", ["strided", "average_pool", "branching"])
def test_other_models_are_refused_here_and_run_by_keras_instead(kind, tmp_path):
    model = _unusual_model(kind)
    path = tmp_path / f"{kind}.keras"
    model.save(path)
    with pytest.raises(UnsupportedModel):
        NumpyNetwork.from_file(path)
    recognizer = Recognizer.load(path)
    assert recognizer.engine == "tensorflow"
    x = _images(4)
    np.testing.assert_allclose(recognizer.predict_mnist(x[..., 0]), np.asarray(model(x)), atol=1e-6)


@pytest.mark.process
def test_loading_and_recognising_never_imports_tensorflow():
    code = (
        "import sys, numpy as np\n"
        "from handwriting.recognition.recognizer import Recognizer\n"
        "r = Recognizer.load()\n"
        "canvas = np.zeros((280, 280), np.uint8); canvas[60:220, 130:150] = 255\n"
        "print(r.engine, r.predict(canvas).digit, 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["numpy", "1", "False", "False"]
