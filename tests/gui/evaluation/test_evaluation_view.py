"""The Evaluation tab: the confusion matrix, its cells and the mistakes."""

from __future__ import annotations

import pytest
from PyQt5.QtWidgets import QAbstractButton, QLabel

from handwriting.training.evaluation import evaluate

from helpers import idle_backend_class

IdleBackend = idle_backend_class()


pytestmark = pytest.mark.timeout(60)


def label(window) -> str:
    return window.findChild(QLabel, "prediction").text()


# 7. Evaluation: an empty cell empties the selected image; "Show all mistakes" goes back.
def test_evaluation_empty_cell_and_show_all(window, mnist):
    images, labels = mnist.test_images[:2000], mnist.test_labels[:2000]
    report = evaluate(window.models.recognizer, images, labels)
    view = window.evaluation_view
    view.set_report(report, images, labels)
    assert view.errors.count() == report.errors > 0 and "#" in view.detail_text.text()
    show_all = view.findChild(QAbstractButton, "showAllMistakesButton")
    assert show_all.isVisibleTo(view) and not show_all.isEnabled()
    empty = next((t, p) for t in range(10) for p in range(10) if t != p and report.confusion[t, p] == 0)
    view.matrix.cellClicked.emit(*empty)
    assert view.errors.count() == 0 and "#" not in view.detail_text.text()
    assert view.detail_image.pixmap() is None or view.detail_image.pixmap().isNull()
    assert not view.detail_plot.heights().any() and show_all.isEnabled()
    show_all.click()
    assert view.errors.count() == report.errors and "all mistakes" in view.filter_label.text()
    assert not show_all.isEnabled() and "#" in view.detail_text.text()
    bottom = view.detail_plot.getPlotItem().getAxis("bottom")
    assert bottom.labelText == "digit" and "Wrong?" not in view.detail_plot.toolTip()  # the long label was cut off
    assert "not a digit" in window.draw_panel.bars.getPlotItem().getAxis("bottom").labelText
    view.matrix.cellClicked.emit(*empty)
    view.retranslate()  # View > Language with a report on screen: shown again, the filter kept
    assert view.errors.count() == 0 and view.matrix.item(0, 0).text() == str(report.confusion[0, 0])
    assert view.matrix.columnCount() == report.confusion.shape[1]
