"""Every text a user can see in a window: widgets, menus, actions, tooltips, tabs, plot titles and axis labels.

`english_left(texts)` keeps those that still read as English: a run of three or more Latin letters
that is not one of the names any language writes in Latin letters (MNIST, LeNet-5, ReLU, file names...).
"""

from __future__ import annotations

import html
import re

import pyqtgraph as pg
from PyQt5.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QAction,
    QComboBox,
    QGraphicsTextItem,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

# Names that stay in Latin letters in a Japanese UI: products, formats, layer and preset names, keys.
WHITELIST = (
    "MNIST", "LeNet-5", "LeNet", "LeCun", "ReLU", "AdamW", "TensorFlow", "Keras", "keras", "Qt", "English",
    "lenet5", "wide", "fast", "px", "Ctrl", "Shift", "Esc", "Del", "Delete", "Enter", "UTC", "HANDWRITING_TRAIN_LIMIT",
    "TensorBoard", "tensorboard", "pip install",
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


def _graphics_texts(view: pg.GraphicsView, where: str) -> list[tuple[str, str]]:
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


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for one widget's own texts."""
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


def action_texts(action: QAction) -> list[tuple[str, str]]:
    """(where, text) for an action: text, tooltip and status tip (the tooltip is the text when none was set)."""
    name = f"QAction#{action.objectName() or action.text()}"
    if action.isSeparator():
        return []
    return [(f"{name} text", action.text()), (f"{name} tooltip", action.toolTip()),
            (f"{name} status tip", action.statusTip())]


def window_texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text of `window` and its children, its menus and actions included, hidden tabs too."""
    texts = widget_texts(window)
    for widget in window.findChildren(QWidget):
        texts += widget_texts(widget)
    for action in window.findChildren(QAction):
        if isinstance(action.parent(), QWidget):  # not pyqtgraph's scene menu ("Export..."): these plots show none
            texts += action_texts(action)
    return [(where, text) for where, text in texts if text and text.strip()]
