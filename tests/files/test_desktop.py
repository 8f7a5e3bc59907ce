"""Desktop integration: the launcher and icon land under XDG_DATA_HOME, with a correctly quoted Exec line."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from handwriting.cli.main import main
from handwriting.files import desktop


def entry_fields(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_install_desktop_puts_launcher_and_icon_under_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["install-desktop"]) == 0
    launcher = tmp_path / "data" / "applications" / "handwriting.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "handwriting.svg"
    assert str(launcher) in capsys.readouterr().out
    fields = entry_fields(launcher)
    assert fields["Type"] == "Application" and fields["Icon"] == "handwriting" and fields["Terminal"] == "false"
    assert fields["Exec"].split(" ")[0] == fields["TryExec"] and Path(fields["TryExec"]).is_file()
    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert main(["install-desktop"]) == 0  # installing again replaces the files
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not launcher.exists() and not icon.exists()


def test_default_data_home_follows_the_xdg_rules():
    assert desktop.data_home({"HOME": "/home/u"}) == Path("/home/u/.local/share")
    assert desktop.data_home({"HOME": "/home/u", "XDG_DATA_HOME": "relative"}) == Path("/home/u/.local/share")
    assert desktop.data_home({"HOME": "/home/u", "XDG_DATA_HOME": "/xdg"}) == Path("/xdg")


@pytest.mark.parametrize(
    ("command", "exec_line"),
    [
        (["/opt/app/bin/handwriting-gui"], "/opt/app/bin/handwriting-gui"),
        (["/home/u/my apps/python", "-m", "handwriting", "gui"], '"/home/u/my apps/python" -m handwriting gui'),
        (['/odd/"$x`\\/python'], '"/odd/\\\\"\\\\$x\\\\`\\\\\\\\/python"'),
        (["/a/100%/python"], "/a/100%%/python"),
    ],
)
def test_exec_line_is_quoted_as_the_specification_asks(tmp_path, command, exec_line):
    entry = desktop.desktop_entry(command)
    assert f"\nExec={exec_line}\n" in entry


@pytest.mark.process  # runs desktop-file-validate: the full lane, not the fast one
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_installed_launcher_is_valid(tmp_path):
    targets = desktop.install_desktop_entry(tmp_path)
    result = subprocess.run(["desktop-file-validate", str(targets["desktop"])], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_unwritable_data_home_is_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["install-desktop", "--data-home", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the launcher") and len(err.strip().splitlines()) == 1
