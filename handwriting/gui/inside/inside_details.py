"""The side panel of the "Look inside" view: what decided the answer, the chosen filter, one sum worked out."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from handwriting.gui.inside.inside_maps import (
    DIVERGING,
    GREYS,
    ImagePane,
    blend_evidence,
    colour,
    grid_shape,
    no_wheel,
    tile,
)
from handwriting.gui.inside.inside_words import finish_name, output_label
from handwriting.inside.look_inside import ConvStep
from handwriting.inside.occlusion import Evidence

PANEL_WIDTH = 380
translate = QCoreApplication.translate


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

        self.decided_heading = _label()
        layout.addWidget(self.decided_heading)
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

        self.filter_title = _label("", "insideFilterTitle")
        layout.addWidget(self.filter_title)
        self.filter = ImagePane("", 84)
        no_wheel(self.filter)
        layout.addWidget(self.filter)
        self.filter_caption = _label(small=True, name="insideFilterCaption")
        layout.addWidget(self.filter_caption)

        self.step_heading = _label()
        layout.addWidget(self.step_heading)
        step = QGridLayout()
        self.patch, self.kernel, self.product = ImagePane("", 64), ImagePane("", 64), ImagePane("", 64)
        self.step_names = [_label(small=True) for _ in range(3)]
        for column, (pane, name) in enumerate(
            zip((self.patch, self.kernel, self.product), self.step_names, strict=True)
        ):
            no_wheel(pane)
            step.addWidget(name, 0, column)
            step.addWidget(pane, 1, column)
        layout.addLayout(step)
        self.step_text = _label(name="insideStepText")
        self.step_text.setTextFormat(Qt.RichText)
        layout.addWidget(self.step_text)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (the others follow with the next picture)."""
        headings = (translate("Inside", "What decided it"), translate("Inside", "Filter"),
                    translate("Inside", "One number of a first-layer map, worked out"))
        for label, heading in zip((self.decided_heading, self.filter_title, self.step_heading), headings, strict=True):
            label.setText(f"<b>{heading}</b>")
        self.filter.setToolTip(
            translate("Inside", "The filter's weights: red raises the map's value where there is ink, blue lowers it")
        )
        names = (translate("Inside", "input patch"), translate("Inside", "× filter"), translate("Inside", "= products"))
        for label, name in zip(self.step_names, names, strict=True):
            label.setText(name)

    def show_evidence(self, image: np.ndarray, evidence: Evidence | None) -> None:
        """The two heat maps over the drawing, or blank ones (None) when nothing is drawn."""
        if evidence is None:
            blank = np.zeros((28, 28), np.float32)
            self.decided.show_rgb(blend_evidence(image, blank))
            self.versus.show_rgb(blend_evidence(image, blank))
            self.decided_title.setText("")
            self.versus_title.setText("")
            self.heat_caption.setText(
                translate("Inside", "Draw a digit: its parts that decided the answer light up here.")
            )
            return
        best, second = output_label(evidence.predicted), output_label(evidence.runner_up)
        self.decided.show_rgb(blend_evidence(image, evidence.decided))
        self.versus.show_rgb(blend_evidence(image, evidence.versus))
        self.decided_title.setText(translate("Inside", "for “{best}”").format(best=best))
        self.versus_title.setText(translate("Inside", "why “{best}”, not “{second}”").format(best=best, second=second))
        self.heat_caption.setText(
            translate(
                "Inside", "Each part was covered up in turn. Left: red parts spoke for “{best}” (covering them makes "
                "the network less sure), blue against. Right: red parts make it “{best}” rather than “{second}”, "
                "blue parts look more like “{second}”."
            ).format(best=best, second=second)
        )

    def show_filter(self, number: int, index: int, kernel: np.ndarray, bias: float) -> None:
        """Filter `index` of convolution `number` (1-based): kernel (C, k, k), one k x k pattern per input map."""
        inputs, size = kernel.shape[0], kernel.shape[-1]
        title = translate("Inside", "Filter of convolution {number}, map {map}").format(number=number, map=index + 1)
        bias_text = translate("Inside", "(bias {bias:+.2f})").format(bias=bias)
        self.filter_title.setText(f"<b>{title}</b> {bias_text}")
        if inputs == 1:
            self.filter.show_rgb(_signed(kernel[0]))
            what = translate("Inside", "The {size}×{size} weights this map slides over the image.").format(size=size)
        else:
            _, columns = grid_shape(inputs, size, size, 4.4)
            self.filter.show_rgb(_signed(tile(kernel, columns, np.nan)))
            what = translate(
                "Inside", "One {size}×{size} pattern for each of the {inputs} maps it reads, in their order; "
                "the map adds up all {inputs} matches."
            ).format(size=size, inputs=inputs)
        colours = translate(
            "Inside", "Red: ink there raises the value, blue lowers it. Batch normalisation, if any, is folded in."
        )
        self.filter_caption.setText(f"{what} {colours}")

    def show_step(self, step: ConvStep) -> None:
        """The patch, filter and products, and the sum written out."""
        scale = float(np.abs(step.product).max()) or 1.0
        self.patch.show_rgb(colour(step.patch, GREYS, 0.0, 1.0))
        self.kernel.show_rgb(_signed(step.filter))
        self.product.show_rgb(_signed(step.product, scale))
        if step.finish_name:
            finish = translate("Inside", "after {activation}").format(activation=finish_name(step.finish_name))
        else:
            finish = translate("Inside", "no activation")
        where = translate(
            "Inside", "Map {map}, row {row}, column {column} (green square) from the patch in the orange square:"
        ).format(map=step.channel + 1, row=step.row + 1, column=step.col + 1)
        products = translate("Inside", "sum of the {count} products").format(count=step.product.size)
        bias = translate("Inside", "+ bias {bias:+.3f}").format(bias=step.bias)
        value = translate("Inside", "(the value in the map)")
        self.step_text.setText(
            f"{where}<br>{products} = <b>{step.dot:+.3f}</b><br>{bias} = <b>{step.before:+.3f}</b><br>"
            f"{finish}: <b>{step.value:.3f}</b> {value}"
        )
