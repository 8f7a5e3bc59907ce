"""The "Look inside" view's words in the UI language: each row's title and caption, the names of outputs and steps.

handwriting.inside.look_inside words the rows in English for scripts (Row.title, Row.caption); this module says
the same from the network's own numbers through Qt's translations (a test checks that the English agrees).
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication

from handwriting.inside.look_inside import INPUT, MAPS, OUTPUTS, POOLED, STRIP, LookInside, Row
from handwriting.labels import NOT_A_DIGIT

translate = QCoreApplication.translate


def output_label(index: int) -> str:
    """What output `index` stands for: its digit, or "not a digit" for the 11th output."""
    return translate("Inside", "not a digit") if index == NOT_A_DIGIT else str(index)


def finish_name(name: str) -> str:
    """A convolution's activation ("ReLU", "ReLU then batch normalisation") in the current language."""
    if not name:
        return ""
    words = {"batch normalisation": translate("Inside", "batch normalisation"),
             "softmax": translate("Inside", "softmax")}
    parts = [words.get(part, part) for part in name.split(" then ")]
    text = parts[0]
    for part in parts[1:]:
        text = translate("Inside", "{first} then {second}").format(first=text, second=part)
    return text


def _layer(inside: LookInside, row: Row):
    return next(layer for layer in inside.network.layers if layer.name == row.key)


def _ordinal(inside: LookInside, row: Row) -> int:
    """1 for the first row of its kind, 2 for the second..."""
    same = [other for other in inside.rows if other.kind == row.kind]
    return same.index(row) + 1


def row_title(inside: LookInside, row: Row) -> str:
    """The row's title: "Convolution 1: 16 feature maps", "Pooling 1", "Dense layer 1: 128 units"..."""
    if row.kind == INPUT:
        return translate("Inside", "What the network sees")
    if row.kind == MAPS:
        channels = inside.convolutions[row.convolution].kernels.shape[0]
        return translate("Inside", "Convolution {number}: {channels} feature maps").format(
            number=row.convolution + 1, channels=channels
        )
    if row.kind == POOLED:
        return translate("Inside", "Pooling {number}").format(number=_ordinal(inside, row))
    if row.kind == STRIP:
        units = _layer(inside, row).params["kernel"].shape[1]
        return translate("Inside", "Dense layer {number}: {units} units").format(
            number=_ordinal(inside, row), units=units
        )
    return translate("Inside", "The answer")


def row_caption(inside: LookInside, row: Row) -> str:
    """What the row shows, in words for a learner."""
    if row.kind == INPUT:
        return translate(
            "Inside", "The picture shown (your drawing, a file, a test image, or in number mode the digit selected), "
            "28×28 pixels and centred like the digits the network learned from. Each pixel is a number: 0 black, 1 "
            "white ink."
        )
    if row.kind == MAPS:
        return _conv_caption(inside, row)
    if row.kind == POOLED:
        size = _layer(inside, row).params["size"]
        if size == 2:
            text = translate(
                "Inside", "Each map above, halved: every {size}×{size} block keeps only its largest value."
            )
        else:
            text = translate(
                "Inside", "Each map above, {size} times smaller: every {size}×{size} block keeps only its largest "
                "value."
            )
        return text.format(size=size)
    if row.kind == STRIP:
        inputs = _layer(inside, row).params["kernel"].shape[0]
        return translate(
            "Inside", "Each unit adds up all {inputs} numbers above, each with its own weight. One cell per unit."
        ).format(inputs=inputs)
    count = _layer(inside, row).params["kernel"].shape[1] if row.kind == OUTPUTS else 0
    if count > NOT_A_DIGIT:
        return translate("Inside", "The network's probability of each digit and of “not a digit”. They add up to 100%.")
    return translate("Inside", "The network's probability of each digit. They add up to 100%.")


def _conv_caption(inside: LookInside, row: Row) -> str:
    conv = inside.convolutions[row.convolution]
    inputs, size = conv.kernels.shape[1], conv.kernels.shape[-1]
    relu = translate("Inside", " ReLU turns negatives into 0.") if conv.finish_name == "ReLU" else ""
    if inputs == 1:
        text = translate(
            "Inside", "Each map slides its own {size}×{size} filter over the image: bright where a spot matches it."
            "{relu} Click a map for its filter; point at one to see the sum."
        )
    else:
        text = translate(
            "Inside", "Each map reads all {inputs} pooled maps, with a {size}×{size} pattern for each, and finds "
            "larger shapes: loops, corners, stroke ends.{relu} Click a map for its filter."
        )
    return text.format(size=size, inputs=inputs, relu=relu)
