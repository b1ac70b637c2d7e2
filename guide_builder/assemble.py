"""Parsed files → one :class:`Guide`: translations paired, shared facts merged, cross-file checks.

Pure: everything it needs was read before; it only reports what does not fit together.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from typing import Any

from .config import GuideConfig
from .diagnostics import ContentError, Diagnostics, display_path
from .discover import Kind, SourceFile
from .frontmatter import ParsedFile
from .model import Article, City, Document, DocumentKey, Entry, Guide, Item, Page, Section
from .schema import FIELDS
from .typography import typography_for

logger = logging.getLogger(__name__)

#: Documents the site cannot be built without in a language that has any content.
STRUCTURAL = (Kind.HOME, Kind.CITY, Kind.SECTION)
PAGE_FIELDS = ("address", "price", "tags", "duration", "image", "image_alt", "updated", "translation")
#: text fields set with the language's typography (the body is set after conversion to HTML)
TYPESET_FIELDS = ("address", "price", "duration", "image_alt")
#: keys that change without the text changing in substance
NOT_SUBSTANCE = frozenset({"updated", "translation"})


class Checked:
    """One file with its front matter checked: the parse result and the typed values.

    A file that could not be read at all is kept as ``broken`` (its errors are already reported),
    so that the rest of the guide can still be checked without noise about it being absent.
    """

    __slots__ = ("broken", "parsed", "substance", "values")

    def __init__(self, parsed: ParsedFile, values: dict[str, Any], broken: bool = False):
        self.parsed = parsed
        self.values = values
        self.broken = broken
        #: made here, where files are read in parallel, rather than where the guide is assembled
        self.substance = substance_fingerprint(parsed)

    @classmethod
    def unreadable(cls, source: SourceFile) -> Checked:
        return cls(ParsedFile(source, {}, {}, b"", 1), {}, broken=True)

    @property
    def source(self) -> SourceFile:
        return self.parsed.source

    def line(self, key: str) -> int:
        return self.parsed.key_lines.get(key, 1)


def assemble(config: GuideConfig, files: list[Checked], diagnostics: Diagnostics) -> Guide:
    """Build the guide, reporting what does not fit together.

    Raises :class:`ContentError` only when the site's structure cannot be built (a home, city or
    section page missing); other errors are reported and the guide is still returned, so that
    later stages can check links and every problem is shown in one run.
    """
    errors_before = len(diagnostics.errors)
    groups = pair_translations(config, files, diagnostics)
    documents = {key: _document(config, key, translations, diagnostics) for key, translations in groups.items()}
    _check_cities_exist(config, documents, diagnostics)
    if len(diagnostics.errors) > errors_before:
        raise ContentError(diagnostics)
    _check_route_cities(config, documents, diagnostics)
    _check_unique_slugs(config, documents, diagnostics)
    _check_translation_records(config, documents, diagnostics)
    return _guide(config, documents)


def pair_translations(config: GuideConfig, files: list[Checked],
                      diagnostics: Diagnostics) -> dict[DocumentKey, dict[str, Checked]]:
    """Group files by what they describe (same relative path in every language).

    A translation missing from a language is a warning for entries and pages (the page is
    built in the languages it has) and an error for the home, city and section pages, which
    the other pages of that language need.
    """
    groups: dict[DocumentKey, dict[str, Checked]] = defaultdict(dict)
    for checked in files:
        groups[checked.source.key][checked.source.lang] = checked
    for key, translations in sorted(groups.items(), key=lambda item: _sort_key(item[0])):
        present = next(iter(translations.values())).source
        for lang in config.languages:
            if lang in translations:
                continue
            expected = config.content_dir / lang / present.relpath
            if key[0] in STRUCTURAL:
                diagnostics.error(expected, 1, f"this file is missing: the {lang} pages need it",
                                  f"translate {display_path(present.path)}")
            else:
                diagnostics.warning(present.path, 1, f"no {lang} translation yet (expected {display_path(expected)})",
                                    f"the {lang} guide shows this text, labelled, until then")
    if (Kind.HOME, "", "") not in groups:
        for lang in config.languages:
            diagnostics.error(config.content_dir / lang / "_index.md", 1,
                              f"the home page of language '{lang}' is missing")
    return dict(groups)


def _sort_key(key: DocumentKey) -> tuple[str, str, str]:
    return (key[0].value, key[1], key[2])


def _document(config: GuideConfig, key: DocumentKey, translations: dict[str, Checked],
              diagnostics: Diagnostics) -> Document:
    ordered = {lang: translations[lang] for lang in config.languages if lang in translations}
    shared = _shared_facts(key[0], ordered, diagnostics)
    pages = {lang: page_of(checked) for lang, checked in ordered.items()}
    kind, group, name = key
    if kind in (Kind.HOME, Kind.PAGE):
        return Article(translations=pages, name=name)
    if kind is Kind.CITY:
        return City(translations=pages, name=group, lat=shared.get("lat"), lon=shared.get("lon"))
    if kind is Kind.ENTRY:
        return Entry(translations=pages, city=group, name=name, category=shared.get("category", ""),
                     stars=shared.get("stars"), lat=shared.get("lat"), lon=shared.get("lon"),
                     website=shared.get("website", ""), phone=shared.get("phone", ""),
                     hours=shared.get("hours", ""))
    if kind is Kind.SECTION:
        return Section(translations=pages, name=group)
    return Item(translations=pages, section=group, name=name, cities=shared.get("cities", ()))


def _shared_facts(kind: Kind, translations: dict[str, Checked], diagnostics: Diagnostics) -> dict[str, Any]:
    """Merge the language-independent facts; where two files give one, they must agree."""
    facts: dict[str, Any] = {}
    origin: dict[str, Checked] = {}
    for checked in translations.values():
        for key, field in FIELDS[kind].items():
            if not field.shared or key not in checked.values:
                continue
            value = checked.values[key]
            if key not in facts:
                facts[key], origin[key] = value, checked
            elif facts[key] != value:
                first = origin[key]
                diagnostics.error(checked.source.path, checked.line(key),
                                  f"'{key}' is {_said(value)} here but {_said(facts[key])} in "
                                  f"{display_path(first.source.path)}",
                                  "a fact shared by all languages must be the same in every file")
    first = next(iter(translations.values()))
    if any(checked.broken for checked in translations.values()):
        return facts
    for key, field in FIELDS[kind].items():
        if field.required and field.shared and key not in facts:
            diagnostics.error(first.source.path, 1, f"required key '{key}' is missing", field.help)
    return facts


def _said(value: Any) -> str:
    """A value as the editor wrote it: lists as lists, text in quotes."""
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(value)


def page_of(checked: Checked) -> Page:
    """The page one checked file makes (the document it belongs to aside)."""
    source, values, parsed = checked.source, checked.values, checked.parsed
    slug = values.get("slug") or source.name or source.group
    typeset = typography_for(source.lang)
    extra = {key: values[key] for key in PAGE_FIELDS if key in values}
    for key in TYPESET_FIELDS:
        if isinstance(extra.get(key), str):
            extra[key] = typeset(extra[key])
    return Page(lang=source.lang, slug=slug, title=typeset(values.get("title", source.name)),
                summary=typeset(values.get("summary", "")), body_utf8=parsed.body_utf8, body_line=parsed.body_line,
                source=source, lines=dict(parsed.key_lines), blob=parsed.blob,
                substance=checked.substance, front=parsed.front, **extra)


def substance_fingerprint(parsed: ParsedFile) -> str:
    """A fingerprint of what a file says: its front matter (less dates and records) and its words."""
    meta = {key: _plain(value) for key, value in parsed.meta.items() if key not in NOT_SUBSTANCE}
    words = " ".join(parsed.body.split())
    text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) + "\n" + words
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """A YAML value as sortable JSON: the keys of a mapping as text (YAML allows ``{1: a, b: c}``),
    a set as a sorted list (its order would change from run to run)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return value


def _check_cities_exist(config: GuideConfig, documents: dict[DocumentKey, Document],
                        diagnostics: Diagnostics) -> None:
    line = config.key_lines.get("cities", 1)
    for city in config.cities:
        if (Kind.CITY, city, "") not in documents:
            diagnostics.error(config.content_dir / "guide.yaml", line,
                              f"city '{city}' is listed but has no {city}/_index.md in any language")
    for section in config.sections:
        if (Kind.SECTION, section, "") not in documents:
            diagnostics.error(config.content_dir / "guide.yaml", config.key_lines.get("sections", 1),
                              f"section '{section}' is listed but has no {section}/_index.md in any language")
    for page in config.pages:
        if (Kind.PAGE, "", page) not in documents:
            diagnostics.error(config.content_dir / "guide.yaml", config.key_lines.get("pages", 1),
                              f"page '{page}' is listed but there is no {page}.md in any language")


def _check_route_cities(config: GuideConfig, documents: dict[DocumentKey, Document],
                        diagnostics: Diagnostics) -> None:
    for document in documents.values():
        if isinstance(document, Item):
            for city in document.cities:
                if city not in config.cities:
                    page = next(iter(document.translations.values()))
                    diagnostics.error(page.source.path, 1, f"'cities': '{city}' is not a city of this guide",
                                      "use the city folder names: " + ", ".join(config.cities))


def _check_unique_slugs(config: GuideConfig, documents: dict[DocumentKey, Document],
                        diagnostics: Diagnostics) -> None:
    """Two documents may not end up at the same URL in one language."""
    for lang in config.languages:
        taken: dict[tuple[str, str], Page] = {}
        for key, document in documents.items():
            page = document.page(lang)
            if page is None or key[0] is Kind.HOME:
                continue
            parent = key[1] if key[0] in (Kind.ENTRY, Kind.ITEM) else ""
            place = (parent, page.slug)
            if place in taken:
                other = taken[place]
                diagnostics.error(page.source.path, page.lines.get("slug", 1), f"slug '{page.slug}' is already used by "
                                  f"{display_path(other.source.path)}", "give one of them another 'slug:'")
            else:
                taken[place] = page


def _check_translation_records(config: GuideConfig, documents: dict[DocumentKey, Document],
                               diagnostics: Diagnostics) -> None:
    for document in documents.values():
        for lang, page in document.translations.items():
            record = page.translation
            if record and (record.source == lang or record.source not in config.languages):
                diagnostics.error(page.source.path, page.lines.get("translation", 1),
                                  f"'translation': '{record.source}' is not another language of this guide",
                                  "run `build.py translated` again instead of editing this key")


def _guide(config: GuideConfig, documents: dict[DocumentKey, Document]) -> Guide:
    def of_kind(kind: Kind, group: str | None = None) -> list[Document]:
        found = [d for k, d in documents.items() if k[0] is kind and (group is None or k[1] == group)]
        return sorted(found, key=lambda d: d.key[2])

    cities = [
        City(translations=city.translations, name=city.name, lat=city.lat, lon=city.lon,
             entries=tuple(of_kind(Kind.ENTRY, city.name)))
        for name in config.cities
        if isinstance(city := documents.get((Kind.CITY, name, "")), City)
    ]
    sections = [
        Section(translations=section.translations, name=section.name, items=tuple(of_kind(Kind.ITEM, section.name)))
        for name in config.sections
        if isinstance(section := documents.get((Kind.SECTION, name, "")), Section)
    ]
    pages = [documents[(Kind.PAGE, "", name)] for name in config.pages if (Kind.PAGE, "", name) in documents]
    home = documents[(Kind.HOME, "", "")]
    return Guide(config=config, home=home, pages=tuple(pages), cities=tuple(cities), sections=tuple(sections))
