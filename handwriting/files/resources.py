"""The files the app ships (model, MNIST, pen digits, icon): found the same way in a clone and an installed wheel.

The repository keeps `models/` and `assets/` at its top. A wheel maps them into the package
(`handwriting/models/`, `handwriting/assets/`, see `[tool.setuptools]` in pyproject.toml), so a
resource named `"models/default.keras"` lies inside the package once installed, and beside it in
a clone or an editable install. `resource_path` looks in the package first, then in the source
tree. Everything under `package_root()` is read-only for the app: `refuse_package_writes` is the
guard that storage applies before writing anything.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from handwriting.errors import SaveError

PACKAGE = "handwriting"


def package_root() -> Path:
    """The folder of the imported `handwriting` package (in site-packages once installed)."""
    root = importlib.resources.files(PACKAGE)
    if not isinstance(root, Path):  # a zip import: Keras and the MNIST loader need real files
        raise RuntimeError(f"the {PACKAGE} package must be installed as files, not imported from {root}")
    return root


def source_root() -> Path | None:
    """The repository top when the package runs from a clone or an editable install, else None."""
    top = package_root().parent
    return top if (top / "pyproject.toml").is_file() and (top / PACKAGE).is_dir() else None


def resource_path(name: str) -> Path:
    """A shipped file or folder by its repository-relative name, e.g. "models/default.keras", "assets/pendigits".

    Inside the package first (an installed wheel, and package data like "share/handwriting.svg"),
    then at the repository top (a clone). When it exists in neither, the path where it belongs
    is returned, so that a "not found" message names a sensible place.
    """
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"{name!r}: a resource name is relative to the package, without '..'")
    packaged = package_root() / relative
    source = source_root()
    if packaged.exists() or source is None:
        return packaged
    return source / relative


def is_inside_package(path: str | Path) -> bool:
    """True when `path` (which need not exist) lies in the installed package's folder."""
    return Path(path).resolve().is_relative_to(package_root().resolve())


def refuse_package_writes(path: str | Path) -> None:
    """Raise SaveError when `path` lies inside the package: the app never writes into its installation."""
    if is_inside_package(path):
        raise SaveError(
            f"{path}: refusing to write inside the installed handwriting package ({package_root()}); "
            "save elsewhere, e.g. with --out, or let it go to the per-user folder ('handwriting paths' shows it)"
        )
