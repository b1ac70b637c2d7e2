"""What web and print templates show of an entry, formatted for one language.

Shared by ``render_html`` and ``print_html`` so that a fact reads the same on the screen and on
paper; only the links around them differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, lru_cache

from babel.numbers import format_currency, get_decimal_symbol
from babel.support import Translations

from .hours import format_hours
from .i18n import CATEGORY_NAMES, CATEGORY_OF_ENTRY, STAR_TEXTS, short_date
from .model import City, Entry, Page


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    lang: str = ""  #: set when the label is in another language than the page around it


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str = ""
    web_only: bool = False  #: a link that means nothing on paper


@dataclass(frozen=True)
class EntryView:
    category: str
    stars: int
    stars_text: str
    facts: tuple[Fact, ...]


@lru_cache(maxsize=4096)
def _hours_text(value: str, lang: str, gettext: Callable[[str], str]) -> str:
    """Opening hours as text: parsing and phrasing is slow, and a guide repeats the same few values."""
    return format_hours(value, lang, gettext)


def entry_view(entry: Entry, page: Page, lang: str, translations: Translations) -> EntryView:
    """Category, stars and the fact box of ``entry``, labelled in ``lang``, from ``page``'s text."""
    gettext = translations.gettext
    facts = []
    if page.address:
        facts.append(Fact(gettext("Address"), page.address))
    if entry.hours:
        facts.append(Fact(gettext("Opening hours"), _hours_text(entry.hours, lang, gettext)))
    if page.price is not None:
        price = page.price if isinstance(page.price, str) else format_currency(page.price, "EUR", locale=lang)
        facts.append(Fact(gettext("Price"), price))
    if entry.website:
        shown = entry.website.split("://", 1)[1].rstrip("/")
        facts.append(Fact(gettext("Website"), shown, entry.website))
    if entry.phone:
        facts.append(Fact(gettext("Phone"), entry.phone, "tel:" + entry.phone.replace(" ", "")))
    if entry.has_location:
        facts.append(Fact(gettext("Coordinates"), coordinates(entry.lat, entry.lon, lang, translations.pgettext),
                          f"geo:{entry.lat:.5f},{entry.lon:.5f}"))
        facts.append(Fact(gettext("Map"), gettext("Show on OpenStreetMap"), osm_url(entry.lat, entry.lon),
                          web_only=True))
    if page.updated:
        facts.append(Fact(gettext("Checked"), short_date(page.updated, lang)))
    return EntryView(
        category=gettext(CATEGORY_OF_ENTRY[entry.category]),
        stars=entry.stars or 0,
        stars_text=gettext(STAR_TEXTS[entry.stars]) if entry.stars else "",
        facts=tuple(facts),
    )


def numbered_entries(city: City, title_of: Callable[[Entry], str]) -> list[tuple[int, Entry]]:
    """The city's entries in list order — by category, then stars, then title — numbered from 1.

    The numbers are those of the city map's markers, on the web and in print.
    """
    order = {category: index for index, category in enumerate(CATEGORY_NAMES)}
    entries = sorted(city.entries, key=lambda e: (order[e.category], -(e.stars or 0), title_of(e).casefold()))
    return list(enumerate(entries, start=1))


def osm_url(lat: float, lon: float) -> str:
    """The place on openstreetmap.org, with a marker (a link the reader follows, not a request of ours)."""
    return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=18/{lat:.5f}/{lon:.5f}"


def coordinates(lat: float, lon: float, lang: str, pgettext) -> str:
    """``49,75968° N, 6,64392° O``: five decimals (about a metre), hemisphere letters per language."""
    north = pgettext("compass", "N") if lat >= 0 else pgettext("compass", "S")
    east = pgettext("compass", "E") if lon >= 0 else pgettext("compass", "W")
    return f"{format_degrees(abs(lat), lang)}°\u00a0{north}, {format_degrees(abs(lon), lang)}°\u00a0{east}"


def format_degrees(value: float, lang: str) -> str:
    """What ``format_decimal(value, format="0.00000", locale=lang)`` gives for a value below 1000
    (Babel rounds the decimal digits of the value half to even), in a tenth of its time."""
    digits = Decimal(str(value)).quantize(_FIVE_PLACES, rounding=ROUND_HALF_EVEN)
    return format(digits, "f").replace(".", _decimal_symbol(lang))


@cache
def _decimal_symbol(lang: str) -> str:
    return get_decimal_symbol(lang)


_FIVE_PLACES = Decimal("0.00001")
