"""The editors' commands beyond build and check: ``status`` and ``translated``."""

from __future__ import annotations

import sys
from pathlib import Path

from .diagnostics import ContentError, Diagnostics, display_path
from .model import Guide
from .pipeline import load
from .status import State, format_table, guide_status, record_line, source_diff, write_record

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _load(content_dir: Path) -> Guide | None:
    diagnostics = Diagnostics()
    try:
        guide = load(content_dir, diagnostics)
    except ContentError:
        guide = None
    if diagnostics.has_errors:
        for item in diagnostics.sorted():
            print(item.format(), file=sys.stderr)
        return None
    return guide


def status(content_dir: Path, strict: bool, diff: bool) -> int:
    guide = _load(content_dir)
    if guide is None:
        return EXIT_CONTENT
    statuses = guide_status(guide)
    print(format_table(guide, statuses))
    if diff:
        for item in statuses:
            if item.state is State.OUTDATED:
                page = item.document.translations[item.lang]
                print(f"\n{display_path(page.source.path)} is behind {display_path(item.source.source.path)}:")
                print(source_diff(item, content_dir))
    behind = any(s.state in (State.MISSING, State.OUTDATED) for s in statuses)
    return EXIT_CONTENT if strict and behind else EXIT_OK


def translated(content_dir: Path, files: list[Path], source_lang: str | None) -> int:
    guide = _load(content_dir)
    if guide is None:
        return EXIT_CONTENT
    pages = {page.source.path.resolve(): (document, page)
             for document in guide.documents() for page in document.translations.values()}
    code = EXIT_OK
    for file in files:
        found = pages.get(file.resolve())
        if found is None:
            print(f"{file}:1: error: not a content file of this guide", file=sys.stderr)
            code = EXIT_USAGE
            continue
        document, page = found
        lang = source_lang or next((code for code in guide.languages
                                    if code != page.lang and code in document.translations), None)
        source = document.translations.get(lang) if lang else None
        if source is None or lang == page.lang:
            print(f"{display_path(page.source.path)}:1: error: no {lang or 'other'} text to be a translation of",
                  file=sys.stderr)
            code = EXIT_CONTENT
            continue
        write_record(page.source.path, record_line(source))
        print(f"{display_path(page.source.path)}: marked as up to date with {display_path(source.source.path)}")
    return code
