"""What search engines and link previews read: sitemap, robots.txt, schema.org JSON-LD, Open Graph.

A page borrowed from another language is left out of the sitemap of the language it is shown in:
it is the same text as its original, which the sitemap lists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import quoteattr

from babel.core import get_global

from .model import City, Document, Entry, Guide
from .urls import Urls

SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"

#: schema.org type of an entry with a place, by category
SCHEMA_TYPES = {
    "sight": "TouristAttraction",
    "museum": "Museum",
    "culture": "PerformingArtsTheater",
    "nature": "Park",
    "food": "FoodEstablishment",
    "drink": "FoodEstablishment",
    "shopping": "Store",
    "stay": "LodgingBusiness",
    "practical": "TouristInformationCenter",
}
#: the types above that schema.org gives ``openingHours`` (CivicStructure, LocalBusiness); a
#: TouristAttraction is a plain Place, which has none (https://schema.org/openingHours)
OPENING_HOURS_TYPES = frozenset(SCHEMA_TYPES.values()) - {"TouristAttraction"}
#: ``inLanguage`` belongs to a CreativeWork (https://schema.org/inLanguage): our Article, not a place,
#: whose page says its language in ``<html lang>`` and ``og:locale``
ARTICLE = "Article"


def sitemap(guide: Guide, urls: Urls) -> bytes:
    """Every page in every language it is written in, with its translations as alternates."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for document in guide.documents():
        alternates = list(_alternates(document, guide, urls))
        for lang, page in document.translations.items():
            lines.append("  <url>")
            lines.append(f"    <loc>{_xml(urls.absolute(urls.path(document, lang)))}</loc>")
            if page.updated:
                lines.append(f"    <lastmod>{page.updated.isoformat()}</lastmod>")
            for hreflang, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _alternates(document: Document, guide: Guide, urls: Urls) -> Iterable[tuple[str, str]]:
    for lang in guide.languages:
        if lang in document.translations:
            yield lang, urls.absolute(urls.path(document, lang))
    yield "x-default", urls.absolute(urls.path(document, document.first_page(guide.languages).lang))


def robots(base_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{SITEMAP_FILE}\n".encode()


def json_ld(document: Document, lang: str, urls: Urls) -> str:
    """schema.org description of an entry or a city, as the text of a JSON-LD script element."""
    page = document.translations[lang]
    url = urls.absolute(urls.path(document, lang))
    data: dict[str, Any] = {"@context": "https://schema.org", "name": page.title, "description": page.summary,
                            "url": url}
    if isinstance(document, Entry):
        data["@type"] = SCHEMA_TYPES[document.category] if document.has_location else ARTICLE
        if document.website:
            data["sameAs"] = document.website
        if data["@type"] in OPENING_HOURS_TYPES and (hours := schema_org_hours(document.hours or "")):
            data["openingHours"] = hours
        if document.phone and data["@type"] != ARTICLE:
            data["telephone"] = document.phone
    elif isinstance(document, City):
        data["@type"] = ["City", "TouristDestination"]
    else:
        return ""
    if data["@type"] == ARTICLE:
        data["inLanguage"] = lang
    elif page.address:
        data["address"] = page.address
    lat, lon = document.lat, document.lon
    if lat is not None and lon is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": round(lat, 5), "longitude": round(lon, 5)}
    # "</" would end the script element early; JSON allows the escaped solidus
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*"
_SPAN = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)"
_OPEN_RULE = re.compile(rf"({_DAYS}) ({_SPAN}(?:,{_SPAN})*)")
_CLOSED_RULE = re.compile(rf"({_DAYS}) (?:off|closed)")
_WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def schema_org_hours(hours: str) -> list[str]:
    """OpenStreetMap ``opening_hours`` as schema.org ``openingHours`` values (``Tu-Su 10:00-18:00``).

    Only where the value says nothing but weekdays and times, each day in one rule: schema.org has no
    words for months, holidays or comments, and a later OSM rule replaces an earlier one for its days.
    A closed day is left out, as schema.org lists the open times. Anything else gives ``[]``: better
    no hours for search engines than wrong ones (the page itself shows them all).
    """
    values: list[str] = []
    days_seen: set[int] = set()
    for rule in hours.split(";"):
        rule = rule.strip()
        match = _OPEN_RULE.fullmatch(rule) or _CLOSED_RULE.fullmatch(rule)
        if not match:
            return []
        days = _weekdays(match.group(1))
        spans = match.group(2).split(",") if match.re is _OPEN_RULE else []
        if days & days_seen or any(span[:5] >= span[6:] for span in spans):  # overridden, past midnight
            return []
        days_seen |= days
        values += [f"{match.group(1)} {span}" for span in spans]
    return values


def _weekdays(days: str) -> set[int]:
    """``Mo-We,Sa`` → {0, 1, 2, 5}; a range may wrap round the week (``Sa-Mo``)."""
    found: set[int] = set()
    for item in days.split(","):
        first, _, last = item.partition("-")
        start, end = _WEEKDAYS.index(first), _WEEKDAYS.index(last or first)
        found |= {(start + step) % 7 for step in range((end - start) % 7 + 1)}
    return found


def og_locale(lang: str) -> str:
    """``de`` → ``de_DE``: Open Graph wants language and territory (CLDR's likely subtags)."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    territory = next((part for part in parts[1:] if part.isupper() and len(part) == 2), "")
    return f"{lang}_{territory}" if territory else lang


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")
