"""Faults in the window: reverting to the backup model, bad model files and bad image files."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PyQt5.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PyQt5.QtGui import QDragEnterEvent, QDropEvent
from PyQt5.QtWidgets import QAction, QApplication, QFileDialog, QLabel, QMenu, QMessageBox
from test_reliability_images import make_file

from handwriting.gui.main_window import MainWindow
from handwriting.images import read_canvas
from handwriting.storage import backup_path_for, history_path_for

from .gui_helpers import LOAD_TIMEOUT_MS, SEVEN, copy_model, drag, first_digit

pytestmark = pytest.mark.timeout(120)


def warnings_shown(window) -> list[str]:
    """Texts of the warning boxes open now."""
    return [box.text() for box in window.findChildren(QMessageBox, "warningBox") if box.isVisible()]


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.prediction_idle() and not window.busy(), timeout=20_000)


def pick_file(monkeypatch, path: Path) -> None:
    """The next file dialog answers `path`, as if the user had chosen it."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


@pytest.fixture(scope="module")
def shared_window(qapp, gui_model_source, tmp_path_factory, mnist):
    """One window for the tests below that never change its model (loading one per test costs a second)."""
    window = MainWindow(model_path=copy_model(gui_model_source, tmp_path_factory.mktemp("shared")))
    window.confirm_close_while_training = False
    window.mnist = mnist
    window.show()
    deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
    while window.recognizer is None and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    assert window.recognizer is not None, window.model_error
    yield window
    window.close()


@pytest.fixture()
def same_window(shared_window, qtbot):
    """The shared window, cleared: no warning box, an empty canvas, no status message."""
    for box in shared_window.findChildren(QMessageBox, "warningBox"):
        box.close()
    shared_window.clear_canvas()
    shared_window.statusBar().clearMessage()
    settle(qtbot, shared_window)
    return shared_window


def assert_still_usable(window, qtbot) -> None:
    """Drawing still gets a prediction from the model in use."""
    window.clear_canvas()
    drag(window.canvas, SEVEN)
    settle(qtbot, window)
    assert first_digit(window.findChild(QLabel, "prediction").text()) is not None


# --- Model > Revert to previous model ------------------------------------------------------------------


def open_model_menu(window) -> QAction:
    """What opening the Model menu does (refresh Revert), and the Revert action."""
    window.findChild(QMenu, "modelMenu").aboutToShow.emit()
    return window.findChild(QAction, "actionRevertModel")


def test_revert_swaps_in_the_backup_and_back(window, model_file, qtbot):
    action = open_model_menu(window)
    assert not action.isEnabled()
    assert "no previous model" in action.toolTip() and backup_path_for(model_file).name in action.toolTip()
    assert not window.revert_model() and "no previous model" in window.statusBar().currentMessage()

    # A backup, as a save over the model would have kept: same weights, a history that tells it apart.
    backup = backup_path_for(model_file)
    shutil.copyfile(model_file, backup)
    history_path_for(backup).write_text(json.dumps({"preset": "the-previous-one", "epochs": []}))
    current_preset = window.recognizer.history["preset"]
    assert open_model_menu(window).isEnabled() and "Swap" in action.toolTip()

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()
        assert not action.isEnabled()  # while the revert runs
    assert window.recognizer.history["preset"] == "the-previous-one"
    assert window.recognizer.path == model_file
    assert json.loads(history_path_for(backup).read_text())["preset"] == current_preset  # swapped, not lost
    assert action.isEnabled()
    assert_still_usable(window, qtbot)

    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        action.trigger()  # reverting again swaps back
    assert window.recognizer.history["preset"] == current_preset
    settle(qtbot, window)


def test_a_broken_backup_is_refused_and_nothing_changes(window, model_file, qtbot):
    backup = backup_path_for(model_file)
    backup.write_bytes(b"half a model")
    before = model_file.read_bytes()
    loaded = window.recognizer
    action = open_model_menu(window)
    assert action.isEnabled()
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        action.trigger()
    (text,) = warnings_shown(window)
    assert "cannot be used, so nothing was changed" in text and "not a valid .keras file" in text
    assert "Traceback" not in text
    assert model_file.read_bytes() == before and backup.read_bytes() == b"half a model"
    assert window.recognizer is loaded
    assert_still_usable(window, qtbot)


def test_a_revert_the_folder_refuses_is_explained(window, model_file, qtbot, monkeypatch):
    from handwriting.errors import SaveError
    from handwriting.gui import model_control

    def read_only(path):
        raise SaveError(f"cannot save the model in {path.parent} (Read-only file system): the old model is unchanged")

    monkeypatch.setattr(model_control, "revert_to_backup", read_only)
    backup_path_for(model_file).write_bytes(model_file.read_bytes())
    loaded = window.recognizer
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        assert window.revert_model()
    (text,) = warnings_shown(window)
    assert "Read-only file system" in text and f"Still using {model_file}" in text
    assert window.recognizer is loaded and open_model_menu(window).isEnabled()


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
    "three-class": "must map (28, 28, 1) images to 10 classes",
    "32x32-input": "the model maps (32, 32, 1) to (10,)",
    "lambda": "refused: the file contains code (a Lambda layer",
}


@pytest.mark.parametrize("kind", BAD_MODELS)
def test_loading_a_bad_model_file_shows_a_dialog_and_keeps_the_model(
    same_window, bad_models, kind, monkeypatch, qtbot, capfd
):
    window = same_window
    loaded, title = window.recognizer, window.windowTitle()
    pick_file(monkeypatch, bad_models[kind])
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.findChild(QAction, "actionLoadModel").trigger()
    (text,) = warnings_shown(window)
    assert BAD_MODELS[kind] in text
    assert f"Still using {loaded.path}" in text
    assert window.recognizer is loaded and window.windowTitle() == title
    assert window.model_label.text().startswith(f"Model: {loaded.path.name}")
    assert_still_usable(window, qtbot)
    assert "Traceback" not in capfd.readouterr().err


def test_a_bad_model_chosen_without_any_model_loaded_also_shows_a_dialog(
    make_window, tmp_path, bad_models, monkeypatch, qtbot
):
    window = make_window(tmp_path / "none.keras")
    assert window.recognizer is None and not warnings_shown(window)  # at start-up: the banner only
    pick_file(monkeypatch, bad_models["three-class"])
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.choose_model()
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
        assert first_digit(label) == window.recognizer.predict(read_canvas(path)).digit
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
    assert window.open_image(path)  # read in the background
    drag(window.canvas, SEVEN)
    settle(qtbot, window)
    assert not window.canvas.showing_image() and window.canvas.stroke_count == 1
    assert "large.png" not in window.findChild(QLabel, "sampleInfo").text()
