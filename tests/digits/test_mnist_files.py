"""`handwriting train` on bad MNIST data: one line naming the file and the problem; training never starts."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from conftest import idx_bytes, write_idx_folder

from handwriting.cli.main import main
from handwriting.digits import mnist as data
from handwriting.training import recipe as training


def small_folder(folder: Path, mnist, train: int = 50, test: int = 10, **overrides) -> Path:
    arrays = {
        "train_images": mnist.train_images[:train],
        "train_labels": mnist.train_labels[:train],
        "test_images": mnist.test_images[:test],
        "test_labels": mnist.test_labels[:test],
    }
    arrays.update(overrides)
    return write_idx_folder(folder, **arrays)


def wrong_magic(folder, mnist):
    path = small_folder(folder, mnist)
    raw = idx_bytes(mnist.train_images[:50], data.LABEL_MAGIC)
    (path / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(raw, compresslevel=1))
    return path, "train-images-idx3-ubyte.gz: wrong magic number 2049, expected 2051"


def wrong_label_magic(folder, mnist):
    path = small_folder(folder, mnist)
    raw = idx_bytes(mnist.test_labels[:10], data.IMAGE_MAGIC)
    (path / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(raw, compresslevel=1))
    return path, "t10k-labels-idx1-ubyte.gz: wrong magic number 2051, expected 2049"


def truncated_images(folder, mnist):
    path = small_folder(folder, mnist)
    raw = idx_bytes(mnist.train_images[:50], data.IMAGE_MAGIC)[:-1000]
    (path / "train-images-idx3-ubyte.gz").unlink()
    (path / "train-images-idx3-ubyte").write_bytes(raw)  # uncompressed IDX files work too
    return path, "train-images-idx3-ubyte: truncated or padded"


def truncated_gzip(folder, mnist):
    path = small_folder(folder, mnist)
    file = path / "train-labels-idx1-ubyte.gz"
    file.write_bytes(file.read_bytes()[:20])
    return path, "train-labels-idx1-ubyte.gz: corrupt gzip data"


def empty_file(folder, mnist):
    path = small_folder(folder, mnist)
    (path / "t10k-images-idx3-ubyte.gz").unlink()
    (path / "t10k-images-idx3-ubyte").write_bytes(b"")
    return path, "t10k-images-idx3-ubyte: truncated, 0 bytes is too short for an IDX header"


def label_out_of_range(folder, mnist):
    labels = mnist.train_labels[:50].copy()
    labels[7] = 12
    return small_folder(folder, mnist, train_labels=labels), "train-*: label 12 is out of range 0-9"


def count_mismatch(folder, mnist):
    path = small_folder(folder, mnist, test_labels=mnist.test_labels[:9])
    return path, "t10k-*: 10 images but 9 labels; the counts must match"


def missing_file(folder, mnist):
    path = small_folder(folder, mnist)
    (path / "t10k-labels-idx1-ubyte.gz").unlink()
    return path, "t10k-labels-idx1-ubyte[.gz]: file not found"


def too_few_images(folder, mnist):
    return small_folder(folder, mnist), "50 training images are too few; at least 6,001 are needed"


def leaking_splits(folder, mnist):
    test_images = np.concatenate([mnist.test_images[:20], mnist.train_images[:3]])
    test_labels = np.concatenate([mnist.test_labels[:20], mnist.train_labels[:3]])
    path = small_folder(folder, mnist, train=6_100, test_images=test_images, test_labels=test_labels)
    return path, "data: the data leaks between splits: 0 shared indices, 0 test images identical to training images, 3"


def npz_float_images(folder, mnist):
    path = folder / "mnist.npz"
    folder.mkdir()
    np.savez(
        path,
        x_train=np.zeros((5, 28, 28)),
        y_train=np.zeros(5, np.uint8),
        x_test=mnist.test_images[:5],
        y_test=mnist.test_labels[:5],
    )
    return path, "mnist.npz: x_train has dtype float64, expected uint8"


def npz_pickled_object(folder, mnist):
    path = folder / "mnist.npz"
    folder.mkdir()
    np.savez(
        path, x_train=np.array([{"a": 1}], dtype=object), y_train=np.zeros(1), x_test=np.zeros(1), y_test=np.zeros(1)
    )
    return path, "mnist.npz: holds pickled Python objects, which are never loaded"


def not_npz(folder, mnist):
    path = folder / "mnist.npz"
    folder.mkdir()
    path.write_text("hello")
    return path, "mnist.npz: not an .npz archive"


BAD_DATA = [
    wrong_magic,
    wrong_label_magic,
    truncated_images,
    truncated_gzip,
    empty_file,
    label_out_of_range,
    count_mismatch,
    missing_file,
    too_few_images,
    leaking_splits,
    npz_float_images,
    npz_pickled_object,
    not_npz,
]


@pytest.mark.parametrize("make", BAD_DATA, ids=lambda make: make.__name__)
def test_train_on_bad_data_is_one_line_and_never_starts(tmp_path, mnist, monkeypatch, capsys, make):
    folder, message = make(tmp_path / "data", mnist)

    def must_not_run(*args, **kwargs):
        raise AssertionError("training started on bad data")

    monkeypatch.setattr(training, "train", must_not_run)
    out = tmp_path / "models" / "model.keras"
    code = main(["train", "--data", str(folder), "--out", str(out), "--preset", "lenet5", "--epochs", "1"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("error: ") and message in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(folder) in err  # names the file or folder
    assert not out.parent.exists(), "nothing is written when the data is bad"
