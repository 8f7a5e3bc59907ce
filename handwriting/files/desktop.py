"""Desktop integration: install the freedesktop launcher (.desktop file) and the SVG icon for this user."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from handwriting.files.resources import resource_path

APP_ID = "handwriting"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_FILE = f"{APP_ID}.svg"
GUI_SCRIPT = "handwriting-gui"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # characters that force quoting in an Exec argument


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """XDG_DATA_HOME (when absolute), else ~/.local/share: where a user's launchers and icons go."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(value):
        return Path(value)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def desktop_targets(home: Path) -> dict[str, Path]:
    """Where install_desktop_entry puts each file under the data home."""
    return {
        "desktop": home / "applications" / DESKTOP_FILE,
        "icon": home / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE,
    }


def _quote_argument(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry Specification asks (then escaped as a string value)."""
    if argument and not _RESERVED.intersection(argument) and "=" not in argument:
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in argument) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def launch_command() -> list[str]:
    """How the launcher starts the app: the `handwriting-gui` script of this installation, else `python -m`."""
    beside_python = Path(sys.executable).parent / GUI_SCRIPT
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return [str(beside_python)]
    found = shutil.which(GUI_SCRIPT)
    if found:
        return [found]
    return [sys.executable, "-m", APP_ID, "gui"]


def desktop_entry(command: list[str]) -> str:
    """The shipped .desktop template with Exec (and TryExec) set to `command`."""
    exec_line = " ".join(_quote_argument(part) for part in command)
    lines = []
    for line in resource_path(f"share/{DESKTOP_FILE}").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_line}")
            lines.append("TryExec=" + command[0].replace("\\", "\\\\"))  # hidden from menus once it is gone
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _write_atomic(content: bytes, final: Path) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o644 & ~umask)
        os.replace(name, final)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def install_desktop_entry(home: Path | None = None, command: list[str] | None = None) -> dict[str, Path]:
    """Write the launcher and the icon under `home` (default: data_home()); returns what was written where.

    Both files are written atomically and replace earlier copies. Raises OSError when the folder
    cannot be written.
    """
    targets = desktop_targets(home if home is not None else data_home())
    entry = desktop_entry(command if command is not None else launch_command())
    _write_atomic(resource_path(f"share/{ICON_FILE}").read_bytes(), targets["icon"])
    _write_atomic(entry.encode("utf-8"), targets["desktop"])
    return targets


def uninstall_desktop_entry(home: Path | None = None) -> list[Path]:
    """Remove the launcher and the icon that install_desktop_entry wrote; returns the files removed."""
    removed = []
    for path in desktop_targets(home if home is not None else data_home()).values():
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
