"""The rough edges a new user met (issue 10), one test each, plus how a Prediction's status is shown."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt5.QtCore import QSettings, Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QAbstractButton, QApplication, QLabel, QToolTip

from handwriting.files.paths import user_paths
from handwriting.gui.app import main_window
from handwriting.gui.app.app import configure_application
from handwriting.gui.common.dialogs import APP_TITLE
from handwriting.gui.common.plots import BAR_COLOUR, TOP_COLOUR, UNSURE_COLOUR
from handwriting.gui.controllers.training_backend import TrainingSummary
from handwriting.gui.controllers.training_controller import TrainingState
from handwriting.gui.training.retrain_dialog import RetrainDialog
from handwriting.labels import Status
from handwriting.recognition.images import formats_text
from handwriting.recognition.recognizer import Prediction
from handwriting.training.config import TrainConfig
from handwriting.training.evaluation import evaluate

from .gui_helpers import LOAD_TIMEOUT_MS, SEVEN, IdleBackend, drag, first_digit

pytestmark = pytest.mark.timeout(60)


@pytest.fixture()
def quiet_window(make_window, model_file, monkeypatch):
    """A window whose training backend is a stand-in (no TensorFlow)."""
    monkeypatch.setattr(main_window, "ProcessTrainingBackend", IdleBackend)
    window = make_window(model_file)
    return window


def label(window) -> str:
    return window.findChild(QLabel, "prediction").text()


# 1. The status text at training start is not cut off by the progress bar.
def test_status_text_at_training_start_fits_beside_the_progress_bar(quiet_window):
    window = quiet_window
    window.resize(900, 700)
    QApplication.processEvents()
    assert window.training.start(TrainConfig(preset="wide", epochs=13))
    QApplication.processEvents()
    message = window.statusBar().currentMessage()
    assert message.startswith("Preparing") and "…" in message
    metrics = window.statusBar().fontMetrics()
    assert metrics.horizontalAdvance(message) <= window.status.available_width()
    assert window.status.progress.isVisible()
    assert window.personal_view.label.isHidden()  # it makes room while the run shows its progress


# 2. Preparing is a state of its own (busy bar, no "batch 0"), and Cancel answers at once.
def test_preparing_shows_a_busy_bar_and_cancel_is_immediate(quiet_window, qtbot):
    window, progress = quiet_window, quiet_window.status.progress
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    backend = window.training_backend
    backend.started.emit(2, 10)
    assert window.training.state is TrainingState.PREPARING
    assert (progress.minimum(), progress.maximum()) == (0, 0) and progress.format() == "Preparing…"
    assert window.actions.cancel_training.isEnabled()
    backend.progress.emit(0, 3, 10, 2.0)
    assert progress.format() == "Epoch 1/2, batch 3/10" and progress.value() == 3
    window.training.cancel()  # once batches run: stops after the current batch
    assert progress.format() == "Cancelling…" and not window.actions.cancel_training.isEnabled()

    backend.finished.emit(TrainingSummary(True, None, {}))  # the run has stopped
    assert window.training.state is TrainingState.IDLE and not progress.isVisible()
    assert not window.personal_view.label.isHidden()  # back once the run is over
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    with qtbot.waitSignal(window.trainingFinished, timeout=200) as finished:
        window.findChild(QAbstractButton, "cancelTrainingButton").click()  # while preparing: at once
    assert finished.args == [True] and not progress.isVisible()


# 3. Clear can be undone.
def test_undo_after_clear_brings_the_drawing_back(window, qtbot):
    drag(window.canvas, SEVEN)
    drawn = window.canvas.to_array()
    digit = first_digit(label(window))
    QTest.keyClick(window, Qt.Key_Escape)
    assert window.canvas.is_empty() and first_digit(label(window)) is None
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(window.recognition.idle, timeout=5000)
    assert np.array_equal(window.canvas.to_array(), drawn)
    assert first_digit(label(window)) == digit
    assert "Nothing to undo" not in window.statusBar().currentMessage()


# 4. A message about what the canvas showed goes when the content changes.
def test_a_sample_message_goes_when_drawing_over_it(window, qtbot):
    window.actions.sample.trigger()
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=10_000)
    assert window.statusBar().currentMessage().startswith("Test image #")
    drag(window.canvas, SEVEN)
    assert window.statusBar().currentMessage() == ""


# 5. The image error names the formats that really open.
def test_the_image_error_names_the_readable_formats(window, tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert not window.recognition.open_image(bad)
    assert formats_text() in window.status.last_warning
    assert "TIFF" in window.status.last_warning and "WebP" in window.status.last_warning


# 6. The window title names the app once, at the end, so Qt appends nothing.
def test_the_window_title_names_the_app_once(window, model_file, qapp):
    configure_application(qapp)
    title = window.windowTitle()
    assert title == f"{model_file.name} — {APP_TITLE}"
    assert title.count(APP_TITLE) == 1 and title.endswith(qapp.applicationDisplayName())


def test_the_model_ready_message_names_the_file_not_its_folder(window, model_file, qtbot):
    """The status bar's permanent labels leave it little room: a full path pushed the accuracy out of sight."""
    ready = lambda text: text.startswith("Model ready")  # noqa: E731
    with qtbot.waitSignal(window.models.notice, timeout=LOAD_TIMEOUT_MS, check_params_cb=ready) as blocker:
        window.models.load(model_file)
    assert blocker.args[0].startswith(f"Model ready: {model_file.name}, test accuracy ")
    assert str(model_file.parent) not in blocker.args[0]


# 7. Evaluation: an empty cell empties the selected image; "Show all mistakes" goes back.
def test_evaluation_empty_cell_and_show_all(window, mnist):
    images, labels = mnist.test_images[:2000], mnist.test_labels[:2000]
    report = evaluate(window.models.recognizer, images, labels)
    view = window.evaluation_view
    view.set_report(report, images, labels)
    assert view.errors.count() == report.errors > 0 and "#" in view.detail_text.text()
    show_all = view.findChild(QAbstractButton, "showAllMistakesButton")
    assert show_all.isVisibleTo(view) and not show_all.isEnabled()
    empty = next((t, p) for t in range(10) for p in range(10) if t != p and report.confusion[t, p] == 0)
    view.matrix.cellClicked.emit(*empty)
    assert view.errors.count() == 0 and "#" not in view.detail_text.text()
    assert view.detail_image.pixmap() is None or view.detail_image.pixmap().isNull()
    assert not view.detail_plot.heights().any() and show_all.isEnabled()
    show_all.click()
    assert view.errors.count() == report.errors and "all mistakes" in view.filter_label.text()
    assert not show_all.isEnabled() and "#" in view.detail_text.text()
    bottom = view.detail_plot.getPlotItem().getAxis("bottom")
    assert bottom.labelText == "digit" and "Wrong?" not in view.detail_plot.toolTip()  # the long label was cut off
    assert "not a digit" in window.draw_panel.bars.getPlotItem().getAxis("bottom").labelText
    view.matrix.cellClicked.emit(*empty)
    view.retranslate()  # View > Language with a report on screen: shown again, the filter kept
    assert view.errors.count() == 0 and view.matrix.item(0, 0).text() == str(report.confusion[0, 0])
    assert view.matrix.columnCount() == report.confusion.shape[1]


# 8. Grey paper: see tests/test_images.py::test_grey_paper_becomes_black (the core reads the file).


# 9. Accuracy in percent, and tooltips in words.
def test_accuracy_curves_are_in_percent_with_named_values(window):
    record = window.models.recognizer.history["epochs"][0]
    curves = window.curves_view.curves.accuracy
    _, y = curves.val.getData()
    assert y[0] == pytest.approx(100 * record["val_accuracy"])
    assert "%" in curves.widget.getPlotItem().getAxis("left").labelText
    text = curves.describe(0)
    assert f"validation accuracy: {record['val_accuracy']:.2%}" in text and "val_accuracy" not in text
    assert "validation loss" in window.curves_view.curves.loss.describe(0)


# 10. The Retrain dialog remembers its last settings.
def test_the_retrain_dialog_remembers_its_settings(qtbot, tmp_path):
    settings = QSettings(str(user_paths().settings), QSettings.IniFormat)
    first = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(first)
    first.preset.setCurrentIndex(first.preset.findData("lenet5"))
    first.epochs.setValue(3)
    first.batch_size.setValue(64)
    first.learning_rate.setValue(0.002)
    first.accept()
    again = RetrainDialog(settings=QSettings(str(user_paths().settings), QSettings.IniFormat), folder=tmp_path)
    qtbot.addWidget(again)
    config = again.config()
    assert (config.preset, config.epochs, config.batch_size) == ("lenet5", 3, 64)
    assert config.learning_rate == pytest.approx(0.002)
    assert user_paths().settings.is_file()  # under the test's HANDWRITING_HOME


def test_the_retrain_tooltips_name_the_chosen_presets_defaults(qtbot, tmp_path):
    dialog = RetrainDialog(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("fast"))
    fast = TrainConfig.for_preset("fast")
    assert f"(default {fast.epochs})" in dialog.epochs.toolTip()
    assert f"(default {fast.learning_rate})" in dialog.learning_rate.toolTip()
    dialog.preset.setCurrentIndex(dialog.preset.findData("wide"))
    assert f"(default {TrainConfig.for_preset('wide').epochs})" in dialog.epochs.toolTip()


# 11. Pen width: a value typed out of range is clamped visibly, with a hint.
def test_a_pen_width_typed_out_of_range_is_clamped_with_a_hint(window, qtbot):
    spin = window.draw_panel.pen_width
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "100")
    QTest.keyClick(spin, Qt.Key_Return)
    assert spin.value() == spin.maximum() == 48 and window.canvas.pen_width == 48
    assert "100 px became 48 px" in window.statusBar().currentMessage()
    assert "4 to 48" in spin.toolTip()
    assert QToolTip.isVisible()  # the hint pops up beside the box too
    spin.setValue(8)  # another width: the hint about 100 px is stale
    assert window.statusBar().currentMessage() == "" and window.canvas.pen_width == 8
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


# The three statuses of a Prediction.
def test_not_a_digit_unsure_and_empty_are_shown_plainly(window):
    panel, image = window.draw_panel, np.zeros((28, 28), np.float32)
    probabilities = np.full(10, 0.02, np.float32)
    probabilities[7], probabilities[2] = 0.45, 0.40
    panel.show_prediction(Prediction(7, probabilities, image, Status.UNSURE))
    assert "7 or 2?" in label(window)
    assert panel.bars.bars.opts["brushes"][7].color().name() == UNSURE_COLOUR
    panel.show_prediction(Prediction(None, probabilities, image, Status.NOT_A_DIGIT, 0.9))
    assert label(window) == "Not a digit" and first_digit(label(window)) is None
    assert {brush.color().name() for brush in panel.bars.bars.opts["brushes"][:10]} == {BAR_COLOUR}  # no digit
    panel.show_prediction(Prediction(None, np.zeros(10, np.float32), image, Status.EMPTY))
    assert first_digit(label(window)) is None and not panel.bars.heights().any()
    probabilities[7] = 0.9
    panel.show_prediction(Prediction(7, probabilities, image, Status.CONFIDENT))
    assert label(window) == "Prediction: 7 (90%)"
    assert panel.bars.bars.opts["brushes"][7].color().name() == TOP_COLOUR


def test_the_retrain_dialog_offers_tensorboard_logs_and_remembers_the_choice(qtbot, tmp_path):
    from PyQt5.QtCore import QSettings

    from handwriting.training.logs import default_tensorboard_dir

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    first = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(first)
    assert first.config().tensorboard_dir is None  # off unless asked for
    first.tensorboard.setChecked(True)
    assert first.config().tensorboard_dir == str(default_tensorboard_dir())
    first.accept()
    again = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(again)
    assert again.tensorboard.isChecked() and again.config().tensorboard_dir == str(default_tensorboard_dir())


def test_a_long_message_ends_before_the_model_and_personal_labels(quiet_window):
    window = quiet_window
    window.resize(900, 700)
    window.show()
    QApplication.processEvents()
    window.personal_view.label.setText("Personal model: in use, 123 samples stored")
    QApplication.processEvents()
    text = "/tmp/some/where/digit0.png: not a .keras model file; only Keras 3 .keras files are loaded. " * 2
    window.status.show(text)
    QApplication.processEvents()
    shown = window.statusBar().currentMessage()
    assert shown.endswith("…") and "/tmp/some/where/" not in shown  # folders go first, then the end
    labels = [window.status.model_label, window.personal_view.label]
    first_label = min(label.mapTo(window.statusBar(), label.rect().topLeft()).x() for label in labels)
    assert window.statusBar().fontMetrics().horizontalAdvance(shown) < first_label


def test_a_menu_entrys_long_status_tip_is_fitted_beside_the_labels_and_goes_when_left(quiet_window):
    from PyQt5.QtGui import QStatusTipEvent

    window = quiet_window
    window.resize(900, 700)
    window.show()
    QApplication.processEvents()
    tip = window.actions.learn_from_accepted.statusTip()
    QApplication.sendEvent(window, QStatusTipEvent(tip))
    shown = window.statusBar().currentMessage()
    assert shown.endswith("…") and tip.startswith(shown[:-1])
    first_label = min(label.mapTo(window.statusBar(), label.rect().topLeft()).x()
                      for label in (window.status.model_label, window.personal_view.label))
    assert window.statusBar().fontMetrics().horizontalAdvance(shown) < first_label
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert window.statusBar().currentMessage() == ""
