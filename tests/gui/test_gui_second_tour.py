"""What a second newcomer's tour found, one test (or two) each: corrections, training counts, dialogs."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QAction, QApplication, QComboBox, QFileDialog, QPushButton

from handwriting.files.paths import user_paths
from handwriting.gui.app import main_window
from handwriting.gui.common.dialogs import combo_text_room
from handwriting.gui.controllers.training_controller import TrainingState
from handwriting.gui.training.retrain_dialog import RetrainDialog
from handwriting.labels import Status
from handwriting.recognition.recognizer import Prediction
from handwriting.training.config import TrainConfig

from .gui_helpers import SEVEN, IdleBackend, copy_model, drag

pytestmark = pytest.mark.timeout(60)


def active_enrolment(window, qtbot):
    """Learn my handwriting, open and active (shortcuts such as Esc go to the active window)."""
    dialog = window.personal_view.open_enrolment()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def drawn_seven(window, qtbot) -> None:
    """A "7" on the Draw tab, recognised."""
    drag(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)


# 1. No "That was a 8": the corrections are worded so that no article is needed.
def test_corrections_read_well_for_every_digit(window, qtbot):
    texts = [action.text().replace("&", "") for action in window.actions.correct]
    assert texts[8] == "The digit is 8"
    QTest.keyClick(window, Qt.Key_8)  # nothing drawn yet
    texts.append(window.statusBar().currentMessage())
    assert texts[-1].startswith("Draw your 8 first")
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_8)
    texts.append(window.statusBar().currentMessage())
    assert texts[-1].startswith("Stored as 8 (Ctrl+Z takes it back).")
    enrolment = window.personal_view.open_enrolment()
    texts.append(enrolment.prompt.text())
    assert texts[-1].startswith(f"Draw your {enrolment.plan.current}")
    enrolment.close()
    assert not [text for text in texts if re.search(r"\ba [0-9]", text)]


# 2. The same drawing corrected twice is stored once; another digit relabels it.
def test_correcting_the_same_drawing_again_stores_it_once(window, qtbot):
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_7)
    QTest.keyClick(window, Qt.Key_7)
    assert [s.label for s in window.personal.samples()] == [7]
    assert window.statusBar().currentMessage() == "Already stored as 7"
    QTest.keyClick(window, Qt.Key_4)
    assert [s.label for s in window.personal.samples()] == [4]
    assert window.statusBar().currentMessage() == "Changed to 4"
    assert window.personal.pending == 1  # one correction, not three
    drag(window.canvas, [(60, 200), (220, 200)])  # the drawing changes: a new sample
    qtbot.waitUntil(lambda: not window.canvas.is_empty(), timeout=2000)
    QTest.keyClick(window, Qt.Key_4)
    assert [s.label for s in window.personal.samples()] == [4, 4]


def test_a_correction_deleted_meanwhile_is_stored_again(window, qtbot):
    drawn_seven(window, qtbot)
    QTest.keyClick(window, Qt.Key_7)
    window.personal.remove(window.personal.samples()[0].id)
    QTest.keyClick(window, Qt.Key_7)
    assert [s.label for s in window.personal.samples()] == [7]
    assert window.statusBar().currentMessage().startswith("Stored as 7 (Ctrl+Z takes it back).")


# 6. A runner-up below 1% reads "<1%", not "0%".
def test_a_runner_up_below_one_percent_reads_less_than_one_percent(window):
    probabilities = np.full(10, 0.0004, np.float32)
    probabilities[3], probabilities[7] = 0.002, 0.9944
    panel = window.draw_panel
    panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT))
    assert panel.detail.text() == "Runner-up: 3 (<1%)"
    probabilities[3], probabilities[7] = 0.012, 0.9844
    panel.show_prediction(Prediction(7, probabilities, np.zeros((28, 28), np.float32), Status.CONFIDENT))
    assert panel.detail.text() == "Runner-up: 3 (1%)"


# 7. File > Load model… opens in the user's models folder (the shipped one while the user has none).
def test_load_model_opens_in_the_users_models_folder(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda _parent, _title, start, _f: asked.append(start) or ("", "")
    )
    copy_model(window.models.path, user_paths().models, "mine.keras")
    window.actions.load_model.trigger()
    assert asked == [str(user_paths().models)]


# 7b. Open image… and Export samples… open in Pictures and Documents, never in the folder the app started from,
# and then where the user went last.
def test_file_dialogs_start_in_the_users_folders_then_where_the_user_went(window, monkeypatch, tmp_path):
    from handwriting.gui.common import dialogs

    monkeypatch.setattr(dialogs, "_last_folders", {})
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs: the standard names
    for folder in ("Pictures", "Documents", "scans"):
        (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path / "scans")
    asked, answers = [], [str(tmp_path / "scans" / "missing.png"), ""]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda _parent, _title, start, _f: asked.append(start) or (answers.pop(0), "")
    )
    window.actions.open_image.trigger()
    window.actions.open_image.trigger()
    assert asked == [str(tmp_path / "Pictures"), str(tmp_path / "scans")]

    saved = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _parent, _title, start, _f: saved.append(start) or ("", "")
    )
    window.personal_view.open_samples().export()
    assert saved == [str(tmp_path / "Documents" / "handwriting-samples.sqlite3")]


# 7c. The Model menu names each model by the figure the Evaluation tab reports: its test accuracy.
def test_the_model_menu_shows_each_models_test_accuracy(window):
    from handwriting.gui.models.model_menu import entry_text

    entry = next(entry for entry in window.models.models if entry.path == window.models.path)
    assert entry.test_accuracy is not None
    action = next(a for a in window.findChildren(QAction) if a.objectName() == f"modelEntry:{entry.name}")
    assert action.text() == entry_text(entry) and action.text().endswith(f": test {entry.test_accuracy:.2%}")
    assert entry_text(replace(entry, history={"best_val_accuracy": 0.9894})).endswith(": validation 98.94%")


# 8. Delete model…: the list shows its longest entry whole ("06:21", not "06:2…").
def test_the_delete_model_list_is_wide_enough_for_its_longest_entry(window, qtbot):
    labels = ["my fast: validation 98.99%, test 99.33%, trained 2026-11-30 06:21", "x: validation 98.99%"]
    picker = window.model_menu.delete_picker(labels)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    combo = picker.findChild(QComboBox)
    widest = combo.fontMetrics().horizontalAdvance(labels[0])
    assert combo_text_room(combo, combo.width()) >= widest + 8  # the entry's text and a little margin each side
    assert picker.textValue() == labels[0]


# 9. A new run's empty curves do not keep the last model's axis ranges.
def test_a_new_runs_empty_curves_start_from_neutral_ranges(window, qtbot):
    curves = window.curves_view.curves
    window.tabs.show_page(window.curves_view)
    QApplication.processEvents()
    assert curves.point_count() > 0  # the model's history
    accuracy_range = curves.accuracy_widget.getPlotItem().vb.viewRange()[1]
    assert accuracy_range[0] > 50  # fitted to the model's curves
    items = len(curves.accuracy_widget.getPlotItem().items)
    window.curves_view.start_run(TrainConfig(preset="fast", epochs=3), Path("new.keras"), 1000)
    QApplication.processEvents()
    assert curves.loss_widget.getPlotItem().vb.viewRange()[1] == pytest.approx([0, 1])
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[1] == pytest.approx([0, 100])
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[0] == pytest.approx([0.5, 3.5])
    assert len(curves.accuracy_widget.getPlotItem().items) == items  # updated in place
    curves.append({"epoch": 1, "loss": 0.3, "val_loss": 0.25, "accuracy": 0.95, "val_accuracy": 0.96})
    QApplication.processEvents()
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[1][0] > 50  # fitted to the new run again


# 4. While a run is prepared (a busy bar, which shows no words) the status bar says so the whole time.
def test_the_preparing_message_stays_as_long_as_the_run_is_prepared(make_window, model_file, monkeypatch, qtbot):
    monkeypatch.setattr(main_window, "ProcessTrainingBackend", IdleBackend)
    window = make_window(model_file)
    bar, backend = window.statusBar(), window.training_backend
    assert window.training.start(TrainConfig(preset="fast", epochs=2))
    assert bar.currentMessage().startswith("Preparing to train fast")
    window.status.show("Something else", 50)  # another message comes and goes
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Preparing to train fast"), timeout=2000)
    backend.started.emit(2, 10)
    assert bar.currentMessage().startswith("Preparing the first batch")
    bar.clearMessage()
    assert bar.currentMessage().startswith("Preparing the first batch")
    backend.progress.emit(0, 1, 10, 0.5)  # batches run: the progress bar says where, messages time out again
    assert window.training.state is TrainingState.RUNNING
    window.status.show("Something else", 50)
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)


# 5. Learn my handwriting can be closed before the end; drawings stored by then are kept, and it says so.
def test_the_enrolment_closes_at_once_when_nothing_was_drawn(window, qtbot):
    dialog = active_enrolment(window, qtbot)
    assert dialog.close_button.isVisible() and dialog.close_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key_Escape)  # Esc on an empty canvas closes, as Close does
    assert not dialog.isVisible() and dialog.leave_box is None


def test_closing_the_enrolment_early_keeps_the_drawings_and_can_learn_them(window, qtbot, monkeypatch):
    learnt = []
    monkeypatch.setattr(window.personal, "learn", lambda *args: learnt.append(args) or True)
    dialog = active_enrolment(window, qtbot)
    for _ in range(2):
        drag(dialog.canvas, SEVEN)
        dialog.next_button.click()
    drag(dialog.canvas, SEVEN)
    QTest.keyClick(dialog, Qt.Key_Escape)  # Esc erases the drawing first
    assert dialog.canvas.is_empty() and dialog.leave_box is None
    dialog.close_button.click()
    box = dialog.leave_box
    assert box is not None and box.isVisible() and dialog.isVisible()
    assert "2 of 30 drawings" in box.text() and "kept in your handwriting samples" in box.text()
    box.findChild(QPushButton, "goOnDrawingButton").click()
    assert dialog.isVisible() and dialog.leave_box is None and not learnt
    dialog.close()  # the window's close button asks the same
    dialog.leave_box.findChild(QPushButton, "learnLaterButton").click()
    assert not dialog.isVisible() and not learnt and len(window.personal.samples()) == 2
    dialog = window.personal_view.open_enrolment()
    drag(dialog.canvas, SEVEN)
    dialog.next_button.click()
    dialog.close_button.click()
    dialog.leave_box.findChild(QPushButton, "learnNowButton").click()
    assert not dialog.isVisible() and learnt == [()] and len(window.personal.samples()) == 3


# 3. The Retrain dialog and the curves count every training image (75,880), not MNIST's 54,000 alone.
def test_the_retrain_dialog_and_the_curves_count_every_training_image(make_window, model_file, monkeypatch, qtbot):
    monkeypatch.delenv("HANDWRITING_TRAIN_LIMIT", raising=False)
    monkeypatch.setattr(main_window, "ProcessTrainingBackend", IdleBackend)
    window = make_window(model_file)
    dialog = RetrainDialog(window, window.training.images_text())
    qtbot.addWidget(dialog)
    text = dialog.images.text()
    assert text.startswith("75,880 training images: 54,000 MNIST, 14,982 pen-drawn digits, 6,898 non-digits")
    assert window.training.start(dialog.config())
    assert "on 75,880 training images" in window.curves_view.history_label.text()


def test_the_chart_stays_put_when_a_test_image_line_appears_and_goes(window, qtbot):
    window.resize(1180, 700)
    drag(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=10_000)
    QApplication.processEvents()
    before = window.draw_panel.bars.geometry()
    window.findChild(QAction, "actionRandomSample").trigger()
    qtbot.waitUntil(lambda: window.recognition.last_sample is not None, timeout=30_000)
    QApplication.processEvents()
    assert window.draw_panel.sample_info.text() and window.draw_panel.bars.geometry() == before
