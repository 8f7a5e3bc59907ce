"""The window's actions: every tip says a whole sentence, never one cut off."""

from __future__ import annotations

import re

import pytest
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QWidget

from handwriting.gui.common.actions import Actions

pytestmark = pytest.mark.timeout(60)

# Words an English tip cannot end on: a tip ending so stopped mid-sentence.
DANGLING = {"a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or", "that", "the",
            "to", "was", "were", "what", "when", "which", "with", "your"}


def test_no_action_tip_stops_mid_sentence(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = Actions(parent)
    tips = {}
    for action in parent.actions():
        keys = action.shortcut().toString(QKeySequence.NativeText)
        tip = action.statusTip().removesuffix(f" ({keys})" if keys else "")
        tips[action.objectName()] = tip
        assert re.findall(r"[\w']+", tip)[-1].lower() not in DANGLING, (action.objectName(), tip)
    assert len(tips) > 20
    keep = actions.keep_drawings.statusTip()
    assert keep.endswith("Off: nothing new is kept; My handwriting samples and Forget my handwriting delete what "
                         "was kept before")


def test_no_tip_ends_in_two_brackets_and_open_image_says_it_reads_a_number_too(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = Actions(parent)
    for action in parent.actions():  # "Erase the canvas (Ctrl+Z brings it back) (Esc)" read as a muddle
        assert not re.search(r"\)\s*\(", action.toolTip()), (action.objectName(), action.toolTip())
    assert "number" in actions.open_image.toolTip()  # in number mode it reads a whole number
