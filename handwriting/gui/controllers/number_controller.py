"""Number mode: the drawing read as a whole number off the GUI thread while drawn; its digits selected, corrected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal

from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.labels import NumberStatus, Status
from handwriting.recognition.numbers import NumberReading
from handwriting.recognition.prediction import Prediction
from handwriting.recognition.recognizer import Recognizer

READ_INTERVAL_MS = 40  # live reading while drawing: at most 25 times a second, as for one digit
NUMBER_KEY = "number"
SAME_BOX = 0.8  # a digit's box overlapping its former box over this share of both is the same digit's
translate = QCoreApplication.translate

Drawing = tuple[np.ndarray, list[np.ndarray] | None]  # the canvas's pixels (a copy) and its strokes (None: unknown)


@dataclass(frozen=True, eq=False)
class ShownNumber:
    """A reading on screen: the NumberReading of `pixels` (the drawing read), the user's corrections (one per digit,
    None where the network's answer stands) and the selected digit (None when there is no digit)."""

    reading: NumberReading
    corrections: tuple[int | None, ...]
    selected: int | None
    pixels: np.ndarray

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the drawing read, the boxes' frame."""
        return self.pixels.shape[1], self.pixels.shape[0]

    def digit(self, index: int) -> int | None:
        """The digit shown at `index`: the user's, else the network's (None: no digit)."""
        corrected = self.corrections[index]
        return corrected if corrected is not None else self.reading.digits[index].digit

    @property
    def text(self) -> str:
        """The number shown, corrections included; ink read as no digit (and not corrected) is left out."""
        return "".join(str(digit) for digit in map(self.digit, range(self.count)) if digit is not None)

    @property
    def strays(self) -> int:
        """How many pieces are read as no digit and not corrected."""
        return sum(self.digit(index) is None for index in range(self.count))

    @property
    def count(self) -> int:
        """How many digits (pieces read as one) the reading has."""
        return len(self.reading.digits)

    @property
    def corrected(self) -> bool:
        """True once the user corrected a digit of this reading."""
        return any(digit is not None for digit in self.corrections)

    @property
    def prediction(self) -> Prediction | None:
        """The network's answer for the selected digit."""
        return None if self.selected is None else self.reading.digits[self.selected]

    def drawing(self, index: int) -> np.ndarray:
        """The drawing of digit `index`: its own ink as the network saw it (28x28, a copy), without the neighbours'
        ink that reaches into its box, so that a correction teaches this digit alone."""
        return self.reading.digits[index].image.copy()


def with_strays(reading: NumberReading) -> NumberReading:
    """The reading with its strays (ink read as no digit, left out of its text) among its digits, left to right,
    so that they are boxed, shown and can be corrected like its digits; their Predictions say "not a digit"."""
    if not reading.strays:
        return reading
    digits = zip(reading.digits, reading.boxes, strict=True)
    pairs = sorted([*digits, *zip(reading.stray_predictions, reading.strays, strict=True)], key=lambda pair: pair[1][0])
    return replace(reading, digits=tuple(p for p, _ in pairs), boxes=tuple(b for _, b in pairs))


def digit_in_doubt(reading: NumberReading) -> int | None:
    """The digit to show first: the first that is no digit, else the first where the runner-up reading differs
    ("2026 or 2028?": the 4th), else the last (the one just written); None when there is none."""
    if not reading.digits:
        return None
    for index, prediction in enumerate(reading.digits):
        if prediction.status == Status.NOT_A_DIGIT:
            return index
    if reading.status == NumberStatus.UNSURE and len(reading.alternatives) > 1:
        other = reading.alternatives[1][0]
        if len(other) == len(reading.text):
            differ = [i for i, (a, b) in enumerate(zip(reading.text, other, strict=True)) if a != b]
            if differ:
                return differ[0]
    return len(reading.digits) - 1


def same_digit(old: ShownNumber, j: int, reading: NumberReading, pixels: np.ndarray, i: int) -> bool:
    """True when digit `i` of `reading` (of `pixels`) is digit `j` of `old`: nearly the same box (the pen's width,
    estimated from all the ink, may move an edge), and not a pixel changed under both boxes."""
    (a0, b0, a1, b1), (c0, d0, c1, d1) = old.reading.boxes[j], reading.boxes[i]
    x0, y0, x1, y1 = min(a0, c0), min(b0, d0), max(a1, c1), max(b1, d1)
    shared = max(0, min(a1, c1) - max(a0, c0)) * max(0, min(b1, d1) - max(b0, d0))
    if old.pixels.shape != pixels.shape or shared < SAME_BOX * (x1 - x0) * (y1 - y0):
        return False
    return np.array_equal(old.pixels[y0:y1, x0:x1], pixels[y0:y1, x0:x1])


class NumberController(QObject):
    """Owns number mode: whether it is on, the reading of the drawing, the selected digit, the user's corrections.

    The drawing is read on the task runner's NUMBER_KEY thread, throttled while drawing and at once at a pen-up;
    the runner drops an answer once a newer drawing was submitted or the drawing was erased. `drawing` returns the
    canvas's pixels and strokes, None when no drawing is shown (an empty canvas, a test image, a file): the only
    thing this controller knows of the canvas. A correction stays with its digit while the digit's box and image do
    (another model reads the same drawing, a stroke is added to another digit).
    """

    active_changed = pyqtSignal(bool)
    shown = pyqtSignal(object)  # a ShownNumber, or None: no drawing to read
    image_changed = pyqtSignal(object)  # the selected digit's 28x28 network input, None when there is none
    notice = pyqtSignal(str)

    def __init__(self, runner: TaskRunner, drawing: Callable[[], Drawing | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._drawing = drawing
        self.active = False
        self.recognizer: Recognizer | None = None
        self.current: ShownNumber | None = None
        self._parked: ShownNumber | None = None  # what was shown when number mode went off
        self.last_corrected: int | None = None  # the digit corrected last, while it is shown
        self._picked = False  # the user chose the selected digit: a new reading of the same drawing keeps it
        self._again = False  # the drawing changed while its reading ran
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_INTERVAL_MS)
        self._timer.timeout.connect(self.read)

    def set_active(self, active: bool) -> None:
        """Number mode on or off (`active_changed` first, so the canvas is wide before it is read)."""
        if active == self.active:
            return
        self.active = active
        self._runner.cancel(NUMBER_KEY)
        self._timer.stop()
        self._again, self._picked = False, False
        # the reading shown when number mode went off comes back with its corrections if the same ink comes back
        self.current, self._parked = (self._parked, None) if active else (None, self.current)
        self.last_corrected = None
        self.active_changed.emit(active)
        self.read(now=True)

    def set_recognizer(self, recognizer: Recognizer | None) -> None:
        """Another model: the drawing is read again."""
        self.recognizer = recognizer
        self.read(now=True)

    def idle(self) -> bool:
        """True when no reading is scheduled, running or waiting (tests wait for this)."""
        return not self._timer.isActive() and not self._runner.busy(NUMBER_KEY)

    def stop(self) -> None:
        """No more scheduled readings (the window is closing)."""
        self._timer.stop()

    # --- The drawing ------------------------------------------------------------------------------------

    def drawing_started(self) -> None:
        """The pen went down: the selection follows the digits again (the last one written, or one in doubt)."""
        self._picked = False

    def drawing_changed(self) -> None:
        """The stroke grew: read within READ_INTERVAL_MS."""
        if self.active and not self._timer.isActive():
            self._timer.start()

    def read(self, now: bool = False) -> None:
        """Read the drawing on the worker thread; while drawing one reading at a time (now=False), the latest
        drawing following; now=True (a pen-up, a clear, another model) supersedes the reading on its way."""
        self._timer.stop()
        if not self.active:
            return
        drawing = self._drawing()
        if drawing is None:
            self._runner.cancel(NUMBER_KEY)  # answers on their way are for erased strokes
            self._again = False
            self._show(None)
            return
        recognizer = self.recognizer
        if recognizer is None:
            return
        if not now and self._runner.pending(NUMBER_KEY):
            self._again = True
            return
        self._again = False
        pixels, strokes = drawing
        self._runner.submit(
            NUMBER_KEY, recognizer.read_number, pixels, strokes,
            on_done=lambda reading: self._on_read(reading, pixels),
            on_failed=lambda message: self.notice.emit(
                translate("Numbers", "Reading the number failed: {reason}").format(reason=message)
            ),
        )

    def _on_read(self, reading: NumberReading, pixels: np.ndarray) -> None:
        self._show(self._follow(with_strays(reading), pixels))
        if self._again:
            self._again = False
            self.read()

    def _follow(self, reading: NumberReading, pixels: np.ndarray) -> ShownNumber:
        """The new reading with the corrections of the digits it shares with the one shown, and the selection."""
        old, corrections, corrected_last = self.current, [], None
        for i in range(len(reading.digits)):
            same = [] if old is None else [j for j in range(old.count) if same_digit(old, j, reading, pixels, i)]
            corrections.append(old.corrections[same[0]] if same else None)
            if same and same[0] == self.last_corrected:
                corrected_last = i
        self.last_corrected = corrected_last
        kept = self._picked and old is not None and old.selected is not None and old.selected < len(reading.digits)
        selected = old.selected if kept else digit_in_doubt(reading)
        return ShownNumber(reading, tuple(corrections), selected, pixels)

    def _show(self, shown: ShownNumber | None) -> None:
        self.current = shown
        self.shown.emit(shown)
        prediction = None if shown is None else shown.prediction
        self.image_changed.emit(None if prediction is None else prediction.image)

    # --- The user's choices -----------------------------------------------------------------------------

    def select(self, index: int) -> None:
        """Show digit `index`: its bars, its network input (a click on its box)."""
        shown = self.current
        if shown is None or not 0 <= index < shown.count:
            return
        self._picked = True
        if index != shown.selected:
            self._show(replace(shown, selected=index))

    def step(self, steps: int) -> None:
        """Select the digit `steps` to the right (negative: to the left), stopping at the ends."""
        shown = self.current
        if shown is not None and shown.selected is not None:
            self.select(max(0, min(shown.selected + steps, shown.count - 1)))

    def correct(self, digit: int) -> tuple[np.ndarray, Prediction] | None:
        """ "The selected digit is `digit`": shown so until the drawing changes. Returns that digit's drawing and the
        network's Prediction for it (for the personal store); None when no digit is selected."""
        shown = self.current
        if shown is None or shown.selected is None:
            return None
        index = shown.selected
        corrections = list(shown.corrections)
        corrections[index] = digit
        self.last_corrected, self._picked = index, True
        self._show(replace(shown, corrections=tuple(corrections)))
        return shown.drawing(index), shown.reading.digits[index]

    def take_back_correction(self) -> bool:
        """The last correction taken back (Edit > Undo right after it): its digit shows the network's reading again.
        False when no digit is shown corrected."""
        shown, index = self.current, self.last_corrected
        if shown is None or index is None or shown.corrections[index] is None:
            return False
        corrections = list(shown.corrections)
        corrections[index] = None
        self.last_corrected = None
        self._show(replace(shown, corrections=tuple(corrections)))
        return True

    def corrected_drawing(self) -> np.ndarray | None:
        """The drawing of the digit corrected last, while it is shown corrected (None otherwise)."""
        shown, index = self.current, self.last_corrected
        if shown is None or index is None or shown.corrections[index] is None:
            return None
        return shown.drawing(index)
