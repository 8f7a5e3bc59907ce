"""Sampling error for benchmark figures: Wilson 95% intervals and the spread over seeds or writers."""

from __future__ import annotations

import math
from collections.abc import Sequence

Z95 = 1.959964


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion successes / total."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """(minimum, mean, maximum) of figures measured over several seeds or writers."""
    values = list(values)
    return min(values), sum(values) / len(values), max(values)
