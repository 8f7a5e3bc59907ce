"""The store controller: every change to the samples file says how many samples there are now."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.gui.controllers.store_controller import StoreController


@pytest.fixture()
def store(qtbot, tmp_path):
    controller = StoreController(tmp_path / "samples.sqlite")
    counts: list[int] = []
    controller.samples_changed.connect(counts.append)
    assert controller.open()
    return controller, counts


def drawing(shift: int) -> np.ndarray:
    canvas = np.zeros((28, 28), np.float32)
    canvas[4:24, 10 + shift : 13 + shift] = 1.0
    return canvas


def test_adding_removing_and_relabelling_keep_the_count_and_the_labels_true(store):
    controller, counts = store
    first = controller.add(drawing(0), 1, 7, "correction")
    second = controller.add(drawing(3), 1, None, "accepted")
    assert counts == [0, 1, 2] and controller.count == 2
    assert controller.relabel(second, 4) and {s.id: s.label for s in controller.samples()} == {first: 1, second: 4}
    assert controller.remove(first) and not controller.remove(first)  # gone: nothing to remove the second time
    assert [s.id for s in controller.samples()] == [second] and counts[-1] == 1
    assert not controller.relabel(first, 2)


def test_export_and_import_carry_the_samples_and_a_bad_file_is_a_message(store, tmp_path, qtbot):
    controller, _ = store
    controller.add(drawing(0), 1, None, "correction")
    with qtbot.waitSignal(controller.notice) as said:
        controller.export(tmp_path / "copy.sqlite")
    assert "copy.sqlite" in said.args[0]
    other = StoreController(tmp_path / "other.sqlite")
    assert other.open() and other.import_from(tmp_path / "copy.sqlite") == 1 and other.count == 1
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 100)
    with qtbot.waitSignal(other.failed) as failed:
        assert other.import_from(tmp_path / "junk.sqlite") == 0
    assert "junk.sqlite" in failed.args[0] and other.count == 1


def test_a_broken_store_refuses_changes_with_a_message_and_writes_nothing(qtbot, tmp_path):
    path = tmp_path / "samples.sqlite"
    path.write_bytes(b"not a database" * 50)
    controller = StoreController(path)
    with qtbot.waitSignal(controller.store_broken):
        assert not controller.open()
    with qtbot.waitSignal(controller.notice) as said:
        assert controller.add(drawing(0), 3, None, "correction") is None
    assert "cannot be used" in said.args[0] and path.read_bytes() == b"not a database" * 50
    assert controller.move_aside() is not None and controller.store is not None and controller.count == 0
