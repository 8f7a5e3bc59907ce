"""The one recognition API that the GUI, the CLI and scripts share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.errors import ModelFileError
from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
from handwriting.labels import DIGITS, SIDE, Status
from handwriting.recognition.keras_engine import KerasEngine, load_keras_model
from handwriting.recognition.network import NumpyNetwork
from handwriting.recognition.preprocess import preprocess

BATCH_CHUNK = 1_024

# --- The status of a drawing (chosen on the validation writers and the project's non-digit set with
# benchmarks/drawn_digits.py --sweep; calibrated probabilities make them mean the same for every model) --
NOT_DIGIT_THRESHOLD = 0.5  # "not a digit" when that output's probability is at least this
LOW_CONFIDENCE = 0.7  # a digit whose probability is below this is "unsure" and shows two candidates



@dataclass(frozen=True)
class Prediction:
    """One recognised drawing.

    `status` is a labels.Status. `digit` is the best digit, None when the status is "empty" or
    "not_a_digit". `probabilities` are the ten digits' probabilities; with a model that has a
    "not a digit" output they sum to one minus `not_digit_probability`.
    """

    digit: int | None
    probabilities: np.ndarray  # (10,) float32; all zeros when the canvas is empty
    image: np.ndarray  # (28, 28) float32 in [0, 1], what the network saw
    status: Status = Status.CONFIDENT
    not_digit_probability: float = 0.0

    @property
    def confidence(self) -> float:
        """The top probability, 0 when there is no digit."""
        return float(self.probabilities.max()) if self.digit is not None else 0.0

    @property
    def unsure(self) -> bool:
        """True when there is a digit but the network is not confident about it."""
        return self.status == Status.UNSURE

    @property
    def candidates(self) -> tuple[int, int]:
        """The two most probable digits, best first ("7 or 2?")."""
        order = np.argsort(self.probabilities)[::-1]
        return int(order[0]), int(order[1])


def statuses(
    outputs: np.ndarray, not_digit_threshold: float = NOT_DIGIT_THRESHOLD, low_confidence: float = LOW_CONFIDENCE
) -> np.ndarray:
    """The status of each row of network outputs (N, 10 or 11), as an array of labels.Status values.

    With an 11th "not a digit" output, a drawing is not a digit when that output reaches the threshold or
    beats every digit; otherwise its best digit is confident, or unsure below `low_confidence`.
    """
    outputs = np.atleast_2d(np.asarray(outputs, np.float32))
    best = outputs[:, :DIGITS].max(axis=1)
    not_digit = outputs[:, DIGITS] if outputs.shape[1] > DIGITS else np.zeros(len(outputs), np.float32)
    result = np.where(best < low_confidence, Status.UNSURE, Status.CONFIDENT).astype(object)
    result[(not_digit >= not_digit_threshold) | (not_digit > best)] = Status.NOT_A_DIGIT
    return result


NO_DIGIT = Prediction(None, np.zeros(DIGITS, np.float32), np.zeros((SIDE, SIDE), np.float32), Status.EMPTY)


class Recognizer:
    """A loaded model, ready to recognise drawings.

    Models built from LeNet-style layers (every preset) run as a numpy forward pass
    (handwriting.recognition.network); any other model runs through a compiled TensorFlow function. The
    Keras model itself is loaded, with safe_mode, only when `.model` is asked for.
    """

    def __init__(
        self,
        engine: NumpyNetwork | KerasEngine,
        path: str | Path | None = None,
        history: dict | None = None,
        model=None,
    ) -> None:
        self._engine = engine
        self._model = model
        self.path = Path(path) if path is not None else None
        self.history = history or {}
        self.outputs = len(self.predict_image(np.zeros((SIDE, SIDE), np.float32)))  # and warm up

    @classmethod
    def load(cls, path: str | Path | None = None) -> Recognizer:
        """Load the shipped default model, or the given `.keras` file.

        The file is checked first (model_files.check_model_file: nothing in it is run). A LeNet-style model
        is then read as plain data (config and weight arrays); any other goes through Keras with
        safe_mode, which also gives the error message for a damaged or wrongly shaped model.
        """
        model_path = Path(path) if path is not None else DEFAULT_MODEL_PATH
        try:
            engine = NumpyNetwork.from_file(model_path)
        except ModelFileError:
            raise
        except Exception:  # UnsupportedModel, or a damaged weights file: Keras decides and explains
            model = load_keras_model(model_path)
            return cls(KerasEngine(model), model_path, load_history(model_path), model=model)
        return cls(engine, model_path, load_history(model_path))

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

    def predict(self, canvas: np.ndarray) -> Prediction:
        """Normalise a drawing (2-D, any size, ink bright on dark) as MNIST was and recognise it."""
        image = preprocess(canvas)
        if image is None:
            return NO_DIGIT
        return self.judge(self.predict_image(image), image)

    def judge(self, outputs: np.ndarray, image: np.ndarray) -> Prediction:
        """Turn the network's outputs for one normalised image into a Prediction with its status.

        With an 11th "not a digit" output, the drawing is not a digit when that output reaches
        NOT_DIGIT_THRESHOLD or beats every digit; otherwise the best digit is confident or unsure.
        """
        probabilities = np.asarray(outputs[:DIGITS], np.float32)
        not_digit = float(outputs[DIGITS]) if len(outputs) > DIGITS else 0.0
        status = str(statuses(outputs)[0])
        digit = None if status == Status.NOT_A_DIGIT else int(np.argmax(probabilities))
        return Prediction(digit, probabilities, image, status, not_digit)

    def predict_mnist(self, images: np.ndarray) -> np.ndarray:
        """The outputs (N, 10 or 11) for MNIST-format images, (N, 28, 28) uint8."""
        images = np.asarray(images)
        if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE):
            raise ValueError(f"expected images of shape (N, 28, 28), got {images.shape}")
        scale = 255.0 if images.dtype == np.uint8 else 1.0
        return self._engine.predict((images.astype(np.float32) / scale)[..., None])
