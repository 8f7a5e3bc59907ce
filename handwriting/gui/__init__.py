"""The PyQt5 desktop app; the only package that imports Qt or pyqtgraph."""

from __future__ import annotations

import os

# Qt's xcb plugin would load Mesa's OpenGL, whose LLVM clashes with TensorFlow's (a segfault or an
# abort at exit). The app draws nothing with OpenGL, so switch the integration off before any
# QApplication exists; run_app does the same, this covers tests and scripts that build windows.
os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")

__all__ = ["MainWindow", "run_app"]


def __getattr__(name: str):
    # Lazy, so that `handwriting.gui.app.app` can check for a display before Qt widgets are imported.
    if name == "MainWindow":
        from handwriting.gui.app.main_window import MainWindow

        return MainWindow
    if name == "run_app":
        from handwriting.gui.app.app import run_app

        return run_app
    raise AttributeError(f"module 'handwriting.gui' has no attribute {name!r}")
