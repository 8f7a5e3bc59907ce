"""Sampling error for benchmark figures: Wilson 95% intervals for accuracies, spread over seeds or writers.

A target counts as met only when it holds across what is reported: the interval's low end (or the
worst seed or writer) must reach it, not one favourable draw.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Z_95 = 1.959964  # two-sided 95% normal quantile
Z95 = Z_95


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion successes/trials."""
    if trials <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be between 0 and {trials}, not {successes}")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def accuracy_lines(name: str, correct: int, total: int, digits: int = 4) -> list[str]:
    """`name=acc`, `name_ci_low=`, `name_ci_high=` and `name_n=` lines for an accuracy of correct/total."""
    low, high = wilson_interval(correct, total)
    accuracy = correct / total if total else float("nan")
    return [
        f"{name}={accuracy:.{digits}f}",
        f"{name}_ci_low={low:.{digits}f}",
        f"{name}_ci_high={high:.{digits}f}",
        f"{name}_n={total}",
    ]


def spread_lines(name: str, values: Sequence[float], digits: int = 4) -> list[str]:
    """`name_min=`, `name_mean=`, `name_max=` and `name_runs=` lines over seeds or writers."""
    values = [float(v) for v in values]
    if not values:
        return [f"{name}_runs=0"]
    mean = sum(values) / len(values)
    return [
        f"{name}_min={min(values):.{digits}f}",
        f"{name}_mean={mean:.{digits}f}",
        f"{name}_max={max(values):.{digits}f}",
        f"{name}_runs={len(values)}",
    ]


def met_across(low: float, target: float) -> bool:
    """A lower-is-worse target is met across the reported spread when its low end reaches it."""
    return low >= target


def wilson(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion successes / total."""
    return wilson_interval(successes, total, z)


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """(minimum, mean, maximum) of figures measured over several seeds or writers."""
    values = list(values)
    return min(values), sum(values) / len(values), max(values)
