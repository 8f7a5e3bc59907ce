"""Every command of the window as one QAction (menus, shortcuts and buttons share them), and the menu bar."""

from __future__ import annotations

from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QAction, QMenu, QMenuBar, QWidget

TAB_NAMES = ("Draw", "Curves", "Evaluation", "Inside")


class Actions:
    """The window's actions, created with their names, shortcuts and tips; the window connects them."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        a = self._make
        self.open_image = a("&Open image…", "actionOpenImage", QKeySequence.Open,
                            "Recognise the digit in an image file (or drop a file on the canvas)")  # fmt: skip
        self.load_model = a("&Load model…", "actionLoadModel", "Ctrl+L", "Load another .keras model file")
        self.quit = a("&Quit", "actionQuit", "Ctrl+Q", "Quit the app")
        self.undo = a("&Undo", "actionUndo", QKeySequence.Undo, "Take back the last stroke or the last clear")
        self.clear = a("&Clear", "actionClear", ["Esc", "Delete"], "Erase the canvas (Ctrl+Z brings it back)")
        self.thinner = a("&Thinner pen", "actionThinnerPen", "Ctrl+[", "Draw with a thinner pen")
        self.thicker = a("T&hicker pen", "actionThickerPen", "Ctrl+]", "Draw with a thicker pen")
        self.sample = a("&Random sample", "actionRandomSample", "Ctrl+R",
                        "Show a random image of the official MNIST test set and its prediction")  # fmt: skip
        self.evaluate = a("&Evaluate", "actionEvaluate", "Ctrl+E",
                          "Accuracy, confusion matrix and mistakes on the 10,000 test images")  # fmt: skip
        self.retrain = a("Re&train…", "actionRetrain", "Ctrl+T",
                         "Train a new model in the background, saved beside the others, never over one")  # fmt: skip
        self.cancel_training = a("&Cancel training", "actionCancelTraining", "Ctrl+Shift+T",
                                 "Stop the running training; the model in use is kept")  # fmt: skip
        self.cancel_training.setEnabled(False)
        self.revert = a("Re&vert to previous model", "actionRevertModel", None,
                        "Switch back to the model used before the last switch")  # fmt: skip
        self.rename_model = a("Re&name model…", "actionRenameModel", None, "Rename the model in use")
        self.delete_model = a("&Delete model…", "actionDeleteModel", None, "Delete one of your models")
        self.about = a("&About", "actionAbout", QKeySequence.HelpContents, "The app and the model in use")
        self.about_qt = a("About &Qt", "actionAboutQt", None, "The Qt version")
        titles = ("&Draw", "Training &curves", "&Evaluation", "&Look inside")
        self.show_tab = [
            a(text, f"actionShow{name}", f"Ctrl+{index + 1}", f"Show the {text.replace('&', '').lower()} tab")
            for index, (text, name) in enumerate(zip(titles, TAB_NAMES, strict=True))
        ]

    def _make(self, text: str, name: str, shortcut, tip: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            keys = action.shortcut().toString(QKeySequence.NativeText)
            tip = f"{tip} ({keys})" if keys else tip
        action.setStatusTip(tip)
        action.setToolTip(tip)
        self._window.addAction(action)  # shortcuts work whichever tab has the focus
        return action

    def build_menus(self, bar: QMenuBar) -> QMenu:
        """Fill the menu bar; returns the Model menu (objectName modelMenu), whose model list is a view's."""
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.open_image, self.load_model])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.clear])
        edit_menu.addSeparator()
        edit_menu.addActions([self.thinner, self.thicker])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.show_tab)
        model_menu = bar.addMenu("&Model")
        model_menu.setObjectName("modelMenu")
        model_menu.setToolTipsVisible(True)  # disabled entries say why
        model_menu.addActions([self.sample, self.evaluate])
        model_menu.addSeparator()
        model_menu.addActions([self.retrain, self.cancel_training])
        model_menu.addSeparator()  # the list of models goes below (ModelMenu)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.about, self.about_qt])
        return model_menu
