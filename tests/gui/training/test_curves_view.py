"""The training curves: units, names, ranges."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt5.QtWidgets import (
    QApplication,
)

from handwriting.training.config import TrainConfig

from helpers import idle_backend_class

IdleBackend = idle_backend_class()


pytestmark = pytest.mark.timeout(60)


# 9. Accuracy in percent, and tooltips in words.
def test_accuracy_curves_are_in_percent_with_named_values(window):
    record = window.models.recognizer.history["epochs"][0]
    curves = window.curves_view.curves.accuracy
    _, y = curves.val.getData()
    assert y[0] == pytest.approx(100 * record["val_accuracy"])
    assert "%" in curves.widget.getPlotItem().getAxis("left").labelText
    text = curves.describe(0)
    assert f"validation accuracy: {record['val_accuracy']:.2%}" in text and "val_accuracy" not in text
    assert "validation loss" in window.curves_view.curves.loss.describe(0)


# 9. A new run's empty curves do not keep the last model's axis ranges.
def test_a_new_runs_empty_curves_start_from_neutral_ranges(window, qtbot):
    curves = window.curves_view.curves
    window.tabs.show_page(window.curves_view)
    QApplication.processEvents()
    assert curves.point_count() > 0  # the model's history
    accuracy_range = curves.accuracy_widget.getPlotItem().vb.viewRange()[1]
    assert accuracy_range[0] > 50  # fitted to the model's curves
    items = len(curves.accuracy_widget.getPlotItem().items)
    window.curves_view.start_run(TrainConfig(preset="fast", epochs=3), Path("new.keras"), 1000)
    QApplication.processEvents()
    assert curves.loss_widget.getPlotItem().vb.viewRange()[1] == pytest.approx([0, 1])
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[1] == pytest.approx([0, 100])
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[0] == pytest.approx([0.5, 3.5])
    assert len(curves.accuracy_widget.getPlotItem().items) == items  # updated in place
    curves.append({"epoch": 1, "loss": 0.3, "val_loss": 0.25, "accuracy": 0.95, "val_accuracy": 0.96})
    QApplication.processEvents()
    assert curves.accuracy_widget.getPlotItem().vb.viewRange()[1][0] > 50  # fitted to the new run again
