"""Recognition in the main window: the drawing (at pen-up at once, throttled while drawing), samples, image files."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from PyQt5.QtWidgets import QFileDialog

from handwriting.errors import ImageFileError
from handwriting.gui.workers import FunctionWorker, Outcome, describe_error
from handwriting.images import image_size, read_canvas
from handwriting.recognizer import Prediction, Recognizer

STATUS_TIMEOUT_MS = 8000
DRAW_TAB = 0
SYNC_READ_PIXELS = 4_000_000  # image files up to this size are read at once; larger ones on a worker thread
DISPLAY_SIDE = 560  # a large image is scaled down to this for display (twice the canvas: sharp on HiDPI)
NO_DIGIT_TEXT = "No digit found"


def _display_copy(canvas: np.ndarray, side: int = DISPLAY_SIDE) -> np.ndarray:
    """A copy of a float canvas scaled down to fit `side` pixels (for showing a large image quickly)."""
    height, width = canvas.shape
    scale = side / max(height, width)
    if scale >= 1:
        return canvas
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(canvas, mode="F").resize(size, Image.BOX), dtype=np.float32)


def _read_large_image(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read a large image file on a worker thread: (canvas for recognition, smaller copy for display)."""
    canvas = read_canvas(path)
    return canvas, _display_copy(canvas)


class RecognitionMixin:
    """MainWindow's drawing, sample and image-file behaviour (mixed into MainWindow, uses its widgets)."""

    # --- Drawing and recognition --------------------------------------------------------------------------
    # What the canvas shows has a kind ("drawing", "sample" or "file") and a generation number, bumped
    # whenever the content changes identity; a result from the prediction thread is only shown if its
    # generation is still current, so a late answer never lands on a cleared canvas or another sample.

    def _new_content(self, kind: str) -> None:
        self._generation += 1
        self._content = kind
        self._request = None
        self.predictor.discard_waiting()

    def _recognise(
        self, kind: str, extra: object, compute: Callable[[Recognizer], Prediction], announce: bool = True
    ) -> None:
        """Run compute(recognizer) on the prediction thread and show the result if the content is unchanged.

        announce=False (a re-run with a newly loaded model) leaves the status bar alone.
        """
        self._request = (kind, extra, compute)
        recognizer = self.recognizer
        if recognizer is None:
            return
        self.predictor.submit(lambda: compute(recognizer), (self._generation, kind, extra, announce))

    def _on_prediction(self, tag: tuple, prediction: Prediction) -> None:
        generation, kind, extra, announce = tag
        if self._shut_down or generation != self._generation:
            return  # the canvas shows something else by now
        self.current_prediction = prediction
        if prediction.digit is None and kind == "file":
            self.draw_panel.show_message(NO_DIGIT_TEXT)
            if announce:
                self.status(f"{extra}: no digit found (the image is blank or nearly so)", STATUS_TIMEOUT_MS)
            self.predictionShown.emit(prediction)
            return
        self.draw_panel.show_prediction(prediction)
        if kind == "sample":
            index, label = extra
            self.last_sample = (index, label)
            agree = prediction.digit == label
            verdict = "correct" if agree else "wrong"
            colour = "#2b8a3e" if agree else "#c92a2a"
            self.draw_panel.sample_info.setText(
                f'Test image #{index}: true label <b>{label}</b>, <span style="color:{colour}">{verdict}</span>'
            )
            if announce:
                message = f"Test image #{index}: true label {label}, predicted {prediction.digit}"
                self.status(message, STATUS_TIMEOUT_MS)
        elif kind == "file" and announce:
            self.status(f"{extra}: predicted {prediction.digit}", STATUS_TIMEOUT_MS)
        self.predictionShown.emit(prediction)

    def _on_prediction_failed(self, tag: tuple, message: str) -> None:
        if not self._shut_down and tag[0] == self._generation:
            self.status(f"Recognition failed: {message}", STATUS_TIMEOUT_MS)

    def prediction_idle(self) -> bool:
        """True when no recognition is scheduled, running or waiting (tests wait for this)."""
        return not self._predict_timer.isActive() and self.predictor.idle()

    def _repredict(self) -> None:
        """Recognise what is shown again, with the model that was just loaded."""
        if self._content == "drawing":
            self.predict_canvas()
        elif self._request is not None:
            self._recognise(*self._request, announce=False)

    def _schedule_prediction(self) -> None:
        if not self._predict_timer.isActive():
            self._predict_timer.start()

    def _on_drawing_started(self) -> None:
        self._pending_image = None  # the pen wins over a large image still being read
        if self._content != "drawing":  # the pen replaces a sample or an opened file
            self._new_content("drawing")
            self.last_sample = None
            self.draw_panel.sample_info.setText("")

    def heavy_work_running(self) -> bool:
        """True while training or an evaluation keeps the CPU busy: recognition then stays off the GUI thread."""
        return self._training_requested or self._evaluating

    def predict_canvas(self, now: bool = False) -> None:
        """Recognise the drawing: throttled while drawing, on the prediction thread.

        now=True (the pen was lifted or a stroke undone): at once, on the GUI thread, so the bars follow
        the pen-up within a few milliseconds; while heavy_work_running(), on the prediction thread
        instead, where a wait for the CPU cannot stall the window.
        """
        self._predict_timer.stop()
        if self._content != "drawing":
            return
        if self.canvas.is_empty():
            self._new_content("drawing")  # drop answers still on their way for the erased strokes
            self.current_prediction = None
            no_model = self.recognizer is None and self.model_error is not None
            self.draw_panel.show_message("No model loaded" if no_model else "Draw a digit")
            return
        recognizer = self.recognizer
        if now and recognizer is not None and not self.heavy_work_running():
            self._recognise_drawing_now(recognizer)
            return
        array = self.canvas.to_array()
        self._recognise("drawing", None, lambda recognizer: recognizer.predict(array))

    def stroke_finished(self) -> None:
        """The pen was lifted (or a stroke undone): recognise the drawing at once."""
        self.predict_canvas(now=True)

    def _recognise_drawing_now(self, recognizer: Recognizer) -> None:
        self._generation += 1  # answers still on their way from the prediction thread are older: drop them
        self.predictor.discard_waiting()
        tag = (self._generation, "drawing", None, True)
        try:
            prediction = recognizer.predict(self.canvas.pixels())  # the canvas's own pixels, no copy
        except Exception as exc:  # shown in the status bar, never a crash
            self._on_prediction_failed(tag, describe_error(exc))
            return
        self._on_prediction(tag, prediction)

    def clear_canvas(self) -> None:
        """Erase the drawing or the shown image."""
        self.last_sample = None
        self._pending_image = None
        self.draw_panel.sample_info.setText("")
        self._content = "drawing"
        self.canvas.clear()

    def undo_stroke(self) -> None:
        """Remove the last stroke."""
        if not self.canvas.undo():
            self.status("Nothing to undo", 2000)

    def _step_pen(self, delta: int) -> None:
        self.draw_panel.pen_width.setValue(self.draw_panel.pen_width.value() + delta)

    def show_random_sample(self) -> None:
        """Show a random image of the official test split with its true label and the prediction."""
        if self.recognizer is None:
            self.status("The model is not loaded yet", STATUS_TIMEOUT_MS)
            return
        self._with_data(lambda: self.show_test_image(int(self._rng.integers(len(self.mnist.test_labels)))))

    def show_test_image(self, index: int) -> None:
        """Show test image `index` on the canvas; its true label and the prediction follow at once."""
        if self.mnist is None:
            return
        image = self.mnist.test_images[index]
        label = int(self.mnist.test_labels[index])
        self._pending_image = None
        self._new_content("sample")
        self.canvas.show_image(image, smooth=False)
        self.last_sample = None
        self.draw_panel.sample_info.setText(f"Test image #{index}: true label <b>{label}</b>")
        self.tabs.setCurrentIndex(DRAW_TAB)
        pixels = image.astype(np.float32) / 255.0

        def compute(recognizer: Recognizer) -> Prediction:
            return recognizer.judge(recognizer.predict_image(pixels), pixels)

        self._recognise("sample", (index, label), compute)

    def choose_image(self) -> None:
        """Ask for an image file and recognise it."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open image", "", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"
        )
        if path:
            self.open_image(path)

    def open_image(self, path: str | Path) -> bool:
        """Show an image file and recognise its digit; False, with a clear message (no traceback), if it can't be read.

        Files of more than SYNC_READ_PIXELS pixels are read on a worker thread: True, the image follows
        (unless the user draws, opens or shows something else meanwhile).
        """
        path = Path(path)
        self._pending_image = None
        try:
            width, height = image_size(path)
            canvas = read_canvas(path) if width * height <= SYNC_READ_PIXELS else None
        except ImageFileError as exc:
            self.warn("Cannot open the image", str(exc))
            return False
        if canvas is not None:
            self._show_file(path.name, canvas, canvas)
            return True
        self.status(f"Reading {path.name} ({width}x{height} pixels)…")
        self._pending_image = token = (path, object())
        self._start(FunctionWorker(lambda: _read_large_image(path), tag=token), self._on_image_read)
        return True

    def _on_image_read(self, outcome: Outcome) -> None:
        if self._shut_down or outcome.tag is not self._pending_image:
            return  # something else is shown by now
        self._pending_image = None
        if not outcome.ok:
            self.warn("Cannot open the image", outcome.error)
            return
        canvas, shown = outcome.value
        self._show_file(outcome.tag[0].name, canvas, shown)

    def _show_file(self, name: str, canvas: np.ndarray, shown: np.ndarray) -> None:
        self._new_content("file")
        self.canvas.show_image(shown)
        self.last_sample = None
        self.draw_panel.sample_info.setText(f"File {html.escape(name)}")
        self.tabs.setCurrentIndex(DRAW_TAB)
        if self.recognizer is None:
            self.status("The model is not loaded yet", STATUS_TIMEOUT_MS)
        self._recognise("file", name, lambda recognizer: recognizer.predict(canvas))
