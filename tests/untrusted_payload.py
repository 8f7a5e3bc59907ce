"""Stand-in for malicious code in the untrusted-model tests: importing or calling it creates a marker file.

Never imported by the tests themselves; if it shows up in sys.modules or the marker exists, a model
file got code run.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER_ENV = "HANDWRITING_TEST_MARKER"


def _touch() -> None:
    marker = os.environ.get(MARKER_ENV)
    if marker:
        Path(marker).touch()


_touch()


class Boom:
    """A 'layer' that runs code when deserialised."""

    @classmethod
    def from_config(cls, config):
        _touch()
        return cls()


def boom(*args, **kwargs):
    """A function that runs code when called."""
    _touch()
