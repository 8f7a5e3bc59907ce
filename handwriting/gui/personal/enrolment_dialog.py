"""Model > Learn my handwriting…: each digit three times in random order, then "before X%, after Y%"."""

from __future__ import annotations

import html

from PyQt5.QtCore import QCoreApplication, QPoint, Qt
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QShortcut,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui.common.dialogs import push_button
from handwriting.gui.common.paragraphs import spaced_html
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.draw.canvas import DrawingCanvas
from handwriting.gui.personal.enrolment_words import intro_text, measured_text, unmeasured_text
from handwriting.personal.enrolment import EnrolmentPlan
from handwriting.personal.schedule import TuneState

translate = QCoreApplication.translate


class EnrolmentDialog(QDialog):
    """Asks for the plan's digits one by one, stores each drawing, then learns and reports before/after.

    Close (or Esc on an empty canvas, or the window's ✕) works at any time. Before the end, with drawings stored
    or one on the canvas, it asks first: learn from them now, close and learn them later (they stay in the store),
    or go on drawing. After the end, learning goes on in the background (Stop learning ends it)."""

    def __init__(self, personal: PersonalController, parent: QWidget | None = None, seed: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolmentDialog")
        self.setWindowTitle(translate("Enrolment", "Learn my handwriting"))
        self._personal = personal
        self.plan = EnrolmentPlan(seed=seed)
        self.result_text = ""
        layout = QVBoxLayout(self)
        self.intro = intro = QLabel("")
        intro.setText(spaced_html(intro.font(), html.escape(intro_text())))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.prompt = QLabel("")
        self.prompt.setObjectName("enrolmentPrompt")
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.prompt)
        self.canvas = DrawingCanvas(self)
        self.canvas.setObjectName("enrolmentCanvas")
        self.canvas_frame = QFrame(self)
        self.canvas_frame.setFrameShape(QFrame.Box)
        frame_layout = QVBoxLayout(self.canvas_frame)
        frame_layout.setContentsMargins(1, 1, 1, 1)
        frame_layout.addWidget(self.canvas)
        layout.addWidget(self.canvas_frame, 0, Qt.AlignHCenter)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("enrolmentProgress")
        self.progress.setRange(0, self.plan.total)
        self.progress.setTextVisible(False)  # the words go beside it: dark text over the grey bar is hard to read
        self.progress_text = QLabel("")
        self.progress_text.setObjectName("enrolmentProgressText")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        layout.addLayout(progress_row)
        self.result = QLabel("")
        self.result.setObjectName("enrolmentResult")
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignCenter)
        self.result.hide()
        layout.addWidget(self.result)

        buttons = QHBoxLayout()
        text = {
            "redo": (translate("Enrolment", "&Redo previous"), translate("Enrolment", "Draw the previous digit again")),
            "clear": (translate("Enrolment", "&Clear"), translate("Enrolment", "Erase the canvas (Esc)")),
            "skip": (translate("Enrolment", "&Skip"), translate("Enrolment", "Leave this digit out")),
            "next": (translate("Enrolment", "&Next"), translate("Enrolment", "Keep this drawing and go on (Enter)")),
        }
        self.redo_button = push_button(self, *text["redo"], "redoButton", self.redo)
        self.clear_button = push_button(self, *text["clear"], "clearEnrolmentButton", self.canvas.clear)
        self.skip_button = push_button(self, *text["skip"], "skipButton", self.skip)
        self.next_button = push_button(self, *text["next"], "nextButton", self.next)
        self.next_button.setDefault(True)
        close_tip = translate("Enrolment", "Stop here (Esc on an empty canvas); your drawings so far are kept")
        self.close_button = push_button(self, translate("Enrolment", "Close"), close_tip, "closeEnrolmentButton",
                                        self.reject)
        stop_tip = translate("Enrolment", "Stop learning; your drawings stay in your handwriting samples")
        self.stop_button = push_button(self, translate("Enrolment", "&Stop learning"), stop_tip, "stopLearningButton",
                                       personal.stop_learning)
        self.stop_button.hide()  # while learning
        self.leave_box: QMessageBox | None = None  # "keep your drawings?" while it is asked
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        for button in (self.stop_button, self.clear_button, self.skip_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Esc"), self, self._escape)  # Esc erases, as on the Draw tab; then it closes
        self.canvas.changed.connect(self._update)
        self.canvas.strokeFinished.connect(self._update)  # a pasted drawing emits only this
        self.canvas.cleared.connect(self._update)
        personal.progress.connect(self._on_progress)
        personal.enrolment_measured.connect(self._on_measured)
        personal.model_ready.connect(self._on_learnt)
        personal.failed.connect(self._on_failed)
        personal.stopped.connect(self._on_stopped)
        self._measuring = False  # True once learning started with drawings kept back: wait for the measure
        self._learning = False  # True once this dialog's fine-tune started: a stop then ends it
        self._centre: QPoint | None = None  # where _fit keeps the dialog
        self._update()

    # --- The user's moves ---------------------------------------------------------------------------------

    def next(self) -> None:
        """Store the drawing as the digit asked for and ask for the next one."""
        if self._store_drawing():
            self._advance()

    def _store_drawing(self) -> bool:
        """Store the drawing on the canvas as the digit asked for; False when there is none (or it is not stored)."""
        if self.plan.finished or self.canvas.is_empty():
            return False
        sample_id = self._personal.add(self.canvas.read_pixels().copy(), self.plan.current, None, "enrolment")
        if sample_id is not None:
            self.plan.record(sample_id)
        return sample_id is not None

    def skip(self) -> None:
        """Leave the current digit out."""
        if not self.plan.finished:
            self.plan.skip()
            self._advance()

    def redo(self) -> None:
        """Go back one drawing (its stored sample is deleted) and draw it again."""
        sample_id = self.plan.redo()
        if sample_id is not None:
            self._personal.remove(sample_id)
        self.canvas.clear()
        self._update()

    def _escape(self) -> None:
        if self.canvas.is_empty():
            self.reject()
        else:
            self.canvas.clear()

    def reject(self) -> None:
        """Close; before the end, with drawings stored, ask first what becomes of them."""
        if self.plan.finished or self._kept_on_leaving() == 0:
            super().reject()
        elif self.leave_box is not None:
            self.leave_box.raise_()
        else:
            self._ask_before_leaving()

    def _ask_before_leaving(self) -> None:
        text = translate("Enrolment", "What you drew so far ({count} of {total} drawings) is kept in your "
                                      "handwriting samples (Model > My handwriting samples…). The app learns from it "
                                      "the next time it learns your handwriting, or now.")
        title = translate("Enrolment", "Stop learning your handwriting?")
        text = text.format(count=self._kept_on_leaving(), total=self.plan.total)
        box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, self)
        box.setObjectName("leaveEnrolmentBox")
        now = box.addButton(translate("Enrolment", "&Learn from them now"), QMessageBox.AcceptRole)
        now.setObjectName("learnNowButton")
        later = box.addButton(translate("Enrolment", "&Close, learn later"), QMessageBox.DestructiveRole)
        later.setObjectName("learnLaterButton")
        stay = box.addButton(translate("Enrolment", "&Go on drawing"), QMessageBox.RejectRole)
        stay.setObjectName("goOnDrawingButton")
        box.setDefaultButton(now)
        box.setEscapeButton(stay)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._left(button is now, button is stay))
        self.leave_box = box
        box.open()

    def _kept_on_leaving(self) -> int:
        """The drawings stored, and the one on the canvas, which leaving keeps as if Next were pressed."""
        return self.plan.drawn() + (not self.plan.finished and not self.canvas.is_empty())

    def _left(self, learn: bool, stay: bool) -> None:
        self.leave_box = None
        if stay:
            return
        self._store_drawing()  # the drawing on the canvas, if any, is kept as the box said
        if learn:
            self._personal.learn()  # every stored sample; queued behind a fine-tune that runs
        super().reject()

    def _advance(self) -> None:
        self.canvas.clear()
        if self.plan.finished:
            self._learn()
        self._update()

    def _update(self) -> None:
        plan = self.plan
        if not plan.finished:  # after the last drawing, the bar and its words are the learning's
            self.progress.setValue(plan.position)
            text = translate("Enrolment", "{position} of {total} drawn or skipped")
            self.progress_text.setText(text.format(position=plan.position, total=plan.total))
            time, times = plan.repeat_of_current()
            text = translate("Enrolment", "Draw your {digit}   ({time} of {times})")
            self.prompt.setText(text.format(digit=plan.current, time=time, times=times))
        self.next_button.setEnabled(not plan.finished and not self.canvas.is_empty())
        self.skip_button.setEnabled(not plan.finished)
        self.redo_button.setEnabled(plan.can_redo and not plan.finished)
        self.clear_button.setEnabled(not plan.finished)

    # --- Learning and the result ---------------------------------------------------------------------------

    def _learn(self) -> None:
        self._centre = self.frameGeometry().center()  # where the dialog stays from now on, as it shrinks or grows
        self.canvas.setEnabled(False)
        self.canvas_frame.hide()
        self.intro.hide()  # it says how to draw
        for button in (self.next_button, self.skip_button, self.redo_button, self.clear_button):
            button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setToolTip("")
        if self.plan.drawn() == 0:
            self._show_result(translate("Enrolment", "Nothing was drawn, so there is nothing to learn."))
            return
        self.prompt.setText(translate("Enrolment", "Learning your handwriting…"))
        self.progress.setRange(0, 0)
        self.progress_text.setText(translate("Enrolment", "Preparing…"))
        self.close_button.setToolTip(translate("Enrolment", "Learning goes on in the background; the personal model "
                                                            "is used when ready"))
        if self._personal.state is not TuneState.IDLE:
            self._personal.cancel()  # an older run is superseded: this one learns every sample anyway
        held = self.plan.held_back()
        self._measuring = bool(held)
        started = self._personal.finish_enrolment(held) if held else self._personal.learn()
        self._learning = started
        self.stop_button.setVisible(started)
        self._fit()  # without the canvas the dialog shrinks, and stays centred
        if not started:
            self._show_result(translate("Enrolment", "Your drawings are stored, but cannot be learnt now (see the "
                                                     "status bar)."))

    def _on_progress(self, step: int, steps: int) -> None:
        if self.plan.finished and not self.result_text:
            self.progress.setRange(0, steps)
            self.progress.setValue(step)
            text = translate("Enrolment", "Learning: step {step} of {steps}")
            self.progress_text.setText(text.format(step=step, steps=steps))

    def _on_measured(self, summary: dict) -> None:
        if not self.plan.finished or self.result_text:
            return
        before, after, count = summary.get("before"), summary.get("after"), summary.get("held_back", 0)
        if before is None or after is None:
            self._show_result(unmeasured_text())
            return
        self._show_result(measured_text(before, after, count))

    def _on_learnt(self, _path) -> None:
        if self.plan.finished and not self.result_text and not self._measuring:  # nothing kept back: no measure
            self._show_result(unmeasured_text())

    def _on_failed(self, message: str) -> None:
        if self.plan.finished and not self.result_text:
            self._show_result(message)

    def _on_stopped(self) -> None:
        if self._learning and not self.result_text:
            self._show_result(translate("Enrolment", "Your drawings are kept in your handwriting samples; the model "
                                                     "in use did not change."), translate("Enrolment", "Stopped"))

    def _show_result(self, text: str, heading: str = "") -> None:
        self.result_text = text
        self.stop_button.hide()
        self.prompt.setText(heading or translate("Enrolment", "Done"))  # said once: the progress bar and its words go
        self.progress.hide()
        self.progress_text.hide()
        self.result.setText(text)
        self.result.show()
        self._fit()

    def _fit(self) -> None:
        """Take the size the content needs now, centred where the dialog was when learning began (over the window)."""
        centre = self._centre or self.frameGeometry().center()
        self.adjustSize()
        frame = self.frameGeometry()
        frame.moveCenter(centre)
        self.move(frame.topLeft())

