"""Start the desktop app: display check, QApplication set-up, the main window, optional timing output."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "error: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app cannot open. "
    "Run it with QT_QPA_PLATFORM=offscreen for a headless window, or use the command line: "
    "handwriting predict FILE, handwriting evaluate, handwriting train."
)


def missing_display(environ: dict | None = None, platform: str | None = None) -> bool:
    """True on Linux when Qt would have no display to open: no QT_QPA_PLATFORM, DISPLAY or WAYLAND_DISPLAY."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def process_start_time() -> float:
    """When this process started, in time.time() seconds: HANDWRITING_LAUNCH_TIME if set, else from /proc."""
    launched = os.environ.get("HANDWRITING_LAUNCH_TIME")
    if launched:
        try:
            return float(launched)
        except ValueError:
            pass
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_after_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - (uptime - started_after_boot)
    except (OSError, ValueError, IndexError):
        return time.time()


def _env_ms(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else None


def _first_prediction(window, report) -> None:
    """Recognise a drawn 1 with the model just loaded, and report when the answer is there (timing runs)."""
    import numpy as np

    recognizer = window.models.recognizer
    if recognizer is None:
        return
    canvas = np.zeros((window.canvas.height(), window.canvas.width()), np.uint8)
    canvas[canvas.shape[0] // 5 : canvas.shape[0] * 4 // 5, canvas.shape[1] // 2 - 8 : canvas.shape[1] // 2 + 8] = 255
    digit = recognizer.predict(canvas).digit
    report("first_prediction_s")
    print(f"first_prediction_digit={digit}", flush=True)
    print(f"tensorflow_imported={'tensorflow' in sys.modules}", flush=True)


def configure_application(app) -> None:
    """Name the application (Qt appends the display name to window titles that do not end with it), give it
    its icon and desktop file name, and install the UI language (the saved or the system's) with its font."""
    from PyQt5.QtGui import QIcon

    from handwriting.files.resources import resource_path
    from handwriting.gui.common.dialogs import app_title
    from handwriting.gui.common.i18n import install_translator

    app.setApplicationName("handwriting")
    app.setDesktopFileName("handwriting")  # handwriting.desktop: the launcher's name and icon on Wayland
    app.setWindowIcon(QIcon(str(resource_path("share/handwriting.svg"))))
    install_translator(app)
    app.setApplicationDisplayName(app_title())


def run_app(model_path: str | Path | None = None, argv: list[str] | None = None) -> int:
    """Open the main window with the given model (default: the shipped one) and run until it closes.

    Environment: HANDWRITING_TIMING=1 prints window_shown_s, model_ready_s and first_prediction_s
    (seconds since the process started, or since HANDWRITING_LAUNCH_TIME: a drawn 1 is recognised
    as soon as the model is ready) and where the window and canvas are (again on each Ctrl+N);
    HANDWRITING_QUIT_AFTER_MS=N closes the window N ms after the model has loaded or failed to
    (for smoke tests and benchmarks); HANDWRITING_TRAIN_LIMIT=N trains on N images only.
    """
    # Before any QApplication: no OpenGL integration (Mesa's LLVM clashes with TensorFlow's).
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    if missing_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2

    from PyQt5.QtCore import QEvent, QObject, Qt, QTimer
    from PyQt5.QtWidgets import QApplication

    from handwriting.gui.app.main_window import MainWindow

    started = process_start_time()
    timing = os.environ.get("HANDWRITING_TIMING") == "1"
    quit_after = _env_ms("HANDWRITING_QUIT_AFTER_MS")

    app = QApplication.instance()
    if app is None:
        QApplication.setAttribute(Qt.AA_EnableHighDpiScaling, True)  # crisp on HiDPI screens
        QApplication.setAttribute(Qt.AA_UseHighDpiPixmaps, True)
        app = QApplication(list(argv) if argv else sys.argv[:1])
    configure_application(app)

    window = MainWindow(model_path=model_path)

    def where() -> None:
        """Where to point the mouse and what to crop, for scripted screenshots (benchmarks/screenshots.py)."""
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)  # a layout on its way is in place first
        corner = window.canvas.mapToGlobal(window.canvas.rect().topLeft())
        frame = window.frameGeometry()
        print(f"canvas_at={corner.x()},{corner.y()},{window.canvas.width()},{window.canvas.height()}")
        print(f"window_at={frame.x()},{frame.y()},{frame.width()},{frame.height()}", flush=True)

    def report(name: str) -> None:
        if timing:
            print(f"{name}={time.time() - started:.3f}", flush=True)
            if name == "window_shown_s":
                where()

    class FirstPaint(QObject):
        """Reports once, right after the window's first paint."""

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: report("window_shown_s"))
            return False

    first_paint = FirstPaint(window)
    window.installEventFilter(first_paint)
    window.modelLoaded.connect(lambda: report("model_ready_s"))
    window.modelFailed.connect(lambda message: report("model_failed_s"))
    if timing:
        window.modelLoaded.connect(lambda: _first_prediction(window, report))
        window.trainingEpoch.connect(lambda record: print(f"training_epoch={record['epoch']}", flush=True))
        # Number mode's wide canvas moves the canvas (and may resize the window): where it is now.
        window.actions.number_mode.toggled.connect(lambda _on: QTimer.singleShot(0, where))
    if quit_after is not None:
        window.modelLoaded.connect(lambda: QTimer.singleShot(quit_after, window.close))
        window.modelFailed.connect(lambda message: QTimer.singleShot(quit_after, window.close))
    window.show()
    code = app.exec_()
    window.shutdown()
    return code
