"""Shipped files are found in the clone and in an installed layout; nothing is ever written inside the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from handwriting.digits.mnist import ASSETS_DIR
from handwriting.errors import SaveError
from handwriting.files import model_files, resources, storage
from handwriting.training.model import build_model

ROOT = Path(__file__).resolve().parents[2]


def test_clone_finds_the_top_level_folders():
    assert resources.source_root() == ROOT
    assert resources.resource_path("models/default.keras") == ROOT / "models" / "default.keras"
    shipped = model_files.DEFAULT_MODEL_PATH
    assert shipped == ROOT / "models" / "default.keras" and shipped.is_file()
    assert ASSETS_DIR == ROOT / "assets" / "mnist" and (ASSETS_DIR / "train-labels-idx1-ubyte.gz").is_file()
    assert resources.resource_path("assets/pendigits") == ROOT / "assets" / "pendigits"
    assert resources.resource_path("share/handwriting.svg") == ROOT / "handwriting" / "share" / "handwriting.svg"


@pytest.fixture()
def installed(tmp_path, monkeypatch) -> Path:
    """An installed layout: site-packages/handwriting with the shipped files mapped inside it."""
    package = tmp_path / "site-packages" / "handwriting"
    (package / "models").mkdir(parents=True)
    (package / "models" / "default.keras").write_bytes(b"shipped")
    monkeypatch.setattr(resources, "package_root", lambda: package)
    return package


def test_installed_package_finds_its_own_copies(installed):
    assert resources.source_root() is None
    assert resources.resource_path("models/default.keras") == installed / "models" / "default.keras"
    assert resources.resource_path("assets/mnist") == installed / "assets" / "mnist"  # missing: named where it belongs


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside", "models/../../x"])
def test_resource_names_stay_inside(name):
    with pytest.raises(ValueError, match="relative"):
        resources.resource_path(name)


@pytest.mark.tensorflow
def test_saving_inside_the_package_is_refused_and_writes_nothing(installed):
    target = installed / "models" / "default.keras"
    model = build_model("lenet5")
    with pytest.raises(SaveError, match="refusing to write inside the installed handwriting package") as error:
        storage.save_model_atomic(model, target, {"epochs": []})
    assert "--out" in str(error.value) and "handwriting paths" in str(error.value)
    for write in (
        lambda: storage.ensure_writable(installed / "new" / "model.keras"),
        lambda: storage.write_json_atomic({}, installed / "settings.json"),
    ):
        with pytest.raises(SaveError, match="refusing"):
            write()
    assert sorted(path.name for path in installed.rglob("*")) == ["default.keras", "models"]
    assert target.read_bytes() == b"shipped"


def test_revert_inside_the_package_is_refused(installed):
    (installed / "models" / "default.previous.keras").write_bytes(b"older")
    with pytest.raises(SaveError, match="refusing"):
        storage.revert_to_backup(installed / "models" / "default.keras")
    assert (installed / "models" / "default.keras").read_bytes() == b"shipped"


@pytest.mark.tensorflow
def test_saving_beside_the_package_still_works(installed, tmp_path):
    out = storage.save_model_atomic(build_model("lenet5"), tmp_path / "mine.keras", {"epochs": []})
    assert out.is_file() and not resources.is_inside_package(out)
    assert resources.is_inside_package(installed / "models" / ".." / "models" / "x.keras")
