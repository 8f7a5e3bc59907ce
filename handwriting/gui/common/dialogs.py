"""The window title, the question after a run, the About box and the file choosers."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QPoint, QRect, QStandardPaths, Qt
from PyQt5.QtWidgets import (
    QComboBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from handwriting import __version__
from handwriting.files import catalog
from handwriting.recognition.images import readable_formats

APP_NAME = "Handwriting"  # a name, in every language: the launcher (share/handwriting.desktop) and the docs say it
translate = QCoreApplication.translate


def app_title() -> str:
    """The app's name: "Handwriting", as the application menu and the docs name it, in every language."""
    return APP_NAME


def window_title(model_name: str | None) -> str:
    """ "default.keras — Handwriting": the app name last, once.

    Qt appends the application display name to a title unless the title already ends with it.
    """
    return f"{model_name} — {app_title()}" if model_name else app_title()


def about_html(history: dict, model_path: Path | None, evaluated: float | None = None) -> str:
    """The About box text: app version and the loaded model's preset, size, accuracy and date; `evaluated`, the
    Evaluation tab's test accuracy for this model, stands in for one its file does not hold (a personal model)."""

    unknown = translate("Dialogs", "unknown")

    def value(key: str, fmt: str = "{}") -> str:
        item = history.get(key)
        return unknown if item is None else html.escape(fmt.format(item))

    accuracy = history.get("test_accuracy")
    if history.get("kind") == "personal":  # fine-tuned, not trained: no epochs of its own
        learnt = (translate("Dialogs", "Learnt from"), translate("Dialogs", "{base}, fine-tuned on {count} of your "
                  "drawings").format(base=html.escape(Path(str(history.get("base_model", "?"))).name),
                                     count=history.get("samples", "?")))
    else:
        learnt = (translate("Dialogs", "Epochs"), str(len(history.get("epochs") or [])) if history else unknown)
    rows = [
        (translate("Dialogs", "Model file"),
         html.escape(str(model_path)) if model_path else translate("Dialogs", "none loaded")),
        (translate("Dialogs", "Preset"), value("preset")),
        (translate("Dialogs", "Parameters"), value("parameters", "{:,}")),
        (translate("Dialogs", "Test accuracy"), test_accuracy_text(accuracy, evaluated)),
        (translate("Dialogs", "Trained"), value("created").replace("T", " ")),
        learnt,
    ]
    table = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    about = translate(
        "Dialogs", "Version {version}. Reads handwritten digits with a LeNet-5-style convolutional network trained "
        "on MNIST, on digits real people wrote with a pen (UCI pen digits, UNIPEN) and on generated drawings that "
        "are not digits; a second, small network reads the pen's path."
    ).format(version=__version__)
    return f"<h3>{app_title()}</h3><p>{about}</p><table>{table}</table>"


def test_accuracy_text(stored: float | None, evaluated: float | None) -> str:
    """A model's test accuracy for the About box: its file's, else the Evaluation tab's, else how to measure it."""
    if stored is not None:
        return f"{stored:.2%}"
    if evaluated is not None:
        return translate("Dialogs", "{accuracy} (measured on the Evaluation tab)").format(accuracy=f"{evaluated:.2%}")
    return translate("Dialogs", "not measured yet (Model > Evaluate measures it)")


def show_about(parent: QWidget, recognizer, evaluated: float | None = None) -> QMessageBox:
    """Open the About box for the Recognizer in use (or None), non-blocking, and return it (`evaluated`: its test
    accuracy on the Evaluation tab, if measured)."""
    history = recognizer.history if recognizer is not None else {}
    model_path = recognizer.path if recognizer is not None else None
    title = translate("Dialogs", "About {app}").format(app=app_title())
    box = QMessageBox(QMessageBox.Information, title, "", QMessageBox.Ok, parent)
    box.setObjectName("aboutBox")
    box.setTextFormat(Qt.RichText)
    box.setText(about_html(history, model_path, evaluated))
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def ask_to_switch(parent: QWidget, current: catalog.ModelEntry | None, new: catalog.ModelEntry,
                  on_switch: Callable[[], None], on_keep: Callable[[], None]) -> QMessageBox:
    """After a run: the new model's figures beside the current one's, and the question (non-blocking)."""

    def cell(value: float | None) -> str:
        return translate("Dialogs", "unknown") if value is None else f"{value:.2%}"

    def column(entry: catalog.ModelEntry | None) -> list[str]:
        if entry is None:
            return [translate("Dialogs", "none"), "", "", "", ""]
        history = entry.history
        return [html.escape(entry.name), cell(entry.val_accuracy), cell(entry.test_accuracy),
                str(len(history.get("epochs") or [])) or "?", f"{history.get('train_size', 0):,}" or "?"]

    names = (
        translate("Dialogs", "Model"),
        translate("Dialogs", "Validation accuracy"),
        translate("Dialogs", "Test accuracy"),
        translate("Dialogs", "Epochs"),
        translate("Dialogs", "Training images"),
    )
    rows = zip(names, column(current), column(new), strict=True)
    table = "".join(f"<tr><td><b>{k}</b></td><td>{a}</td><td>{b}</td></tr>" for k, a, b in rows)
    better = (new.val_accuracy or 0) >= ((current.val_accuracy or 0) if current else 0)
    if better:
        advice = translate("Dialogs", "The new model validates at least as well.")
    else:
        advice = translate("Dialogs", "The new model is <b>worse</b> on validation.")
    box = QMessageBox(
        QMessageBox.Question, translate("Dialogs", "Use the new model?"), "", QMessageBox.NoButton, parent
    )
    box.setObjectName("switchModelBox")
    box.setTextFormat(Qt.RichText)
    finished = translate("Dialogs", "Training finished.")
    in_use, new_head = translate("Dialogs", "in use"), translate("Dialogs", "new")
    kept = translate("Dialogs", "Both are kept; you can switch at any time in the Model menu.")
    box.setText(
        f"<p>{finished} {advice}</p><table cellspacing=6><tr><th></th><th>{in_use}</th><th>{new_head}</th></tr>"
        f"{table}</table><p>{kept}</p>"
    )
    switch = box.addButton(translate("Dialogs", "&Switch to {model}").format(model=new.name), QMessageBox.AcceptRole)
    switch.setObjectName("switchButton")
    if current:
        keep_text = translate("Dialogs", "&Keep {model}").format(model=current.name)
    else:
        keep_text = translate("Dialogs", "&Keep none")
    keep = box.addButton(keep_text, QMessageBox.RejectRole)
    keep.setObjectName("keepButton")
    box.setDefaultButton(switch if better else keep)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_switch() if button is switch else on_keep())
    box.open()
    return box


_STANDARD_FOLDERS = {"image": QStandardPaths.PicturesLocation, "samples": QStandardPaths.DocumentsLocation}
_last_folders: dict[str, str] = {}  # this session's last folder per kind of file


def start_folder(kind: str) -> str:
    """Where a file dialog for `kind` ("image", "samples") opens: the folder used last in this session,
    else the user's Pictures or Documents folder, else home; never the folder the app was started from."""
    remembered = _last_folders.get(kind)
    if remembered and Path(remembered).is_dir():
        return remembered
    standard = QStandardPaths.writableLocation(_STANDARD_FOLDERS.get(kind, QStandardPaths.HomeLocation))
    return standard if standard and Path(standard).is_dir() else str(Path.home())


def remember_folder(kind: str, path: str) -> None:
    """The next file dialog for `kind` opens where `path` is."""
    _last_folders[kind] = str(Path(path).parent)


def choose_file(parent: QWidget, kind: str, folder: str | Path, then: Callable[[str], object]) -> None:
    """Ask for an image file (kind "image") or a model file ("model") and pass the path chosen to `then`.

    An empty `folder` starts where start_folder(kind) says.
    """
    if kind == "image":
        patterns = " ".join(f"*{suffix}" for _, suffixes in readable_formats() for suffix in suffixes)
        title = translate("Dialogs", "Open image")
        filters = translate("Dialogs", "Images ({patterns});;All files (*)").format(patterns=patterns)
    else:
        title = translate("Dialogs", "Load model")
        filters = translate("Dialogs", "Keras models (*.keras);;All files (*)")
    if not folder:
        folder = start_folder(kind)
    start = str(folder.parent if isinstance(folder, Path) and folder.suffix else folder)
    path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    if path:
        remember_folder(kind, path)
        then(path)


def push_button(parent: QWidget, text: str, tip: str, name: str, slot) -> QPushButton:
    """A dialog's button that runs `slot`; never the default button, so Enter keeps its meaning in the dialog."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def combo_text_room(combo: QComboBox, width: int | None = None) -> int:
    """Pixels a combo box of `width` (default its own) has for the text of its entry."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable, option.frame = combo.isEditable(), combo.hasFrame()
    option.rect = QRect(QPoint(0, 0), combo.sizeHint())
    if width is not None:
        option.rect.setWidth(width)
    return combo.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, combo).width()


def fit_to_items(combo: QComboBox, margin: int = 4) -> None:
    """Widen a combo box until its longest entry shows whole (Fusion's own size hint leaves a few pixels short)."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
    widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    hint = combo.sizeHint().width()
    combo.setMinimumWidth(hint + max(0, widest + 2 * margin - combo_text_room(combo, hint)))
