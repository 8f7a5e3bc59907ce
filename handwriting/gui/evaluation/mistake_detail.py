"""The Evaluation tab's pane of the selected test image: the image, what the model said of it, its probabilities."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from handwriting.gui.common.plots import ProbabilityPlot
from handwriting.gui.common.qimages import digit_pixmap
from handwriting.gui.evaluation.confusion_table import answer_text
from handwriting.gui.wording import percent
from handwriting.labels import NOT_A_DIGIT
from handwriting.recognition.recognizer import LOW_CONFIDENCE

IMAGE_SIDE = 112
translate = QCoreApplication.translate


def pick_text() -> str:
    """The detail pane's line when no image is selected."""
    return translate("Evaluation", "Pick an image on the left.")


class MistakeDetail(QGroupBox):
    """One evaluated test image, enlarged, with its true label, the model's answer and its probabilities."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        detail = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setObjectName("misclassifiedImage")
        self.image.setFixedSize(IMAGE_SIDE, IMAGE_SIDE)
        self.image.setStyleSheet("background: black;")
        detail.addWidget(self.image, 0, Qt.AlignHCenter)
        self.text = QLabel(pick_text())
        self.text.setObjectName("misclassifiedText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignHCenter)
        detail.addWidget(self.text)
        self.plot = ProbabilityPlot(self, object_name="misclassifiedProbabilities", compact=True)
        self.plot.setMinimumSize(190, 160)
        detail.addWidget(self.plot, 1)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)

    def retranslate(self) -> None:
        """The title and the plot in the current language."""
        self.setTitle(translate("Evaluation", "Selected image"))
        self.plot.retranslate()

    def clear(self, text: str | None = None) -> None:
        """No image: `text` (default: pick one) instead."""
        self.image.clear()
        self.text.setText(text or pick_text())
        self.plot.clear_probabilities()

    def show_image(self, report, image: np.ndarray, label: int, index: int) -> None:
        """Show test image `index` (`image`, true `label`) as `report` (an EvaluationReport) evaluated it."""
        probabilities = report.mistake_outputs([index])[0]
        predicted = int(report.predictions[index])
        confidence = float(probabilities[predicted])
        self.image.setPixmap(digit_pixmap(image, IMAGE_SIDE))
        text = translate("Evaluation", "Test image #{index}\ntrue label {true}, {said} ({confidence})")
        said = answer_text(predicted)
        self.text.setText(text.format(index=index, true=label, said=said, confidence=percent(confidence)))
        is_digit = predicted != NOT_A_DIGIT
        self.plot.set_outputs(len(probabilities))
        not_digit = float(probabilities[NOT_A_DIGIT]) if len(probabilities) > NOT_A_DIGIT else 0.0
        unsure = is_digit and confidence < LOW_CONFIDENCE
        self.plot.set_probabilities(probabilities[:10], predicted, unsure=unsure, not_digit=not_digit)
