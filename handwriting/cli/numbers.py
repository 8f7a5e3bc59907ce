"""`handwriting predict --number`: a whole number in each image file, its digits, their probabilities and boxes."""

from __future__ import annotations

import json
import sys

TOP_PROBABILITIES = 3  # the digits listed with their probabilities, for a number's digits as for one digit


def number_record(file: str, reading) -> dict:
    """A NumberReading as plain JSON data."""
    digits = [
        {
            "digit": prediction.digit,
            "status": str(prediction.status),
            "probabilities": [round(float(p), 6) for p in prediction.probabilities],
            "not_digit_probability": round(prediction.not_digit_probability, 6),
            "box": list(box),
        }
        for prediction, box in zip(reading.digits, reading.boxes, strict=True)
    ]
    alternatives = [[text, round(p, 6)] for text, p in reading.alternatives]
    return {
        "file": file,
        "text": reading.text,
        "status": str(reading.status),
        "probability": round(reading.probability, 6),
        "alternatives": alternatives,
        "digits": digits,
        "strays": [list(box) for box in reading.strays],
    }


def predict_numbers(recognizer, files: list[str], as_json: bool) -> int:
    """Read a whole number in each image file: its text, each digit with its probabilities, and the boxes."""
    import numpy as np

    from handwriting.errors import ImageFileError
    from handwriting.labels import NumberStatus, percent_text
    from handwriting.recognition.images import read_canvas

    failures = 0
    for file in files:
        try:
            reading = recognizer.read_number(read_canvas(file))
        except ImageFileError as exc:
            failures += 1
            if as_json:
                print(json.dumps({"file": file, "text": None, "digits": None, "error": str(exc)}))
            else:
                print(f"error: {exc}", file=sys.stderr)
            continue
        if as_json:
            print(json.dumps(number_record(file, reading)))
            continue
        if reading.status == NumberStatus.EMPTY:
            print(f"{file}: no number (the image holds no ink)")
            continue
        if reading.status == NumberStatus.NOT_A_NUMBER:
            print(f"{file}: not a number")
        else:
            others = [text for text, _ in reading.alternatives[1:2]]
            unsure = reading.status == NumberStatus.UNSURE and others
            guess = f"{reading.text} or {others[0]}?" if unsure else reading.text
            print(f"{file}: {guess}  ({percent_text(reading.probability)})")
        for prediction, box in zip(reading.digits, reading.boxes, strict=True):
            top = np.argsort(prediction.probabilities)[::-1][:TOP_PROBABILITIES]
            ranked = ", ".join(f"{d}: {percent_text(prediction.probabilities[d])}" for d in top)
            shown = "not a digit" if prediction.digit is None else str(prediction.digit)
            print(f"  {shown}  [{ranked}]  box {box[0]},{box[1]}-{box[2]},{box[3]}")
        for box in reading.strays:
            print(f"  (no digit, left out)  box {box[0]},{box[1]}-{box[2]},{box[3]}")
    return 1 if failures else 0
