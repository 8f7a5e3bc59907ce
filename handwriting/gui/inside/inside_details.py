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
MARGINS = (4, 6, 4, 4)  # left, top, right, bottom
COLUMN_GAP = 8  # between the two heat maps' titles
DECIMALS = 3  # of every number worked out, the bias in the filter's title included
translate = QCoreApplication.translate


def number_text(value: float, signed: bool = True) -> str:
    """A worked-out number with DECIMALS decimals, "+0.095"; one that rounds to zero reads "0.000", never "-0.000"."""
    text = f"{value:+.{DECIMALS}f}" if signed else f"{value:.{DECIMALS}f}"
    return f"{0.0:.{DECIMALS}f}" if float(text) == 0 else text


def text_height(label: QLabel, texts: list[str], width: int) -> int:
    """The height `label` needs, at `width`, for the tallest of `texts` (in its font and text format)."""
    probe = QLabel()
    probe.setFont(label.font())
    probe.setTextFormat(label.textFormat())
    probe.setWordWrap(label.wordWrap())
    probe.setStyleSheet(label.styleSheet())
    heights = []
    for text in texts:
        probe.setText(text)
        heights.append(probe.heightForWidth(width))
    return max(heights, default=0)


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
        self._convolutions: list[tuple[int, int, int]] = [(5, 1, 32)]  # (size, inputs, filters) of each convolution
        self._outputs = 11
        self._finish = "ReLU"  # the first convolution's activation, named in the worked-out sum
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.setSpacing(4)  # the panel fits a 720-pixel-high window with room kept for its longest texts

        self.decided_heading = _label()
        layout.addWidget(self.decided_heading)
        heat = QGridLayout()
        heat.setHorizontalSpacing(COLUMN_GAP)
        self.decided, self.versus = ImagePane("", 112), ImagePane("", 112)
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
        for pane in (self.patch, self.kernel, self.product):
            pane.outline_cells(5, 5)  # the input patch's white ink cells would vanish on white
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
        self.reserve_space()

    def prepare(self, convolutions: list[tuple[int, int, int]], outputs: int, finish: str = "ReLU") -> None:
        """The network shown: (size, inputs, filters) of each convolution, its output count, its first activation.

        Room is kept for the longest text each section can show for it, so the panel never changes size.
        """
        self._convolutions, self._outputs, self._finish = list(convolutions) or [(5, 1, 32)], outputs, finish
        self.reserve_space()

    def reserve_space(self) -> None:
        """Give each changing text the height of its longest case, in the current language and for the network."""
        full = PANEL_WIDTH - MARGINS[0] - MARGINS[2]
        half = (full - COLUMN_GAP) // 2
        answers = [output_label(index) for index in range(self._outputs)]
        longest = max(answers, key=len)
        self.decided_title.setMinimumHeight(text_height(self.decided_title, [self._decided_text(longest)], half))
        self.versus_title.setMinimumHeight(text_height(self.versus_title, [self._versus_text(longest, longest)], half))
        heat = [self._heat_text(None, None), self._heat_text(longest, "8"), self._heat_text("8", longest)]
        self.heat_caption.setMinimumHeight(text_height(self.heat_caption, heat, full))
        titles = [self._filter_title(number + 1, filters - 1, -9.999)
                  for number, (_, _, filters) in enumerate(self._convolutions)]
        self.filter_title.setMinimumHeight(text_height(self.filter_title, titles, full))
        captions = [self._filter_caption(size, inputs) for size, inputs, _ in self._convolutions]
        self.filter_caption.setMinimumHeight(text_height(self.filter_caption, captions, full))
        if self._finish:
            finish = translate("Inside", "after {activation}").format(activation=finish_name(self._finish))
        else:
            finish = translate("Inside", "no activation")
        filters = self._convolutions[0][2]
        step = self._step_text(filters - 1, 27, 27, -9.999, -9.999, -9.999, -9.999, finish=finish)
        self.step_text.setMinimumHeight(text_height(self.step_text, [step], full))

    @staticmethod
    def _decided_text(best: str) -> str:
        return translate("Inside", "for “{best}”").format(best=best)

    @staticmethod
    def _versus_text(best: str, second: str) -> str:
        return translate("Inside", "why “{best}”, not “{second}”").format(best=best, second=second)

    @staticmethod
    def _heat_text(best: str | None, second: str | None) -> str:
        if best is None:
            return translate("Inside", "Draw a digit: its parts that decided the answer light up here.")
        return translate(
            "Inside", "Each part was covered up in turn. Left: red parts spoke for “{best}” (covering them makes "
            "the network less sure), blue against. Right: red parts make it “{best}” rather than “{second}”, "
            "blue parts look more like “{second}”."
        ).format(best=best, second=second)

    @staticmethod
    def _filter_title(number: int, index: int, bias: float) -> str:
        title = translate("Inside", "Filter of convolution {number}, map {map}").format(number=number, map=index + 1)
        bias_text = translate("Inside", "(bias {bias})").format(bias=number_text(bias))
        return f"<b>{title}</b> {bias_text}"

    @staticmethod
    def _filter_caption(size: int, inputs: int) -> str:
        if inputs == 1:
            what = translate("Inside", "The {size}×{size} weights this map slides over the image.").format(size=size)
        else:
            what = translate(
                "Inside", "One {size}×{size} pattern for each of the {inputs} maps it reads, in their order; "
                "the map adds up all {inputs} matches."
            ).format(size=size, inputs=inputs)
        colours = translate(
            "Inside", "Red: ink there raises the value, blue lowers it. Batch normalisation, if any, is folded in."
        )
        return f"{what} {colours}"

    @staticmethod
    def _step_text(channel: int, row: int, column: int, dot: float, bias: float, before: float, value: float,
                   count: int = 25, finish: str = "") -> str:
        where = translate(
            "Inside", "Map {map}, row {row}, column {column} (green square) from the patch in the orange square:"
        ).format(map=channel + 1, row=row + 1, column=column + 1)
        products = translate("Inside", "sum of the {count} products").format(count=count)
        bias_text = translate("Inside", "+ bias {bias}").format(bias=number_text(bias))
        shown = translate("Inside", "(the value in the map)")
        finish = finish or translate("Inside", "after {activation}").format(activation=finish_name("ReLU"))
        return (
            f"{where}<br>{products} = <b>{number_text(dot)}</b><br>{bias_text} = <b>{number_text(before)}</b><br>"
            + translate("Inside", "{finish}: {value} {shown}").format(
                finish=finish, value=f"<b>{number_text(value, signed=False)}</b>", shown=shown)
        )

    def show_evidence(self, image: np.ndarray, evidence: Evidence | None) -> None:
        """The two heat maps over the drawing, or blank ones (None) when nothing is drawn."""
        if evidence is None:
            blank = np.zeros((28, 28), np.float32)
            self.decided.show_rgb(blend_evidence(image, blank))
            self.versus.show_rgb(blend_evidence(image, blank))
            self.decided_title.setText("")
            self.versus_title.setText("")
            self.heat_caption.setText(self._heat_text(None, None))
            return
        best, second = output_label(evidence.predicted), output_label(evidence.runner_up)
        self.decided.show_rgb(blend_evidence(image, evidence.decided))
        self.versus.show_rgb(blend_evidence(image, evidence.versus))
        self.decided_title.setText(self._decided_text(best))
        self.versus_title.setText(self._versus_text(best, second))
        self.heat_caption.setText(self._heat_text(best, second))

    def show_filter(self, number: int, index: int, kernel: np.ndarray, bias: float) -> None:
        """Filter `index` of convolution `number` (1-based): kernel (C, k, k), one k x k pattern per input map."""
        inputs, size = kernel.shape[0], kernel.shape[-1]
        self.filter_title.setText(self._filter_title(number, index, bias))
        if inputs == 1:
            self.filter.show_rgb(_signed(kernel[0]))
        else:
            _, columns = grid_shape(inputs, size, size, 4.4)
            self.filter.show_rgb(_signed(tile(kernel, columns, np.nan)))
        self.filter_caption.setText(self._filter_caption(size, inputs))

    def show_step(self, step: ConvStep) -> None:
        """The patch, filter and products, and the sum written out.

        The filter and the products share one colour scale, the filter's largest weight: the largest product
        a patch (0 to 1) can make with it. Products near zero stay near white, whatever the patch.
        """
        scale = float(np.abs(step.filter).max()) or 1.0
        self.patch.show_rgb(colour(step.patch, GREYS, 0.0, 1.0))
        self.kernel.show_rgb(_signed(step.filter, scale))
        self.product.show_rgb(_signed(step.product, scale))
        if step.finish_name:
            finish = translate("Inside", "after {activation}").format(activation=finish_name(step.finish_name))
        else:
            finish = translate("Inside", "no activation")
        self.step_text.setText(self._step_text(step.channel, step.row, step.col, step.dot, step.bias, step.before,
                                               step.value, step.product.size, finish))
