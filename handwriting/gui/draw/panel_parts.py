"""Small widgets of the Draw tab: one-line labels stacked without a layout, and buttons that are actions."""

from __future__ import annotations

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QAction, QLabel, QSizePolicy, QToolButton, QWidget


class LabelRows(QWidget):
    """One-line labels stacked by hand, without a layout, in a box of fixed height.

    A label whose text changes asks its parent's layout to re-lay out, and every layout up to the
    window follows (Qt's QLayout::activate always propagates), measuring all tabs on the way: about
    0.8 ms per changed label, on each pen-up. Here the request stops at this box, which keeps its size.
    """

    SPACING = 2

    def __init__(self, labels: list[QLabel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        for label in labels:
            label.setParent(self)
        self.refit()
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # never widens the window

    def refit(self) -> None:
        """Take the height of the labels' lines again (another font: Japanese glyphs are taller)."""
        self.setFixedHeight(sum(self._line(label) for label in self._labels) + self.SPACING * (len(self._labels) - 1))
        self.resizeEvent(None)

    @staticmethod
    def _line(label: QLabel) -> int:
        return max(label.sizeHint().height(), label.fontMetrics().height())

    def resizeEvent(self, event) -> None:
        """Give each label the full width and its own line height."""
        top = 0
        for label in self._labels:
            height = self._line(label)
            label.setGeometry(0, top, self.width(), height)
            top += height + self.SPACING


def action_button(action: QAction, name: str, tip: str | None = None) -> QToolButton:
    """A push-button-like QToolButton that is `action` (its text, enabled state and trigger)."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setObjectName(name)
    button.setToolButtonStyle(Qt.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    if tip:
        button.setToolTip(tip)
    return button
