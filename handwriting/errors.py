"""Errors that carry a message meant for the user, not a traceback."""

from __future__ import annotations


class HandwritingError(Exception):
    """Base class: its message says what is wrong and what to do about it, in English. `reason` names the problem
    for a message in the user's language (handwriting.gui.wording.error_text words each), with the file's `path`
    and the message's other `details`; "" where the message is the only wording."""

    def __init__(self, message: str = "", reason: str = "", path: object = "", **details) -> None:
        super().__init__(message)
        self.reason, self.path, self.details = reason, str(path), details


class DataError(HandwritingError):
    """The MNIST data is missing, corrupt or leaks between splits."""


class ModelFileError(HandwritingError):
    """A model file is missing, unreadable, unsafe or of the wrong shape."""


class StrokeNetworkFileError(ModelFileError):
    """The file is the stroke network (it reads the pen's path), which is loaded beside a digit model, not as one."""


class ImageFileError(HandwritingError):
    """An image file cannot be read as a digit."""


class SaveError(HandwritingError):
    """A model or its history could not be written; the old files are kept."""


class PersonalModelRejected(HandwritingError):
    """A personal model was not made or not saved: samples that look mislabelled, or a model that reads much worse.

    `suspects` holds the samples to check (handwriting.personal.label_check.Suspect), most suspicious first;
    it is empty when the model was refused for reading other people's digits much worse than its base.
    """

    def __init__(self, message: str, suspects: tuple = (), reason: str = "", **details) -> None:
        super().__init__(message, reason, **details)
        self.suspects = tuple(suspects)
