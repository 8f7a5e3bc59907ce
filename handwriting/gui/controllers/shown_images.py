"""Test images and image files on the canvas: shown, read as a digit, and again when a stroke over one is undone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PyQt5.QtCore import QCoreApplication

from handwriting.errors import ImageFileError
from handwriting.gui.controllers.mnist_source import MnistSource
from handwriting.gui.controllers.tasks import TaskRunner
from handwriting.gui.wording import error_text
from handwriting.recognition.images import image_size, read_canvas, read_large_image
from handwriting.recognition.recognizer import Prediction, Recognizer

RECOGNITION_KEY = "recognition"
IMAGE_KEY = "image-file"
SYNC_READ_PIXELS = 4_000_000  # image files up to this size are read at once; larger ones on a worker thread
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Content:
    """What the canvas shows: a drawing, a test sample (index, true label) or an image file (name)."""

    kind: str  # "drawing", "sample" or "file"
    name: str = ""
    index: int | None = None
    label: int | None = None


DRAWING = Content("drawing")


def recognise_sample(recognizer: Recognizer, pixels: np.ndarray) -> Prediction:
    """A test image is already 28x28 and centred: straight into the network."""
    return recognizer.judge(recognizer.predict_image(pixels), pixels)


class ShownImages:
    """The test images and image files a RecognitionController shows (a mixin of it, which owns the content, the
    signals and the submitting): one is shown, becomes the content and is read; the stroke that replaced it undone
    (image_restored), it is the content again."""

    _runner: TaskRunner
    _data: MnistSource
    _request: Callable[[Recognizer], Prediction] | None
    _replaced: tuple[Content, np.ndarray | None, Callable[[Recognizer], Prediction] | None] | None
    recognizer: Recognizer | None
    file_canvas: np.ndarray | None
    rng: np.random.Generator
    reads_one_digit: Callable[[], bool]
    _set_content: Callable[[Content], None]
    _submit: Callable[..., None]

    def image_restored(self) -> None:
        """The stroke drawn over a test image or a file was undone and the canvas shows the image again: it is the
        content again, read again (in number mode, a file is the NumberController's)."""
        if self._replaced is None:
            return
        content, canvas, request = self._replaced
        self.file_canvas = canvas  # before content_changed, which has the NumberController read it
        self._set_content(content)
        if request is None:
            return
        if content.kind == "file" and not self.reads_one_digit():
            self._request = request  # read as one digit once number mode is off
        else:
            self._submit(request)

    def random_sample(self) -> None:
        """Show a random image of the official test split with its true label and the prediction."""
        if self.recognizer is None:
            self.notice.emit(translate("Recognition", "The model is not loaded yet"))
            return
        self._data.when_ready(lambda: self.show_test_image(int(self.rng.integers(len(self._data.mnist.test_labels)))))

    def show_test_image(self, index: int) -> None:
        """Show test image `index`; its true label and the prediction follow at once."""
        mnist = self._data.mnist
        if mnist is None:
            return
        image, label = mnist.test_images[index], int(mnist.test_labels[index])
        self._set_content(Content("sample", index=index, label=label))
        self.display.emit(image, False)
        pixels = image.astype(np.float32) / 255.0
        self._submit(lambda recognizer: recognise_sample(recognizer, pixels))

    def open_image(self, path: str | Path) -> bool:
        """Show an image file and recognise its digit; False, with a clear message, if it can't be read.

        Files of more than SYNC_READ_PIXELS pixels are read on a worker thread: True, the image follows
        unless the user draws, opens or shows something else meanwhile.
        """
        path = Path(path)
        try:
            width, height = image_size(path)
            canvas = read_canvas(path) if width * height <= SYNC_READ_PIXELS else None
        except ImageFileError as exc:
            self.failed.emit(translate("Recognition", "Cannot open the image"), error_text(exc))
            return False
        if canvas is not None:
            self._show_file(path.name, canvas, canvas)
            return True
        self._runner.cancel(RECOGNITION_KEY)
        self.notice.emit(
            translate("Recognition", "Reading {file} ({width}x{height} pixels)…").format(
                file=path.name, width=width, height=height
            )
        )
        self._runner.submit(
            IMAGE_KEY, read_large_image, path,  # a failure said in the user's language (tasks.describe_error)
            on_done=lambda value: self._show_file(path.name, *value),
            on_failed=lambda message: self.failed.emit(translate("Recognition", "Cannot open the image"), message),
        )
        return True

    def _show_file(self, name: str, canvas: np.ndarray, shown: np.ndarray) -> None:
        self.file_canvas = canvas
        self._set_content(Content("file", name=name))  # in number mode, the NumberController reads it now
        self.display.emit(shown, True)
        if self.recognizer is None:
            self.notice.emit(translate("Recognition", "The model is not loaded yet"))

        def request(recognizer: Recognizer) -> Prediction:  # kept, to read the file again
            return recognizer.predict(canvas)

        if self.reads_one_digit():
            self._submit(request)
        else:
            self._request = request  # read as one digit once number mode is off
