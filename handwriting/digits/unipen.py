"""UNIPEN pen-written digits and numbers from many sites: loading, checksums, the split by writer and its leak check.

assets/unipen holds part of UNIPEN train_r01_v07 (CC BY 4.0; see assets/unipen/README.md): 11,755 isolated
digits by 213 writers from eight sites, and 311 numbers of 2-5 digits by 47 other writers from three other
sites. The digits are split by writer, never by sample, stratified by site so every site with two writers or
more is in both sets; the numbers are validation data only (none of their writers is ever trained on).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.digits.pendigits import Segment, WriterSplit, parse_segments, read_unipen_text
from handwriting.errors import DataError
from handwriting.files.resources import resource_path

UNIPEN_ASSETS_DIR = resource_path("assets/unipen")
DIGITS_FILE = "unipen-digits.unipen.gz"
NUMBERS_FILE = "unipen-numbers.unipen.gz"
SHA256 = {  # of the decompressed text, as in assets/unipen/SHA256SUMS.uncompressed
    DIGITS_FILE: "90b9734e3a2c038334d5a3ab00081e336cf1b8cb7ea24c5f4580f8016ce12048",
    NUMBERS_FILE: "8a07a2988c12c50856d953177be5e73052553efef08a4739c9e3f132614e2d5d",
}
RESTORE = "restore it from assets/unipen"

UNIPEN_SPLIT_SEED = 20_261_207  # fixed: which writers train and which validate never changes
VALIDATION_SHARE = 1 / 3  # of each site's writers (at least one, never all of a site with two or more)


@dataclass(frozen=True)
class UnipenSample:
    """One digit or number as its writer wrote it: strokes of (x, y) tablet points, y growing downwards."""

    label: str  # "7" for a digit, "967" for a number
    writer: str  # "site/name", unique across the files
    site: str
    country: str
    strokes: tuple[np.ndarray, ...]  # each (n, 2) float32


@dataclass(frozen=True)
class UnipenSet:
    """Every sample of a UNIPEN file, in file order."""

    samples: tuple[UnipenSample, ...]
    source: str

    @property
    def writers(self) -> np.ndarray:
        """(N,) writer ids (str)."""
        return np.array([sample.writer for sample in self.samples], dtype=object)

    @property
    def labels(self) -> np.ndarray:
        """(N,) int labels of single digits (a number's label does not fit and raises ValueError)."""
        return np.array([int(sample.label) for sample in self.samples if len(sample.label) == 1], np.int64)

    def by_writers(self, writers: set[str] | frozenset[str]) -> UnipenSet:
        """Only the samples of these writers."""
        return UnipenSet(tuple(s for s in self.samples if s.writer in writers), self.source)


def _sample(segment: Segment, name: str, what: str) -> UnipenSample:
    label = segment.label
    if not label or not label.isdigit() or (what == "digit" and len(label) != 1):
        example = '"7"' if what == "digit" else '"967"'
        raise DataError(f"{name}, line {segment.line}: a .SEGMENT line needs a quoted {what} label like {example}")
    fields = {key: value for key, (value, _) in segment.fields.items()}
    if not fields.get(".WRITER"):
        raise DataError(f"{name}, line {segment.line}: a {what} has no .WRITER line; {RESTORE}")
    writer = fields[".WRITER"]
    site = fields.get(".SITE") or writer.split("/")[0]
    return UnipenSample(label, writer, site, fields.get(".COUNTRY", "unknown"), segment.strokes)


def parse_unipen_samples(text: str, name: str = "UNIPEN text", what: str = "digit") -> UnipenSet:
    """Parse UNIPEN text of `what` ("digit" or "number") samples; a bad line raises DataError naming file and line."""
    return UnipenSet(tuple(_sample(segment, name, what) for segment in parse_segments(text, name, what)), name)


def _load(file_name: str, path: str | Path | None, what: str) -> UnipenSet:
    file = Path(path) if path is not None else UNIPEN_ASSETS_DIR / file_name
    text = read_unipen_text(file, SHA256[file_name] if path is None else None, RESTORE, f"UNIPEN {what}")
    return parse_unipen_samples(text, str(file), what)


def load_unipen_digits(path: str | Path | None = None) -> UnipenSet:
    """The bundled UNIPEN digits (checksum verified), or another UNIPEN file of single digits."""
    return _load(DIGITS_FILE, path, "digit")


def load_unipen_numbers(path: str | Path | None = None) -> UnipenSet:
    """The bundled UNIPEN numbers (checksum verified), or another UNIPEN file of numbers."""
    return _load(NUMBERS_FILE, path, "number")


# --- The split by writer, stratified by site, and the leak check ------------------------------------


def split_unipen_writers(
    digits: UnipenSet, numbers: UnipenSet | None = None, seed: int = UNIPEN_SPLIT_SEED
) -> WriterSplit:
    """Training and validation writers: about VALIDATION_SHARE of each site's digit writers validate (a site
    with two writers or more is in both sets; a lone writer trains), and every number writer validates."""
    by_site: dict[str, set[str]] = {}
    for sample in digits.samples:
        by_site.setdefault(sample.site, set()).add(sample.writer)
    rng = np.random.default_rng(seed)
    train: set[str] = set()
    val: set[str] = {s.writer for s in numbers.samples} if numbers is not None else set()
    for site in sorted(by_site):
        writers = sorted(by_site[site] - val)
        count = min(max(1, round(len(writers) * VALIDATION_SHARE)), len(writers) - 1)
        order = [writers[i] for i in rng.permutation(len(writers))]
        val.update(order[:count])
        train.update(order[count:])
    split = WriterSplit(frozenset(train), frozenset(val))
    require_no_unipen_leaks(split, digits, numbers)
    return split


def sample_digest(sample: UnipenSample) -> bytes:
    """A fingerprint of a sample's label and strokes: equal for byte-identical samples."""
    digest = hashlib.sha256(sample.label.encode())
    for stroke in sample.strokes:
        digest.update(np.ascontiguousarray(stroke, np.float32).tobytes() + b"|")
    return digest.digest()


def require_no_unipen_leaks(split: WriterSplit, *sets: UnipenSet | None) -> None:
    """The leak check for UNIPEN: refuse a writer in both splits, or a sample (byte-identical strokes and
    label) that the training writers and the validation writers both hold."""
    shared = split.train & split.val
    if shared:
        raise DataError(f"writers {sorted(shared)[:5]} are in both the training and the validation split")
    samples = [sample for data in sets if data is not None for sample in data.samples]
    train = {sample_digest(s) for s in samples if s.writer in split.train}
    leaked = sum(sample_digest(s) in train for s in samples if s.writer in split.val)
    if leaked:
        raise DataError(f"{leaked} validation samples are also training samples; the UNIPEN split leaks")
