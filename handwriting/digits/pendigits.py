"""Real pen-drawn digits (UCI pen digits, UNIPEN text): loading, checksum, and the split by writer.

30 writers wrote about 250 digits each on a tablet; every digit is its pen trajectory. The data is
always split by writer, never by digit, so that a validation figure says how the app reads a person
it has never seen. See assets/pendigits/README.md for the source and licence (CC BY 4.0).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.digits.mnist import read_data_file
from handwriting.errors import DataError
from handwriting.files.resources import resource_path

PEN_ASSETS_DIR = resource_path("assets/pendigits")
PEN_FILE = "pendigits-train.unipen.gz"
PEN_SHA256 = "a66225d68d7d68591e62944df1ad33b3f5aa608e2df2505844b41f5568a80da4"  # of the decompressed text

WRITER_SPLIT_SEED = 20_261_130  # fixed: which writers train and which validate never changes
VALIDATION_WRITERS = 10  # of the 30; the other 20 are trained on


@dataclass(frozen=True)
class PenDigit:
    """One digit as its writer drew it: strokes of (x, y) points in tablet units, y growing downwards."""

    label: int
    writer: int
    strokes: tuple[np.ndarray, ...]  # each (n, 2) float32


@dataclass(frozen=True)
class PenDigits:
    """Every digit of a UNIPEN file, in file order."""

    digits: tuple[PenDigit, ...]
    source: str

    @property
    def labels(self) -> np.ndarray:
        """(N,) int labels."""
        return np.array([digit.label for digit in self.digits], np.int64)

    @property
    def writers(self) -> np.ndarray:
        """(N,) int writer numbers."""
        return np.array([digit.writer for digit in self.digits], np.int64)

    def by_writers(self, writers: set[int] | frozenset[int]) -> PenDigits:
        """Only the digits of these writers."""
        return PenDigits(tuple(d for d in self.digits if d.writer in writers), self.source)


@dataclass(frozen=True)
class WriterSplit:
    """Which writers are trained on and which validate; disjoint by construction and by check."""

    train: frozenset  # writer ids: ints for the pen digits, "site/name" strings for UNIPEN
    val: frozenset


# --- Parsing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One .SEGMENT of UNIPEN text as read, before a format gives its fields a meaning."""

    label: str | None  # the text between the .SEGMENT line's quotes; None when it has none
    line: int  # the .SEGMENT line's number
    fields: dict[str, tuple[str, int]]  # keyword (".WRITER", ".COMMENT", ...) -> (the rest of its line, its number)
    strokes: tuple[np.ndarray, ...]  # each (n, 2) float32, y growing downwards


def _quoted(line: str) -> str | None:
    quoted = line.split('"')
    return quoted[1] if len(quoted) >= 3 else None


def parse_segments(text: str, name: str, what: str = "digit") -> list[Segment]:
    """The segments of UNIPEN text: pen strokes with y flipped to grow downwards, and each segment's own
    dot lines. A truncated stroke, a bad point or stray text raises DataError naming the file and line."""
    segments: list[Segment] = []
    current: dict | None = None
    points: list[tuple[float, float]] | None = None

    def finish(number: int) -> None:
        if current is None:
            return
        if points is not None:
            raise DataError(f"{name}, line {number}: a stroke has no .PEN_UP; the file looks truncated")
        if not current["strokes"]:
            raise DataError(f"{name}, line {number}: a {what} has no strokes; the file looks truncated")
        segments.append(Segment(current["label"], current["line"], current["fields"], tuple(current["strokes"])))

    number = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith(".SEGMENT"):
            finish(number)
            current, points = {"label": _quoted(line), "line": number, "fields": {}, "strokes": []}, None
        elif line.startswith(".PEN_DOWN"):
            if current is None or points is not None:
                raise DataError(f"{name}, line {number}: .PEN_DOWN outside a {what} or inside another stroke")
            points = []
        elif line.startswith(".PEN_UP"):
            if points is None or not points:
                raise DataError(f"{name}, line {number}: .PEN_UP without a stroke's points")
            xy = np.array(points, np.float32)
            xy[:, 1] = -xy[:, 1]  # tablet y grows upwards, the screen's downwards
            current["strokes"].append(xy)
            points = None
        elif line.startswith("."):
            keyword, _, rest = line.partition(" ")
            if current is not None:  # header lines (.INCLUDE, .LEXICON, .HIERARCHY, ...) are skipped
                current["fields"].setdefault(keyword, (rest.strip(), number))
        elif points is not None:
            fields = line.split()
            try:
                points.append((float(fields[0]), float(fields[1])))
            except (ValueError, IndexError):
                raise DataError(f"{name}, line {number}: expected two numbers 'x y', got {line[:40]!r}") from None
        else:
            raise DataError(f"{name}, line {number}: unexpected text outside a stroke: {line[:40]!r}")
    finish(number + 1)
    if not segments:
        raise DataError(f"{name}: no {what}s found; is this a UNIPEN file?")
    return segments


def _pen_digit(segment: Segment, name: str) -> PenDigit:
    label = segment.label
    if label is None or not label.isdigit() or len(label) != 1:
        raise DataError(f'{name}, line {segment.line}: a .SEGMENT line needs a quoted digit label like "7"')
    if ".COMMENT" not in segment.fields:
        raise DataError(f"{name}, line {segment.line}: a digit has no .COMMENT line with its writer")
    comment, number = segment.fields[".COMMENT"]
    fields = comment.split()
    if len(fields) < 2 or not fields[1].isdigit():
        raise DataError(f"{name}, line {number}: a .COMMENT line needs 'label writer sample'")
    return PenDigit(int(label), int(fields[1]), segment.strokes)


def parse_unipen(text: str, name: str = "UNIPEN text") -> PenDigits:
    """Parse UCI pen-digit UNIPEN text into digits. Any malformed line raises DataError naming the file and line."""
    return PenDigits(tuple(_pen_digit(segment, name) for segment in parse_segments(text, name)), name)


def read_unipen_text(file: Path, sha256: str | None, restore: str, what: str) -> str:
    """A UNIPEN file's text (.gz or plain), its decompressed SHA-256 checked when `sha256` is given."""
    raw = read_data_file(file, f"{what} file not found; {restore}", restore)
    if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
        raise DataError(f"{file}: checksum mismatch (the file is damaged or changed); {restore}")
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        raise DataError(f"{file}: not a UNIPEN text file (it is not plain ASCII)") from None


def load_pendigits(path: str | Path | None = None) -> PenDigits:
    """Load the bundled pen digits (checksum verified) or another UNIPEN file (.gz or plain text)."""
    file = Path(path) if path is not None else PEN_ASSETS_DIR / PEN_FILE
    text = read_unipen_text(file, PEN_SHA256 if path is None else None, "restore it from assets/pendigits", "pen-digit")
    return parse_unipen(text, str(file))


# --- The split by writer -----------------------------------------------------------------------------


def split_writers(
    writers: np.ndarray | list[int], val_count: int = VALIDATION_WRITERS, seed: int = WRITER_SPLIT_SEED
) -> WriterSplit:
    """Shuffle the distinct writers with a fixed seed: the first `val_count` validate, the rest train."""
    distinct = np.unique(np.asarray(writers))
    if not 0 < val_count < len(distinct):
        raise ValueError(f"cannot hold out {val_count} of {len(distinct)} writers")
    order = np.random.default_rng(seed).permutation(distinct)
    split = WriterSplit(frozenset(int(w) for w in order[val_count:]), frozenset(int(w) for w in order[:val_count]))
    require_disjoint_writers(split)
    return split


def require_disjoint_writers(split: WriterSplit) -> None:
    """The leak check for pen data: raise DataError if any writer is in both splits."""
    shared = split.train & split.val
    if shared:
        raise DataError(f"writers {sorted(shared)} are in both the training and the validation split")
