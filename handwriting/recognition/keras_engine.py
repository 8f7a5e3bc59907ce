"""The Keras fallback: models the numpy forward pass does not implement run through TensorFlow.

This is the one module of `recognition` that may import TensorFlow (the import contracts name it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from handwriting.backend import load_tensorflow
from handwriting.files.keras_model import load_model_safely
from handwriting.labels import SIDE
from handwriting.recognition.network import predict_in_chunks

BATCH_CHUNK = 1_024


def load_keras_model(path: str | Path):
    """The Keras model in a `.keras` file, loaded with safe_mode once the file has been checked."""
    return load_model_safely(path)


class KerasEngine:
    """Inference through TensorFlow, for models the numpy forward pass does not implement.

    It offers NumpyNetwork's two calls, so a Recognizer runs either.
    """

    def __init__(self, model) -> None:
        tf = load_tensorflow()

        def infer(images):
            return model(images, training=False)

        # One drawing: a traced graph with a fixed input signature, called as its concrete function,
        # which skips the polymorphic dispatch. (XLA would leak 2 MB of compilations per model reload.)
        self._infer_one = tf.function(
            infer, input_signature=[tf.TensorSpec((1, SIDE, SIDE, 1), tf.float32)], autograph=False
        ).get_concrete_function()
        self._infer = tf.function(
            infer, input_signature=[tf.TensorSpec((None, SIDE, SIDE, 1), tf.float32)], autograph=False
        )

    def forward(self, batch: np.ndarray) -> np.ndarray:
        """Probabilities (1, 10) for a (1, 28, 28, 1) float32 batch."""
        return self._infer_one(batch).numpy()

    def predict(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10) for (N, 28, 28, 1) float32 images."""
        return predict_in_chunks(lambda chunk: self._infer(chunk).numpy(), images, BATCH_CHUNK)
