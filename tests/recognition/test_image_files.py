"""`handwriting predict` on bad and odd image files: a clear one-line answer or a sensible digit, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handwriting.cli.main import main
from handwriting.recognition import images
from handwriting.recognition.recognizer import Recognizer

from helpers import make_file

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
