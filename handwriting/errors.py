"""Errors that carry a message meant for the user, not a traceback."""

from __future__ import annotations


class HandwritingError(Exception):
    """Base class: its message says what is wrong and what to do about it."""


class DataError(HandwritingError):
    """The MNIST data is missing, corrupt or leaks between splits."""


class ModelFileError(HandwritingError):
    """A model file is missing, unreadable, unsafe or of the wrong shape."""


class ImageFileError(HandwritingError):
    """An image file cannot be read as a digit."""


class SaveError(HandwritingError):
    """A model or its history could not be written; the old files are kept."""


class PersonalModelRejected(HandwritingError):
    """A fine-tune read other people's digits much worse than the base model; it was not saved."""
