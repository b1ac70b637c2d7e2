"""The one place that decides output paths, URLs, relative links and hreflang.

Paths here are site-relative and use ``/``: ``de/trier/porta-nigra/`` is the folder whose
``index.html`` is the German Porta Nigra page. Links inside the site are always relative, so
the site works from any sub-path; only canonical and hreflang links are absolute.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .discover import Kind
from .model import Document, DocumentKey, Guide

ROOT = ""
NOT_FOUND = "404.html"
INDEX_FILE = "index.html"


@dataclass(frozen=True)
class Urls:
    """Where every page of a guide goes."""

    base_url: str
    paths: dict[tuple[DocumentKey, str], str]  #: (document key, lang) → folder path ending in ``/``
    sources: dict[str, DocumentKey]  #: source path inside a language folder → key (the same in every language)
    #: pages a language lacks, served at the URL the translation would have, with another language's text
    borrowed: frozenset[tuple[DocumentKey, str]] = frozenset()

    def path(self, document: Document | DocumentKey, lang: str) -> str:
        key = document if isinstance(document, tuple) else document.key
        return self.paths[(key, lang)]

    def link(self, from_path: str, key: DocumentKey, lang: str, fragment: str = "") -> str:
        """A link from the page at ``from_path`` to the page of ``key`` in ``lang``, to its ``#fragment``."""
        return relative(from_path, self.path(key, lang)) + (f"#{fragment}" if fragment else "")

    def has(self, document: Document, lang: str) -> bool:
        return (document.key, lang) in self.paths

    def is_borrowed(self, document: Document | DocumentKey, lang: str) -> bool:
        key = document if isinstance(document, tuple) else document.key
        return (key, lang) in self.borrowed

    def absolute(self, path: str) -> str:
        return self.base_url + quote(path)

    def absolute_path(self, path: str, base_path: str) -> str:
        """Root-relative URL (``/guide/de/``) for pages that are served at any address, like 404."""
        return base_path + quote(path)


def places_path(folder: str, extension: str) -> str:
    """The GeoJSON or GPX file of the places below a page folder (a city's, or a language's home)."""
    return f"{folder}places.{extension}"


def search_path(lang: str) -> str:
    """The search page of a language."""
    return f"{lang}/search/"


def output_file(path: str) -> str:
    """The file that serves a page path: folders get their ``index.html``."""
    return path + INDEX_FILE if path.endswith("/") or path == ROOT else path


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` (both site-relative)."""
    from_dir = from_path if from_path.endswith("/") or from_path == ROOT else from_path.rpartition("/")[0] + "/"
    source = [part for part in from_dir.split("/") if part]
    target = [part for part in to_path.split("/") if part]
    common = 0
    for mine, theirs in zip(source, target, strict=False):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(source) - common) + target[common:]) or "."
    if to_path.endswith("/") or to_path == ROOT:
        link = "./" if link == "." else link + "/"
    return quote(link)


def build_urls(guide: Guide) -> Urls:
    """Compute the folder of every page in every language.

    A document missing in a language still gets a page there, at the URL its translation would
    have (the file name as slug), showing the text of the first language that has it: readers
    never meet a 404 and the page is clearly labelled as borrowed.
    """
    paths: dict[tuple[DocumentKey, str], str] = {}
    sources: dict[str, DocumentKey] = {}
    borrowed: set[tuple[DocumentKey, str]] = set()
    for lang in guide.languages:
        city_slugs = {city.name: city.translations[lang].slug for city in guide.cities if lang in city.translations}
        section_slugs = {s.name: s.translations[lang].slug for s in guide.sections if lang in s.translations}
        for document in guide.documents():
            page = document.page(lang)
            if page is None:
                borrowed.add((document.key, lang))
                slug = document.key[2]
            else:
                slug = page.slug
                sources[page.source.relpath] = document.key
            paths[(document.key, lang)] = _folder(document.key, lang, slug, city_slugs, section_slugs)
    return Urls(base_url=guide.config.base_url, paths=paths, sources=sources, borrowed=frozenset(borrowed))


def _folder(key: DocumentKey, lang: str, slug: str, city_slugs: dict[str, str],
            section_slugs: dict[str, str]) -> str:
    kind, group, _ = key
    if kind is Kind.HOME:
        return f"{lang}/"
    if kind is Kind.ENTRY:
        return f"{lang}/{city_slugs.get(group, group)}/{slug}/"
    if kind is Kind.ITEM:
        return f"{lang}/{section_slugs.get(group, group)}/{slug}/"
    return f"{lang}/{slug}/"
