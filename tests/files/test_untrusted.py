"""Untrusted model files: code is refused and never run, no pickle anywhere, broken files get one clear line."""

from __future__ import annotations

import copy
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from handwriting.cli.main import main
from handwriting.errors import ModelFileError
from handwriting.files.keras_model import load_model_safely
from handwriting.files.model_files import DEFAULT_MODEL_PATH

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "reliability_payload"  # tests/reliability_payload.py: importing or calling it creates the marker


@pytest.fixture()
def marker(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "code-was-run"
    monkeypatch.setenv("HANDWRITING_TEST_MARKER", str(path))
    monkeypatch.delitem(sys.modules, PAYLOAD, raising=False)
    return path


def assert_nothing_ran(marker: Path) -> None:
    assert not marker.exists(), "code from the model file was run"
    assert PAYLOAD not in sys.modules, "a module named by the model file was imported"


def read_default() -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(DEFAULT_MODEL_PATH) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(members["config.json"]), members


def write_keras(path: Path, config: dict, members: dict[str, bytes], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in {**members, "config.json": json.dumps(config).encode(), **(extra or {})}.items():
            archive.writestr(name, content)
    return path


def layer_named(config: dict, name: str) -> dict:
    return next(layer for layer in config["config"]["layers"] if layer["config"]["name"] == name)


# --- Code in the file --------------------------------------------------------------------------------


@pytest.mark.tensorflow
def test_lambda_layer_is_refused_and_not_run(tmp_path, marker):
    import keras

    touch = eval(f"lambda x: (__import__('pathlib').Path({str(marker)!r}).touch(), x)[1]")  # no closure: saveable
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Lambda(touch, name="touch")(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(x))
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, outputs).save(path)
    marker.unlink()  # building the model ran the lambda once, here in the test
    with pytest.raises(ModelFileError) as error:
        load_model_safely(path)
    message = str(error.value)
    assert "refused: the file contains code (a Lambda layer 'touch')" in message
    assert "only plain Keras layers are loaded" in message and "\n" not in message
    assert not marker.exists()


def edit_os_system(config: dict, marker: Path) -> None:
    layer = layer_named(config, "flatten")
    layer.update(module="os", class_name="system", config=f"touch {marker}")


def edit_foreign_class(config: dict, marker: Path) -> None:
    layer_named(config, "flatten").update(module=PAYLOAD, class_name="Boom", registered_name="Boom")


def edit_eval_function(config: dict, marker: Path) -> None:
    layer = layer_named(config, "conv1_relu")
    layer["config"]["activation"] = {
        "module": "builtins",
        "class_name": "function",
        "config": "eval",
        "registered_name": "function",
    }


def edit_payload_function(config: dict, marker: Path) -> None:
    layer_named(config, "conv1_relu")["config"]["activation"] = {
        "module": PAYLOAD,
        "class_name": "function",
        "config": "boom",
        "registered_name": "boom",
    }


def edit_registered_name(config: dict, marker: Path) -> None:
    layer_named(config, "flatten")["registered_name"] = "builtins.eval"


def edit_keras_utility(config: dict, marker: Path) -> None:
    # Known bypass pattern: a Keras function with side effects (downloads, turning safe mode off).
    layer_named(config, "flatten").update(module="keras.config", class_name="enable_unsafe_deserialization")


def edit_nested_lambda(config: dict, marker: Path) -> None:
    layer = layer_named(config, "dense1")
    layer["config"]["kernel_initializer"] = {"class_name": "__lambda__", "config": {"code": "AAAA"}}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (edit_os_system, "names 'os.system', which is not a plain part of Keras"),
        (edit_foreign_class, f"names '{PAYLOAD}.Boom', which is not a plain part of Keras"),
        (edit_eval_function, "refers to the function 'builtins.eval'"),
        (edit_payload_function, f"refers to the function '{PAYLOAD}.boom'"),
        (edit_registered_name, "custom code registered as 'builtins.eval'"),
        (edit_keras_utility, "names 'keras.config.enable_unsafe_deserialization'"),
        (edit_nested_lambda, "contains code (a serialised Python function)"),
    ],
)
def test_configs_naming_code_are_refused_and_not_run(tmp_path, marker, edit, message, capsys):
    config, members = read_default()
    edited = copy.deepcopy(config)
    edit(edited, marker)
    path = write_keras(tmp_path / "edited.keras", edited, members)
    with pytest.raises(ModelFileError, match=re.escape(message)):
        load_model_safely(path)
    assert_nothing_ran(marker)
    assert main(["predict", "--model", str(path), str(tmp_path / "any.png")]) == 1
    err = capsys.readouterr().err
    assert "refused" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert_nothing_ran(marker)


def test_unexpected_archive_members_are_refused(tmp_path, marker):
    config, members = read_default()
    path = write_keras(tmp_path / "extra.keras", config, members, {"assets/../../payload.py": b"import os"})
    with pytest.raises(ModelFileError, match=r"refused: the archive holds unexpected files \(assets/"):
        load_model_safely(path)
    assert_nothing_ran(marker)


@pytest.mark.tensorflow
def test_the_shipped_model_passes_the_inspection():
    load_model_safely(DEFAULT_MODEL_PATH)


# --- No pickle anywhere ------------------------------------------------------------------------------

UNSAFE = {
    r"^\s*(import|from)\s+(c?pickle|_pickle|dill|joblib|shelve|marshal|cloudpickle)\b": "imports a pickle-like module",
    r"\bpickle\.(loads?|Unpickler)\b": "unpickles",
    r"allow_pickle\s*=\s*True": "allows pickle in np.load",
    r"safe_mode\s*=\s*False": "turns Keras safe mode off",
    r"enable_unsafe_deserialization": "turns Keras safe mode off",
    r"\b(torch\.load|read_pickle)\s*\(": "unpickles",
}


def source_files() -> list[Path]:
    return sorted((ROOT / "handwriting").rglob("*.py"))


def test_no_pickle_or_unsafe_loading_in_the_source_tree():
    problems = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        for pattern, what in UNSAFE.items():
            for match in re.finditer(pattern, text, flags=re.MULTILINE):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
        for match in re.finditer(r"\b(np|numpy)\.load\(", text):  # every np.load must say allow_pickle=False
            call = text[match.end() : text.find(")", match.end()) + 1]
            if "allow_pickle=False" not in call:
                problems.append(f"{path.relative_to(ROOT)}: np.load without allow_pickle=False")
        for match in re.finditer(r"(?<!self\.)(?<!def )\bload_model\(", text):  # Keras loads: safe mode on, said so
            call = text[match.end() : text.find(")", match.end()) + 1]
            if "safe_mode=True" not in call:
                problems.append(f"{path.relative_to(ROOT)}: load_model without safe_mode=True")
    assert source_files() and not problems, "\n".join(problems)


# --- Broken or wrong model files: one line in the CLI -------------------------------------------------


@pytest.fixture(scope="module")
def wrong_shape_models(tmp_path_factory) -> dict[str, Path]:
    import keras

    folder = tmp_path_factory.mktemp("wrong")
    models = {}
    for name, shape, classes in (("three-class", (28, 28, 1), 3), ("32x32-input", (32, 32, 1), 10)):
        inputs = keras.Input(shape)
        outputs = keras.layers.Dense(classes, activation="softmax")(keras.layers.Flatten()(inputs))
        models[name] = folder / f"{name}.keras"
        keras.Model(inputs, outputs).save(models[name])
    return models


def bad_model(kind: str, folder: Path, wrong_shape_models: dict[str, Path]) -> Path:
    shipped = DEFAULT_MODEL_PATH.read_bytes()
    path = folder / f"{kind}.keras"
    if kind in wrong_shape_models:
        return wrong_shape_models[kind]
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "not-a-zip":
        path.write_text("this is not a model")
    elif kind == "truncated":
        path.write_bytes(shipped[: len(shipped) // 2])
    elif kind == "tail-cut":
        path.write_bytes(shipped[:-100])
    elif kind == "corrupt-weights":
        config, members = read_default()
        members["model.weights.h5"] = b"\x89HDF\r\n\x1a\n" + b"\x00" * 100
        write_keras(path, config, members)
    elif kind == "no-weights":
        config, members = read_default()
        del members["model.weights.h5"]
        write_keras(path, config, members)
    elif kind == "bad-json":
        _, members = read_default()
        with zipfile.ZipFile(path, "w") as archive:
            for name, content in {**members, "config.json": b"{not json"}.items():
                archive.writestr(name, content)
    elif kind == "folder":
        path.mkdir()
    elif kind == "missing":
        pass
    elif kind == "wrong-suffix":
        path = folder / "model.h5"
        path.write_bytes(shipped)
    return path


BAD_MODELS = {
    "empty": "empty, truncated or not a zip archive",
    "not-a-zip": "empty, truncated or not a zip archive",
    "truncated": "empty, truncated or not a zip archive",
    "tail-cut": "not a valid .keras file",
    "corrupt-weights": "cannot be loaded, the file is damaged",
    "no-weights": "not a complete .keras model (no model.weights.h5 inside)",
    "bad-json": "its config.json is not readable JSON",
    "folder": "is a folder",
    "missing": "model file not found",
    "wrong-suffix": "not a .keras model file",
    "three-class": "is not a model that reads digit images. In detail: the model maps (28, 28, 1) to (3,), but a "
                   "digit model must map (28, 28, 1) images to 10 digits (or 10 digits and 'not a digit')",
    "32x32-input": "is not a model that reads digit images. In detail: the model maps (32, 32, 1) to (10,)",
}


@pytest.mark.tensorflow
@pytest.mark.parametrize("command", ["evaluate", "predict"])
@pytest.mark.parametrize("kind", BAD_MODELS)
def test_bad_model_file_is_one_line_in_the_cli(tmp_path, wrong_shape_models, capsys, kind, command):
    path = bad_model(kind, tmp_path, wrong_shape_models)
    args = [command, "--model", str(path)] + ([str(tmp_path / "digit.png")] if command == "predict" else [])
    assert main(args) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith(f"error: {path}") and BAD_MODELS[kind] in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and captured.out == ""


def test_unreadable_model_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "locked.keras"
    path.write_bytes(DEFAULT_MODEL_PATH.read_bytes())
    real_open = open

    def locked_open(file, *args, **kwargs):
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", locked_open)
    assert main(["evaluate", "--model", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"error: {path}: cannot be read (Permission denied); check its permissions"
