"""Interface languages: gettext catalogs compiled by Babel, locale-aware formatting.

Catalogs live in ``locale/<lang>/LC_MESSAGES/messages.po``, first in the content folder (so a
guide can add a language) and then in the tool's own ``locale/``. They are compiled in memory at
build time: no compiled ``.mo`` file is kept in the repository.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import unicodedata
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .options import TOOL_LOCALE_DIR

logger = logging.getLogger(__name__)

DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, translate later")
    return message


#: Category names as shown in lists; translated through the catalogs.
CATEGORY_NAMES = {
    "sight": N_("Sights"),
    "museum": N_("Museums"),
    "culture": N_("Culture"),
    "nature": N_("Parks and nature"),
    "food": N_("Food"),
    "drink": N_("Drink"),
    "shopping": N_("Shopping and markets"),
    "stay": N_("Where to stay"),
    "practical": N_("Practical information"),
}

#: The category of one entry, as its kicker says it.
CATEGORY_OF_ENTRY = {
    "sight": N_("Sight"),
    "museum": N_("Museum"),
    "culture": N_("Culture venue"),
    "nature": N_("Park and nature"),
    "food": N_("Food"),
    "drink": N_("Wine and drinks"),
    "shopping": N_("Shopping"),
    "stay": N_("Accommodation"),
    "practical": N_("Practical information"),
}

STAR_TEXTS = {
    1: N_("Worth a visit"),
    2: N_("Worth a detour"),
    3: N_("Worth a journey"),
}


class CatalogMissingError(Exception):
    """No catalog for a language of the guide."""


class CatalogIncompleteError(Exception):
    """A catalog lacks translations of interface strings; never shown silently in English."""

    def __init__(self, path: Path, missing: list[str]):
        super().__init__(f"{len(missing)} interface string(s) not translated")
        self.path = path
        self.missing = missing


def catalog_path(lang: str, content_dir: Path) -> Path | None:
    for folder in (content_dir / "locale", TOOL_LOCALE_DIR):
        candidate = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if candidate.is_file():
            return candidate
    return None


def load_translations(lang: str, content_dir: Path) -> Translations:
    """The compiled catalog of ``lang``; raises :class:`CatalogMissingError` when there is none."""
    path = catalog_path(lang, content_dir)
    if path is None:
        raise CatalogMissingError(lang)
    return _compile(path, path.stat().st_mtime_ns)


def _message_key(message) -> tuple[str, str | None]:
    """(msgid, context); a plural message is known by its singular."""
    return (message.id if isinstance(message.id, str) else message.id[0], message.context)


def _message_ids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {_message_key(m) for m in catalog if m.id}


@lru_cache(maxsize=1)
def _template_ids() -> frozenset[tuple[str, str | None]]:
    with (TOOL_LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as handle:
        return frozenset(_message_ids(read_po(handle)))


@lru_cache(maxsize=16)
def _compile(path: Path, _mtime: int) -> Translations:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    translated = {_message_key(m) for m in catalog
                  if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))}
    missing = sorted(msgid for msgid, _ in _template_ids() - translated)
    if missing:
        raise CatalogIncompleteError(path, missing)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return StrictTranslations(fp=buffer, domain=DOMAIN)


class UntranslatedMessageError(LookupError):
    """Code asked for a message that is in no catalog: it was not extracted (`make messages`)."""


class StrictTranslations(Translations):
    """Translations that refuse a message the catalogs do not hold, instead of showing it in English.

    Every catalog is complete against the extracted template, so an unknown message is one that
    extraction missed (for example a call that is not written ``….gettext("literal")``).
    """

    def _check(self, key: object, shown: str) -> None:
        if key not in self._catalog and (key, 0) not in self._catalog:
            raise UntranslatedMessageError(f"interface message {shown!r} is not in the catalogs; run `make messages`")

    def gettext(self, message: str) -> str:
        self._check(message, message)
        return super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self._check(singular, singular)
        return super().ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        self._check(f"{context}\x04{message}", message)
        return super().pgettext(context, message)


@lru_cache(maxsize=256)
def language_name(code: str, in_lang: str | None = None, label: bool = False) -> str:
    """The name of language ``code`` in ``in_lang`` (in itself by default).

    As it stands in a sentence ("en français"), or capitalised where it stands alone as a ``label``.
    """
    name = Locale.parse(code).get_display_name(in_lang or code) or code
    return name[:1].upper() + name[1:] if label else name


def preload_locale_data(languages: tuple[str, ...]) -> None:
    """Load Babel's data of each language now (it is loaded on first use: 60 ms a language), with
    the names of the languages in each other."""
    for lang in languages:
        for code in languages:
            language_name(code, lang)
        language_name(lang, label=True)


@lru_cache(maxsize=4096)
def long_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)


@lru_cache(maxsize=4096)
def short_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="short", locale=lang)


#: letters that Unicode decomposition does not reduce to a base letter
_EXPANSIONS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})


def collation_key(text: str, lang: str) -> tuple:
    """Sort key for indexes, in the manner of the Unicode Collation Algorithm for Latin text.

    Level 1 compares base letters and digits (Ä with A, É with E, ß as ss; spaces, hyphens and
    punctuation ignored); level 2 breaks ties by accents, level 3 by case — as German (DIN 5007-1,
    dictionary order) and French (CLDR, no backwards accents since 2013) both expect.
    """
    del lang  # the two rules above hold for every language the guide uses; kept for a per-language tweak
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_EXPANSIONS))
    primary = "".join(c for c in folded if c.isalnum())
    secondary = tuple(unicodedata.combining(c) and ord(c) for c in folded if c.isalnum() or unicodedata.combining(c))
    tertiary = tuple(c.isupper() for c in unicodedata.normalize("NFKD", text) if c.isalnum())
    return (primary, secondary, tertiary, text)
