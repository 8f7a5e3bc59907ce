"""Whether the user's drawings may be kept: the question on the Draw tab, the Model menu's two settings."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PyQt5.QtCore import QCoreApplication, QSettings

from handwriting.gui.common.actions import Actions
from handwriting.gui.common.status import StatusPresenter
from handwriting.gui.controllers.personal_controller import PersonalController
from handwriting.gui.draw.draw_panel import DrawPanel
from handwriting.gui.personal.consent_bar import ConsentBar

translate = QCoreApplication.translate
LEARN_FROM_ACCEPTED_KEY = "personal/learn_from_accepted"
KEEP_DRAWINGS_KEY = "personal/keep_drawings"  # "yes" or "no"; absent: never asked, nothing is kept
ANSWERS = {"yes": True, "no": False}


def remembered_consent(settings: QSettings) -> bool | None:
    """The user's answer to "keep your drawings?", None when never asked."""
    return ANSWERS.get(str(settings.value(KEEP_DRAWINGS_KEY, "")).lower())


class ConsentPresenter:
    """The question whether drawings may be kept (a bar on the Draw tab, asked once, remembered in the settings,
    changed in the Model menu), and the setting to keep drawings whose sure answer the user let stand.

    `drawing` gives the user's drawing shown now (None for none): said yes, a correction that waited for the
    answer is kept if its drawing is still that one.
    """

    def __init__(self, actions: Actions, personal: PersonalController, panel: DrawPanel, status: StatusPresenter,
                 settings: QSettings, drawing: Callable[[], np.ndarray | None]) -> None:
        self._actions, self._personal, self._status = actions, personal, status
        self._settings, self._drawing = settings, drawing
        wanted = str(settings.value(LEARN_FROM_ACCEPTED_KEY, "true")).lower() != "false"
        actions.learn_from_accepted.setChecked(wanted)
        personal.learn_from_accepted = wanted
        actions.learn_from_accepted.toggled.connect(self._set_learn_from_accepted)
        self.bar = ConsentBar()
        panel.add_bar(self.bar)
        self.bar.answered.connect(self.choose)
        personal.consent = remembered_consent(settings)
        actions.keep_drawings.setChecked(personal.consent is True)
        actions.learn_from_accepted.setEnabled(personal.consent is True)  # a kind of drawing kept: only when kept
        actions.keep_drawings.triggered.connect(self.choose)  # the user's click only, not setChecked
        personal.consent_needed.connect(self._ask)

    def _ask(self) -> None:
        """A drawing would be kept, and the user was never asked: the question, once, above the drawing."""
        if self._personal.consent is None and not self.bar.isVisible():
            self.bar.ask(self._personal.learn_from_accepted, self._personal.store_path)

    def choose(self, keep: bool) -> None:
        """The user's answer (the bar's buttons, Model > Keep my drawings to learn from): remembered.

        With yes, a correction that waited for the answer is kept if its drawing is still shown.
        """
        self._settings.setValue(KEEP_DRAWINGS_KEY, "yes" if keep else "no")
        self._actions.keep_drawings.setChecked(keep)
        self._actions.learn_from_accepted.setEnabled(keep)
        self.bar.hide()
        if self._personal.set_consent(keep, self._drawing()) is not None:
            return  # its "Stored as 4" says what happened
        if keep:
            self._status.show(translate("Personal", "Your drawings are kept to learn from, from now on (Model > Keep "
                                                    "my drawings to learn from)"))
        else:
            self._status.show(translate("Personal", "Your drawings are not kept (Model > Keep my drawings to learn "
                                                    "from changes this)"))

    def _set_learn_from_accepted(self, wanted: bool) -> None:
        self._personal.learn_from_accepted = wanted
        self._settings.setValue(LEARN_FROM_ACCEPTED_KEY, "true" if wanted else "false")
        if self.bar.isVisible():  # the question says what would be kept
            self.bar.ask(wanted, self._personal.store_path)
        if wanted and self._personal.consent is not True:
            self._status.show(translate("Personal", "Drawings you clear without correcting will be kept once you say "
                                                    "yes to keeping your drawings (Model > Keep my drawings to learn "
                                                    "from)"))
        elif wanted:
            self._status.show(translate("Personal", "Drawings you clear without correcting are now kept to learn from"))
        else:
            self._status.show(translate("Personal", "Drawings you don't correct are no longer kept"))

    def retranslate(self) -> None:
        """The question in the current language."""
        self.bar.retranslate()
