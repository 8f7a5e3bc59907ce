"""The drawn training and validation data: the validation set is drawn once and kept in the user's cache folder."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from conftest import DRAWN, SESSION_DRAWINGS

from handwriting.digits import drawn
from handwriting.files.paths import user_paths


@pytest.fixture(scope="module")
def validation(tmp_path_factory):
    """The bundled validation set and the cache file it was written to, in a home of the module's own."""
    home = tmp_path_factory.mktemp("drawn-home")
    (home / "cache").mkdir()
    for made in SESSION_DRAWINGS.glob(DRAWN):  # drawn once per test session (tests/conftest.py)
        os.link(made, home / "cache" / made.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDWRITING_HOME", str(home))
        drawn._bundled_validation.cache_clear()
        arrays = drawn._bundled_validation()
        files = list(user_paths().cache.glob(f"drawn-validation-{drawn._drawing_fingerprint()}.npz"))
    assert len(files) == 1, "the drawn validation set was not written to the cache folder"
    return arrays, files[0]


@pytest.fixture()
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder of this test's own, and nothing remembered by the process."""
    monkeypatch.setenv("HANDWRITING_HOME", str(tmp_path / "home"))
    drawn._bundled_validation.cache_clear()
    yield user_paths().cache
    drawn._bundled_validation.cache_clear()


def same(first, second) -> bool:
    return all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_the_validation_set_is_read_back_from_the_cache_unchanged(validation, own_cache, monkeypatch):
    arrays, cache_file = validation
    own_cache.mkdir(parents=True)
    shutil.copy(cache_file, own_cache / cache_file.name)
    monkeypatch.setattr(drawn, "_validation", lambda pen, uni: pytest.fail("drew again instead of reading the cache"))
    again = drawn._bundled_validation()
    assert same(arrays, again)
    assert not again[0].flags.writeable  # shared by every run of the process
    assert set(np.unique(arrays[1])) == set(range(11)) and len(arrays[0]) == len(arrays[2])


def test_a_missing_or_damaged_cache_file_is_drawn_again_and_written_whole(validation, own_cache, monkeypatch):
    arrays, cache_file = validation
    drawings = []
    monkeypatch.setattr(drawn, "_validation", lambda pen, uni: drawings.append(pen) or tuple(a.copy() for a in arrays))
    assert same(arrays, drawn._bundled_validation()) and len(drawings) == 1  # missing: drawn
    written = own_cache / cache_file.name
    assert written.read_bytes()[:2] == b"PK"
    written.write_bytes(b"not an npz file")
    drawn._bundled_validation.cache_clear()
    assert same(arrays, drawn._bundled_validation()) and len(drawings) == 2  # damaged: drawn again
    assert written.read_bytes()[:2] == b"PK"


def test_a_change_to_the_drawing_code_names_another_cache_file(monkeypatch):
    before = drawn._drawing_fingerprint()
    read = drawn.Path.read_bytes
    monkeypatch.setattr(drawn.Path, "read_bytes", lambda path: read(path) + (b"#" if path.name == "pen.py" else b""))
    assert drawn._drawing_fingerprint() != before


def test_the_validation_part_of_the_splits_is_the_cached_set(validation):
    arrays, _ = validation
    splits = drawn.make_drawn_splits(limit=200)
    assert same(arrays, (splits.x_val, splits.y_val, splits.val_writers))
    assert len(splits.x_train) < 200 and set(np.unique(splits.y_train)) <= set(range(11))


def test_both_sources_validation_writers_are_drawn_for_validation_and_never_trained_on(validation):
    _arrays, _ = validation
    splits = drawn.make_drawn_splits(limit=200)
    writers = set(np.unique(splits.val_writers).tolist()) - {""}
    assert any(w.startswith("pendigits/") for w in writers) and any(not w.startswith("pendigits/") for w in writers)
    assert writers <= splits.validation_writers and not writers & splits.train_writers
    assert not splits.train_writers & splits.validation_writers
