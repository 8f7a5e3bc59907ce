"""The Evaluation tab: the confusion matrix, its cells and the mistakes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QAbstractButton, QAction, QLabel

from handwriting.gui.app.main_tabs import EVALUATION_TAB
from handwriting.gui.common import i18n
from handwriting.gui.common.plots import NOT_A_DIGIT_TICK
from handwriting.labels import NOT_A_DIGIT
from handwriting.training import evaluation as evaluation_module
from handwriting.training.evaluation import evaluate

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


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
    assert f"all mistakes:\u00a0{report.errors:,}" in view.filter_label.text()  # the count never alone on a line
    assert not show_all.isEnabled() and "#" in view.detail_text.text()
    bottom = view.detail_plot.getPlotItem().getAxis("bottom")
    assert bottom.labelText == "digit" and "Wrong?" not in view.detail_plot.toolTip()  # the long label was cut off
    assert "not a digit" in window.draw_panel.bars.getPlotItem().getAxis("bottom").labelText
    view.matrix.cellClicked.emit(*empty)
    view.retranslate()  # View > Language with a report on screen: shown again, the filter kept
    assert view.errors.count() == 0 and view.matrix.item(0, 0).text() == str(report.confusion[0, 0])
    assert view.matrix.columnCount() == report.confusion.shape[1]


# 3. The shipped model's figures are stored with it: the tab shows them at once, evaluating nothing.
def test_the_shipped_models_figures_show_at_once(window, qtbot):
    history = window.models.recognizer.history
    assert "evaluation" in history
    steps = []
    window.evaluation.progress.connect(lambda *step: steps.append(step))
    view = window.evaluation_view
    window.tabs.setCurrentIndex(EVALUATION_TAB)
    qtbot.waitUntil(lambda: view.report is not None, timeout=3000)
    assert steps == [] and not view.progress.isVisible()
    assert f"{history['test_accuracy']:.2%}" in view.summary.text() and view.errors.count() == view.report.errors
    assert view.matrix.columnCount() == 11 and "#" in view.detail_text.text()


# 3. While the model is evaluated, the tab says how far it got, from the worker's progress.
def test_the_tab_shows_the_evaluations_progress(window, qtbot, mnist, monkeypatch):
    monkeypatch.setattr(evaluation_module, "CHUNK", 200)
    window.data.mnist = SimpleNamespace(test_images=mnist.test_images[:600], test_labels=mnist.test_labels[:600])
    view, shown = window.evaluation_view, []
    window.evaluation.progress.connect(lambda *_: shown.append((view.progress.isVisible(), view.progress.text())))
    with qtbot.waitSignal(window.evaluationFinished, timeout=60_000):
        window.findChild(QAction, "actionEvaluate").trigger()
        assert view.progress.isVisible() and "Evaluating" in view.summary.text()
    assert shown == [(True, f"Evaluating… {done} of 600") for done in (200, 400, 600)]
    assert not view.progress.isVisible() and view.report.total == 600


# Tour: "not a digit" under a mistake and atop its column is the chart's ✕ in every language ("3→非…" was cut off in
# Japanese); the tooltips and the caption say it in words.
def test_not_a_digit_is_marked_with_the_charts_cross_in_every_language(window, qtbot):
    view = window.evaluation_view
    window.tabs.setCurrentIndex(EVALUATION_TAB)
    qtbot.waitUntil(lambda: view.report is not None, timeout=3000)
    try:
        for language, words in (("en", "not a digit"), ("ja", "数字ではない")):
            i18n.install_translator(language=language)
            view.retranslate()
            metrics = view.errors.fontMetrics()
            items = [view.errors.item(row) for row in range(view.errors.count())]
            crossed = [item for item in items if int(view.report.predictions[item.data(Qt.UserRole)]) == NOT_A_DIGIT]
            assert crossed and len(crossed) < len(items)
            for item in crossed:
                true = int(view._labels[item.data(Qt.UserRole)])
                assert item.text() == f"{true}→{NOT_A_DIGIT_TICK}" and words in item.toolTip()
            widest_digit = max(metrics.horizontalAdvance(f"{d}→{d}") for d in range(10))
            assert max(metrics.horizontalAdvance(item.text()) for item in crossed) <= widest_digit + 4
            header = view.matrix.horizontalHeaderItem(NOT_A_DIGIT)
            assert header.text() == NOT_A_DIGIT_TICK and words in header.toolTip()
            assert f"✕{'：' if language == 'ja' else ': '}{words}" in view.matrix_caption.text()
    finally:
        i18n.install_translator(language="en")


# Tour at 1000x650: "Showing all mistakes: 46" beside its button wrapped word by word (in Japanese letter by letter)
# and the tab scrolled sideways, the Evaluate button cut to "Eva"; the matrix reserved room for twelve columns.
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_mistakes_label_stands_above_its_button_and_the_matrix_asks_for_eleven_columns(window, qtbot, language):
    view = window.evaluation_view
    window.resize(1000, 650)
    window.tabs.setCurrentIndex(EVALUATION_TAB)
    qtbot.waitUntil(lambda: view.report is not None, timeout=3000)
    try:
        i18n.install_translator(language=language)
        qtbot.waitUntil(lambda: view.filter_label.text() != "", timeout=2000)
        label, button = view.filter_label, view.show_all_button
        assert label.geometry().bottom() < button.geometry().top()  # above it, the column's whole width
        lines = label.height() / label.fontMetrics().lineSpacing()
        assert lines < 2.5, (language, label.text(), lines)
        cell = view.matrix.horizontalHeader().minimumSectionSize()
        assert view.matrix.minimumWidth() < 12 * cell  # 11 columns and a one-digit row header, not 12 columns
    finally:
        i18n.install_translator(language="en")
