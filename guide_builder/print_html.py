"""Guide → the HTML of each printed edition, ready for WeasyPrint (which only ``render_pdf`` imports).

An edition is the guide in one language, or two languages in parallel columns (the first on the
left). Internal links become anchors with page references ("→ S. 42"); the press variant keeps
the references but drops every link, and its colours are CMYK.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from babel.support import Translations
from markupsafe import Markup

from .geo import format_distance
from .i18n import collation_key, language_name, long_date
from .images import ImageInfo
from .maps import MapLabels, MapPoint, render_map
from .markup import ANCHOR_ID, Body, LinkTarget, with_src
from .model import City, Document, Entry, Guide, Page
from .urls import Urls
from .views import EntryView, entry_view, numbered_entries

logger = logging.getLogger(__name__)

PRINT_TEMPLATES = "print"
SCREEN, PRESS, PROOF = "screen", "press", "proof"
LOCAL_HREF_PATTERN = re.compile(r'href="#(?!__guide_link_)([^"]*)"')
INTERNAL_LINK_PATTERN = re.compile(r'<a ([^>]*?)href="(#[^"]*)"')
EXTERNAL_HREF_PATTERN = re.compile(r' href="(?!#)[^"]*"')
XREF_PATTERN = re.compile(r'(<a [^>]*?class="[^"]*\bxref\b[^"]*"[^>]*>)(.*?)</a>', re.DOTALL)
DATA_REF_PATTERN = re.compile(r'data-ref="(#[^"]*)"')
#: Digits a page number's box has room for: editions of up to 999 pages.
PAGE_DIGITS = 3
#: Marks where a part of an edition begins, for the renderer to put its first page number there.
PART_START = "<!--guide-builder:part-start-->"

#: Colours of the print stylesheet: screen RGB and, for the press, CMYK (ink on paper; text is pure black).
COLOURS = {
    "ink": ("#1d2329", "device-cmyk(0 0 0 1)"),
    "muted": ("#55606b", "device-cmyk(0 0 0 0.72)"),
    "accent": ("#0d5c63", "device-cmyk(0.9 0.3 0.38 0.35)"),
    "mark": ("#b4451f", "device-cmyk(0.1 0.75 0.9 0.15)"),
    "rule": ("#ddd7ca", "device-cmyk(0 0.02 0.08 0.16)"),
    "panel": ("#f1eee6", "device-cmyk(0 0.01 0.04 0.06)"),
    "paper": ("#ffffff", "device-cmyk(0 0 0 0)"),
}


@dataclass(frozen=True)
class PrintPart:
    """A piece of an edition that WeasyPrint can lay out alone: the cover and the table of contents,
    one chapter, or one index. A complete HTML document with the edition's head and stylesheet;
    its page numbers are empty boxes (see :func:`page_ref`) for the renderer to fill in."""

    name: str  #: what the part is, for messages: "the cover and contents", "chapter trier", "index de"
    html: str


@dataclass(frozen=True)
class Edition:
    """One printed edition: its languages and its variant (screen, press, or the press proof)."""

    languages: tuple[str, ...]
    variant: str = SCREEN

    def path(self, guide_name: str) -> str:
        name = f"{guide_name}-{'-'.join(self.languages)}"
        if self.variant == SCREEN:
            return f"pdf/{name}.pdf"
        return f"pdf/press/{name}.pdf" if self.variant == PRESS else f"pdf/press/{name}-proof.pdf"

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1


def editions(languages: tuple[str, ...], press: bool) -> list[Edition]:
    """The bilingual edition of the first two languages (if there are two), then one per language;
    with ``press``, each also as press file and as proof."""
    sets = ([languages[:2]] if len(languages) > 1 else []) + [(lang,) for lang in languages]
    variants = (SCREEN, PRESS, PROOF) if press else (SCREEN,)
    return [Edition(langs, variant) for langs in sets for variant in variants]


def anchor(key: tuple) -> str:
    """The id of a document in every edition: ``entry-trier-porta-nigra``."""
    return "-".join(part for part in (key[0].value, key[1], key[2]) if part)


class PrintBook:
    """Builds the HTML of each edition from the guide, the converted bodies and the catalogs."""

    def __init__(self, guide: Guide, urls: Urls, bodies: dict[tuple, Body], translations: dict[str, Translations],
                 templates_dir: Path, images: dict[tuple, ImageInfo] | None = None):
        self.guide = guide
        self.urls = urls
        self.bodies = bodies
        self.translations = translations
        self.templates_dir = templates_dir
        self.images = images or {}
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir / PRINT_TEMPLATES),
                                      autoescape=jinja2.select_autoescape(["html"]),
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def html(self, edition: Edition) -> str:
        """The whole edition as one document, its page numbers computed by the layout
        (``target-counter``): what one WeasyPrint process renders alone, the reference for the parts."""
        context = self._context(edition)
        return self._render(context, front=True, chapters=context["chapters"], indexes=context["indexes"])

    def parts(self, edition: Edition) -> list[PrintPart]:
        """The edition as parts that render separately: the cover and contents, each chapter, each
        index, each starting on a right-hand page as in the whole document. Neighbours too small
        to be worth a process of their own (its start-up, its own font subsets) go together."""
        context = self._context(edition)
        pieces = ([_Piece("the cover and contents", front=True)]
                  + [_Piece(f"chapter {chapter['id']}", chapters=(chapter,)) for chapter in context["chapters"]]
                  + [_Piece(f"index {index['lang']}", indexes=(index,)) for index in context["indexes"]])
        sizes = [len(self._render_piece(context, piece)) for piece in pieces]
        return [PrintPart(group.name, self._render_piece(context, group)) for group in _grouped(pieces, sizes)]

    def _render_piece(self, context: dict[str, Any], piece: _Piece) -> str:
        return self._render(context, piece.front, list(piece.chapters), list(piece.indexes), part=True)

    def _render(self, context: dict[str, Any], front: bool = False, chapters: list | None = None,
                indexes: list | None = None, part: bool = False) -> str:
        return self.env.get_template("book.html").render(
            context, front=front, shown_chapters=chapters or [], shown_indexes=indexes or [],
            part_start=PART_START if part else "")

    def _context(self, edition: Edition) -> dict[str, Any]:
        langs = edition.languages
        book = _Book(self, edition)
        return {
            "edition": edition,
            "lang": langs[0],
            "languages": langs,
            "title": book.joined(lambda lang: self.guide.config.title[lang]),
            "subtitle": book.joined(lambda lang: self.guide.config.subtitle[lang]),
            "author": self.guide.config.author or self.guide.config.title[langs[0]],
            "date": book.date.isoformat(),
            "stylesheet": self._stylesheet(edition, book),
            "cover": book.cover(),
            "toc": book.toc(),
            "chapters": book.chapters(),
            "indexes": book.indexes(),
            "labels": book.labels(),
            "page_ref": page_ref,
        }

    def _stylesheet(self, edition: Edition, book: _Book) -> str:
        width, height = self.guide.config.pdf_size_mm
        colour_index = 1 if edition.variant in (PRESS, PROOF) else 0
        return self.env.get_template("print.css").render(
            page_width=width, page_height=height, variant=edition.variant,
            bleed=f"{BLEED_MM}mm" if edition.variant in (PRESS, PROOF) else "0mm",
            marks="crop cross" if edition.variant == PROOF else "none",
            colours={name: values[colour_index] for name, values in COLOURS.items()},
            running_title=_css_string(book.joined(lambda lang: self.guide.config.title[lang])),
            page_labels={lang: _css_string(self.translations[lang].pgettext("page reference", "p."))
                         for lang in edition.languages},
            icc_profile=edition.variant in (PRESS, PROOF),
            page_digits=PAGE_DIGITS,
        )


@dataclass(frozen=True)
class _Piece:
    """What of the edition a part shows."""

    name: str
    front: bool = False
    chapters: tuple = ()
    indexes: tuple = ()

    def __add__(self, other: _Piece) -> _Piece:
        return _Piece(f"{self.name}, {other.name}", self.front or other.front, self.chapters + other.chapters,
                      self.indexes + other.indexes)


def _grouped(pieces: list[_Piece], sizes: list[int]) -> list[_Piece]:
    """Neighbouring pieces joined while together they stay below half the largest piece (by HTML
    size, a rough measure of layout time)."""
    limit = max(sizes) / 2
    groups, group_sizes = [pieces[0]], [sizes[0]]
    for piece, size in zip(pieces[1:], sizes[1:], strict=True):
        if group_sizes[-1] + size <= limit:
            groups[-1] += piece
            group_sizes[-1] += size
        else:
            groups.append(piece)
            group_sizes.append(size)
    return groups


class _Book:
    """The views of one edition, each built from the guide for the edition's languages."""

    def __init__(self, book: PrintBook, edition: Edition):
        self.book = book
        self.guide = book.guide
        self.edition = edition
        self.langs = edition.languages
        self.date = _content_date(book.guide)

    def catalog(self, lang: str) -> Translations:
        return self.book.translations[lang]

    def joined(self, text_of) -> str:
        """One text per language, joined with a slash where they differ."""
        return " / ".join(dict.fromkeys(text_of(lang) for lang in self.langs))

    def title_of(self, document: Document) -> str:
        return self.joined(lambda lang: self.page(document, lang).title)

    def page(self, document: Document, lang: str) -> Page:
        return document.shown_in(lang, self.guide.languages)

    # ---- front and back matter ----

    def cover(self) -> dict[str, Any]:
        return {
            "parts": [{"lang": lang, "title": self.guide.config.title[lang],
                       "subtitle": self.guide.config.subtitle[lang]} for lang in self.langs],
            "cities": [self.title_of(city) for city in self.guide.cities],
        }

    def labels(self) -> dict[str, Any]:
        return {
            "contents": self.joined(lambda lang: self.catalog(lang).gettext("Contents")),
            "online": {lang: self.catalog(lang).gettext("This page online") for lang in self.langs},
            "not_translated": {lang: self.catalog(lang).gettext("Not yet translated.") for lang in self.langs},
            "date": {lang: self.catalog(lang).gettext("As of %(date)s") % {"date": long_date(self.date, lang)}
                     for lang in self.langs},
        }

    def toc(self) -> list[dict[str, Any]]:
        items = [self._toc_item(self.guide.home), *(self._toc_item(page) for page in self.guide.pages)]
        for city in self.guide.cities:
            entry = self._toc_item(city)
            entry["children"] = [self._toc_item(e) for _, e in self._numbered(city)]
            items.append(entry)
        for section in self.guide.sections:
            entry = self._toc_item(section)
            entry["children"] = [self._toc_item(item) for item in section.items]
            items.append(entry)
        return items

    def _toc_item(self, document: Document) -> dict[str, Any]:
        return {"label": self.title_of(document), "ref": "#" + anchor(document.key), "children": []}

    def indexes(self) -> list[dict[str, Any]]:
        """An index of places per language, sorted by that language's collation."""
        indexes = []
        for lang in self.langs:
            names = []
            for city in self.guide.cities:
                names.append((self.page(city, lang).title, city))
                names.extend((self.page(entry, lang).title, entry) for entry in city.entries)
            names.sort(key=lambda item: collation_key(item[0], lang))
            indexes.append({"lang": lang, "title": self.catalog(lang).gettext("Index of places"),
                            "items": [{"label": name, "ref": "#" + anchor(d.key)} for name, d in names]})
        return indexes

    # ---- chapters ----

    def chapters(self) -> list[dict[str, Any]]:
        chapters = [self._chapter(self.guide.home, "intro"),
                    *(self._chapter(page, "page") for page in self.guide.pages)]
        chapters.extend(self._city_chapter(city) for city in self.guide.cities)
        for section in self.guide.sections:
            chapter = self._chapter(section, "section")
            chapter["entries"] = [self._entry_block(item, None) for item in section.items]
            chapters.append(chapter)
        return chapters

    def _chapter(self, document: Document, kind: str) -> dict[str, Any]:
        return {
            "kind": kind,
            "id": anchor(document.key),
            "running": self.title_of(document),
            "titles": [(lang, self.page(document, lang).title) for lang in self._title_langs(document)],
            "columns": [self._column(document, lang, image=False) for lang in self.langs],
            "map": "",
            "list": [],
            "entries": [],
            "image": self._chapter_image(document),
        }

    def _chapter_image(self, document: Document) -> dict[str, str] | None:
        """The picture that opens a chapter, across the page and into the bleed."""
        for lang in self.langs:
            image = self.book.images.get((document.key, lang))
            if image is not None:
                return {"src": image.path.as_uri(), "alt": self.page(document, lang).image_alt, "lang": lang}
        return None

    def _title_langs(self, document: Document) -> list[str]:
        """The languages whose title is shown: one where all are alike."""
        titles = {self.page(document, lang).title for lang in self.langs}
        return list(self.langs) if len(titles) > 1 else [self.langs[0]]

    def _city_chapter(self, city: City) -> dict[str, Any]:
        chapter = self._chapter(city, "city")
        numbered = self._numbered(city)
        chapter["map"] = self._map(city, numbered)
        chapter["list"] = [{"number": number, "title": self.title_of(entry), "ref": "#" + anchor(entry.key)}
                           for number, entry in numbered]
        chapter["entries"] = [self._entry_block(entry, number) for number, entry in numbered]
        return chapter

    def _numbered(self, city: City) -> list[tuple[int, Entry]]:
        return numbered_entries(city, lambda e: self.page(e, self.langs[0]).title)

    def _entry_block(self, document: Document, number: int | None) -> dict[str, Any]:
        return {
            "id": anchor(document.key),
            "number": number,
            "bookmark": self.title_of(document),
            "columns": [self._column(document, lang) for lang in self.langs],
        }

    def _column(self, document: Document, lang: str, image: bool = True) -> dict[str, Any]:
        """One language's text of a document; a missing translation borrows, labelled, or says so.
        A chapter's picture opens the chapter instead (``image=False``)."""
        own = document.translations.get(lang)
        if own is None and self.edition.bilingual:
            return {"lang": lang, "missing": self.book.translations[lang].gettext("Not yet translated."),
                    "title": "", "summary": "", "borrowed": "", "body": "", "facts": None, "qr": "",
                    "duration": "", "image": None}
        page = own or document.first_page(self.guide.languages)
        column: dict[str, Any] = {
            "lang": page.lang, "missing": "", "title": page.title,
            "summary": page.summary,
            "borrowed": "" if own else self._borrowed_note(page, lang),
            "body": self._body(document, page),
            "facts": None, "qr": "", "duration": page.duration, "image": None,
        }
        picture = self.book.images.get((document.key, page.lang)) if image else None
        if picture is not None:
            # the full-resolution file: print wants every pixel the editor has
            column["image"] = {"src": picture.path.as_uri(), "alt": page.image_alt}
        if isinstance(document, Entry):
            view: EntryView = entry_view(document, page, lang, self.book.translations[lang])
            column["facts"] = view
            column["qr"] = self._qr(document, lang)
        return column

    def _borrowed_note(self, page: Page, lang: str) -> str:
        return self.book.translations[lang].gettext("This page is only available in %(language)s.") % {
            "language": language_name(page.lang, lang)}

    def _body(self, document: Document, page: Page) -> str:
        """The body with ids made unique in the book and links turned into page references."""
        prefix = f"{anchor(document.key)}--{page.lang}-"
        body = self.book.bodies[(document.key, page.lang)]
        html = ANCHOR_ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body.html)
        html = LOCAL_HREF_PATTERN.sub(lambda m: f'href="#{prefix}{m.group(1)}"', html)

        def href(target: LinkTarget) -> str:
            fragment = f"--{target.lang or page.lang}-{target.fragment}" if target.fragment else ""
            return "#" + anchor(target.key) + fragment

        html = Body(html, body.links, body.images).finish(href, lambda image, tag: with_src(tag, image.path.as_uri()))
        return self._links_for_variant(html)

    def _links_for_variant(self, html: str) -> str:
        """Internal links carry their target for the page reference; the press file has no links."""
        html = INTERNAL_LINK_PATTERN.sub(r'<a \1href="\2" data-ref="\2"', html)
        html = XREF_PATTERN.sub(_with_page_ref, html)
        if self.edition.variant == SCREEN:
            return html
        html = EXTERNAL_HREF_PATTERN.sub("", html)
        return html.replace(' href="#', ' data-link="#')

    def _qr(self, document: Document, lang: str) -> str:
        """The QR code of the page on the web; in the screen PDF also a link there."""
        import segno  # only the printed guide has QR codes; the import would cost every web build 16 ms

        url = self.book.urls.absolute(self.book.urls.path(document, lang))
        code = segno.make(url, error="m").svg_inline(scale=1, border=0, dark=_QR_DARK, omitsize=True)
        return f'<a href="{escape(url)}">{code}</a>' if self.edition.variant == SCREEN else code

    def _map(self, city: City, numbered: list[tuple[int, Entry]]) -> str:
        lang = self.langs[0]
        points = [MapPoint(number, entry.lat, entry.lon, self.title_of(entry), entry.category)
                  for number, entry in numbered if entry.has_location]
        if not points:
            return ""
        def title(code: str) -> str:
            return self.catalog(code).gettext("Map: %(city)s") % {"city": self.page(city, code).title}

        labels = MapLabels(
            title=self.joined(title),
            description=self.joined(lambda code: self.catalog(code).gettext("Numbers as in the list of places")),
            north=self.book.translations[lang].pgettext("compass", "N"), lang=lang)
        return render_map(points, labels, width=560, height=420, format_distance=lambda m: format_distance(m, lang))


_QR_DARK = "#000000"


def page_ref(ref: str) -> Markup:
    """The page number of the place ``ref`` (``#id``) names: a box of fixed width, so that the
    number's value cannot move a line or page break. Left empty here: in the whole document the
    stylesheet fills it with ``target-counter()``; parts get the number written in as text."""
    return Markup('<span class="page-ref"><span class="pageno" data-ref="{}"></span></span>').format(ref)


def _with_page_ref(match: re.Match) -> str:
    """An in-text link to another page of the guide, followed by its page reference ("→ S. 42")."""
    ref = DATA_REF_PATTERN.search(match.group(1))
    if ref is None:
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{page_ref(ref.group(1))}</a>"


#: the print stylesheet's page margins (inner + outer) and the gap between parallel columns, in mm
BLEED_MM = 3  #: what the press files add around the trim on every side
MARGINS_MM = 20 + 14
COLUMN_GAP_MM = 6


def opening_width_mm(config) -> float:
    """Width of a chapter's opening picture: across the page and into the bleed on both sides."""
    return config.pdf_size_mm[0] + 2 * BLEED_MM


def narrowest_column_mm(config) -> float:
    """Width of a text column in the bilingual edition: the narrowest place an image prints."""
    width, _ = config.pdf_size_mm
    return (width - MARGINS_MM - COLUMN_GAP_MM) / 2


def book_epoch(guide: Guide) -> int:
    """The content's date as seconds since 1970, for SOURCE_DATE_EPOCH."""
    day = _content_date(guide)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _content_date(guide: Guide) -> dt.date:
    """The newest ``updated:`` date of the content: the date the printed guide carries, so that
    two builds of the same content give the same file whatever day they run."""
    dates = [page.updated for document in guide.documents() for page in document.translations.values()
             if page.updated]
    return max(dates, default=dt.date(2000, 1, 1))


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'
