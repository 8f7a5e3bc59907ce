"""Read an image file (PNG, JPEG, BMP, ...) as a canvas with bright ink on a dark background."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from handwriting.errors import ImageFileError

MAX_IMAGE_PIXELS = 40_000_000  # about 6300x6300; larger files are refused before decoding
DISPLAY_SIDE = 560  # a large image is scaled down to this for display (twice the canvas: sharp on HiDPI)
PAPER_PERCENTILE = 90  # the paper's level: a high percentile of the border (its brightest common grey)
# The formats worth naming to a user, by Pillow's format id, with their usual extensions.
COMMON_FORMATS = {
    "PNG": ("PNG", (".png",)),
    "JPEG": ("JPEG", (".jpg", ".jpeg")),
    "BMP": ("BMP", (".bmp",)),
    "GIF": ("GIF", (".gif",)),
    "TIFF": ("TIFF", (".tif", ".tiff")),
    "WEBP": ("WebP", (".webp",)),
    "PPM": ("PGM/PPM", (".pgm", ".ppm")),
}


def readable_formats() -> list[tuple[str, tuple[str, ...]]]:
    """The common image formats this Pillow can read, as (name, extensions), e.g. ("WebP", (".webp",))."""
    Image.init()
    available = {fmt for fmt in Image.OPEN}
    return [entry for key, entry in COMMON_FORMATS.items() if key in available]


def readable_suffixes() -> tuple[str, ...]:
    """The file name extensions of readable_formats(), lower case with the dot."""
    return tuple(suffix for _, suffixes in readable_formats() for suffix in suffixes)


def formats_text() -> str:
    """The readable formats for a message: "PNG, JPEG, BMP, GIF, TIFF, WebP or PGM/PPM"."""
    names = [name for name, _ in readable_formats()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _to_grey_and_alpha(image: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    """Luminance in [0, 1] and alpha in [0, 1] (None when opaque), whatever the mode."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        grey = np.asarray(image, dtype=np.float64)
        top = 65535.0 if grey.max(initial=0) > 255 or image.mode.startswith("I;16") else 255.0
        return np.clip(grey / top, 0, 1).astype(np.float32), None
    if image.mode == "F":
        grey = np.nan_to_num(np.asarray(image, dtype=np.float32))
        top = max(1.0, float(grey.max(initial=0)))
        return np.clip(grey / top, 0, 1), None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        alpha = np.asarray(rgba.getchannel("A"), dtype=np.float32) / 255.0
        grey = np.asarray(rgba.convert("L"), dtype=np.float32) / 255.0
        return grey, alpha
    return np.asarray(image.convert("L"), dtype=np.float32) / 255.0, None


def to_bright_ink(grey: np.ndarray, alpha: np.ndarray | None = None) -> np.ndarray:
    """Make ink bright on dark: transparent pixels are background; a light background is inverted.

    The background's own level (grey paper in a photo, a dark-grey screen) is estimated from the
    border and removed, so the background becomes black rather than a faint grey box around the digit.
    """
    if alpha is not None and alpha.min() < 0.99:
        opaque = alpha > 0.5
        ink_is_dark = not opaque.any() or float(np.average(grey, weights=alpha + 1e-6)) < 0.5
        ink = (1.0 - grey) if ink_is_dark else grey
        return (ink * alpha).astype(np.float32)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    if float(np.median(border)) > 0.5:  # dark ink on light paper
        paper = float(np.percentile(border, PAPER_PERCENTILE))
        return np.clip((paper - grey) / max(paper, 1e-6), 0.0, 1.0).astype(np.float32)
    background = float(np.percentile(border, 100 - PAPER_PERCENTILE))
    return np.clip((grey - background) / max(1.0 - background, 1e-6), 0.0, 1.0).astype(np.float32)


def _check_path(file: Path) -> None:
    if not file.exists():
        raise ImageFileError(f"{file}: no such file", "image_missing", file)
    if file.is_dir():
        raise ImageFileError(f"{file}: is a folder, not an image file", "image_folder", file)


def _check_size(file: Path, width: int, height: int) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageFileError(
            f"{file}: {width}x{height} is too large to be a digit (limit {MAX_IMAGE_PIXELS:,} pixels); scale it down",
            "image_too_large", file, width=width, height=height, limit=MAX_IMAGE_PIXELS,
        )


def _read(file: Path, decode: bool) -> tuple[int, int, np.ndarray | None, np.ndarray | None]:
    """Open (and with `decode`, decode) an image file, turning every failure into an ImageFileError."""
    _check_path(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                _check_size(file, width, height)
                if not decode:
                    return width, height, None, None
                image.seek(0)  # the first frame of an animation
                image.load()
                grey, alpha = _to_grey_and_alpha(image)
                return width, height, grey, alpha
    except ImageFileError:
        raise
    except PermissionError:
        raise ImageFileError(f"{file}: permission denied; check that the file can be read", "image_permission",
                             file) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageFileError(f"{file}: the image is too large to be a digit; scale it down", "image_too_large",
                             file) from None
    except UnidentifiedImageError:
        raise ImageFileError(f"{file}: not a readable image ({formats_text()} expected)", "image_unreadable", file,
                             formats=formats_text()) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageFileError(f"{file}: the image is damaged or truncated ({exc})", "image_damaged", file,
                             error=str(exc)) from None


def image_size(path: str | Path) -> tuple[int, int]:
    """(width, height) of an image file from its header, decoding nothing; raises ImageFileError as read_canvas."""
    width, height, _, _ = _read(Path(path), decode=False)
    return width, height


def read_canvas(path: str | Path) -> np.ndarray:
    """Read an image file as a float32 canvas in [0, 1] with bright ink, ready for Recognizer.predict.

    Raises ImageFileError with a one-line reason for missing, unreadable or oversized files.
    """
    _, _, grey, alpha = _read(Path(path), decode=True)
    return to_bright_ink(grey, alpha)


def display_copy(canvas: np.ndarray, side: int = DISPLAY_SIDE) -> np.ndarray:
    """A copy of a float canvas scaled down to fit `side` pixels (for showing a large image quickly)."""
    height, width = canvas.shape
    scale = side / max(height, width)
    if scale >= 1:
        return canvas
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(canvas, mode="F").resize(size, Image.BOX), dtype=np.float32)


def read_large_image(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """A large image file read as (its canvas for recognition, a smaller copy for display): the app reads it off
    the GUI thread."""
    canvas = read_canvas(path)
    return canvas, display_copy(canvas)
