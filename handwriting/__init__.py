"""Handwritten digit recognition with a LeNet-5-style CNN: trainer, recogniser and desktop app."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Prediction", "Recognizer", "__version__"]


def __getattr__(name: str):
    # Lazy: importing the package must not import TensorFlow, so the app's window shows at once.
    if name in ("Recognizer", "Prediction"):
        from handwriting.recognition import recognizer

        return getattr(recognizer, name)
    raise AttributeError(f"module 'handwriting' has no attribute {name!r}")
