"""TensorBoard logs of a training run: one run folder per run, per-epoch scalars, weight histograms, the graph."""

from __future__ import annotations

import time
from importlib.util import find_spec
from pathlib import Path

from handwriting.errors import SaveError
from handwriting.files.paths import user_paths
from handwriting.files.resources import refuse_package_writes

MISSING_TENSORBOARD = (
    "TensorBoard logs need the tensorboard package, which is not installed; "
    "install it with: pip install tensorboard (or the extra: pip install 'handwriting[tensorboard]')"
)


def tensorboard_available() -> bool:
    """True when the tensorboard package, which writes the summaries, can be imported."""
    return find_spec("tensorboard") is not None


def default_tensorboard_dir() -> Path:
    """Where TensorBoard logs go when no folder is named: `tensorboard/` in the per-user logs folder."""
    return user_paths().logs / "tensorboard"


def new_run_dir(log_root: str | Path, preset: str, now: float | None = None) -> Path:
    """Create and return `log_root/<YYYYmmdd-HHMMSS>-<preset>[-N]`, a fresh folder for one run.

    Each run gets its own folder, so `tensorboard --logdir log_root` shows runs side by side
    instead of mixing their curves. Raises SaveError when the folder cannot be created.
    """
    root = Path(log_root).expanduser()
    refuse_package_writes(root)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    try:
        root.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 1000):
            run_dir = root / (f"{stamp}-{preset}" if attempt == 1 else f"{stamp}-{preset}-{attempt}")
            try:
                run_dir.mkdir()
            except FileExistsError:
                continue
            return run_dir
    except OSError as exc:
        raise SaveError(
            f"cannot create the TensorBoard log folder in {root} ({exc.strerror or exc}); "
            "pick another folder with --tensorboard"
        ) from None
    raise SaveError(f"{root}: too many runs started in the same second; pick another --tensorboard folder")


def tensorboard_callbacks(run_dir: Path) -> list:
    """Keras callbacks writing TensorBoard logs into `run_dir` (`train/` and `validation/` event files).

    Per epoch: loss, accuracy and learning rate (`epoch_loss`, `epoch_accuracy`, `epoch_learning_rate`)
    and a histogram of every weight. Once: the model's conceptual graph (Keras's `keras` summary) and
    its op-level forward-pass graph, which Keras 3 no longer writes itself.
    """
    import keras
    import tensorflow as tf

    class ForwardGraphWriter(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            forward = tf.function(lambda images: self.model(images, training=False))
            spec = tf.TensorSpec((None, *self.model.input_shape[1:]), tf.float32, name="images")
            writer = tf.summary.create_file_writer(str(run_dir / "train"))
            with writer.as_default():
                tf.summary.graph(forward.get_concrete_function(spec).graph)
            writer.close()

    scalars_and_histograms = keras.callbacks.TensorBoard(
        log_dir=str(run_dir), histogram_freq=1, write_graph=True, update_freq="epoch", profile_batch=0
    )
    return [ForwardGraphWriter(), scalars_and_histograms]
