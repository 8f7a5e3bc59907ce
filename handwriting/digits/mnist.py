"""MNIST loading (IDX or npz), integrity checks, the train/validation/test splits and the leak check."""

from __future__ import annotations

import gzip
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.errors import DataError
from handwriting.files.resources import resource_path
from handwriting.labels import DIGITS, SIDE

ASSETS_DIR = resource_path("assets/mnist")  # the bundled MNIST, in the clone or the installed package

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
VALIDATION_SIZE = 6_000
SPLIT_SEED = 20_240_601

# SHA-256 of the decompressed official files (see assets/mnist/SHA256SUMS.uncompressed).
OFFICIAL_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


@dataclass(frozen=True)
class Mnist:
    """The official MNIST arrays: uint8 images (N, 28, 28), uint8 labels (N,)."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str


@dataclass(frozen=True)
class Splits:
    """Train, validation and test arrays, plus the indices of train/validation in the official 60k."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    train_index: np.ndarray
    val_index: np.ndarray
    source: str = ""  # where the data came from, for error messages


@dataclass(frozen=True)
class LeakReport:
    """What the leak check found; `clean` is True when the splits are properly apart."""

    shared_indices: int
    test_in_train: int
    test_in_val: int
    val_in_train: int

    @property
    def clean(self) -> bool:
        """True when no index is shared and no test image appears in train or validation."""
        return self.shared_indices == 0 and self.test_in_train == 0 and self.test_in_val == 0

    def describe(self) -> str:
        """One line for the user."""
        return (
            f"{self.shared_indices} shared indices, {self.test_in_train} test images identical to "
            f"training images, {self.test_in_val} identical to validation images "
            f"({self.val_in_train} validation images duplicate training ones)"
        )


# --- IDX parsing --------------------------------------------------------------------------------


def read_data_file(path: Path, missing: str, restore: str) -> bytes:
    """A data file's bytes, decompressed when it ends in .gz. A missing, unreadable or corrupt file raises
    DataError naming it: `missing` says what a missing file means, `restore` where to get a good copy."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: {missing}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise DataError(f"{path}: corrupt gzip data ({exc}); {restore}") from None
    return raw


def parse_idx(raw: bytes, expected_magic: int, name: str) -> np.ndarray:
    """Parse IDX bytes (uint8 data) into an array, checking the magic number and the size."""
    if len(raw) < 8:
        raise DataError(f"{name}: truncated, {len(raw)} bytes is too short for an IDX header")
    magic = int.from_bytes(raw[:4], "big")
    if magic != expected_magic:
        kind = "images" if expected_magic == IMAGE_MAGIC else "labels"
        raise DataError(f"{name}: wrong magic number {magic}, expected {expected_magic} for IDX {kind}")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{name}: truncated header")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape, dtype=np.int64))
    actual = len(raw) - header
    if actual != expected:
        raise DataError(f"{name}: truncated or padded, {actual} data bytes where the header {shape} needs {expected}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def _find(folder: Path, stem: str) -> Path:
    for candidate in (folder / stem, folder / f"{stem}.gz"):
        if candidate.exists():
            return candidate
    raise DataError(f"{folder / stem}[.gz]: file not found; the MNIST folder needs all four IDX files")


def _load_idx_pair(folder: Path, prefix: str, verify: bool) -> tuple[np.ndarray, np.ndarray]:
    arrays = []
    for kind, magic in (("images-idx3-ubyte", IMAGE_MAGIC), ("labels-idx1-ubyte", LABEL_MAGIC)):
        stem = f"{prefix}-{kind}"
        path = _find(folder, stem)
        raw = read_data_file(
            path, "file not found; the MNIST folder needs all four IDX files", "restore the file from assets/mnist"
        )
        if verify and hashlib.sha256(raw).hexdigest() != OFFICIAL_SHA256[stem]:
            raise DataError(f"{path}: SHA-256 does not match the official MNIST file; the file is corrupt, restore it")
        arrays.append(parse_idx(raw, magic, str(path)))
    images, labels = arrays
    _check_arrays(images, labels, f"{folder}/{prefix}-*")
    return images, labels


def _check_arrays(images: np.ndarray, labels: np.ndarray, name: str) -> None:
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE):
        raise DataError(f"{name}: images have shape {images.shape}, expected (N, 28, 28)")
    if labels.ndim != 1:
        raise DataError(f"{name}: labels have shape {labels.shape}, expected (N,)")
    if len(images) != len(labels):
        raise DataError(f"{name}: {len(images)} images but {len(labels)} labels; the counts must match")
    if len(labels) and int(labels.max()) >= DIGITS:
        raise DataError(f"{name}: label {int(labels.max())} is out of range 0-9")


def _load_npz(path: Path) -> Mnist:
    keys = ("x_train", "y_train", "x_test", "y_test")
    if not zipfile.is_zipfile(path):  # np.load would try it as a pickle (and refuse): say what it really is
        raise DataError(f"{path}: not an .npz archive; pass a Keras-style mnist.npz or a folder of MNIST IDX files")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [key for key in keys if key not in npz.files]
            if missing:
                raise DataError(
                    f"{path}: missing array {missing[0]!r}; "
                    "a Keras-style mnist.npz has x_train, y_train, x_test, y_test"
                )
            arrays = {key: np.asarray(npz[key]) for key in keys}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        if "allow_pickle" in str(exc):
            raise DataError(f"{path}: holds pickled Python objects, which are never loaded; use plain arrays") from None
        raise DataError(f"{path}: not a readable .npz file ({exc})") from None
    for key, value in arrays.items():
        if value.dtype != np.uint8:
            if not np.issubdtype(value.dtype, np.integer):
                raise DataError(f"{path}: {key} has dtype {value.dtype}, expected uint8")
            if value.size and (value.min() < 0 or value.max() > 255):
                raise DataError(f"{path}: {key} has values outside 0-255")
            arrays[key] = value.astype(np.uint8)
    _check_arrays(arrays["x_train"], arrays["y_train"], f"{path} (train)")
    _check_arrays(arrays["x_test"], arrays["y_test"], f"{path} (test)")
    return Mnist(arrays["x_train"], arrays["y_train"], arrays["x_test"], arrays["y_test"], str(path))


def load_mnist(path: str | Path | None = None) -> Mnist:
    """Load MNIST from the bundled assets, a folder of IDX files, or a Keras-style mnist.npz.

    The bundled files are checked against their official SHA-256 checksums.
    """
    folder = Path(path) if path is not None else ASSETS_DIR
    if not folder.exists():
        raise DataError(f"{folder}: no such file or folder; pass --data a folder of MNIST IDX files or an mnist.npz")
    if folder.is_file():
        return _load_npz(folder)
    verify = folder.resolve() == ASSETS_DIR.resolve()
    train = _load_idx_pair(folder, "train", verify)
    test = _load_idx_pair(folder, "t10k", verify)
    return Mnist(*train, *test, source=str(folder))


# --- Splits and the leak check ------------------------------------------------------------------


def stratified_split(labels: np.ndarray, val_size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, validation), validation drawn per class in proportion to its frequency."""
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    quotas = np.floor(counts / counts.sum() * val_size).astype(int)
    # Hand the rounding remainder to the classes with the largest fractional parts.
    remainder = val_size - quotas.sum()
    fractions = counts / counts.sum() * val_size - quotas
    quotas[np.argsort(-fractions)[:remainder]] += 1
    val_parts = []
    for cls, quota in zip(classes, quotas, strict=True):
        members = np.flatnonzero(labels == cls)
        val_parts.append(rng.choice(members, size=quota, replace=False))
    val_index = np.sort(np.concatenate(val_parts))
    train_index = np.setdiff1d(np.arange(len(labels)), val_index)
    return train_index, val_index


def make_splits(mnist: Mnist, val_size: int = VALIDATION_SIZE, seed: int = SPLIT_SEED) -> Splits:
    """Carve a stratified validation split out of the official training set; the test set stays as is."""
    if not 0 < val_size < len(mnist.train_labels):
        raise DataError(
            f"{mnist.source}: {len(mnist.train_labels)} training images are too few; at least {val_size + 1:,} "
            f"are needed ({val_size:,} go to the validation split)"
        )
    train_index, val_index = stratified_split(mnist.train_labels, val_size, seed)
    return Splits(
        x_train=mnist.train_images[train_index],
        y_train=mnist.train_labels[train_index],
        x_val=mnist.train_images[val_index],
        y_val=mnist.train_labels[val_index],
        x_test=mnist.test_images,
        y_test=mnist.test_labels,
        train_index=train_index,
        val_index=val_index,
        source=mnist.source,
    )


def _digests(images: np.ndarray) -> set[bytes]:
    flat = np.ascontiguousarray(images).reshape(len(images), -1)
    return {hashlib.blake2b(row.tobytes(), digest_size=16).digest() for row in flat}


def _count_in(images: np.ndarray, digests: set[bytes]) -> int:
    flat = np.ascontiguousarray(images).reshape(len(images), -1)
    return sum(hashlib.blake2b(row.tobytes(), digest_size=16).digest() in digests for row in flat)


def check_leaks(splits: Splits) -> LeakReport:
    """Count shared indices and byte-identical images between the splits."""
    train_digests = _digests(splits.x_train)
    val_digests = _digests(splits.x_val)
    return LeakReport(
        shared_indices=len(np.intersect1d(splits.train_index, splits.val_index)),
        test_in_train=_count_in(splits.x_test, train_digests),
        test_in_val=_count_in(splits.x_test, val_digests),
        val_in_train=_count_in(splits.x_val, train_digests),
    )


def require_no_leaks(splits: Splits) -> LeakReport:
    """Run the leak check and refuse splits where test images also appear in train or validation."""
    report = check_leaks(splits)
    if not report.clean:
        where = f"{splits.source}: " if splits.source else ""
        raise DataError(
            f"{where}the data leaks between splits: {report.describe()}; remove the duplicates and try again"
        )
    return report
