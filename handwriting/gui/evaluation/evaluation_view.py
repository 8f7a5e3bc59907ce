"""The evaluation tab: test accuracy, the confusion matrix and a browser of the misclassified images."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, QSize, Qt, pyqtSignal
from PyQt5.QtGui import QIcon
from PyQt5.QtWidgets import (
    QAction,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui.common.qimages import digit_pixmap
from handwriting.gui.evaluation.confusion_table import ConfusionTable, answer_text, matrix_caption, not_a_digit_header
from handwriting.gui.evaluation.mistake_detail import MistakeDetail, pick_text
from handwriting.gui.evaluation.reliability_plot import ReliabilityPlot
from handwriting.labels import NOT_A_DIGIT

MAX_THUMBNAILS = 600  # the most confident mistakes first
THUMBNAIL_SIDE = 56
translate = QCoreApplication.translate


def invitation() -> str:
    """The line shown before an evaluation."""
    return translate("Evaluation", "Evaluate the model on the official test images.")


def progress_text(done: int, total: int) -> str:
    """The progress bar's words while an evaluation runs: "Evaluating… 2,500 of 10,000"."""
    return translate("Evaluation", "Evaluating… {done:,} of {total:,}").format(done=done, total=total)


class EvaluationView(QWidget):
    """Shows an EvaluationReport; its Evaluate button is the window's action; emits `showOnCanvas(index)`."""

    showOnCanvas = pyqtSignal(int)  # index into the test images

    def __init__(self, evaluate_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationView")
        self.report = None
        self._images: np.ndarray | None = None
        self._labels: np.ndarray | None = None
        outer = QVBoxLayout(self)

        top = QHBoxLayout()
        self.summary = QLabel(invitation())
        self.summary.setObjectName("evaluationSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("evaluationProgress")
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(260)
        self.progress.hide()
        top.addWidget(self.progress)
        self.evaluate_button = QToolButton()
        self.evaluate_button.setDefaultAction(evaluate_action)
        self.evaluate_button.setObjectName("evaluateButton")
        top.addWidget(self.evaluate_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.matrix_box = matrix_box = QGroupBox()
        matrix_layout = QVBoxLayout(matrix_box)
        self.matrix_caption = QLabel()
        self.matrix_caption.setWordWrap(True)
        matrix_layout.addWidget(self.matrix_caption)
        self.matrix = ConfusionTable(self)
        self.matrix.cellClicked.connect(self._filter_by_cell)
        matrix_layout.addWidget(self.matrix, 3)
        self.reliability = ReliabilityPlot(self)
        matrix_layout.addWidget(self.reliability, 2)
        body.addWidget(matrix_box, 6)

        self.errors_box = errors_box = QGroupBox()
        errors_layout = QVBoxLayout(errors_box)
        filter_row = QVBoxLayout()  # the label above its button: beside it, a narrow column wrapped it word by word
        self.filter_label = QLabel("")
        self.filter_label.setWordWrap(True)
        filter_row.addWidget(self.filter_label)
        self.show_all_button = QPushButton()
        self.show_all_button.setObjectName("showAllMistakesButton")
        self.show_all_button.clicked.connect(self.show_all_mistakes)
        self.show_all_button.setEnabled(False)
        filter_row.addWidget(self.show_all_button, 0, Qt.AlignLeft)
        errors_layout.addLayout(filter_row)
        self.errors = QListWidget()
        self.errors.setObjectName("misclassifiedList")
        self.errors.setViewMode(QListView.IconMode)
        self.errors.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        self.errors.setGridSize(QSize(THUMBNAIL_SIDE + 26, THUMBNAIL_SIDE + 26))
        self.errors.setResizeMode(QListView.Adjust)
        self.errors.setMovement(QListView.Static)
        self.errors.setUniformItemSizes(True)
        self.errors.currentItemChanged.connect(self._show_detail)
        self.errors.itemActivated.connect(lambda item: self.showOnCanvas.emit(int(item.data(Qt.UserRole))))
        errors_layout.addWidget(self.errors, 1)
        body.addWidget(errors_box, 4)

        self.detail_box = MistakeDetail(self)
        self.detail_image, self.detail_text, self.detail_plot = (
            self.detail_box.image, self.detail_box.text, self.detail_box.plot
        )
        body.addWidget(self.detail_box, 3)
        self._filter: tuple[int, int] | None = None  # the cell whose mistakes are listed, None for all
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; a report shown is shown again (its list and selection kept)."""
        self.matrix_box.setTitle(translate("Evaluation", "Confusion matrix"))
        self.matrix_caption.setText(matrix_caption(self.matrix.columnCount()))
        self.matrix.setToolTip(
            translate("Evaluation", "Click a cell off the diagonal to list only those mistakes; the diagonal lists all")
        )
        self.errors_box.setTitle(translate("Evaluation", "Misclassified test images"))
        self.show_all_button.setText(translate("Evaluation", "Show &all mistakes"))
        self.show_all_button.setToolTip(
            translate("Evaluation", "List every misclassified test image again (or click the diagonal)")
        )
        self.errors.setToolTip(
            translate("Evaluation", "Click an image to see its probabilities; double-click to show it on the canvas")
        )
        self.detail_box.retranslate()
        self.reliability.retranslate()
        if self.report is None:
            self.summary.setText(invitation())
            self.clear_detail()
            return
        row = self.errors.currentRow()
        self._show_summary()
        self.matrix.fill(self.report.confusion)
        if self._filter is None:
            self._fill_errors(self.report.misclassified)
        else:
            self._filter_by_cell(*self._filter)
        if 0 <= row < self.errors.count():
            self.errors.setCurrentRow(row)

    # --- Content -----------------------------------------------------------------------------------

    def clear(self, message: str | None = None) -> None:
        """Forget the report (for example after another model was loaded)."""
        self.report = None
        self._images = self._labels = None
        self._filter = None
        self.summary.setText(message or invitation())
        self.progress.hide()
        self.matrix.clearContents()
        self.errors.clear()
        self.filter_label.setText("")
        self.show_all_button.setEnabled(False)
        self.reliability.set_reliability(None)
        self.clear_detail()

    def set_busy(self, message: str) -> None:
        """Show that an evaluation is running: `message`, and a busy bar until its progress comes."""
        self.clear(message)
        self.progress.setRange(0, 0)
        self.progress.setFormat("")
        self.progress.show()

    def show_progress(self, done: int, total: int) -> None:
        """The running evaluation's progress: `done` of `total` test images."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(progress_text(done, total))
        self.progress.setToolTip(translate("Evaluation", "Test images the model has read so far"))
        self.progress.show()

    def set_report(self, report, images: np.ndarray, labels: np.ndarray) -> None:
        """Show an EvaluationReport computed on `images` and `labels`."""
        self.report, self._images, self._labels = report, images, labels
        self.progress.hide()
        self._show_summary()
        self.matrix.fill(report.confusion)
        self.matrix_caption.setText(matrix_caption(self.matrix.columnCount()))
        self.reliability.set_reliability(report.calibration, report.ece)
        self.show_all_mistakes()  # the most confident mistake first, with its probabilities

    def _show_summary(self) -> None:
        report = self.report
        self.summary.setText(
            translate(
                "Evaluation", "Test accuracy {accuracy:.2%}: {errors:,} mistakes in {total:,} test images"
            ).format(accuracy=report.accuracy, errors=report.errors, total=report.total)
        )

    def _fill_errors(self, indices: np.ndarray, caption: str | None = None) -> None:
        report = self.report
        self.errors.clear()
        if report is None or self._images is None:
            return
        # The most confident mistakes first: they are the most instructive.
        confidence = report.confidence_of(indices)
        order = np.asarray(indices)[np.argsort(-confidence, kind="stable")]
        shown = order[:MAX_THUMBNAILS]
        self.show_all_button.setEnabled(caption is not None)
        caption = caption or translate("Evaluation", "all mistakes")
        if len(order) > len(shown):
            text = translate("Evaluation", "Showing {what}: {count:,}, the {shown} most confident shown")
        else:
            text = translate("Evaluation", "Showing {what}: {count:,}")
        text = text.format(what=caption, count=len(order), shown=len(shown))
        self.filter_label.setText(text.replace(": ", ":\u00a0"))  # the count never alone on a line
        self.clear_detail(translate("Evaluation", "No such mistakes.") if not len(order) else pick_text())
        self.errors.setUpdatesEnabled(False)
        for index in shown:
            index = int(index)
            item = QListWidgetItem(QIcon(digit_pixmap(self._images[index], THUMBNAIL_SIDE)), "")
            true, predicted = int(self._labels[index]), int(report.predictions[index])
            shown_as = not_a_digit_header() if predicted == NOT_A_DIGIT else str(predicted)
            item.setText(f"{true}→{shown_as}")
            tip = translate("Evaluation", "test image #{index}: true {true}, {said}")
            item.setToolTip(tip.format(index=index, true=true, said=answer_text(predicted)))
            item.setData(Qt.UserRole, index)
            self.errors.addItem(item)
        self.errors.setUpdatesEnabled(True)

    def _filter_by_cell(self, true: int, predicted: int) -> None:
        report = self.report
        if report is None or self._labels is None:
            return
        if true == predicted:
            self.show_all_mistakes()
            return
        self._filter = (true, predicted)
        wrong = report.misclassified
        pick = wrong[(self._labels[wrong] == true) & (report.predictions[wrong] == predicted)]
        self._fill_errors(
            pick, translate("Evaluation", "true {true} predicted as {predicted}").format(true=true, predicted=predicted)
        )

    def show_all_mistakes(self) -> None:
        """List every misclassified image again, most confident first, and show the first."""
        if self.report is None:
            return
        self.matrix.clearSelection()
        self._filter = None
        self._fill_errors(self.report.misclassified)
        if self.errors.count():
            self.errors.setCurrentRow(0)

    def clear_detail(self, text: str | None = None) -> None:
        """Empty the selected-image panel."""
        self.detail_box.clear(text)

    def _show_detail(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or self.report is None or self._images is None:
            self.clear_detail()
            return
        index = int(item.data(Qt.UserRole))
        self.show_index(index)

    def show_index(self, index: int) -> None:
        """Show one evaluated test image with its probabilities in the detail pane."""
        self.detail_box.show_image(self.report, self._images[index], int(self._labels[index]), index)
