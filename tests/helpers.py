"""Helpers shared by the tests: drawings, image files, small jobs for child processes, and driving the window.

Nothing here imports Qt at import time: a child process that imports this module for its job must not load Qt.
"""

from __future__ import annotations

import html
import itertools
import multiprocessing
import os
import re
import shutil
import struct
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from handwriting.files.model_files import history_path_for
from handwriting.personal.replay import ReplayData
from handwriting.personal.tuning import Recipe

# --- Drawings ------------------------------------------------------------------------------------

# A "7" as a polyline in a unit square: a bar from left to right, then down to the bottom left.
SEVEN = [(0.15, 0.1), (0.85, 0.1), (0.4, 0.95)]
TWO = [(0.1, 0.25), (0.3, 0.05), (0.7, 0.05), (0.85, 0.3), (0.1, 0.95), (0.9, 0.95)]
CANVAS_SCALE, CANVAS_OFFSET = 200, (40, 40)  # the unit square on the app's 280x280 canvas


def draw(points, size=280, scale=200, offset=(40, 40), pen=18) -> np.ndarray:
    """A polyline drawn with a round pen, as the app's canvas would (uint8, ink bright)."""
    image = Image.new("L", (size, size), 0)
    pen_draw = ImageDraw.Draw(image)
    xy = [(offset[0] + x * scale, offset[1] + y * scale) for x, y in points]
    pen_draw.line(xy, fill=255, width=pen, joint="curve")
    for x, y in (xy[0], xy[-1]):
        pen_draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
    return np.asarray(image)


def mouse_path(points, step: float = 10.0) -> list[tuple[int, int]]:
    """The polyline on the canvas as a mouse would move along it: a point every `step` pixels."""
    xy = [np.array([CANVAS_OFFSET[0] + x * CANVAS_SCALE, CANVAS_OFFSET[1] + y * CANVAS_SCALE]) for x, y in points]
    path = [xy[0]]
    for start, end in itertools.pairwise(xy):
        count = max(1, int(np.linalg.norm(end - start) // step))
        path += [start + (end - start) * (i / count) for i in range(1, count + 1)]
    return [(round(float(x)), round(float(y))) for x, y in path]


MOUSE_SEVEN = mouse_path(SEVEN)  # SEVEN dragged on the canvas with the mouse


def pen_strokes(*polylines, scale: float = 1.0) -> list[np.ndarray]:
    """Polylines as pen strokes: (n, 2) float arrays of (x, y), y growing down, scaled by `scale`."""
    return [np.asarray(polyline, np.float64).reshape(-1, 2) * scale for polyline in polylines]


RING = [(0.5 + 0.4 * np.cos(t), 0.5 + 0.5 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 40)]  # a 0, closed
ONE = [(0.5, 0.0), (0.5, 1.0)]  # a 1 written top down
FOUR = ([(0.45, 0.0), (0.1, 0.65), (0.9, 0.65)], [(0.7, 0.05), (0.7, 1.0)])  # an open 4: diagonal and bar, stem


def written_number(*digits, size=(720, 200), left=40, top=20, height=150, advance=140, pen=18, step=8.0):
    """Digits written side by side on the number canvas (720x200), each a polyline or a tuple of polylines in a unit
    square (SEVEN, RING, FOUR...): (pixels, strokes), the strokes with a point every `step` pixels, in drawing order,
    as the mouse would drag them (helpers.drag) and the canvas would keep them."""
    image = Image.new("L", size, 0)
    pen_draw = ImageDraw.Draw(image)
    strokes = []
    for index, digit in enumerate(digits):
        for polyline in digit if isinstance(digit, tuple) else (digit,):
            xy = [np.array([left + index * advance + x * height * 0.8, top + y * height]) for x, y in polyline]
            path = [xy[0]]
            for start, end in itertools.pairwise(xy):
                count = max(1, int(np.linalg.norm(end - start) // step))
                path += [start + (end - start) * (i / count) for i in range(1, count + 1)]
            points = [(round(float(x)), round(float(y))) for x, y in path]
            pen_draw.line(points, fill=255, width=pen, joint="curve")
            for x, y in (points[0], points[-1]):
                pen_draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
            strokes.append(np.array(points, np.float64))
    return np.asarray(image), strokes


# --- Image files ---------------------------------------------------------------------------------

INK = draw(SEVEN)  # uint8, bright ink on black


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size but holds no pixel data: enough to test refusal before decoding."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def make_file(kind: str, folder: Path) -> Path:
    """Write the test image of the given kind; returns its path."""
    path = folder / f"{kind}.png"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text-renamed-png":
        path.write_text("this is a text file, renamed .png\n")
    elif kind == "truncated-png":
        Image.fromarray(INK).save(path)
        path.write_bytes(path.read_bytes()[:200])
    elif kind == "1x1-white":
        Image.new("L", (1, 1), 255).save(path)
    elif kind == "1x1-black":
        Image.new("L", (1, 1), 0).save(path)
    elif kind == "20000x20000":
        path.write_bytes(png_header_only(20_000, 20_000))
    elif kind == "zero-width":
        path.write_bytes(png_header_only(0, 100))
    elif kind == "16-bit":
        Image.fromarray(INK.astype(np.uint16) * 257).save(path)
    elif kind == "palette":
        Image.fromarray(255 - INK).convert("P").save(path)
    elif kind == "cmyk-jpeg":
        path = folder / "cmyk.jpg"
        Image.fromarray(255 - INK).convert("CMYK").save(path, quality=95)
    elif kind in ("rgba-dark-ink-transparent", "rgba-white-ink-transparent"):
        rgba = np.zeros((*INK.shape, 4), np.uint8)
        rgba[..., :3] = 0 if "dark" in kind else 255
        rgba[..., 3] = INK
        Image.fromarray(rgba, "RGBA").save(path)
    elif kind == "rgba-fully-transparent":
        Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(path)
    elif kind == "animated-gif":
        path = folder / "anim.gif"
        frames = [Image.fromarray(255 - INK), Image.fromarray(np.full_like(INK, 255))]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    elif kind == "float-tiff":
        path = folder / "float.tif"
        Image.fromarray(INK.astype(np.float32) / 255 * 1000, "F").save(path)
    elif kind == "all-white":
        Image.new("L", (280, 280), 255).save(path)
    elif kind == "all-black":
        Image.new("RGB", (280, 280), 0).save(path)
    elif kind == "folder":
        path = folder / "a-folder.png"
        path.mkdir()
    elif kind in ("missing", "unreadable"):
        if kind == "unreadable":
            Image.fromarray(INK).save(path)
    else:
        raise AssertionError(kind)
    return path


# --- The personal store and fine-tune --------------------------------------------------------------

TINY = Recipe(steps=3, batch_size=8)


def tiny_replay(mnist, count: int = 64) -> ReplayData:
    """A small replay and calibration set: MNIST digits and a few blank "not a digit" images."""
    x = np.concatenate([mnist.train_images[:count], np.zeros((8, 28, 28), np.uint8)])
    y = np.concatenate([mnist.train_labels[:count], np.full(8, 10, np.uint8)])
    return ReplayData(x, y, x.copy(), y.copy(), np.full(len(y), -1))


def enrolled(store, mnist, per_digit: int = 2) -> None:
    for digit in range(10):
        for index in np.flatnonzero(mnist.test_labels == digit)[:per_digit]:
            store.add(mnist.test_images[index].astype(np.float32) / 255.0, digit, source="enrolment")


# --- Jobs for child processes (top-level, so a spawned child can import them) and process checks ----


def group_members(pgid: int) -> list[int]:
    """The ids of the processes in process group `pgid` (Linux /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def no_process_left(pid: int) -> bool:
    """The child is reaped (not even a zombie), nothing of its process group is left, and no child is tracked."""
    gone = not Path(f"/proc/{pid}").exists() and not group_members(pid)
    return gone and multiprocessing.active_children() == []


def report_modules_job(monitor) -> dict:
    """Return which heavy libraries the child has imported."""
    return {name: name in sys.modules for name in ("PyQt5", "tensorflow", "pytest")}


def failing_job(monitor, message: str) -> None:
    """Raise a ValueError with `message` (a user-facing error)."""
    raise ValueError(message)


def crashing_job(monitor) -> None:
    """Raise an unexpected error."""
    raise RuntimeError("boom")


def exiting_job(monitor, code: int) -> None:
    """End the process abruptly with `code`, sending nothing."""
    os._exit(code)


def stubborn_job(monitor, seconds: float) -> str:
    """Ignore stop requests (as a run stuck before its first batch would) and sleep."""
    time.sleep(seconds)
    return "slept"


def polite_job(monitor, seconds: float) -> str:
    """Send a batch event every 10 ms; return "stopped" soon after a stop request."""
    monitor.on_start(1, 1000)
    for step in range(int(seconds * 100)):
        if monitor.stop_requested:
            return "stopped"
        monitor.on_batch(0, step, 1000, {"loss": 1.0})
        time.sleep(0.01)
    return "ran out"


def saving_job(monitor, seconds: float) -> str:
    """Start saving at once, then take `seconds` to finish."""
    monitor.on_saving()
    time.sleep(seconds)
    return "saved"


def parent_of_a_helper_job(monitor, seconds: float) -> None:
    """Start a helper process (as the drawing pool does), announce it, then sleep."""
    import subprocess

    helper = subprocess.Popen(["sleep", str(seconds)])
    monitor.send({"kind": "helper", "pid": helper.pid})
    time.sleep(seconds)


# --- Driving the window (Qt is imported inside each helper) -----------------------------------------

LOAD_TIMEOUT_MS = 60_000


def first_digit(text: str) -> int | None:
    """The first digit character of a label, None when there is none."""
    match = re.search(r"\d", text)
    return int(match.group()) if match else None


def drag(widget, points, release: bool = True) -> None:
    """Press at the first point, move through the others with the left button held, release at the last.

    QTest.mouseMove does not deliver move events to widgets in Qt 5, so the moves are real
    QMouseEvents with the left button down, sent like a mouse would.
    """
    from PyQt5.QtCore import QEvent, QPoint, QPointF, Qt
    from PyQt5.QtGui import QMouseEvent
    from PyQt5.QtTest import QTest
    from PyQt5.QtWidgets import QApplication

    QTest.mousePress(widget, Qt.LeftButton, Qt.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        move = QMouseEvent(QEvent.MouseMove, QPointF(x, y), Qt.NoButton, Qt.LeftButton, Qt.NoModifier)
        QApplication.sendEvent(widget, move)
    if release:
        QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, QPoint(*points[-1]))


def copy_model(source: Path, folder: Path, name: str = "model.keras") -> Path:
    """Copy a model and its history into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    if history_path_for(source).exists():
        shutil.copyfile(history_path_for(source), history_path_for(target))
    return target


def start_training(window, config, out: Path | None = None, train_limit: int | None = None) -> bool:
    """What Model > Retrain… does once its dialog is accepted; `train_limit` keeps test runs short."""
    if train_limit is not None:
        config = replace(config, train_limit=train_limit)
    return window.training.start(config, out)


def remember_keeping(keep: bool = True) -> None:
    """The user's answer to "keep your drawings to learn from?", remembered in their settings file as the app does.

    Before a window is built: it starts with that answer, as after a yes (or no) in an earlier session.
    """
    from PyQt5.QtCore import QSettings

    from handwriting.files.paths import user_paths
    from handwriting.gui.personal.consent_presenter import KEEP_DRAWINGS_KEY

    settings = QSettings(str(user_paths().settings), QSettings.IniFormat)
    settings.setValue(KEEP_DRAWINGS_KEY, "yes" if keep else "no")
    settings.sync()


def idle_job_runner_class():
    """A job runner that never runs a job: the test plays its signals."""
    from handwriting.gui.controllers.job_runner import JobRunner

    class IdleJobRunner(JobRunner):
        def start(self, job, kwargs) -> None:
            self.out = kwargs["out"]

        def cancel(self) -> None:
            pass

        def abandon(self) -> None:
            pass

        def busy(self) -> bool:
            return False

        def shutdown(self) -> None:
            pass

    return IdleJobRunner



def enrol_one_seven(window, monkeypatch, jobs):
    """Put `jobs` (a JobRunner the test plays) in the window's personal controller, open Learn my handwriting,
    draw one 7 and skip every other prompt: the enrolment then starts its fine-tune. Returns the dialog."""
    monkeypatch.setattr(window.personal, "_jobs", jobs)
    jobs.finished.connect(window.personal._on_finished)
    jobs.failed.connect(window.personal._on_failed)
    dialog = window.personal_presenter.open_enrolment()
    drag(dialog.canvas, MOUSE_SEVEN)
    dialog.next_button.click()
    while not dialog.plan.finished:
        dialog.skip_button.click()
    return dialog

# --- Every text a user can see in a window (the Japanese tests) -------------------------------------
# `english_left(texts)` keeps those that still read as English: a run of three or more Latin letters
# that is not one of the names any language writes in Latin letters (MNIST, LeNet-5, ReLU, file names...).

WHITELIST = (
    "MNIST", "LeNet-5", "LeNet", "LeCun", "ReLU", "AdamW", "TensorFlow", "Keras", "keras", "Qt", "English",
    "lenet5", "wide", "fast", "px", "Ctrl", "Shift", "Esc", "Del", "Delete", "Enter", "UTC", "HANDWRITING_TRAIN_LIMIT",
    "TensorBoard", "tensorboard", "pip install", "Handwriting", "UNIPEN", "UCI",
    "PNG", "JPEG", "BMP", "GIF", "TIFF", "WebP", "PGM", "PPM",  # image formats
    "handwriting train",  # a command
)
FILE_NAME = re.compile(r"\S+\.(?:keras|png|jpe?g|bmp|gif|tiff?|webp|pgm|ppm|json)\b|(?:/[^\s/]+)+/?|\*\.\w+")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Rich text as the words shown: no tags, entities decoded, no mnemonic ampersands."""
    text = html.unescape(TAGS.sub(" ", text or ""))
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def english_left(texts: list[tuple[str, str]], names: list[str] = ()) -> list[tuple[str, str]]:
    """The (where, text) pairs whose text still has English words once file names and known names are removed.

    `names`: more words to allow, such as the names of the user's models.
    """
    left = []
    for where, text in texts:
        words = FILE_NAME.sub(" ", plain(text))
        for name in (*names, *WHITELIST):
            words = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", words)
        if ENGLISH.search(words):
            left.append((where, text))
    return left


def _graphics_texts(view, where: str) -> list[tuple[str, str]]:
    import pyqtgraph as pg
    from PyQt5.QtWidgets import QGraphicsTextItem

    texts = []
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            if item.label.isVisible():
                texts.append((f"{where} axis", item.labelText))
            texts += [(f"{where} tick", str(label)) for level in (item._tickLevels or []) for _, label in level]
        elif isinstance(item, pg.LabelItem) and item.isVisible():
            texts.append((f"{where} label", item.text))
        elif isinstance(item, QGraphicsTextItem) and item.isVisible():
            texts.append((f"{where} text", item.toPlainText()))
    return texts


def widget_texts(widget) -> list[tuple[str, str]]:
    """(where, text) for one widget's own texts."""
    import pyqtgraph as pg
    from PyQt5.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QTableWidget,
        QTabWidget,
    )

    name = f"{type(widget).__name__}#{widget.objectName()}"
    texts = [(f"{name} tooltip", widget.toolTip()), (f"{name} status tip", widget.statusTip())]
    if widget.isWindow():
        texts.append((f"{name} title", widget.windowTitle()))
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append((f"{name} text", widget.text()))
    elif isinstance(widget, QGroupBox):
        texts.append((f"{name} title", widget.title()))
    elif isinstance(widget, QLineEdit):
        texts.append((f"{name} placeholder", widget.placeholderText()))
    elif isinstance(widget, QAbstractSpinBox):
        texts.append((f"{name} text", widget.text()))
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            texts.append((f"{name} item tooltip", str(widget.itemData(index, 3) or "")))  # Qt.ToolTipRole
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            texts += [(f"{name} tab", widget.tabText(index)), (f"{name} tab tooltip", widget.tabToolTip(index))]
    elif isinstance(widget, QMenu):
        texts.append((f"{name} menu", widget.title()))
    elif isinstance(widget, QListWidget):
        for row in range(min(widget.count(), 20)):
            item = widget.item(row)
            texts += [(f"{name} item", item.text()), (f"{name} item tooltip", item.toolTip())]
    elif isinstance(widget, QTableWidget):
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                item = widget.item(row, column)
                if item is not None:
                    texts += [(f"{name} cell", item.text()), (f"{name} cell tooltip", item.toolTip())]
    if isinstance(widget, pg.GraphicsView):
        texts += _graphics_texts(widget, name)
    return texts


def action_texts(action) -> list[tuple[str, str]]:
    """(where, text) for an action: text, tooltip and status tip (the tooltip is the text when none was set)."""
    name = f"QAction#{action.objectName() or action.text()}"
    if action.isSeparator():
        return []
    return [(f"{name} text", action.text()), (f"{name} tooltip", action.toolTip()),
            (f"{name} status tip", action.statusTip())]


def window_texts(window) -> list[tuple[str, str]]:
    """Every text of `window` and its children, its menus and actions included, hidden tabs too."""
    from PyQt5.QtWidgets import QAction, QWidget

    texts = widget_texts(window)
    for widget in window.findChildren(QWidget):
        texts += widget_texts(widget)
    for action in window.findChildren(QAction):
        if isinstance(action.parent(), QWidget):  # not pyqtgraph's scene menu ("Export..."): these plots show none
            texts += action_texts(action)
    return [(where, text) for where, text in texts if text and text.strip()]
