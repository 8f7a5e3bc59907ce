"""The evaluation tab: test accuracy, the confusion matrix and a browser of the misclassified images."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QBrush, QColor, QIcon
from PyQt5.QtWidgets import (
    QAbstractItemView,
    QAction,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handwriting.gui.plots import ProbabilityPlot
from handwriting.gui.qimages import digit_pixmap

MAX_THUMBNAILS = 600  # the most confident mistakes first
THUMBNAIL_SIDE = 56


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
        self.summary = QLabel("Evaluate the model on the official test images.")
        self.summary.setObjectName("evaluationSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.evaluate_button = QToolButton()
        self.evaluate_button.setDefaultAction(evaluate_action)
        self.evaluate_button.setObjectName("evaluateButton")
        top.addWidget(self.evaluate_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        matrix_box = QGroupBox("Confusion matrix")
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.addWidget(QLabel("Rows: true digit. Columns: predicted digit."))
        self.matrix = QTableWidget(10, 10)
        self.matrix.setObjectName("confusionMatrix")
        self.matrix.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SingleSelection)
        self.matrix.setHorizontalHeaderLabels([str(d) for d in range(10)])
        self.matrix.setVerticalHeaderLabels([str(d) for d in range(10)])
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.matrix.setToolTip("Click a cell off the diagonal to list only those mistakes; the diagonal lists all")
        digits_width = self.matrix.fontMetrics().horizontalAdvance("0000") + 12
        self.matrix.horizontalHeader().setMinimumSectionSize(digits_width)
        self.matrix.setMinimumSize(11 * digits_width + 8, 300)
        self.matrix.cellClicked.connect(self._filter_by_cell)
        matrix_layout.addWidget(self.matrix)
        body.addWidget(matrix_box, 6)

        errors_box = QGroupBox("Misclassified test images")
        errors_layout = QVBoxLayout(errors_box)
        filter_row = QHBoxLayout()
        self.filter_label = QLabel("")
        self.filter_label.setWordWrap(True)
        filter_row.addWidget(self.filter_label, 1)
        self.show_all_button = QPushButton("Show &all mistakes")
        self.show_all_button.setObjectName("showAllMistakesButton")
        self.show_all_button.setToolTip("List every misclassified test image again (or click the diagonal)")
        self.show_all_button.clicked.connect(self.show_all_mistakes)
        self.show_all_button.setEnabled(False)
        filter_row.addWidget(self.show_all_button)
        errors_layout.addLayout(filter_row)
        self.errors = QListWidget()
        self.errors.setObjectName("misclassifiedList")
        self.errors.setViewMode(QListView.IconMode)
        self.errors.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        self.errors.setGridSize(QSize(THUMBNAIL_SIDE + 26, THUMBNAIL_SIDE + 26))
        self.errors.setResizeMode(QListView.Adjust)
        self.errors.setMovement(QListView.Static)
        self.errors.setUniformItemSizes(True)
        self.errors.setToolTip("Click an image to see its probabilities; double-click to show it on the canvas")
        self.errors.currentItemChanged.connect(self._show_detail)
        self.errors.itemActivated.connect(lambda item: self.showOnCanvas.emit(int(item.data(Qt.UserRole))))
        errors_layout.addWidget(self.errors, 1)
        body.addWidget(errors_box, 4)

        detail_box = QGroupBox("Selected image")
        detail = QVBoxLayout(detail_box)
        self.detail_image = QLabel()
        self.detail_image.setObjectName("misclassifiedImage")
        self.detail_image.setFixedSize(112, 112)
        self.detail_image.setStyleSheet("background: black;")
        detail.addWidget(self.detail_image, 0, Qt.AlignHCenter)
        self.detail_text = QLabel("Pick an image on the left.")
        self.detail_text.setObjectName("misclassifiedText")
        self.detail_text.setWordWrap(True)
        self.detail_text.setAlignment(Qt.AlignHCenter)
        detail.addWidget(self.detail_text)
        self.detail_plot = ProbabilityPlot(self, object_name="misclassifiedProbabilities")
        self.detail_plot.setMinimumSize(190, 160)
        detail.addWidget(self.detail_plot, 1)
        detail_box.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        body.addWidget(detail_box, 3)

    # --- Content -----------------------------------------------------------------------------------

    def clear(self, message: str = "Evaluate the model on the official test images.") -> None:
        """Forget the report (for example after another model was loaded)."""
        self.report = None
        self._images = self._labels = None
        self.summary.setText(message)
        self.matrix.clearContents()
        self.errors.clear()
        self.filter_label.setText("")
        self.show_all_button.setEnabled(False)
        self.clear_detail()

    def set_busy(self, message: str) -> None:
        """Show that an evaluation is running."""
        self.clear(message)

    def set_report(self, report, images: np.ndarray, labels: np.ndarray) -> None:
        """Show an EvaluationReport computed on `images` and `labels`."""
        self.report, self._images, self._labels = report, images, labels
        self.summary.setText(
            f"Test accuracy {report.accuracy:.2%}: {report.errors:,} mistakes in {report.total:,} test images"
        )
        self._fill_matrix(report.confusion)
        self.show_all_mistakes()  # the most confident mistake first, with its probabilities

    def _fill_matrix(self, confusion: np.ndarray) -> None:
        rows = np.maximum(confusion.sum(axis=1, keepdims=True), 1)
        for true in range(10):
            for predicted in range(10):
                count = int(confusion[true, predicted])
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignCenter)
                share = count / rows[true, 0]
                if true == predicted:
                    colour = QColor.fromHsvF(0.33, 0.15 + 0.5 * share, 0.95)
                elif count:
                    colour = QColor.fromHsvF(0.0, min(1.0, 0.12 + 8 * share), 1.0)
                else:
                    colour = QColor(255, 255, 255)
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(QColor(20, 20, 20)))
                item.setToolTip(f"true {true}, predicted {predicted}: {count} images ({share:.1%} of the {true}s)")
                self.matrix.setItem(true, predicted, item)

    def _fill_errors(self, indices: np.ndarray, caption: str = "all mistakes") -> None:
        report = self.report
        self.errors.clear()
        if report is None or self._images is None:
            return
        # The most confident mistakes first: they are the most instructive.
        confidence = report.probabilities[indices, report.predictions[indices]] if len(indices) else np.zeros(0)
        order = np.asarray(indices)[np.argsort(-confidence, kind="stable")]
        shown = order[:MAX_THUMBNAILS]
        more = f", the {len(shown)} most confident shown" if len(order) > len(shown) else ""
        self.filter_label.setText(f"Showing {caption}: {len(order):,}{more}")
        self.show_all_button.setEnabled(caption != "all mistakes")
        self.clear_detail("No such mistakes." if not len(order) else "Pick an image on the left.")
        self.errors.setUpdatesEnabled(False)
        for index in shown:
            index = int(index)
            item = QListWidgetItem(QIcon(digit_pixmap(self._images[index], THUMBNAIL_SIDE)), "")
            true, predicted = int(self._labels[index]), int(report.predictions[index])
            item.setText(f"{true}→{predicted}")
            item.setToolTip(f"test image #{index}: true {true}, predicted {predicted}")
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
        wrong = report.misclassified
        pick = wrong[(self._labels[wrong] == true) & (report.predictions[wrong] == predicted)]
        self._fill_errors(pick, f"true {true} predicted as {predicted}")

    def show_all_mistakes(self) -> None:
        """List every misclassified image again, most confident first, and show the first."""
        if self.report is None:
            return
        self.matrix.clearSelection()
        self._fill_errors(self.report.misclassified)
        if self.errors.count():
            self.errors.setCurrentRow(0)

    def clear_detail(self, text: str = "Pick an image on the left.") -> None:
        """Empty the selected-image panel."""
        self.detail_image.clear()
        self.detail_text.setText(text)
        self.detail_plot.clear_probabilities()

    def _show_detail(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or self.report is None or self._images is None:
            self.clear_detail()
            return
        index = int(item.data(Qt.UserRole))
        self.show_index(index)

    def show_index(self, index: int) -> None:
        """Show one evaluated test image with its probabilities in the detail pane."""
        report = self.report
        probabilities = report.probabilities[index]
        predicted = int(report.predictions[index])
        true = int(self._labels[index])
        confidence = float(probabilities[predicted])
        self.detail_image.setPixmap(digit_pixmap(self._images[index], 112))
        self.detail_text.setText(f"Test image #{index}\ntrue label {true}, predicted {predicted} ({confidence:.0%})")
        self.detail_plot.set_probabilities(probabilities, predicted, unsure=confidence < 0.6)
