"""The fine-tune on a tiny store: saved, calibrated, refused when it reads others worse, replay data cached."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.errors import PersonalModelRejected
from handwriting.files.paths import user_paths
from handwriting.jobs.monitor import JobMonitor
from handwriting.personal.fine_tune import PersonalStore, fine_tune
from handwriting.personal.replay import ReplayData
from handwriting.personal.tuning import MAX_GENERAL_DROP, Recipe, user_samples_per_batch
from handwriting.recognition.recognizer import Recognizer

from helpers import SEVEN, draw

TINY = Recipe(steps=3, batch_size=8)


def tiny_replay(mnist, count: int = 64) -> ReplayData:
    """A small replay and calibration set: MNIST digits and a few blank "not a digit" images."""
    x = np.concatenate([mnist.train_images[:count], np.zeros((8, 28, 28), np.uint8)])
    y = np.concatenate([mnist.train_labels[:count], np.full(8, 10, np.uint8)])
    return ReplayData(x, y, x.copy(), y.copy(), np.full(len(y), -1))


@pytest.fixture()
def store(tmp_path) -> PersonalStore:
    return PersonalStore(tmp_path / "samples.sqlite3")


def enrolled(store: PersonalStore, mnist, per_digit: int = 2) -> None:
    for digit in range(10):
        for index in np.flatnonzero(mnist.test_labels == digit)[:per_digit]:
            store.add(mnist.test_images[index].astype(np.float32) / 255.0, digit, source="enrolment")


@pytest.mark.tensorflow
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


@pytest.mark.tensorflow
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


@pytest.mark.tensorflow
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
