"""An edition's parts (see ``print_html.PrintPart``) → the HTML of each rendering pass, and the page
plan that joins the parts into one book. Pure: no WeasyPrint, no files.

The parts render in two passes. The first lays each part out with a placeholder in every
page-number box and learns the part's page count and the page of each anchor; the boxes have a
fixed width, so a number's value cannot move a line or page break. From that, :func:`plan_pages`
knows where each part starts in the book, which parts need a blank left-hand page before them
(every part starts on a right-hand page, as in the whole document), and the page of every anchor.
The second pass renders each part with the real numbers written in as text and its page counter
starting at the part's first page; :func:`check_second_pass` makes sure it laid out as the first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import quote

from .markup import anchor_ids
from .print_html import PAGE_DIGITS, PART_START

logger = logging.getLogger(__name__)

#: Links to an anchor in another part point here in the part's PDF; merging makes them internal links.
ANCHOR_LINK = "x-guide-builder-anchor:"
PAGE_NUMBER_PATTERN = re.compile(r'(<span class="pageno" data-ref="#([^"]*)">)(</span>)')
HREF_PATTERN = re.compile(r'href="#([^"]*)"')
PAGE_DIGITS_PATTERN = re.compile(r"(/\*page-digits\*/)(\d+)ch")
#: the first pass's page number: any text does, since the box's width is fixed
PLACEHOLDER = "0"


class PartLayoutError(Exception):
    """A part laid out differently in the two passes."""


class PageDigitsError(PartLayoutError):
    """The book has more pages than its page-number boxes have digits for."""

    def __init__(self, pages: int, digits: int):
        super().__init__(f"the edition has {pages} pages; page numbers have room for {digits} digits")
        self.digits = len(str(pages))


@dataclass(frozen=True)
class PageMap:
    """What laying out one part gave: its page count and the page (from 0) of each anchor in it."""

    pages: int
    anchors: dict[str, int]


@dataclass
class PartOutcome:
    """What rendering one part gave back."""

    page_map: PageMap
    seconds: float
    refused: list[str]
    data: bytes = b""  #: the part's PDF (second pass only)


@dataclass(frozen=True)
class PartPlacement:
    """Where a part goes in the book."""

    first_page: int  #: the book's page number of the part's first page (the blank one, if any)
    blank_before: bool  #: the part starts with a blank left-hand page


@dataclass(frozen=True)
class PagePlan:
    """Every part's place in the book, and the page number of every anchor."""

    placements: list[PartPlacement]
    anchor_pages: dict[str, int]
    pages: int


def with_links_across_parts(html: str) -> str:
    """``href="#x"`` where no element of this part has the id ``x`` → a link merging can find."""
    ids = anchor_ids(html)

    def link(match: re.Match) -> str:
        name = match.group(1)
        return match.group(0) if name in ids else f'href="{ANCHOR_LINK}{quote(name, safe="")}"'

    return HREF_PATTERN.sub(link, html)


def first_pass_html(html: str) -> str:
    """The part with a placeholder in every page-number box."""
    return PAGE_NUMBER_PATTERN.sub(lambda m: m.group(1) + PLACEHOLDER + m.group(3), html)


def second_pass_html(html: str, placement: PartPlacement, anchor_pages: dict[str, int]) -> str:
    """The part with its page numbers written in and its page counter starting at its first page
    (``counter-reset`` on ``@page :first``: WeasyPrint then leaves out the page's own increment),
    after a blank left-hand page where the whole document has one."""

    def number(match: re.Match) -> str:
        page = anchor_pages.get(match.group(2))
        if page is None:
            logger.warning("no page for the reference #%s", match.group(2))
        return match.group(1) + (str(page) if page is not None else "?") + match.group(3)

    start = f"<style>@page :first {{ counter-reset: page {placement.first_page} }}</style>"
    if placement.blank_before:
        # the root's break-before makes the first page a left-hand one; the part's own
        # break-before: right then moves its content to the next page
        start += '<style>html { break-before: left }</style><div class="blank-verso"></div>'
    return PAGE_NUMBER_PATTERN.sub(number, html).replace(PART_START, start, 1)


def with_page_digits(html: str, digits: int) -> str:
    """The part with page-number boxes ``digits`` wide (see ``print.css``)."""
    return PAGE_DIGITS_PATTERN.sub(f"\\g<1>{digits}ch", html)


def page_digits(html: str) -> int:
    match = PAGE_DIGITS_PATTERN.search(html)
    return int(match.group(2)) if match else PAGE_DIGITS


def plan_pages(page_maps: list[PageMap], digits: int = PAGE_DIGITS) -> PagePlan:
    """Each part after the previous one, on a right-hand (odd) page, after a blank page if need be."""
    placements, anchor_pages = [], {}
    next_page = 1
    for page_map in page_maps:
        blank = next_page % 2 == 0
        placements.append(PartPlacement(next_page, blank))
        content_start = next_page + blank
        for name, index in page_map.anchors.items():
            anchor_pages.setdefault(name, content_start + index)
        next_page = content_start + page_map.pages
    pages = next_page - 1
    if len(str(pages)) > digits:
        raise PageDigitsError(pages, digits)
    return PagePlan(placements, anchor_pages, pages)


def check_second_pass(name: str, first: PageMap, second: PageMap, placement: PartPlacement) -> None:
    """The second pass must give the first pass's pages and anchor pages (shifted by a blank page):
    otherwise the page numbers written into the book would be wrong."""
    shift = int(placement.blank_before)
    if second.pages != first.pages + shift:
        raise PartLayoutError(f"{name}: {second.pages - shift} pages in the second pass, {first.pages} in the first")
    moved = sorted(anchor for anchor, index in first.anchors.items() if second.anchors.get(anchor) != index + shift)
    if moved:
        raise PartLayoutError(f"{name}: anchors moved between the passes: {', '.join(moved[:5])}")
