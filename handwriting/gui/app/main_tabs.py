"""The window's four tabs (Draw, Training curves, Evaluation, Look inside), their titles and tooltips."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

translate = QCoreApplication.translate
DRAW_TAB, CURVES_TAB, EVALUATION_TAB, INSIDE_TAB = 0, 1, 2, 3


class MainTabs(QTabWidget):
    """The tabs, in the order of the constants above; `retranslate` words their titles and tooltips.

    Each page sits in a scroll area: in a window smaller than a page needs, the page scrolls instead
    of its parts being squeezed over each other.
    """

    def __init__(self, pages: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabs")
        for page in pages:
            scroller = QScrollArea(self)
            scroller.setFrameShape(QFrame.NoFrame)
            scroller.setWidgetResizable(True)
            scroller.setWidget(page)
            self.addTab(scroller, "")
        self.retranslate()

    def page(self, index: int) -> QWidget:
        """The page shown by tab `index` (not its scroll area)."""
        return self.widget(index).widget()

    def current_page(self) -> QWidget:
        """The page of the current tab."""
        return self.page(self.currentIndex())

    def show_page(self, page: QWidget) -> None:
        """Bring `page`'s tab to the front."""
        for index in range(self.count()):
            if self.page(index) is page:
                self.setCurrentIndex(index)

    def retranslate(self) -> None:
        """Titles and tooltips in the current language."""
        tabs = (
            (translate("MainWindow", "&Draw"),
             translate("MainWindow", "Draw a digit and see what the network recognises (Ctrl+1)")),
            (translate("MainWindow", "Training &curves"),
             translate("MainWindow", "Loss and accuracy per epoch of the model or the run")),
            (translate("MainWindow", "&Evaluation"),
             translate("MainWindow", "Test accuracy, confusion matrix and mistakes")),
            (translate("MainWindow", "&Look inside"),
             translate("MainWindow", "Every layer of the network on the drawing (Ctrl+4)")),
        )
        for index, (title, tip) in enumerate(tabs[: self.count()]):
            self.setTabText(index, title)
            self.setTabToolTip(index, tip)
