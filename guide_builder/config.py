"""``guide.yaml`` → a frozen :class:`GuideConfig`, with every key error reported at once.

Each option is declared once in :data:`OPTIONS` with the check that reads it and a one-line
description (the README's table of keys is written from the same words).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from .diagnostics import ContentError, Diagnostics, did_you_mean
from .yamlsource import load_mapping, read_limited

logger = logging.getLogger(__name__)

CONFIG_FILE = "guide.yaml"
NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_SIZES = {"A4": (210, 297), "A5": (148, 210), "A6": (105, 148), "B5": (176, 250)}


class OptionError(ValueError):
    """A value that does not fit its option; the message says what was expected."""


@dataclass(frozen=True)
class PdfConfig:
    """The ``pdf:`` mapping: how the printed guide is made."""

    page_size: str = "A5"
    press: bool = False


@dataclass(frozen=True)
class GuideConfig:
    """Guide-wide settings. Filled by :func:`load_config`; read-only afterwards."""

    content_dir: Path
    name: str
    title: dict[str, str]
    subtitle: dict[str, str]
    languages: tuple[str, ...]
    base_url: str
    cities: tuple[str, ...]
    pages: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    pdf: PdfConfig = field(default_factory=PdfConfig)
    author: str = ""
    precompress: tuple[str, ...] = ("gzip",)
    #: line of each top-level key in guide.yaml, for messages about a key's value
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def pdf_size_mm(self) -> tuple[int, int]:
        """Trim size of the printed guide in millimetres (width, height)."""
        return PAGE_SIZES[self.pdf.page_size]

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` (``/guide/`` for ``https://example.org/guide/``)."""
        return urlsplit(self.base_url).path


# ---- value checks: each takes the raw YAML value and the languages, returns the typed value ----

def _name(value: Any) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        raise OptionError("expected a name of lowercase letters, digits and hyphens")
    return value


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionError("expected a list of names, e.g. [trier, metz]")
    for item in value:
        _name(item)
    if len(set(value)) != len(value):
        raise OptionError("a name is listed twice")
    return tuple(value)


def _languages(value: Any) -> tuple[str, ...]:
    languages = _names_nonempty(value)
    for code in languages:
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise OptionError(f"'{code}' is not a language code Babel knows (e.g. de, fr, en)") from None
    return languages


def _names_nonempty(value: Any) -> tuple[str, ...]:
    names = _names(value)
    if not names:
        raise OptionError("the list is empty")
    return names


def _base_url(value: Any) -> str:
    if not isinstance(value, str):
        raise OptionError("expected an absolute URL such as https://example.org/guide/")
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise OptionError("expected an absolute http(s) URL such as https://example.org/guide/")
    return value if value.endswith("/") else value + "/"


def _author(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise OptionError("expected a name, e.g. 'QuattroPole'")
    return value.strip()


def _pdf(value: Any) -> PdfConfig:
    if not isinstance(value, dict):
        raise OptionError("expected a mapping, e.g. {page_size: A5, press: false}")
    unknown = sorted(map(str, set(value) - {"page_size", "press"}))
    if unknown:
        raise OptionError(f"unknown key '{unknown[0]}' " + did_you_mean(unknown[0], ["page_size", "press"]))
    size = value.get("page_size", "A5")
    if size not in PAGE_SIZES:
        raise OptionError("page_size must be one of " + ", ".join(PAGE_SIZES))
    press = value.get("press", False)
    if not isinstance(press, bool):
        raise OptionError("press must be true or false")
    return PdfConfig(page_size=size, press=press)


def _precompress(value: Any) -> tuple[str, ...]:
    from .compress import FORMATS

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionError("expected a list of formats, e.g. [gzip, brotli]")
    unknown = [name for name in value if name not in FORMATS]
    if unknown:
        raise OptionError(f"unknown format '{unknown[0]}' " + did_you_mean(unknown[0], list(FORMATS)))
    if len(set(value)) != len(value):
        raise OptionError("a format is listed twice")
    return tuple(name for name in FORMATS if name in value)


@dataclass(frozen=True)
class Option:
    """One key of guide.yaml."""

    check: Callable[[Any], Any]
    help: str
    required: bool = False
    per_language: bool = False
    default: Any = None


OPTIONS: dict[str, Option] = {
    "name": Option(_name, "File-name stem of the guide (PDF names): lowercase, digits, hyphens.", default="guide"),
    "title": Option(str, "Title of the guide, one per language.", required=True, per_language=True),
    "subtitle": Option(str, "Subtitle, one per language.", required=True, per_language=True),
    "languages": Option(_languages, "Languages in display order; the first is the default (x-default).", required=True),
    "base_url": Option(_base_url, "Absolute URL the site is published at (may have a sub-path).", required=True),
    "cities": Option(_names_nonempty, "City folder names in display order.", required=True),
    "pages": Option(_names, "Standalone pages: content/<lang>/<name>.md, e.g. [about].", default=()),
    "sections": Option(_names, "Sections outside the cities: content/<lang>/<name>/, e.g. [routes].", default=()),
    "author": Option(_author, "Author or publisher named in the PDF metadata.", default=""),
    "pdf": Option(_pdf, "Printed guide: page_size (A4, A5, A6, B5; default A5), press (true/false).",
                  default=PdfConfig()),
    "precompress": Option(_precompress, "Compressed twins of the text files for the web server: gzip (file.gz), "
                          "brotli (file.br, served only by nginx's brotli module); default [gzip].",
                          default=("gzip",)),
}


def load_config(content_dir: Path) -> GuideConfig:
    """Read and check ``content_dir/guide.yaml``; raise :class:`ContentError` listing every problem."""
    diagnostics = Diagnostics()
    path = content_dir / CONFIG_FILE
    if not content_dir.is_dir():
        diagnostics.error(path, 1, f"content folder '{content_dir}' does not exist",
                          "pass --content DIR pointing at a folder with a guide.yaml")
        raise ContentError(diagnostics)
    if not path.exists():
        diagnostics.error(path, 1, "guide.yaml is missing", "every content folder needs one; see the README")
        raise ContentError(diagnostics)
    data = read_limited(path, diagnostics, "guide.yaml")
    if data is None:
        raise ContentError(diagnostics)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diagnostics.error(path, data.count(b"\n", 0, exc.start) + 1, "guide.yaml is not UTF-8 text", "save it as UTF-8")
        raise ContentError(diagnostics) from None
    mapping = load_mapping(text.replace("\r\n", "\n"), path, 1, diagnostics, "guide.yaml")
    if mapping is None:
        raise ContentError(diagnostics)
    values = _check_options(mapping.values, mapping.key_lines, path, diagnostics)
    if diagnostics.has_errors:
        raise ContentError(diagnostics)
    return GuideConfig(content_dir=content_dir, key_lines=mapping.key_lines, **values)


def _check_options(raw: dict, lines: dict[str, int], path: Path, diagnostics: Diagnostics) -> dict:
    values: dict[str, Any] = {}
    for key in raw:
        if key not in OPTIONS:
            diagnostics.error(path, lines[key], f"'{key}': unknown key", did_you_mean(key, list(OPTIONS)))
    for key, option in OPTIONS.items():
        if key not in raw:
            if option.required:
                diagnostics.error(path, 1, f"'{key}': required key is missing", option.help)
            else:
                values[key] = option.default
            continue
        if option.per_language:
            continue  # checked once the languages are known
        try:
            values[key] = option.check(raw[key])
        except OptionError as exc:
            diagnostics.error(path, lines[key], f"'{key}': {exc}")
    languages = values.get("languages")
    for key, option in OPTIONS.items():
        if option.per_language and key in raw and languages:
            values[key] = _per_language(key, raw[key], languages, lines[key], path, diagnostics)
    return values


def _per_language(key: str, value: Any, languages: tuple[str, ...], line: int,
                  path: Path, diagnostics: Diagnostics) -> dict[str, str]:
    if not isinstance(value, dict):
        diagnostics.error(path, line, f"'{key}': expected one text per language, e.g. {{{languages[0]}: …}}")
        return {}
    missing = [lang for lang in languages if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        diagnostics.error(path, line, f"'{key}': no text for language(s) {', '.join(missing)}")
    extra = sorted(map(str, set(value) - set(languages)))
    if extra:
        diagnostics.error(path, line, f"'{key}': '{extra[0]}' is not one of the guide's languages")
    return {lang: str(value.get(lang, "")) for lang in languages}
