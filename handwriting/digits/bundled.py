"""The bundled pen digits and UNIPEN digits and numbers, read and checked once per process, and their writer splits."""

from __future__ import annotations

import functools

from handwriting.digits.pendigits import PenDigits, load_pendigits
from handwriting.digits.unipen import UnipenSet, load_unipen_digits, load_unipen_numbers, split_unipen_writers


@functools.cache
def bundled_pen() -> PenDigits:
    """The bundled pen digits, read and checked once per process (a run, a benchmark, a test session)."""
    return load_pendigits()


@functools.cache
def bundled_unipen() -> tuple[UnipenSet, UnipenSet]:
    """The bundled UNIPEN digits and numbers, read and checked once per process."""
    return load_unipen_digits(), load_unipen_numbers()


@functools.cache
def _bundled_split():
    return split_unipen_writers(*bundled_unipen())


def unipen_split(digits: UnipenSet | None = None):
    """The UNIPEN writer split (handwriting.digits.unipen.split_unipen_writers) of the bundled files; for the
    bundled digits, computed (with its leak check over every sample) once per process."""
    bundled_digits, numbers = bundled_unipen()
    if digits is None or digits is bundled_digits:
        return _bundled_split()
    return split_unipen_writers(digits, numbers)


def unipen_train(unipen: UnipenSet) -> UnipenSet:
    """The training writers' samples of `unipen`."""
    return unipen.by_writers(unipen_split(unipen).train)
