"""The file dialogs: where they open."""

from __future__ import annotations

import pytest
from PyQt5.QtWidgets import QFileDialog

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.files.paths import user_paths

from helpers import copy_model, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


# 7. File > Load model… opens in the user's models folder (the shipped one while the user has none).
def test_load_model_opens_in_the_users_models_folder(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda _parent, _title, start, _f: asked.append(start) or ("", "")
    )
    copy_model(window.models.path, user_paths().models, "mine.keras")
    window.actions.load_model.trigger()
    assert asked == [str(user_paths().models)]


# Tour: before the user has a models folder it opens where the other dialogs do, never in the shipped models/
# (its internal files: the stroke network, backups); an empty models folder of the user's is theirs already.
def test_load_model_never_opens_in_the_shipped_models_folder(window, monkeypatch, tmp_path):
    from handwriting.gui.common import dialogs

    monkeypatch.setattr(dialogs, "_last_folders", {})
    monkeypatch.setenv("HOME", str(tmp_path))
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda _parent, _title, start, _f: asked.append(start) or ("", "")
    )
    assert not user_paths().models.exists()
    window.actions.load_model.trigger()
    user_paths().models.mkdir(parents=True)
    window.actions.load_model.trigger()
    assert asked == [str(tmp_path), str(user_paths().models)]
    assert str(DEFAULT_MODEL_PATH.parent) not in asked


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
    window.personal_presenter.open_samples().export()
    assert saved == [str(tmp_path / "Documents" / "handwriting-samples.sqlite3")]
