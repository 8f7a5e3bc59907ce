"""`handwriting predict` on bad and odd image files: a clear one-line answer or a sensible digit, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from handwriting.cli.main import main
from handwriting.recognition import images
from handwriting.recognition.recognizer import Recognizer

from helpers import SEVEN, draw, png_header_only

INK = draw(SEVEN)  # uint8, bright ink on black


def make_file(kind: str, folder: Path) -> Path:
    """Write the test image of the given kind; returns its path."""
    path = folder / f"{kind}.png"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text-renamed-png":
        path.write_text("this is a text file, renamed .png\n")
    elif kind == "truncated-png":
        Image.fromarray(INK).save(path)
        path.write_bytes(path.read_bytes()[:200])
    elif kind == "1x1-white":
        Image.new("L", (1, 1), 255).save(path)
    elif kind == "1x1-black":
        Image.new("L", (1, 1), 0).save(path)
    elif kind == "20000x20000":
        path.write_bytes(png_header_only(20_000, 20_000))
    elif kind == "zero-width":
        path.write_bytes(png_header_only(0, 100))
    elif kind == "16-bit":
        Image.fromarray(INK.astype(np.uint16) * 257).save(path)
    elif kind == "palette":
        Image.fromarray(255 - INK).convert("P").save(path)
    elif kind == "cmyk-jpeg":
        path = folder / "cmyk.jpg"
        Image.fromarray(255 - INK).convert("CMYK").save(path, quality=95)
    elif kind in ("rgba-dark-ink-transparent", "rgba-white-ink-transparent"):
        rgba = np.zeros((*INK.shape, 4), np.uint8)
        rgba[..., :3] = 0 if "dark" in kind else 255
        rgba[..., 3] = INK
        Image.fromarray(rgba, "RGBA").save(path)
    elif kind == "rgba-fully-transparent":
        Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(path)
    elif kind == "animated-gif":
        path = folder / "anim.gif"
        frames = [Image.fromarray(255 - INK), Image.fromarray(np.full_like(INK, 255))]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    elif kind == "float-tiff":
        path = folder / "float.tif"
        Image.fromarray(INK.astype(np.float32) / 255 * 1000, "F").save(path)
    elif kind == "all-white":
        Image.new("L", (280, 280), 255).save(path)
    elif kind == "all-black":
        Image.new("RGB", (280, 280), 0).save(path)
    elif kind == "folder":
        path = folder / "a-folder.png"
        path.mkdir()
    elif kind in ("missing", "unreadable"):
        if kind == "unreadable":
            Image.fromarray(INK).save(path)
    else:
        raise AssertionError(kind)
    return path


# kind: (digit or None for "no digit", or an error message fragment)
CASES = {
    "empty": "not a readable image",
    "text-renamed-png": "not a readable image",
    "truncated-png": "damaged or truncated",
    "1x1-white": None,
    "1x1-black": None,
    "20000x20000": "is too large to be a digit",
    "zero-width": "not a readable image",
    "16-bit": 7,
    "palette": 7,
    "cmyk-jpeg": 7,
    "rgba-dark-ink-transparent": 7,
    "rgba-white-ink-transparent": 7,
    "rgba-fully-transparent": None,
    "animated-gif": 7,
    "float-tiff": 7,
    "all-white": None,
    "all-black": None,
    "folder": "is a folder",
    "missing": "no such file",
    "unreadable": "permission denied",
}


@pytest.fixture(autouse=True)
def shared_model(monkeypatch, recognizer):
    """Load the shipped model once for all of these, not once per main() call."""
    monkeypatch.setattr(Recognizer, "load", lambda path=None: recognizer)


@pytest.fixture()
def image_file(request, tmp_path, monkeypatch) -> Path:
    kind = request.param
    path = make_file(kind, tmp_path)
    if kind == "unreadable":  # as root chmod does not stop reads: refuse at open time instead
        real_open = images.Image.open

        def locked(file, *args, **kwargs):
            if Path(str(file)) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(images.Image, "open", locked)
    return path


@pytest.mark.timeout(60)
@pytest.mark.parametrize("image_file", CASES, indirect=True)
def test_predict_json(image_file, capsys, request):
    expected = CASES[request.node.callspec.params["image_file"]]
    code = main(["predict", str(image_file), "--json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    result = json.loads(captured.out)
    assert result["file"] == str(image_file)
    if isinstance(expected, str):
        assert code == 1 and result["digit"] is None and result["probabilities"] is None
        assert expected in result["error"] and "\n" not in result["error"]
    else:
        assert code == 0 and "error" not in result
        assert result["digit"] == expected
        assert len(result["probabilities"]) == 10


@pytest.mark.timeout(60)
@pytest.mark.parametrize("image_file", CASES, indirect=True)
def test_predict_text(image_file, capsys, request):
    expected = CASES[request.node.callspec.params["image_file"]]
    code = main(["predict", str(image_file)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if isinstance(expected, str):
        assert code == 1 and captured.out == ""
        assert captured.err.startswith(f"error: {image_file}") and expected in captured.err
        assert len(captured.err.strip().splitlines()) == 1
    elif expected is None:
        assert code == 0 and captured.out.strip() == f"{image_file}: no digit (the image holds no ink)"
    else:
        assert code == 0 and captured.out.startswith(f"{image_file}: {expected}")


def test_good_and_bad_files_together(tmp_path, capsys):
    good, bad = make_file("palette", tmp_path), make_file("empty", tmp_path)
    assert main(["predict", str(good), str(bad), "--json"]) == 1  # one failure: exit 1, the good one still answered
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["digit"] == 7 and "not a readable image" in second["error"]
