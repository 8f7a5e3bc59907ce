"""The label check on small feature arrays: consistent samples and styles pass, a wrong label is named and told."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from handwriting.errors import PersonalModelRejected
from handwriting.jobs.child import problem
from handwriting.personal.label_check import (
    NAMED_IN_MESSAGE,
    SUSPECT_RATIO,
    Suspect,
    find_suspects,
    highest_score,
    label_scores,
    mislabelled,
    suspects_message,
    unit_rows,
)

PER_DIGIT = 3
FEATURES = 64
SPREAD = 0.15  # a writer's drawings of one digit around its centre (unit centres: other digits are ~1.4 away)


def user(seed: int = 0, spread: float = SPREAD) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, centres): 3 samples of each digit around the digit's centre, like one writer's."""
    rng = np.random.default_rng(seed)
    centres = unit_rows(np.abs(rng.normal(size=(10, FEATURES))) * (rng.random((10, FEATURES)) < 0.3))
    labels = np.repeat(np.arange(10), PER_DIGIT)
    features = centres[labels] + rng.normal(scale=spread / np.sqrt(FEATURES), size=(len(labels), FEATURES))
    return np.maximum(features, 0), labels, centres  # ReLU features are never negative


def test_a_consistent_writer_passes_whatever_the_seed():
    for seed in range(20):
        features, labels, _ = user(seed)
        assert find_suspects(features, labels) == []
        assert 0 < highest_score(features, labels) < SUSPECT_RATIO


def test_one_wrong_label_among_30_is_named_with_what_it_looks_like():
    features, labels, _ = user(1)
    labels[10] = 5  # the first 3, labelled 5
    suspects = find_suspects(features, labels, sample_ids=range(100, 130))
    assert len(suspects) == 1
    suspect = suspects[0]
    assert (suspect.index, suspect.sample_id, suspect.label, suspect.looks_like) == (10, 110, 5, 3)
    assert labels[suspect.like_index] == 3 and suspect.like_id == 100 + suspect.like_index
    assert suspect.score > SUSPECT_RATIO


def test_four_wrong_labels_are_all_named_and_no_right_one_with_them():
    features, labels, _ = user(2)
    wrong = {4: 8, 13: 2, 20: 1, 27: 0}  # index: the digit it is wrongly given
    for index, digit in wrong.items():
        labels[index] = digit
    suspects = find_suspects(features, labels)
    assert sorted(s.index for s in suspects) == sorted(wrong)
    assert all(s.looks_like == s.index // PER_DIGIT for s in suspects)  # each looks like the digit it is


def test_a_style_far_from_other_peoples_is_no_evidence():
    # This writer's 1s all carry a flag: they sit between other people's 1s and 7s, but together.
    features, labels, centres = user(3)
    ones = labels == 1
    rng = np.random.default_rng(0)
    flagged = 0.5 * centres[1] + 0.5 * centres[7]
    features[ones] = flagged + rng.normal(scale=SPREAD / np.sqrt(FEATURES), size=(PER_DIGIT, FEATURES))
    assert find_suspects(features, labels) == []


def test_a_label_with_no_other_sample_is_not_judged_and_judges_nothing():
    features, labels, _ = user(4)
    keep = np.r_[0:27, 27]  # the digits 0 to 8, and a single 9...
    features, labels = features[keep].copy(), labels[keep].copy()
    features[-1] = features[12]  # ...drawn exactly like one of the 4s
    scores, nearest = label_scores(unit_rows(features), labels)
    assert scores[-1] == 0 and nearest[-1] == -1  # nothing of the user's to compare the 9 with
    assert scores[12] < SUSPECT_RATIO  # and one 9 says nothing of what this user's 9s look like: the 4 is not blamed
    assert find_suspects(features, labels) == []


def test_inactive_samples_are_left_out_of_the_comparison():
    features, labels, _ = user(5)
    labels[10] = 5
    active = np.ones(len(labels), bool)
    active[10] = False
    scores, _ = label_scores(unit_rows(features), labels, active)
    assert scores[10] == 0 and scores.max() < SUSPECT_RATIO


def test_the_message_names_the_samples_and_where_to_check_them():
    features, labels, _ = user(6)
    labels[10], labels[20] = 5, 1
    suspects = find_suspects(features, labels, sample_ids=range(100, 130))
    message = suspects_message(suspects)
    assert message.startswith("2 samples look mislabelled, so no personal model was made")
    assert "sample #110, labelled 5, looks like your 3s" in message
    assert "sample #120, labelled 1, looks like your 6s" in message
    assert "Model > My handwriting samples" in message and "double-click" in message


def test_the_message_lists_a_few_and_counts_the_rest():
    suspects = [Suspect(i, 10 + i, 7, 1, 0, 10, 5.0) for i in range(NAMED_IN_MESSAGE + 3)]
    message = suspects_message(suspects)
    assert message.count("labelled 7") == NAMED_IN_MESSAGE and "and 3 more" in message
    lone = suspects_message([Suspect(2, None, 7, 1, 0, None, 5.0)])
    assert lone.startswith("a sample looks mislabelled") and "drawing 3, labelled 7, looks like your 1s" in lone


def test_the_refusal_carries_its_suspects_even_through_a_pipe():
    features, labels, _ = user(7)
    labels[0] = 9
    suspects = tuple(find_suspects(features, labels, sample_ids=range(30)))
    refusal = mislabelled(suspects)
    copy = pickle.loads(pickle.dumps(refusal))
    assert str(copy) == str(refusal) and copy.suspects == suspects and copy.suspects[0].sample_id == 0
    assert copy.reason == "mislabelled" and copy.details["named"][0] == (0, 0, 9, suspects[0].looks_like)
    assert problem(refusal) == {"reason": "mislabelled", "path": "", "details": refusal.details}  # what the child sends
    assert PersonalModelRejected("worse").suspects == ()


def test_mismatched_arrays_and_an_empty_store_are_handled():
    with pytest.raises(ValueError, match="feature rows"):
        find_suspects(np.zeros((3, 4)), np.zeros(2))
    assert find_suspects(np.zeros((0, 4)), np.zeros(0)) == [] and highest_score(np.zeros((0, 4)), np.zeros(0)) == 0
