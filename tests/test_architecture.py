"""The core never imports Qt: checked by import-linter and by importing it in a clean interpreter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = [
    "handwriting",
    "handwriting.digits.mnist",
    "handwriting.recognition.preprocess",
    "handwriting.training.model",
    "handwriting.training.augment",
    "handwriting.training.recipe",
    "handwriting.recognition.recognizer",
    "handwriting.recognition.network",
    "handwriting.files.storage",
    "handwriting.recognition.images",
    "handwriting.training.evaluation",
    "handwriting.files.paths",
    "handwriting.files.resources",
    "handwriting.files.desktop",
    "handwriting.training.logs",
    "handwriting.cli.main",
    "handwriting.digits.pendigits",
    "handwriting.digits.pen",
    "handwriting.digits.nondigits",
    "handwriting.digits.drawn",
    "handwriting.recognition.calibration",
]


def test_core_imports_no_qt_and_no_tensorflow_at_import_time():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PyQt5', 'pyqtgraph', 'tensorflow', 'keras'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.fail("import-linter is not installed; install the dev extras")
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
