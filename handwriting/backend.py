"""Import TensorFlow and Keras lazily and quietly (TensorFlow's C++ start-up chatter is not for users)."""

from __future__ import annotations

import os
import sys
import threading

_lock = threading.Lock()


def load_tensorflow():
    """Import TensorFlow once, with its native start-up log lines sent to /dev/null, and return it.

    Python-level import errors still propagate; only what the C++ runtime writes to fd 2 while
    importing is hidden. Set HANDWRITING_TF_LOGS=1 to see it.
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with _lock:
        if os.environ.get("HANDWRITING_TF_LOGS") == "1":
            import keras
            import tensorflow

            return tensorflow
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 2)
                import keras  # noqa: F401
                import tensorflow

                tensorflow.config.list_logical_devices("GPU")  # the CUDA probe logs once, here
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tensorflow.get_logger().setLevel("ERROR")  # e.g. retracing notes after many model reloads
    return tensorflow
