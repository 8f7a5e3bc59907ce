"""Per-user folders: HANDWRITING_HOME, the XDG variables and the platform defaults."""

from pathlib import Path

from handwriting.paths import user_paths


def test_handwriting_home_holds_every_folder(tmp_path):
    paths = user_paths({"HANDWRITING_HOME": str(tmp_path), "XDG_DATA_HOME": "/elsewhere"}, "linux")
    for folder in (paths.data, paths.config, paths.cache, paths.logs, paths.models):
        assert folder.is_relative_to(tmp_path)
    assert paths.personal_store.parent == paths.data


def test_xdg_variables_are_honoured_and_relative_ones_ignored():
    paths = user_paths({"HOME": "/home/u", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "relative"}, "linux")
    assert paths.models == Path("/data/handwriting/models")
    assert paths.config == Path("/home/u/.config/handwriting")
    assert paths.logs == Path("/home/u/.local/state/handwriting/logs")


def test_platform_defaults():
    assert user_paths({"HOME": "/Users/u"}, "darwin").data == Path("/Users/u/Library/Application Support/handwriting")
    windows = user_paths({"HOME": "C:/Users/u", "LOCALAPPDATA": "C:/Users/u/AppData/Local"}, "win32")
    assert windows.models == Path("C:/Users/u/AppData/Local/handwriting/data/models")


def test_tests_never_write_into_the_real_home():
    assert "HANDWRITING_HOME" in __import__("os").environ
