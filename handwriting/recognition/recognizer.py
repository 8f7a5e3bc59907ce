"""The one recognition API that the GUI, the CLI and scripts share."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from handwriting.errors import ModelFileError, StrokeNetworkFileError
from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.labels import DIGITS, SIDE
from handwriting.recognition.keras_engine import KerasEngine, load_keras_model
from handwriting.recognition.network import NumpyNetwork, UnsupportedModel
from handwriting.recognition.numbers import NumberReading, read_number
from handwriting.recognition.prediction import (  # re-exported: the one recognition API names them
    LOW_CONFIDENCE,
    NO_DIGIT,
    NOT_DIGIT_THRESHOLD,
    Prediction,
    judge,
    statuses,
)
from handwriting.recognition.preprocess import preprocess
from handwriting.recognition.strokes import STROKES_MODEL_PATH, StrokeNetwork, is_stroke_network, with_paths

BATCH_CHUNK = 1_024
__all__ = ["LOW_CONFIDENCE", "NOT_DIGIT_THRESHOLD", "NO_DIGIT", "Prediction", "Recognizer", "statuses"]


@functools.cache
def shipped_stroke_network() -> StrokeNetwork | None:
    """The shipped stroke network (models/default.strokes.keras), read once; None when it is missing or unreadable
    (drawings are then read from their ink alone)."""
    try:
        return StrokeNetwork.from_file(STROKES_MODEL_PATH)
    except (ModelFileError, UnsupportedModel, OSError, KeyError, ValueError):
        return None


class Recognizer:
    """A loaded model, ready to recognise drawings.

    Models built from LeNet-style layers (every preset) run as a numpy forward pass
    (handwriting.recognition.network); any other model runs through a compiled TensorFlow function. The
    Keras model itself is loaded, with safe_mode, only when `.model` is asked for. With a stroke network
    (handwriting.recognition.strokes; every model loaded from a file gets the shipped one), a drawing whose pen
    strokes are given is read from its ink and its path together.
    """

    def __init__(
        self,
        engine: NumpyNetwork | KerasEngine,
        path: str | Path | None = None,
        history: dict | None = None,
        model=None,
        strokes: StrokeNetwork | None = None,
    ) -> None:
        self._engine = engine
        self.strokes = strokes
        self._model = model
        self.path = Path(path) if path is not None else None
        self.history = history or {}
        self.outputs = len(self.predict_image(np.zeros((SIDE, SIDE), np.float32)))  # and warm up

    @classmethod
    def load(cls, path: str | Path | None = None) -> Recognizer:
        """Load the shipped default model, or the given `.keras` file.

        The file is checked first (model_files.check_model_file: nothing in it is run). A LeNet-style model
        is then read as plain data (config and weight arrays); any other goes through Keras with
        safe_mode, which also gives the error message for a damaged or wrongly shaped model. The stroke network
        (it sits beside the shipped model) is refused before that, in plain words: StrokeNetworkFileError.
        """
        model_path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        try:
            engine = NumpyNetwork.from_file(model_path)
        except ModelFileError:
            raise
        except Exception:  # UnsupportedModel, or a damaged weights file: Keras decides and explains
            if is_stroke_network(model_path):  # no digit model, but a likely pick beside one: say what it is
                raise StrokeNetworkFileError(
                    f"{model_path} is the pen-path (stroke) network, which the app loads by itself beside the digit "
                    f"model: it is not a digit model to load. Load a digit model instead, such as "
                    f"{DEFAULT_MODEL_PATH.name} or one you trained"
                ) from None
            model = load_keras_model(model_path)
            return cls(KerasEngine(model), model_path, load_history(model_path), model, shipped_stroke_network())
        return cls(engine, model_path, load_history(model_path), strokes=shipped_stroke_network())

    @property
    def engine(self) -> str:
        """ "numpy" or "tensorflow": what runs the network."""
        return "numpy" if isinstance(self._engine, NumpyNetwork) else "tensorflow"

    @property
    def network(self) -> NumpyNetwork | None:
        """The numpy forward pass (every layer's output, for "look inside"); None when TensorFlow runs the model."""
        return self._engine if isinstance(self._engine, NumpyNetwork) else None

    @property
    def model(self):
        """The Keras model (loaded with safe_mode on first use when the recogniser came from a file)."""
        if self._model is None:
            if self.path is None:
                raise ValueError("this recogniser has no model file to load")
            self._model = load_keras_model(self.path)
        return self._model

    @property
    def has_not_a_digit(self) -> bool:
        """True when the model has the 11th "not a digit" output."""
        return self.outputs > DIGITS

    def predict_image(self, image: np.ndarray) -> np.ndarray:
        """The network's outputs (10 digits, then "not a digit" if the model has it) for one normalised
        28x28 float image in [0, 1]."""
        batch = np.ascontiguousarray(image, dtype=np.float32).reshape(1, SIDE, SIDE, 1)
        return self._engine.forward(batch)[0]

    def predict(self, canvas: np.ndarray, strokes: Sequence | None = None) -> Prediction:
        """Normalise a drawing (2-D, any size, ink bright on dark) as MNIST was and recognise it; from its pen
        strokes too when given ((n, 2) arrays in drawing order) and the recogniser has a stroke network."""
        image = preprocess(canvas)
        if image is None:
            return NO_DIGIT
        outputs = self.predict_image(image)
        if strokes is not None:
            outputs = self.with_paths(outputs[np.newaxis], [strokes])[0]
        return self.judge(outputs, image)

    def with_paths(self, outputs: np.ndarray, drawings: Sequence[Sequence | None]) -> np.ndarray:
        """The network's outputs (N, 10 or 11) for N drawings, each combined with the stroke network's reading of
        that drawing's strokes (handwriting.recognition.strokes.with_paths); unchanged without a stroke network."""
        return outputs if self.strokes is None else with_paths(outputs, drawings, self.strokes.forward)

    def judge(self, outputs: np.ndarray, image: np.ndarray) -> Prediction:
        """Turn the network's outputs for one normalised image into a Prediction with its status (prediction.judge)."""
        return judge(outputs, image)

    def read_number(self, canvas: np.ndarray, strokes: list[np.ndarray] | None = None) -> NumberReading:
        """Read a whole number (2-D canvas, any size, ink bright on dark), from its pen strokes when given: (n, 2)
        arrays of canvas pixels (x right, y down) in drawing order. Every candidate digit goes through the
        network in one batch (recognition.numbers), and through the stroke network when there is one."""
        shift = float(self.history.get("not_a_digit_shift") or 0.0)
        paths = self.strokes.forward if self.strokes is not None else None
        return read_number(canvas, strokes, self._engine.predict, shift=shift, paths_forward=paths)

    def predict_mnist(self, images: np.ndarray) -> np.ndarray:
        """The outputs (N, 10 or 11) for MNIST-format images, (N, 28, 28) uint8."""
        images = np.asarray(images)
        if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE):
            raise ValueError(f"expected images of shape (N, 28, 28), got {images.shape}")
        scale = 255.0 if images.dtype == np.uint8 else 1.0
        return self._engine.predict((images.astype(np.float32) / scale)[..., None])
