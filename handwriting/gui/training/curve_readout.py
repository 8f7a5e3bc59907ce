"""Where the training curves' read-out goes: beside the epoch pointed at, clear of the curves and the legend."""

from __future__ import annotations

import numpy as np

HEIGHTS = 21  # heights tried for the read-out, from the middle of the plot outwards
PLACES = 19  # places across the plot tried when there is no room beside the marker


def along(x, y) -> np.ndarray:
    """(N, 2) points every few hundredths of an epoch along a curve's line (x rising; NaN points left out)."""
    x, y = (np.asarray([] if values is None else values, np.float64) for values in (x, y))
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if len(x) < 2:
        return np.stack([x, y], axis=1)
    at = np.linspace(x[0], x[-1], 40 * len(x))
    return np.stack([at, np.interp(at, x, y)], axis=1)


def clear_spot(points: np.ndarray, size: tuple[float, float], lefts: list[float], view: tuple[tuple, tuple],
               avoid: tuple[float, float, float, float] | None = None) -> tuple[float, float]:
    """(left, middle) of a box of `size` (width, height) that covers none of `points` (N, 2) nor the rectangle
    `avoid` (left, right, low, high), inside `view` ((x_low, x_high), (y_low, y_high)). Its left edge is the first
    of `lefts` (beside the marker) with room, else the nearest place across the plot that has some; its middle the
    clear height nearest the plot's. Nowhere clear: the place that covers the fewest points. In the plot's units."""
    (x_low, x_high), (y_low, y_high) = view
    width, height = size
    middle, reach = (y_low + y_high) / 2, max(y_high - y_low - height, 0.0) / 2
    offsets = np.linspace(0.0, reach, (HEIGHTS + 1) // 2)
    heights = np.ravel(np.column_stack([middle - offsets, middle + offsets]))
    across = np.linspace(x_low, max(x_high - width, x_low), PLACES)
    tried = [x for x in lefts if x_low <= x <= x_high - width] + sorted(across, key=lambda x: abs(x - lefts[0]))
    best, fewest = (tried[0] if tried else x_low, middle), None
    for left in tried:
        right = left + width
        inside = points[(points[:, 0] >= left) & (points[:, 0] <= right), 1] if len(points) else np.zeros(0)
        covered = np.sum(np.abs(inside[np.newaxis, :] - heights[:, np.newaxis]) <= height / 2, axis=1)
        if avoid is not None and avoid[0] < right and left < avoid[1]:
            covered += (avoid[2] - height / 2 < heights) & (heights < avoid[3] + height / 2)
        if covered.min() == 0:
            return float(left), float(heights[np.argmin(covered)])
        if fewest is None or covered.min() < fewest:
            best, fewest = (float(left), float(heights[np.argmin(covered)])), int(covered.min())
    return best
