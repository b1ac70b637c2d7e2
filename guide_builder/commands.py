"""The editors' commands beyond build and check: ``status`` and ``translated``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, Diagnostics, display_path
from .model import Guide
from .pipeline import load
from .status import State, format_table, guide_status, record_line, source_diff, write_record


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
        if source is not None and source.translation is not None and source.translation.source == page.lang:
            print(f"{display_path(page.source.path)}:1: error: this is the original of "
                  f"{display_path(source.source.path)}; mark that file as translated instead", file=sys.stderr)
            code = EXIT_CONTENT
            continue
        if source is None or lang == page.lang:
            print(f"{display_path(page.source.path)}:1: error: no {lang or 'other'} text to be a translation of",
                  file=sys.stderr)
            code = EXIT_CONTENT
            continue
        write_record(page.source.path, record_line(source))
        print(f"{display_path(page.source.path)}: marked as up to date with {display_path(source.source.path)}")
    return code


def new_entry(content_dir: Path, city: str, slug: str, category: str) -> int:
    """Write a new entry in every language, front matter filled from the schema; never overwrite."""
    from .config import load_config
    from .discover import SLUG_PATTERN, suggest_slug
    from .i18n import load_translations
    from .schema import CATEGORIES

    try:
        config = load_config(content_dir)
    except ContentError as exc:
        for item in exc.diagnostics.sorted():
            print(item.format(), file=sys.stderr)
        return EXIT_CONTENT
    problems = []
    if city not in config.cities:
        problems.append(f"'{city}' is not a city of this guide (cities: {', '.join(config.cities)})")
    if not SLUG_PATTERN.match(slug):
        problems.append(f"'{slug}' is not lowercase letters, digits and hyphens; try '{suggest_slug(slug)}'")
    if category not in CATEGORIES:
        problems.append(f"unknown category '{category}' (one of: {', '.join(CATEGORIES)})")
    targets = [content_dir / lang / city / f"{slug}.md" for lang in config.languages]
    problems += [f"{display_path(path)} exists already; nothing was written" for path in targets if path.exists()]
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    for lang, path in zip(config.languages, targets, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_template(slug, category, city, load_translations(lang, content_dir)), encoding="utf-8")
        print(f"created {display_path(path)}")
    return EXIT_OK


def entry_template(slug: str, category: str, city: str, catalog) -> str:
    """The front matter of a new entry: the required keys filled in, the others commented out."""
    from .discover import Kind
    from .schema import FIELDS

    title = slug.replace("-", " ").title()
    filled = {"title": title, "category": category,
              "summary": catalog.gettext("One or two sentences about the place. (Replace this text.)")}
    lines = ["---"]
    for key, field in FIELDS[Kind.ENTRY].items():
        if key in filled:
            lines.append(f"{key}: {json.dumps(filled[key], ensure_ascii=False)}")
        elif key != "translation":
            lines.append(f"# {key}:   # {field.help}")
    body = catalog.gettext("The text of the entry, in Markdown. Link other pages like this: %(example)s.") % {
        "example": f"[{city}](_index.md)"}
    lines += ["---", "", body, ""]
    return "\n".join(lines)
