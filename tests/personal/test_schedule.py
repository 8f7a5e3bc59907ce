"""When the app fine-tunes (FineTuneSchedule), and how a drawing is stored once (RecentDrawings): no Qt, no model."""

from __future__ import annotations

import numpy as np

from handwriting.personal.schedule import (
    ACCEPTED_PER_TUNE,
    CORRECTIONS_PER_TUNE,
    Due,
    FineTuneSchedule,
    RecentDrawings,
    TuneState,
)


def correct(schedule: FineTuneSchedule, times: int) -> list[Due]:
    return [schedule.corrected() for _ in range(times)]


def test_the_constants_are_the_apps():
    assert (CORRECTIONS_PER_TUNE, ACCEPTED_PER_TUNE) == (5, 50)


def test_every_fifth_correction_makes_a_fine_tune_due_and_says_how_many_are_left_before():
    schedule = FineTuneSchedule()
    lefts = []
    for _ in range(CORRECTIONS_PER_TUNE - 1):
        assert schedule.corrected() is Due.NOT_YET
        lefts.append(schedule.corrections_left)
    assert lefts == [4, 3, 2, 1]
    assert schedule.corrected() is Due.NOW and not schedule.running


def test_starting_a_fine_tune_starts_the_counts_again():
    schedule = FineTuneSchedule()
    correct(schedule, CORRECTIONS_PER_TUNE)
    assert schedule.start() and schedule.state is TuneState.TUNING and schedule.running
    assert (schedule.corrections, schedule.accepted, schedule.queued) == (0, 0, False)
    schedule.finished()
    assert correct(schedule, CORRECTIONS_PER_TUNE - 1) == [Due.NOT_YET] * (CORRECTIONS_PER_TUNE - 1)


def test_a_fine_tune_in_progress_defers_the_next_until_it_finishes():
    schedule = FineTuneSchedule()
    assert schedule.start()
    assert correct(schedule, CORRECTIONS_PER_TUNE) == [Due.NOT_YET] * (CORRECTIONS_PER_TUNE - 1) + [Due.NEXT]
    assert schedule.queued and schedule.running
    assert schedule.finished() and schedule.state is TuneState.IDLE


def test_corrections_during_a_fine_tune_count_toward_the_next_one():
    schedule = FineTuneSchedule()
    assert schedule.start()
    correct(schedule, 2)
    assert not schedule.finished()  # two are not enough
    assert correct(schedule, CORRECTIONS_PER_TUNE - 2) == [Due.NOT_YET] * 2 + [Due.NOW]


def test_a_failed_fine_tune_keeps_the_count():
    schedule = FineTuneSchedule()
    assert schedule.start()
    correct(schedule, 3)
    schedule.failed()
    assert schedule.state is TuneState.IDLE and schedule.corrections == 3
    assert correct(schedule, 2) == [Due.NOT_YET, Due.NOW]


def test_a_cancelled_fine_tune_keeps_the_count_but_drops_what_waited_for_it():
    schedule = FineTuneSchedule()
    assert schedule.start()
    correct(schedule, CORRECTIONS_PER_TUNE)
    assert schedule.queued
    schedule.cancelled()
    assert not schedule.queued and schedule.state is TuneState.IDLE and schedule.corrections == CORRECTIONS_PER_TUNE
    assert schedule.corrected() is Due.NOW  # still due: the next correction starts one


def test_a_take_back_uncounts_the_correction():
    schedule = FineTuneSchedule()
    correct(schedule, CORRECTIONS_PER_TUNE - 1)
    assert schedule.can_take_back
    schedule.taken_back()
    assert schedule.corrections_left == 2 and schedule.corrected() is Due.NOT_YET
    assert schedule.corrected() is Due.NOW


def test_nothing_can_be_taken_back_once_a_fine_tune_started_on_it():
    schedule = FineTuneSchedule()
    assert not schedule.can_take_back
    correct(schedule, CORRECTIONS_PER_TUNE)
    assert schedule.can_take_back and schedule.start()
    assert not schedule.can_take_back


def test_samples_labelled_by_hand_count_but_start_nothing_by_themselves():
    schedule = FineTuneSchedule()
    schedule.labelled(CORRECTIONS_PER_TUNE + 2)  # an import of seven samples, say
    assert schedule.corrections == CORRECTIONS_PER_TUNE + 2 and not schedule.running
    assert schedule.corrected() is Due.NOW  # the next correction finds it due
    assert schedule.start()
    schedule.labelled()
    assert schedule.corrections == 1 and not schedule.finished()
    assert schedule.start()
    schedule.labelled(CORRECTIONS_PER_TUNE)
    assert schedule.finished()  # relabelled enough while it ran: the next one follows


def test_every_fiftieth_accepted_drawing_makes_a_fine_tune_due():
    schedule = FineTuneSchedule()
    assert not any(schedule.accepted_drawing() for _ in range(ACCEPTED_PER_TUNE - 1))
    assert schedule.accepted_drawing()
    assert schedule.start() and schedule.accepted == 0


def test_accepted_drawings_during_a_fine_tune_wait_for_it_and_count_toward_the_next():
    schedule = FineTuneSchedule()
    assert schedule.start()
    assert not any(schedule.accepted_drawing() for _ in range(ACCEPTED_PER_TUNE + 3))  # never while one runs
    assert not schedule.queued and schedule.finished()  # due by then: the next one follows at once
    assert schedule.start() and schedule.accepted == 0


def test_a_fine_tune_wanted_while_one_runs_is_queued():
    schedule = FineTuneSchedule()
    assert schedule.start()
    assert not schedule.start() and schedule.queued
    assert schedule.finished()
    assert schedule.start() and not schedule.finished()  # the queue went with the start


def test_an_enrolment_measures_then_queues_a_fine_tune_of_every_sample():
    schedule = FineTuneSchedule()
    assert schedule.start(enrolment=True) and schedule.state is TuneState.ENROLMENT
    assert schedule.finished() and schedule.state is TuneState.IDLE
    assert schedule.start() and schedule.state is TuneState.TUNING and not schedule.finished()


def test_an_enrolment_does_not_wait_for_a_fine_tune_that_runs():
    schedule = FineTuneSchedule()
    assert schedule.start()
    correct(schedule, CORRECTIONS_PER_TUNE)  # queued
    assert not schedule.start(enrolment=True) and not schedule.queued
    assert schedule.state is TuneState.TUNING


def test_forgetting_every_sample_clears_the_counts():
    schedule = FineTuneSchedule()
    correct(schedule, 3)
    schedule.accepted_drawing()
    schedule.forgotten()
    assert (schedule.corrections, schedule.accepted) == (0, 0) and not schedule.can_take_back


# --- RecentDrawings ---------------------------------------------------------------------------------------------


def drawing(shift: int = 0) -> np.ndarray:
    canvas = np.zeros((20, 20), np.float32)
    canvas[5:15, 5 + shift] = 1.0
    return canvas


def test_the_last_correction_is_found_by_its_drawing_unchanged_only():
    recent = RecentDrawings()
    assert recent.correction_of(drawing()) is None
    canvas = drawing()
    recent.corrected(12, canvas, 7)
    canvas[0, 0] = 1.0  # the canvas the user goes on drawing on: the stored drawing is a copy
    found = recent.correction_of(drawing())
    assert found is not None and (found.sample_id, found.label) == (12, 7)
    assert recent.correction_of(canvas) is None and recent.correction_of(drawing(1)) is None


def test_a_drawing_is_seen_when_it_was_the_last_accepted_or_the_last_corrected():
    recent = RecentDrawings()
    assert not recent.seen(drawing())
    recent.kept(drawing())
    assert recent.seen(drawing()) and not recent.seen(drawing(1))
    recent.corrected(3, drawing(1), 4)
    assert recent.seen(drawing(1)) and recent.seen(drawing())  # both, until each is replaced
    recent.kept(drawing(2))
    assert not recent.seen(drawing()) and recent.seen(drawing(2)) and recent.seen(drawing(1))


def test_a_drawing_of_another_size_is_another_drawing():
    recent = RecentDrawings()
    recent.corrected(1, drawing(), 7)
    assert recent.correction_of(np.zeros((28, 28), np.float32)) is None
    assert not recent.seen(np.zeros((28, 28), np.float32))


def test_the_drawing_shown_when_the_user_said_to_forget_is_seen_and_nothing_else_is():
    canvas = drawing()
    recent = RecentDrawings.after_forgetting(canvas)
    canvas[0, 0] = 1.0  # the canvas goes on changing: the forgotten drawing is a copy
    assert recent.seen(drawing()) and not recent.seen(canvas) and recent.correction is None
    assert not RecentDrawings.after_forgetting(None).seen(drawing())


def test_the_last_accepted_drawing_is_found_by_its_drawing_while_it_may_be_taken_back():
    recent, schedule = RecentDrawings(), FineTuneSchedule()
    recent.kept(drawing(), 9)
    assert schedule.accepted_drawing() is False and schedule.can_take_back_accepted
    assert recent.accepted_of(drawing()) == 9 and recent.accepted_of(drawing(1)) is None
    schedule.accepted_taken_back()
    recent.accepted_id = None
    assert schedule.accepted == 0 and not schedule.can_take_back_accepted
    assert recent.accepted_of(drawing()) is None and recent.seen(drawing())  # taken back: still not kept again
