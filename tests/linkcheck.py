"""A link checker for a built site and its PDFs, for the tests: every link inside the site must lead
to a file of the output folder, and every ``#fragment`` to an ``id`` in that file.

Links are read the way a browser reads them: relative to the page's own URL (``base_url`` + the
page's path), so relative links, links starting with the site's path (``/guide/…``, the 404 page)
and absolute links to ``base_url`` (canonical, ``hreflang``, Open Graph, a PDF's links to the web)
are all checked against the output folder. A URL ending in ``/`` means that folder's ``index.html``;
a folder named without its ``/`` is reported, since it only works after a redirect. Links to other
hosts and other schemes (``geo:``, ``mailto:``, ``tel:``) are counted, never fetched.

In PDFs, link annotations are read with pypdf: ``/URI`` actions into ``base_url`` must name an
output file, ``/GoTo`` actions and ``/Dest`` entries (and the bookmarks') must name a destination
that exists in that PDF.

    site = Site(output, "https://example.org/guide/")
    report = site.check_pages()            # every HTML page and the site's own stylesheets
    report = site.check_pdf(output / "pdf" / "mini-de.pdf")
    assert not report.broken, report.describe()
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

#: attributes whose value is one URL, on any element (SVG's ``xlink:href`` included)
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "poster", "action", "cite", "data"})
#: Open Graph properties whose ``content`` is a URL
URL_META_PROPERTIES = frozenset({"og:url", "og:image", "og:image:url", "og:image:secure_url", "og:audio", "og:video"})
#: folders of third-party files: their pages and stylesheets are not ours to check (links into them are)
THIRD_PARTY = ("pagefind/",)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""")


@dataclass(frozen=True, order=True)
class BrokenLink:
    source: str  #: the output-relative file holding the link (with ``#page=N`` in a PDF)
    link: str  #: the link as written
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.link}: {self.reason}"


@dataclass
class Report:
    """What a check found: the broken links and how many links of each kind it looked at."""

    broken: list[BrokenLink] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)  #: "internal", "external", "other scheme", "destination"

    def add(self, other: Report) -> None:
        self.broken += other.broken
        self.checked.update(other.checked)

    def describe(self) -> str:
        return "\n".join(str(link) for link in sorted(self.broken))


class _PageParser(HTMLParser):
    """Collects the URLs an HTML page refers to and the fragment targets it offers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.links.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                self.links += srcset_urls(value)
        if tag == "meta" and values.get("property") in URL_META_PROPERTIES and "content" in values:
            self.links.append(values["content"].strip())

    handle_startendtag = handle_starttag


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset``: comma-separated candidates, each a URL and an optional descriptor."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


class Site:
    """A built site in ``root``, published at ``base_url`` (which ends with ``/``)."""

    def __init__(self, root: Path, base_url: str) -> None:
        if not base_url.endswith("/"):
            raise ValueError(f"base_url must end with '/': {base_url!r}")
        self.root = root
        self.base_url = base_url
        base = urlsplit(base_url)
        self._origin = (base.scheme, base.netloc)
        self._base_path = base.path

    def pages(self) -> list[str]:
        """Every HTML page of the site, as output-relative paths, third-party files left out."""
        return sorted(path for path in self._files("*.html") if not path.startswith(THIRD_PARTY))

    def url_of(self, relpath: str) -> str:
        """The published URL of an output file (a folder's ``index.html`` is the folder)."""
        if relpath == "index.html" or relpath.endswith("/index.html"):
            relpath = relpath[: -len("index.html")]
        return self.base_url + relpath

    def check_pages(self) -> Report:
        """Every link of every HTML page and of the site's own stylesheets."""
        report = Report()
        for page in self.pages():
            for link in self._parsed(page).links:
                report.add(self.check_link(link, page))
        for stylesheet in self._files("*.css"):
            if not stylesheet.startswith(THIRD_PARTY):
                report.add(self.check_stylesheet(stylesheet))
        return report

    def check_stylesheet(self, relpath: str) -> Report:
        report = Report()
        text = (self.root / relpath).read_text(encoding="utf-8")
        for match in CSS_URL.finditer(text):
            link = next(group for group in match.groups() if group is not None)
            if not link.startswith("data:"):
                report.add(self.check_link(link, relpath, fragment_is_id=False))
        return report

    def check_link(self, link: str, source: str, *, fragment_is_id: bool = True) -> Report:
        """One link found in the output file ``source``, read relative to that file's URL."""
        report = Report()
        absolute = urljoin(self.url_of(source), link)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            if parts.scheme == "javascript":
                report.broken.append(BrokenLink(source, link, "a javascript: link"))
            report.checked["other scheme"] += 1
            return report
        if parts.netloc != self._origin[1]:
            report.checked["external"] += 1
            return report
        report.checked["internal"] += 1
        problem = self._problem(parts.scheme, parts.path, parts.fragment, fragment_is_id)
        if problem:
            report.broken.append(BrokenLink(source, link, problem))
        return report

    def target(self, url: str) -> str | None:
        """The output-relative file an absolute URL inside the site names, or None."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin or not parts.path.startswith(self._base_path):
            return None
        relpath = unquote(parts.path[len(self._base_path):])
        if relpath == "" or relpath.endswith("/"):
            relpath += "index.html"
        return relpath

    def _problem(self, scheme: str, path: str, fragment: str, fragment_is_id: bool) -> str:
        if scheme != self._origin[0]:
            return f"{scheme}: instead of {self._origin[0]}:"
        if not path.startswith(self._base_path):
            return f"outside the site ({self._base_path})"
        relpath = unquote(path[len(self._base_path):])
        if relpath and posixpath.normpath("/" + relpath) != "/" + relpath.rstrip("/"):
            return "not a normalized path"
        if relpath == "" or relpath.endswith("/"):
            relpath += "index.html"
        elif (self.root / relpath).is_dir():
            return "a folder without its trailing '/' (works only after a redirect)"
        if not (self.root / relpath).is_file():
            return f"no such file: {relpath}"
        if fragment and fragment_is_id:
            if not relpath.endswith(".html"):
                return f"a fragment into {relpath}, which is not a page"
            if unquote(fragment) not in self._parsed(relpath).ids:
                return f"no id '{unquote(fragment)}' in {relpath}"
        return ""

    def _files(self, pattern: str) -> list[str]:
        return sorted(path.relative_to(self.root).as_posix() for path in self.root.rglob(pattern) if path.is_file())

    @cache  # noqa: B019 - a Site lives as long as the test that checks one output folder
    def _parsed(self, relpath: str) -> _PageParser:
        parser = _PageParser()
        parser.feed((self.root / relpath).read_text(encoding="utf-8"))
        parser.close()
        return parser

    # --- PDF ------------------------------------------------------------------------------------

    def check_pdf(self, pdf: Path) -> Report:
        """The link annotations of every page of ``pdf`` and its bookmarks."""
        report = Report()
        reader = PdfReader(pdf, strict=True)
        source = pdf.relative_to(self.root).as_posix() if pdf.is_relative_to(self.root) else pdf.name
        names = set(reader.named_destinations)
        pages = {page.indirect_reference.idnum for page in reader.pages}
        for number, page in enumerate(reader.pages, start=1):
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Link":
                    continue
                report.add(self._check_pdf_link(annotation, f"{source}#page={number}", names, pages))
        outlines = reader.trailer["/Root"].get("/Outlines")
        if outlines is not None:
            for item in _outline_items(outlines.get_object()):
                report.add(self._check_pdf_link(item, f"{source} bookmark {item.get('/Title')!r}", names, pages))
        return report

    def _check_pdf_link(self, item: DictionaryObject, source: str, names: set[str], pages: set[int]) -> Report:
        report = Report()
        action = item.get("/A")
        if action is not None:
            action = action.get_object()
            kind = action.get("/S")
            if kind == "/URI":
                return self.check_link(str(action["/URI"]), source)
            if kind == "/GoTo":
                return _check_destination(action.get("/D"), source, names, pages)
            report.broken.append(BrokenLink(source, str(kind), "an action other than URI or GoTo"))
            return report
        if "/Dest" in item:
            return _check_destination(item["/Dest"], source, names, pages)
        if "/First" not in item:  # a bookmark may be a mere heading of its children
            report.broken.append(BrokenLink(source, "", "a link without /A or /Dest"))
        return report


def _check_destination(destination: object, source: str, names: set[str], pages: set[int]) -> Report:
    """A named destination must exist; an explicit one (``[page /XYZ …]``) must name a page."""
    report = Report()
    report.checked["destination"] += 1
    if isinstance(destination, IndirectObject):
        destination = destination.get_object()
    if isinstance(destination, ArrayObject):
        page = destination[0] if destination else None
        if not (isinstance(page, IndirectObject) and page.idnum in pages):
            report.broken.append(BrokenLink(source, str(destination), "an explicit destination on no page"))
    elif destination is None:
        report.broken.append(BrokenLink(source, "", "a GoTo without a destination"))
    else:
        name = str(destination)[1:] if isinstance(destination, NameObject) else str(destination)
        if name not in names and str(destination) not in names:
            report.broken.append(BrokenLink(source, name, "no such named destination"))
    return report


def _outline_items(outlines: DictionaryObject) -> list[DictionaryObject]:
    """Every bookmark, depth first, following /First and /Next."""
    items, seen, stack = [], set(), [outlines.get("/First")]
    while stack:
        reference = stack.pop()
        key = reference.idnum if isinstance(reference, IndirectObject) else id(reference)
        if reference is None or key in seen:
            continue
        seen.add(key)
        node = reference.get_object()
        items.append(node)
        stack += [node.get("/Next"), node.get("/First")]
    return items
