"""What each kind of content file may say in its front matter, and the checks that read it.

Every key is declared once here with its check and a one-line description; the README's table of
keys and ``build.py new`` are written from these declarations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostics, did_you_mean
from .discover import SLUG_PATTERN, Kind
from .frontmatter import ParsedFile
from .hours import HoursError, check_hours

CATEGORIES = ("sight", "museum", "culture", "nature", "food", "drink", "shopping", "stay", "practical")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()/.\-]{3,30}$")


class FieldError(ValueError):
    """A value that does not fit its key; the message says what was expected."""


class IgnoredValueError(FieldError):
    """A value that is left out with a warning; the page is built without it."""


def _text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise FieldError("expected some text")
    return value.strip()


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_PATTERN.match(value):
        raise FieldError("a slug is lowercase letters, digits and hyphens, e.g. 'porta-nigra'")
    return value


def _category(value: Any) -> str:
    if value not in CATEGORIES:
        raise FieldError(f"unknown category '{value}', " + did_you_mean(str(value), CATEGORIES))
    return value


def _stars(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
        raise FieldError("expected a whole number from 0 to 3")
    return value


def _coordinate(limit: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FieldError("expected a number in decimal degrees, e.g. 49.75967")
        if not -limit <= value <= limit:
            raise FieldError(f"{value} is out of range (-{limit:g} to {limit:g})")
        return float(value)
    return check


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("expected a web address starting with https://")
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        raise FieldError("expected a web address starting with https:// or http://") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
        raise FieldError("expected a web address starting with https:// or http://")
    return value.strip()


def _image(value: Any) -> str:
    name = _text(value)
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", name):  # as for an image in the text: refused, not an error
        raise IgnoredValueError(f"image '{name}' is on another site and is not loaded; "
                                "put the file next to the page or in content/images/")
    return name


def _hours(value: Any) -> str:
    text = _text(value)
    try:
        check_hours(text)
    except HoursError as exc:
        raise FieldError(f"not valid opening_hours syntax: {exc}") from None
    return text


def _phone(value: Any) -> str:
    if not isinstance(value, str) or not PHONE_PATTERN.match(value.strip()):
        raise FieldError("expected a phone number in quotes, e.g. \"+49 651 978080\"")
    return value.strip()


def _price(value: Any) -> str | float:
    if isinstance(value, bool):
        raise FieldError("expected an amount in euros (e.g. 12.5) or a short text")
    if isinstance(value, (int, float)):
        if value < 0:
            raise FieldError("a price cannot be negative")
        if not value < 1e9:  # also .nan and .inf
            raise FieldError(f"{str(value)[:20]} is not an amount in euros")
        return float(value)
    return _text(value)


def _words(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise FieldError("expected a list of words, e.g. [roman, unesco]")
    return tuple(v.strip() for v in value)


def _names(value: Any) -> tuple[str, ...]:
    names = _words(value)
    for name in names:
        _slug(name)
    return names


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError("expected a date as YYYY-MM-DD, e.g. 2026-11-28")


HEX_PATTERN = re.compile(r"^[0-9a-f]{8,64}$")


@dataclass(frozen=True)
class TranslationRecord:
    """What ``build.py translated`` writes: the source this translation was last brought up to date with."""

    source: str  #: language of the source text
    blob: str  #: git blob hash of the source file then (``git show <blob>`` gives that old text)
    substance: str  #: fingerprint of what the source said then, ignoring ``updated`` and layout


def _translation(value: Any) -> TranslationRecord:
    if not isinstance(value, dict) or set(value) != {"from", "blob", "substance"}:
        raise FieldError("written by `build.py translated`; expected {from: de, blob: …, substance: …}")
    source, blob, substance = value["from"], str(value["blob"]), str(value["substance"])
    if not isinstance(source, str) or not HEX_PATTERN.match(blob) or not HEX_PATTERN.match(substance):
        raise FieldError("written by `build.py translated`; run it again instead of editing this key")
    return TranslationRecord(source, blob, substance)


#: Key names editors write in their own language, and the key they mean.
KEY_ALIASES = {
    "titel": "title", "titre": "title", "kategorie": "category", "catégorie": "category", "categorie": "category",
    "zusammenfassung": "summary", "résumé": "summary", "resume": "summary", "sterne": "stars", "étoiles": "stars",
    "adresse": "address", "anschrift": "address", "öffnungszeiten": "hours", "horaires": "hours",
    "preis": "price", "prix": "price", "eintritt": "price", "tarif": "price", "webseite": "website",
    "site": "website", "url": "website", "telefon": "phone", "téléphone": "phone", "telephone": "phone",
    "tel": "phone", "bild": "image", "foto": "image", "photo": "image", "alt": "image_alt",
    "bildbeschreibung": "image_alt", "stichwörter": "tags", "schlagwörter": "tags", "mots-clés": "tags",
    "aktualisiert": "updated", "datum": "updated", "date": "updated", "mis-à-jour": "updated",
    "breite": "lat", "latitude": "lat", "länge": "lon", "longitude": "lon", "lng": "lon",
    "dauer": "duration", "durée": "duration", "städte": "cities", "villes": "cities",
}


@dataclass(frozen=True)
class Field:
    """One front-matter key."""

    check: Callable[[Any], Any]
    help: str
    required: bool = False
    #: a fact that does not depend on the language: written in any one translation, equal where repeated
    shared: bool = False


TITLE = Field(_text, "Title of the page.", required=True)
SUMMARY = Field(_text, "One or two sentences: the lead and the description in lists and search results.")
SUMMARY_REQUIRED = Field(_text, SUMMARY.help, required=True)
SLUG = Field(_slug, "This language's URL segment, if it differs from the file name.")
UPDATED = Field(_date, "Date the text was last checked (YYYY-MM-DD).")
LAT = Field(_coordinate(90), "Latitude, WGS84 decimal degrees (with lon).", shared=True)
LON = Field(_coordinate(180), "Longitude, WGS84 decimal degrees (with lat).", shared=True)
IMAGE = Field(_image, "Image file next to the entry or in content/images/.")
IMAGE_ALT = Field(_text, "Text alternative of the image (required with image).")
TRANSLATION = Field(_translation, "Written by `build.py translated`: the source text this translation matches.")

FIELDS: dict[Kind, dict[str, Field]] = {
    Kind.HOME: {"title": TITLE, "summary": SUMMARY, "updated": UPDATED, "translation": TRANSLATION},
    Kind.PAGE: {"title": TITLE, "slug": SLUG, "summary": SUMMARY, "updated": UPDATED, "translation": TRANSLATION},
    Kind.SECTION: {"title": TITLE, "slug": SLUG, "summary": SUMMARY, "updated": UPDATED, "translation": TRANSLATION},
    Kind.CITY: {
        "title": TITLE, "slug": SLUG, "summary": SUMMARY_REQUIRED, "lat": LAT, "lon": LON,
        "image": IMAGE, "image_alt": IMAGE_ALT, "updated": UPDATED,
        "translation": TRANSLATION,
    },
    Kind.ENTRY: {
        "title": TITLE,
        "slug": SLUG,
        "category": Field(_category, "One of: " + ", ".join(CATEGORIES) + ".", required=True, shared=True),
        "summary": SUMMARY_REQUIRED,
        "stars": Field(_stars, "0–3: 1 worth a visit, 2 worth a detour, 3 worth a journey.", shared=True),
        "address": Field(_text, "Street address as written in this language."),
        "lat": LAT,
        "lon": LON,
        "hours": Field(_hours, "Opening hours in OpenStreetMap opening_hours syntax.", shared=True),
        "price": Field(_price, "Price: an amount in euros (12.5) or a short text."),
        "website": Field(_url, "Official website, http:// or https:// only.", shared=True),
        "phone": Field(_phone, "Phone number in international form, in quotes.", shared=True),
        "tags": Field(_words, "Keywords, e.g. [roman, unesco]."),
        "image": IMAGE,
        "image_alt": IMAGE_ALT,
        "updated": UPDATED,
        "translation": TRANSLATION,
    },
    Kind.ITEM: {
        "title": TITLE, "slug": SLUG, "summary": SUMMARY_REQUIRED,
        "duration": Field(_text, "How long it takes, e.g. '2 Tage'."),
        "cities": Field(_names, "City folder names visited, in order.", shared=True),
        "tags": Field(_words, "Keywords, e.g. [roman, unesco]."),
        "image": IMAGE, "image_alt": IMAGE_ALT, "updated": UPDATED,
        "translation": TRANSLATION,
    },
}


def check_fields(parsed: ParsedFile, diagnostics: Diagnostics) -> dict[str, Any]:
    """The typed values of a file's known keys; every problem is reported, bad values dropped."""
    fields = FIELDS[parsed.source.kind]
    path, lines = parsed.source.path, parsed.key_lines
    values: dict[str, Any] = {}
    for key, raw in parsed.meta.items():
        field = fields.get(key)
        if field is None:
            meant = KEY_ALIASES.get(key.casefold())
            hint = f"did you mean '{meant}'?" if meant in fields else did_you_mean(key, tuple(fields))
            diagnostics.warning(path, lines[key], f"unknown key '{key}' is ignored", hint)
            continue
        if raw is None:
            if field.required and not field.shared:
                diagnostics.error(path, lines[key], f"'{key}' is empty", field.help)
            continue
        try:
            values[key] = field.check(raw)
        except IgnoredValueError as exc:
            diagnostics.warning(path, lines[key], str(exc))
        except FieldError as exc:
            diagnostics.error(path, lines[key], f"'{key}': {exc}")
    for key, field in fields.items():
        if field.required and not field.shared and key not in parsed.meta:
            diagnostics.error(path, 1, f"required key '{key}' is missing", field.help)
    _check_pairs(parsed, values, diagnostics)
    return values


def _check_pairs(parsed: ParsedFile, values: dict[str, Any], diagnostics: Diagnostics) -> None:
    """Keys that only make sense together."""
    path, lines = parsed.source.path, parsed.key_lines
    for first, second in (("lat", "lon"), ("lon", "lat")):
        if first in parsed.meta and second not in parsed.meta:
            diagnostics.error(path, lines[first], f"'{first}' is given without '{second}'",
                              "give both coordinates or neither")
    if "image" in parsed.meta and "image_alt" not in parsed.meta:
        diagnostics.error(path, lines["image"], "'image' needs an 'image_alt' text describing it",
                          "write what the image shows, for readers who cannot see it")
