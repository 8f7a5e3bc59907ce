"""The fine-tune on a tiny store: saved, calibrated, refused on wrong labels or reading others much worse."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.errors import PersonalModelRejected
from handwriting.files.paths import user_paths
from handwriting.jobs.monitor import JobMonitor
from handwriting.personal.fine_tune import PersonalStore, fine_tune
from handwriting.personal.label_check import SUSPECT_RATIO
from handwriting.personal.replay import ReplayData
from handwriting.personal.tuning import SAFETY_NET_DROP, Recipe, user_samples_per_batch
from handwriting.recognition.calibration import NOT_A_DIGIT_SHIFT, OUTPUT_LAYER
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
    assert recognizer.history["not_a_digit_shift"] == NOT_A_DIGIT_SHIFT
    from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history

    assert recognizer.history["parameters"] == load_history(DEFAULT_MODEL_PATH)["parameters"]  # About shows it
    history = recognizer.history
    assert history["calibration_accuracy"] >= history["base_calibration_accuracy"] - SAFETY_NET_DROP
    assert 0 <= history["label_check_highest_score"] < SUSPECT_RATIO  # 2 per digit: none is judged
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
@pytest.mark.parametrize("held_back", [False, True], ids=["learnt", "held back"])
def test_a_wrong_label_is_named_by_its_sample_id_and_nothing_is_trained(store, mnist, tmp_path, held_back):
    # One writer's way with each digit: three drawings, a pixel apart; then one of the 3s is stored as a 5.
    ids = {}
    for digit in range(10):
        image = mnist.test_images[np.flatnonzero(mnist.test_labels == digit)[0]]
        for shift in ((0, 0), (1, 0), (0, 1)):
            label = 5 if (digit, shift) == (3, (1, 0)) else digit
            ids[digit, shift] = store.add(np.roll(image, shift, axis=(0, 1)) / 255.0, label, source="enrolment")
    started = []

    class Monitor(JobMonitor):
        def on_start(self, epochs, steps):
            started.append(steps)

    with pytest.raises(PersonalModelRejected, match="My handwriting samples") as raised:
        exclude = [ids[3, (1, 0)]] if held_back else []  # an enrolment's held-back drawing is learnt next
        fine_tune(store, tmp_path / "p.keras", monitor=Monitor(), replay=tiny_replay(mnist), recipe=TINY,
                  exclude=exclude)
    suspect = raised.value.suspects[0]
    assert (suspect.sample_id, suspect.label, suspect.looks_like) == (ids[3, (1, 0)], 5, 3)
    assert f"sample #{suspect.sample_id}, labelled 5, looks like your 3s" in str(raised.value)
    assert not (tmp_path / "p.keras").exists() and started == []  # refused before the first step


@pytest.mark.tensorflow
def test_a_fine_tune_that_reads_other_peoples_digits_much_worse_is_refused_and_not_saved(store, mnist, tmp_path):
    # Every sample mislabelled the same way (a 3 stored as a 4, ...): the user's samples agree with each other, so
    # the label check sees nothing, but the tuned model would read everyone's digits that way: the safety net.
    for index in range(40):
        image, label = mnist.test_images[index], int(mnist.test_labels[index])
        store.add(image.astype(np.float32) / 255.0, (label + 1) % 10, source="correction")
    recipe = Recipe(steps=40, batch_size=16, learning_rate=0.05)
    with pytest.raises(PersonalModelRejected, match="My handwriting samples") as raised:
        fine_tune(store, tmp_path / "p.keras", replay=tiny_replay(mnist), recipe=recipe)
    assert "points worse than the model it started from" in str(raised.value) and raised.value.suspects == ()
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


@pytest.mark.tensorflow
def test_the_base_models_not_a_digit_shift_is_undone_before_tuning_and_folded_in_once(
    store, mnist, tmp_path, monkeypatch
):
    from handwriting.files.keras_model import load_model_safely
    from handwriting.files.storage import save_model_atomic
    from handwriting.personal import tuning
    from handwriting.training.model import build_model

    base = tmp_path / "base.keras"
    save_model_atomic(build_model("fast", seed=2, classes=11), base, {"not_a_digit_shift": NOT_A_DIGIT_SHIFT})
    seen = []
    monkeypatch.setattr(tuning, "tune_model", lambda model, *args: seen.append(bias_of(model)) or True)
    monkeypatch.setattr(tuning, "calibrate_on", lambda model, replay: (1.0, 0.0, 1.0))  # changes no weight
    enrolled(store, mnist)
    out = fine_tune(store, tmp_path / "p.keras", base=base, replay=tiny_replay(mnist), recipe=TINY)
    base_bias = bias_of(load_model_safely(base))
    np.testing.assert_allclose(seen[0][10], base_bias[10] + NOT_A_DIGIT_SHIFT, atol=1e-6)  # tuned as trained
    np.testing.assert_allclose(bias_of(load_model_safely(out)), base_bias, atol=1e-6)  # shifted once, not twice


def bias_of(model) -> np.ndarray:
    return np.array(model.get_layer(OUTPUT_LAYER).get_weights()[1])
