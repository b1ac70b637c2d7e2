"""Markdown bodies → safe HTML, once the whole guide exists so that links can be resolved.

Named ``markup`` rather than ``markdown`` so that it never shadows the Python-Markdown package.
Links to source files (``../trier/porta-nigra.md``) become relative links to the right page in the
same language; raw HTML is cleaned to an allow-list with nh3, and what was removed is reported.
"""

from __future__ import annotations

import logging
import posixpath
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from .diagnostics import Diagnostics
from .images import ImageError, ImageInfo, find_image
from .markdown_speedups import HeadingIdExtension, quicken
from .model import Guide, Page
from .typography import apply_typography
from .urls import Urls

logger = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
COMMON_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES = {
    "*": set(COMMON_ATTRIBUTES),
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "geo"})
URL_ATTRIBUTES = ("href", "src", "cite")
#: content of these is dropped with the tag, not kept as text
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})

#: a tag as the sanitizer will see it; an unquoted '<' ends the attempt, so that text with thousands
#: of unclosed '<a' is read once, not once per '<'
TAG_PATTERN = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE_PATTERN = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")

# What a page may ask of Python-Markdown, so that any page converts in about a second. Python-Markdown
# (and the html.parser it hands raw HTML to) reads ahead from each '[' to its ']' and from each '<' to
# its '>', so thousands of unclosed ones take quadratic time (Python-Markdown issue #798: 12,000 '['
# take half a minute); it reads a paragraph again for each emphasis or link in it, and descends once
# per level of nested lists; nh3 takes quadratic time over deeply nested elements. Real pages stay
# orders of magnitude below these limits.
MAX_LOOKAHEAD = 2_000_000  #: characters read ahead from '[', '(' after ']', and '<' to where they close
MAX_INLINE_WORK = 300_000_000  #: summed over paragraphs: markup characters × the paragraph's length
MAX_INDENT_LEVELS = 32  #: of four spaces (or a tab) at the start of a line
MAX_HTML_DEPTH = 100  #: elements inside each other in the converted text
#: where Python-Markdown starts a new piece of inline text: a blank line, a list item, a table row,
#: a heading or a quotation
BLOCK_BREAK = re.compile(r"\n(?:[ \t]*\n)+|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|[|#>]))")
BRACKET = re.compile(r"\\.|[\[\]()]")
TAG_OPENER = re.compile(r"<(!--|!\[|[A-Za-z/!?])")
INLINE_MARKUP = re.compile(r"[*_`\[\]!<>&\\{}]")
DEEP_INDENT = re.compile(rf"^(?:[ ]{{4}}|[ ]{{0,3}}\t){{{MAX_INDENT_LEVELS + 1}}}", re.MULTILINE)
#: where an image may be: the HTML parser also takes ``<image>`` for ``<img>``
IMAGE_TAG = re.compile(r"<im", re.IGNORECASE)
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                           "source", "track", "wbr"})
#: elements whose end tag may be left out: a second one in a row closes the first
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot"})


@dataclass(frozen=True)
class LinkProblem:
    href: str
    message: str
    hint: str
    severity: str


class _LinkRewriter(Treeprocessor):
    """Rewrites every ``<a href>`` and ``<img src>`` through the resolvers set for the document
    being converted."""

    resolve: Callable[[str], str | None]
    resolve_image: Callable[[Element], bool]

    def run(self, root: Element) -> None:
        if next(root.iter("img"), None) is not None:
            for parent in list(root.iter()):
                for index, child in enumerate(list(parent)):
                    if child.tag == "img" and not self.resolve_image(child):
                        parent[index] = _alt_text(child)
        for element in root.iter("a"):
            href = element.get("href")
            if href is not None:
                new = self.resolve(href)
                if new is not None:
                    element.set("href", new)
                    # print shows a page reference after links to other pages of the guide
                    element.set("class", " ".join(filter(None, (element.get("class"), "xref"))))


class _LinkExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.processor: _LinkRewriter | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        self.processor = _LinkRewriter(md)
        md.treeprocessors.register(self.processor, "guide_links", 1)


class _AlignmentClasses(Treeprocessor):
    """Table cells aligned with ``|:--|--:|`` get a class (``align-right``) instead of the tables
    extension's ``style="text-align: right;"``: the site's Content-Security-Policy allows no style
    attributes (see deploy/nginx.conf); the stylesheets give the classes their alignment."""

    def run(self, root: Element) -> None:
        if next(root.iter("table"), None) is None:
            return
        for cell in (element for element in root.iter() if element.tag in ("th", "td")):
            match = re.fullmatch(r"text-align: (left|center|right);", cell.get("style", ""))
            if match:
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, (cell.get("class"), f"align-{match.group(1)}"))))


class _AlignmentExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        md.treeprocessors.register(_AlignmentClasses(md), "guide_alignment", 2)


LINK_TOKEN = "#__guide_link_"
LINK_TOKEN_PATTERN = re.compile(r'href="#__guide_link_(\d+)"')
IMAGE_TOKEN = "#__guide_image_"
IMAGE_TAG_PATTERN = re.compile(r'<img [^>]*?src="#__guide_image_(\d+)"[^>]*>')
IMAGE_SRC_PATTERN = re.compile(r'src="#__guide_image_(\d+)"')


def _alt_text(image: Element) -> Element:
    """What stands in for an image that is not shown: its text alternative."""
    span = Element("span", {"class": "image-missing"})
    span.text = image.get("alt", "")
    span.tail = image.tail
    return span


@dataclass(frozen=True)
class LinkTarget:
    """Where an internal link leads, whatever the output: a document, and the language written in
    the link's path when it names one other than the text's own (``None``: the reader's language)."""

    key: tuple
    lang: str | None
    fragment: str
    href: str = field(default="", compare=False)  #: as the editor wrote it, for messages


@dataclass(frozen=True, init=False)
class Body:
    """A page body converted once; internal links are tokens until :meth:`finish` resolves them."""

    utf8: bytes  #: the HTML, kept as UTF-8 (see ``model.Page.body``)
    links: tuple[LinkTarget, ...]
    images: tuple[ImageInfo, ...] = ()
    #: what converting it asked of the guide: (language, path, document or None, languages borrowed)
    #: for each link target, so that a later build can tell whether the answers are still the same
    lookups: tuple[tuple, ...] = ()

    def __init__(self, html: str, links: tuple[LinkTarget, ...], images: tuple[ImageInfo, ...] = (),
                 lookups: tuple[tuple, ...] = ()):
        object.__setattr__(self, "utf8", html.encode("utf-8", "surrogatepass"))
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "images", images)
        object.__setattr__(self, "lookups", lookups)

    @property
    def html(self) -> str:
        return self.utf8.decode("utf-8", "surrogatepass")

    @property
    def fragment_links(self) -> frozenset[tuple]:
        """(document, language, fragment) of every link to a ``#fragment`` of another page."""
        return frozenset((link.key, link.lang, link.fragment) for link in self.links if link.fragment)

    def finish(self, href: Callable[[LinkTarget], str],
               image: Callable[[ImageInfo, str], str] | None = None) -> str:
        """The HTML with every internal link pointing where ``href`` says, and every ``<img>`` tag
        replaced by what ``image`` makes of it (given the image and the tag)."""
        html = self.html
        if self.links:
            html = LINK_TOKEN_PATTERN.sub(lambda m: f'href="{escape(href(self.links[int(m.group(1))]))}"', html)
        if self.images and image is not None:
            html = IMAGE_TAG_PATTERN.sub(lambda m: image(self.images[int(m.group(1))], m.group(0)), html)
        return html


ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


def anchor_ids(html: str) -> frozenset[str]:
    """The ids a link's ``#fragment`` can lead to in a converted body (headings, footnotes)."""
    return frozenset(ANCHOR_ID.findall(html))


def links_to_anchors(guide: Guide, bodies: dict[tuple, Body]) -> Iterator[tuple[Page, LinkTarget, Page]]:
    """Every link to a ``#fragment``: the page it is on, the link, and the page it leads to (the
    one readers of the link's language are shown there)."""
    for document in guide.documents():
        for lang, page in document.translations.items():
            for link in bodies[(document.key, lang)].links:
                if link.fragment:
                    yield page, link, guide.document(link.key).shown_in(link.lang or lang, guide.languages)


def with_src(tag: str, src: str) -> str:
    """An image tag pointing at ``src`` instead of its token."""
    return re.sub(r'src="#__guide_image_\d+"', f'src="{escape(src)}"', tag)


def alt_of(tag: str) -> str:
    """The (escaped) text alternative of an image tag."""
    match = re.search(r'alt="([^"]*)"', tag)
    return match.group(1) if match else ""


class MarkdownRenderer:
    """One Python-Markdown instance per language, reused for every document (reset between them)."""

    def __init__(self, languages: tuple[str, ...], content_dir: Path, urls: Urls, backlink_titles: dict[str, str]):
        self.languages = languages
        self.content_dir = content_dir
        self.urls = urls
        self._links = {lang: _LinkExtension() for lang in languages}
        self._md = {
            lang: markdown.Markdown(
                extensions=[HeadingIdExtension(slugify=slugify_unicode, toc_depth="2-6"), "tables", "footnotes",
                            "attr_list", _AlignmentExtension(), self._links[lang]],
                extension_configs={"footnotes": {"BACKLINK_TITLE": backlink_titles.get(lang, "↩ %d")}},
                output_format="html",
            )
            for lang in languages
        }
        for md in self._md.values():
            quicken(md)

    def render(self, page: Page, diagnostics: Diagnostics) -> Body:
        """The page body as clean HTML with link tokens; link and HTML problems go to ``diagnostics``."""
        problems: list[LinkProblem] = []
        links: list[LinkTarget] = []
        images: list[ImageInfo] = []
        lookups: list[tuple] = []
        processor = self._links[page.lang].processor
        processor.resolve = lambda href: self._resolve(href, page, links, problems, lookups)
        processor.resolve_image = lambda element: self._resolve_image(element, page, images, problems)
        md = self._md[page.lang]
        md.reset()
        text = page.body
        refused = too_slow_to_convert(text)
        if refused:
            offset, message, hint = refused
            diagnostics.error(page.source.path, page.body_line + text.count("\n", 0, offset), message, hint)
            return Body("", ())
        try:
            html = md.convert(text)
            too_deep = nested_too_deeply(html)
        except RecursionError:  # Python-Markdown descends once per level of nesting
            md.reset()
            too_deep = True
        if too_deep:
            diagnostics.error(page.source.path, page.body_line,
                              f"the text nests lists, quotes, emphasis or HTML elements more than "
                              f"{MAX_HTML_DEPTH} levels deep", "flatten it: a list in a list in a list is plenty")
            return Body("", ())
        find_line = _LineFinder(page)
        for problem in problems:
            line = find_line(problem.href)
            if problem.severity == "error":
                diagnostics.error(page.source.path, line, _one_line(problem.message), problem.hint)
            else:
                diagnostics.warning(page.source.path, line, _one_line(problem.message), problem.hint)
        html = sanitize(html, page, diagnostics)
        if not _only_own_tokens(html, len(links), len(images)):
            diagnostics.error(page.source.path, line_of(page, "__guide_"),
                              f"the text contains '{LINK_TOKEN}…' or '{IMAGE_TOKEN}…', which the build uses itself",
                              "remove it")
            return Body("", ())
        return Body(apply_typography(html, page.lang), tuple(links), tuple(images), tuple(lookups))

    def still_right(self, body: Body) -> bool:
        """Whether the guide still gives every answer that converting ``body`` got (its link
        targets exist, or not, as they did, and are borrowed in the same languages): then a new
        page elsewhere, or one removed, does not change it."""
        return all(self._answer(lang, relpath) == (key, borrowed) for lang, relpath, key, borrowed in body.lookups)

    def _resolve_image(self, element: Element, page: Page, images: list[ImageInfo],
                       problems: list[LinkProblem]) -> bool:
        """Point an image at its file; False (with a problem reported) when it cannot be shown."""
        src = element.get("src", "")
        if not element.get("alt", "").strip():
            problems.append(LinkProblem(src, f"image '{src}' has no text alternative",
                                        "write what it shows: ![Die Porta Nigra von Norden](porta-nigra.jpg)", "error"))
        try:
            image = find_image(src, page.source, self.content_dir)
        except ImageError as exc:
            external = bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", src))
            problems.append(LinkProblem(src, str(exc), "", "warning" if external else "error"))
            return False
        images.append(image)
        element.set("src", f"{IMAGE_TOKEN}{len(images) - 1}")
        element.set("width", str(image.width))
        element.set("height", str(image.height))
        return True

    def _resolve(self, href: str, page: Page, links: list[LinkTarget], problems: list[LinkProblem],
                 lookups: list[tuple]) -> str | None:
        try:
            parts = urlsplit(href)
        except ValueError:  # e.g. an unclosed '[' of an IPv6 address
            problems.append(LinkProblem(href, f"link '{href}' is not a valid address",
                                        "check the link target between the parentheses", "error"))
            return None
        if parts.scheme or parts.netloc or href.startswith("#") or not parts.path:
            return None
        if parts.path.startswith("/"):
            problems.append(LinkProblem(href, f"link '{href}' starts with '/'", "link to the .md file with a "
                                        "relative path, e.g. ../trier/porta-nigra.md", "error"))
            return None
        if not parts.path.endswith(".md"):
            problems.append(LinkProblem(href, f"link '{href}' does not lead to a page of the guide",
                                        "link to the page's .md file, e.g. ../trier/porta-nigra.md", "error"))
            return None
        target = self._target(page, parts.path, lookups)
        if target is None:
            problems.append(LinkProblem(href, f"link to '{parts.path}': no such page",
                                        "check the file name and the path relative to this file", "error"))
            return None
        target_lang, key = target
        if self.urls.is_borrowed(key, target_lang):
            others = [code for code in self.languages if not self.urls.is_borrowed(key, code)]
            problems.append(LinkProblem(href, f"link to '{parts.path}': that page exists only in {', '.join(others)}",
                                        f"readers of the {target_lang} guide switch language there", "warning"))
        links.append(LinkTarget(key, None if target_lang == page.lang else target_lang, parts.fragment, href))
        return f"{LINK_TOKEN}{len(links) - 1}"

    def _target(self, page: Page, path: str, lookups: list[tuple]) -> tuple[str, tuple] | None:
        """The (language, document) a source path points at; the language is the one written in
        the path (normally the page's own), the document is found whatever languages it has."""
        joined = posixpath.normpath(posixpath.join(page.lang, posixpath.dirname(page.source.relpath), path))
        lang, _, relpath = joined.partition("/")
        key, borrowed = self._answer(lang, relpath)
        lookups.append((lang, relpath, key, borrowed))
        return None if key is None else (lang, key)

    def _answer(self, lang: str, relpath: str) -> tuple[tuple | None, tuple[bool, ...]]:
        """The document at ``relpath`` of the ``lang`` folder (None if none), and in which languages
        its page is borrowed."""
        if lang not in self.languages or relpath not in self.urls.sources:
            return None, ()
        key = self.urls.sources[relpath]
        return key, tuple(self.urls.is_borrowed(key, code) for code in self.languages)


def _one_line(message: str) -> str:
    """A message that quotes the text keeps to one line: a link target the editor wrapped onto the
    next line is shown with ``\\n``."""
    return message.replace("\n", "\\n")


def line_of(page: Page, needle: str) -> int:
    """The file line where ``needle`` first occurs in the body (the body's first line if nowhere)."""
    body = page.body
    index = body.find(needle)
    return page.body_line + (body.count("\n", 0, index) if index > 0 else 0)


class _LineFinder:
    """:func:`line_of` for many needles, mostly in the order of the text (the problems of one page):
    each is looked for from where the previous one was found first, so that a page with thousands
    of broken links is read about once, not once per link."""

    def __init__(self, page: Page):
        self.page = page
        self.body = page.body
        self.offset = 0
        self.line = page.body_line

    def __call__(self, needle: str) -> int:
        body = self.body
        index = body.find(needle, self.offset)
        if index < 0:
            self.offset, self.line = 0, self.page.body_line
            index = body.find(needle)
            if index < 0:
                return self.page.body_line
        self.line += body.count("\n", self.offset, index)
        self.offset = index
        return self.line


def too_slow_to_convert(body: str) -> tuple[int, str, str] | None:
    """Why Python-Markdown would take too long over ``body`` (see :data:`MAX_LOOKAHEAD` and the
    limits beside it): the offset to report, the message and the hint; None for any real page."""
    deep = DEEP_INDENT.search(body)
    if deep:
        return (deep.start(), f"the line is indented more than {MAX_INDENT_LEVELS} levels deep",
                f"remove the spaces at its start: lists nest at most {MAX_INDENT_LEVELS} levels")
    if _within_limits_at_most(body):
        return None
    lookahead, farthest = _tag_lookahead(body)
    inline = 0
    bounds = [0, *(match.end() for match in BLOCK_BREAK.finditer(body)), len(body)]
    for start, end in pairwise(bounds):
        block = body[start:end]
        inline += len(INLINE_MARKUP.findall(block)) * len(block)
        if inline > MAX_INLINE_WORK:
            return (start, "this paragraph is too long and too full of markup for Markdown to convert in "
                    "reasonable time", "split it into shorter paragraphs")
        reach, at = _bracket_lookahead(block)
        lookahead += reach
        farthest = max(farthest, (reach, start + at))
        if lookahead > MAX_LOOKAHEAD:
            break
    if lookahead > MAX_LOOKAHEAD:
        return (farthest[1], "the text has too many unclosed '[', '(' or '<' for Markdown to convert it in "
                "reasonable time (one is on this line)",
                "close them, or write '\\[' and '&lt;' for the characters themselves")
    return None


def _within_limits_at_most(body: str) -> bool:
    """True if even the most each '[', '(' and '<' could read ahead (the whole text) and the most
    inline work each markup character could cause stay within the limits: the case of every real
    page, told without measuring either."""
    openers = body.count("[") + body.count("(") + body.count("<")
    return (openers * len(body) <= MAX_LOOKAHEAD
            and len(INLINE_MARKUP.findall(body)) * len(body) <= MAX_INLINE_WORK)


def _bracket_lookahead(block: str) -> tuple[int, int]:
    """How far Python-Markdown reads ahead from the '[' of possible links (and the '(' after their
    ']'), to the bracket that closes each or the end of the block; and the offset of the one
    reading farthest."""
    total, farthest, farthest_at = 0, 0, 0
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    link_parens: set[int] = set()
    for match in BRACKET.finditer(block):
        char, at = match.group(), match.start()
        if char in open_at:
            open_at[char].append(at)
            if char == "(" and at and block[at - 1] == "]":
                link_parens.add(at)
            continue
        opened = open_at["[" if char == "]" else "("]
        if char in "])" and opened:
            start = opened.pop()
            if char == "]" or start in link_parens:
                total += at - start
                if at - start > farthest:
                    farthest, farthest_at = at - start, start
    for start in open_at["["] + [at for at in open_at["("] if at in link_parens]:
        total += len(block) - start
        if len(block) - start > farthest:
            farthest, farthest_at = len(block) - start, start
    return total, farthest_at


def _tag_lookahead(body: str) -> tuple[int, tuple[int, int]]:
    """How far html.parser reads ahead from each '<' that may open a tag, comment or section to
    where it closes (or the end); and (distance, offset) of the one reading farthest."""
    ends = {closer: [match.start() for match in re.finditer(re.escape(closer), body)]
            for closer in (">", "-->", "]]>")}
    total, farthest = 0, (0, 0)
    for match in TAG_OPENER.finditer(body):
        closer = {"!--": "-->", "![": "]]>"}.get(match.group(1), ">")
        positions = ends[closer]
        index = bisect_left(positions, match.end())
        reach = (positions[index] if index < len(positions) else len(body)) - match.start()
        total += reach
        farthest = max(farthest, (reach, match.start()))
    return total, farthest


def nested_too_deeply(html: str) -> bool:
    """True if elements nest more than :data:`MAX_HTML_DEPTH` levels deep in ``html``."""
    stack: list[str] = []
    for closing, name, rest in HTML_TAG.findall(html):
        name = name.lower()
        if name in VOID_ELEMENTS or rest.endswith("/"):
            continue
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
            continue
        if stack and stack[-1] == name and name in OPTIONAL_END:
            continue  # <li>a<li>b: the second closes the first
        stack.append(name)
        if len(stack) > MAX_HTML_DEPTH:
            return True
    return False


def _only_own_tokens(html: str, links: int, images: int) -> bool:
    """True if the link and image tokens in ``html`` are exactly those this conversion made (raw
    HTML or a link could name one too, and would then be given another link's target)."""
    return (Counter(LINK_TOKEN_PATTERN.findall(html)) == Counter(map(str, range(links)))
            and Counter(IMAGE_SRC_PATTERN.findall(html)) == Counter(map(str, range(images))))


def sanitize(html: str, page: Page, diagnostics: Diagnostics) -> str:
    """Clean ``html`` to the allow-list; warn, naming the file, when anything was removed."""
    removed = find_disallowed(html)
    if removed:
        needle = removed[0].split("'")[1] if "'" in removed[0] else ""
        diagnostics.warning(page.source.path, line_of(page, needle) if needle else page.body_line,
                            _one_line("unsafe HTML removed: " + "; ".join(removed[:3])),
                            "only plain formatting HTML is allowed; no scripts, event handlers or javascript: links")
    return clean(html)


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        # a Python call for every attribute of every element: only where it can remove one
        attribute_filter=_keep_attribute if IMAGE_TAG.search(html) else None,
    )


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """Images come from Markdown (``![text](file.jpg)``), which has pointed them at their file's
    token by now; an ``<img>`` written in HTML would load whatever it names, another site included."""
    if tag == "img" and (name == "srcset" or (name == "src" and not value.startswith(IMAGE_TOKEN))):
        return None
    return value


def find_disallowed(html: str) -> list[str]:
    """Describe what :func:`clean` will take out of ``html``: tags, attributes, link schemes."""
    found: list[str] = []
    for match in TAG_PATTERN.finditer(html):
        tag = match.group(1).lower()
        if tag not in ALLOWED_TAGS:
            found.append(f"tag '<{tag}'")
            continue
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in ATTRIBUTE_PATTERN.findall(match.group(2)):
            name = name.lower()
            value = value.strip("\"'")
            if name not in allowed:
                found.append(f"attribute '{name}' on <{tag}>")
            elif tag == "img" and (name == "srcset" or (name == "src" and not value.startswith(IMAGE_TOKEN))):
                found.append(f"image '{value[:40]}' in HTML (write ![text](file.jpg))")
            elif name in URL_ATTRIBUTES and _bad_scheme(value):
                found.append(f"link '{value[:40]}'")
    return found


def _bad_scheme(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    scheme, colon, _ = cleaned.partition(":")
    return bool(colon) and "/" not in scheme and scheme not in URL_SCHEMES
