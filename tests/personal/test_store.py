"""The personal handwriting store (SQLite): samples, transactions, files that are not stores, schema upgrades."""

from __future__ import annotations

import sqlite3
import threading

import numpy as np
import pytest

from handwriting.errors import HandwritingError
from handwriting.personal.fine_tune import PersonalStore, PersonalStoreError
from handwriting.personal.store import APPLICATION_ID, SCHEMA_VERSION
from handwriting.recognition.preprocess import preprocess

from helpers import SEVEN, draw


@pytest.fixture()
def store(tmp_path) -> PersonalStore:
    return PersonalStore(tmp_path / "samples.sqlite3")


SCHEMA_1 = f"""
CREATE TABLE samples (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    image BLOB NOT NULL CHECK (length(image) = 784),
    label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
    predicted INTEGER CHECK (predicted BETWEEN 0 AND 10),
    source TEXT NOT NULL CHECK (source IN ('enrolment', 'correction')),
    created TEXT NOT NULL
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = 1;
"""


def schema_1_store(path, labels=(3, 5)) -> None:
    """A store as the first version of the app wrote it: two sources only."""
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA_1)
    for index, label in enumerate(labels, start=4):  # ids 4 and 5: kept as they are
        connection.execute(
            "INSERT INTO samples VALUES (?, ?, ?, NULL, 'correction', '2026-01-01T00:00:00')",
            (index, bytes([index]) * 784, label),
        )
    connection.commit()
    connection.close()


def user_version(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_a_missing_file_is_written_only_with_the_first_sample(tmp_path):
    path = tmp_path / "new" / "samples.sqlite3"
    store = PersonalStore(path)
    assert len(store) == 0 and store.samples() == [] and len(store.arrays()[0]) == 0
    assert not store.remove(1) and not store.relabel(1, 3) and store.clear() == 0
    exported = store.export(tmp_path / "out" / "mine.sqlite3")
    assert len(PersonalStore(exported)) == 0
    assert not path.exists() and not path.parent.exists()  # nothing of the user's is written before a sample
    store.add(draw(SEVEN), 7)
    assert path.is_file() and len(store) == 1
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_add_keeps_the_normalised_image_label_prediction_source_and_time(store):
    canvas = draw(SEVEN)
    first = store.add(canvas, 7, predicted=1)
    second = store.add(canvas * 0.5, 4, source="enrolment")
    assert second > first and len(store) == 2
    one, two = store.samples()
    assert one.id == first and one.label == 7 and one.predicted == 1 and one.source == "correction"
    assert two.label == 4 and two.predicted is None and two.source == "enrolment"
    assert one.image.shape == (28, 28) and one.image.dtype == np.uint8
    np.testing.assert_allclose(one.image / 255.0, preprocess(canvas), atol=1 / 255)  # as Recognizer.predict sees it
    assert one.created.startswith("20") and one.created <= two.created


def test_bad_samples_are_refused_with_a_reason(store):
    with pytest.raises(ValueError, match="empty"):
        store.add(np.zeros((50, 50)), 3)
    with pytest.raises(ValueError, match="0 to 9"):
        store.add(draw(SEVEN), 11)
    with pytest.raises(ValueError, match="source"):
        store.add(draw(SEVEN), 7, source="elsewhere")
    assert len(store) == 0


def test_remove_relabel_and_clear(store):
    ids = [store.add(draw(SEVEN), 7) for _ in range(3)]
    assert store.remove(ids[0]) and not store.remove(ids[0])
    assert store.relabel(ids[1], 1) and not store.relabel(999, 1)
    assert [s.label for s in store.samples()] == [1, 7]
    assert store.clear() == 2 and len(store) == 0
    assert store.add(draw(SEVEN), 7) > ids[-1]  # ids are never reused


def test_every_change_is_one_committed_transaction_seen_by_another_store_object(store):
    store.add(draw(SEVEN), 7)
    assert len(PersonalStore(store.path)) == 1  # another connection (another thread or process) sees it


def test_adds_from_several_threads_are_all_kept(store):
    canvas = draw(SEVEN)
    threads = [threading.Thread(target=lambda: [store.add(canvas, 7) for _ in range(5)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store) == 20


def test_first_samples_kept_at_once_by_several_threads_are_all_kept(tmp_path):
    # The file is made with the first sample: threads that race to make it must not write over each other's.
    image = np.zeros((28, 28), np.uint8)

    def keep(store: PersonalStore, start: threading.Barrier) -> None:
        start.wait()
        store.add_image(image, 7)

    for round_ in range(30):
        store = PersonalStore(tmp_path / f"samples-{round_}.sqlite3")
        start = threading.Barrier(8)
        threads = [threading.Thread(target=keep, args=(store, start)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(store) == 8, round_


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "not an SQLite database"),
        (b"hello, this is a text file\n" * 10, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "not a handwriting store"),
    ],
)
def test_a_file_that_is_not_a_store_is_named_with_what_to_do_and_never_written(tmp_path, content, problem):
    path = tmp_path / "personal.sqlite3"
    path.write_bytes(content)
    with pytest.raises(PersonalStoreError, match=problem) as caught:
        PersonalStore(path)
    assert str(path) in str(caught.value) and "move it aside" in str(caught.value)
    assert isinstance(caught.value, HandwritingError)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(PersonalStoreError, match="not a handwriting store"):
        PersonalStore(path)
    assert path.read_bytes() == before


def test_a_damaged_store_is_refused(store):
    for _ in range(30):
        store.add(draw(SEVEN), 7)
    with sqlite3.connect(store.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(store.path.read_bytes())
    raw[4096:8192] = b"\xff" * 4096  # a page of garbage
    store.path.write_bytes(bytes(raw))
    with pytest.raises(PersonalStoreError, match="damaged|not a handwriting store"):
        PersonalStore(store.path)


def test_a_store_from_a_newer_version_is_refused(store):
    store.add(draw(SEVEN), 7)
    with sqlite3.connect(store.path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with pytest.raises(PersonalStoreError, match="newer version"):
        PersonalStore(store.path)


def test_export_and_import_round_trip_without_duplicates(store, tmp_path):
    store.add(draw(SEVEN), 7)
    store.add(draw(SEVEN), 1, source="enrolment")
    exported = store.export(tmp_path / "out" / "mine.sqlite3")
    assert len(PersonalStore(exported)) == 2
    other = PersonalStore(tmp_path / "other.sqlite3")
    assert other.import_from(exported) == 2
    assert other.import_from(exported) == 0  # the same samples twice are kept once
    assert sorted(s.label for s in other.samples()) == [1, 7]
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("notes")
    with pytest.raises(PersonalStoreError, match="notes.txt"):
        other.import_from(not_a_store)


def test_a_schema_1_store_is_read_as_it_is_and_upgraded_when_an_accepted_drawing_is_added(tmp_path):
    path = tmp_path / "old.sqlite3"
    schema_1_store(path)
    store = PersonalStore(path)
    assert [(s.id, s.label, s.source) for s in store.samples()] == [(4, 3, "correction"), (5, 5, "correction")]
    store.add(draw(SEVEN), 7, source="correction")
    assert user_version(path) == 1  # what schema 1 can hold needs no upgrade
    added = store.add(draw(SEVEN), 7, predicted=7, source="accepted")
    assert user_version(path) == SCHEMA_VERSION == 2
    samples = store.samples()
    assert [s.id for s in samples][:2] == [4, 5] and samples[-1].id == added > 5
    assert [s.source for s in samples] == ["correction", "correction", "correction", "accepted"]
    assert samples[0].image.tobytes() == bytes([4]) * 784
    with pytest.raises(ValueError, match="source"):
        store.add(draw(SEVEN), 7, source="guess")


def test_importing_accepted_samples_upgrades_the_store_but_never_the_imported_file(tmp_path):
    old = tmp_path / "old.sqlite3"
    schema_1_store(old, labels=(1,))
    newer = PersonalStore(tmp_path / "new.sqlite3")
    newer.add(draw(SEVEN), 7, predicted=7, source="accepted")
    assert PersonalStore(old).import_from(newer.path) == 1
    assert [s.source for s in PersonalStore(old).samples()] == ["correction", "accepted"]
    untouched = tmp_path / "untouched.sqlite3"
    schema_1_store(untouched, labels=(2,))
    assert newer.import_from(untouched) == 1
    assert user_version(untouched) == 1
    assert [(s.label, s.source) for s in PersonalStore(untouched).samples()] == [(2, "correction")]
