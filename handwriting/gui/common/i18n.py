"""The UI language: Qt translators for Japanese (English is the source), a font with the glyphs, the choice remembered.

The language is the one chosen in View > Language (kept in the settings file), else the system's
(QLocale's UI languages, which follow LANGUAGE, LC_ALL, LC_MESSAGES and LANG on Linux), else English.
`install_translator` is idempotent and called both by the app's start-up and by MainWindow, so a
window built in a bare QApplication speaks the same language as the launched app. Switching
installs other translators; Qt then sends every widget a LanguageChange event (MainWindow retranslates).
"""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PyQt5.QtGui import QFont, QFontDatabase
from PyQt5.QtWidgets import QApplication

from handwriting.files.paths import user_paths
from handwriting.files.resources import resource_path

ENGLISH, JAPANESE = "en", "ja"
LANGUAGES = {ENGLISH: "English", JAPANESE: "日本語"}  # each named in its own language, never translated
SETTING = "ui/language"
LANGUAGE_PROPERTY = "handwritingLanguage"  # on the QCoreApplication: the language installed
TRANSLATOR_NAME = "handwritingTranslator"
# Japanese UI fonts, best first; any other family whose writing systems include Japanese comes after.
JAPANESE_FAMILIES = ("Noto Sans CJK JP", "Source Han Sans JP", "IPAPGothic", "IPAGothic", "TakaoPGothic",
                     "VL PGothic", "Yu Gothic UI", "Meiryo UI", "Meiryo", "Hiragino Sans", "MS UI Gothic")

_base_font: QFont | None = None  # the application font before a Japanese one replaced it


def translations_folder() -> Path:
    """Where the compiled translations (handwriting_ja.qm) are shipped: handwriting/i18n/."""
    return resource_path("i18n")


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages that the app speaks; English when none is."""
    for tag in (locale or QLocale.system()).uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
        if code == "c":
            break
    return ENGLISH


def _settings() -> QSettings:
    return QSettings(str(user_paths().settings), QSettings.IniFormat)


def saved_language(settings: QSettings | None = None) -> str | None:
    """The language chosen in View > Language, or None when the system's is followed."""
    value = (settings or _settings()).value(SETTING, "", type=str)
    return value if value in LANGUAGES else None


def wanted_language(settings: QSettings | None = None) -> str:
    """The language to use: the one chosen in the app, else the system's."""
    return saved_language(settings) or system_language()


def current_language() -> str:
    """The language installed in the running application (English before any was)."""
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return value if value in LANGUAGES else ENGLISH


def japanese_family(families: list[str] | None = None) -> str | None:
    """A font family that has Japanese glyphs (a preferred UI font if installed), None when there is none."""
    available = QFontDatabase().families(QFontDatabase.Japanese) if families is None else families
    for family in JAPANESE_FAMILIES:
        if family in available:
            return family
    # Mincho (serif) faces read poorly at UI sizes: any other family first.
    others = sorted(available, key=lambda name: "mincho" in name.lower() or "明朝" in name)
    return others[0] if others else None


def apply_font(language: str) -> None:
    """For Japanese, make a family with Japanese glyphs the application font (its size kept); else restore it."""
    global _base_font
    if not isinstance(QCoreApplication.instance(), QApplication):
        return
    if _base_font is None:
        _base_font = QApplication.font()
    family = japanese_family() if language == JAPANESE else None
    font = QFont(_base_font)
    if family:
        font.setFamily(family)
    if QApplication.font() != font:
        QApplication.setFont(font)  # QApplication's, not QGuiApplication's: it reaches the widgets already built


def install_translator(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Install the translators of `language` (default: wanted_language()) and its font; returns the language.

    Without `language` it changes nothing once a language is installed (MainWindow calls it each time
    one is built). Japanese installs the app's handwriting_ja.qm and Qt's own qtbase_ja.qm (the
    standard buttons and dialogs); English removes them.
    """
    app = app or QCoreApplication.instance()
    if app is None:
        return ENGLISH
    installed = app.property(LANGUAGE_PROPERTY)
    if language is None:
        if installed in LANGUAGES:
            return installed
        language = wanted_language()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    if installed == language:
        return language
    app.setProperty(LANGUAGE_PROPERTY, language)
    apply_font(language)
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    if language != ENGLISH:
        sources = ((f"qtbase_{language}", QLibraryInfo.location(QLibraryInfo.TranslationsPath)),
                   (f"handwriting_{language}", translations_folder()))
        for name, folder in sources:
            translator = QTranslator(app)
            translator.setObjectName(TRANSLATOR_NAME)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
            else:
                translator.deleteLater()
    return language


def choose_language(language: str, settings: QSettings | None = None) -> None:
    """View > Language: remember `language` and switch the running app to it (windows retranslate)."""
    settings = settings or _settings()
    settings.setValue(SETTING, language)
    settings.sync()
    install_translator(language=language)
