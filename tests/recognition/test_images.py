"""Reading image files: polarity, transparency, odd modes and files that cannot be read."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from handwriting.errors import ImageFileError
from handwriting.recognition.images import DISPLAY_SIDE, display_copy, read_canvas, read_large_image

from helpers import INK, png_header_only


def assert_is_seven_canvas(canvas: np.ndarray) -> None:
    assert canvas.dtype == np.float32 and canvas.shape == INK.shape
    assert canvas.min() >= 0 and canvas.max() <= 1
    np.testing.assert_allclose(canvas, INK / 255.0, atol=0.02)


def test_dark_ink_on_white_is_inverted(tmp_path):
    path = tmp_path / "scan.jpg"
    Image.fromarray(255 - INK).save(path, quality=100)
    canvas = read_canvas(path)
    assert canvas[0, 0] < 0.05 and canvas.max() > 0.9


def test_bright_ink_on_black_is_kept(tmp_path):
    path = tmp_path / "screen.bmp"
    Image.fromarray(INK).save(path)
    assert_is_seven_canvas(read_canvas(path))


@pytest.mark.parametrize("ink_value", [0, 255])
def test_transparent_background(tmp_path, ink_value):
    rgba = np.zeros((*INK.shape, 4), np.uint8)
    rgba[..., :3] = ink_value
    rgba[..., 3] = INK
    path = tmp_path / "transparent.png"
    Image.fromarray(rgba, "RGBA").save(path)
    assert_is_seven_canvas(read_canvas(path))


def test_sixteen_bit_palette_and_cmyk(tmp_path):
    sixteen = tmp_path / "sixteen.png"
    Image.fromarray(INK.astype(np.uint16) * 257).save(sixteen)
    assert_is_seven_canvas(read_canvas(sixteen))
    palette = tmp_path / "palette.png"
    Image.fromarray(INK).convert("P").save(palette)
    assert_is_seven_canvas(read_canvas(palette))
    cmyk = tmp_path / "cmyk.jpg"
    Image.fromarray(255 - INK).convert("CMYK").save(cmyk, quality=100)
    assert read_canvas(cmyk).max() > 0.9


def test_animated_gif_uses_the_first_frame(tmp_path):
    path = tmp_path / "anim.gif"
    frames = [Image.fromarray(INK), Image.fromarray(np.zeros_like(INK))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert read_canvas(path).max() > 0.9


@pytest.mark.parametrize("value", [0, 255])
def test_uniform_and_tiny_images(tmp_path, value):
    path = tmp_path / "flat.png"
    Image.new("L", (40, 40), value).save(path)
    assert read_canvas(path).max() == 0.0
    tiny = tmp_path / "tiny.png"
    Image.new("L", (1, 1), value).save(tiny)
    assert read_canvas(tiny).shape == (1, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable image"),
        (b"this is a text file", "not a readable image"),
        (png_header_only(20_000, 20_000), "too large"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ImageFileError, match=message):
        read_canvas(path)


def test_truncated_png(tmp_path):
    path = tmp_path / "cut.png"
    Image.fromarray(INK).save(path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ImageFileError, match="cut.png"):
        read_canvas(path)


def test_missing_folder_and_unreadable(tmp_path):
    with pytest.raises(ImageFileError, match="no such file"):
        read_canvas(tmp_path / "nope.png")
    with pytest.raises(ImageFileError, match="is a folder"):
        read_canvas(tmp_path)


def test_grey_paper_becomes_black(tmp_path):
    """A photo of grey paper: the paper's level is removed, so no faint box surrounds the digit."""
    from handwriting.recognition.preprocess import preprocess

    paper = np.full(INK.shape, 150, np.uint8)  # mid-grey paper, as a phone photo of a page
    photo = np.clip(paper.astype(int) - INK.astype(int) * 130 // 255, 0, 255).astype(np.uint8)  # dark ink
    path = tmp_path / "photo.png"
    Image.fromarray(photo).save(path)
    canvas = read_canvas(path)
    assert canvas[0, 0] == 0 and canvas[INK == 0].max() < 0.05  # the paper is black, not 0.4 grey
    assert canvas.max() > 0.8
    image = preprocess(canvas)
    assert image[0].max() == 0 and image[:, 0].max() == 0  # the network input has no box around the digit


def test_the_readable_formats_are_named_and_open(tmp_path):
    from handwriting.recognition.images import formats_text, readable_formats

    pillow_names = {"PGM/PPM": "PPM", "WebP": "WEBP"}
    for name, suffixes in readable_formats():
        path = tmp_path / f"seven{suffixes[0]}"
        Image.fromarray(255 - INK).save(path, format=pillow_names.get(name, name))
        assert read_canvas(path).max() > 0.9, name
    bad = tmp_path / "bad.png"
    bad.write_text("text")
    with pytest.raises(ImageFileError) as error:
        read_canvas(bad)
    assert formats_text() in str(error.value) and "TIFF" in str(error.value)


def test_a_large_image_is_read_whole_for_recognition_and_smaller_for_display(tmp_path):
    pixels = np.full((1200, 2400), 255, np.uint8)
    pixels[400:800, 300:700] = 0  # a dark square on white paper
    Image.fromarray(pixels).save(tmp_path / "large.png")
    canvas, shown = read_large_image(tmp_path / "large.png")
    assert canvas.shape == (1200, 2400) and shown.shape == (DISPLAY_SIDE // 2, DISPLAY_SIDE)
    assert shown.max() == pytest.approx(canvas.max(), abs=0.01) and shown.min() == pytest.approx(0.0, abs=0.01)
    small = np.zeros((100, 50), np.float32)
    assert display_copy(small) is small  # small enough already: shown as it is

