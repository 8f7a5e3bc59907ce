"""The retrain flow on screen: the dialog, the actions' states, the curves of the run, the question after it."""

from __future__ import annotations

from PyQt5.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PyQt5.QtWidgets import QMainWindow

from handwriting.files import catalog
from handwriting.gui.common.actions import Actions
from handwriting.gui.common.dialogs import ask_to_switch
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.model_controller import ModelController
from handwriting.gui.controllers.training_controller import (
    ALREADY_TRAINING,
    TrainingController,
    TrainingState,
    TrainingSummary,
)
from handwriting.gui.training.curves_view import CurvesView
from handwriting.gui.training.retrain_dialog import RetrainDialog

translate = QCoreApplication.translate
BLOCKED = QT_TRANSLATE_NOOP("Training", "training is running (switch models when it has finished)")


class TrainingPresenter:
    """Subscribes to the TrainingController's signals; starts and cancels runs through its slots only."""

    def __init__(self, window: QMainWindow, actions: Actions, training: TrainingController,
                 models: ModelController, curves: CurvesView, status: StatusPresenter,
                 settings: QSettings) -> None:
        self._window, self._actions, self._training, self._models, self._curves = (
            window,
            actions,
            training,
            models,
            curves,
        )
        self._status, self._settings = status, settings
        actions.retrain.triggered.connect(self.open_dialog)
        actions.cancel_training.triggered.connect(training.cancel)
        training.notice.connect(self._on_notice)
        training.state_changed.connect(self._on_state)
        training.epoch_finished.connect(curves.add_epoch)
        training.failed.connect(self._on_failed)
        training.finished.connect(self._on_finished)

    def open_dialog(self) -> None:
        """Ask for the settings and start a run (refused, with a status message, while one runs)."""
        if self._training.running():
            self._status.show(translate("Training", ALREADY_TRAINING))
            return
        dialog = RetrainDialog(self._window, self._training.images, settings=self._settings)
        if dialog.exec() == RetrainDialog.Accepted:
            self._training.start(dialog.config(), dialog.out())

    def _on_notice(self, text: str) -> None:
        """The run's news; while it is prepared (a busy bar without words) the message stays until the next."""
        if self._training.state is TrainingState.PREPARING:
            self._status.show_phase(text)
        else:
            self._status.show(text)

    def _on_state(self, state: TrainingState) -> None:
        idle = state is TrainingState.IDLE
        self._actions.retrain.setEnabled(idle)
        self._actions.cancel_training.setEnabled(state in (TrainingState.PREPARING, TrainingState.RUNNING))
        self._models.set_blocked(None if idle else translate("Training", BLOCKED))
        if state is TrainingState.PREPARING:
            # The tab in front stays: the status bar shows the run's progress on every tab, the curves grow meanwhile.
            self._curves.start_run(
                self._training.config, self._training.out, self._training.images_used(self._training.config)
            )

    def retranslate(self) -> None:
        """While a run goes on, say again in the current language why models cannot be switched."""
        if self._training.running():
            self._models.set_blocked(translate("Training", BLOCKED))

    def _on_failed(self, message: str) -> None:
        self._status.warn(
            translate("Training", "Training failed"),
            f"{message}\n\n" + translate("Training", "Nothing changed: the model in use is kept."),
        )
        self._curves.show_saved()

    def _on_finished(self, summary: TrainingSummary) -> None:
        """A cancelled run: back to the model's curves. A saved one: its figures beside the current, and ask."""
        if summary.cancelled:
            self._curves.show_saved()
            return
        self._status.show(
            translate("Training", "Training finished: {model} is saved in your models folder").format(
                model=summary.saved_to.name
            ),
            0,
        )
        self._models.refresh()
        self._models.describe([summary.saved_to, self._models.path], lambda read: self._ask_to_switch(summary, *read))

    def _ask_to_switch(
        self, summary: TrainingSummary, new: catalog.ModelEntry | None, current: catalog.ModelEntry | None
    ) -> None:
        """The new model's figures beside the current one's (both read off the GUI thread)."""
        saved_to = summary.saved_to
        if new is None:  # deleted meanwhile
            self._curves.show_saved()
            return
        ask_to_switch(self._window, current, new, lambda: self._models.switch(saved_to), self._curves.show_saved)
