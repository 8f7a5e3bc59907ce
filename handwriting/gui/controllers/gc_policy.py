"""The garbage-collection policy: freeze long-lived objects (the window, TensorFlow), collect after a model load."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_libraries_frozen = False  # set once TensorFlow and Keras are imported and frozen
_window_frozen = False  # set once the first window froze what it was built with


def freeze_libraries() -> None:
    """Once per process, before the first model is built: import TensorFlow and Keras, then gc.freeze().

    With TensorFlow and Keras loaded, a full garbage collection walks about 300,000 objects while
    holding the GIL for 150-450 ms, whichever thread triggers it: the GUI would freeze that long,
    typically while a training run traces its validation step. Frozen objects are never examined
    again, so a full collection then walks only the 10,000-25,000 objects made since (3-11 ms).
    Only what lives as long as the app is frozen: modules, the TensorFlow runtime, the widgets.
    Models are created after the freeze and never frozen (frozen objects are never freed either),
    so a replaced model is freed by the next collection; see collect_after_load.
    """
    global _libraries_frozen
    if _libraries_frozen:
        return
    from handwriting.backend import load_tensorflow

    load_tensorflow()
    import keras  # noqa: F401  (the Keras modules are long-lived too)

    gc.freeze()
    _libraries_frozen = True


def freeze_long_lived() -> None:
    """Once the window is built, before its first model: gc.freeze() what exists now.

    The window's process never imports TensorFlow, but Qt's wrappers, pyqtgraph and numpy still make a
    full collection walk 100,000 objects or more, holding the GIL for tens of milliseconds on whichever
    thread runs it (collect_after_load runs one on a worker after each model load): every tick of the
    GUI would wait. Frozen, they are never walked again. Models are loaded later and stay collectable.
    Once per process: a second window (tests build many) would freeze the first one's garbage for good.
    """
    global _window_frozen
    if not _window_frozen:
        gc.freeze()
        _window_frozen = True


def collect_after_load() -> None:
    """A full collection once a new model is loaded (3-11 ms, see freeze_libraries): frees replaced models.

    A model is a web of reference cycles that only a full collection frees, and few enough objects
    outlive young collections that automatic full ones are rare: without this, 20 reloads keep 20
    models (20 MB) until one happens.
    """
    gc.collect()


@contextmanager
def deferred_full_collections() -> Iterator[None]:
    """No automatic full collection inside the block (young generations are still collected).

    For a training run: tracing its steps makes tens of thousands of objects, and a full collection
    walking them holds the GIL for 40-50 ms. Their garbage is collected after the run instead.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 2**31 - 1)
    try:
        yield
    finally:
        current = gc.get_threshold()
        gc.set_threshold(current[0], current[1], old)
