"""The one recognition API that the GUI, the CLI and scripts share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.backend import load_tensorflow
from handwriting.preprocess import MNIST_SIDE, preprocess
from handwriting.storage import DEFAULT_MODEL_PATH, load_history, load_model_safely

LOW_CONFIDENCE = 0.6  # below this the top probability is flagged as "not sure"
BATCH_CHUNK = 1_024


@dataclass(frozen=True)
class Prediction:
    """One recognised drawing. `digit` is None when the canvas holds no digit."""

    digit: int | None
    probabilities: np.ndarray  # (10,) float32, sums to 1; all zeros when there is no digit
    image: np.ndarray  # (28, 28) float32 in [0, 1], what the network saw

    @property
    def confidence(self) -> float:
        """The top probability, 0 when there is no digit."""
        return float(self.probabilities.max()) if self.digit is not None else 0.0

    @property
    def unsure(self) -> bool:
        """True when there is a digit but the network is not confident about it."""
        return self.digit is not None and self.confidence < LOW_CONFIDENCE


NO_DIGIT = Prediction(None, np.zeros(10, np.float32), np.zeros((MNIST_SIDE, MNIST_SIDE), np.float32))


class Recognizer:
    """A loaded model with a compiled, warmed-up inference function."""

    def __init__(self, model, path: str | Path | None = None, history: dict | None = None) -> None:
        tf = load_tensorflow()
        self._model = model
        self.path = Path(path) if path is not None else None
        self.history = history or {}

        def infer(images):
            return model(images, training=False)

        # One drawing: a traced graph with a fixed input signature, about half a millisecond. Called as
        # its concrete function, which skips the polymorphic dispatch (argument binding, trace-cache
        # lookup): 0.3 ms less per call, a fifth of a pen-up's recognition.
        # (XLA would save another 0.1 ms, but its compilations are never freed: 2 MB per model reload.)
        self._infer_one = tf.function(
            infer, input_signature=[tf.TensorSpec((1, MNIST_SIDE, MNIST_SIDE, 1), tf.float32)], autograph=False
        ).get_concrete_function()
        # Batches of any size, traced once.
        self._infer = tf.function(
            infer, input_signature=[tf.TensorSpec((None, MNIST_SIDE, MNIST_SIDE, 1), tf.float32)], autograph=False
        )
        self.predict_image(np.zeros((MNIST_SIDE, MNIST_SIDE), np.float32))  # trace and warm up

    @classmethod
    def load(cls, path: str | Path | None = None) -> Recognizer:
        """Load the shipped default model, or the given `.keras` file, with Keras safe_mode."""
        model_path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        model = load_model_safely(model_path)
        return cls(model, model_path, load_history(model_path))

    @property
    def model(self):
        """The underlying Keras model."""
        return self._model

    def predict_image(self, image: np.ndarray) -> np.ndarray:
        """Probabilities (10,) for one already-normalised 28x28 float image in [0, 1]."""
        batch = np.ascontiguousarray(image, dtype=np.float32).reshape(1, MNIST_SIDE, MNIST_SIDE, 1)
        return self._infer_one(batch).numpy()[0]

    def predict(self, canvas: np.ndarray) -> Prediction:
        """Normalise a drawing (2-D, any size, ink bright on dark) as MNIST was and recognise it."""
        image = preprocess(canvas)
        if image is None:
            return NO_DIGIT
        probabilities = self.predict_image(image)
        return Prediction(int(np.argmax(probabilities)), probabilities, image)

    def predict_mnist(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10) for MNIST-format images, (N, 28, 28) uint8."""
        images = np.asarray(images)
        if images.ndim != 3 or images.shape[1:] != (MNIST_SIDE, MNIST_SIDE):
            raise ValueError(f"expected images of shape (N, 28, 28), got {images.shape}")
        scale = 255.0 if images.dtype == np.uint8 else 1.0
        x = (images.astype(np.float32) / scale)[..., None]
        parts = [self._infer(x[i : i + BATCH_CHUNK]).numpy() for i in range(0, len(x), BATCH_CHUNK)]
        return np.concatenate(parts) if parts else np.zeros((0, 10), np.float32)
