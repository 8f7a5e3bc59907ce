"""The enrolment plan: each digit REPEATS times in a random order, with skip, redo and the held-back drawings."""

from __future__ import annotations

from collections import Counter

import pytest

from handwriting.personal.enrolment import REPEATS, EnrolmentPlan


def test_every_digit_is_asked_for_repeats_times_in_a_seeded_random_order():
    plan = EnrolmentPlan(seed=1)
    digits = [prompt.digit for prompt in plan.prompts]
    assert plan.total == 10 * REPEATS and Counter(digits) == {digit: REPEATS for digit in range(10)}
    assert digits != sorted(digits)  # shuffled, not 0, 0, 0, 1, ...
    assert digits == [prompt.digit for prompt in EnrolmentPlan(seed=1).prompts]
    assert digits != [prompt.digit for prompt in EnrolmentPlan(seed=2).prompts]


def test_record_and_skip_move_on_and_count_what_was_drawn():
    plan = EnrolmentPlan(repeats=1, seed=0)
    first = plan.current
    assert plan.repeat_of_current() == (1, 1)
    plan.record(101)
    plan.skip()
    assert plan.position == 2 and plan.drawn() == 1 and plan.sample_ids() == [101]
    assert plan.prompts[0].digit == first and plan.prompts[1].skipped


def test_repeat_of_current_counts_the_times_a_digit_was_asked():
    plan = EnrolmentPlan(repeats=3, seed=0)
    seen: Counter[int] = Counter()
    while not plan.finished:
        digit = plan.current
        seen[digit] += 1
        assert plan.repeat_of_current() == (seen[digit], 3)
        plan.record(plan.position)


def test_redo_goes_back_and_returns_the_sample_to_delete():
    plan = EnrolmentPlan(repeats=1, seed=0)
    assert not plan.can_redo and plan.redo() is None
    plan.record(7)
    plan.skip()
    assert plan.redo() is None  # the skipped prompt had no drawing
    assert plan.redo() == 7 and plan.position == 0 and plan.prompts[0].sample_id is None
    assert plan.drawn() == 0


def test_a_finished_plan_refuses_more_and_has_no_current_digit():
    plan = EnrolmentPlan(repeats=1, seed=0)
    for index in range(plan.total):
        plan.record(index)
    assert plan.finished and plan.current is None
    with pytest.raises(ValueError, match="finished"):
        plan.record(99)
    with pytest.raises(ValueError, match="finished"):
        plan.skip()


def test_the_last_drawing_of_each_digit_drawn_twice_is_held_back():
    plan = EnrolmentPlan(repeats=2, seed=3)
    ids_by_digit: dict[int, list[int]] = {}
    for index in range(plan.total):
        digit = plan.current
        if digit == 4 and 4 in ids_by_digit:  # the second 4 is skipped: 4 is drawn once and not held back
            plan.skip()
            continue
        plan.record(100 + index)
        ids_by_digit.setdefault(digit, []).append(100 + index)
    held = plan.held_back()
    assert sorted(held) == sorted(ids[-1] for digit, ids in ids_by_digit.items() if len(ids) == 2)
    assert len(held) == 9 and all(ids_by_digit[4][0] != sample for sample in held)
