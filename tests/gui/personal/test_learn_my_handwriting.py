"""Learn my handwriting in the app: the controller without a window, corrections, enrolment, samples, a broken store."""

from __future__ import annotations

import itertools
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
from PyQt5.QtCore import QPointF, Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QMessageBox, QPushButton

from handwriting.files.paths import user_paths
from handwriting.gui.controllers.job_runner import JobRunner
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.personal.fine_tune import ACCEPTED_PER_TUNE, PersonalStore
from handwriting.personal.schedule import CORRECTIONS_PER_TUNE, TuneState
from handwriting.recognition.recognizer import Recognizer

from helpers import MOUSE_SEVEN, copy_model, drag, enrol_one_seven, tiny_replay

pytestmark = pytest.mark.timeout(120)


class FakeJobRunner(JobRunner):
    """Records the jobs it is given; the test says when one finishes."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[dict] = []
        self.running = False

    def start(self, job, kwargs) -> None:
        self.started.append(kwargs)
        self.running = True

    def abandon(self) -> None:
        self.running = False

    def busy(self) -> bool:
        return self.running

    def finish(self, **summary) -> None:
        self.running = False
        self.finished.emit({"saved_to": None, "before": None, "after": None, "held_back": 0, **summary})


def canvas_with_a_seven() -> np.ndarray:
    canvas = np.zeros((280, 280), np.float32)
    for (x0, y0), (x1, y1) in itertools.pairwise(MOUSE_SEVEN):
        for t in np.linspace(0, 1, 8):
            x, y = int(x0 + t * (x1 - x0)), int(y0 + t * (y1 - y0))
            canvas[y - 8 : y + 8, x - 8 : x + 8] = 1.0
    return canvas


@pytest.fixture()
def controller(qtbot):
    jobs = FakeJobRunner()
    personal = PersonalController(jobs)
    assert personal.open()
    personal.consent = True  # the user said yes to keeping their drawings
    return personal, jobs


def test_every_fifth_correction_starts_a_fine_tune_and_a_sample_added_meanwhile_is_learnt_next(controller, qtbot):
    personal, jobs = controller
    canvases = [np.roll(canvas_with_a_seven(), shift, axis=1) for shift in range(CORRECTIONS_PER_TUNE + 1)]
    for canvas in canvases[: CORRECTIONS_PER_TUNE - 1]:  # each another drawing: one drawing is stored once
        personal.correct(canvas, 7)
    assert jobs.started == [] and personal.count == CORRECTIONS_PER_TUNE - 1
    personal.correct(canvases[-2], 7)
    assert len(jobs.started) == 1 and personal.state is TuneState.TUNING
    assert jobs.started[0]["store"] == str(user_paths().personal_store)
    assert jobs.started[0]["out"] == str(user_paths().personal_model)
    personal.correct(canvases[-1], 1)  # while the fine-tune runs: kept, and counted toward the next one
    assert personal.count == CORRECTIONS_PER_TUNE + 1 and len(jobs.started) == 1
    with qtbot.waitSignal(personal.model_ready) as ready:
        jobs.finish(saved_to=str(user_paths().personal_model))
    assert ready.args[0] == user_paths().personal_model
    assert personal.state is TuneState.IDLE and personal.pending == 1
    assert len(PersonalStore(personal.store_path)) == CORRECTIONS_PER_TUNE + 1


def test_forget_clears_the_store_deletes_the_personal_model_and_says_so(controller, qtbot, gui_model_source):
    personal, _jobs = controller
    personal.correct(canvas_with_a_seven(), 7)
    copy_model(gui_model_source, personal.model_path.parent, personal.model_path.name)
    assert personal.has_model()
    with qtbot.waitSignal(personal.forgotten), qtbot.waitSignal(personal.notice) as said:
        personal.forget()
    assert personal.count == 0 and len(PersonalStore(personal.store_path)) == 0 and not personal.has_model()
    assert said.args == ["Your handwriting samples and the personal model are deleted"]


def test_a_broken_store_is_reported_left_alone_and_can_be_moved_aside(qtbot):
    path = user_paths().personal_store
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 20)
    personal = PersonalController(FakeJobRunner())
    with qtbot.waitSignal(personal.store_broken) as broken:
        assert not personal.open()
    assert str(path) in broken.args[0] and personal.store is None
    assert personal.correct(canvas_with_a_seven(), 7) is None  # refused with a notice, nothing written
    assert path.read_bytes() == b"not a database at all" * 20
    moved = personal.move_aside()
    assert moved.read_bytes() == b"not a database at all" * 20 and personal.store is not None and personal.count == 0


def child_process_controller(mnist):
    """A personal controller whose fine-tunes run in a spawned child (the app's own path), one MNIST digit of each."""
    from handwriting.gui.controllers.job_runner import ProcessJobRunner

    tiny_replay(mnist).save(user_paths().cache / "personal-replay.npz")  # the spawned child reads it from here
    jobs = ProcessJobRunner()
    personal = PersonalController(jobs)
    personal.open()
    for digit in range(10):
        index = int(np.flatnonzero(mnist.test_labels == digit)[0])
        personal.add(mnist.test_images[index] / 255.0, digit, None, "enrolment")
    return jobs, personal


@pytest.mark.process
def test_a_real_enrolment_fine_tune_runs_in_the_child_process_and_learns_a_sample_added_meanwhile(qtbot, mnist):
    # The app's own path: TensorFlow trains in a spawned child, never on a thread of this process.
    jobs, personal = child_process_controller(mnist)
    held = (personal.samples()[0].id,)
    with qtbot.waitSignal(personal.enrolment_measured, timeout=90_000) as measured:
        assert personal.finish_enrolment(held)
    summary = measured.args[0]
    assert summary["held_back"] == 1 and summary["before"] in (0.0, 1.0) and summary["after"] in (0.0, 1.0)
    assert Recognizer.load(personal.model_path).history["samples"] == 9
    qtbot.waitUntil(lambda: personal.state is TuneState.IDLE and not jobs.busy(), timeout=90_000)  # all ten
    assert Recognizer.load(personal.model_path).history["samples"] == 10
    jobs.shutdown()


# --- In the window --------------------------------------------------------------------------------------------


def test_a_digit_key_and_a_click_on_a_bar_store_the_drawing_as_that_digit(keeping, window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)
    QTest.keyClick(window, Qt.Key_1)
    assert [(s.label, s.source) for s in window.personal.samples()] == [(1, "correction")]
    assert window.personal.samples()[0].predicted == window.recognition.current_prediction.digit
    bars = window.draw_panel.bars
    point = bars.mapFromScene(bars.getPlotItem().vb.mapViewToScene(QPointF(4, 0.5)))
    QTest.mouseClick(bars.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    qtbot.waitUntil(lambda: window.personal.samples()[0].label == 4, timeout=2000)  # the same drawing: relabelled
    assert len(window.personal.samples()) == 1 and window.statusBar().currentMessage() == "Changed to 4"
    assert "samples stored: 1" in window.personal_presenter.label.text()


def test_undo_right_after_a_correction_takes_the_correction_back_then_the_strokes(keeping, window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)
    drawing = window.canvas.pixels().copy()
    QTest.keyClick(window, Qt.Key_1)  # a stray key, say
    assert "Ctrl+Z takes it back" in window.statusBar().currentMessage() and window.personal.pending == 1
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.personal.samples() == [] and window.personal.pending == 0
    assert window.statusBar().currentMessage() == "Correction taken back: the drawing is not stored"
    assert np.array_equal(window.canvas.pixels(), drawing)  # the drawing itself is untouched
    assert window.draw_panel.prediction.text().startswith("Prediction: 7")  # the network's answer again
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # nothing left to take back: the stroke goes
    assert window.canvas.is_empty() and window.personal.samples() == []
    assert window.statusBar().currentMessage() == ""  # the message went with the drawing


def test_a_correction_of_an_empty_canvas_or_a_test_image_stores_nothing(window, qtbot):
    QTest.keyClick(window, Qt.Key_3)
    assert window.personal.samples() == [] and "Draw your 3 first" in window.statusBar().currentMessage()


def test_the_enrolment_asks_for_every_digit_three_times_and_reports_before_and_after(keeping, window, qtbot,
                                                                                   monkeypatch):
    jobs = FakeJobRunner()
    monkeypatch.setattr(window.personal, "_jobs", jobs)
    jobs.finished.connect(window.personal._on_finished)
    dialog = window.personal_presenter.open_enrolment()
    asked, redone = [], False
    assert not dialog.next_button.isEnabled()  # nothing drawn yet
    assert not dialog.progress.isTextVisible() and dialog.progress_text.text() == "0 of 30 drawn or skipped"
    drawing_height, centre = dialog.height(), dialog.frameGeometry().center()
    while not dialog.plan.finished and len(asked) < 40:
        asked.append(dialog.plan.current)
        if len(asked) == 2:
            dialog.skip_button.click()
            continue
        drag(dialog.canvas, MOUSE_SEVEN)
        dialog.next_button.click()
        if len(asked) == 4 and not redone:  # redo the last one: its sample goes, the same digit is asked again
            dialog.redo_button.click()
            asked.pop()
            redone = True
    assert sorted(asked) == sorted(list(range(10)) * 3)
    assert len(window.personal.samples()) == 29  # one was skipped
    assert jobs.started and len(jobs.started[0]["held_back"]) == 10
    # While it learns, the canvas is gone and so is its room: the dialog shrinks and stays where it was.
    assert dialog.height() < drawing_height and not dialog.canvas_frame.isVisible()
    assert dialog.progress_text.text() == "Preparing…"  # not the drawing's "30 of 30" beside a busy bar
    assert (dialog.frameGeometry().center() - centre).manhattanLength() <= 2
    jobs.finish(saved_to=None, before=0.8, after=1.0, held_back=10)
    text = dialog.result.text()
    assert "Of 10 drawings kept back: 8 read right before learning, 10 after" in text
    assert "2 more of them right" in text and "each one is 10 points" in text
    assert dialog.prompt.text() == "Done" and not dialog.progress.isVisible()  # "Done" once, not twice
    assert (dialog.frameGeometry().center() - centre).manhattanLength() <= 2
    assert dialog.close_button.isVisible() and not dialog.next_button.isVisible()


def test_an_enrolment_with_nothing_kept_back_says_done_when_learnt(keeping, window, qtbot, monkeypatch):
    """Each digit drawn at most twice: nothing is held back, so no before/after comes; the dialog still ends."""
    jobs = FakeJobRunner()
    dialog = enrol_one_seven(window, monkeypatch, jobs)
    assert jobs.started and jobs.started[0]["held_back"] == ()
    jobs.finish(saved_to=str(window.personal.model_path))
    assert dialog.result.isVisible() and dialog.result.text().startswith("Learnt: the personal model is in use.")
    assert "not measured: that needs each digit drawn three times" in dialog.result.text()  # says why
    assert dialog.prompt.text() == "Done"


def test_the_samples_grid_deletes_and_relabels(window, qtbot, monkeypatch):
    canvas = canvas_with_a_seven()
    for _ in range(3):
        window.personal.add(canvas, 7, None, "enrolment")
    dialog = window.personal_presenter.open_samples()
    assert dialog.grid.count() == 3 and dialog.grid.item(0).text() == "7"
    dialog.grid.item(0).setSelected(True)
    monkeypatch.setattr("handwriting.gui.personal.samples_dialog.QInputDialog.getInt", lambda *a, **k: (1, True))
    dialog.label_button.click()
    assert [s.label for s in window.personal.samples()] == [1, 7, 7]
    dialog.grid.clearSelection()
    dialog.grid.item(2).setSelected(True)
    asked = []
    monkeypatch.setattr("handwriting.gui.personal.samples_dialog.QMessageBox.question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.Yes)
    dialog.delete_button.click()
    assert asked == ["Delete this drawing of a 7? It cannot be brought back."]
    assert dialog.grid.count() == 2 and [s.label for s in window.personal.samples()] == [1, 7]


def test_deleting_one_sample_asks_with_the_right_article(window, monkeypatch):
    """ "a 7" but "an 8": the question reads right for every digit."""
    from handwriting.gui.personal.samples_dialog import delete_question

    assert [delete_question(digit).split("?")[0] for digit in (0, 7, 8, 9)] == [
        "Delete this drawing of a 0", "Delete this drawing of a 7", "Delete this drawing of an 8",
        "Delete this drawing of a 9",
    ]
    window.personal.add(canvas_with_a_seven(), 8, None, "correction")
    dialog = window.personal_presenter.open_samples()
    dialog.grid.item(0).setSelected(True)
    asked = []
    monkeypatch.setattr("handwriting.gui.personal.samples_dialog.QMessageBox.question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.No)
    dialog.delete_button.click()
    assert asked == ["Delete this drawing of an 8? It cannot be brought back."] and dialog.grid.count() == 1


def test_deleting_several_samples_asks_first(window, qtbot, monkeypatch):
    from PyQt5.QtWidgets import QMessageBox

    canvas = canvas_with_a_seven()
    for _ in range(3):
        window.personal.add(canvas, 7, None, "enrolment")
    dialog = window.personal_presenter.open_samples()
    asked = []
    answer = QMessageBox.No
    monkeypatch.setattr("handwriting.gui.personal.samples_dialog.QMessageBox.question",
                        lambda parent, title, text, *a: asked.append(text) or answer)
    dialog.grid.item(0).setSelected(True)
    dialog.grid.item(1).setSelected(True)
    dialog.delete_button.click()
    assert asked == ["Delete 2 samples? They cannot be brought back."] and len(window.personal.samples()) == 3
    answer = QMessageBox.Yes
    dialog.delete_button.click()
    assert len(window.personal.samples()) == 1 and dialog.grid.count() == 1
    assert dialog.summary.text().startswith("1 sample in ")  # not "1 samples"


def test_a_closed_samples_dialog_is_not_refreshed_when_samples_change(window, qtbot):
    dialog = window.personal_presenter.open_samples()
    dialog.accept()  # WA_DeleteOnClose: deleted on the next turn of the event loop
    qtbot.waitUntil(lambda: window.personal_presenter.samples is None, timeout=5000)
    window.personal.add(canvas_with_a_seven(), 7, None, "correction")  # raised in the deleted grid before
    assert window.personal.count == 1


def test_the_personal_label_after_a_deletion_does_not_say_it_knows_more_than_are_stored(window, monkeypatch):
    for _ in range(3):
        window.personal.add(canvas_with_a_seven(), 7, None, "enrolment")
    monkeypatch.setattr(window.personal, "known_samples", lambda: 4)  # tuned on 4, then one was deleted
    monkeypatch.setattr(window.personal, "is_personal", lambda path: True)
    window.personal_presenter.update_label()
    assert window.personal_presenter.label.text() == "Personal model: in use, learnt from 4 samples (3 stored)"
    dialog = window.personal_presenter.open_samples()
    assert "the personal model learnt from 4 samples" in dialog.summary.text()


def test_forget_asks_first(window, monkeypatch):
    window.personal.add(canvas_with_a_seven(), 7, None, "enrolment")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    assert not window.personal_presenter.forget() and window.personal.count == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert window.personal_presenter.forget() and window.personal.count == 0


def test_forget_asks_only_about_what_exists(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.No)
    window.actions.forget_handwriting.trigger()  # nothing kept: nothing to ask about, and it says so
    assert asked == [] and window.statusBar().currentMessage().startswith("Nothing of your handwriting is kept")
    window.personal.add(canvas_with_a_seven(), 7, None, "enrolment")
    window.actions.forget_handwriting.trigger()  # a sample and no personal model: the model is not named
    assert len(asked) == 1 and "samples (1)?" in asked[0] and "personal model" not in asked[0]
    assert str(window.personal.model_path) not in asked[0] and window.personal.count == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    window.actions.forget_handwriting.trigger()  # and when done, it says only what was deleted
    assert window.personal.count == 0
    assert window.statusBar().currentMessage() == "Your handwriting samples are deleted"


def test_the_forget_menu_command_asks_first(window, monkeypatch):
    """The action's `triggered(checked=False)` must not reach forget() as ask=False."""
    window.personal.add(canvas_with_a_seven(), 7, None, "enrolment")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.No)
    window.actions.forget_handwriting.trigger()
    assert len(asked) == 1 and window.personal.count == 1


def test_a_broken_store_opens_the_base_model_and_offers_to_move_it_aside(make_window, model_file, qtbot):
    path = user_paths().personal_store
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is not a database\n" * 10)
    window = make_window(model_file)
    assert window.models.recognizer is not None and window.personal.store is None
    box = window.personal_presenter.broken_box
    assert box is not None and box.isVisible() and str(path) in box.text()
    move = next(b for b in box.findChildren(QPushButton) if "aside" in b.text())
    move.click()
    qtbot.waitUntil(lambda: window.personal.store is not None, timeout=2000)
    assert list(path.parent.glob("personal.sqlite3.broken-*"))


@pytest.mark.process
def test_a_fine_tune_runs_in_a_child_process_and_a_killed_child_loses_nothing(qtbot, mnist):
    import os
    import signal

    jobs, personal = child_process_controller(mnist)
    assert personal.learn()
    qtbot.waitUntil(lambda: jobs._run is not None and jobs._run.process.pid is not None, timeout=10_000)
    child = jobs._run.process.pid
    assert child != os.getpid()
    with qtbot.waitSignal(personal.failed, timeout=60_000) as failure:
        os.kill(child, signal.SIGKILL)
    assert "signal 9" in failure.args[0] or "SIGKILL" in failure.args[0]
    assert personal.count == 10 and not personal.model_path.exists()  # no sample lost, no half-written model
    qtbot.waitUntil(lambda: not jobs.busy(), timeout=10_000)
    with qtbot.waitSignal(personal.model_ready, timeout=120_000):
        assert personal.learn()
    assert Recognizer.load(personal.model_path).history["samples"] == 10
    jobs.shutdown()
    qtbot.waitUntil(lambda: not jobs.busy(), timeout=10_000)


def confident(digit: int, confidence: float = 0.99) -> SimpleNamespace:
    return SimpleNamespace(status="confident", digit=digit, confidence=confidence)


def test_a_confident_drawing_let_stand_is_kept_once_and_every_fiftieth_starts_a_fine_tune(controller):
    personal, jobs = controller
    canvases = [np.roll(canvas_with_a_seven(), shift, axis=1) for shift in range(ACCEPTED_PER_TUNE + 1)]
    assert personal.accept(canvases[0], SimpleNamespace(status="unsure", digit=7, confidence=0.6)) is None
    assert personal.accept(canvases[0], SimpleNamespace(status="not_a_digit", digit=None, confidence=0.0)) is None
    assert personal.accept(canvases[0], confident(7, 0.94)) is None  # confident, but not sure enough to learn from
    assert personal.accept(canvases[0], None) is None and personal.count == 0
    assert personal.accept(canvases[0], confident(7)) is not None
    assert personal.accept(canvases[0], confident(7)) is None  # the same drawing (cleared, undone, cleared)
    personal.correct(canvases[1], 1)
    assert personal.accept(canvases[1], confident(7)) is None  # corrected: it is a correction, not accepted
    assert [(s.label, s.source, s.predicted) for s in personal.samples()] == [
        (7, "accepted", 7),
        (1, "correction", None),
    ]
    for canvas in canvases[2:-1]:
        personal.accept(canvas, confident(7))
    assert jobs.started == []
    personal.accept(canvases[-1], confident(7))
    assert len(jobs.started) == 1 and personal.accepted_pending == 0


def test_drawings_are_not_kept_when_the_user_turned_it_off_nor_said_to_be_lost_with_a_broken_store(controller):
    personal, _jobs = controller
    personal.learn_from_accepted = False
    assert personal.accept(canvas_with_a_seven(), confident(7)) is None and personal.count == 0
    personal.learn_from_accepted = True
    personal.store, notices = None, []
    personal.notice.connect(notices.append)
    assert personal.accept(canvas_with_a_seven(), confident(7)) is None and notices == []


def test_clearing_a_confident_drawing_keeps_it_a_test_image_never_and_the_menu_turns_it_off(keeping, window, qtbot):
    drag(window.canvas, MOUSE_SEVEN)
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)
    shown = window.recognition.current_prediction
    sure_seven = np.eye(10, dtype=np.float32)[7]  # whatever the test model says
    window.recognition.current_prediction = replace(shown, status="confident", digit=7, probabilities=sure_seven)
    window.actions.clear.trigger()
    assert [(s.label, s.source) for s in window.personal.samples()] == [(7, "accepted")]
    assert "Kept your 7 to learn from" in window.statusBar().currentMessage()
    window.actions.sample.trigger()  # an MNIST test image is not the user's drawing
    qtbot.waitUntil(lambda: window.recognition.content.kind == "sample", timeout=5000)
    window.actions.clear.trigger()
    assert len(window.personal.samples()) == 1
    action = window.actions.learn_from_accepted
    assert action.isCheckable() and action.isChecked()
    action.trigger()
    assert not window.personal.learn_from_accepted and window.settings.value("personal/learn_from_accepted") == "false"
    drag(window.canvas, [(x + 10, y) for x, y in MOUSE_SEVEN])
    qtbot.waitUntil(lambda: window.recognition.current_prediction is not None, timeout=5000)
    window.recognition.current_prediction = replace(window.recognition.current_prediction, status="confident", digit=7)
    window.actions.clear.trigger()
    assert len(window.personal.samples()) == 1


# Tour: the personal model took the place of the model in use without a word.
def test_a_new_personal_model_in_use_says_so_and_how_to_go_back(window, qtbot, gui_model_source):
    import json

    from handwriting.files.model_files import history_path_for

    window.resize(1400, 720)  # the message fits beside the status bar's labels
    window.show()
    personal = window.personal
    path = copy_model(gui_model_source, personal.model_path.parent, personal.model_path.name)
    history = json.loads(history_path_for(path).read_text())
    history_path_for(path).write_text(json.dumps({**history, "kind": "personal", "samples": 12}))
    with qtbot.waitSignal(window.models.loaded, timeout=10_000):
        personal.model_ready.emit(path)  # what a finished fine-tune sends
    assert window.models.path == path
    assert window.statusBar().currentMessage() == "Now using your personal model (Model > Revert goes back)"
    assert window.personal_presenter.label.text() == "Personal model: in use, learnt from 12 samples (0 stored)"
    with qtbot.waitSignal(window.models.loaded, timeout=10_000):  # Forget: back to the base model, and it says so
        window.personal_presenter.forget(ask=False)
    assert window.models.path != path and not personal.has_model()
    assert window.statusBar().currentMessage() == ("Your samples and the personal model are deleted; "
                                                   f"back to {window.models.path.name}")
