"""Guide → the website's files: one HTML page per document and language, plus the shared pages.

Templates get ready-made views (titles, relative links, formatted facts) and stay free of logic;
every interface string in them goes through gettext.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import Translations
from markupsafe import Markup, escape

from .assets import ASSETS_FOLDER, Assets
from .discover import Kind
from .geo import format_distance, format_minutes, nearest_each, walking_minutes
from .geodata import Place, geojson, gpx
from .glossary import PlaceName, synonyms
from .i18n import CATEGORY_NAMES, CATEGORY_OF_ENTRY, STAR_TEXTS, language_name, long_date
from .images import ImageInfo
from .incremental import combined
from .maps import MapLabels, MapPoint, render_map
from .markup import Body, LinkTarget, alt_of, anchor_ids, links_to_anchors
from .metadata import ROBOTS_FILE, SITEMAP_FILE, json_ld, og_locale, robots, sitemap
from .model import City, Document, DocumentKey, Entry, Guide, Item, Page
from .options import TEMPLATES_DIR
from .outputs import KeptFile, OutputFile, PageMarks, PdfSummary
from .status import outdated_pages
from .urls import NOT_FOUND, ROOT, Urls, output_file, places_path, relative, search_path
from .views import Link, entry_view, numbered_entries
from .web_images import picture_markup, render_versions, web_image

logger = logging.getLogger(__name__)

NEARBY_COUNT = 4
NEARBY_RADIUS_M = 3000
TEMPLATE_BY_KIND = {
    Kind.HOME: "home.html", Kind.PAGE: "article.html", Kind.CITY: "city.html",
    Kind.ENTRY: "entry.html", Kind.SECTION: "section.html", Kind.ITEM: "item.html",
}

Bodies = dict[tuple[tuple, str], Body]
#: the previous build's file at a path, if it was made from this fingerprint and is intact
Keeper = Callable[[str, str], KeptFile | None]
Neighbours = dict[DocumentKey, list[tuple[DocumentKey, float]]]


class SiteRenderer:
    def __init__(self, guide: Guide, urls: Urls, bodies: Bodies, translations: dict[str, Translations],
                 templates_dir: Path = TEMPLATES_DIR, images: dict[tuple, ImageInfo] | None = None,
                 glossary: list[PlaceName] | None = None, cache_dir: Path | None = None,
                 site_fingerprint: str = "", keep: Keeper | None = None, nearby: Neighbours | None = None):
        self.guide = guide
        self.urls = urls
        self.bodies = bodies
        self.translations = translations
        self.assets = Assets.collect(templates_dir / ASSETS_FOLDER)
        self.envs = {lang: _environment(templates_dir, translations[lang], cache_dir) for lang in guide.languages}
        self.outdated = outdated_pages(guide)
        self.images = images or {}
        self.glossary = glossary or []
        self.cache_dir = cache_dir
        self.downloads: list[PdfSummary] = []
        self.site_fingerprint = site_fingerprint
        self.keep = keep
        self.neighbours = nearby if nearby is not None else nearby_table(guide)
        self._fingerprints: dict[tuple, str] = {}  #: of documents and their cards, for this build
        self._incoming: dict[tuple, frozenset[str]] | None = None
        self._navs: dict[tuple, list[Link]] = {}
        self._nav_reach: dict[str, int] = {}

    def render_pages(self) -> list[OutputFile | KeptFile]:
        """Every page but the home pages, which wait for the PDFs they link to."""
        return [*(self.page(key, lang) for key, lang in self.page_jobs()), *self.render_shared()]

    def page_jobs(self) -> list[tuple[DocumentKey, str]]:
        """Each page to render, as (document, language): every document but the home, every language."""
        return [(document.key, lang) for document in self.guide.documents() if document is not self.guide.home
                for lang in self.guide.languages]

    def page(self, key: DocumentKey, lang: str) -> OutputFile:
        """The page rendered (whether or not the last build's is still right: see :meth:`kept_page`)."""
        return self._render(self.guide.document(key), lang)

    def kept_page(self, key: DocumentKey, lang: str) -> KeptFile | None:
        """The page from the last build, if it is still right (see :meth:`fingerprint`)."""
        if not (self.keep and self.site_fingerprint):
            return None
        document = self.guide.document(key)
        return self.keep(output_file(self.urls.path(document, lang)), self.fingerprint(document, lang))

    def render_shared(self) -> list[OutputFile]:
        """The files every page uses (stylesheet, scripts, fonts), the language chooser and the 404 page."""
        return [*self.assets.files, self._chooser(), self._not_found()]

    def warm_up(self) -> None:
        """Compile every template now, so that forked workers inherit them compiled (and what
        every page's marks need, computed once)."""
        if self.site_fingerprint:
            self.incoming_fragments()
        for env in self.envs.values():
            for name in env.list_templates(filter_func=_web_template):
                env.get_template(name)

    def render_files(self) -> list[OutputFile]:
        """What the site publishes beside its pages: image versions, place downloads, sitemap, robots.txt.
        Not needed by ``check``, which renders the pages only to find template errors."""
        return [*self._image_files(), *self._place_files(),
                OutputFile(SITEMAP_FILE, sitemap(self.guide, self.urls)),
                OutputFile(ROBOTS_FILE, robots(self.guide.config.base_url))]

    def _place_files(self) -> list[OutputFile]:
        """GeoJSON and GPX of each city's places, and of all, in every language."""
        files = []
        for lang in self.guide.languages:
            everywhere = []
            for city in self.guide.cities:
                places = self._places(city, lang)
                everywhere += places
                files += self._place_pair(places, self.urls.path(city, lang), self._shown(city, lang).title, lang)
            home = self.urls.path(self.guide.home, lang)
            files += self._place_pair(everywhere, home, self.guide.config.title[lang], lang)
        return files

    def _places(self, city: City, lang: str) -> list[Place]:
        gettext = self.translations[lang].gettext
        places = []
        for _, entry in numbered_entries(city, lambda e: self._shown(e, lang).title):
            if entry.has_location:
                page = self._shown(entry, lang)
                places.append(Place(page.title, page.summary, gettext(CATEGORY_OF_ENTRY[entry.category]), entry.lat,
                                    entry.lon, self.urls.absolute(self.urls.path(entry, lang)), page.lang))
        return places

    def _place_pair(self, places: list[Place], folder: str, name: str, lang: str) -> list[OutputFile | KeptFile]:
        fingerprint = combined(places, name, lang) if self.site_fingerprint else ""
        files = []
        for extension, make in (("geojson", lambda: geojson(places, lang)),
                                ("gpx", lambda: gpx(places, name, creator="guide_builder"))):
            path = places_path(folder, extension)
            kept = self.keep(path, fingerprint) if self.keep and fingerprint else None
            files.append(kept or OutputFile(path, make(), fingerprint))
        return files

    def _place_links(self, folder: str, path: str) -> list[Link]:
        return [Link(label, relative(path, places_path(folder, extension)))
                for label, extension in (("GeoJSON", "geojson"), ("GPX", "gpx"))]

    def _image_files(self) -> list[OutputFile]:
        """The web versions of every image a page shows, made once each (and kept in the cache)."""
        used = [image for body in self.bodies.values() for image in body.images] + list(self.images.values())
        unique = {(image.path.stem, image.digest): image for image in used}  # the names carry the file's stem
        keep = self.keep if self.site_fingerprint else None
        return [file for key in sorted(unique) for file in render_versions(unique[key], self.cache_dir, keep)]

    def render_homes(self, pdfs: list[PdfSummary]) -> list[OutputFile]:
        """The home page of each language, with download links to the screen PDFs."""
        self.downloads = [pdf for pdf in pdfs if pdf.variant == "screen"]
        return [self._page(self.guide.home, lang) for lang in self.guide.languages]

    # ---- one page ----

    def _shown(self, document: Document, lang: str) -> Page:
        """The page shown in ``lang``: its own translation, or the borrowed text of another language."""
        return document.shown_in(lang, self.guide.languages)

    def _page(self, document: Document, lang: str) -> OutputFile | KeptFile:
        """The page from the last build if it is still right, else rendered."""
        return self.kept_page(document.key, lang) or self._render(document, lang)

    def _render(self, document: Document, lang: str) -> OutputFile:
        path = self.urls.path(document, lang)
        fingerprint = self.fingerprint(document, lang) if self.site_fingerprint else ""
        page = self._shown(document, lang)
        context = self._common(document, page, lang, path)
        context.update(self._specific(document, page, lang, path))
        html = self.envs[lang].get_template(TEMPLATE_BY_KIND[document.key[0]]).render(context)
        marks = self._marks(document, page, lang, html, context) if fingerprint else None
        return OutputFile(output_file(path), html.encode("utf-8"), fingerprint, marks)

    def _marks(self, document: Document, page: Page, lang: str, html: str, context: dict) -> PageMarks | None:
        """Where the text sits in the page, for a later build that finds only this text changed
        (see ``quick``); None for a page whose text shows elsewhere too or carries images."""
        body, shown = self.bodies[(document.key, page.lang)], context["body"]
        if page.lang != lang or body.images or not shown or self._text_shown_elsewhere(document, page):
            return None
        start = html.find(shown)
        if start < 0 or html.find(shown, start + 1) >= 0:
            return None
        offset = len(html[:start].encode("utf-8"))
        needed = self.incoming_fragments().get((document.key, lang), frozenset())
        return PageMarks(os.path.abspath(page.source.path), page.source.relpath, document.key, lang, page.front,
                         offset, offset + len(shown.encode("utf-8")),
                         tuple(context["synonyms"]), body.fragment_links, needed,
                         needed - anchor_ids(body.html) if needed else needed)

    def _text_shown_elsewhere(self, document: Document, page: Page) -> bool:
        """Whether another language shows this text (it lacks its own) or tracks it (its
        "outdated" note depends on it)."""
        return (any(self._shown(document, lang) is page for lang in self.guide.languages if lang != page.lang)
                or any(other.translation is not None and other.translation.source == page.lang
                       for other in document.translations.values() if other is not page))

    def incoming_fragments(self) -> dict[tuple, frozenset[str]]:
        """For each page, the ``#fragments`` other pages' links lead to on it."""
        if self._incoming is None:
            found: dict[tuple, set[str]] = {}
            for _, link, shown in links_to_anchors(self.guide, self.bodies):
                found.setdefault((link.key, shown.lang), set()).add(link.fragment)
            self._incoming = {key: frozenset(fragments) for key, fragments in found.items()}
        return self._incoming

    # ---- what a page is made from ----

    def fingerprint(self, document: Document, lang: str) -> str:
        """Everything the page of ``document`` in ``lang`` shows, as one fingerprint: the site's
        (templates, catalogs, configuration, images, the documents in every page's navigation), the
        document's own files and the addresses its links lead to, and what it lists of others."""
        listed: list = []
        if isinstance(document, City):
            listed = [self._card_fingerprint(entry) for entry in document.entries]
        elif isinstance(document, Entry):
            listed = [(self._card_fingerprint(self.guide.document(key)), metres)
                      for key, metres in self.neighbours.get(document.key, [])]
        elif document.key[0] is Kind.SECTION:
            section = next(s for s in self.guide.sections if s.key == document.key)
            listed = [self._card_fingerprint(item) for item in section.items]
        elif document is self.guide.home:
            listed = [[len(city.entries) for city in self.guide.cities],
                      [(pdf.path, pdf.languages, pdf.pages, pdf.size) for pdf in self.downloads]]
        return combined(self.site_fingerprint, lang, self._document_fingerprint(document), listed)

    def _document_fingerprint(self, document: Document) -> str:
        """The document's files (all languages: the switcher and a translation's status depend on
        them) and where its links lead (a linked page may move)."""
        if document.key not in self._fingerprints:
            self._fingerprints[document.key] = self._own_fingerprint(document)
        return self._fingerprints[document.key]

    def _own_fingerprint(self, document: Document) -> str:
        targets = []
        for lang in document.translations:
            for link in self.bodies[(document.key, lang)].links:
                targets.append([self.urls.path(link.key, code) for code in self.guide.languages])
        return combined([(lang, page.blob) for lang, page in document.translations.items()], targets)

    def _card_fingerprint(self, document: Document) -> str:
        """What a list, a map or a neighbour's page shows of ``document``."""
        key = ("card", document.key)
        if key not in self._fingerprints:
            self._fingerprints[key] = self._card(document)
        return self._fingerprints[key]

    def _card(self, document: Document) -> str:
        shown = [(self._shown(document, lang).title, self._shown(document, lang).summary,
                  self._shown(document, lang).lang, self.urls.path(document, lang)) for lang in self.guide.languages]
        facts = (document.category, document.stars, document.lat, document.lon) if isinstance(document, Entry) else ()
        return combined(shown, facts)

    def _common(self, document: Document, page: Page, lang: str, path: str) -> dict[str, Any]:
        gettext = self.translations[lang].gettext
        borrowed = page.lang != lang
        home = self.urls.path(self.guide.home, lang)
        site_title = self.guide.config.title[lang]
        head_title = site_title if document is self.guide.home else f"{page.title} – {site_title}"
        return {
            "lang": lang,
            "head_title": head_title,
            "description": page.summary,
            "canonical": self.urls.absolute(self.urls.path(document, page.lang)),
            "text_lang": page.lang,
            "borrowed_note": gettext("This page is only available in %(language)s.") % {
                "language": language_name(page.lang, lang)} if borrowed else "",
            "outdated": self._outdated_note(document, lang, path),
            "alternates": self._alternates(document),
            "stylesheet": relative(path, self.assets.paths["style.css"]),
            "favicon": relative(path, self.assets.paths["favicon.svg"]),
            "site_title": site_title,
            "site_subtitle": self.guide.config.subtitle[lang],
            "home_url": relative(path, home),
            "nav": self._nav(lang, path, document),
            "switcher": self._switcher(document, lang, path, gettext),
            "breadcrumbs": self._breadcrumbs(document, lang, path),
            "title": page.title,
            "summary": page.summary,
            "body": self._body(document, page, lang, path),
            "updated": long_date(page.updated, lang) if page.updated else "",
            "image": self._image(document, page, path),
            "updated_iso": page.updated.isoformat() if page.updated else "",
            "search_url": relative(path, search_path(lang)),
            "og": self._open_graph(document, page, lang),
            "json_ld": json_ld(document, lang, self.urls) if not borrowed else "",
            # the search index of a language holds its own pages only, with the other languages'
            # place names as synonyms (Pagefind has none of its own)
            "indexed": not borrowed,
            "synonyms": synonyms(page, self.glossary) if not borrowed else [],
        }

    def _open_graph(self, document: Document, page: Page, lang: str) -> dict[str, Any]:
        """Open Graph properties for link previews."""
        image = self.images.get((document.key, page.lang))
        return {
            "type": "website" if document is self.guide.home else "article",
            "site_name": self.guide.config.title[lang],
            "locale": og_locale(lang),
            "alternate_locales": [og_locale(code) for code in self.guide.languages
                                  if code != lang and code in document.translations],
            "image": self.urls.absolute(web_image(image).fallback[-1].path) if image else "",
            "image_alt": page.image_alt if image else "",
        }


    def render_search_pages(self, available: bool) -> list[OutputFile]:
        """A search page per language: Pagefind's interface on the index of that language, or a
        notice where this build has no index."""
        files = []
        for lang in self.guide.languages:
            path = search_path(lang)
            gettext = self.translations[lang].gettext
            home = self.guide.home
            context = {
                "lang": lang, "text_lang": lang, "head_title": f"{gettext('Search')} – {self.guide.config.title[lang]}",
                "description": "", "canonical": self.urls.absolute(path),
                "alternates": [Link(code, self.urls.absolute(search_path(code))) for code in self.guide.languages]
                + [Link("x-default", self.urls.absolute(search_path(self.guide.languages[0])))],
                "stylesheet": relative(path, self.assets.paths["style.css"]),
                "favicon": relative(path, self.assets.paths["favicon.svg"]),
                "site_title": self.guide.config.title[lang], "site_subtitle": self.guide.config.subtitle[lang],
                "home_url": relative(path, self.urls.path(home, lang)), "nav": self._nav(lang, path, home),
                "switcher": [{"lang": code, "label": language_name(code, label=True),
                              "url": "" if code == lang else relative(path, search_path(code)),
                              "current": code == lang, "note": ""} for code in self.guide.languages],
                "breadcrumbs": [self._link(home, lang, path)], "borrowed_note": "", "outdated": None,
                "updated": "", "search_url": "./", "indexed": False, "synonyms": [], "json_ld": "",
                "og": {"type": "website", "site_name": self.guide.config.title[lang], "locale": og_locale(lang),
                       "alternate_locales": [], "image": "", "image_alt": ""},
                "title": gettext("Search"),
                "search_css": relative(path, "pagefind/pagefind-ui.css"),
                "search_ui": relative(path, "pagefind/pagefind-ui.js"),
                "search_script": relative(path, self.assets.paths["search.js"]),
                "base_path": self.guide.config.base_path,
                "available": available,
            }
            html = self.envs[lang].get_template("search.html").render(context)
            files.append(OutputFile(output_file(path), html.encode("utf-8")))
        return files

    def _body(self, document: Document, page: Page, lang: str, path: str) -> str:
        """The body with its links leading to pages in ``lang``, the language of the page it is shown on."""
        def href(target: LinkTarget) -> str:
            return self.urls.link(path, target.key, target.lang or lang, target.fragment)

        def picture(image: ImageInfo, tag: str) -> str:
            return picture_markup(web_image(image), lambda target: relative(path, target), alt_of(tag))

        return self.bodies[(document.key, page.lang)].finish(href, picture)

    def _downloads(self, lang: str, path: str) -> list[dict[str, str]]:
        """``Deutsch und Französisch`` — PDF, 2,4 MB, 148 pages."""
        translations = self.translations[lang]
        items = []
        for pdf in self.downloads:
            names = [language_name(code, lang) for code in pdf.languages]
            label = format_list(names, locale=lang)
            label = label[:1].upper() + label[1:]
            size = format_decimal(pdf.size / 1_000_000, format="#,##0.0", locale=lang)
            details = translations.ngettext("PDF, %(size)s MB, %(num)d page", "PDF, %(size)s MB, %(num)d pages",
                                            pdf.pages) % {"size": size, "num": pdf.pages}
            items.append({"label": label, "details": details, "url": relative(path, pdf.path),
                          "lang": pdf.languages[0] if len(pdf.languages) == 1 else ""})
        return items

    def _image(self, document: Document, page: Page, path: str) -> dict[str, Any] | None:
        image = self.images.get((document.key, page.lang))
        if image is None:
            return None
        return Markup(picture_markup(web_image(image), lambda target: relative(path, target),
                                     escape(page.image_alt), lazy=False))  # at the top of the page

    def _outdated_note(self, document: Document, lang: str, path: str) -> Link | None:
        """A note and link to the source text when this translation is behind it."""
        status = self.outdated.get((document.key, lang))
        if status is None or status.source is None:
            return None
        source_lang = status.source.lang
        note = self.translations[lang].gettext(
            "The %(language)s text of this page has changed since it was translated; "
            "this version may be out of date.") % {"language": language_name(source_lang, lang)}
        return Link(note, relative(path, self.urls.path(document, source_lang)), lang=source_lang)

    def _specific(self, document: Document, page: Page, lang: str, path: str) -> dict[str, Any]:
        if document is self.guide.home:
            return {"cities": self._city_cards(lang, path), "sections": self._links(self.guide.sections, lang, path),
                    "downloads": self._downloads(lang, path), "map": self._region_map(lang, path),
                    "places": self._place_links(path, path)}
        if isinstance(document, City):
            return {"groups": self._entry_groups(document, lang, path), "map": self._city_map(document, lang, path),
                    "places": self._place_links(path, path)}
        if isinstance(document, Entry):
            return {"entry": entry_view(document, page, lang, self.translations[lang]),
                    "nearby": self._nearby(document, lang, path)}
        if isinstance(document, Item):
            cities = [self.guide.city(name) for name in document.cities]
            return {"duration": page.duration, "visited": self._links(cities, lang, path)}
        if document.key[0] is Kind.SECTION:
            section = next(s for s in self.guide.sections if s.key == document.key)
            return {"items": self._cards(section.items, lang, path)}
        return {}

    # ---- parts ----

    def _alternates(self, document: Document) -> list[Link]:
        links = [Link(lang, self.urls.absolute(self.urls.path(document, lang)))
                 for lang in self.guide.languages if lang in document.translations]
        default = document.first_page(self.guide.languages).lang
        links.append(Link("x-default", self.urls.absolute(self.urls.path(document, default))))
        return links

    def _nav(self, lang: str, path: str, current: Document) -> list[Link]:
        """The main navigation: the same for every page of a folder (the entries of a city), so
        made once per folder, not once per page (a guide of many cities has many links in it)."""
        documents = [*self.guide.cities, *self.guide.sections, *self.guide.pages]
        if lang not in self._nav_reach:
            self._nav_reach[lang] = max((self.urls.path(d, lang).count("/") for d in documents), default=0)
        folder = path if path.endswith("/") else path.rpartition("/")[0] + "/"
        # a link from ``folder`` to a target N folders deep depends on the first N folders and the depth
        start = tuple(folder.split("/")[:self._nav_reach[lang]])
        key = (lang, folder.count("/"), start, current.key if any(d is current for d in documents) else None)
        if key not in self._navs:
            self._navs[key] = [self._link(d, lang, path, current=d is current) for d in documents]
        return self._navs[key]

    def _switcher(self, document: Document, lang: str, path: str, gettext) -> list[dict[str, Any]]:
        items = []
        for other in self.guide.languages:
            name = language_name(other, label=True)
            if other == lang:
                items.append({"lang": other, "label": name, "url": "", "current": True, "note": ""})
            elif other in document.translations:
                url = relative(path, self.urls.path(document, other))
                items.append({"lang": other, "label": name, "url": url, "current": False, "note": ""})
            else:
                note = gettext("This page is not available in %(language)s.") % {
                    "language": language_name(other, lang)}
                items.append({"lang": other, "label": name, "url": "", "current": False, "note": note})
        return items

    def _breadcrumbs(self, document: Document, lang: str, path: str) -> list[Link]:
        home = self.guide.home
        if document is home:
            return []
        parent = self._parent(document)
        return [self._link(d, lang, path) for d in (home, parent) if d is not None]

    def _parent(self, document: Document) -> Document | None:
        if isinstance(document, Entry):
            return self.guide.city(document.city)
        if isinstance(document, Item):
            return next(s for s in self.guide.sections if s.name == document.section)
        return None

    def _link(self, document: Document, lang: str, path: str, current: bool = False) -> Link:
        """A link to ``document`` in ``lang``; ``Link.lang`` is set when the title is borrowed."""
        page = self._shown(document, lang)
        return Link(page.title, relative(path, self.urls.path(document, lang)), current,
                    page.lang if page.lang != lang else "")

    def _links(self, documents, lang: str, path: str) -> list[Link]:
        return [self._link(d, lang, path) for d in documents]

    def _cards(self, documents, lang: str, path: str) -> list[dict[str, str]]:
        cards = []
        for document in documents:
            page = self._shown(document, lang)
            cards.append({"title": page.title, "summary": page.summary,
                          "url": relative(path, self.urls.path(document, lang)),
                          "lang": page.lang if page.lang != lang else "", "note": self._borrowed_label(page, lang)})
        return cards

    def _borrowed_label(self, page: Page, lang: str) -> str:
        if page.lang == lang:
            return ""
        return self.translations[lang].gettext("in %(language)s") % {"language": language_name(page.lang, lang)}

    def _city_cards(self, lang: str, path: str) -> list[dict[str, Any]]:
        ngettext = self.translations[lang].ngettext
        cards = self._cards(self.guide.cities, lang, path)
        for card, city in zip(cards, self.guide.cities, strict=True):
            count = len(city.entries)
            card["count"] = ngettext("%(num)d place", "%(num)d places", count) % {"num": count}
        return cards

    def _entry_groups(self, city: City, lang: str, path: str) -> list[dict[str, Any]]:
        """The city's entries, numbered as on its map, grouped under their category."""
        gettext = self.translations[lang].gettext
        groups: dict[str, dict[str, Any]] = {}
        for number, entry in numbered_entries(city, lambda e: self._shown(e, lang).title):
            page = self._shown(entry, lang)
            group = groups.setdefault(entry.category, {"id": entry.category, "entries": [],
                                                       "title": gettext(CATEGORY_NAMES[entry.category])})
            group["entries"].append({
                "number": number, "title": page.title, "summary": page.summary,
                "url": relative(path, self.urls.path(entry, lang)),
                "lang": page.lang if page.lang != lang else "", "note": self._borrowed_label(page, lang),
                "stars": entry.stars or 0,
                "stars_text": gettext(STAR_TEXTS[entry.stars]) if entry.stars else ""})
        return list(groups.values())

    def _city_map(self, city: City, lang: str, path: str) -> str:
        """The city's places as numbered markers, each a link to its page, numbered as the list."""
        points = []
        for number, entry in numbered_entries(city, lambda e: self._shown(e, lang).title):
            if entry.has_location:
                points.append(MapPoint(number, entry.lat, entry.lon, self._shown(entry, lang).title, entry.category,
                                       relative(path, self.urls.path(entry, lang))))
        if not points:
            return ""
        gettext = self.translations[lang].gettext
        labels = MapLabels(title=gettext("Map: %(city)s") % {"city": self._shown(city, lang).title},
                           description=gettext("Numbers as in the list of places"),
                           north=self.translations[lang].pgettext("compass", "N"), lang=lang)
        return render_map(points, labels, format_distance=lambda metres: format_distance(metres, lang))

    def _region_map(self, lang: str, path: str) -> str:
        """The cities of the guide on one map, each a link to its page."""
        points = [MapPoint(number, city.lat, city.lon, self._shown(city, lang).title, "sight",
                           relative(path, self.urls.path(city, lang)))
                  for number, city in enumerate(self.guide.cities, 1) if city.lat is not None and city.lon is not None]
        if not points:
            return ""
        gettext = self.translations[lang].gettext
        labels = MapLabels(title=gettext("Map: %(city)s") % {"city": self.guide.config.title[lang]},
                           description=gettext("Numbers as in the list of cities"),
                           north=self.translations[lang].pgettext("compass", "N"), lang=lang)
        return render_map(points, labels, format_distance=lambda metres: format_distance(metres, lang))

    def _nearby(self, entry: Entry, lang: str, path: str) -> list[dict[str, str]]:
        """The closest places of the same city, with distance and walking time."""
        gettext = self.translations[lang].gettext
        items = []
        for key, metres in self.neighbours.get(entry.key, []):
            link = self._link(self.guide.document(key), lang, path)
            walk = gettext("%(time)s on foot") % {"time": format_minutes(walking_minutes(metres), lang)}
            items.append({"title": link.label, "url": link.url, "lang": link.lang,
                          "distance": format_distance(metres, lang), "walk": walk})
        return items

    # ---- pages outside the languages ----

    def _chooser(self) -> OutputFile:
        parts = []
        for lang in self.guide.languages:
            gettext = self.translations[lang].gettext
            parts.append({"lang": lang, "title": self.guide.config.title[lang],
                          "text": self.guide.config.subtitle[lang], "lead": True,
                          "label": gettext("Read the guide in %(language)s") % {"language": language_name(lang, lang)},
                          "url": relative(ROOT, self.urls.path(self.guide.home, lang))})
        first = self.guide.languages[0]
        context = {"lang": first, "parts": parts, "stylesheet": relative(ROOT, self.assets.paths["style.css"]),
                   "favicon": relative(ROOT, self.assets.paths["favicon.svg"]),
                   "head_title": " · ".join(dict.fromkeys(self.guide.config.title.values())),
                   "canonical": self.urls.absolute(ROOT),
                   "alternates": [Link("x-default", self.urls.absolute(ROOT))]}
        html = self.envs[first].get_template("chooser.html").render(context)
        return OutputFile(output_file(ROOT), html.encode("utf-8"))

    def _not_found(self) -> OutputFile:
        base = self.guide.config.base_path
        parts = []
        for lang in self.guide.languages:
            gettext = self.translations[lang].gettext
            parts.append({"lang": lang, "title": gettext("Page not found"), "lead": False,
                          "text": gettext("This page does not exist (any more)."),
                          "label": gettext("To the home page"),
                          "url": self.urls.absolute_path(self.urls.path(self.guide.home, lang), base)})
        first = self.guide.languages[0]
        stylesheet = self.urls.absolute_path(self.assets.paths["style.css"], base)
        context = {"lang": first, "parts": parts, "stylesheet": stylesheet,
                   "favicon": self.urls.absolute_path(self.assets.paths["favicon.svg"], base),
                   "head_title": " · ".join(p["title"] for p in parts)}
        html = self.envs[first].get_template("404.html").render(context)
        return OutputFile(NOT_FOUND, html.encode("utf-8"))


def nearby_table(guide: Guide) -> Neighbours:
    """For each entry with a location, the closest places of the same city and their distance."""
    table: Neighbours = {}
    for city in guide.cities:
        located = [entry for entry in city.entries if entry.has_location]
        neighbours = nearest_each([(entry.lat, entry.lon) for entry in located], NEARBY_COUNT, NEARBY_RADIUS_M)
        for entry, found in zip(located, neighbours, strict=True):
            table[entry.key] = [(located[n.index].key, n.metres) for n in found]
    return table


def _web_template(name: str) -> bool:
    """The website's templates (those of the printed guide are in ``print/``)."""
    return name.endswith(".html") and "/" not in name


def _environment(templates_dir: Path, translations: Translations, cache_dir: Path | None = None) -> jinja2.Environment:
    """Templates compiled once and kept in the cache folder (Jinja checks each against its source)."""
    compiled = None
    if cache_dir is not None:
        (cache_dir / "templates").mkdir(parents=True, exist_ok=True)
        compiled = jinja2.FileSystemBytecodeCache(str(cache_dir / "templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=compiled,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # an environment lasts one build: no need to look at the files again for each include
    )
    env.install_gettext_translations(translations, newstyle=True)
    return env
