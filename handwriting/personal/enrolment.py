"""The plan of a "learn my handwriting" enrolment: every digit a few times in random order, skip, redo, held-back.

Qt-free: the enrolment dialog shows what the plan says and tells it what the user did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REPEATS = 3  # each digit is asked for this many times


@dataclass
class Prompt:
    """One requested drawing: the digit, and the id of the stored sample (None while not drawn or skipped)."""

    digit: int
    sample_id: int | None = None
    skipped: bool = False


class EnrolmentPlan:
    """The prompts of one enrolment, in a random order, and where the user is.

    `record(id)` stores the answer to the current prompt and moves on; `skip()` moves on without one;
    `redo()` goes back one prompt and returns the sample id to delete (if it was drawn).
    """

    def __init__(self, repeats: int = REPEATS, seed: int | None = None) -> None:
        digits = np.repeat(np.arange(10), repeats)
        order = np.random.default_rng(seed).permutation(len(digits))
        self.prompts = [Prompt(int(digits[i])) for i in order]
        self.position = 0

    @property
    def total(self) -> int:
        """How many drawings are asked for."""
        return len(self.prompts)

    @property
    def finished(self) -> bool:
        """True once every prompt was drawn or skipped."""
        return self.position >= self.total

    @property
    def current(self) -> int | None:
        """The digit to draw now; None when finished."""
        return None if self.finished else self.prompts[self.position].digit

    def repeat_of_current(self) -> tuple[int, int]:
        """(which time this digit is asked, counting from 1, how many times it is asked)."""
        digit = self.current
        same = [i for i, prompt in enumerate(self.prompts) if prompt.digit == digit]
        return same.index(self.position) + 1, len(same)

    def record(self, sample_id: int) -> None:
        """The current prompt was drawn and stored as `sample_id`; go to the next one."""
        if self.finished:
            raise ValueError("the enrolment is finished")
        self.prompts[self.position] = Prompt(self.prompts[self.position].digit, sample_id)
        self.position += 1

    def skip(self) -> None:
        """Leave the current prompt undrawn; go to the next one."""
        if self.finished:
            raise ValueError("the enrolment is finished")
        self.prompts[self.position] = Prompt(self.prompts[self.position].digit, None, skipped=True)
        self.position += 1

    @property
    def can_redo(self) -> bool:
        """True when there is a previous prompt to go back to."""
        return self.position > 0

    def redo(self) -> int | None:
        """Go back to the previous prompt; returns the id of its stored sample (to delete), None if it was skipped."""
        if not self.can_redo:
            return None
        self.position -= 1
        prompt = self.prompts[self.position]
        self.prompts[self.position] = Prompt(prompt.digit)
        return prompt.sample_id

    def sample_ids(self) -> list[int]:
        """The ids of every stored drawing, in prompt order."""
        return [p.sample_id for p in self.prompts if p.sample_id is not None]

    def drawn(self) -> int:
        """How many prompts were drawn (not skipped)."""
        return len(self.sample_ids())

    def held_back(self) -> tuple[int, ...]:
        """One drawing of each digit drawn at least twice (its last), kept out of training to measure on."""
        last: dict[int, list[int]] = {}
        for prompt in self.prompts:
            if prompt.sample_id is not None:
                last.setdefault(prompt.digit, []).append(prompt.sample_id)
        return tuple(ids[-1] for ids in last.values() if len(ids) >= 2)
