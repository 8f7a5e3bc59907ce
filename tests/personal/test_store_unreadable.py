"""An unreadable store is set aside by the store itself: kept as it is, with its side files, and a new one made."""

from __future__ import annotations

import re

import numpy as np
import pytest

from handwriting.personal.store import PersonalStore, PersonalStoreError

GARBAGE = b"not a database at all" * 20


def unreadable(tmp_path):
    path = tmp_path / "personal.sqlite3"
    path.write_bytes(GARBAGE)
    return path


def test_an_unreadable_store_is_renamed_beside_itself_untouched(tmp_path):
    path = unreadable(tmp_path)
    with pytest.raises(PersonalStoreError):
        PersonalStore(path)
    target = PersonalStore.set_aside(path)
    assert target.parent == path.parent and re.fullmatch(r"personal\.sqlite3\.broken-\d{8}-\d{6}", target.name)
    assert target.read_bytes() == GARBAGE and not path.exists()


def test_its_wal_and_shm_files_go_with_it(tmp_path):
    path = unreadable(tmp_path)
    (tmp_path / "personal.sqlite3-wal").write_bytes(b"log")
    (tmp_path / "personal.sqlite3-shm").write_bytes(b"index")
    target = PersonalStore.set_aside(path)
    assert (tmp_path / f"{target.name}-wal").read_bytes() == b"log"
    assert (tmp_path / f"{target.name}-shm").read_bytes() == b"index"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name, f"{target.name}-shm", f"{target.name}-wal"]


def test_a_new_empty_store_can_then_be_made_in_its_place(tmp_path):
    path = unreadable(tmp_path)
    PersonalStore.set_aside(path)
    store = PersonalStore(path)
    assert len(store) == 0
    canvas = np.zeros((280, 280), np.float32)
    canvas[60:220, 130:150] = 1.0
    assert store.add(canvas, 1) and len(PersonalStore(path)) == 1


def test_a_store_that_cannot_be_moved_says_so_and_stays(tmp_path):
    with pytest.raises(OSError):
        PersonalStore.set_aside(tmp_path / "missing.sqlite3")
    assert list(tmp_path.iterdir()) == []

