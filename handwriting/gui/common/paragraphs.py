"""Paragraphs of several lines spaced for reading, in Latin and Japanese fonts (a question, an introduction)."""

from __future__ import annotations

from PyQt5.QtGui import QFont, QFontInfo, QFontMetricsF

from handwriting.gui.wording import is_wide

LINE_PITCH, WIDE_LINE_PITCH = 1.3, 1.6  # ems between a paragraph's lines: Latin text, and Japanese


def line_height(font: QFont, text: str) -> int:
    """The rich-text line height, in percent of the font's own, that sets the lines of `text` LINE_PITCH ems apart
    (WIDE_LINE_PITCH with Japanese in it), never closer than the font does: Japanese faces (IPA P Gothic) set lines
    nearly touching, 1 em apart, where Latin ones leave room already."""
    wide = any(map(is_wide, text))
    pitch = (WIDE_LINE_PITCH if wide else LINE_PITCH) * QFontInfo(font).pixelSize()
    return max(100, round(100 * pitch / max(QFontMetricsF(font).height(), 1.0)))


def spaced_html(font: QFont, words: str) -> str:
    """Rich text (`words`, HTML) whose lines are LINE_PITCH ems apart in `font` (line_height): a paragraph of several
    lines, in Japanese too, that is easy to read."""
    return f'<div style="line-height: {line_height(font, words)}%">{words}</div>'
