"""The personal handwriting store (SQLite) and the fine-tune on a tiny store."""

from __future__ import annotations

import sqlite3
import threading

import numpy as np
import pytest
from test_preprocess import SEVEN, draw

from handwriting.errors import HandwritingError, PersonalModelRejected
from handwriting.files.paths import user_paths
from handwriting.jobs.monitor import JobMonitor
from handwriting.personal.fine_tune import PersonalStore, PersonalStoreError, fine_tune
from handwriting.personal.replay import ReplayData
from handwriting.personal.store import APPLICATION_ID, SCHEMA_VERSION
from handwriting.personal.tuning import MAX_GENERAL_DROP, Recipe, user_samples_per_batch
from handwriting.recognition.preprocess import preprocess
from handwriting.recognition.recognizer import Recognizer

TINY = Recipe(steps=3, batch_size=8)


def tiny_replay(mnist, count: int = 64) -> ReplayData:
    """A small replay and calibration set: MNIST digits and a few blank "not a digit" images."""
    x = np.concatenate([mnist.train_images[:count], np.zeros((8, 28, 28), np.uint8)])
    y = np.concatenate([mnist.train_labels[:count], np.full(8, 10, np.uint8)])
    return ReplayData(x, y, x.copy(), y.copy(), np.full(len(y), -1))


@pytest.fixture()
def store(tmp_path) -> PersonalStore:
    return PersonalStore(tmp_path / "samples.sqlite3")


def test_a_missing_file_becomes_an_empty_store_with_schema_version_and_wal(tmp_path):
    path = tmp_path / "new" / "samples.sqlite3"
    store = PersonalStore(path)
    assert path.is_file() and len(store) == 0 and store.samples() == []
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


# --- The fine-tune -----------------------------------------------------------------------------------------


def enrolled(store: PersonalStore, mnist, per_digit: int = 2) -> None:
    for digit in range(10):
        for index in np.flatnonzero(mnist.test_labels == digit)[:per_digit]:
            store.add(mnist.test_images[index].astype(np.float32) / 255.0, digit, source="enrolment")


def test_fine_tune_saves_a_loadable_calibrated_model_with_not_a_digit(store, mnist, tmp_path):
    enrolled(store, mnist)
    progress = []

    class Monitor(JobMonitor):
        def on_batch(self, epoch, step, steps, logs):
            progress.append((step, steps))

    out = fine_tune(store, tmp_path / "models" / "personal.keras", monitor=Monitor(), replay=tiny_replay(mnist),
                    recipe=TINY)
    assert out == tmp_path / "models" / "personal.keras"
    assert progress == [(0, 3), (1, 3), (2, 3)]
    recognizer = Recognizer.load(out)
    assert recognizer.has_not_a_digit and recognizer.engine == "numpy"
    assert recognizer.history["kind"] == "personal" and recognizer.history["samples"] == 20
    assert recognizer.history["temperature"] > 0 and len(recognizer.history["sample_ids"]) == 20
    history = recognizer.history
    assert history["calibration_accuracy"] >= history["base_calibration_accuracy"] - MAX_GENERAL_DROP
    assert recognizer.predict(draw(SEVEN)).digit == 7
    assert not list(out.parent.glob(".*tmp*"))


def test_fine_tune_leaves_out_held_back_samples_and_stops_on_request(store, mnist, tmp_path):
    enrolled(store, mnist, per_digit=1)
    held = [s.id for s in store.samples()[:3]]
    out = fine_tune(store, tmp_path / "p.keras", exclude=held, replay=tiny_replay(mnist), recipe=TINY)
    assert Recognizer.load(out).history["samples"] == 7
    monitor = JobMonitor()
    monitor.request_stop()
    assert fine_tune(store, tmp_path / "q.keras", monitor=monitor, replay=tiny_replay(mnist), recipe=TINY) is None
    assert not (tmp_path / "q.keras").exists()


def test_a_few_samples_get_a_share_of_each_batch_in_proportion():
    recipe = Recipe(batch_size=64, user_share=0.5, full_share_samples=20)
    shares = [user_samples_per_batch(recipe, n) for n in (1, 5, 10, 20, 300)]
    assert shares == [2, 8, 16, 32, 32]


def test_a_fine_tune_that_reads_other_peoples_digits_much_worse_is_refused_and_not_saved(store, mnist, tmp_path):
    # Every sample mislabelled (a 3 stored as a 4, ...): the tuned model would read everyone's digits that way.
    for index in range(40):
        image, label = mnist.test_images[index], int(mnist.test_labels[index])
        store.add(image.astype(np.float32) / 255.0, (label + 1) % 10, source="correction")
    recipe = Recipe(steps=40, batch_size=16, learning_rate=0.05)
    with pytest.raises(PersonalModelRejected, match="My handwriting samples") as raised:
        fine_tune(store, tmp_path / "p.keras", replay=tiny_replay(mnist), recipe=recipe)
    assert "points worse than the model it started from" in str(raised.value)
    assert not (tmp_path / "p.keras").exists() and not list(tmp_path.glob(".*tmp*"))


def test_fine_tune_of_an_empty_store_says_so(store, mnist, tmp_path):
    with pytest.raises(ValueError, match="no handwriting samples"):
        fine_tune(store, tmp_path / "p.keras", replay=tiny_replay(mnist), recipe=TINY)


def test_the_replay_data_is_cached_in_the_user_cache_folder(mnist, tmp_path):
    from handwriting.personal.replay import replay_data

    cache = user_paths().cache / "personal-replay.npz"
    tiny_replay(mnist).save(cache)
    loaded = replay_data(cache)
    assert len(loaded.y) == 72 and loaded.calibration_writers.shape == (72,)
    assert len(loaded.without_writer(-1).calibration_y) == 0


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
