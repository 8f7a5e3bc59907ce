"""Looking inside the network: every layer's output for one drawing, its filters, one step worked out, and why.

Everything here comes from the numpy forward pass (handwriting.recognition.network); no TensorFlow, no Qt. A
`LookInside` is built once per network and then asked about one 28x28 image at a time:

- `rows`: the layers grouped the way a learner reads them (the input, each convolution's maps after
  their activation, the pooled maps, the dense layers, the outputs), each with a title and a caption;
- `look(image)`: the values of every row for that image, plus the "what decided it" heat maps;
- `filters(row)`: the 5x5 weight patterns a convolution slides over its input;
- `first_layer_step(image, row, col, channel)`: one number of the first feature maps worked out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from handwriting.inside.folding import ELEMENTWISE, Convolution, block_end, fold
from handwriting.inside.occlusion import Evidence, Occlusion
from handwriting.inside.slices import SlicedForward
from handwriting.labels import NOT_A_DIGIT
from handwriting.recognition.network import NumpyNetwork

INPUT, MAPS, POOLED, STRIP, OUTPUTS = "input", "maps", "pooled", "strip", "outputs"


def output_label(index: int) -> str:
    """What output `index` stands for: its digit, or "not a digit" for the 11th output."""
    return "not a digit" if index == NOT_A_DIGIT else str(index)


@dataclass(frozen=True)
class Row:
    """One row of the picture: a group of layers shown together, with words for a learner.

    `kind` is INPUT, MAPS, POOLED, STRIP or OUTPUTS. `layer` is the index in `network.layers` of the
    layer whose output the row shows (-1 for the input). `convolution` is, for MAPS and POOLED rows,
    the index in `LookInside.convolutions` of the convolution that made these maps.
    """

    key: str
    kind: str
    title: str
    caption: str
    layer: int
    convolution: int | None = None


@dataclass(frozen=True)
class ConvStep:
    """How one number of a first-layer feature map is made, as a learner would work it out.

    The 5x5 `patch` of the input under the filter (its top-left corner at input pixel `top`, `left`;
    pixels outside the image count as 0) is multiplied pixel by pixel with the 5x5 `filter`
    (`product`); the 25 products add up to `dot`; adding `bias` gives `before`; the activation
    (`finish_name`, usually ReLU: negatives become 0) gives `value`, the number in the feature map.
    """

    row: int
    col: int
    channel: int
    top: int
    left: int
    patch: np.ndarray
    filter: np.ndarray
    product: np.ndarray
    dot: float
    bias: float
    before: float
    value: float
    finish_name: str


@dataclass(frozen=True)
class Snapshot:
    """Everything shown for one image: each row's values (in `LookInside.rows` order), the outputs and
    the evidence. Map rows are (channels, height, width), strips (units,), outputs (classes,)."""

    values: list[np.ndarray]
    probabilities: np.ndarray
    evidence: Evidence


class LookInside:
    """Looks inside one NumpyNetwork; see the module docstring. Build once per network, then ask per image."""

    def __init__(self, network: NumpyNetwork) -> None:
        self.network = network
        self.convolutions: list[Convolution] = []
        self.rows = self._group_rows()
        self.starts_with_convolution = bool(self.convolutions) and self.convolutions[0].layer == 0
        self.forward = SlicedForward(network)
        self.occlusion = Occlusion(self.forward, self.convolutions[0] if self.starts_with_convolution else None)

    # -- structure ---------------------------------------------------------------------------------

    def _group_rows(self) -> list[Row]:
        layers = self.network.layers
        rows = [Row("input", INPUT, "What the network sees", INPUT_CAPTION, -1)]
        pools = denses = 0
        index = 0
        while index < len(layers):
            layer, end = layers[index], block_end(self.network, index)
            if layer.kind == "Conv2D":
                self.convolutions.append(fold(self.network, index, end))
                number, channels = len(self.convolutions), layer.params["kernel"].shape[-1]
                size = layer.params["kernel"].shape[0]
                inputs = layer.params["kernel"].shape[2]
                caption = conv_caption(number, channels, size, inputs, self.convolutions[-1].finish_name)
                rows.append(Row(layer.name, MAPS, f"Convolution {number}: {channels} feature maps", caption,
                                end, len(self.convolutions) - 1))
            elif layer.kind == "MaxPooling2D" and self.convolutions:
                pools += 1
                caption = pool_caption(layer.params["size"])
                rows.append(Row(layer.name, POOLED, f"Pooling {pools}", caption, end, len(self.convolutions) - 1))
            elif layer.kind == "Dense" and end == len(layers) - 1:
                count = layer.params["kernel"].shape[1]
                rows.append(Row(layer.name, OUTPUTS, "The answer", output_caption(count), end))
            elif layer.kind == "Dense":
                denses += 1
                inputs, units = layer.params["kernel"].shape
                rows.append(Row(layer.name, STRIP, f"Dense layer {denses}: {units} units",
                                dense_caption(units, inputs), end))
            elif layer.kind in ELEMENTWISE and len(rows) > 1:
                rows[-1] = replace(rows[-1], layer=end)  # an activation of its own: part of the row before
            index = end + 1
        return rows

    def filters(self, row: Row) -> tuple[np.ndarray, np.ndarray]:
        """The filters (F, C, k, k) and biases (F,) of the convolution behind a MAPS or POOLED row.

        Filter f has one k x k pattern per input map (C of them): the feature map f adds up how well
        each input map matches its pattern. Batch normalisation, if any, is folded in.
        """
        if row.convolution is None:
            raise ValueError(f"{row.title} has no filters")
        conv = self.convolutions[row.convolution]
        return conv.kernels, conv.biases

    def shapes(self) -> list[tuple[int, ...]]:
        """The shape of each row's values (as `look` gives them), found with one cheap pass of a blank image."""
        outputs = [out.shape for _, out in self.network.outputs(np.zeros((28, 28, 1), np.float32))]
        shapes: list[tuple[int, ...]] = []
        for row in self.rows:
            shape = (28, 28) if row.kind == INPUT else outputs[row.layer]
            shapes.append((shape[-1], *shape[:-1]) if row.kind in (MAPS, POOLED) else shape)
        return shapes

    # -- one image ---------------------------------------------------------------------------------

    def look(self, image: np.ndarray) -> Snapshot:
        """Every row's values and the evidence for one (28, 28) float image in [0, 1], ink bright."""
        image = np.asarray(image, np.float32).reshape(28, 28)
        outputs = self.forward.outputs(image[:, :, None])
        values = []
        for row in self.rows:
            out = image if row.kind == INPUT else outputs[row.layer]
            values.append(np.moveaxis(out, -1, 0) if row.kind in (MAPS, POOLED) else out)
        probabilities = outputs[-1]
        return Snapshot(values, probabilities, self.occlusion.evidence(image, probabilities))

    def first_layer_step(self, image: np.ndarray, row: int, col: int, channel: int) -> ConvStep:
        """How the first convolution computes its feature map `channel` at (`row`, `col`); see ConvStep.

        Raises ValueError when the network does not start with a convolution.
        """
        if not self.starts_with_convolution:
            raise ValueError("this network does not start with a convolution")
        conv = self.convolutions[0]
        size = conv.kernels.shape[-1]
        before_pad = (size - 1) // 2 if conv.padding == "same" else 0
        top, left = row - before_pad, col - before_pad
        padded = np.pad(np.asarray(image, np.float64).reshape(28, 28), size)
        patch = padded[top + size : top + 2 * size, left + size : left + 2 * size]
        kernel = conv.kernels[channel, 0]
        product = patch * kernel
        dot, bias = float(product.sum()), float(conv.biases[channel])
        value = np.array(dot + bias)
        for step in conv.finish:
            value = step(value, channel)
        return ConvStep(row, col, channel, top, left, patch, kernel, product, dot, bias, dot + bias, float(value),
                        conv.finish_name)


# --- Words for a learner --------------------------------------------------------------------------

INPUT_CAPTION = (
    "The picture shown (your drawing, a file, a test image, or in number mode the digit selected), 28×28 pixels and "
    "centred like the digits the network learned from. Each pixel is a number: 0 black, 1 white ink."
)


def pool_caption(size: int) -> str:
    """What a pooling row shows, in words."""
    smaller = "halved" if size == 2 else f"{size} times smaller"
    return f"Each map above, {smaller}: every {size}×{size} block keeps only its largest value."


def conv_caption(number: int, channels: int, size: int, inputs: int, finish: str) -> str:
    """What a convolution row shows, in words."""
    finish_words = f" {finish} turns negatives into 0." if finish == "ReLU" else ""
    if inputs == 1:
        return (f"Each map slides its own {size}×{size} filter over the image: bright where a spot matches it."
                f"{finish_words} Click a map for its filter; point at one to see the sum.")
    return (f"Each map reads all {inputs} pooled maps, with a {size}×{size} pattern for each, and finds larger "
            f"shapes: loops, corners, stroke ends.{finish_words} Click a map for its filter.")


def dense_caption(units: int, inputs: int) -> str:
    """What a dense row shows, in words."""
    return f"Each unit adds up all {inputs} numbers above, each with its own weight. One cell per unit."


def output_caption(count: int) -> str:
    """What the output row shows, in words."""
    extra = " and of “not a digit”" if count > NOT_A_DIGIT else ""
    return f"The network's probability of each digit{extra}. They add up to 100%."
