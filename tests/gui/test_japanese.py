"""The Japanese UI: a window built under a Japanese locale has no English left; View > Language switches live."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PyQt5.QtCore import QEvent, QLocale, QSettings
from PyQt5.QtWidgets import QApplication

from handwriting.errors import ImageFileError, ModelFileError
from handwriting.files import catalog
from handwriting.files.model_files import check_model_file
from handwriting.files.paths import user_paths
from handwriting.gui.common import i18n
from handwriting.gui.inside.inside_words import row_caption, row_title
from handwriting.gui.wording import error_text, figures, is_wide, name_problem
from handwriting.inside.look_inside import LookInside
from handwriting.personal.label_check import Suspect, mislabelled
from handwriting.personal.tuning import reads_worse
from handwriting.recognition.images import read_canvas

from helpers import english_left, make_file, window_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.process
def test_a_window_built_in_a_bare_application_under_a_japanese_locale_has_no_english_left(model_file, tmp_path):
    """As scripts build it: QApplication, MainWindow(), nothing else; only LANG says Japanese."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HANDWRITING_", "LC_", "LANGUAGE"))}
    env.update(LANG="ja_JP.UTF-8", QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="3",
               HANDWRITING_HOME=str(tmp_path / "home"))
    script = ROOT / "tests" / "gui" / "japanese_window.py"
    result = subprocess.run([sys.executable, str(script), str(model_file)], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["language"] == "ja"
    assert seen["texts"] > 300  # the walk saw the menus, tabs, plots, dialogs...
    assert seen["personal_texts"] > 20 and seen["samples"] == 2  # the enrolment and samples dialogs, both samples
    assert seen["menus"] == ["ファイル(&F)", "編集(&E)", "表示(&V)", "モデル(&M)", "ヘルプ(&H)"]
    assert all(any("\u3040" <= c <= "\u9fff" for c in tab) for tab in seen["tabs"]), seen["tabs"]
    assert seen["english"] == [], "\n".join(f"{where}: {text!r}" for where, text in seen["english"])


def test_view_language_switches_the_open_window_live_and_is_remembered(window, qtbot):
    actions = window.actions
    assert i18n.current_language() == "en" and actions.languages["en"].isChecked()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Model", "&Help"]
    try:
        actions.languages["ja"].trigger()  # Qt posts LanguageChange to the windows: they retranslate next turn
        assert i18n.current_language() == "ja" and actions.languages["ja"].isChecked()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "ファイル(&F)", timeout=5000)
        assert [a.text() for a in window.menuBar().actions()] == ["ファイル(&F)", "編集(&E)", "表示(&V)", "モデル(&M)",
                                                                 "ヘルプ(&H)"]
        assert window.tabs.tabText(0) == "手書き(&D)" and actions.retrain.text() == "再学習(&T)…"
        assert window.status.model_label.text().startswith("モデル：")
        qtbot.waitUntil(lambda: window.draw_panel.prediction.text() == "数字を書いてください", timeout=5000)
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # the model entries replaced (deleteLater)
        names = [entry.name for entry in window.models.models]
        left = english_left(window_texts(window), names)
        assert left == [], "\n".join(f"{where}: {text!r}" for where, text in left)
        saved = QSettings(str(user_paths().settings), QSettings.IniFormat).value(i18n.SETTING)
        assert saved == "ja" and i18n.wanted_language() == "ja"  # remembered for the next start
        if i18n.japanese_family() is not None:  # a font with the glyphs is installed: the app uses it
            assert i18n.japanese_family() == window.font().family()
        actions.languages["en"].trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File", timeout=5000)
        assert window.draw_panel.pen_label.text() == "&Pen width:"
        assert i18n.saved_language() == "en"
    finally:
        i18n.install_translator(language="en")


def test_a_drawing_on_screen_is_worded_again_in_the_new_language(window, qtbot):
    one = np.zeros((window.canvas.height(), window.canvas.width()), np.uint8)
    one[50:230, 130:150] = 255
    window.canvas.paste_drawing(one)
    qtbot.waitUntil(lambda: window.draw_panel.prediction.text().startswith("Prediction: "), timeout=5000)
    try:
        i18n.choose_language("ja")
        qtbot.waitUntil(lambda: window.draw_panel.prediction.text().startswith("予測："), timeout=5000)
    finally:
        i18n.install_translator(language="en")
    qtbot.waitUntil(lambda: window.draw_panel.prediction.text().startswith("Prediction: "), timeout=5000)


def test_the_system_locale_chooses_the_language():
    assert i18n.system_language(QLocale("ja_JP")) == "ja"
    assert i18n.system_language(QLocale("en_GB")) == "en"
    assert i18n.system_language(QLocale("de_DE")) == "en"  # a language the app does not speak: English
    assert i18n.system_language(QLocale.c()) == "en"


def test_a_japanese_font_is_preferred_and_a_serif_one_comes_last():
    assert i18n.japanese_family(["IPAMincho", "Droid Sans Fallback"]) == "Droid Sans Fallback"
    assert i18n.japanese_family(["IPAMincho", "IPAPGothic", "Noto Sans CJK JP"]) == "Noto Sans CJK JP"
    assert i18n.japanese_family([]) is None


def test_the_english_of_the_translatable_wording_is_the_cores(recognizer, tmp_path):
    """The GUI words rows, figures and name problems itself (to translate them): in English, as the core does."""
    inside = LookInside(recognizer.network)
    assert [(row_title(inside, row), row_caption(inside, row)) for row in inside.rows] == [
        (row.title, row.caption) for row in inside.rows
    ]
    entry = catalog.describe(catalog.DEFAULT_MODEL_PATH)
    assert figures(entry) == entry.figures()
    assert name_problem("good-name") is None
    for bad in ("", "-dash", "a/b", "x" * 65, "name.previous"):
        problem = name_problem(bad)
        assert problem is not None and "cannot name a model" in problem
    for kind in ("empty", "truncated-png", "20000x20000", "folder", "missing"):
        with pytest.raises(ImageFileError) as raised:
            read_canvas(make_file(kind, tmp_path))
        assert raised.value.reason and error_text(raised.value) == str(raised.value)
    (tmp_path / "folder.keras").mkdir()
    (tmp_path / "empty.keras").write_bytes(b"")
    (tmp_path / "model.h5").write_bytes(b"x")
    for name in ("nowhere.keras", "folder.keras", "empty.keras", "model.h5"):
        with pytest.raises(ModelFileError) as raised:
            check_model_file(tmp_path / name)
        assert raised.value.reason and error_text(raised.value) == str(raised.value)


def test_the_refused_personal_models_are_said_in_japanese_as_in_english():
    suspects = [Suspect(i, 10 + i if i else None, 7, 1, 0, None, 5.0) for i in range(7)]
    refusals = [mislabelled(suspects[:1]), mislabelled(suspects), reads_worse(0.91, 0.985)]
    for refusal in refusals:
        assert error_text(refusal) == str(refusal)  # the core's words, in English
    try:
        i18n.choose_language("ja")
        texts = [("refusal", error_text(refusal)) for refusal in refusals]
        assert all(any(is_wide(letter) for letter in text) for _, text in texts)
        assert english_left(texts, []) == []
    finally:
        i18n.install_translator(language="en")


def test_an_image_file_that_cannot_be_read_is_said_in_japanese(window, qtbot, tmp_path):
    try:
        i18n.choose_language("ja")
        for kind in ("empty", "folder", "missing"):
            path = make_file(kind, tmp_path)
            assert not window.recognition.open_image(path)
            assert window.status.last_warning.startswith(str(path))
            assert english_left([("warning", window.status.last_warning.replace(str(path), ""))], []) == []
        path = tmp_path / "nowhere.keras"
        window.models.load(path)
        qtbot.waitUntil(lambda: str(path) in (window.status.last_warning or ""), timeout=5000)
        assert "ファイル" in window.status.last_warning
        assert english_left([("warning", window.status.last_warning.replace(str(path), ""))], []) == []
    finally:
        i18n.install_translator(language="en")
