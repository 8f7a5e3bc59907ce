"""Packaging: the wheel carries the shipped files and works outside the clone; conda and pip name the same deps."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from PIL import Image

from helpers import SEVEN, draw

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONDA_NAMES = {"pyqt5": "pyqt"}  # PyPI name -> conda-forge name, where they differ (beyond case)
NOT_COPIED = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.previous.*")


def pip_requirements() -> dict[str, str]:
    """{conda-forge name: version specifier} of the runtime dependencies and every extra."""
    project = PYPROJECT["project"]
    lines = project["dependencies"] + [line for extra in project["optional-dependencies"].values() for line in extra]
    requirements = [Requirement(line) for line in lines]
    return {CONDA_NAMES.get(r.name.lower(), r.name.lower()): str(r.specifier) for r in requirements}


def conda_requirements() -> tuple[dict[str, str], list[str]]:
    """({name: specifier} of environment.yml's conda dependencies, its pip lines)."""
    conda: dict[str, str] = {}
    pip: list[str] = []
    in_pip = in_dependencies = False
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if re.fullmatch(r"[\w-]+:.*", line):  # a top-level key
            in_dependencies = line == "dependencies:"
        match = re.fullmatch(r"(\s*)- (.+)", line)
        if not match or not in_dependencies:
            continue
        indent, item = len(match.group(1)), match.group(2).strip()
        if item == "pip:":
            in_pip = True
        elif in_pip and indent > 2:
            pip.append(item)
        else:
            in_pip = False
            requirement = Requirement(item.replace("=", "==", 1) if re.fullmatch(r"[\w.-]+=[\d.]+", item) else item)
            conda[requirement.name.lower()] = str(requirement.specifier)
    return conda, pip


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    conda, pip = conda_requirements()
    assert conda.pop("python") == "==3.11" and conda.pop("pip") == ""
    assert conda == pip_requirements()
    assert pip == ["-e ."]


def test_every_subpackage_is_in_the_wheel_and_every_mapped_folder_exists():
    setuptools = PYPROJECT["tool"]["setuptools"]
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "handwriting").rglob("__init__.py")}
    assert on_disk <= set(setuptools["packages"])
    for package, folder in setuptools["package-dir"].items():
        assert package in setuptools["packages"] and (ROOT / folder).is_dir()
    for name in setuptools["package-data"]["handwriting.models"]:
        assert (ROOT / "models" / name).is_file()


# --- The wheel, installed in a fresh virtual environment ------------------------------------------


def copy_of_the_clone(target: Path) -> Path:
    """The repository as a fresh clone would have it (no venv, caches, builds or backups)."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return target


def fresh_venv(folder: Path) -> tuple[Path, Path]:
    """A virtual environment of its own that reuses this interpreter's installed packages (no network).

    A .pth line puts this environment's site-packages on the new one's path: the heavy dependencies
    (TensorFlow, PyQt5) are found there, while .pth files in it, such as an editable install of this
    project, are not run. Returns (bin folder, site-packages).
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    bin_dir = folder / "bin"
    query = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([bin_dir / "python", "-c", query], capture_output=True, text=True).stdout.strip())
    base = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_base_packages.pth").write_text("".join(f"{path}\n" for path in sorted(base)), encoding="utf-8")
    return bin_dir, site


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (bytecode caches aside) with its size and modification time."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.wheel
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the venv layout here is the Linux one")
def test_wheel_works_outside_the_clone(tmp_path):
    wheels = tmp_path / "dist"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)]
    subprocess.run([*build, str(copy_of_the_clone(tmp_path / "clone"))], check=True, timeout=300)
    (wheel,) = wheels.glob("handwriting-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("models/default.keras", "models/default.history.json", "assets/mnist/train-images-idx3-ubyte.gz"):
        assert f"handwriting/{shipped}" in names
    assert "handwriting/share/handwriting.svg" in names and "handwriting/gui/app/main_window.py" in names
    assert "handwriting/i18n/handwriting_ja.qm" in names  # the Japanese UI
    assert not [name for name in names if "screenshots" in name or "figures" in name or "previous" in name]

    bin_dir, site = fresh_venv(tmp_path / "venv")
    install = [bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", "--no-index"]
    subprocess.run([*install, str(wheel)], check=True, timeout=300)
    package = site / "handwriting"
    assert (package / "models" / "default.keras").is_file() and (bin_dir / "handwriting-gui").is_file()

    elsewhere, data_home = tmp_path / "elsewhere", tmp_path / "xdg-data"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "HANDWRITING_HOME")}
    env |= {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(data_home), "TF_CPP_MIN_LOG_LEVEL": "3"}
    env |= {f"XDG_{name}_HOME": str(tmp_path / f"xdg-{name.lower()}") for name in ("CONFIG", "CACHE", "STATE")}

    def handwriting(*args: str) -> subprocess.CompletedProcess:
        command = [str(bin_dir / "handwriting"), *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=elsewhere, env=env, timeout=600)

    before = listing(site)
    report = handwriting("evaluate", "--json")
    assert report.returncode == 0, report.stderr
    evaluation = json.loads(report.stdout)
    assert Path(evaluation["model"]) == package / "models" / "default.keras" and evaluation["test_accuracy"] > 0.99

    Image.fromarray(255 - draw(SEVEN)).save(elsewhere / "seven.png")
    predicted = handwriting("predict", "seven.png", "--json")
    assert predicted.returncode == 0 and json.loads(predicted.stdout)["digit"] == 7, predicted.stderr

    paths = json.loads(handwriting("paths", "--json").stdout)
    assert Path(paths["models"]) == data_home / "handwriting" / "models"
    assert Path(paths["shipped_mnist"]) == package / "assets" / "mnist"

    launcher = handwriting("install-desktop")
    assert launcher.returncode == 0, launcher.stderr
    entry = (data_home / "applications" / "handwriting.desktop").read_text(encoding="utf-8")
    assert f"Exec={bin_dir / 'handwriting-gui'}" in entry

    quick = ("train", "--preset", "fast", "--epochs", "1", "--limit", "2000")
    into_package = handwriting(*quick, "--out", str(package / "models" / "default.keras"))
    assert into_package.returncode == 1 and "refusing to write inside the installed" in into_package.stderr
    trained = handwriting(*quick)
    assert listing(site) == before  # nothing was written into the installed package, whatever happened
    assert trained.returncode == 0, trained.stderr
    assert list((data_home / "handwriting" / "models").glob("*.keras"))
