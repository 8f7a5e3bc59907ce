"""The personal store's SQLite schema: the samples table, its version, creating a store file and upgrading one."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from handwriting.labels import SIDE

SCHEMA_VERSION = 2  # 2 added the "accepted" source; a store of schema 1 is upgraded when it first needs it
APPLICATION_ID = 0x48574454  # "HWDT": marks the SQLite file as a handwriting store
SOURCES = ("enrolment", "correction", "accepted")
SCHEMA_1_SOURCES = SOURCES[:2]
IMAGE_BYTES = SIDE * SIDE

COLUMNS = "id, image, label, predicted, source, created"


def table_sql(name: str = "samples") -> str:
    """The samples table of this schema version, under `name`."""
    sources = ", ".join(f"'{source}'" for source in SOURCES)
    return f"""CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    image BLOB NOT NULL CHECK (length(image) = {IMAGE_BYTES}),
    label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
    predicted INTEGER CHECK (predicted BETWEEN 0 AND 10),
    source TEXT NOT NULL CHECK (source IN ({sources})),
    created TEXT NOT NULL
)"""


SCHEMA = f"""
{table_sql()};
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


def create_store(path: Path) -> None:
    """Write an empty store beside `path` and rename it into place: never half a file."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        connection = sqlite3.connect(name)
        try:
            connection.executescript(SCHEMA)
            connection.commit()
            connection.execute("PRAGMA journal_mode=WAL")  # in the file from the start: no switch when first opened
        finally:
            connection.close()
        with open(name, "rb") as handle:
            os.fsync(handle.fileno())
        try:  # put it in place only if no other thread or process did meanwhile (they may have written to theirs)
            os.link(name, path)
        except FileExistsError:
            return
        except OSError:  # a file system without hard links: check, then rename (not atomic, still never half a file)
            if not path.exists():
                os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def upgrade(connection: sqlite3.Connection) -> None:
    """Bring the store on `connection` to this schema, in one transaction (unless another process just did).

    Schema 1 allowed two sources; the table is copied into one that allows "accepted" too.
    """
    connection.isolation_level = None  # explicit transaction: the table swap is all or nothing
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:  # not by another process
            connection.execute(table_sql("samples_upgraded"))
            connection.execute(f"INSERT INTO samples_upgraded ({COLUMNS}) SELECT {COLUMNS} FROM samples")
            connection.execute("DROP TABLE samples")
            connection.execute("ALTER TABLE samples_upgraded RENAME TO samples")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
