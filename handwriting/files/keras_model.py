"""Loading a checked `.keras` file into Keras with safe_mode: the one loader that imports TensorFlow."""

from __future__ import annotations

from pathlib import Path

from handwriting.backend import load_tensorflow
from handwriting.errors import ModelFileError
from handwriting.files.model_files import check_model_file
from handwriting.labels import CLASSES, DIGITS, SIDE

EXPECTED_INPUT_SHAPE = (SIDE, SIDE, 1)
ACCEPTED_CLASSES = (DIGITS, CLASSES)  # the ten digits, and optionally "not a digit"


def load_model_safely(path: str | Path):
    """Load a `.keras` file with safe_mode on and check that it maps 28x28x1 images to 10 classes.

    Before Keras reads it, the file is checked by check_model_file.
    """
    file = check_model_file(path)
    load_tensorflow()
    import keras

    try:
        model = keras.saving.load_model(file, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for bad files; all mean "unusable model".
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelFileError(
            f"{file}: cannot be loaded, the file is damaged or not a Keras 3 model ({reason[:300]})"
        ) from None
    try:
        input_shape = tuple(model.input_shape[1:])
        output_shape = tuple(model.output_shape[1:])
    except Exception:  # an unbuilt or multi-input model has no single shape
        input_shape = output_shape = None
    if input_shape != EXPECTED_INPUT_SHAPE or output_shape not in {(n,) for n in ACCEPTED_CLASSES}:
        raise ModelFileError(
            f"{file} is not a model that reads digit images. In detail: the model maps {input_shape} to "
            f"{output_shape}, but a digit model must map {EXPECTED_INPUT_SHAPE} images to 10 digits (or 10 digits "
            "and 'not a digit')"
        )
    return model
