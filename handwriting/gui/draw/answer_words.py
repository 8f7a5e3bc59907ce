"""What the Draw tab says of one digit's Prediction: its heading, the heading's colour, the bar lit, the line below."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from handwriting.gui.draw.panel_parts import MESSAGE_COLOUR, UNSURE_TEXT_COLOUR
from handwriting.gui.wording import percent
from handwriting.labels import NOT_A_DIGIT, Status
from handwriting.recognition.prediction import Prediction

NOT_A_DIGIT_TEXT = QT_TRANSLATE_NOOP("DrawPanel", "Not a digit")
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Answer:
    """The heading ("Prediction: 7 (98%)"), its colour (None: the palette's), the column lit, the line below."""

    text: str
    colour: str | None
    highlight: int
    detail: str


def answer_words(prediction: Prediction, number_hint: bool = False) -> Answer:
    """The words for a Prediction that is not empty: a digit and its runner-up, "7 or 2?", or "Not a digit" (with
    `number_hint`, a drawing or a file read as one digit, saying that number mode reads a whole number)."""
    probabilities = prediction.probabilities
    first, second = prediction.candidates
    if prediction.status == Status.NOT_A_DIGIT or prediction.digit is None:
        detail = translate("DrawPanel", "It does not look like any digit (the ✕ bar)")
        if number_hint:
            detail = translate("DrawPanel", "It does not look like any digit (the ✕ bar). A whole number? "
                                            "Number mode (Ctrl+N) reads it")
        return Answer(translate("DrawPanel", NOT_A_DIGIT_TEXT), MESSAGE_COLOUR, NOT_A_DIGIT, detail)
    if prediction.status == Status.UNSURE:
        text = translate("DrawPanel", "Prediction: {first} ({confidence}) — not sure: {first} or {second}?")
        text = text.format(first=first, second=second, confidence=percent(prediction.confidence))
        detail = translate("DrawPanel", "{first}: {p_first}, {second}: {p_second}").format(
            first=first, second=second, p_first=percent(probabilities[first]), p_second=percent(probabilities[second]))
        return Answer(text, UNSURE_TEXT_COLOUR, first, detail)
    text = translate("DrawPanel", "Prediction: {digit} ({confidence})").format(
        digit=first, confidence=percent(prediction.confidence))
    detail = translate("DrawPanel", "Runner-up: {digit} ({probability})").format(
        digit=second, probability=percent(probabilities[second]))
    if prediction.not_digit_probability > probabilities[second]:  # the ✕ bar is the next tallest
        detail = translate("DrawPanel", "Runner-up: not a digit ({probability})").format(
            probability=percent(prediction.not_digit_probability))
    return Answer(text, None, first, detail)


def left_out_words(prediction: Prediction) -> str | None:
    """Why ink left out of a number was, when the network alone reads a digit there (its bars show one): it stands
    over the digit before it, or is too small for a digit (handwriting.recognition.numbers); None otherwise."""
    best = int(np.argmax(prediction.probabilities))
    if prediction.probabilities[best] <= prediction.not_digit_probability:
        return None
    return translate("DrawPanel", "Alone it reads as a {digit}, but here it is no digit of its own: it stands over the "
                                  "digit before it, or is too small for one. If it is a digit, press its key").format(
        digit=best)


def correction_words(digit: int, prediction: Prediction) -> str:
    """The user's answer over the network's: "Corrected: 4 (the network said 9)"; "Confirmed: 7 (the network said 7
    too)" when it is the network's own."""
    if prediction.digit == digit:
        return translate("DrawPanel", "Confirmed: {digit} (the network said {digit} too)").format(digit=digit)
    said = translate("DrawPanel", "not a digit") if prediction.digit is None else str(prediction.digit)
    return translate("DrawPanel", "Corrected: {digit} (the network said {said})").format(digit=digit, said=said)
