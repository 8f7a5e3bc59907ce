"""Loading a bad model file: a dialog, and the model in use kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PyQt5.QtWidgets import QAction, QFileDialog, QLabel, QMessageBox

from handwriting.gui.app.main_window import MainWindow
from handwriting.recognition.strokes import STROKES_MODEL_PATH

from helpers import LOAD_TIMEOUT_MS, MOUSE_SEVEN, copy_model, drag, first_digit

pytestmark = [pytest.mark.timeout(120), pytest.mark.tensorflow]


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
    "three-class": "is not a model that reads digit images. In detail: the model maps (28, 28, 1) to (3,), but a "
                   "digit model must map (28, 28, 1) images to 10 digits (or 10 digits and 'not a digit')",
    "32x32-input": "is not a model that reads digit images. In detail: the model maps (32, 32, 1) to (10,)",
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


def test_the_stroke_network_chosen_by_mistake_is_refused_in_plain_words(same_window, monkeypatch, qtbot):
    """models/default.strokes.keras sits beside the shipped model: it is named for what it is, with what to load."""
    window = same_window
    loaded = window.models.recognizer
    pick_file(monkeypatch, STROKES_MODEL_PATH)
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.actions.load_model.trigger()
    (text,) = warnings_shown(window)
    assert text.startswith("default.strokes.keras is the pen-path (stroke) network: the app loads it by itself "
                           "beside the digit model, so it is not a model to load. Load a digit model instead, such "
                           "as default.keras or one you trained.")
    assert "maps (64, 5)" not in text and f"Still using {loaded.path}" in text
    assert window.models.recognizer is loaded


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
