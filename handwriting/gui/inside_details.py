"""The side panel of the "Look inside" view: what decided the answer, the chosen filter, one sum worked out."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from handwriting.gui.inside_maps import DIVERGING, GREYS, ImagePane, blend_evidence, colour, grid_shape, no_wheel, tile
from handwriting.inside import ConvStep, output_label
from handwriting.occlusion import Evidence

PANEL_WIDTH = 380


def _label(text: str = "", name: str = "", small: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
    if small:
        label.setStyleSheet("color:#555")
    if name:
        label.setObjectName(name)
    return label


def _signed(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """Values as RGB on the blue-white-red scale, 0 white, symmetric around it."""
    scale = scale or float(np.nanmax(np.abs(values))) or 1.0
    return colour(values, DIVERGING, -scale, scale)


class DetailsPanel(QWidget):
    """Three sections: the heat maps, the filter of the map last clicked, and the first layer's sum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(PANEL_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)

        layout.addWidget(_label("<b>What decided it</b>"))
        heat = QGridLayout()
        self.decided, self.versus = ImagePane("", 120), ImagePane("", 120)
        self.decided_title, self.versus_title = _label(name="insideDecidedTitle"), _label(name="insideVersusTitle")
        for column, (pane, title) in enumerate(((self.decided, self.decided_title), (self.versus, self.versus_title))):
            no_wheel(pane)
            heat.addWidget(title, 0, column)
            heat.addWidget(pane, 1, column)
        layout.addLayout(heat)
        self.heat_caption = _label(small=True, name="insideHeatCaption")
        layout.addWidget(self.heat_caption)

        self.filter_title = _label("<b>Filter</b>", "insideFilterTitle")
        layout.addWidget(self.filter_title)
        self.filter = ImagePane(
            "The filter's weights: red raises the map's value where there is ink, blue lowers it", 84
        )
        no_wheel(self.filter)
        layout.addWidget(self.filter)
        self.filter_caption = _label(small=True, name="insideFilterCaption")
        layout.addWidget(self.filter_caption)

        layout.addWidget(_label("<b>One number of a first-layer map, worked out</b>"))
        step = QGridLayout()
        self.patch, self.kernel, self.product = ImagePane("", 64), ImagePane("", 64), ImagePane("", 64)
        names = ("input patch", "× filter", "= products")
        for column, (pane, name) in enumerate(zip((self.patch, self.kernel, self.product), names, strict=True)):
            no_wheel(pane)
            step.addWidget(_label(name, small=True), 0, column)
            step.addWidget(pane, 1, column)
        layout.addLayout(step)
        self.step_text = _label(name="insideStepText")
        self.step_text.setTextFormat(Qt.RichText)
        layout.addWidget(self.step_text)
        layout.addStretch(1)

    def show_evidence(self, image: np.ndarray, evidence: Evidence | None) -> None:
        """The two heat maps over the drawing, or blank ones (None) when nothing is drawn."""
        if evidence is None:
            blank = np.zeros((28, 28), np.float32)
            self.decided.show_rgb(blend_evidence(image, blank))
            self.versus.show_rgb(blend_evidence(image, blank))
            self.decided_title.setText("")
            self.versus_title.setText("")
            self.heat_caption.setText("Draw a digit: its parts that decided the answer light up here.")
            return
        best, second = output_label(evidence.predicted), output_label(evidence.runner_up)
        self.decided.show_rgb(blend_evidence(image, evidence.decided))
        self.versus.show_rgb(blend_evidence(image, evidence.versus))
        self.decided_title.setText(f"for “{best}”")
        self.versus_title.setText(f"why “{best}”, not “{second}”")
        self.heat_caption.setText(
            f"Each part was covered up in turn. Left: red parts spoke for “{best}” (covering them makes the "
            f"network less sure), blue against. Right: red parts make it “{best}” rather than “{second}”, "
            f"blue parts look more like “{second}”."
        )

    def show_filter(self, number: int, index: int, kernel: np.ndarray, bias: float) -> None:
        """Filter `index` of convolution `number` (1-based): kernel (C, k, k), one k x k pattern per input map."""
        inputs, size = kernel.shape[0], kernel.shape[-1]
        self.filter_title.setText(f"<b>Filter of convolution {number}, map {index + 1}</b> (bias {bias:+.2f})")
        if inputs == 1:
            self.filter.show_rgb(_signed(kernel[0]))
            what = f"The {size}×{size} weights this map slides over the image"
        else:
            _, columns = grid_shape(inputs, size, size, 4.4)
            self.filter.show_rgb(_signed(tile(kernel, columns, np.nan)))
            what = (f"One {size}×{size} pattern for each of the {inputs} maps it reads, in their order; "
                    f"the map adds up all {inputs} matches")  # fmt: skip
        self.filter_caption.setText(
            f"{what}. Red: ink there raises the value, blue lowers it. Batch normalisation, if any, is folded in."
        )

    def show_step(self, step: ConvStep) -> None:
        """The patch, filter and products, and the sum written out."""
        scale = float(np.abs(step.product).max()) or 1.0
        self.patch.show_rgb(colour(step.patch, GREYS, 0.0, 1.0))
        self.kernel.show_rgb(_signed(step.filter))
        self.product.show_rgb(_signed(step.product, scale))
        finish = f"after {step.finish_name}" if step.finish_name else "no activation"
        self.step_text.setText(
            f"Map {step.channel + 1}, row {step.row + 1}, column {step.col + 1} (green square) from the patch "
            f"in the orange square:<br>"
            f"sum of the 25 products = <b>{step.dot:+.3f}</b><br>"
            f"+ bias {step.bias:+.3f} = <b>{step.before:+.3f}</b><br>"
            f"{finish}: <b>{step.value:.3f}</b> (the value in the map)"
        )
