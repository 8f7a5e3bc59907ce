"""Every command of the window as one QAction (menus, shortcuts and buttons share them), and the menu bar."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QAction, QActionGroup, QMenu, QMenuBar, QWidget

from handwriting.gui.common.i18n import LANGUAGES
from handwriting.gui.wording import tooltip

translate = QCoreApplication.translate
TAB_NAMES = ("Draw", "Curves", "Evaluation", "Inside")


def _texts() -> dict[str, tuple[str, str]]:
    """Each action's text and tip in the current language, by attribute name."""
    return {
        "open_image": (translate("Actions", "&Open image…"),
                       translate("Actions", "Read the digit in an image file, or in number mode the number; or drop a "
                                            "file on the canvas")),
        "load_model": (translate("Actions", "&Load model…"), translate("Actions", "Load another .keras model file")),
        "quit": (translate("Actions", "&Quit"), translate("Actions", "Quit the app")),
        "undo": (translate("Actions", "&Undo"), translate("Actions", "Take back the last stroke or the last clear")),
        "clear": (translate("Actions", "&Clear"), translate("Actions", "Erase the canvas; Ctrl+Z brings it back")),
        "number_mode": (translate("Actions", "&Number"), translate(
            "Actions", "Write a whole number, its digits side by side on a wider canvas, and see it read; off: one "
            "digit at a time")),
        "thinner": (translate("Actions", "&Thinner pen"), translate("Actions", "Draw with a thinner pen")),
        "thicker": (translate("Actions", "T&hicker pen"), translate("Actions", "Draw with a thicker pen")),
        "sample": (translate("Actions", "&Random sample"),
                   translate("Actions", "Show a random image of the official MNIST test set and its prediction")),
        "evaluate": (translate("Actions", "&Evaluate"),
                     translate("Actions", "Accuracy, confusion matrix and mistakes on the 10,000 test images")),
        "retrain": (translate("Actions", "Re&train…"), translate(
            "Actions", "Train a new model in the background, saved beside the others, never over one")),
        "cancel_training": (translate("Actions", "&Cancel training"),
                            translate("Actions", "Stop the running training; the model in use is kept")),
        "learn_handwriting": (translate("Actions", "Learn my &handwriting…"),
                              translate("Actions", "Draw each digit three times; the app learns how you write")),
        "stop_learning": (translate("Actions", "S&top learning my handwriting"), translate(
            "Actions", "Stop the fine-tune running in the background; your samples and the model in use are kept")),
        "handwriting_samples": (translate("Actions", "My handwriting &samples…"),
                                translate("Actions", "See, relabel, delete, export or import your stored drawings")),
        "keep_drawings": (translate("Actions", "&Keep my drawings to learn from"), translate(
            "Actions", "Keep the drawings you correct (and, with Learn from drawings I don't correct, those you let "
            "stand when the answer was at least 95% sure) on this computer, to learn your handwriting. Off: nothing "
            "new is kept; My handwriting samples and Forget my handwriting delete what was kept before")),
        "learn_from_accepted": (translate("Actions", "Learn from drawings I &don't correct"), translate(
            "Actions", "Keep each drawing you clear without correcting, when its answer was at least 95% sure; "
            "every 50 teach the personal model how you write. A wrong answer: press the right digit key before "
            "clearing. They stay on this computer (see My handwriting samples)")),
        "forget_handwriting": (translate("Actions", "&Forget my handwriting…"), translate(
            "Actions", "Delete your drawings and the personal model; back to the base model")),
        "revert": (translate("Actions", "Re&vert to previous model"),
                   translate("Actions", "Switch back to the model used before the last switch")),
        "rename_model": (translate("Actions", "Re&name model…"), translate("Actions", "Rename the model in use")),
        "delete_model": (translate("Actions", "&Delete model…"), translate("Actions", "Delete one of your models")),
        "about": (translate("Actions", "&About"), translate("Actions", "The app and the model in use")),
        "about_qt": (translate("Actions", "About &Qt"), translate("Actions", "The Qt version")),
    }


def _tab_texts() -> list[tuple[str, str]]:
    """The View menu's tab entries: text and tip, in tab order."""
    return [
        (translate("Actions", "&Draw"), translate("Actions", "Show the draw tab")),
        (translate("Actions", "Training &curves"), translate("Actions", "Show the training curves tab")),
        (translate("Actions", "&Evaluation"), translate("Actions", "Show the evaluation tab")),
        (translate("Actions", "&Look inside"), translate("Actions", "Show the look inside tab")),
    ]


def _menu_titles() -> dict[str, str]:
    return {
        "file": translate("Actions", "&File"),
        "edit": translate("Actions", "&Edit"),
        "view": translate("Actions", "&View"),
        "language": translate("Actions", "&Language"),
        "model": translate("Actions", "&Model"),
        "help": translate("Actions", "&Help"),
    }


def with_keys(action: QAction, tip: str) -> str:
    """A tip followed by the action's shortcut, "Quit the app (Ctrl+Q)"."""
    keys = action.shortcut().toString(QKeySequence.NativeText)
    return f"{tip} ({keys})" if keys else tip


def set_tip(action: QAction, tip: str) -> None:
    """The same text as tooltip (wrapped when long: wording.tooltip) and status tip."""
    action.setToolTip(tooltip(tip))
    action.setStatusTip(tip)


class Actions:
    """The window's actions, created with their names, shortcuts and tips; the window connects them.

    retranslate() sets their texts again in the current language (the model menu's view then updates
    the entries whose text depends on the model).
    """

    def __init__(self, window: QWidget) -> None:
        self._window = window
        a = self._make
        self.open_image = a("actionOpenImage", QKeySequence.Open)
        self.load_model = a("actionLoadModel", "Ctrl+L")
        self.quit = a("actionQuit", "Ctrl+Q")
        self.undo = a("actionUndo", QKeySequence.Undo)
        self.clear = a("actionClear", ["Esc", "Delete"])
        self.number_mode = a("actionNumberMode", "Ctrl+N")
        self.number_mode.setCheckable(True)  # one digit at a time until the user asks for a number
        self.thinner = a("actionThinnerPen", "Ctrl+[")
        self.thicker = a("actionThickerPen", "Ctrl+]")
        self.sample = a("actionRandomSample", "Ctrl+R")
        self.evaluate = a("actionEvaluate", "Ctrl+E")
        self.retrain = a("actionRetrain", "Ctrl+T")
        self.cancel_training = a("actionCancelTraining", "Ctrl+Shift+T")
        self.cancel_training.setEnabled(False)
        self.learn_handwriting = a("actionLearnHandwriting", None)
        self.stop_learning = a("actionStopLearning", None)
        self.stop_learning.setEnabled(False)  # while a fine-tune runs
        self.handwriting_samples = a("actionHandwritingSamples", None)
        self.keep_drawings = a("actionKeepDrawings", None)
        self.keep_drawings.setCheckable(True)  # unticked until the user says yes
        self.learn_from_accepted = a("actionLearnFromAccepted", None)
        self.learn_from_accepted.setCheckable(True)
        self.learn_from_accepted.setChecked(True)
        self.forget_handwriting = a("actionForgetHandwriting", None)
        self.correct = [a(f"actionCorrect{digit}", str(digit)) for digit in range(10)]
        self.revert = a("actionRevertModel", None)
        self.rename_model = a("actionRenameModel", None)
        self.delete_model = a("actionDeleteModel", None)
        self.about = a("actionAbout", QKeySequence.HelpContents)
        self.about_qt = a("actionAboutQt", None)
        self.show_tab = [a(f"actionShow{name}", f"Ctrl+{index + 1}") for index, name in enumerate(TAB_NAMES)]
        # View > Language: each language named in its own language; checked: the one in use.
        self.language_group = QActionGroup(window)
        self.language_group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, window)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.languages[code] = action
        self._menus: dict[str, QMenu] = {}
        self.retranslate()

    def _make(self, name: str, shortcut) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        self._window.addAction(action)  # shortcuts work whichever tab has the focus
        return action

    def retranslate(self) -> None:
        """Texts, tooltips and status tips in the current language; menu titles too once built."""
        for attribute, (text, tip) in _texts().items():
            action = getattr(self, attribute)
            action.setText(text)
            set_tip(action, with_keys(action, tip))
        for action, (text, tip) in zip(self.show_tab, _tab_texts(), strict=True):
            action.setText(text)
            set_tip(action, with_keys(action, tip))
        for digit, action in enumerate(self.correct):
            action.setText(translate("Actions", "The digit is &{digit}").format(digit=digit))
            tip = translate("Actions", "Store this drawing as {digit} and learn from it").format(digit=digit)
            set_tip(action, with_keys(action, tip))
        if "correct" in self._menus:
            self._menus["correct"].setTitle(translate("Actions", "&Correct the prediction"))
        for code, action in self.languages.items():
            set_tip(action, translate("Actions", "Show the app in {language}").format(language=LANGUAGES[code]))
        for key, title in _menu_titles().items():
            if key in self._menus:
                self._menus[key].setTitle(title)

    def check_language(self, language: str) -> None:
        """Tick the language in use in View > Language."""
        if language in self.languages:
            self.languages[language].setChecked(True)

    def build_menus(self, bar: QMenuBar) -> QMenu:
        """Fill the menu bar; returns the Model menu (objectName modelMenu), whose model list is a view's."""
        titles = _menu_titles()
        file_menu = self._menus["file"] = bar.addMenu(titles["file"])
        file_menu.addActions([self.open_image, self.load_model])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = self._menus["edit"] = bar.addMenu(titles["edit"])
        edit_menu.addActions([self.undo, self.clear])
        edit_menu.addSeparator()
        edit_menu.addAction(self.number_mode)
        edit_menu.addSeparator()
        edit_menu.addActions([self.thinner, self.thicker])
        view_menu = self._menus["view"] = bar.addMenu(titles["view"])
        view_menu.addActions(self.show_tab)
        view_menu.addSeparator()
        language_menu = self._menus["language"] = view_menu.addMenu(titles["language"])
        language_menu.setObjectName("languageMenu")
        language_menu.addActions(list(self.languages.values()))
        model_menu = self._menus["model"] = bar.addMenu(titles["model"])
        model_menu.setObjectName("modelMenu")
        model_menu.setToolTipsVisible(True)  # disabled entries say why
        model_menu.addActions([self.sample, self.evaluate])
        model_menu.addSeparator()
        model_menu.addActions([self.retrain, self.cancel_training])
        model_menu.addSeparator()
        model_menu.addActions(
            [self.learn_handwriting, self.stop_learning, self.handwriting_samples, self.keep_drawings,
             self.learn_from_accepted]
        )
        correct_menu = self._menus["correct"] = model_menu.addMenu(translate("Actions", "&Correct the prediction"))
        correct_menu.setObjectName("correctMenu")
        correct_menu.setToolTipsVisible(True)
        correct_menu.addActions(self.correct)
        model_menu.addAction(self.forget_handwriting)
        model_menu.addSeparator()  # the list of models goes below (ModelMenu)
        help_menu = self._menus["help"] = bar.addMenu(titles["help"])
        help_menu.addActions([self.about, self.about_qt])
        return model_menu
