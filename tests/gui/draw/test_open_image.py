"""Opening or dropping bad and odd image files, and drawing while one is read."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PyQt5.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PyQt5.QtGui import QDragEnterEvent, QDropEvent
from PyQt5.QtWidgets import QAction, QApplication, QFileDialog, QLabel, QMessageBox

from handwriting.cli.main import main
from handwriting.gui.app.main_window import MainWindow
from handwriting.recognition.images import read_canvas

from helpers import (
    LOAD_TIMEOUT_MS,
    MOUSE_SEVEN,
    SEVEN,
    TWO,
    copy_model,
    drag,
    draw,
    first_digit,
    make_file,
    written_number,
)

pytestmark = pytest.mark.timeout(120)


def warnings_shown(window) -> list[str]:
    """Texts of the warning boxes open now."""
    return [box.text() for box in window.findChildren(QMessageBox, "warningBox") if box.isVisible()]


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.recognition.idle() and not window.busy(), timeout=20_000)


def pick_file(monkeypatch, path: Path) -> None:
    """The next file dialog answers `path`, as if the user had chosen it."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


@pytest.fixture(scope="module")
def shared_window(qapp, gui_model_source, tmp_path_factory, mnist):
    """One window for the tests below that never change its model (loading one per test costs a second)."""
    window = MainWindow(model_path=copy_model(gui_model_source, tmp_path_factory.mktemp("shared")))
    window.confirm_close_while_training = False
    window.data.mnist = mnist
    window.show()
    deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
    while window.models.recognizer is None and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    assert window.models.recognizer is not None, window.models.error
    yield window
    window.close()


@pytest.fixture()
def same_window(shared_window, qtbot):
    """The shared window, cleared: no warning box, an empty canvas, no status message."""
    for box in shared_window.findChildren(QMessageBox, "warningBox"):
        box.close()
    shared_window.actions.clear.trigger()
    shared_window.statusBar().clearMessage()
    settle(qtbot, shared_window)
    return shared_window


def assert_still_usable(window, qtbot) -> None:
    """Drawing still gets a prediction from the model in use."""
    window.actions.clear.trigger()
    drag(window.canvas, MOUSE_SEVEN)
    settle(qtbot, window)
    assert first_digit(window.findChild(QLabel, "prediction").text()) is not None


# kind: an error message fragment, "digit" (a prediction is shown) or "blank" (no digit found)
BAD_IMAGES = {
    "empty": "not a readable image",
    "text-renamed-png": "not a readable image",
    "truncated-png": "damaged or truncated",
    "1x1-white": "blank",
    "1x1-black": "blank",
    "20000x20000": "is too large to be a digit",
    "16-bit": "digit",
    "palette": "digit",
    "cmyk-jpeg": "digit",
    "rgba-dark-ink-transparent": "digit",
    "animated-gif": "digit",
    "all-white": "blank",
    "all-black": "blank",
    "folder": "is a folder",
    "missing": "no such file",
    "3000x3000": "digit",  # over SYNC_READ_PIXELS: read on a worker thread
}


def image_file(kind: str, folder: Path, mnist) -> Path:
    if kind == "3000x3000":
        path = folder / "large.png"
        digit = np.asarray(Image.fromarray(255 - mnist.test_images[0]).resize((3000, 3000), Image.BILINEAR))
        Image.fromarray(digit).save(path)
        return path
    return make_file(kind, folder)


def check_outcome(window, qtbot, path: Path, expected: str) -> None:
    settle(qtbot, window)
    label = window.findChild(QLabel, "prediction").text()
    status = window.statusBar().currentMessage()
    if expected == "digit":
        assert not warnings_shown(window)
        assert first_digit(label) == window.models.recognizer.predict(read_canvas(path)).digit
        assert (
            path.name in window.findChild(QLabel, "sampleInfo").text() and f"predicted {first_digit(label)}" in status
        )
    elif expected == "blank":
        assert not warnings_shown(window)
        assert label == "No digit found" and "no digit found" in status and first_digit(label) is None
        assert not window.draw_panel.bars.heights().any()
    else:
        (text,) = warnings_shown(window)
        assert expected in text and expected in status and "Traceback" not in text
        assert first_digit(label) is None  # the canvas kept its (empty) drawing


@pytest.mark.parametrize("kind", BAD_IMAGES)
def test_file_open_with_bad_or_odd_images(same_window, mnist, tmp_path, kind, monkeypatch, qtbot, capfd):
    window = same_window
    path = image_file(kind, tmp_path, mnist)
    pick_file(monkeypatch, path)
    window.findChild(QAction, "actionOpenImage").trigger()
    check_outcome(window, qtbot, path, BAD_IMAGES[kind])
    assert "Traceback" not in capfd.readouterr().err
    assert_still_usable(window, qtbot)


@pytest.mark.parametrize("kind", ["text-renamed-png", "16-bit"])
def test_dropping_bad_or_odd_images(same_window, mnist, tmp_path, kind, qtbot):
    window = same_window
    path = image_file(kind, tmp_path, mnist)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(100, 100), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(
        window.canvas, QDropEvent(QPointF(100, 100), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    )
    check_outcome(window, qtbot, path, BAD_IMAGES[kind])


def test_drawing_while_a_large_image_is_read_wins(same_window, mnist, tmp_path, qtbot):
    window = same_window
    path = image_file("3000x3000", tmp_path, mnist)
    assert window.recognition.open_image(path)  # read in the background
    drag(window.canvas, MOUSE_SEVEN)
    settle(qtbot, window)
    assert not window.canvas.showing_image() and window.canvas.stroke_count == 1
    assert "large.png" not in window.findChild(QLabel, "sampleInfo").text()


# 10. The app and the command line say the same percentage for the same file (99.8%, not 100%).
def test_the_app_and_the_command_line_agree_on_a_files_percentage(same_window, qtbot, tmp_path, capsys):
    path = tmp_path / "seven.png"
    Image.fromarray(255 - draw(SEVEN)).save(path)  # dark ink on white paper, as scanned
    with qtbot.waitSignal(same_window.predictionShown, timeout=20_000) as shown:
        same_window.recognition.open_image(str(path))
    prediction = shown.args[0]
    assert prediction.digit == 7 and 0.99 < prediction.confidence < 1
    assert main(["predict", str(path)]) == 0
    cli = capsys.readouterr().out  # "seven.png: 7  [7: 99.8%, 1: <1%, 5: <1%]"
    said = cli.split("[7: ")[1].split(",")[0]
    assert f"Prediction: 7 ({said})" == same_window.findChild(QLabel, "prediction").text()
    assert "100%" not in said and "." in said


def shown_on_screen(window) -> tuple:
    """What the Draw tab says of what is shown: the answer, its detail, the file's name line, the canvas's pixels."""
    panel = window.draw_panel
    return panel.prediction.text(), panel.detail.text(), panel.sample_info.text(), window.canvas.grab().toImage()


# Tour: a stroke drawn over an opened image replaced it, and Ctrl+Z left an empty canvas: the image was lost.
def test_ctrl_z_after_a_stroke_over_an_opened_image_shows_the_image_and_its_answer_again(same_window, qtbot, tmp_path):
    window, canvas = same_window, same_window.canvas
    path = tmp_path / "seven.png"
    Image.fromarray(255 - draw(SEVEN)).save(path)  # dark ink on white paper, as scanned
    assert window.recognition.open_image(path)
    settle(qtbot, window)
    before = shown_on_screen(window)
    assert canvas.showing_image() and first_digit(before[0]) == 7 and "seven.png" in before[2]
    drag(canvas, [(40, 240), (240, 240)])  # a stroke: a fresh drawing in place of the image, and it says so
    assert window.statusBar().currentMessage() == "A new drawing in place of seven.png; Ctrl+Z brings it back"
    settle(qtbot, window)
    assert not canvas.showing_image() and canvas.stroke_count == 1 and window.recognition.content.kind == "drawing"
    assert "seven.png" not in window.draw_panel.sample_info.text()
    window.actions.undo.trigger()  # Ctrl+Z
    settle(qtbot, window)
    assert canvas.showing_image() and canvas.is_empty() and window.recognition.content.kind == "file"
    assert shown_on_screen(window) == before  # the same image, answer and name as before the stroke
    assert window.statusBar().currentMessage().startswith("seven.png: predicted 7")
    window.actions.undo.trigger()  # Ctrl+Z
    assert canvas.showing_image() and window.statusBar().currentMessage() == "Nothing to undo"


def test_a_stroke_over_a_test_image_and_a_clear_are_undone_one_by_one(same_window, qtbot):
    window, canvas = same_window, same_window.canvas
    window.recognition.show_test_image(0)
    settle(qtbot, window)
    before = shown_on_screen(window)
    drag(canvas, MOUSE_SEVEN)
    drag(canvas, [(40, 240), (240, 240)])
    window.actions.clear.trigger()
    for strokes in (2, 1, 0):  # the clear, the second stroke, the first: the test image is back
        window.actions.undo.trigger()  # Ctrl+Z
        settle(qtbot, window)
        assert canvas.stroke_count == strokes and canvas.showing_image() == (strokes == 0)
    assert window.recognition.content.kind == "sample" and window.recognition.last_sample is not None
    assert shown_on_screen(window) == before


# Tour: Esc on an opened image or a test image erased it for good, though Clear's tip says Ctrl+Z brings it back.
def test_ctrl_z_after_esc_on_a_shown_image_shows_it_and_its_answer_again(same_window, qtbot, tmp_path):
    window, canvas = same_window, same_window.canvas
    path = tmp_path / "seven.png"
    Image.fromarray(255 - draw(SEVEN)).save(path)
    for show, kind in ((lambda: window.recognition.open_image(path), "file"),
                       (lambda: window.recognition.show_test_image(0), "sample")):
        show()
        settle(qtbot, window)
        before = shown_on_screen(window)
        window.actions.clear.trigger()  # Esc
        settle(qtbot, window)
        assert not canvas.showing_image() and window.recognition.content.kind == "drawing"
        assert shown_on_screen(window)[:3] != before[:3]
        drag(canvas, MOUSE_SEVEN)  # drawn on, then taken back: the image is next
        settle(qtbot, window)
        window.actions.undo.trigger()  # Ctrl+Z: the stroke
        window.actions.undo.trigger()  # Ctrl+Z: the clear
        settle(qtbot, window)
        assert canvas.showing_image() and canvas.is_empty() and window.recognition.content.kind == kind
        assert shown_on_screen(window) == before


def number_mode_and_file(window, tmp_path: Path) -> Path:
    """Number mode on, and "27" written on paper saved as a PNG (dark ink on white, as scanned): its path."""
    pixels, _ = written_number(TWO, SEVEN, size=(400, 300), left=60, top=75)
    path = tmp_path / "27.png"
    Image.fromarray(255 - pixels).save(path)
    window.actions.number_mode.setChecked(True)
    return path


def read_digits(qtbot, number, count: int) -> None:
    """Wait until the number on screen is read, with `count` digits."""
    qtbot.waitUntil(lambda: number.idle() and number.current is not None and number.current.count == count,
                    timeout=10_000)


def test_in_number_mode_ctrl_z_after_a_stroke_over_a_file_reads_the_files_number_again(window, qtbot, tmp_path):
    path = number_mode_and_file(window, tmp_path)
    number, canvas = window.number, window.canvas
    assert window.recognition.open_image(path)
    qtbot.waitUntil(lambda: number.idle() and number.current is not None, timeout=10_000)
    assert number.current.reading.text == "27"
    rects = window.draw_panel.overlay.rects()
    drag(canvas, [(600, 40), (600, 160)])
    read_digits(qtbot, number, 1)
    window.actions.undo.trigger()  # Ctrl+Z
    read_digits(qtbot, number, 2)
    assert canvas.showing_image() and number.current.reading.text == "27"
    assert window.draw_panel.overlay.rects() == rects and "27.png" in window.draw_panel.sample_info.text()
    window.actions.clear.trigger()  # Esc, then Ctrl+Z: the same
    qtbot.waitUntil(lambda: number.idle() and number.current is None, timeout=10_000)
    window.actions.undo.trigger()
    read_digits(qtbot, number, 2)
    assert canvas.showing_image() and number.current.reading.text == "27"
    assert window.draw_panel.overlay.rects() == rects and "27.png" in window.draw_panel.sample_info.text()


# Opening an image over a drawing no longer loses the drawing: Ctrl+Z brings it back, read again.
def test_ctrl_z_after_opening_an_image_over_a_drawing_brings_the_drawing_back(same_window, qtbot, tmp_path):
    window, canvas = same_window, same_window.canvas
    drag(canvas, MOUSE_SEVEN)
    settle(qtbot, window)
    drawing, answer = canvas.to_array(), first_digit(window.draw_panel.prediction.text())
    path = tmp_path / "two.png"
    Image.fromarray(255 - draw(TWO)).save(path)
    assert window.recognition.open_image(path)
    settle(qtbot, window)
    assert canvas.showing_image() and window.recognition.content.kind == "file"
    window.actions.undo.trigger()  # Ctrl+Z
    settle(qtbot, window)
    assert not canvas.showing_image() and np.array_equal(canvas.to_array(), drawing)
    assert window.recognition.content.kind == "drawing" and "two.png" not in window.draw_panel.sample_info.text()
    assert first_digit(window.draw_panel.prediction.text()) == answer  # read again, as before the image


def test_in_number_mode_ctrl_z_after_opening_a_file_over_a_number_brings_the_number_back(window, qtbot, tmp_path):
    path = number_mode_and_file(window, tmp_path)
    number, canvas = window.number, window.canvas
    drag(canvas, [(100, 40), (100, 160)])  # a 1
    read_digits(qtbot, number, 1)
    assert window.recognition.open_image(path)
    read_digits(qtbot, number, 2)
    window.actions.undo.trigger()  # Ctrl+Z
    read_digits(qtbot, number, 1)
    assert not canvas.showing_image() and canvas.stroke_count == 1 and number.current.reading.text == "1"
