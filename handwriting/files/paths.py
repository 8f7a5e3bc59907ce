"""Where the app keeps what a user makes: the one place that resolves every per-user folder.

Nothing the app or the CLI writes by default goes into the repository or the installed package:
models a user trains, the personal-handwriting store, settings, caches and logs all live here.

* `HANDWRITING_HOME`, when set, holds all of them (`data/`, `config/`, `cache/`, `logs/` below it);
  tests and portable installs use it.
* Otherwise the platform's conventions: the XDG base directories on Linux and other Unixes
  (`XDG_DATA_HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME`, `XDG_STATE_HOME`), `~/Library/...` on
  macOS, `%LOCALAPPDATA%` on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "handwriting"
HOME_VARIABLE = "HANDWRITING_HOME"


@dataclass(frozen=True)
class UserPaths:
    """The per-user folders. They are only named here; `ensure` creates one when it is written to."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def models(self) -> Path:
        """Models the user trains from the app or with `handwriting train` (no `--out`)."""
        return self.data / "models"

    @property
    def personal_store(self) -> Path:
        """The SQLite store of the user's own handwriting samples."""
        return self.data / "personal.sqlite3"

    @property
    def personal_model(self) -> Path:
        """The model fine-tuned on the user's handwriting."""
        return self.models / "personal.keras"

    @property
    def settings(self) -> Path:
        """The app's settings file (QSettings, IniFormat)."""
        return self.config / "settings.ini"

    def as_dict(self) -> dict[str, str]:
        """Every folder and file by name, for `handwriting paths`."""
        names = ("data", "models", "personal_store", "personal_model", "config", "settings", "cache", "logs")
        return {name: str(getattr(self, name)) for name in names}


def ensure(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _xdg(environ: Mapping[str, str], variable: str, fallback: Path) -> Path:
    value = environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else fallback  # the spec ignores relative paths


def user_paths(environ: Mapping[str, str] | None = None, platform: str | None = None) -> UserPaths:
    """Resolve the per-user folders from the environment (default: `os.environ`) and the platform."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home_override = environ.get(HOME_VARIABLE, "").strip()
    if home_override:
        root = Path(home_override).expanduser().resolve()
        return UserPaths(root / "data", root / "config", root / "cache", root / "logs")
    home = Path(environ.get("HOME") or Path.home())
    if platform.startswith("win"):
        root = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_NAME
        return UserPaths(root / "data", root / "config", root / "cache", root / "logs")
    if platform == "darwin":
        library = home / "Library"
        return UserPaths(
            library / "Application Support" / APP_NAME,
            library / "Preferences" / APP_NAME,
            library / "Caches" / APP_NAME,
            library / "Logs" / APP_NAME,
        )
    return UserPaths(
        _xdg(environ, "XDG_DATA_HOME", home / ".local" / "share") / APP_NAME,
        _xdg(environ, "XDG_CONFIG_HOME", home / ".config") / APP_NAME,
        _xdg(environ, "XDG_CACHE_HOME", home / ".cache") / APP_NAME,
        _xdg(environ, "XDG_STATE_HOME", home / ".local" / "state") / APP_NAME / "logs",
    )
