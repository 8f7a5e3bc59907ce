"""The Recognizer API on the shipped model."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.errors import ModelFileError, StrokeNetworkFileError
from handwriting.recognition.recognizer import NO_DIGIT, Recognizer
from handwriting.recognition.strokes import STROKES_MODEL_PATH

from helpers import SEVEN, draw


def test_shipped_model_loads_and_is_accurate_on_a_test_slice(recognizer, mnist):
    probabilities = recognizer.predict_mnist(mnist.test_images[:1000])
    assert probabilities.shape == (1000, 11)  # ten digits, then "not a digit"
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-4)
    assert np.mean(probabilities.argmax(axis=1) == mnist.test_labels[:1000]) > 0.98


def test_predict_returns_digit_probabilities_and_image(recognizer):
    result = recognizer.predict(draw(SEVEN))
    assert result.digit == 7
    assert result.probabilities.shape == (10,)
    assert abs(float(result.probabilities.sum()) + result.not_digit_probability - 1.0) < 1e-4
    assert result.image.shape == (28, 28) and result.image.dtype == np.float32
    assert 0 < result.confidence <= 1


def test_small_off_centre_drawing_is_read_the_same(recognizer):
    result = recognizer.predict(draw(SEVEN, scale=50, offset=(210, 5), pen=5))
    assert result.digit == 7


def test_mnist_test_image_on_a_big_canvas(recognizer, mnist):
    # An MNIST digit pasted small into a large canvas goes through the same normalisation.
    canvas = np.zeros((300, 400), np.uint8)
    canvas[200:228, 20:48] = mnist.test_images[0]
    assert recognizer.predict(canvas).digit == int(mnist.test_labels[0])


def test_empty_canvas_says_no_digit(recognizer):
    result = recognizer.predict(np.zeros((280, 280), np.uint8))
    assert result.digit is None and result is NO_DIGIT
    assert result.confidence == 0.0 and not result.unsure
    assert float(result.probabilities.sum()) == 0.0


def test_predict_mnist_accepts_floats(recognizer, mnist):
    a = recognizer.predict_mnist(mnist.test_images[:8])
    b = recognizer.predict_mnist(mnist.test_images[:8].astype(np.float32) / 255)
    np.testing.assert_allclose(a, b, atol=1e-5)


@pytest.mark.tensorflow
def test_single_prediction_does_not_use_model_predict(recognizer, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("model.predict must not be used for single drawings")

    monkeypatch.setattr(recognizer.model, "predict", forbidden)
    assert recognizer.predict(draw(SEVEN)).digit == 7


@pytest.mark.tensorflow
def test_model_property_is_keras_model(recognizer):
    import keras

    assert isinstance(recognizer.model, keras.Model)
    assert isinstance(Recognizer.load(recognizer.path), Recognizer)


def test_the_stroke_network_is_no_digit_model_and_says_so_in_plain_words():
    """It sits beside the shipped model, so it is the likeliest wrong pick: named for what it is, before Keras."""
    with pytest.raises(StrokeNetworkFileError) as refused:
        Recognizer.load(STROKES_MODEL_PATH)
    message = str(refused.value)
    assert message.startswith(f"{STROKES_MODEL_PATH} is the pen-path (stroke) network, which the app loads by itself")
    assert "Load a digit model instead, such as default.keras" in message and "(64, 5)" not in message
    assert isinstance(refused.value, ModelFileError)  # the CLI and the app report it as any bad model file
