"""Per-user folders: HANDWRITING_HOME, the XDG variables and the platform defaults."""

from pathlib import Path

from handwriting.files.paths import user_paths


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


def test_paths_command_prints_the_folders(tmp_path, monkeypatch, capsys):
    import json

    from handwriting.cli.main import main
    from handwriting.files.model_files import DEFAULT_MODEL_PATH

    monkeypatch.setenv("HANDWRITING_HOME", str(tmp_path))
    assert main(["paths", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["models"] == str(tmp_path / "data" / "models") and printed["settings"].startswith(str(tmp_path))
    assert printed["shipped_model"] == str(DEFAULT_MODEL_PATH)
    assert main(["paths"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"models          {tmp_path / 'data' / 'models'}" in lines
    assert any(line.startswith("shipped_model") and line.endswith("(read-only)") for line in lines)

