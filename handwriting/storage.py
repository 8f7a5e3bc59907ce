"""Atomic saving and safe loading of models and their training history."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

from handwriting.backend import load_tensorflow
from handwriting.errors import ModelFileError, SaveError

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / "default.keras"
EXPECTED_INPUT_SHAPE = (28, 28, 1)
EXPECTED_CLASSES = 10


def history_path_for(model_path: str | Path) -> Path:
    """models/name.keras -> models/name.history.json."""
    path = Path(model_path)
    return path.with_name(path.stem + ".history.json")


# --- Writing --------------------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish(temporary: Path, final: Path) -> None:
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    _fsync_dir(final.parent)


def _temporary_beside(final: Path, suffix: str) -> Path:
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=f".tmp{suffix}", dir=final.parent)
    except OSError as exc:
        raise SaveError(
            f"cannot write to {final.parent} ({exc.strerror or exc}); the current model is unchanged"
        ) from None
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # mkstemp makes 0600; a saved model is an ordinary file
    return Path(name)


def write_json_atomic(data: dict, path: str | Path) -> None:
    """Write JSON through a temporary file in the same folder, fsync, then os.replace."""
    final = Path(path)
    temporary = _temporary_beside(final, ".json")
    try:
        temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        _publish(temporary, final)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise SaveError(f"cannot write {final} ({exc.strerror or exc}); the previous file is unchanged") from None


def save_model_atomic(model, path: str | Path, history: dict | None = None) -> Path:
    """Save a Keras model (and its history JSON) so that a crash at any point keeps the old files.

    The model goes to a temporary `.keras` file beside the target, is fsynced and renamed over
    the target; the history follows the same way.
    """
    final = Path(path)
    if final.suffix != ".keras":
        raise SaveError(f"{final}: a model file must end in .keras")
    temporary = _temporary_beside(final, ".keras")
    try:
        model.save(temporary)
        if history is not None:
            write_json_atomic(history, history_path_for(temporary))
        _publish(temporary, final)
        if history is not None:
            os.replace(history_path_for(temporary), history_path_for(final))
            _fsync_dir(final.parent)
    except OSError as exc:
        raise SaveError(
            f"cannot save the model to {final} ({exc.strerror or exc}); the current model is unchanged"
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
        history_path_for(temporary).unlink(missing_ok=True)
    return final


# --- Reading --------------------------------------------------------------------------------------


def load_history(model_path: str | Path) -> dict:
    """The training history saved beside a model, or an empty dict if there is none or it is unreadable."""
    path = history_path_for(model_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_model_safely(path: str | Path):
    """Load a `.keras` file with safe_mode on and check that it maps 28x28x1 images to 10 classes."""
    file = Path(path)
    if not file.exists():
        raise ModelFileError(f"{file}: model file not found; train one with 'handwriting train' or pick another file")
    if file.suffix != ".keras":
        raise ModelFileError(f"{file}: not a .keras model file; only Keras 3 .keras files are loaded")
    if not zipfile.is_zipfile(file):
        raise ModelFileError(f"{file}: not a valid .keras file (it is empty, truncated or not a zip archive)")
    load_tensorflow()
    import keras

    try:
        model = keras.saving.load_model(file, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for bad files; all mean "unusable model".
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelFileError(f"{file}: cannot be loaded safely ({reason[:300]})") from None
    input_shape = tuple(model.input_shape[1:]) if hasattr(model, "input_shape") else None
    output_shape = tuple(model.output_shape[1:]) if hasattr(model, "output_shape") else None
    if input_shape != EXPECTED_INPUT_SHAPE or output_shape != (EXPECTED_CLASSES,):
        raise ModelFileError(
            f"{file}: the model maps {input_shape} to {output_shape}, but a digit model must map "
            f"{EXPECTED_INPUT_SHAPE} images to {EXPECTED_CLASSES} classes"
        )
    return model
