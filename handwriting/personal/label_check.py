"""The label check before a fine-tune: the samples whose labels the user's own other samples do not support."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from handwriting.errors import PersonalModelRejected

SUSPECT_RATIO = 5.0  # a sample scoring above this is named (no correct enrolment scored above 4.3; docs)
MIN_OWN_OTHERS = 2  # a sample is judged only when its label has at least this many other samples...
MIN_COMPARED = 2  # ...and compared only with labels of this many samples (fewer say little of this hand's digit)
MAX_SUSPECTS = 20  # at most this many are named (the peeling stops there)
NAMED_IN_MESSAGE = 5  # the message lists this many; the exception carries them all
ROW_CHUNK = 1_024  # distances are computed this many rows at a time (a store of thousands of samples)
_TINY = 1e-9

# How it tells a wrong label from a style. Each sample is compared with the user's other samples in the base
# model's frozen feature space (the input of its output layer, each vector scaled to length 1). Its score is the
# mean distance to the other samples of its own label, divided by the distance to the nearest sample of another
# label. A drawing with a wrong label is one of the user's drawings of another digit: it sits next to them (small
# divisor) and away from the drawings of the label it was given (large mean), so it scores high. A style far from
# other people's (a flagged 1, a barred 7) is no evidence: the user's other 1s carry the same flag. Only the
# user's own samples are compared, never other people's. A wrong sample also raises the score of its neighbour
# of the right digit (which now has a "nearest other label" beside it), so suspects are peeled one at a time:
# the highest score above SUSPECT_RATIO is named and left out, and the rest are scored again without it.


@dataclass(frozen=True)
class Suspect:
    """A sample whose label the user's other samples do not support.

    `index` is its position in the arrays checked, `sample_id` its id in the store (None when unknown),
    `looks_like` the label of its nearest sample of another label, `like_index`/`like_id` that sample.
    """

    index: int
    sample_id: int | None
    label: int
    looks_like: int
    like_index: int
    like_id: int | None
    score: float


def unit_rows(features: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (an all-zero row stays zero), as float32."""
    features = np.asarray(features, np.float32).reshape(len(features), -1)
    return features / np.maximum(np.linalg.norm(features, axis=1, keepdims=True), _TINY)


def label_scores(
    features: np.ndarray, labels: np.ndarray, active: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(score of each sample, index of its nearest sample of another label), among the `active` samples only.

    `features` should already be unit rows. The score is 0 for an inactive sample, one whose label has
    fewer than MIN_OWN_OTHERS other samples, or one with no sample of another label of MIN_COMPARED samples
    or more; the nearest is -1 then.
    """
    labels = np.asarray(labels).astype(np.int64)
    count = len(labels)
    active = np.ones(count, bool) if active is None else np.asarray(active, bool)
    scores, nearest = np.zeros(count), np.full(count, -1)
    squares = (features * features).sum(axis=1)
    sizes = np.bincount(labels[active], minlength=int(labels.max(initial=0)) + 1)
    shows = active & (sizes[labels] >= MIN_COMPARED)
    for start in range(0, count, ROW_CHUNK):
        rows = np.arange(start, min(start + ROW_CHUNK, count))
        products = features[rows] @ features.T
        distances = np.sqrt(np.maximum(squares[rows, None] + squares[None, :] - 2 * products, 0.0))
        others = active[None, :] & active[rows, None]
        others[np.arange(len(rows)), rows] = False
        own = others & (labels[rows, None] == labels[None, :])
        own_count = own.sum(axis=1)
        own_mean = (distances * own).sum(axis=1) / np.maximum(own_count, 1)
        foreign = np.where(others & ~own & shows[None, :], distances, np.inf)
        closest = foreign.argmin(axis=1)
        gap = foreign[np.arange(len(rows)), closest]
        scored = (own_count >= MIN_OWN_OTHERS) & np.isfinite(gap)
        scores[rows] = np.where(scored, own_mean / np.maximum(np.where(scored, gap, 1.0), _TINY), 0.0)
        nearest[rows] = np.where(scored, closest, -1)
    return scores, nearest


def find_suspects(
    features: np.ndarray,
    labels: np.ndarray,
    sample_ids: Sequence[int] | None = None,
    ratio: float = SUSPECT_RATIO,
) -> list[Suspect]:
    """The samples whose labels look wrong, most suspicious first (peeled one at a time; see the module)."""
    labels = np.asarray(labels).astype(np.int64)
    if len(features) != len(labels):
        raise ValueError(f"{len(features)} feature rows for {len(labels)} labels")
    unit = unit_rows(features) if len(labels) else np.zeros((0, 1), np.float32)
    active = np.ones(len(labels), bool)
    suspects: list[Suspect] = []
    while len(suspects) < MAX_SUSPECTS and len(labels):
        scores, nearest = label_scores(unit, labels, active)
        worst = int(scores.argmax())
        if scores[worst] <= ratio:
            break
        like = int(nearest[worst])
        suspects.append(Suspect(
            index=worst,
            sample_id=None if sample_ids is None else int(sample_ids[worst]),
            label=int(labels[worst]),
            looks_like=int(labels[like]),
            like_index=like,
            like_id=None if sample_ids is None else int(sample_ids[like]),
            score=float(scores[worst]),
        ))
        active[worst] = False
    return suspects


def highest_score(features: np.ndarray, labels: np.ndarray) -> float:
    """The highest score among the samples (0 when none is scored): how close the check came to naming one."""
    if not len(labels):
        return 0.0
    return float(label_scores(unit_rows(features), labels)[0].max())


def _named(suspect: Suspect) -> str:
    which = f"sample #{suspect.sample_id}" if suspect.sample_id is not None else f"drawing {suspect.index + 1}"
    return f"{which}, labelled {suspect.label}, looks like your {suspect.looks_like}s"


def suspects_message(suspects: Sequence[Suspect]) -> str:
    """What the user is told: which samples to check, what they are labelled and what they look like."""
    named = "; ".join(_named(s) for s in suspects[:NAMED_IN_MESSAGE])
    more = len(suspects) - NAMED_IN_MESSAGE
    if more > 0:
        named += f"; and {more} more"
    some, them = ("a sample looks", "it") if len(suspects) == 1 else (f"{len(suspects)} samples look", "them")
    return (
        f"{some} mislabelled, so no personal model was made: {named}. Check {them} in Model > My handwriting "
        "samples (a drawing's number is in its tooltip): double-click to correct a label, or delete the drawing "
        "if its label is right"
    )


def mislabelled(suspects: Sequence[Suspect]) -> PersonalModelRejected:
    """The refusal that names the samples to check (suspects_message), with what the app needs to word it."""
    named = [(s.sample_id, s.index, s.label, s.looks_like) for s in suspects]
    return PersonalModelRejected(suspects_message(suspects), tuple(suspects), "mislabelled", named=named)
