"""The Japanese translation: complete, in step with the GUI's sources, compiled into the shipped .qm."""

from __future__ import annotations

import ast
import string
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "handwriting" / "gui"
TS = ROOT / "handwriting" / "i18n" / "handwriting_ja.ts"
QM = TS.with_suffix(".qm")


def ts_messages() -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation (None when unfinished) of the .ts file."""
    messages = {}
    for context in ElementTree.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None and (translation.text or "").strip()
            messages[(name, message.findtext("source"))] = translation.text if done else None
    return messages


def source_messages() -> set[tuple[str, str]]:
    """Every translate("Context", "text") and QT_TRANSLATE_NOOP("Context", "text") written in handwriting/gui."""
    found = set()
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            context, text = node.args[:2]
            literal = isinstance(context, ast.Constant) and isinstance(text, ast.Constant)
            if name in ("translate", "QT_TRANSLATE_NOOP") and literal:
                found.add((context.value, text.value))
    return found


def fields(text: str) -> list[str]:
    """The replacement fields of a str.format template, with their format specs."""
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def test_every_string_of_the_sources_is_in_the_ts_file():
    """pylupdate5 ran after the last change (and saw every call: it skips one with a trailing comma)."""
    missing = source_messages() - set(ts_messages())
    assert not missing, f"run `make translations` (and avoid a trailing comma in translate()): {sorted(missing)}"


def test_the_ts_file_has_no_string_the_sources_lost():
    stale = set(ts_messages()) - source_messages()
    assert not stale, f"run `make translations`: {sorted(stale)}"


def test_every_string_is_translated_with_the_same_placeholders():
    messages = ts_messages()
    assert len(messages) > 250
    untranslated = [key for key, value in messages.items() if value is None]
    assert not untranslated, untranslated
    for (context, source), translation in messages.items():
        assert fields(translation) == fields(source), (context, source, translation)
        assert translation.strip() != source.strip() or not any(c.isalpha() for c in source), (context, source)
        if "&" in source.replace("&&", ""):
            assert "&" in translation, f"{context}: {source!r} lost its keyboard mnemonic"


def test_the_shipped_qm_file_holds_every_translation(qapp):
    """The .qm was compiled from this .ts (lrelease is not needed to run or test the app)."""
    from PyQt5.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)  # QTranslator.translate itself takes ASCII only, from Python
    try:
        for (context, source), translation in ts_messages().items():
            assert QCoreApplication.translate(context, source) == translation, (context, source)
    finally:
        qapp.removeTranslator(translator)
