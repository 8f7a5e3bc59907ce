"""The training curves: units, names, ranges."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt5.QtCore import QPointF
from PyQt5.QtWidgets import (
    QApplication,
)

from handwriting.gui.training.curve_readout import along
from handwriting.training.config import TrainConfig

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


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


# 6. A one-epoch run is drawn legibly: one tick at 1 on an axis from 0.5 to 1.5, large dots, "1 epoch".
def test_a_one_epoch_run_is_drawn_legibly(window):
    window.curves_view.start_run(TrainConfig(preset="fast", epochs=1), Path("new.keras"), 2809)
    assert "for 1 epoch on 2,809 training images" in window.curves_view.history_label.text()
    curves = window.curves_view.curves
    curves.append({"epoch": 1, "loss": 0.3, "val_loss": 0.25, "accuracy": 0.95, "val_accuracy": 0.96})
    QApplication.processEvents()
    for plot in (curves.loss, curves.accuracy):
        assert plot.widget.getPlotItem().vb.viewRange()[0] == pytest.approx([0.5, 1.5])
        assert plot.train.opts["symbolSize"] >= 12 and plot.val.opts["symbolSize"] >= 12
        ticks = plot.widget.getPlotItem().getAxis("bottom").tickValues(0.5, 1.5, 400)
        assert [value for _, values in ticks for value in values] == [1.0]
    window.curves_view.show_model(window.models.recognizer)  # a model of one epoch says so too
    window.curves_view._model_history = {**window.curves_view._model_history, "epochs": [{"epoch": 1}]}
    window.curves_view.show_saved()
    assert ", 1 epoch, best epoch" in window.curves_view.history_label.text()


# Tour: one read-out of the epoch pointed at (no tooltip repeating it), rewritten and moved in place, beside the
# marker where it covers neither curve nor the legend.
def test_hovering_shows_one_read_out_clear_of_the_curves(window, qtbot):
    window.tabs.show_page(window.curves_view)
    window.resize(1100, 700)
    QApplication.processEvents()
    for curves in (window.curves_view.curves.loss, window.curves_view.curves.accuracy):
        vb = curves.widget.getPlotItem().vb
        items = len(curves.widget.scene().items())
        for index, record in enumerate(curves.records):
            value = record[curves.key] * curves.scale
            curves._hover(vb.mapViewToScene(QPointF(index + 1, value)))
            curves.widget.grab()  # painted: the read-out's place is final
            assert curves.readout.isVisible() and curves.widget.toolTip() == ""
            assert curves.readout.toPlainText().startswith(f"epoch {record.get('epoch', index + 1)}\n")
            box = vb.mapSceneToView(curves.readout.sceneBoundingRect()).boundingRect()
            for curve in (curves.train, curves.val):
                for x, y in along(*curve.getData()):
                    assert not box.contains(QPointF(x, y)), (curves.key, index, x, y)
            legend = vb.mapSceneToView(curves.legend.sceneBoundingRect()).boundingRect()
            assert not box.intersects(legend), (curves.key, index)
        assert len(curves.widget.scene().items()) == items  # the same read-out, moved and rewritten


# Tour: a personal model said "0 epochs, best epoch ?" above empty curves, and About "Parameters: unknown, Epochs 0".
def test_a_personal_model_says_what_it_was_learnt_from_in_the_curves_and_the_about_box(window):
    from handwriting.gui.common.dialogs import about_html

    personal = {"kind": "personal", "base_model": "/somewhere/models/default.keras", "samples": 30,
                "preset": "wide", "parameters": 319_875}
    window.curves_view._model_history, window.curves_view._model_name = personal, "personal.keras"
    window.curves_view.show_saved()
    text = window.curves_view.history_label.text()
    assert "personal.keras is your personal model: default.keras fine-tuned on 30 of your drawings" in text
    assert "epoch" not in text and window.curves_view.curves.isHidden()  # no empty plots under it
    about = about_html(personal, Path("personal.keras"))
    assert "default.keras, fine-tuned on 30 of your drawings" in about and "319,875" in about
    assert "Epochs" not in about
    assert "Test accuracy</b>&nbsp;&nbsp;</td><td>not measured yet (Model > Evaluate measures it)" in about
    about = about_html(personal, Path("personal.keras"), evaluated=0.994)  # measured on the Evaluation tab
    assert "99.40% (measured on the Evaluation tab)" in about
