"""The docs hold together: every relative link and #anchor resolves, the README stays short and links every page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, ROOT / "CHANGELOG.md", *DOCS]
README_MAX_LINES = 150

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def prose(text: str) -> str:
    """The text without fenced code blocks and code spans, where a link or a heading is only text."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lowercase, without punctuation but `-` and `_`, spaces as `-`."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading counts by its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)  # \w is Unicode: 日本語 stays
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor a page's headings make; a repeated heading gets -1, -2... as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for match in HEADING.finditer(prose(path.read_text(encoding="utf-8"))):
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[str]:
    """The targets of a page's links and images, outside code."""
    return LINK.findall(prose(path.read_text(encoding="utf-8")))


def is_relative(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)  # http:, https:, mailto:...


def broken_files(path: Path) -> list[str]:
    """Relative links of a page whose file or folder does not exist."""
    broken = []
    for target in filter(is_relative, links(path)):
        file = unquote(target.split("#", 1)[0])
        if file and not (path.parent / file).exists():
            broken.append(target)
    return broken


def broken_anchors(path: Path) -> list[str]:
    """Links of a page whose #anchor names no heading of the page it points to (or of itself)."""
    broken = []
    for target in filter(is_relative, links(path)):
        if "#" not in target:
            continue
        file, anchor = target.split("#", 1)
        page = (path.parent / unquote(file)) if file else path
        if not page.is_file() or page.suffix != ".md":
            continue  # a missing file is broken_files' finding; anchors are checked in Markdown pages only
        if unquote(anchor) not in anchors(page):
            broken.append(target)
    return broken


def test_the_pages_exist():
    names = {path.name for path in DOCS}
    assert {"how-it-works.md", "architecture.md", "data.md", "personal.md", "translating.md", "app.md"} <= names
    assert all(path.is_file() for path in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_points_to_an_existing_file(page):
    assert broken_files(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_anchor_matches_a_heading_of_its_page(page):
    assert broken_anchors(page) == []


def test_the_readme_is_at_most_150_lines():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; move details into docs/"


def test_the_readme_links_every_page_of_the_docs():
    targets = {unquote(target.split("#", 1)[0]) for target in links(README)}
    missing = [f"docs/{path.name}" for path in DOCS if f"docs/{path.name}" not in targets]
    assert missing == [], "a page nobody links to is never read"
    assert "CHANGELOG.md" in targets and "benchmarks/RESULTS.md" in targets


# --- The checks themselves find what they should -------------------------------------------------


def test_slugs_follow_github():
    assert slug("How it works") == "how-it-works"
    assert slug("Recognition: the numpy forward pass") == "recognition-the-numpy-forward-pass"
    assert slug("日本語 (Japanese): the translation") == "日本語-japanese-the-translation"
    assert slug("`make test` and `make test-fast`") == "make-test-and-make-test-fast"
    assert slug("Words, 1.5 and ✕") == "words-15-and-"


def test_a_broken_link_and_a_broken_anchor_are_found(tmp_path):
    (tmp_path / "other.md").write_text("# Other page\n\n## A section\n\n```sh\n# not a heading\n```\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n## 日本語 (Japanese)\n\n"
        "[ok](other.md) [ok](other.md#a-section) [ok](#page) [ok](#日本語-japanese)\n"
        "[ok](#%E6%97%A5%E6%9C%AC%E8%AA%9E-japanese)\n"
        "[web](https://example.com/missing.md) `[code](missing.md)`\n\n"
        "```text\n[in a block](missing-too.md)\n```\n\n"
        "[gone](missing.md) ![gone](img/missing.png) [bad](other.md#no-such-section) [bad](#not-a-digit) "
        "[bad](other.md#not-a-heading)\n"
    )
    assert broken_files(page) == ["missing.md", "img/missing.png"]
    assert broken_anchors(page) == ["other.md#no-such-section", "#not-a-digit", "other.md#not-a-heading"]


def test_a_repeated_heading_gets_a_number(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Figures\n\n## Figures\n\n### Figures\n")
    assert anchors(page) == {"figures", "figures-1", "figures-2"}
