"""Shared fixtures, the lanes' markers, and the fast lane's guard; tests run headless (Qt offscreen), TensorFlow quiet.

Markers (pyproject.toml): `tensorflow` (imports TensorFlow: trains, fine-tunes or loads Keras), `process` (starts a
child process: a subprocess, a spawned job), `gui` (every test under tests/gui, set here), `wheel` (builds the wheel).
`make test-fast` runs the tests with neither TensorFlow nor a child process, with HANDWRITING_TEST_LANE=fast: there,
importing TensorFlow or starting a process fails the test with a message that names the missing marker.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import importlib.abc
import multiprocessing.process
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# The app speaks the system's language (handwriting.gui.common.i18n); the suite reads its English texts whatever
# the machine's locale, and tests that want Japanese ask for it (tests/gui/test_japanese.py).
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANG"] = "C.UTF-8"
# Nothing the suite runs reads or writes the real user's folders (a language chosen in the app, models, samples):
# a window built by a module-scoped fixture, before each test's own folders (below), gets the session's.
os.environ["HANDWRITING_HOME"] = tempfile.mkdtemp(prefix="handwriting-test-home-")

import numpy as np
import pytest

from handwriting.digits import mnist as data

# Each test gets its own HANDWRITING_HOME (below). The drawn validation set, which every training run draws
# the same way, is handed from one test's cache folder to the next, child processes included.
# With several workers (pytest-xdist), the main process draws it once before they start, in a folder they share.
SHARED_DRAWINGS_ENV = "HANDWRITING_TEST_DRAWINGS"
_SHARED = os.environ.get(SHARED_DRAWINGS_ENV)
SESSION_DRAWINGS = Path(_SHARED) if _SHARED else Path(tempfile.mkdtemp(prefix="handwriting-test-drawings-"))
DRAWN = "drawn-validation-*.npz"
if not _SHARED:  # the process that made the folder removes it
    atexit.register(shutil.rmtree, SESSION_DRAWINGS, ignore_errors=True)
atexit.register(shutil.rmtree, os.environ["HANDWRITING_HOME"], ignore_errors=True)  # the session's (above)

FAST_LANE = os.environ.get("HANDWRITING_TEST_LANE") == "fast"
GUI_TESTS = Path(__file__).resolve().parent / "gui"


class FastLaneViolation(RuntimeError):
    """A test in the fast lane imported TensorFlow or started a child process: it lacks its marker."""


class _NoTensorFlow(importlib.abc.MetaPathFinder):
    """Refuses to import TensorFlow and Keras (the fast lane's guard)."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras"):
            raise FastLaneViolation(f"the fast lane imports no TensorFlow ({name}): mark this test `tensorflow`")
        return None


def _no_child_process(*args, **kwargs):
    raise FastLaneViolation("the fast lane starts no child process: mark this test `process`")


@pytest.fixture(scope="session", autouse=True)
def _fast_lane_guard():
    """In the fast lane, from the first test on: no TensorFlow, no child process.

    A session fixture, so it runs where the tests run: with pytest-xdist, in each worker, never in the
    process that starts the workers.
    """
    if FAST_LANE:
        platform.processor()  # h5py asks for it on import; the platform module runs `uname -p` once, then caches
        sys.meta_path.insert(0, _NoTensorFlow())
        subprocess.Popen._execute_child = _no_child_process
        multiprocessing.process.BaseProcess.start = _no_child_process
    yield


def pytest_collection_modifyitems(config, items):
    """Every test under tests/gui is marked `gui`."""
    for item in items:
        if GUI_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.gui)



def idx_bytes(array: np.ndarray, magic: int) -> bytes:
    """Encode a uint8 array in the IDX format."""
    header = magic.to_bytes(4, "big") + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + np.ascontiguousarray(array, dtype=np.uint8).tobytes()


def write_idx_folder(folder: Path, train_images, train_labels, test_images, test_labels, compress=True) -> Path:
    """Write the four MNIST files into `folder` (gzipped by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "train-images-idx3-ubyte": idx_bytes(train_images, data.IMAGE_MAGIC),
        "train-labels-idx1-ubyte": idx_bytes(train_labels, data.LABEL_MAGIC),
        "t10k-images-idx3-ubyte": idx_bytes(test_images, data.IMAGE_MAGIC),
        "t10k-labels-idx1-ubyte": idx_bytes(test_labels, data.LABEL_MAGIC),
    }
    for name, raw in files.items():
        if compress:
            (folder / f"{name}.gz").write_bytes(gzip.compress(raw, compresslevel=1))  # fast; any level reads
        else:
            (folder / name).write_bytes(raw)
    return folder


@pytest.fixture(scope="session")
def mnist() -> data.Mnist:
    """The bundled MNIST, loaded once."""
    return data.load_mnist()


@pytest.fixture(scope="session")
def splits(mnist) -> data.Splits:
    """The standard train/validation/test splits."""
    return data.make_splits(mnist)


@pytest.fixture()
def small_idx_folder(tmp_path, mnist) -> Path:
    """A small, valid MNIST folder: 600 training and 100 test images taken from the real data."""
    return write_idx_folder(
        tmp_path / "small",
        mnist.train_images[:600],
        mnist.train_labels[:600],
        mnist.test_images[:100],
        mnist.test_labels[:100],
    )


@pytest.fixture(scope="session")
def recognizer():
    """The shipped default model."""
    from handwriting.recognition.recognizer import Recognizer

    return Recognizer.load()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Before pytest-xdist starts its workers: draw the validation set once, for all of them to link."""
    if _SHARED or session.config.getoption("dist", "no") == "no":
        return
    from handwriting.digits import drawn

    home = SESSION_DRAWINGS / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDWRITING_HOME", str(home))
        drawn._bundled_validation()
        for made in (home / "cache").glob(DRAWN):
            os.link(made, SESSION_DRAWINGS / made.name)
    drawn._bundled_validation.cache_clear()
    os.environ[SHARED_DRAWINGS_ENV] = str(SESSION_DRAWINGS)  # the workers inherit it


@pytest.fixture(autouse=True)
def _user_folders_in_tmp(tmp_path_factory, monkeypatch):
    """Every test writes its per-user files (models, store, settings) under a temporary HANDWRITING_HOME.

    Its cache folder starts with the drawn validation set if a test before it drew one, and hands on any it draws.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HANDWRITING_HOME", str(home))
    cache = home / "cache"
    cache.mkdir()
    for drawn in SESSION_DRAWINGS.glob(DRAWN):
        os.link(drawn, cache / drawn.name)
    yield
    for drawn in cache.glob(DRAWN):
        if not (SESSION_DRAWINGS / drawn.name).exists():
            with contextlib.suppress(FileExistsError):  # another worker handed on the same drawing first
                os.link(drawn, SESSION_DRAWINGS / drawn.name)
