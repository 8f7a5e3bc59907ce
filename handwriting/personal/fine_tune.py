"""Learn the user's handwriting: the sample store (PersonalStore) and the fine-tune that adapts a model to it.

`PersonalStore(path)` keeps the samples (handwriting.personal.store: SQLite, WAL, schema version, one
transaction per change). `fine_tune(store, out, base=None, monitor=None)` adapts the base model to them
(the method: handwriting.personal.tuning) and saves the personal model atomically. The jobs at the end
are picklable top-level functions `job(monitor=..., **kwargs)`, for a worker thread or a child process.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np

from handwriting.labels import DIGITS, Status
from handwriting.personal.schedule import ACCEPTED_PER_TUNE, CORRECTIONS_PER_TUNE
from handwriting.personal.store import PersonalStore, PersonalStoreError, Sample

__all__ = ["PersonalStore", "fine_tune"]

# A drawing let stand is kept only when its answer is at least this sure. Chosen on the validation writers'
# drawings and the non-digit validation set (docs/personal.md): at 95% it keeps 98.2% of the
# digits, but fewer than half the wrong labels (10 against 22 of 10,000 drawings) and 58% of the non-digits
# (53 against 91 of 6,000) that any confident answer would keep, for a user who lets a wrong answer stand.
ACCEPTED_MIN_CONFIDENCE = 0.95
_ = (PersonalStoreError, Sample, ACCEPTED_PER_TUNE, CORRECTIONS_PER_TUNE)  # also importable from here


def worth_keeping(prediction) -> bool:
    """Whether a drawing whose answer the user let stand is kept to learn from: a sure digit only."""
    return prediction.status == Status.CONFIDENT and prediction.confidence >= ACCEPTED_MIN_CONFIDENCE


def fine_tune(store: PersonalStore | str | Path, out: str | Path, base: str | Path | None = None, monitor=None,
              *, exclude: Collection[int] = (), replay=None, recipe=None) -> Path | None:
    """Adapt the base model (the shipped one when `base` is None) to the store's samples; save atomically to `out`.

    Reads one snapshot of the samples (a sample added meanwhile is kept, and used next time), reports
    progress to `monitor` (a JobMonitor) and returns the saved path, or None when the monitor asked
    to stop (then nothing is written). `exclude` holds sample ids to leave out (held back to measure); the
    label check (handwriting.personal.label_check) looks at them too, since they are learnt next.
    """
    from handwriting.files.model_files import DEFAULT_MODEL_PATH, load_history
    from handwriting.files.paths import user_paths
    from handwriting.personal.replay import replay_data
    from handwriting.personal.tuning import DEFAULT_RECIPE, fine_tune_arrays

    store = store if isinstance(store, PersonalStore) else PersonalStore(store)
    every_image, every_label, every_id = store.arrays()  # one snapshot; the held-back ones are checked too
    kept = ~np.isin(every_id, list(exclude))
    images, labels, ids = every_image[kept], every_label[kept], every_id[kept]
    held_back = (every_image[~kept], every_label[~kept], every_id[~kept])
    if len(labels) == 0:
        raise ValueError("there are no handwriting samples to learn from yet: draw some digits first")
    if replay is None:
        replay = replay_data(user_paths().cache / "personal-replay.npz")
    base_path = Path(base) if base is not None else DEFAULT_MODEL_PATH
    base_history = load_history(base_path)
    extra = {
        "preset": base_history.get("preset", ""),
        "parameters": base_history.get("parameters"),  # the same network, its weights tuned
        "store": str(store.path),
        "sample_ids": [int(i) for i in ids],
        "base_test_accuracy": base_history.get("test_accuracy"),
    }
    return fine_tune_arrays(images, labels, out, base_path, monitor, replay, recipe or DEFAULT_RECIPE, extra, ids,
                            held_back)


def accuracy_on(model: str | Path, images: np.ndarray, labels: np.ndarray) -> float | None:
    """The share of normalised uint8 `images` a model file reads as `labels` ("not a digit" is wrong); None if none."""
    from handwriting.recognition.recognizer import Recognizer, statuses

    if len(labels) == 0:
        return None
    outputs = Recognizer.load(model).predict_mnist(np.asarray(images, np.uint8))
    read = np.where(statuses(outputs) == Status.NOT_A_DIGIT, -1, outputs[:, :DIGITS].argmax(axis=1))
    return float(np.mean(read == np.asarray(labels)))


def fine_tune_job(monitor, store: str, out: str, base: str | None = None, held_back: tuple[int, ...] = ()) -> dict:
    """The fine-tune as a job: opens the store itself; returns a picklable summary.

    With `held_back` sample ids, those are left out of the training and both the base and the new model
    are measured on them ("before" and "after": what the user's own held-back drawings show).
    """
    samples = PersonalStore(store)
    saved = fine_tune(samples, out, base, monitor, exclude=held_back)
    summary = {"saved_to": str(saved) if saved else None, "before": None, "after": None, "held_back": len(held_back)}
    if saved is not None and held_back:
        from handwriting.files.model_files import DEFAULT_MODEL_PATH

        kept = [s for s in samples.samples() if s.id in set(held_back)]
        images = np.stack([s.image for s in kept]) if kept else np.zeros((0, 28, 28), np.uint8)
        labels = np.array([s.label for s in kept])
        summary["before"] = accuracy_on(base or DEFAULT_MODEL_PATH, images, labels)
        summary["after"] = accuracy_on(saved, images, labels)
        summary["held_back"] = len(kept)
    return summary
