"""The enrolment's words: what it asks for, and what its before/after measure says."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication

translate = QCoreApplication.translate


def intro_text() -> str:
    """What the enrolment asks for, in the current language."""
    return translate("Enrolment", "Draw each digit as you usually write it. You are asked for every digit three "
                                  "times, in random order; one of each is kept back to measure how well the app "
                                  "reads you before and after it learns.")


def measured_text(before: float, after: float, count: int) -> str:
    """The result of an enrolment in words: what was measured, on how many drawings, and how much that says."""
    right_before, right_after = round(before * count), round(after * count)
    headline = translate("Enrolment", "Of {count} drawings kept back: {before} read right before learning, {after} "
                                      "after")
    headline = headline.format(count=count, before=right_before, after=right_after)
    if right_after > right_before:
        text = translate("Enrolment", "The app now reads {gain} more of them right.")
        verdict = text.format(gain=right_after - right_before)
    elif right_after < right_before:
        text = translate("Enrolment", "The app now reads {loss} fewer of them right.")
        verdict = text.format(loss=right_before - right_after)
    else:
        verdict = translate("Enrolment", "No change on these drawings.")
    detail = translate("Enrolment", "The kept-back drawings were not learnt from, so they show how the app reads "
                                    "your new drawings. With {count} drawings each one is {step} points, so this "
                                    "says little about small changes; the more you correct it, the more it learns. "
                                    "They are being learnt now too; the personal model is in use.")
    detail = detail.format(count=count, step=f"{100 / max(count, 1):.0f}")
    return f"<p style='font-size:large'><b>{headline}</b></p><p>{verdict}</p><p>{detail}</p>"


def unmeasured_text() -> str:
    """The result of an enrolment learnt without a measure: what happened, and why nothing was measured."""
    return translate("Enrolment", "Learnt: the personal model is in use. How much better it reads you was not "
                                  "measured: that needs each digit drawn three times, one of them kept back.")
