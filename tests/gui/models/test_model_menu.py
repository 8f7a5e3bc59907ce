"""The Model menu: each model with its test accuracy; the delete list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PyQt5.QtWidgets import QAction, QComboBox

from handwriting.gui.common.dialogs import combo_text_room

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


# 7c. The Model menu names each model by the figure the Evaluation tab reports: its test accuracy.
def test_the_model_menu_shows_each_models_test_accuracy(window):
    from handwriting.gui.models.model_menu import entry_text

    entry = next(entry for entry in window.models.models if entry.path == window.models.path)
    assert entry.test_accuracy is not None
    action = next(a for a in window.findChildren(QAction) if a.objectName() == f"modelEntry:{entry.name}")
    assert action.text() == entry_text(entry) and action.text().endswith(f": test {entry.test_accuracy:.2%}")
    assert entry_text(replace(entry, history={"best_val_accuracy": 0.9894})).endswith(": validation 98.94%")
    personal = replace(entry, history={"kind": "personal", "samples": 2})  # tuned on the user's samples: no figures
    assert entry_text(personal).endswith(": your handwriting, 2 samples")
    assert entry_text(replace(entry, history={"kind": "personal", "samples": 1})).endswith(", 1 sample")


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
