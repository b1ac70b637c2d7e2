"""Translation status: which translations are missing, which are behind their source text.

A translation is *outdated* when its source file changed in substance after the translation was
last brought up to date. ``build.py translated FILE`` records that moment in the translation's
front matter (``translation: {from: de, blob: …, substance: …}``), so the status needs no git and
survives files being copied. The ``blob`` is the git blob hash of the source file at that
moment: where the content folder is in a git repository, ``--diff`` shows what changed since.
"""

from __future__ import annotations

import difflib
import logging
import subprocess
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .model import Document, Guide, Page

logger = logging.getLogger(__name__)

TRACKING_KEY = "translation"


class State(Enum):
    ORIGINAL = "original"  #: another language's translation was made from this text
    UP_TO_DATE = "up to date"
    OUTDATED = "OUTDATED"
    MISSING = "MISSING"
    UNTRACKED = "not tracked"  #: no record says what this text was translated from


@dataclass(frozen=True)
class PageStatus:
    document: Document
    lang: str
    state: State
    source: Page | None = None  #: for an outdated or up-to-date translation, the current source page


def page_status(document: Document, lang: str) -> PageStatus:
    page = document.translations.get(lang)
    if page is None:
        return PageStatus(document, lang, State.MISSING)
    record = page.translation
    if record is not None and record.source in document.translations:
        source = document.translations[record.source]
        state = State.UP_TO_DATE if source.substance == record.substance else State.OUTDATED
        return PageStatus(document, lang, state, source)
    others = [p.translation for code, p in document.translations.items() if code != lang]
    if any(other is not None and other.source == lang for other in others):
        return PageStatus(document, lang, State.ORIGINAL)
    return PageStatus(document, lang, State.UNTRACKED)


def guide_status(guide: Guide) -> list[PageStatus]:
    return [page_status(document, lang) for document in guide.documents() for lang in guide.languages]


def outdated_pages(guide: Guide) -> dict[tuple, PageStatus]:
    """(document key, lang) → status, for the translations the web build marks as outdated."""
    return {(s.document.key, s.lang): s for s in guide_status(guide) if s.state is State.OUTDATED}


def format_table(guide: Guide, statuses: list[PageStatus]) -> str:
    """One table per city (and one for the pages outside the cities): rows of files, a column per language."""
    by_key: dict[tuple, dict[str, PageStatus]] = {}
    for status in statuses:
        by_key.setdefault(status.document.key, {})[status.lang] = status
    groups: dict[str, list[tuple]] = {}
    for document in guide.documents():
        group = document.key[1] or "(pages outside the cities)"
        groups.setdefault(group, []).append(document.key)
    width = max(len(_row_name(key)) for key in by_key) + 2
    lines = []
    for group, keys in groups.items():
        lines.append(group)
        lines.append("  " + "file".ljust(width) + "".join(lang.ljust(14) for lang in guide.languages))
        for key in keys:
            cells = "".join(by_key[key][lang].state.value.ljust(14) for lang in guide.languages)
            lines.append("  " + _row_name(key).ljust(width) + cells.rstrip())
        lines.append("")
    counts = {state: sum(1 for s in statuses if s.state is state) for state in State}
    lines.append(", ".join(f"{count} {state.value.lower()}" for state, count in counts.items() if count))
    return "\n".join(lines)


def _row_name(key: tuple) -> str:
    return key[2] + ".md" if key[2] else "_index.md"


def source_diff(status: PageStatus, content_dir: Path) -> str:
    """What changed in the source since the translation was brought up to date, as a unified diff."""
    page = status.document.translations[status.lang]
    assert page.translation is not None and status.source is not None
    old = _git_blob(page.translation.blob, content_dir)
    current_path = status.source.source.path
    if old is None:
        return (f"  (the old text of {current_path} is not available: the content folder is not a git "
                f"repository or does not hold blob {page.translation.blob[:12]})")
    current = current_path.read_text(encoding="utf-8")
    diff = difflib.unified_diff(old.splitlines(keepends=True), current.splitlines(keepends=True),
                                fromfile=f"{current_path} (when translated)", tofile=str(current_path))
    return "".join(diff)


def _git_blob(blob: str, content_dir: Path) -> str | None:
    try:
        result = subprocess.run(["git", "cat-file", "-p", blob], cwd=content_dir, capture_output=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def record_line(source: Page) -> str:
    """The front-matter line that marks a translation as matching ``source`` as it is now."""
    return f"{TRACKING_KEY}: {{from: {source.lang}, blob: {source.blob}, substance: {source.substance}}}"


def write_record(path: Path, line: str) -> None:
    """Put ``line`` into the front matter of ``path``, replacing an older record."""
    text = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    existing = [i for i in range(1, closing) if lines[i].startswith(f"{TRACKING_KEY}:")]
    if existing:
        lines[existing[0]] = line
    else:
        lines.insert(closing, line)
    path.write_text(newline.join(lines), encoding="utf-8")
