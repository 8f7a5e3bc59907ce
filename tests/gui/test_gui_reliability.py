"""Faults in the window: reverting to the backup model, bad model files and bad image files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PyQt5.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PyQt5.QtGui import QDragEnterEvent, QDropEvent
from PyQt5.QtWidgets import QAction, QApplication, QFileDialog, QLabel, QMenu, QMessageBox
from test_reliability_images import make_file

from handwriting.files.storage import history_path_for
from handwriting.gui.app.main_window import MainWindow
from handwriting.recognition.images import read_canvas

from .gui_helpers import LOAD_TIMEOUT_MS, SEVEN, copy_model, drag, first_digit

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
    drag(window.canvas, SEVEN)
    settle(qtbot, window)
    assert first_digit(window.findChild(QLabel, "prediction").text()) is not None


# --- Model > Revert to previous model: back to the model used before the last switch -----------------------


def open_model_menu(window) -> QAction:
    """What opening the Model menu does (refresh the list and Revert), and the Revert action."""
    window.findChild(QMenu, "modelMenu").aboutToShow.emit()
    return window.findChild(QAction, "actionRevertModel")


def test_revert_goes_back_to_the_previous_model_and_again(window, model_file, qtbot, tmp_path):
    action = open_model_menu(window)
    assert not action.isEnabled()
    assert "no previous model" in action.toolTip()
    assert not window.models.revert() and "no previous model" in window.statusBar().currentMessage()

    # Another model, told apart by its history; switching to it makes the first one "previous".
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    history_path_for(other).write_text(json.dumps({"preset": "the-other-one", "epochs": []}))
    files_before = {path: path.read_bytes() for path in (model_file, other)}
    current_preset = window.models.recognizer.history["preset"]
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    assert window.models.recognizer.history["preset"] == "the-other-one"
    assert open_model_menu(window).isEnabled() and model_file.name in action.toolTip()

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()
        assert not action.isEnabled()  # while the model loads
    assert window.models.recognizer.history["preset"] == current_preset
    assert window.models.recognizer.path == model_file
    assert action.isEnabled()
    assert_still_usable(window, qtbot)

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()  # reverting again goes back to the other one
    assert window.models.recognizer.path == other
    assert {path: path.read_bytes() for path in files_before} == files_before  # no file was swapped or written
    settle(qtbot, window)


def test_a_broken_previous_model_is_refused_and_nothing_changes(window, model_file, qtbot, tmp_path):
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    other_bytes = other.read_bytes()
    model_file.write_bytes(b"half a model")  # the previous model got damaged meanwhile
    loaded = window.models.recognizer
    action = open_model_menu(window)
    assert action.isEnabled()
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        action.trigger()
    (text,) = warnings_shown(window)
    assert "not a valid .keras file" in text and f"Still using {other}" in text
    assert "Traceback" not in text
    assert model_file.read_bytes() == b"half a model" and other.read_bytes() == other_bytes  # nothing written
    assert window.models.recognizer is loaded
    assert_still_usable(window, qtbot)


def test_a_previous_model_that_was_deleted_is_explained(window, model_file, qtbot, tmp_path):
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.switch(other)
    model_file.unlink()
    loaded = window.models.recognizer
    action = open_model_menu(window)
    assert not action.isEnabled() and "no longer exists" in action.toolTip() and model_file.name in action.toolTip()
    assert not window.models.revert()
    assert "no longer exists" in window.statusBar().currentMessage()
    assert window.models.recognizer is loaded


# --- File > Load model with bad files --------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_models(tmp_path_factory, gui_model_source) -> dict[str, Path]:
    """One file of each kind, built once: damaged archives and well-formed models of the wrong kind."""
    import keras

    folder = tmp_path_factory.mktemp("bad_models")
    shipped = gui_model_source.read_bytes()
    files = {name: folder / f"{name}.keras" for name in ("truncated", "empty", "not-a-zip")}
    files["truncated"].write_bytes(shipped[: len(shipped) // 2])
    files["empty"].write_bytes(b"")
    files["not-a-zip"].write_text("this is a text file called .keras")

    def save(name: str, shape: tuple, layers: list) -> None:
        model = keras.Sequential([keras.Input(shape), *layers])
        files[name] = folder / f"{name}.keras"
        model.save(files[name])

    save("three-class", (28, 28, 1), [keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])
    save("32x32-input", (32, 32, 1), [keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    save(
        "lambda", (28, 28, 1), [keras.layers.Lambda(lambda x: x * 2.0), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    return files


BAD_MODELS = {
    "truncated": "not a valid .keras file",
    "empty": "not a valid .keras file",
    "not-a-zip": "not a valid .keras file",
    "three-class": "must map (28, 28, 1) images to 10 digits (or 10 digits and 'not a digit')",
    "32x32-input": "the model maps (32, 32, 1) to (10,)",
    "lambda": "refused: the file contains code (a Lambda layer",
}


@pytest.mark.parametrize("kind", BAD_MODELS)
def test_loading_a_bad_model_file_shows_a_dialog_and_keeps_the_model(
    same_window, bad_models, kind, monkeypatch, qtbot, capfd
):
    window = same_window
    loaded, title = window.models.recognizer, window.windowTitle()
    pick_file(monkeypatch, bad_models[kind])
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.findChild(QAction, "actionLoadModel").trigger()
    (text,) = warnings_shown(window)
    assert BAD_MODELS[kind] in text
    assert f"Still using {loaded.path}" in text
    assert window.models.recognizer is loaded and window.windowTitle() == title
    assert window.status.model_label.text().startswith(f"Model: {loaded.path.name}")
    assert_still_usable(window, qtbot)
    assert "Traceback" not in capfd.readouterr().err


def test_a_bad_model_chosen_without_any_model_loaded_also_shows_a_dialog(
    make_window, tmp_path, bad_models, monkeypatch, qtbot
):
    window = make_window(tmp_path / "none.keras")
    assert window.models.recognizer is None and not warnings_shown(window)  # at start-up: the banner only
    pick_file(monkeypatch, bad_models["three-class"])
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.actions.load_model.trigger()
    (text,) = warnings_shown(window)
    assert BAD_MODELS["three-class"] in text and "No model is loaded" in text
    assert window.findChild(QLabel, "modelMessage").isVisible()


# --- File > Open and drag-and-drop with bad or odd images --------------------------------------------------

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
    drag(window.canvas, SEVEN)
    settle(qtbot, window)
    assert not window.canvas.showing_image() and window.canvas.stroke_count == 1
    assert "large.png" not in window.findChild(QLabel, "sampleInfo").text()


def test_the_reliability_tooltip_wraps_and_explains_the_orange_gaps(qtbot):
    from PyQt5.QtCore import Qt

    from handwriting.gui.evaluation.reliability_plot import ReliabilityPlot

    plot = ReliabilityPlot()
    qtbot.addWidget(plot)
    tip = plot.toolTip()
    assert Qt.mightBeRichText(tip)  # Qt word-wraps a rich-text tooltip; plain text ran 1,250 px wide
    assert "Orange" in tip and "dashed line" in tip
