"""Inspect a .keras archive before Keras reads it: only plain Keras layers, no code, no foreign modules."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from handwriting.errors import ModelFileError

ARCHIVE_MEMBERS = {"config.json", "metadata.json", "model.weights.h5"}  # what Keras 3 writes for our models
REQUIRED_MEMBERS = {"config.json", "model.weights.h5"}
MAX_CONFIG_BYTES = 8 * 1024 * 1024  # a LeNet config is a few kB; refuse to read a huge (or bomb) member

# Layers whose config carries code or points at code outside the file; everything else Keras ships is data.
CODE_LAYERS = {
    "Lambda": "a Lambda layer",
    "__lambda__": "a serialised Python function",
    "TFSMLayer": "a TFSMLayer, which runs a TensorFlow SavedModel from another path",
    "TorchModuleWrapper": "a wrapped PyTorch module",
    "JaxLayer": "a wrapped JAX function",
    "FlaxLayer": "a wrapped Flax module",
}
# The Keras namespaces a plain model's config names (layers, their initialisers and the training setup).
PLAIN_MODULES = {
    "keras",
    "keras.layers",
    "keras.initializers",
    "keras.regularizers",
    "keras.constraints",
    "keras.activations",
    "keras.losses",
    "keras.metrics",
    "keras.optimizers",
    "keras.optimizers.schedules",
    "keras.models",
    "keras.src.models.functional",
    "keras.src.models.sequential",
    "keras.src.models.model",
}
ONLY_PLAIN = "only plain Keras layers are loaded, and nothing in the file was run"


def _refuse(file: Path, what: str) -> ModelFileError:
    return ModelFileError(f"{file}: refused: {what}; {ONLY_PLAIN}")


def check_object(file: Path, node: dict) -> None:
    """Refuse one serialised Keras object (a dict with "class_name") that carries or names code."""
    class_name = node.get("class_name")
    module = node.get("module")
    registered = node.get("registered_name")
    if not isinstance(class_name, str):
        raise _refuse(file, f"the config holds an object whose class is {class_name!r}")
    if class_name == "function":  # built-in activations are stored as plain strings, so this is a custom one
        raise _refuse(file, f"the file refers to the function '{module}.{node.get('config')}'")
    if class_name in CODE_LAYERS:
        layer = node.get("config", {}).get("name") if isinstance(node.get("config"), dict) else None
        named = f" '{layer}'" if isinstance(layer, str) else ""
        raise _refuse(file, f"the file contains code ({CODE_LAYERS[class_name]}{named}), which could do anything")
    if class_name == "__keras_tensor__" and module is None:
        return  # a reference between layers of a functional model
    if not isinstance(module, str) or module not in PLAIN_MODULES:
        raise _refuse(file, f"the file names '{module}.{class_name}', which is not a plain part of Keras")
    if registered is not None and registered != class_name:
        raise _refuse(file, f"the file refers to custom code registered as '{registered}'")


def check_config(file: Path, config: dict) -> None:
    """Walk a decoded config.json (iteratively: depth is no attack) and check every Keras object in it.

    The top-level "compile_config" (optimizer, loss, metrics) is skipped: models are loaded with
    compile=False, and Keras then discards it without deserialising anything in it.
    """
    if not isinstance(config.get("class_name"), str):
        raise ModelFileError(f"{file}: not a valid .keras file (its config.json does not describe a model)")
    check_object(file, config)
    pending: list[object] = [value for key, value in config.items() if key != "compile_config"]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if "class_name" in node:
                check_object(file, node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)


def inspect_archive(file: Path) -> None:
    """Raise ModelFileError unless `file` is a .keras zip holding only plain Keras layers and weights.

    This runs before Keras sees the file. Keras's own safe_mode (kept on) is a second line: it also
    refuses Lambda layers and imports only Keras modules. Nothing here imports or calls anything
    named in the file; the config is parsed as plain JSON.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            extra = sorted(names - ARCHIVE_MEMBERS)
            if extra:
                raise _refuse(file, f"the archive holds unexpected files ({', '.join(extra[:3])})")
            missing = sorted(REQUIRED_MEMBERS - names)
            if missing:
                raise ModelFileError(f"{file}: not a complete .keras model (no {missing[0]} inside); save it again")
            if archive.getinfo("config.json").file_size > MAX_CONFIG_BYTES:
                raise _refuse(file, "config.json is implausibly large for a digit model")
            raw = archive.read("config.json")
    except ModelFileError:
        raise
    except PermissionError:
        raise ModelFileError(f"{file}: permission denied; check that the file can be read") from None
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, RuntimeError) as exc:
        raise ModelFileError(f"{file}: not a valid .keras file, the archive is damaged ({exc})") from None
    try:
        config = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ModelFileError(f"{file}: not a valid .keras file (its config.json is not readable JSON)") from None
    if not isinstance(config, dict):
        raise ModelFileError(f"{file}: not a valid .keras file (its config.json does not describe a model)")
    check_config(file, config)
