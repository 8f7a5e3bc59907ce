"""Turn a drawing of any size into a 28x28 image normalised the way MNIST's digits were."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from handwriting.labels import SIDE

# --- What MNIST looks like (measured on the 54k training split by benchmarks/mnist_stats.py) ----

DIGIT_BOX = 20  # the longest side of every MNIST digit
MNIST_CENTRE_OF_MASS = (14.0, 14.0)  # (row, column): mean over the training split is 13.99, 14.01
MNIST_STROKE_WIDTH = 2.5  # median stroke width in pixels at the 20 px scale (quartiles 2.1, 3.0)
STROKE_WIDTH_BAND = (2.1, 3.0)  # widths inside MNIST's interquartile range are left alone

# --- Tuning ---------------------------------------------------------------------------------------

INK_LEVEL = 0.2  # a pixel brighter than this (0-1) counts as ink
EMPTY_INK_PIXELS = 2  # fewer ink pixels than this is an empty canvas
WORK_SCALE = 4  # stroke width is measured and adjusted at 4x the final resolution
WORK_BOX = DIGIT_BOX * WORK_SCALE
MIN_DIGIT_BOX = DIGIT_BOX // 2  # centring never shrinks a digit below this (the worst case needs about 14)
# MNIST centred by whole pixels: its centres of mass lie within 0.5 px of (14, 14) (13.48-14.50 measured).
# Ours are sub-pixel exact unless the frame gets in the way; then the digit is shrunk to stay within this.
COM_TOLERANCE = 0.5


@dataclass(frozen=True)
class Stages:
    """Every intermediate image of `preprocess_stages`, for the README figure and the GUI."""

    canvas: np.ndarray  # as given
    cropped: np.ndarray
    stroke_adjusted: np.ndarray
    fitted: np.ndarray
    final: np.ndarray
    stroke_width: float


def to_unit_float(canvas: np.ndarray) -> np.ndarray:
    """Any 2-D numeric array as float32 in [0, 1]: uint8 by /255, others by their own range.

    NaN and -inf become 0 (background); +inf becomes the brightest finite value.
    """
    array = np.asarray(canvas)
    if array.ndim != 2:
        raise ValueError(f"a canvas must be a 2-D array, got shape {array.shape}")
    if array.dtype == np.uint8:
        return array.astype(np.float32) / 255.0
    if array.dtype == np.float32 and array.size and array.min() >= 0.0 and array.max() <= 1.0:
        return array.copy()  # already clean (no NaN: it fails both tests): skip the float64 work copies
    values = array.astype(np.float64, copy=True)
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros(array.shape, np.float32)
    low, high = float(values[finite].min()), float(values[finite].max())
    values[np.isnan(values) | np.isneginf(values)] = min(low, 0.0)
    values[np.isposinf(values)] = high
    if low >= 0.0 and high <= 1.0:
        return values.astype(np.float32)
    low = min(low, 0.0)
    if high <= low:
        return np.zeros(array.shape, np.float32)
    scale = max(-low, high)  # bring everything into [-1, 1] first: high - low may overflow (1e308 - -1e308)
    values /= scale
    low, high = low / scale, high / scale
    return np.clip((values - low) / (high - low), 0.0, 1.0).astype(np.float32)


def ink_bbox(image: np.ndarray, level: float = INK_LEVEL) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), exclusive ends, of the pixels brighter than `level`; None if too few."""
    ink = image > level
    if np.count_nonzero(ink) < EMPTY_INK_PIXELS:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def resize(image: np.ndarray, height: int, width: int, box_filter: bool = False) -> np.ndarray:
    """Antialiased resize of a float image (Pillow's filters widen when shrinking)."""
    resample = Image.Resampling.BOX if box_filter else Image.Resampling.BILINEAR
    resized = Image.fromarray(image.astype(np.float32), mode="F").resize((max(1, width), max(1, height)), resample)
    return np.clip(np.asarray(resized), 0.0, 1.0)


def fit_longest_side(image: np.ndarray, side: int, box_filter: bool = False) -> np.ndarray:
    """Scale so the longest side is `side` pixels, keeping the aspect ratio.

    `box_filter` averages the source pixels under each output pixel (crisp, like MNIST's
    anti-aliasing) instead of the smoother bilinear filter.
    """
    height, width = image.shape
    scale = side / max(height, width)
    return resize(image, round(height * scale), round(width * scale), box_filter)


def stroke_width(image: np.ndarray) -> float:
    """Mean stroke width in pixels: twice the ink area over the perimeter (edge count corrected by pi/4)."""
    ink = image > 0.5
    area = np.count_nonzero(ink)
    if area == 0:
        return 0.0
    inner = np.count_nonzero(ink[1:, :] != ink[:-1, :]) + np.count_nonzero(ink[:, 1:] != ink[:, :-1])
    border = np.count_nonzero(ink[[0, -1], :]) + np.count_nonzero(ink[:, [0, -1]])  # edges against the frame
    edges = inner + border
    return float(2.0 * area / (edges * np.pi / 4.0))


def _morph_step(image: np.ndarray, step: int, grow: bool) -> np.ndarray:
    """One 3x3 grey dilation (grow) or erosion; square and cross steps alternate to approximate a disc.

    Neighbours beyond the edge are ignored, which for erosion equals repeating the edge pixels.
    """
    pick = np.maximum if grow else np.minimum

    def spread(source: np.ndarray, axis: int) -> np.ndarray:  # each pixel with its two neighbours on an axis
        result = source.copy()
        if axis == 0:
            pick(result[1:], source[:-1], out=result[1:])
            pick(result[:-1], source[1:], out=result[:-1])
        else:
            pick(result[:, 1:], source[:, :-1], out=result[:, 1:])
            pick(result[:, :-1], source[:, 1:], out=result[:, :-1])
        return result

    if step % 2 == 0:  # square: along columns, then along rows
        return spread(spread(image, 0), 1)
    return pick(spread(image, 0), spread(image, 1))  # cross: the four neighbours and the centre


def adjust_stroke_width(image: np.ndarray, width: float, target: float) -> np.ndarray:
    """Dilate or erode (at WORK_SCALE) so the stroke width at the 20 px scale becomes `target`.

    Growing the strokes by r pixels a side also grows the box by 2r, so the radius accounts
    for the rescale that follows: r = (4t - w) / (2 - t / 10) for the 4x work scale.
    """
    if width <= 0:
        return image
    radius = (WORK_SCALE * target - width) / (2.0 - target / (DIGIT_BOX / 2.0))
    steps = round(abs(radius))
    if steps == 0:
        return image
    grow = radius > 0
    # Ink touching the crop's frame (a straight 1's sides) must erode from the frame too: pad with background.
    result = np.pad(image, steps if grow else 1)
    ink_before = np.count_nonzero(image > 0.5)
    for step in range(steps):
        candidate = _morph_step(result, step, grow)
        if not grow and np.count_nonzero(candidate > 0.5) < 0.35 * ink_before:
            break  # never erode a stroke away
        result = candidate
    return result


def _centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the centre of mass; the middle of the image when it holds no mass."""
    height, width = image.shape
    total = float(image.sum(dtype=np.float64))
    if total <= 0:
        return (height - 1) / 2, (width - 1) / 2
    row_mass = image.sum(axis=1, dtype=np.float64)
    col_mass = image.sum(axis=0, dtype=np.float64)
    return float(row_mass @ np.arange(height) / total), float(col_mass @ np.arange(width) / total)


def _fits_centred(fitted: np.ndarray) -> bool:
    """True when the digit fits in 28x28 with its centre of mass within COM_TOLERANCE of MNIST's."""
    com_row, com_col = _centre_of_mass(fitted)
    top, left = MNIST_CENTRE_OF_MASS[0] - com_row, MNIST_CENTRE_OF_MASS[1] - com_col
    height, width = fitted.shape
    slack = COM_TOLERANCE
    return -slack <= top <= SIDE - height + slack and -slack <= left <= SIDE - width + slack


def fit_for_centring(image: np.ndarray) -> np.ndarray:
    """Scale to a DIGIT_BOX longest side, or a little less when the mass sits so far off-centre
    (a heavy blob with a faint tail) that, kept inside the frame, the centre of mass would miss
    MNIST's by more than COM_TOLERANCE.

    Ordinary digits keep 20 px (a 7's heavy bar costs under 0.1 px); the worst case shrinks to about 14 px.
    """
    box = DIGIT_BOX
    fitted = fit_longest_side(image, box, box_filter=True)
    while box > MIN_DIGIT_BOX and not _fits_centred(fitted):
        box -= 1
        fitted = fit_longest_side(image, box, box_filter=True)
    return fitted


def _place_by_centre_of_mass(fitted: np.ndarray) -> np.ndarray:
    """Put the fitted digit into 28x28 with its centre of mass at MNIST's, to a sub-pixel, inside the frame.

    The fractional part of the shift is a bilinear blend of two integer placements.
    """
    height, width = fitted.shape
    com_row, com_col = _centre_of_mass(fitted)
    top = float(np.clip(MNIST_CENTRE_OF_MASS[0] - com_row, 0, SIDE - height))
    left = float(np.clip(MNIST_CENTRE_OF_MASS[1] - com_col, 0, SIDE - width))
    row0, col0 = int(np.floor(top)), int(np.floor(left))
    frac_row, frac_col = top - row0, left - col0
    placed = np.zeros((SIDE + 1, SIDE + 1), np.float32)
    placed[row0 + 1 : row0 + 1 + height, col0 + 1 : col0 + 1 + width] = fitted
    placed[1:, :] = (1 - frac_row) * placed[1:, :] + frac_row * placed[:-1, :]
    placed[:, 1:] = (1 - frac_col) * placed[:, 1:] + frac_col * placed[:, :-1]
    return np.ascontiguousarray(placed[1:, 1:])


def crop_to_ink(canvas: np.ndarray) -> np.ndarray | None:
    """The smallest rectangle holding the ink, as float32 in [0, 1]; None when the canvas holds no ink.

    A uint8 canvas (the app's, 280x280) is cropped before it is converted: only the crop becomes float.
    """
    array = np.asarray(canvas)
    if array.dtype == np.uint8 and array.ndim == 2:
        box = ink_bbox(array, level=round(INK_LEVEL * 255))  # x / 255 > 0.2 exactly when x > 51
        if box is None:
            return None
        top, bottom, left, right = box
        return array[top:bottom, left:right].astype(np.float32) * np.float32(1 / 255)
    image = to_unit_float(array)
    box = ink_bbox(image)
    return None if box is None else image[box[0] : box[1], box[2] : box[3]]


def preprocess_stages(canvas: np.ndarray) -> Stages | None:
    """Run the MNIST normalisation and keep every stage; None when the canvas holds no ink."""
    cropped = crop_to_ink(canvas)
    if cropped is None:
        return None
    # Measure the stroke on the full-resolution crop: shrunk to the work scale, a thin pen turns grey.
    width = stroke_width(cropped) * DIGIT_BOX / max(cropped.shape)
    work = fit_longest_side(cropped, WORK_BOX)
    low, high = STROKE_WIDTH_BAND
    target = min(max(width, low), high)
    adjusted = adjust_stroke_width(work, width * WORK_SCALE, target)
    peak = float(adjusted.max())
    if 0.0 < peak < 1.0:
        adjusted = adjusted / peak  # MNIST's strokes are saturated at their core: so are ours
    box = ink_bbox(adjusted, level=0.05) or (0, adjusted.shape[0], 0, adjusted.shape[1])
    adjusted = adjusted[box[0] : box[1], box[2] : box[3]]
    fitted = fit_for_centring(adjusted)
    final = _place_by_centre_of_mass(fitted)
    return Stages(np.asarray(canvas), cropped, adjusted, fitted, final, width)


def preprocess(canvas: np.ndarray) -> np.ndarray | None:
    """The 28x28 float32 image in [0, 1] that the network sees, or None for an empty canvas."""
    stages = preprocess_stages(canvas)
    return None if stages is None else stages.final
