"""The main window offscreen: drawing, clearing, samples, files, bad models, evaluation, dialogs."""

from __future__ import annotations

import threading

import numpy as np
import pyqtgraph as pg
import pytest
from PIL import Image
from PyQt5.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PyQt5.QtGui import QDragEnterEvent, QDropEvent, QTabletEvent
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QAbstractButton, QAction, QApplication, QLabel

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.files.resources import resource_path
from handwriting.gui.app.app import configure_application
from handwriting.gui.app.main_window import MainWindow
from handwriting.gui.common.dialogs import APP_NAME, about_html
from handwriting.gui.common.plots import BAR_COLOUR, UNSURE_COLOUR
from handwriting.gui.common.qimages import array_to_qimage, qimage_to_array
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.gui.draw.pen_width import DEFAULT_PEN_WIDTH
from handwriting.gui.evaluation.reliability_plot import MIN_BIN_COUNT
from handwriting.gui.training.retrain_dialog import RetrainDialog
from handwriting.labels import NOT_A_DIGIT, Status, percent_text
from handwriting.recognition.recognizer import Prediction
from handwriting.training.config import DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE
from handwriting.training.model import DEFAULT_PRESET, PRESETS

from helpers import MOUSE_SEVEN, copy_model, drag, first_digit, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


def bars(window: MainWindow) -> np.ndarray:
    """The heights of the probability bars, read from the BarGraphItem itself."""
    plot = window.findChild(pg.PlotWidget, "probabilities")
    items = [item for item in plot.getPlotItem().items if isinstance(item, pg.BarGraphItem) and item is not plot.chosen]
    assert len(items) == 1  # updated in place, never recreated (beside the frame of a digit the user chose)
    return np.asarray(items[0].opts["height"], dtype=float)


def label(window: MainWindow) -> str:
    return window.findChild(QLabel, "prediction").text()


def settle(qtbot, window: MainWindow) -> None:
    """Wait until recognition (throttle timer and prediction thread) has caught up."""
    qtbot.waitUntil(window.recognition.idle, timeout=10_000)


def test_window_has_the_named_widgets_and_actions(window):
    for name in ("canvas", "prediction", "preview", "sampleInfo"):
        assert window.findChild((DrawingCanvas, QLabel), name) is not None, name
    for name in ("clearButton", "sampleButton"):
        assert window.findChild(QAbstractButton, name) is not None, name
    for name in ("probabilities", "lossPlot", "accuracyPlot"):
        assert window.findChild(pg.PlotWidget, name) is not None, name
    shortcuts = {
        "actionRandomSample": "Ctrl+R",
        "actionRetrain": "Ctrl+T",
        "actionOpenImage": "Ctrl+O",
        "actionQuit": "Ctrl+Q",
        "actionUndo": "Ctrl+Z",
    }
    for name, keys in shortcuts.items():
        action = window.findChild(QAction, name)
        assert action is not None, name
        assert action.shortcut().toString() == keys
    assert window.canvas.pen_width == DEFAULT_PEN_WIDTH
    assert first_digit(label(window)) is None
    assert not bars(window).any()


def test_curves_show_the_saved_history(window):
    epochs = window.models.recognizer.history.get("epochs", [])
    assert epochs, "the test model has a saved history"
    assert window.curves_view.curves.point_count() == len(epochs)
    _, y = window.curves_view.curves.loss.val.getData()
    assert np.allclose(y, [record["val_loss"] for record in epochs])
    assert window.curves_view.curves.loss.describe(0).startswith("epoch 1")


def test_drawing_updates_prediction_while_drawing_and_on_release(window, qtbot):
    assert first_digit(label(window)) is None and not bars(window).any()
    drag(window.canvas, MOUSE_SEVEN[:20], release=False)  # pen still down
    assert window.canvas.is_drawing()
    # The throttle timer fired: half a 7 is read (its top bar alone may well be "Not a digit").
    qtbot.waitUntil(lambda: getattr(window.recognition.current_prediction, "status", "empty") != "empty", timeout=2000)
    partial, seen = bars(window), window.recognition.current_prediction  # the digits, then "not a digit"
    assert partial.sum() == pytest.approx(1.0, abs=1e-3) and partial[10] == pytest.approx(seen.not_digit_probability)
    assert first_digit(label(window)) == seen.digit
    assert seen.digit is None or seen.digit == int(np.argmax(partial[:10]))

    drag(window.canvas, MOUSE_SEVEN[19:])
    settle(qtbot, window)
    final = bars(window)[:10]
    assert not np.allclose(final, partial[:10])
    assert first_digit(label(window)) == int(np.argmax(final))
    assert f"({percent_text(final.max())})" in label(window)  # "99.8%", not a rounded "100%"
    ink = window.canvas.to_array()
    assert ink.shape == (280, 280) and ink.dtype == np.uint8
    assert ink.max() == 255 and ink[0, 0] == 0  # bright ink on black, as the recognizer expects
    expected = window.models.recognizer.predict(ink, window.canvas.strokes())  # its ink and its path
    assert np.allclose(final, expected.probabilities, atol=1e-5)
    assert window.draw_panel.preview.pixmap() is not None and not window.draw_panel.preview.pixmap().isNull()


def test_predictions_while_drawing_are_throttled_and_off_the_gui_thread(window, qtbot):
    calls = []
    predict = window.models.recognizer.predict
    window.models.recognizer.predict = lambda canvas, strokes=None: (
        calls.append(threading.current_thread()) or predict(canvas, strokes)
    )
    many = [(60 + i, 60 + (i % 7)) for i in range(150)]
    drag(window.canvas, many, release=False)
    assert calls == []  # nothing ran inside the mouse handlers
    qtbot.wait(120)
    assert 1 <= len(calls) <= 3
    assert threading.main_thread() not in calls
    QTest.mouseRelease(window.canvas, Qt.LeftButton, Qt.NoModifier, window.canvas.rect().center())
    # The pen-up is recognised at once, on the GUI thread (nothing heavy runs): the answer is already shown.
    assert calls.count(threading.main_thread()) == 1
    assert first_digit(label(window)) is not None
    settle(qtbot, window)
    assert len(calls) <= 4
    assert calls.count(threading.main_thread()) == 1


def test_clear_removes_the_prediction(window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    settle(qtbot, window)
    assert first_digit(label(window)) is not None and bars(window).any()
    drag(window.canvas, MOUSE_SEVEN[:5])  # an answer for this stroke is still on its way when the canvas is cleared
    qtbot.mouseClick(window.findChild(QAbstractButton, "clearButton"), Qt.LeftButton)
    assert window.canvas.is_empty() and not window.canvas.to_array().any()
    assert first_digit(label(window)) is None
    assert not bars(window).any()
    assert window.recognition.current_prediction is None
    settle(qtbot, window)
    assert first_digit(label(window)) is None and not bars(window).any()  # the late answer was dropped

    drag(window.canvas, MOUSE_SEVEN)
    QTest.keyClick(window, Qt.Key_Escape)
    settle(qtbot, window)
    assert first_digit(label(window)) is None and not bars(window).any()


def test_undo_removes_the_last_stroke(window, qtbot):
    drag(window.canvas, MOUSE_SEVEN[:15])
    one_stroke = window.canvas.to_array()
    drag(window.canvas, [(140, 120), (140, 140), (140, 160)])
    assert window.canvas.stroke_count == 2
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.canvas.stroke_count == 1
    assert np.array_equal(window.canvas.to_array(), one_stroke)  # re-rendered from the remaining strokes
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot, window)
    assert window.canvas.is_empty() and first_digit(label(window)) is None


def test_random_sample_shows_a_test_image_its_label_and_prediction(make_window, model_file, mnist, qtbot):
    window = make_window(model_file, preload_data=False)  # the MNIST test images load in the background
    window.recognition.rng = np.random.default_rng(7)
    qtbot.mouseClick(window.findChild(QAbstractButton, "sampleButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=30_000)
    index, true_label = window.recognition.last_sample
    assert true_label == int(mnist.test_labels[index])
    expected = window.models.recognizer.predict_mnist(mnist.test_images[index : index + 1])[0]  # and "not a digit"
    digit = int(np.argmax(expected[:10]))
    assert first_digit(label(window)) == digit
    assert np.allclose(bars(window), expected, atol=1e-5)
    assert window.draw_panel.bars.digit == digit
    info = window.findChild(QLabel, "sampleInfo").text()
    assert f"#{index}" in info and f"<b>{true_label}</b>" in info
    assert ("correct" in info) == (digit == true_label) and ("wrong" in info) == (digit != true_label)
    assert np.allclose(window.recognition.current_prediction.image, mnist.test_images[index] / 255.0)
    assert window.canvas.showing_image()

    window.findChild(QAction, "actionRandomSample").trigger()
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=10_000)
    assert window.recognition.last_sample[0] != index
    drag(window.canvas, MOUSE_SEVEN)  # drawing replaces the sample
    settle(qtbot, window)
    assert not window.canvas.showing_image() and window.recognition.last_sample is None
    assert window.findChild(QLabel, "sampleInfo").text() == ""


def test_open_image_file_and_a_bad_one(window, mnist, tmp_path, qtbot):
    digit = mnist.test_images[0]
    path = tmp_path / "digit.png"
    Image.fromarray(255 - np.kron(digit, np.ones((4, 4), np.uint8))).save(path)  # dark ink on white paper
    assert window.recognition.open_image(path)
    settle(qtbot, window)
    expected = window.models.recognizer.predict(255 - np.asarray(Image.open(path)))
    assert first_digit(label(window)) == expected.digit
    assert "digit.png" in window.findChild(QLabel, "sampleInfo").text()

    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert not window.recognition.open_image(bad)
    assert "not a readable image" in window.status.last_warning
    assert "not a readable image" in window.statusBar().currentMessage()
    assert "Traceback" not in window.status.last_warning


def test_corrupt_model_file_says_what_is_wrong_and_offers_training(make_window, tmp_path, qtbot):
    bad = tmp_path / "corrupt.keras"
    bad.write_bytes(b"this is not a zip archive")
    window = make_window(bad)
    assert window.models.recognizer is None
    assert "not a valid .keras file" in window.models.error
    banner = window.findChild(QLabel, "modelMessage")
    assert banner.isVisible() and "not a valid .keras file" in banner.text()
    assert "not a valid .keras file" in window.statusBar().currentMessage()
    assert window.findChild(QAbstractButton, "trainButton").isVisible()
    assert first_digit(label(window)) is None
    drag(window.canvas, MOUSE_SEVEN)  # drawing without a model must not fail
    settle(qtbot, window)
    assert first_digit(label(window)) is None


def test_missing_model_file(make_window, tmp_path):
    window = make_window(tmp_path / "nowhere.keras")
    assert "model file not found" in window.models.error
    assert window.findChild(QLabel, "modelMessage").isVisible()


def test_closing_while_the_model_loads_leaves_no_thread(make_window, model_file):
    window = make_window(model_file, wait=False)
    assert window.busy()
    window.close()
    assert not window.busy()


def test_evaluation_view(window, mnist, qtbot):
    with qtbot.waitSignal(window.evaluationFinished, timeout=120_000):
        window.findChild(QAction, "actionEvaluate").trigger()
    view = window.evaluation_view
    report = view.report
    assert window.tabs.current_page() is view
    assert f"{report.accuracy:.2%}" in view.summary.text()
    columns = view.matrix.columnCount()  # the ten digits, and "not a digit" when the model has that output
    assert columns == report.outputs
    total = sum(int(view.matrix.item(r, c).text()) for r in range(10) for c in range(columns))
    assert total == len(mnist.test_labels)
    # The reliability diagram: one bar per filled confidence bin, and the ECE written on it.
    assert len(view.reliability.bars.opts["x"]) == int((report.calibration.count >= MIN_BIN_COUNT).sum()) > 0
    assert f"{report.ece:.2%}" in view.reliability.ece_label.toPlainText()
    assert view.errors.count() == min(report.errors, 600)
    if view.errors.count():
        item = view.errors.item(0)
        view.errors.setCurrentItem(item)
        index = int(item.data(Qt.UserRole))
        assert f"#{index}" in view.detail_text.text()
        # Its bars are the model's outputs, "not a digit" included, with the answer highlighted.
        assert view.detail_plot.highlighted == int(report.predictions[index])
        assert np.allclose(view.detail_plot.heights(), report.mistake_outputs([index])[0])
        view.errors.itemActivated.emit(item)
        qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=10_000)
        assert window.recognition.last_sample == (index, int(mnist.test_labels[index]))
        if int(report.predictions[index]) == NOT_A_DIGIT:  # a test image the model calls no digit says so
            assert "Not a digit" in label(window) and first_digit(label(window)) is None
        else:
            assert first_digit(label(window)) == int(report.predictions[index])


def test_about_box_describes_the_model(window):
    history = window.models.recognizer.history
    box = window.show_about()
    text = box.text()
    assert history["preset"] in text and f"{history['parameters']:,}" in text
    assert f"{history['test_accuracy']:.2%}" in text
    # What it learnt from, all of it: MNIST, real people's pen-drawn digits and generated non-digits, and the path.
    assert "trained on MNIST, on digits real people wrote with a pen (UCI pen digits, UNIPEN)" in text
    assert "generated drawings that are not digits" in text and "the pen's path" in text
    box.close()
    assert "unknown" in about_html({}, None)


def test_retrain_dialog_defaults_and_tooltips(qtbot, tmp_path):
    dialog = RetrainDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    config = dialog.config()
    assert (config.preset, config.epochs, config.batch_size) == (DEFAULT_PRESET, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE)
    assert config.learning_rate == pytest.approx(DEFAULT_LEARNING_RATE)
    assert [dialog.preset.itemText(i) for i in range(dialog.preset.count())] == list(PRESETS)
    for field in (dialog.preset, dialog.epochs, dialog.batch_size, dialog.learning_rate):
        assert field.toolTip()
    dialog.preset.setCurrentText("lenet5")
    dialog.epochs.setValue(3)
    assert dialog.config().preset == "lenet5" and dialog.config().epochs == 3


def test_qimage_array_round_trip_respects_padded_rows():
    array = np.arange(13 * 7, dtype=np.uint8).reshape(7, 13)  # 13 bytes a row: QImage pads to 16
    image = array_to_qimage(array)
    assert image.bytesPerLine() == 16
    assert np.array_equal(qimage_to_array(image), array)


def test_dropping_an_image_file_on_the_canvas_recognises_it(window, mnist, tmp_path, qtbot):
    path = tmp_path / "dropped.png"
    Image.fromarray(np.kron(mnist.test_images[1], np.ones((3, 3), np.uint8))).save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(100, 100), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(100, 100), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, drop)
    settle(qtbot, window)
    assert window.canvas.showing_image()
    assert first_digit(label(window)) == window.models.recognizer.predict(np.asarray(Image.open(path))).digit
    assert "dropped.png" in window.findChild(QLabel, "sampleInfo").text()


def test_a_tablet_pen_draws_like_the_mouse(window, qtbot):
    def tablet(kind, x, y):
        event = QTabletEvent(
            kind, QPointF(x, y), QPointF(x, y), QTabletEvent.Stylus, QTabletEvent.Pen, 0.8, 0, 0, 0.0, 0.0, 0,
            Qt.NoModifier, 1, Qt.LeftButton, Qt.LeftButton,
        )
        QApplication.sendEvent(window.canvas, event)
        assert event.isAccepted()

    tablet(QEvent.TabletPress, *MOUSE_SEVEN[0])
    for x, y in MOUSE_SEVEN[1:]:
        tablet(QEvent.TabletMove, x, y)
    tablet(QEvent.TabletRelease, *MOUSE_SEVEN[-1])
    settle(qtbot, window)
    assert window.canvas.stroke_count == 1 and window.canvas.to_array().max() == 255
    assert first_digit(label(window)) is not None


def test_hovering_the_curves_shows_the_values_of_the_nearest_epoch(window):
    curves = window.curves_view.curves.loss
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    record = window.models.recognizer.history["epochs"][0]
    view = curves.widget.getPlotItem().vb
    curves._hover(view.mapViewToScene(QPointF(1.1, record["loss"])))
    assert curves.readout.isVisible()
    assert "epoch 1" in curves.readout.toPlainText() and f"{record['val_loss']:.4f}" in curves.readout.toPlainText()
    assert curves.widget.toolTip() == ""  # the read-out alone: no tooltip repeats it
    QApplication.sendEvent(curves.widget, QEvent(QEvent.Leave))  # the mouse leaves the plot
    assert not curves.readout.isVisible()
    curves._hover(view.mapViewToScene(QPointF(1.1, record["loss"])))
    window.tabs.setCurrentIndex(0)  # another tab
    QApplication.processEvents()
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert not curves.readout.isVisible()


def test_a_low_confidence_is_flagged_not_sure(window):
    probabilities = np.full(10, 0.05, np.float32)
    probabilities[3] = 0.55
    window.draw_panel.show_prediction(Prediction(3, probabilities, np.zeros((28, 28), np.float32), Status.UNSURE))
    assert label(window).startswith("Prediction: 3 (55%)") and "not sure" in label(window)
    plot = window.draw_panel.bars
    assert plot.bars.opts["brushes"][3].color().name() == UNSURE_COLOUR
    assert plot.bars.opts["brushes"][0].color().name() == BAR_COLOUR
    assert "not sure" in plot.label.toPlainText()


def test_load_another_model_and_a_bad_one(window, model_file, qtbot, tmp_path):
    other = copy_model(model_file, tmp_path / "other", "other.keras")
    assert window.findChild(QAction, "actionLoadModel").shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(window.modelLoaded, timeout=60_000):
        window.models.load(other)  # what File > Load model… does after its file dialog
    assert window.models.recognizer.path == other and "other.keras" in window.windowTitle()
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"\0" * 100)
    with qtbot.waitSignal(window.modelFailed, timeout=60_000):
        window.models.load(bad)
    assert window.models.recognizer.path == other  # the working model stays in use
    assert "not a valid .keras file" in window.status.last_warning


def test_built_without_arguments_the_window_loads_the_shipped_model(make_window):
    window = make_window(None)  # MainWindow(model_path=None), as `handwriting gui` does
    if DEFAULT_MODEL_PATH.exists():
        assert window.models.recognizer is not None and window.models.recognizer.path == DEFAULT_MODEL_PATH
    else:
        assert "model file not found" in window.models.error


def test_the_canvas_pixels_are_a_view_of_what_is_painted(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    view = canvas.pixels()
    drag(canvas, MOUSE_SEVEN)
    assert view.max() == 255  # the very memory the strokes are painted into: no copy, no conversion
    assert not view.flags.writeable
    assert np.array_equal(view, canvas.to_array()) and not np.shares_memory(view, canvas.to_array())

    finished = []
    canvas.strokeFinished.connect(lambda: finished.append(True))
    pasted = np.zeros((280, 280), np.float32)
    pasted[60:220, 130:150] = 1.0
    canvas.paste_drawing(pasted)
    assert finished == [True] and canvas.stroke_count == 1
    assert np.array_equal(canvas.pixels() > 127, pasted > 0.5)
    assert canvas.undo() and canvas.is_empty() and not canvas.pixels().any()


def test_pen_up_shows_the_answer_at_once_and_the_bars_get_painted(window, qtbot):
    bars_widget = window.draw_panel.bars
    paints = bars_widget.paint_count
    drag(window.canvas, MOUSE_SEVEN)
    assert first_digit(label(window)) == window.recognition.current_prediction.digit  # before any event is processed
    shown = window.recognition.current_prediction
    assert np.allclose(bars(window), [*shown.probabilities, shown.not_digit_probability])  # the 11th: "not a digit"
    qtbot.waitUntil(lambda: bars_widget.paint_count > paints, timeout=5000)
    assert bars_widget.painted_at > 0


def test_retrain_dialog_follows_the_preset_recipe(qtbot):

    dialog = RetrainDialog(None)
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("fast"))
    config = dialog.config()
    assert (config.preset, config.epochs, config.augment) == ("fast", 2, False)
    dialog.preset.setCurrentIndex(dialog.preset.findData("wide"))
    assert dialog.config().epochs == PRESETS["wide"].epochs and dialog.config().augment is True


# 6. The window title names the app once, at the end, so Qt appends nothing.
def test_the_window_title_names_the_app_once_as_the_launcher_does(window, model_file, qapp):
    configure_application(qapp)
    title = window.windowTitle()
    assert title == f"{model_file.name} — {APP_NAME}"
    assert title.count(APP_NAME) == 1 and title.endswith(qapp.applicationDisplayName())
    launcher = resource_path("share/handwriting.desktop").read_text(encoding="utf-8")
    assert f"\nName={APP_NAME}\n" in launcher and APP_NAME == "Handwriting"  # the application menu's name, the docs'
    assert window.show_about().windowTitle() == f"About {APP_NAME}"
