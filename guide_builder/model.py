"""The guide as data: small frozen dataclasses, no I/O.

A :class:`Guide` holds documents — the home page, standalone pages, cities with their entries,
sections with their items. Every document has facts that are the same in all languages and
``translations``: one :class:`Page` per language it exists in. Filled by ``assemble``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from .config import GuideConfig
from .discover import Kind, SourceFile
from .schema import TranslationRecord

DocumentKey = tuple[Kind, str, str]


@dataclass(frozen=True)
class Page:
    """One language version of a document: what the editor wrote in one file."""

    lang: str
    slug: str  #: URL segment in this language (the file name unless ``slug:`` says otherwise)
    title: str
    summary: str
    #: the Markdown text, as UTF-8 (see :attr:`body`); turned into HTML by the markup stage once the
    #: whole guide exists
    body_utf8: bytes
    body_line: int  #: line of the body's first line in the source file
    source: SourceFile
    lines: Mapping[str, int]  #: line of each front-matter key in the source file
    address: str = ""
    price: str | float | None = None
    tags: tuple[str, ...] = ()
    duration: str = ""
    image: str = ""
    image_alt: str = ""
    updated: dt.date | None = None
    blob: str = ""  #: git blob hash of the source file
    substance: str = ""  #: fingerprint of what the file says (front matter and text, not layout or dates)
    front: str = ""  #: fingerprint of the file's front matter as written (see ``ParsedFile.front``)
    translation: TranslationRecord | None = None  #: the source text this translation was last matched with

    @property
    def body(self) -> str:
        """The Markdown text. Kept as UTF-8 bytes: a text with „“, « » or narrow no-break spaces
        takes two bytes a character as a Python string, and a large guide holds thousands."""
        return self.body_utf8.decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Document:
    """Base of everything that has a page per language."""

    translations: Mapping[str, Page]

    @property
    def key(self) -> DocumentKey:
        raise NotImplementedError

    def page(self, lang: str) -> Page | None:
        return self.translations.get(lang)

    def shown_in(self, lang: str, languages: tuple[str, ...]) -> Page:
        """The page readers of ``lang`` get: its own translation, or the first language's that exists."""
        return self.translations.get(lang) or self.first_page(languages)

    def first_page(self, languages: tuple[str, ...]) -> Page:
        """The page in the first of ``languages`` that has one (every document has at least one)."""
        return next(self.translations[lang] for lang in languages if lang in self.translations)


@dataclass(frozen=True)
class Article(Document):
    """The home page (``name == ""``) or a standalone page such as ``about``."""

    name: str = ""

    @property
    def key(self) -> DocumentKey:
        return (Kind.HOME, "", "") if not self.name else (Kind.PAGE, "", self.name)


@dataclass(frozen=True)
class Entry(Document):
    """A place in a city. The facts here are shared by all languages."""

    city: str = ""
    name: str = ""
    category: str = ""
    stars: int | None = None
    lat: float | None = None
    lon: float | None = None
    website: str = ""
    phone: str = ""
    hours: str = ""

    @property
    def key(self) -> DocumentKey:
        return (Kind.ENTRY, self.city, self.name)

    @property
    def has_location(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class City(Document):
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    entries: tuple[Entry, ...] = ()

    @property
    def key(self) -> DocumentKey:
        return (Kind.CITY, self.name, "")


@dataclass(frozen=True)
class Item(Document):
    """A page of a section, such as an itinerary in ``routes``."""

    section: str = ""
    name: str = ""
    cities: tuple[str, ...] = ()

    @property
    def key(self) -> DocumentKey:
        return (Kind.ITEM, self.section, self.name)


@dataclass(frozen=True)
class Section(Document):
    name: str = ""
    items: tuple[Item, ...] = ()

    @property
    def key(self) -> DocumentKey:
        return (Kind.SECTION, self.name, "")


@dataclass(frozen=True)
class Guide:
    config: GuideConfig
    home: Article
    pages: tuple[Article, ...] = ()
    cities: tuple[City, ...] = ()
    sections: tuple[Section, ...] = ()
    _index: dict[DocumentKey, Document] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((document.key, document) for document in self.documents())

    @property
    def languages(self) -> tuple[str, ...]:
        return self.config.languages

    def documents(self) -> Iterator[Document]:
        """Every document, in reading order: home, pages, cities with their entries, sections."""
        yield self.home
        yield from self.pages
        for city in self.cities:
            yield city
            yield from city.entries
        for section in self.sections:
            yield section
            yield from section.items

    def document(self, key: DocumentKey) -> Document | None:
        return self._index.get(key)

    def city(self, name: str) -> City:
        return next(city for city in self.cities if city.name == name)
