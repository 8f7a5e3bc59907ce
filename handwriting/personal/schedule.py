"""When the app fine-tunes on the user's samples (FineTuneSchedule), and which drawings it just stored (RecentDrawings).

Qt-free: the personal controller tells the schedule what happened and starts a fine-tune when it says one is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

# When the app fine-tunes (benchmarks/personal.py simulates the same): after this many corrections, and after
# this many accepted drawings (confident answers the user let stand), whichever comes first.
CORRECTIONS_PER_TUNE = 5
ACCEPTED_PER_TUNE = 50


class TuneState(Enum):
    """Whether a fine-tune runs: none; one that measures an enrolment on held-back drawings; an ordinary one."""

    IDLE = "idle"
    ENROLMENT = "enrolment"
    TUNING = "tuning"


class Due(Enum):
    """What a correction means: no fine-tune yet; one starts now; one follows the fine-tune that runs."""

    NOT_YET = "not yet"
    NOW = "now"
    NEXT = "next"


class FineTuneSchedule:
    """When to fine-tune: every CORRECTIONS_PER_TUNE corrections, every ACCEPTED_PER_TUNE accepted drawings.

    It is told what happens (corrections, samples labelled by hand, accepted drawings, a take-back; a
    fine-tune starting, finishing, failing or cancelled) and says when a fine-tune is due. The counts
    start again when a fine-tune starts; what comes in while one runs counts toward the next, which
    follows as soon as the running one finishes if it is due by then. A failed or cancelled fine-tune
    leaves the counts as they are: the next correction or accepted drawing starts one if it is due.
    """

    def __init__(self) -> None:
        self.state = TuneState.IDLE
        self.corrections = 0  # corrections since the last fine-tune started
        self.accepted = 0  # accepted drawings since the last fine-tune started
        self.queued = False  # a fine-tune of every sample is wanted once the running one ends

    @property
    def running(self) -> bool:
        """True while a fine-tune runs."""
        return self.state is not TuneState.IDLE

    @property
    def corrections_left(self) -> int:
        """How many more corrections until a fine-tune is due (0 or less: it is due)."""
        return CORRECTIONS_PER_TUNE - self.corrections

    # --- What the user did -----------------------------------------------------------------------------

    def corrected(self) -> Due:
        """A correction was stored: a fine-tune is due not yet, now, or next (after the running one: queued)."""
        self.corrections += 1
        if self.corrections_left > 0:
            return Due.NOT_YET
        if not self.running:
            return Due.NOW
        self.queued = True
        return Due.NEXT

    def labelled(self, count: int = 1) -> None:
        """`count` samples were labelled by hand (relabelled, imported): they count as corrections, start nothing."""
        self.corrections += count

    def accepted_drawing(self) -> bool:
        """A drawing let stand was kept: True when a fine-tune is due now (while one runs, see `finished`)."""
        self.accepted += 1
        return self.accepted >= ACCEPTED_PER_TUNE and not self.running

    @property
    def can_take_back(self) -> bool:
        """True while a correction counts that no fine-tune has started on since."""
        return self.corrections > 0

    def taken_back(self) -> None:
        """The last correction was taken back: it no longer counts."""
        self.corrections -= 1

    @property
    def can_take_back_accepted(self) -> bool:
        """True while an accepted drawing counts that no fine-tune has started on since."""
        return self.accepted > 0

    def accepted_taken_back(self) -> None:
        """The last accepted drawing was taken back: it no longer counts."""
        self.accepted -= 1

    def forgotten(self) -> None:
        """Every sample was deleted: nothing counts any more."""
        self.corrections, self.accepted = 0, 0

    # --- The fine-tunes ----------------------------------------------------------------------------------

    def start(self, enrolment: bool = False) -> bool:
        """A fine-tune of every sample is wanted: True when it starts now (the counts start again).

        While one runs it waits (queued), and False says so; an enrolment's, which measures on held-back
        drawings, does not wait. An enrolment's that starts queues a fine-tune of every sample behind it.
        """
        if self.running:
            self.queued = not enrolment
            return False
        self.corrections, self.accepted, self.queued = 0, 0, enrolment
        self.state = TuneState.ENROLMENT if enrolment else TuneState.TUNING
        return True

    def finished(self) -> bool:
        """The running fine-tune finished: True when the next one is due now (queued, or due by the counts)."""
        self.state = TuneState.IDLE
        return self.queued or self.corrections_left <= 0 or self.accepted >= ACCEPTED_PER_TUNE

    def failed(self) -> None:
        """The running fine-tune failed: the counts stay."""
        self.state = TuneState.IDLE

    def cancelled(self) -> None:
        """The running fine-tune was cancelled: the counts stay, nothing waits for it any more."""
        self.queued = False
        self.state = TuneState.IDLE


@dataclass
class Correction:
    """The last correction: its sample, the drawing as it was stored, and the digit it is stored as."""

    sample_id: int
    canvas: np.ndarray
    label: int

    def is_of(self, canvas: np.ndarray) -> bool:
        """True when `canvas` is this correction's drawing, unchanged."""
        return np.array_equal(self.canvas, canvas)


class RecentDrawings:
    """The drawings just stored, so that a drawing is stored once: the last correction, the last accepted drawing.

    Also the drawing that was on the canvas when the user said "forget my handwriting": it is never kept.
    """

    def __init__(self) -> None:
        self.correction: Correction | None = None
        self.accepted: np.ndarray | None = None
        self.accepted_id: int | None = None  # the last accepted drawing's sample, while Ctrl+Z may take it back
        self.forgotten: np.ndarray | None = None

    def correction_of(self, canvas: np.ndarray) -> Correction | None:
        """The last correction when `canvas` is its drawing, unchanged: corrected again, it is relabelled, not added."""
        return self.correction if self.correction is not None and self.correction.is_of(canvas) else None

    def seen(self, canvas: np.ndarray) -> bool:
        """True when `canvas` is the last accepted drawing, the last corrected one, or the one on the canvas when
        the user said to forget: it is not kept (again)."""
        return self.correction_of(canvas) is not None or any(
            drawing is not None and np.array_equal(drawing, canvas) for drawing in (self.accepted, self.forgotten)
        )

    def corrected(self, sample_id: int, canvas: np.ndarray, label: int) -> None:
        """`canvas` was stored as sample `sample_id`, a `label`."""
        self.correction = Correction(sample_id, canvas.copy(), label)

    def kept(self, canvas: np.ndarray, sample_id: int | None = None) -> None:
        """`canvas`, let stand, was kept (as sample `sample_id`)."""
        self.accepted, self.accepted_id = canvas.copy(), sample_id

    def accepted_of(self, canvas: np.ndarray) -> int | None:
        """The last accepted drawing's sample when `canvas` is that drawing (its clear undone), else None."""
        if self.accepted_id is None or self.accepted is None or not np.array_equal(self.accepted, canvas):
            return None
        return self.accepted_id

    @classmethod
    def after_forgetting(cls, canvas: np.ndarray | None) -> RecentDrawings:
        """Nothing stored any more; `canvas`, the drawing on screen when the user said to forget, is never kept."""
        recent = cls()
        recent.forgotten = None if canvas is None else canvas.copy()
        return recent
