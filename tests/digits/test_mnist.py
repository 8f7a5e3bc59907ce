"""IDX parsing, integrity errors, splits and the leak check."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from conftest import idx_bytes, write_idx_folder

from handwriting.digits import mnist as data
from handwriting.errors import DataError


def test_bundled_mnist_has_official_shapes_and_counts(mnist):
    assert mnist.train_images.shape == (60_000, 28, 28)
    assert mnist.test_images.shape == (10_000, 28, 28)
    assert mnist.train_images.dtype == np.uint8
    assert np.bincount(mnist.test_labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_parse_idx_round_trip():
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    parsed = data.parse_idx(idx_bytes(array, data.IMAGE_MAGIC), data.IMAGE_MAGIC, "x")
    np.testing.assert_array_equal(parsed, array)


def test_wrong_magic_is_named():
    raw = idx_bytes(np.zeros((2, 28, 28), np.uint8), data.LABEL_MAGIC)
    with pytest.raises(DataError, match="wrong magic number 2049, expected 2051"):
        data.parse_idx(raw, data.IMAGE_MAGIC, "images.idx")


def test_truncated_content_is_named():
    raw = idx_bytes(np.zeros((2, 28, 28), np.uint8), data.IMAGE_MAGIC)[:-10]
    with pytest.raises(DataError, match="images.idx: truncated"):
        data.parse_idx(raw, data.IMAGE_MAGIC, "images.idx")


def test_tiny_file_is_truncated():
    with pytest.raises(DataError, match="too short"):
        data.parse_idx(b"\x00\x00", data.IMAGE_MAGIC, "x")


def test_missing_file_names_the_file(small_idx_folder):
    (small_idx_folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte.*not found"):
        data.load_mnist(small_idx_folder)


def test_corrupt_gzip_names_the_file(small_idx_folder):
    (small_idx_folder / "train-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8bgarbage")
    with pytest.raises(DataError, match="train-images-idx3-ubyte.gz: corrupt gzip"):
        data.load_mnist(small_idx_folder)


def test_label_out_of_range_and_count_mismatch(tmp_path, mnist):
    labels = mnist.train_labels[:50].copy()
    labels[3] = 12
    folder = write_idx_folder(
        tmp_path / "bad", mnist.train_images[:50], labels, mnist.test_images[:5], mnist.test_labels[:5]
    )
    with pytest.raises(DataError, match="label 12 is out of range"):
        data.load_mnist(folder)
    folder = write_idx_folder(
        tmp_path / "bad2",
        mnist.train_images[:50],
        mnist.train_labels[:49],
        mnist.test_images[:5],
        mnist.test_labels[:5],
    )
    with pytest.raises(DataError, match="50 images but 49 labels"):
        data.load_mnist(folder)


def test_bundled_checksum_is_verified(tmp_path, monkeypatch, mnist):
    folder = write_idx_folder(
        tmp_path / "assets", mnist.train_images, mnist.train_labels, mnist.test_images, mnist.test_labels
    )
    raw = gzip.decompress((folder / "t10k-images-idx3-ubyte.gz").read_bytes())
    corrupted = bytearray(raw)
    corrupted[5000] ^= 0xFF
    (folder / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(bytes(corrupted), compresslevel=1))
    monkeypatch.setattr(data, "ASSETS_DIR", folder)
    with pytest.raises(DataError, match="t10k-images-idx3-ubyte.gz: SHA-256 does not match"):
        data.load_mnist()


def test_uncompressed_idx_and_npz(tmp_path, mnist):
    folder = write_idx_folder(
        tmp_path / "raw",
        mnist.train_images[:30],
        mnist.train_labels[:30],
        mnist.test_images[:10],
        mnist.test_labels[:10],
        compress=False,
    )
    assert data.load_mnist(folder).train_images.shape == (30, 28, 28)
    npz = tmp_path / "mnist.npz"
    np.savez(
        npz,
        x_train=mnist.train_images[:30],
        y_train=mnist.train_labels[:30],
        x_test=mnist.test_images[:10],
        y_test=mnist.test_labels[:10],
    )
    loaded = data.load_mnist(npz)
    np.testing.assert_array_equal(loaded.test_labels, mnist.test_labels[:10])


def test_npz_with_missing_array(tmp_path):
    npz = tmp_path / "mnist.npz"
    np.savez(npz, x_train=np.zeros((2, 28, 28), np.uint8))
    with pytest.raises(DataError, match="missing array 'y_train'"):
        data.load_mnist(npz)


def test_missing_path():
    with pytest.raises(DataError, match="no such file or folder"):
        data.load_mnist("/nonexistent/mnist")


def test_split_sizes_disjoint_and_stratified(splits, mnist):
    assert len(splits.x_train) == 54_000 and len(splits.x_val) == 6_000
    assert len(splits.x_test) == 10_000
    assert len(np.intersect1d(splits.train_index, splits.val_index)) == 0
    assert len(np.union1d(splits.train_index, splits.val_index)) == 60_000
    overall = np.bincount(mnist.train_labels, minlength=10) / 60_000
    val_share = np.bincount(splits.y_val, minlength=10) / 6_000
    np.testing.assert_allclose(val_share, overall, atol=0.0005)


def test_split_is_reproducible_and_seeded(mnist):
    a = data.make_splits(mnist, seed=1)
    b = data.make_splits(mnist, seed=1)
    c = data.make_splits(mnist, seed=2)
    np.testing.assert_array_equal(a.val_index, b.val_index)
    assert not np.array_equal(a.val_index, c.val_index)


def test_mnist_splits_do_not_leak(splits):
    report = data.check_leaks(splits)
    assert report.clean, report.describe()
    assert report.test_in_train == 0 and report.test_in_val == 0 and report.shared_indices == 0


def test_leaking_data_is_detected_and_refused(mnist):
    leaky = data.Mnist(
        mnist.train_images[:500],
        mnist.train_labels[:500],
        np.concatenate([mnist.test_images[:50], mnist.train_images[:3]]),
        np.concatenate([mnist.test_labels[:50], mnist.train_labels[:3]]),
        "leaky",
    )
    splits = data.make_splits(leaky, val_size=50)
    report = data.check_leaks(splits)
    assert report.test_in_train + report.test_in_val == 3
    assert not report.clean
    with pytest.raises(DataError, match="leaks between splits"):
        data.require_no_leaks(splits)
