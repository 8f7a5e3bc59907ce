"""The saved network's forward pass in numpy: recognition without TensorFlow, every layer's output in view.

A `.keras` file is a zip holding `config.json` (the layers, as JSON) and `model.weights.h5` (the
weights, as HDF5 arrays). For the layer types that LeNet-style models use, this module reads both as
plain data and runs the network with a few numpy matrix products: about 0.15 ms for one image, where
a compiled TensorFlow call costs 0.5 ms, and no 3-second `import tensorflow` before the first answer.
Anything else (another layer type, strides, dilation, a branching graph) raises UnsupportedModel,
and the caller falls back to Keras. The results match Keras's to float32 rounding (tested).
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from handwriting.files.model_files import check_model_file
from handwriting.recognition.layers import ACTIVATIONS, conv2d, max_pool, patch_indices

INPUT_SHAPE = (28, 28, 1)
OUTPUT_SIZES = (10, 11)  # the ten digits, optionally followed by "not a digit"
BATCH_CHUNK = 256  # images per forward pass in predict(): bounds the memory of the convolution patches


class UnsupportedModel(Exception):
    """The model uses something this forward pass does not implement; use Keras for it."""


def predict_in_chunks(forward: Callable[[np.ndarray], np.ndarray], images: np.ndarray, chunk: int) -> np.ndarray:
    """Probabilities (N, classes): `forward` applied to `chunk` images at a time (it bounds the memory used)."""
    parts = [forward(images[i : i + chunk]) for i in range(0, len(images), chunk)]
    return np.concatenate(parts) if parts else np.zeros((0, OUTPUT_SIZES[0]), np.float32)


# --- Reading a saved model ------------------------------------------------------------------------


def _snake_case(name: str) -> str:
    """Keras's name for a layer class inside the weights file: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _pair(value, what: str) -> int:
    """A square (k, k) setting as k; anything else is unsupported."""
    values = value if isinstance(value, list | tuple) else [value]
    if len(set(values)) != 1 or not isinstance(values[0], int):
        raise UnsupportedModel(f"{what} {value!r}")
    return values[0]


def _activation(config: dict, layer: str) -> Callable[[np.ndarray], np.ndarray]:
    name = config.get("activation", "linear")
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise UnsupportedModel(f"activation {name!r} in {layer}")
    return ACTIVATIONS[name]


def _inputs_of(layer: dict) -> list[str]:
    """Names of the layers feeding a functional model's layer (Keras 3 config format)."""
    names = []
    for node in layer.get("inbound_nodes", []):
        for arg in node.get("args", []) if isinstance(node, dict) else []:
            history = arg.get("config", {}).get("keras_history") if isinstance(arg, dict) else None
            if not history:
                raise UnsupportedModel(f"inputs of {layer.get('name')}")
            names.append(history[0])
    return names


def _chain(config: dict) -> list[dict]:
    """The model's layers in order, checking they form a single chain from the input to the output."""
    if config.get("class_name") not in ("Functional", "Sequential"):
        raise UnsupportedModel(f"model class {config.get('class_name')!r}")
    layers = config.get("config", {}).get("layers", [])
    if config["class_name"] == "Functional":
        for previous, layer in itertools.pairwise(layers):
            if _inputs_of(layer) != [previous["config"]["name"]]:
                raise UnsupportedModel(f"a branching graph at {layer['config'].get('name')}")
    return layers


def _weights_key(class_name: str, counts: dict[str, int]) -> str:
    """The group name Keras gives the n-th layer of a class in the weights file: dense, dense_1, ..."""
    base = _snake_case(class_name)
    count = counts.get(base, -1) + 1
    counts[base] = count
    return base if count == 0 else f"{base}_{count}"


def read_model_file(path: str | Path) -> tuple[dict, dict[str, list[np.ndarray]]]:
    """A `.keras` file's config and float weights by weights-file group, once model_files.check_model_file has
    passed it: read as data, nothing in it is run (ModelFileError, UnsupportedModel, or h5py's errors)."""
    import h5py  # a dependency of Keras; imported here, when a model is read

    file = check_model_file(path)
    with zipfile.ZipFile(file) as archive:
        config = json.loads(archive.read("config.json"))
        weights_file = io.BytesIO(archive.read("model.weights.h5"))
    with h5py.File(weights_file, "r") as weights:
        stored: dict[str, list[np.ndarray]] = {}
        group = weights.get("layers")
        for name in group.keys() if group is not None else []:
            variables = group[name].get("vars")
            if variables is None:
                continue
            arrays = [variables[str(index)] for index in range(len(variables))]
            if any(array.dtype.kind != "f" for array in arrays):
                raise UnsupportedModel(f"non-float weights in {name}")
            stored[name] = [np.asarray(array, dtype=np.float32) for array in arrays]
    return config, stored


def build_chain(
    config: dict, weights: dict[str, list[np.ndarray]], input_shape: tuple[int, ...], build: Callable | None = None
) -> list[Layer]:
    """The model's layers, each built by `build(kind, name, config, variables, shape)` (default build_layer) with
    its weights, from an input of `input_shape` to the 10 or 11 outputs; UnsupportedModel for anything else."""
    build = build or build_layer
    layers: list[Layer] = []
    counts: dict[str, int] = {}
    shape: tuple[int, ...] | None = None
    for entry in _chain(config):
        kind, layer_config = entry.get("class_name"), entry.get("config", {})
        name = layer_config.get("name", kind)
        variables = weights.get(_weights_key(kind, counts), [])
        if kind == "InputLayer":
            batch_shape = layer_config.get("batch_shape") or layer_config.get("batch_input_shape")
            shape = tuple(batch_shape[1:]) if batch_shape else None
            if shape != input_shape:
                raise UnsupportedModel(f"input shape {shape}")
            continue
        if shape is None:
            raise UnsupportedModel("a model without an input layer")
        layer, shape = build(kind, name, layer_config, variables, shape)
        layers.append(layer)
    if shape not in {(n,) for n in OUTPUT_SIZES} or not layers:
        raise UnsupportedModel(f"output shape {shape}")
    return layers


@dataclass(frozen=True)
class Layer:
    """One step of the forward pass: a name for the "look inside" view and the function it applies.

    `params` holds what `apply` uses, for looking inside (handwriting.inside.look_inside): a Conv2D's "kernel"
    (k, k, C, F), "bias" (F,) or None, "padding" and "activation"; a Dense layer's "kernel", "bias" and
    "activation"; a MaxPooling2D's "size"; a BatchNormalization's per-channel "scale" and "shift"
    (x * scale + shift); an Activation's "activation". They are read, never changed.
    """

    name: str
    kind: str
    apply: Callable[[np.ndarray], np.ndarray]
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


class NumpyNetwork:
    """A LeNet-style network's inference pass in numpy, built from a saved model's config and weights."""

    def __init__(self, layers: list[Layer]) -> None:
        self.layers = layers

    # -- construction ------------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path) -> NumpyNetwork:
        """Read a `.keras` file as data (read_model_file); nothing in it is run.

        Raises ModelFileError for a missing, unreadable or unsafe file, UnsupportedModel for a layer
        that this forward pass does not implement, and h5py's or numpy's errors for damaged weights.
        """
        return cls.from_config(*read_model_file(path))

    @classmethod
    def from_keras(cls, model) -> NumpyNetwork:
        """The same network from a live Keras model (after training, without writing a file first)."""
        config = {"class_name": model.__class__.__name__, "config": model.get_config()}
        if config["class_name"] not in ("Functional", "Sequential"):
            config["class_name"] = "Functional"
        weights: dict[str, list[np.ndarray]] = {}
        counts: dict[str, int] = {}
        for layer in model.layers:
            key = _weights_key(layer.__class__.__name__, counts)
            weights[key] = [np.asarray(v, dtype=np.float32) for v in layer.get_weights()]
        return cls.from_config(config, weights)

    @classmethod
    def from_config(cls, config: dict, weights: dict[str, list[np.ndarray]]) -> NumpyNetwork:
        """Build the forward pass from a model config (as in config.json) and weights by weights-file group."""
        return cls(build_chain(config, weights, INPUT_SHAPE))

    # -- inference ---------------------------------------------------------------------------------

    def forward(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10 or 11) for a float32 batch (N, 28, 28, 1) in [0, 1]."""
        x = images
        for layer in self.layers:
            x = layer.apply(x)
        return x

    def predict(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10) for any number of images (N, 28, 28, 1), in chunks of BATCH_CHUNK."""
        return predict_in_chunks(self.forward, images, BATCH_CHUNK)

    def outputs(self, image: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """(layer name, output) of every layer for one (28, 28, 1) image: the feature maps, for looking inside."""
        x = image[np.newaxis].astype(np.float32)
        result = []
        for layer in self.layers:
            x = layer.apply(x)
            result.append((layer.name, x[0]))
        return result


def expect(variables: list[np.ndarray], shapes: list[tuple[int, ...]], name: str) -> list[np.ndarray]:
    if [tuple(v.shape) for v in variables] != shapes:
        raise UnsupportedModel(f"weights of {name}: {[v.shape for v in variables]}, expected {shapes}")
    return variables


def build_layer(kind: str, name: str, config: dict, variables: list[np.ndarray], shape: tuple[int, ...]):
    """(Layer, output shape) for one layer config with its weights; UnsupportedModel for anything unknown."""
    if config.get("data_format", "channels_last") != "channels_last":
        raise UnsupportedModel(f"data format of {name}")
    if kind == "Conv2D":
        if len(shape) != 3 or _pair(config.get("strides", 1), "strides") != 1:
            raise UnsupportedModel(f"strides of {name}")
        if _pair(config.get("dilation_rate", 1), "dilation") != 1 or config.get("groups", 1) != 1:
            raise UnsupportedModel(f"dilation or groups of {name}")
        size, filters = _pair(config.get("kernel_size"), "kernel"), config.get("filters")
        padding = config.get("padding")
        if padding not in ("same", "valid"):
            raise UnsupportedModel(f"padding {padding!r} of {name}")
        use_bias = config.get("use_bias", True)
        expected = [(size, size, shape[2], filters)] + ([(filters,)] if use_bias else [])
        kernel, *bias = expect(variables, expected, name)
        activation = _activation(config, name)
        indices = patch_indices(*shape, size, padding)
        weights, offset = kernel.reshape(-1, filters), bias[0] if bias else None
        side = (shape[0], shape[1]) if padding == "same" else (shape[0] - size + 1, shape[1] - size + 1)

        def apply(x):
            return activation(conv2d(x, indices, weights, offset)).reshape(len(x), *side, filters)

        params = {
            "kernel": kernel,
            "bias": offset,
            "padding": padding,
            "activation": config.get("activation", "linear"),
        }
        return Layer(name, kind, apply, params), (*side, filters)
    if kind == "MaxPooling2D":
        size = _pair(config.get("pool_size"), "pool size")
        if _pair(config.get("strides") or size, "pool strides") != size or config.get("padding", "valid") != "valid":
            raise UnsupportedModel(f"pooling of {name}")
        pooled = (shape[0] // size, shape[1] // size, shape[2])
        return Layer(name, kind, lambda x: max_pool(x, size), {"size": size}), pooled
    if kind == "BatchNormalization":
        axis = config.get("axis", -1)
        if axis not in (-1, len(shape), [len(shape)], [-1]):
            raise UnsupportedModel(f"axis of {name}")
        width, has_gamma, has_beta = shape[-1], bool(config.get("scale", True)), bool(config.get("center", True))
        *affine, mean, variance = expect(variables, [(width,)] * (has_gamma + has_beta + 2), name)
        gamma = affine.pop(0) if has_gamma else np.ones(width, np.float32)
        beta = affine.pop(0) if has_beta else np.zeros(width, np.float32)
        scale = (gamma / np.sqrt(variance + np.float32(config.get("epsilon", 1e-3)))).astype(np.float32)
        shift = (beta - mean * scale).astype(np.float32)
        return Layer(name, kind, lambda x: x * scale + shift, {"scale": scale, "shift": shift}), shape
    if kind == "Activation":
        return Layer(name, kind, _activation(config, name), {"activation": config.get("activation", "linear")}), shape
    if kind == "Dropout":
        return Layer(name, kind, lambda x: x), shape
    if kind == "Flatten":
        return Layer(name, kind, lambda x: x.reshape(len(x), -1)), (int(np.prod(shape)),)
    if kind == "Dense":
        if len(shape) != 1:
            raise UnsupportedModel(f"{name} on a {len(shape)}-D input")
        units, use_bias = config.get("units"), config.get("use_bias", True)
        kernel, *bias = expect(variables, [(shape[0], units)] + ([(units,)] if use_bias else []), name)
        activation = _activation(config, name)
        params = {"kernel": kernel, "bias": bias[0] if bias else None, "activation": config.get("activation", "linear")}
        if bias:
            return Layer(name, kind, lambda x: activation(x @ kernel + bias[0]), params), (units,)
        return Layer(name, kind, lambda x: activation(x @ kernel), params), (units,)
    raise UnsupportedModel(f"layer type {kind} ({name})")
