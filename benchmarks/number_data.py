"""The validation numbers the number benchmarks read: the real UNIPEN numbers and numbers composed from the
validation writers' own digits (never a training writer's), drawn as the app draws a mouse stroke."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from handwriting.digits.drawn import bundled_pen, bundled_unipen, unipen_split
from handwriting.digits.numbers import COMPOSE_SEED, composed_numbers, draw_number
from handwriting.digits.pendigits import PenDigits, split_writers
from handwriting.digits.unipen import UnipenSet

DRAW_SEED = 20_261_209


@functools.cache
def validation_writers() -> tuple[PenDigits, UnipenSet]:
    """The validation writers' pen digits and UNIPEN digits (the bundled files' writer splits), chosen once."""
    pen = bundled_pen()
    return pen.by_writers(split_writers(pen.writers).val), bundled_unipen()[0].by_writers(unipen_split().val)


def validation_numbers(composed_count: int, rng: np.random.Generator, owners: list | None = None
                       ) -> tuple[list, list, int]:
    """The real UNIPEN numbers and `composed_count` numbers composed from the validation writers' own digits, each
    drawn (draw_number) with `rng`, in that order; and how many writers the composed ones come from (each composed
    number's writer appended to `owners`, when given)."""
    real = [draw_number(s.strokes, s.label, rng) for s in bundled_unipen()[1].samples]
    writers = writer_digits()
    made = composed_numbers(writers, composed_count, owners=owners)
    composed = [draw_number(strokes, text, rng) for text, strokes in made]
    return real, composed, len(writers)


@dataclass(frozen=True)
class Source:
    """Where a composed number's digits come from: their writer, site and country (as a UNIPEN sample says)."""

    writer: str
    site: str
    country: str


def composed_sources(owners: list) -> list[Source]:
    """Each composed number's writer with its site and country: the pen digits' writers are site "pendigits",
    country unknown (their file does not say); the UNIPEN writers', as their samples say."""
    _, unipen_val = validation_writers()
    where = {sample.writer: (sample.site, sample.country) for sample in unipen_val.samples}
    return [Source(str(owner), *where.get(owner, ("pendigits", "unknown"))) for owner in owners]


def writer_digits(every: bool = False) -> dict[object, dict[int, list]]:
    """The validation writers who wrote every digit (`every`: all of them, those who wrote only some digits too, as
    UNIPEN's Japanese writers did): writer -> digit -> its drawings (lists of strokes)."""
    pen_val, unipen_val = validation_writers()
    writers: dict[object, dict[int, list]] = {}
    for digit in pen_val.digits:
        writers.setdefault(f"pen/{digit.writer}", {}).setdefault(digit.label, []).append(list(digit.strokes))
    for sample in unipen_val.samples:
        writers.setdefault(sample.writer, {}).setdefault(int(sample.label), []).append(list(sample.strokes))
    return {name: own for name, own in writers.items() if every or len(own) == 10}


def composed_sample(count: int, sample: int) -> list:
    """Another sample of `count` composed numbers (sample 0 is validation_numbers' own; each other sample composes
    and draws with its own seeds): a sampled benchmark is judged by its mean over samples."""
    made = composed_numbers(writer_digits(), count, seed=COMPOSE_SEED + sample)
    rng = np.random.default_rng(DRAW_SEED + sample)
    return [draw_number(strokes, text, rng) for text, strokes in made]
