"""The store of the user's own handwriting samples: one SQLite file (PersonalStore).

A sample is what the network saw (the normalised 28x28 image, made by handwriting.recognition.preprocess exactly as
Recognizer.predict makes it), the digit it really is, what the model had predicted, where it came from
("enrolment", "correction", or "accepted": a confident answer the user let stand) and when. The store
is a SQLite file (WAL, schema version in `PRAGMA user_version`, one transaction per change, its own
`application_id`). A file that is not such a store raises PersonalStoreError and is never written to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handwriting.errors import HandwritingError
from handwriting.labels import NOT_A_DIGIT, SIDE
from handwriting.personal.store_schema import (
    APPLICATION_ID,
    COLUMNS,
    SCHEMA_1_SOURCES,
    SCHEMA_VERSION,
    SOURCES,
    create_store,
    upgrade,
)
from handwriting.recognition.preprocess import preprocess

BUSY_TIMEOUT_S = 10.0
SQLITE_MAGIC = b"SQLite format 3\x00"
WHAT_TO_DO = "move it aside or delete it (nothing was written to it), or choose another store file"
SIDE_FILES = ("-wal", "-shm")  # SQLite's write-ahead log and its index, beside the store file


class PersonalStoreError(HandwritingError):
    """A file that is not a handwriting store (or a damaged one); the message names it and what to do."""


@dataclass(frozen=True)
class Sample:
    """One stored drawing: the 28x28 uint8 image the network saw, its label, the model's guess, origin, time."""

    id: int
    image: np.ndarray  # (28, 28) uint8, ink bright
    label: int
    predicted: int | None  # 0-9, 10 for "not a digit", None when unknown
    source: str
    created: str  # ISO 8601, UTC


def _check_label(label: int) -> int:
    if isinstance(label, bool) or not isinstance(label, int | np.integer) or not 0 <= int(label) <= 9:
        raise ValueError(f"a sample's label must be a digit from 0 to 9, not {label!r}")
    return int(label)


def normalised_image(canvas: np.ndarray) -> np.ndarray:
    """A canvas (2-D, any size, bright ink on dark) as the network sees it, uint8; ValueError when it is empty."""
    image = preprocess(canvas)
    if image is None:
        raise ValueError("the drawing is empty: there is nothing to learn from")
    return np.round(np.clip(image, 0.0, 1.0) * 255.0).astype(np.uint8)


class PersonalStore:
    """The SQLite store of one user's handwriting samples; created (with its schema) when the file is missing.

    Each call opens its own short connection, so the store may be used from any thread, and from a
    training process at the same time (WAL: readers never wait for the writer).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._schema_version = SCHEMA_VERSION
        if self.path.exists():
            self._check()
        # else: nothing is written until the first sample is (a user who never keeps a drawing has no file)

    def _made(self) -> None:
        """Create the store's file before its first write, if it is not there yet."""
        if not self.path.exists():
            create_store(self.path)
            self._check()

    def __repr__(self) -> str:
        return f"PersonalStore({str(self.path)!r})"

    # --- Opening -----------------------------------------------------------------------------------------

    def _error(self, problem: str) -> PersonalStoreError:
        return PersonalStoreError(f"{self.path}: {problem}; {WHAT_TO_DO}")

    @staticmethod
    def set_aside(path: str | Path) -> Path:
        """Rename an unreadable store (and its -wal and -shm files) to `<name>.broken-<time>`; returns the new name.

        Nothing is written to it: it is kept as it is, and a new, empty store may be made in its place.
        OSError when it cannot be renamed (a missing file included).
        """
        path = Path(path)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.broken-{stamp}")
        os.replace(path, target)
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
        return target

    def _check(self) -> None:
        """Raise PersonalStoreError unless the file is a store of a schema this version reads."""
        if self.path.is_dir():
            raise self._error("is a folder, not a handwriting store")
        try:
            with open(self.path, "rb") as handle:
                header = handle.read(100)
        except OSError as exc:
            raise self._error(f"cannot be read ({exc.strerror or exc})") from None
        if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
            raise self._error("is not a handwriting store (not an SQLite database)")
        if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            raise self._error("is an SQLite database, but not a handwriting store")
        version = self._schema_version = int.from_bytes(header[60:64], "big")
        if version > SCHEMA_VERSION:
            raise self._error(
                f"was written by a newer version of the app (schema {version}; this one reads {SCHEMA_VERSION})"
            )
        try:
            with self._connect() as connection:
                verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
                columns = {row[1] for row in connection.execute("PRAGMA table_info(samples)")}
                with contextlib.suppress(sqlite3.OperationalError):  # busy: another connection has it, in WAL
                    connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise self._error(f"is damaged ({exc})") from None
        if verdict != "ok":
            raise self._error(f"is damaged (SQLite integrity check: {verdict})")
        if not {"id", "image", "label", "predicted", "source", "created"} <= columns:
            raise self._error("has no samples table of the expected form")

    def _upgrade(self) -> None:
        """Bring a store of an older schema to this one (store_schema.upgrade), only before a write needs it.

        Opening an older store, or importing from one, leaves its schema as it is.
        """
        if self._schema_version >= SCHEMA_VERSION:  # as read when opened, or upgraded since: no file access
            return
        with self._connect() as connection:
            upgrade(connection)
        self._schema_version = SCHEMA_VERSION

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one piece of work; `with connection:` inside makes one transaction."""
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise self._error(f"cannot be opened ({exc})") from None
        try:
            connection.execute("PRAGMA synchronous=FULL")  # a committed sample survives a power cut
            yield connection
        finally:
            connection.close()

    def _write(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor:
        self._made()
        with self._connect() as connection, connection:  # one transaction, committed or rolled back
            return connection.execute(sql, parameters)

    # --- Changes (one transaction each) -------------------------------------------------------------------

    def add(self, canvas: np.ndarray, label: int, predicted: int | None = None, source: str = "correction") -> int:
        """Store a drawing (2-D, any size, bright ink on dark, as Recognizer.predict takes it); returns its id."""
        return self.add_image(normalised_image(np.asarray(canvas)), label, predicted, source)

    def add_image(self, image: np.ndarray, label: int, predicted: int | None = None, source: str = "correction") -> int:
        """Store an already normalised (28, 28) image (uint8, or float in [0, 1]); returns its id."""
        label = _check_label(label)
        if source not in SOURCES:
            raise ValueError(f"a sample's source is one of {', '.join(SOURCES)}, not {source!r}")
        if predicted is not None and not 0 <= int(predicted) <= NOT_A_DIGIT:
            raise ValueError(f"a prediction is 0-9 or {NOT_A_DIGIT} (not a digit), not {predicted!r}")
        pixels = np.asarray(image)
        if pixels.shape != (SIDE, SIDE):
            raise ValueError(f"a normalised image is 28x28, not {pixels.shape}")
        if pixels.dtype != np.uint8:
            pixels = np.round(np.clip(np.nan_to_num(pixels.astype(np.float64)), 0.0, 1.0) * 255.0).astype(np.uint8)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        if source not in SCHEMA_1_SOURCES:
            self._upgrade()
        cursor = self._write(
            "INSERT INTO samples (image, label, predicted, source, created) VALUES (?, ?, ?, ?, ?)",
            (pixels.tobytes(), label, None if predicted is None else int(predicted), source, created),
        )
        return int(cursor.lastrowid)

    def relabel(self, sample_id: int, label: int) -> bool:
        """Correct a sample's label; False when there is no such sample."""
        if not self.path.exists():
            return False
        return (
            self._write("UPDATE samples SET label = ? WHERE id = ?", (_check_label(label), int(sample_id))).rowcount > 0
        )

    def remove(self, sample_id: int) -> bool:
        """Delete one sample; False when there is no such sample."""
        if not self.path.exists():
            return False
        return self._write("DELETE FROM samples WHERE id = ?", (int(sample_id),)).rowcount > 0

    def clear(self) -> int:
        """Delete every sample and wipe them from the file (VACUUM, WAL truncated); returns how many there were."""
        if not self.path.exists():
            return 0
        count = self._write("DELETE FROM samples").rowcount
        with self._connect() as connection:
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count

    # --- Reading --------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as connection:
            return int(connection.execute("SELECT count(*) FROM samples").fetchone()[0])

    def samples(self) -> list[Sample]:
        """Every sample, oldest first."""
        if not self.path.exists():
            return []
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {COLUMNS} FROM samples ORDER BY id").fetchall()
        return [
            Sample(
                row[0], np.frombuffer(row[1], np.uint8).reshape(SIDE, SIDE), row[2], row[3], row[4], row[5]
            )
            for row in rows
        ]

    def arrays(self, exclude: Collection[int] = ()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(images (N, 28, 28) uint8, labels (N,), ids (N,)) of every sample not in `exclude`: one snapshot."""
        kept = [sample for sample in self.samples() if sample.id not in set(exclude)]
        images = np.stack([s.image for s in kept]) if kept else np.zeros((0, SIDE, SIDE), np.uint8)
        return images, np.array([s.label for s in kept], np.uint8), np.array([s.id for s in kept], np.int64)

    # --- Export and import ----------------------------------------------------------------------------------

    def export(self, path: str | Path) -> Path:
        """Write a copy of the store to `path` atomically (SQLite's backup, then rename); returns the path."""
        target = Path(path)
        if not self.path.exists():  # nothing kept yet: an empty store, and still none of our own
            target.unlink(missing_ok=True)
            create_store(target)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            with self._connect() as source:
                copy = sqlite3.connect(name)
                try:
                    source.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                finally:
                    copy.close()
            with open(name, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(name, target)
        finally:
            Path(name).unlink(missing_ok=True)
        return target

    def import_from(self, path: str | Path) -> int:
        """Add every sample of another store file (checked first) that is not here already; returns how many."""
        other = Path(path)
        if not other.is_file():
            raise PersonalStoreError(f"{other}: no such file; choose a handwriting store exported by the app")
        incoming = PersonalStore(other).samples()
        self._made()
        if any(sample.source not in SCHEMA_1_SOURCES for sample in incoming):
            self._upgrade()
        with self._connect() as connection, connection:
            present = {(bytes(row[0]), row[1]) for row in connection.execute("SELECT image, label FROM samples")}
            new = [s for s in incoming if (s.image.tobytes(), s.label) not in present]
            connection.executemany(
                "INSERT INTO samples (image, label, predicted, source, created) VALUES (?, ?, ?, ?, ?)",
                [(s.image.tobytes(), s.label, s.predicted, s.source, s.created) for s in new],
            )
        return len(new)
