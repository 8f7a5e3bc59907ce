"""The confusion matrix of the Evaluation tab: counts of (true digit, answer), coloured by share."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtGui import QBrush, QColor
from PyQt5.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from handwriting.gui.common.plots import NOT_A_DIGIT_TICK
from handwriting.labels import NOT_A_DIGIT

translate = QCoreApplication.translate


def not_a_digit_header() -> str:
    """The column header and caption mark for "not a digit": the chart's ✕, which fits in every language (a word
    was cut off in Japanese); the tooltips say it in words."""
    return NOT_A_DIGIT_TICK


def matrix_caption(columns: int) -> str:
    """The line above a matrix of `columns` answers: what its rows and columns are, and its ✕ when it has one."""
    if columns > NOT_A_DIGIT:
        return translate("Evaluation", "Rows: true digit. Columns: predicted digit; ✕: not a digit.")
    return translate("Evaluation", "Rows: true digit. Columns: predicted digit.")


def answer_text(predicted: int) -> str:
    """ "predicted 7", or "called not a digit" for the 11th output."""
    if predicted == NOT_A_DIGIT:
        return translate("Evaluation", "called not a digit")
    return translate("Evaluation", "predicted {predicted}").format(predicted=predicted)


class ConfusionTable(QTableWidget):
    """Rows: the true digit; columns: the answer (the ten digits, and "not a digit" when the model has it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(10, 10, parent)
        self.setObjectName("confusionMatrix")
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setHorizontalHeaderLabels([str(d) for d in range(10)])
        self.setVerticalHeaderLabels([str(d) for d in range(10)])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Stretch)
        digits_width = self.fontMetrics().horizontalAdvance("0000") + 8  # a cell holds "1131"
        self.horizontalHeader().setMinimumSectionSize(digits_width)
        # eleven columns and the row header (one digit): the tab fits a window 1000 px wide with the mistakes
        self.setMinimumSize(11 * digits_width + self.fontMetrics().horizontalAdvance("0") + 24, 300)

    def fill(self, confusion: np.ndarray) -> None:
        """Show (10, 10) or (10, 11) counts, coloured by their share of the row."""
        columns = confusion.shape[1]  # 11 when the model can answer "not a digit"
        self.setColumnCount(columns)
        self.setHorizontalHeaderLabels([str(d) for d in range(10)] + [not_a_digit_header()] * (columns - 10))
        if columns > 10:
            tip = translate("Evaluation", "test digits the model called 'not a digit'")
            self.horizontalHeaderItem(NOT_A_DIGIT).setToolTip(tip)
        rows = np.maximum(confusion.sum(axis=1, keepdims=True), 1)
        for true in range(10):
            for predicted in range(columns):
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
                said = answer_text(predicted)
                tip = translate("Evaluation", "true {true}, {said}: {count} images ({share:.1%} of the {true}s)")
                item.setToolTip(tip.format(true=true, said=said, count=count, share=share))
                self.setItem(true, predicted, item)
