"""Regenerate the app's translations: handwriting/i18n/handwriting_ja.ts from the GUI's sources, then the .qm.

pylupdate5 (it ships with PyQt5) collects every translate("Context", "text") and QT_TRANSLATE_NOOP of
handwriting/gui/ into the .ts, keeping the translations already there and dropping strings no longer
used; line numbers are left out, so that a change elsewhere in a file does not touch the .ts. lrelease
(Debian: qttools5-dev-tools) compiles it into the .qm the app loads. Both files are committed, so
neither tool is needed to run or test the app. Translate new strings in the .ts (Qt Linguist, or any
editor: fill <translation> and remove type="unfinished"), then run this again.

    .venv/bin/python scripts/translations.py [--check]

--check only reports strings whose translation is missing, and exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "handwriting" / "gui"
FOLDER = ROOT / "handwriting" / "i18n"
LANGUAGES = ("ja",)


def tool(name: str, *fallbacks: str) -> str | None:
    """The tool beside this Python (a virtual environment's bin), else on PATH, else a fallback path."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    return found or next((path for path in fallbacks if Path(path).exists()), None)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((name, message.findtext("source")))
    return missing


def strip_line_numbers(ts: Path) -> None:
    """Keep each message's file but not its line, so unrelated edits leave the .ts alone."""
    text = ts.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True)]
    kept = []
    for line in lines:
        if line.lstrip().startswith("<location ") and ' line="' in line:
            line = line[: line.index(' line="')] + "/>\n"
        if kept and line.lstrip().startswith("<location ") and kept[-1] == line:
            continue  # the same file twice
        kept.append(line)
    ts.write_text("".join(kept), encoding="utf-8")


def main() -> int:
    """Update the .ts files and compile them; print name=value lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing translations")
    args = parser.parse_args()
    status = 0
    for language in LANGUAGES:
        ts = FOLDER / f"handwriting_{language}.ts"
        if not args.check:
            pylupdate = tool("pylupdate5")
            if pylupdate is None:
                print("error: pylupdate5 not found; it comes with PyQt5 (pip install PyQt5)", file=sys.stderr)
                return 2
            files = sorted(str(path.relative_to(ROOT)) for path in SOURCES.rglob("*.py"))
            subprocess.run([pylupdate, "-noobsolete", *files, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
            strip_line_numbers(ts)
            lrelease = tool("lrelease", "/usr/lib/qt5/bin/lrelease", "/usr/lib/x86_64-linux-gnu/qt5/bin/lrelease")
            if lrelease is None:
                print("error: lrelease not found; on Debian: apt-get install qttools5-dev-tools", file=sys.stderr)
                return 2
            env = {**os.environ, "QT_SELECT": "qt5"}
            qm = ts.with_suffix(".qm")
            subprocess.run([lrelease, "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True, env=env)
            print(f"compiled={qm.relative_to(ROOT)}")
        missing = unfinished(ts)
        print(f"untranslated_{language}={len(missing)}")
        for context, source in missing:
            print(f"  {context}: {source!r}")
        status = status or int(bool(missing))
    return status if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
