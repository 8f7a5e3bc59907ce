"""Recognition of what the canvas shows: a drawing (throttled while drawing, at once at pen-up), a sample, a file."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal

from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.shown_images import DRAWING, IMAGE_KEY, RECOGNITION_KEY, Content, ShownImages
from handwriting.gui.controllers.tasks import TaskRunner, describe_error
from handwriting.labels import Status
from handwriting.recognition.recognizer import Prediction, Recognizer

PREDICT_INTERVAL_MS = 40  # live recognition while drawing: at most 25 times a second
translate = QCoreApplication.translate


class RecognitionController(ShownImages, QObject):
    """Owns the content on the canvas, the throttle and the predictor; emits what to show.

    `drawing` returns the canvas's pixels (a read-only view, None when nothing is drawn); it is
    the only thing this controller knows of the canvas widget. `heavy_work` says whether training or
    an evaluation keeps the CPU busy, when even a pen-up is recognised off the GUI thread; `reads_drawings`,
    whether it reads the drawing as one digit (in number mode it leaves it to the NumberController).
    """

    content_changed = pyqtSignal(object)  # Content
    display = pyqtSignal(object, bool)  # an image (bright ink on dark) for the canvas, smooth scaling?
    prediction_ready = pyqtSignal(object, object)  # Prediction, Content
    no_prediction = pyqtSignal(str)  # a message instead of a digit ("Draw a digit", "No digit found")
    image_changed = pyqtSignal(object)  # the 28x28 network input now shown, None when there is none
    notice = pyqtSignal(str)  # a status message about the content
    replaced = pyqtSignal(str)  # a drawing took the place of an image: what Ctrl+Z brings back, in words
    failed = pyqtSignal(str, str)  # title, message: an image file that cannot be opened

    def __init__(self, runner: TaskRunner, data: MnistSource, drawing: Callable[[], np.ndarray | None],
                 parent: QObject | None = None, strokes: Callable[[], list | None] = lambda: None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._data = data
        self._drawing = drawing
        self._strokes = strokes  # the drawing's pen paths (a copy), read beside its ink; None: unknown
        self.heavy_work: Callable[[], bool] = lambda: False
        # False in number mode: the NumberController reads drawings and image files (test images stay digits)
        self.reads_one_digit: Callable[[], bool] = lambda: True
        self.file_canvas: np.ndarray | None = None  # the image file shown, as read (for the number controller)
        self.recognizer: Recognizer | None = None
        self.no_model_text: str | None = None  # "No model loaded" (translated) once loading failed
        self.content = DRAWING
        self.current_prediction: Prediction | None = None
        self.last_sample: tuple[int, int] | None = None  # (test index, true label) once its prediction is shown
        self.rng = np.random.default_rng()
        self._request: Callable[[Recognizer], Prediction] | None = None  # how to recognise the content again
        # The test image or file a drawing replaced, to show again when its first stroke is undone: (content, its
        # file's canvas, its request)
        self._replaced: tuple[Content, np.ndarray | None, Callable[[Recognizer], Prediction] | None] | None = None
        self._again = False  # the drawing changed while its recognition ran
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREDICT_INTERVAL_MS)
        self._timer.timeout.connect(self.recognise_drawing)

    # --- Content ----------------------------------------------------------------------------------------

    def _set_content(self, content: Content) -> None:
        """A new content: answers still on their way for the old one are dropped."""
        self._runner.cancel(RECOGNITION_KEY)
        self._runner.cancel(IMAGE_KEY)
        self._again = False
        self._request = None
        self.content = content
        self.last_sample = None
        if content.kind != "file":
            self.file_canvas = None
        if content.kind != "drawing":
            self._replaced = None
        self.content_changed.emit(content)

    def idle(self) -> bool:
        """True when no recognition is scheduled, running or waiting (tests wait for this)."""
        busy = self._runner.busy(RECOGNITION_KEY) or self._runner.busy(IMAGE_KEY)
        return not self._timer.isActive() and not busy

    def stop(self) -> None:
        """No more scheduled recognitions (the window is closing)."""
        self._timer.stop()

    def set_recognizer(self, recognizer: Recognizer | None) -> None:
        """Use another model: what is shown is recognised again, without a status message."""
        self.recognizer = recognizer
        self.read_again(now=False)

    def read_again(self, now: bool = True) -> None:
        """What is shown recognised again as one digit, without a status message (number mode turned off, another
        model); in number mode a drawing or a file is the NumberController's, and an answer on its way is dropped."""
        if self.content.kind == "drawing":
            self.recognise_drawing(now=now)
        elif self.content.kind == "file" and not self.reads_one_digit():
            self._runner.cancel(RECOGNITION_KEY)
        elif self._request is not None:
            self._submit(self._request, announce=False)

    # --- The drawing ------------------------------------------------------------------------------------

    def drawing_started(self) -> None:
        """The pen went down: a drawing replaces a sample or a file (and a large file still being read)."""
        if self.content.kind != "drawing" or self._runner.pending(IMAGE_KEY):
            shown = self.content
            self._to_drawing()
            if shown.kind != "drawing":  # the pen went down on a shown image: say where it went
                text = translate("Recognition", "A new drawing in place of {shown}; Ctrl+Z brings it back")
                name = shown.name if shown.kind == "file" else translate("Recognition", "the test image")
                self.replaced.emit(text.format(shown=name))

    def _to_drawing(self) -> None:
        """The drawing is the content; a test image or a file it replaces is kept for undo (image_restored)."""
        shown = self.content, self.file_canvas, self._request
        self._set_content(DRAWING)
        if shown[0].kind != "drawing":
            self._replaced = shown

    def drawing_changed(self) -> None:
        """The stroke grew: recognise within PREDICT_INTERVAL_MS."""
        if not self._timer.isActive():
            self._timer.start()

    def drawing_cleared(self) -> None:
        """The canvas was emptied (cleared or its last stroke undone)."""
        self._to_drawing()
        self.recognise_drawing()

    def pen_lifted(self) -> None:
        """The pen was lifted (or a stroke undone): recognise at once."""
        self.recognise_drawing(now=True)

    def recognise_drawing(self, now: bool = False) -> None:
        """Recognise the drawing: on the prediction thread, or with now=True on the GUI thread.

        now=True answers within a few milliseconds of a pen-up; while heavy_work() it also goes to the
        prediction thread, where a wait for the CPU cannot stall the window.
        """
        self._timer.stop()
        if self.content.kind != "drawing":
            return
        if not self.reads_one_digit():
            self._runner.cancel(RECOGNITION_KEY)  # a digit's answer still on its way is not shown over a number's
            return
        pixels = self._drawing()
        if pixels is None:
            self._runner.cancel(RECOGNITION_KEY)  # drop answers still on their way for erased strokes
            self._show_nothing(
                (self.recognizer is None and self.no_model_text) or translate("Recognition", "Draw a digit")
            )
            return
        recognizer = self.recognizer
        if recognizer is None:
            return
        if now and not self.heavy_work():
            self._runner.cancel(RECOGNITION_KEY)  # older answers from the prediction thread are dropped
            try:
                prediction = recognizer.predict(pixels, self._strokes())  # the canvas's own pixels, no copy
            except Exception as exc:  # shown in the status bar, never a crash
                self.notice.emit(
                    translate("Recognition", "Recognition failed: {reason}").format(reason=describe_error(exc))
                )
                return
            self._show(prediction, DRAWING, announce=True)
            return
        if self._runner.pending(RECOGNITION_KEY) and not now:
            self._again = True  # one recognition at a time while drawing; the latest drawing follows
            return
        array, strokes = pixels.copy(), self._strokes()  # read only for a drawing that is read now
        self._submit(lambda recognizer: recognizer.predict(array, strokes))

    def _submit(self, compute: Callable[[Recognizer], Prediction], announce: bool = True) -> None:
        self._request = compute
        recognizer, content = self.recognizer, self.content
        if recognizer is None:
            return
        self._runner.submit(
            RECOGNITION_KEY, compute, recognizer,
            on_done=lambda prediction: self._on_recognised(prediction, content, announce),
            on_failed=lambda message: self.notice.emit(
                translate("Recognition", "Recognition failed: {reason}").format(reason=message)
            ),
        )

    def _on_recognised(self, prediction: Prediction, content: Content, announce: bool) -> None:
        self._show(prediction, content, announce)
        if self._again:
            self._again = False
            self.recognise_drawing()

    # --- Showing ----------------------------------------------------------------------------------------

    def _show_nothing(self, message: str) -> None:
        self.current_prediction = None
        self.no_prediction.emit(message)
        self.image_changed.emit(None)

    def _show(self, prediction: Prediction, content: Content, announce: bool) -> None:
        self.current_prediction = prediction
        if content.kind == "file" and prediction.status == Status.EMPTY:
            self.no_prediction.emit(translate("Recognition", "No digit found"))
            self.image_changed.emit(None)
            if announce:
                self.notice.emit(
                    translate("Recognition", "{file}: no digit found (the image is blank or nearly so)").format(
                        file=content.name
                    )
                )
            return
        if content.kind == "sample":
            self.last_sample = (content.index, content.label)
        self.prediction_ready.emit(prediction, content)
        self.image_changed.emit(prediction.image)
        if not announce:
            return
        if prediction.digit is None:
            shown = translate("Recognition", "not a digit")
        else:
            shown = translate("Recognition", "predicted {digit}").format(digit=prediction.digit)
        if content.kind == "sample":
            self.notice.emit(
                translate("Recognition", "Test image #{index}: true label {label}, {prediction}").format(
                    index=content.index, label=content.label, prediction=shown
                )
            )
        elif content.kind == "file":
            text = translate("Recognition", "{file}: {prediction}")
            self.notice.emit(text.format(file=content.name, prediction=shown))

