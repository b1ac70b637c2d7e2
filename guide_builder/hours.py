"""Opening hours: check an entry's ``hours`` value and say it in the reader's language.

``hours`` is written in OpenStreetMap's ``opening_hours`` syntax
(https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification), e.g.
``Tu-Su 10:00-18:00; Mo off``. :func:`check_hours` validates a value with the real grammar (the
``opening-hours-py`` package, a binding of the Rust ``opening-hours-syntax`` crate) and raises
:class:`HoursError` with a message for editors. :func:`format_hours` turns a valid value into
compact text: ``Di–So 10:00–18:00, Mo geschlossen``, ``mar.–dim. 10 h – 18 h, fermé le lundi``.

Phrased here, the common subset: rules joined by ``;`` or ``,``; month ranges and dates (``Apr-Oct:``,
``Dec 24-26``); weekday ranges and lists with ``PH``; one or more time spans (``HH:MM-HH:MM``, also
past midnight, and ``sunrise``/``sunset``/``dawn``/``dusk`` without offsets); ``24/7``; ``off``/
``closed``/``open``; a comment in quotes, shown as written. Anything else that the grammar accepts
(years, weeks, ``Mo[1]``, ``SH``, ``easter``, offsets, ``+``, ``unknown``, ``||``, closed time spans)
is shown as written: better an exact value than a wrong sentence. Our reading of a value is
checked against the library's own (its canonical form) before it is phrased, and where a later
rule overrides part of an earlier one (``Mo-Fr 10:00-12:00; Mo 14:00-18:00``) we phrase the
library's normalized, non-overlapping rules instead, so the text never says more than the value.

Weekday and month names, date patterns, times and lists ("Sa und So") come from Babel's locale data,
so any locale Babel knows works. The few words of our own are gettext messages; pass the catalog's
``gettext`` to :func:`format_hours`. Their msgids, for the catalogs (``make messages`` extracts
them: they are looked up through a method named ``gettext`` or marked with ``N_``):

- ``open 24/7`` -- the whole value is ``24/7``
- ``daily`` -- a rule for every day of the week
- ``open all day`` -- after days open without a time span (``Sa-Su``)
- ``closed`` -- a period that is closed (``Jan-Feb: closed``)
- ``closed on %(weekday)s`` -- one closed weekday; ``%(weekday)s`` is its full name ("lundi"),
  ``%(day)s`` its abbreviation ("Mo")
- ``closed %(days)s`` -- other closed days, e.g. "Sa und So"
- ``public holidays`` -- ``PH`` among the days of a rule
- ``closed on public holidays`` -- ``PH off``
- ``sunrise``, ``sunset``, ``dawn``, ``dusk`` -- solar events as the ends of a time span
- ``from sunrise to sunset`` -- the span ``sunrise-sunset``

A catalog without a translation (gettext gives the msgid back) falls back to the built-in German or
French translation below, and any other language to the English msgid.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_interval, format_skeleton, format_time, get_day_names, get_month_names, get_time_format
from babel.lists import format_list
from opening_hours import OpeningHours, ParserError

from .i18n import N_

logger = logging.getLogger(__name__)

EXAMPLE = "Tu-Su 10:00-18:00"
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SOLAR_EVENTS = {"sunrise": N_("sunrise"), "sunset": N_("sunset"), "dawn": N_("dawn"), "dusk": N_("dusk")}
HOLIDAYS = "PH"
WHOLE_DAY = (0, 24 * 60)

BUILTIN_TRANSLATIONS: dict[str, dict[str, str]] = {
    "de": {
        "open 24/7": "rund um die Uhr geöffnet",
        "daily": "täglich",
        "open all day": "ganztägig geöffnet",
        "closed": "geschlossen",
        "closed on %(weekday)s": "%(day)s geschlossen",
        "closed %(days)s": "%(days)s geschlossen",
        "public holidays": "Feiertage",
        "closed on public holidays": "an Feiertagen geschlossen",
        "sunrise": "Sonnenaufgang",
        "sunset": "Sonnenuntergang",
        "dawn": "Morgendämmerung",
        "dusk": "Abenddämmerung",
        "from sunrise to sunset": "von Sonnenaufgang bis Sonnenuntergang",
    },
    "fr": {
        "open 24/7": "ouvert 24\u00a0h/24, 7\u00a0j/7",
        "daily": "tous les jours",
        "open all day": "ouvert toute la journée",
        "closed": "fermé",
        "closed on %(weekday)s": "fermé le %(weekday)s",
        "closed %(days)s": "fermé %(days)s",
        "public holidays": "jours fériés",
        "closed on public holidays": "fermé les jours fériés",
        "sunrise": "lever du soleil",
        "sunset": "coucher du soleil",
        "dawn": "aube",
        "dusk": "crépuscule",
        "from sunrise to sunset": "du lever au coucher du soleil",
    },
}

# French typography (Imprimerie nationale, "Lexique des règles typographiques") puts a no-break
# space before ":" and a narrow no-break space before ";", so neither can start a line.
SPACE_BEFORE_PUNCTUATION = {"fr": {":": "\u00a0", ";": "\u202f"}}


class HoursError(ValueError):
    """An ``hours`` value that is not valid opening_hours syntax; the message says what is wrong."""


def check_hours(value: str) -> None:
    """Raise :class:`HoursError` unless ``value`` is valid OpenStreetMap opening_hours syntax."""
    if not isinstance(value, str) or not value.strip():
        # The grammar reads an empty value as "24/7"; for an editor it is a forgotten value.
        raise HoursError(f"no opening hours given, expected e.g. '{EXAMPLE}'")
    try:
        OpeningHours(value)
    except ParserError as error:
        raise HoursError(f"{_explain(value, str(error))}, expected e.g. '{EXAMPLE}'") from None


def format_hours(value: str, lang: str, gettext: Callable[[str], str] | None = None) -> str:
    """``value`` as readable text in ``lang`` (a Babel locale such as ``de`` or ``fr_BE``).

    ``gettext`` translates the module's msgids (see the module docstring). A value outside the
    phrased subset, or not valid at all, comes back as written; only a ``lang`` that Babel does not
    know raises (``babel.UnknownLocaleError``).
    """
    phrases = _Phrasebook(lang, gettext)
    rules = _readable_rules(value)
    if rules is None:
        return value.strip() if isinstance(value, str) else str(value)
    return _say_rules(rules, phrases)


# --- Messages for editors -------------------------------------------------------------------------

def _explain(value: str, parser_message: str) -> str:
    """What is wrong, from the position the parser stopped at (its own message is grammar jargon)."""
    found = re.search(r"--> \d+:(\d+)", parser_message)
    position = min(int(found.group(1)) - 1, len(value)) if found else 0
    rest = value[position:]
    if not rest.strip():
        return _explain_early_end(value.rstrip())
    if rest.startswith(",") or value[position - 1:position] == ",":
        return "',' must be followed by another item of the same list; separate rules with '; '"
    if rest.startswith('"'):
        return "a comment has no closing '\"'"
    # The parser may stop inside a word or a time ("Mo|ntag", "10:|60"): show all of it.
    start = position
    while start > 0 and not re.match(r"[\s;,]", value[start - 1]):
        start -= 1
    token = re.match(r"[^\s;,]*", value[start:]).group() or rest[0]
    if dash := re.search("[–—]", token):
        return f"'{dash.group()}' is not a plain hyphen: write ranges with '-'"
    if (hour := re.match(r"(\d\d):\d\d", token)) and int(hour.group(1)) >= 24:
        return f"'{token}' starts after midnight: a day runs from 00:00 to 24:00"
    if token[:1].isdigit():
        return f"'{token}' is not a time span such as '10:00-18:00'"
    if token[:1].isalpha():
        return (f"'{token}' is not a word of the syntax (weekdays {' '.join(WEEKDAYS)}, months Jan to Dec, "
                f"PH for public holidays, off)")
    return f"unexpected '{token}' at character {position + 1}"


def _explain_early_end(value: str) -> str:
    if value[-1] in ";,-:":
        return f"nothing follows the last '{value[-1]}'"
    last = value.split()[-1]
    if re.fullmatch(r"\d{1,2}:\d\d", last):
        return f"the time '{last}' has no end, write a time span such as '10:00-18:00'"
    return f"the value stops early after '{last}'"


# --- Reading a value: our subset of the grammar ----------------------------------------------------

class _OutsideSubsetError(Exception):
    """Valid syntax outside the subset that we phrase; the value is shown as written."""


Clock = int | str  # minutes after midnight (up to 48:00), or the name of a solar event


@dataclass(frozen=True)
class _DateRange:
    """Months (``day`` None, ``Apr-Oct``) or dates (``Dec 24-Jan 6``); one date when start == end."""

    start: tuple[int, int | None]
    end: tuple[int, int | None]


@dataclass(frozen=True)
class _Rule:
    """One rule of a value; the empty selectors mean "all year", "every day", "all day"."""

    dates: tuple[_DateRange, ...] = ()
    days: tuple[tuple[int, int] | str, ...] = ()  # weekday ranges (0 is Monday) and HOLIDAYS
    spans: tuple[tuple[Clock, Clock], ...] = ()
    always: bool = False  # "24/7" written out
    closed: bool = False
    comment: str = ""
    additional: bool = False  # joined to the rule before by "," (adds to it instead of replacing)

    @property
    def comment_only(self) -> bool:
        return bool(self.comment) and not (self.dates or self.days or self.spans or self.always or self.closed)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    spaced: bool  # after whitespace: the grammar reads " ," as a rule separator, "," as a list


_TOKEN_PATTERN = re.compile(
    r'(?P<space>\s+)|(?P<comment>"[^"]*")|(?P<always>24/7)|(?P<time>\d{1,2}:\d\d)|(?P<number>\d+)'
    r"|(?P<word>[A-Za-z]+)|(?P<mark>\|\||[-,;:+/()\[\]])")


def _tokenize(value: str) -> list[_Token]:
    tokens, position, spaced = [], 0, False
    while position < len(value):
        found = _TOKEN_PATTERN.match(value, position)
        if found is None:
            raise _OutsideSubsetError(f"unexpected {value[position]!r}")
        if found.lastgroup == "space":
            spaced = True
        else:
            tokens.append(_Token(found.lastgroup, found.group(), spaced))
            spaced = False
        position = found.end()
    return tokens


_WEEKDAY_INDEXES = {name.lower(): index for index, name in enumerate(WEEKDAYS)}
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}


def _weekday(token: _Token | None) -> int | None:
    """0 for Monday; the grammar accepts "mo" too (with a warning)."""
    return _WEEKDAY_INDEXES.get(token.text.lower()) if token and token.kind == "word" else None


def _month(token: _Token | None) -> int | None:
    return _MONTH_NUMBERS.get(token.text.lower()) if token and token.kind == "word" else None


def _starts_day(token: _Token | None) -> bool:
    return _weekday(token) is not None or (token is not None and token.text == HOLIDAYS)


def _starts_span(token: _Token | None) -> bool:
    return token is not None and (token.kind == "time" or token.text.lower() in SOLAR_EVENTS)


class _Parser:
    """Recursive descent over the tokens of one value; raises :class:`_OutsideSubsetError` outside the subset."""

    def __init__(self, value: str):
        self.tokens = _tokenize(value)
        self.index = 0

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.index + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise _OutsideSubsetError("unexpected end")
        self.index += 1
        return token

    def accept(self, *texts: str) -> _Token | None:
        token = self.peek()
        if token is not None and token.text.lower() in texts:
            self.index += 1
            return token
        return None

    def rules(self) -> list[_Rule]:
        rules = [self.rule(additional=False)]
        while (separator := self.accept(";", ",")) is not None:
            rules.append(self.rule(additional=separator.text == ","))
        if self.peek() is not None:
            raise _OutsideSubsetError(f"unexpected {self.peek().text!r}")
        return rules

    def rule(self, additional: bool) -> _Rule:
        dates = self.items(self.date_range, lambda token: _month(token) is not None) if _month(self.peek()) else ()
        if dates and self.peek() and self.peek().text == ":" and not self.peek().spaced:
            self.take()
        always = self.accept("24/7") is not None
        days = self.items(self.day_range, _starts_day) if not always and _starts_day(self.peek()) else ()
        spans = self.items(self.span, _starts_span) if not always and _starts_span(self.peek()) else ()
        modifier = self.accept("open", "closed", "off")
        comment = self.take().text[1:-1] if self.peek() and self.peek().kind == "comment" else ""
        closed = modifier is not None and modifier.text.lower() != "open"
        if closed and spans:
            raise _OutsideSubsetError("closed time spans")
        return _Rule(dates, days, spans, always, closed, comment, additional)

    def items(self, parse_item: Callable[[], object], starts_item: Callable[[_Token | None], bool]) -> tuple:
        """A list like ``Mo,We-Fr``: "," continues it only when unspaced and followed by another item."""
        found = [parse_item()]
        while (comma := self.peek()) and comma.text == "," and not comma.spaced and starts_item(self.peek(1)):
            self.take()
            found.append(parse_item())
        return tuple(found)

    def date_range(self) -> _DateRange:
        start = (_month(self.take()), self.day_of_month())
        if not self.accept("-"):
            return _DateRange(start, start)
        if start[1] is None:
            end_month = _month(self.take())
            if end_month is None:
                raise _OutsideSubsetError("month range")
            return _DateRange(start, (end_month, None))
        end_month = _month(self.take()) if _month(self.peek()) else start[0]
        end_day = self.day_of_month()
        if end_day is None:
            raise _OutsideSubsetError("date range")
        return _DateRange(start, (end_month, end_day))

    def day_of_month(self) -> int | None:
        return int(self.take().text) if self.peek() and self.peek().kind == "number" else None

    def day_range(self) -> tuple[int, int] | str:
        token = self.take()
        if token.text == HOLIDAYS:
            return HOLIDAYS
        first = _weekday(token)
        last = _weekday(self.take()) if self.accept("-") else first
        if last is None:
            raise _OutsideSubsetError("weekday range")
        return (first, last)

    def span(self) -> tuple[Clock, Clock]:
        start = self.clock()
        if not self.accept("-"):
            raise _OutsideSubsetError("a time without an end")
        return (start, self.clock())

    def clock(self) -> Clock:
        token = self.take()
        if token.kind == "time":
            hours, minutes = token.text.split(":")
            return int(hours) * 60 + int(minutes)
        if token.text.lower() in SOLAR_EVENTS:
            return token.text.lower()
        raise _OutsideSubsetError(f"time {token.text!r}")


def _canonical(rules: list[_Rule]) -> str:
    """The rules as the library prints a value (``str(OpeningHours(...))``), to compare readings."""
    text = ""
    for index, rule in enumerate(rules):
        if index:
            text += ", " if rule.additional else "; "
        text += " ".join(_canonical_parts(rule))
    return text


def _canonical_parts(rule: _Rule) -> list[str]:
    parts = [",".join(_canonical_date_range(item) for item in rule.dates)] if rule.dates else []
    if rule.days:
        parts.append(",".join(item if item == HOLIDAYS else _canonical_day_range(item) for item in rule.days))
    if rule.spans and rule.spans != (WHOLE_DAY,):
        parts.append(",".join(f"{_canonical_clock(start)}-{_canonical_clock(end)}" for start, end in rule.spans))
    if not parts:
        parts.append("24/7")
    if rule.closed:
        parts.append("closed")
    if rule.comment:
        parts.append(f'"{rule.comment}"')
    return parts


def _canonical_date_range(item: _DateRange) -> str:
    def date(month: int, day: int | None) -> str:
        return MONTHS[month - 1] if day is None else f"{MONTHS[month - 1]} {day}"

    return date(*item.start) if item.start == item.end else f"{date(*item.start)}-{date(*item.end)}"


def _canonical_day_range(item: tuple[int, int]) -> str:
    first, last = item
    return WEEKDAYS[first] if first == last else f"{WEEKDAYS[first]}-{WEEKDAYS[last]}"


def _canonical_clock(clock: Clock) -> str:
    return clock if isinstance(clock, str) else f"{clock // 60:02d}:{clock % 60:02d}"


def _readable_rules(value: str) -> list[_Rule] | None:
    """The rules to phrase for ``value``, or None to show it as written."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = OpeningHours(value)
        rules = _read_checked(value, str(parsed))
        if _overrides_earlier(rules):
            normalized = str(parsed.normalize())
            rules = _read_checked(normalized, normalized)
            if _overrides_earlier(rules):  # the library leaves some rules as they are (sunset ends, …)
                raise _OutsideSubsetError("rules that override each other")
    except (ParserError, _OutsideSubsetError) as reason:
        logger.debug("opening hours %r are shown as written: %s", value, str(reason).splitlines()[0])
        return None
    return rules


def _read_checked(value: str, canonical: str) -> list[_Rule]:
    rules = _Parser(value).rules()
    if _canonical(rules) != canonical:
        raise _OutsideSubsetError(f"read as {_canonical(rules)!r}, the library reads {canonical!r}")
    return rules


def _overrides_earlier(rules: list[_Rule]) -> bool:
    """Whether a later open rule replaces (or adds to) part of an earlier one.

    Written in order, such rules read as if both applied. Closed days ("…; Mo off"), dates
    ("…; Dec 24 10:00-12:00") and comments read naturally as exceptions and do not count.
    """
    for index, later in enumerate(rules):
        closed_days = later.closed and (later.days or later.dates)
        if closed_days or later.comment_only or any(item.start[1] is not None for item in later.dates):
            continue
        for earlier in rules[:index]:
            if not earlier.comment_only and _months(earlier) & _months(later) and _days(earlier) & _days(later):
                return True
    return False


def _cycle(first: int, last: int, length: int) -> set[int]:
    """The members of a range that may wrap around (``Su-Tu``, ``Nov-Mar``), counting from 0."""
    return {(first + step) % length for step in range((last - first) % length + 1)}


def _months(rule: _Rule) -> set[int]:
    if not rule.dates:
        return set(range(12))
    return set().union(*(_cycle(item.start[0] - 1, item.end[0] - 1, 12) for item in rule.dates))


def _days(rule: _Rule) -> set[int]:
    """Weekdays 0-6 and 7 for public holidays; a rule without days applies to all of them."""
    if not rule.days:
        return set(range(8))
    return set().union(*({7} if item == HOLIDAYS else _cycle(*item, 7) for item in rule.days))


# --- Saying it ---------------------------------------------------------------------------------------

class _Phrasebook:
    """The words of one language: Babel's locale data and our few phrases."""

    def __init__(self, lang: str, gettext: Callable[[str], str] | None):
        self.locale = Locale.parse(lang.replace("-", "_"))
        self._catalog = gettext
        self._builtin = BUILTIN_TRANSLATIONS.get(self.locale.language, {})

    def gettext(self, msgid: str) -> str:
        if self._catalog is not None:
            translated = self._catalog(msgid)
            if translated != msgid:
                return translated
        return self._builtin.get(msgid, msgid)

    def punctuation(self, mark: str) -> str:
        return SPACE_BEFORE_PUNCTUATION.get(self.locale.language, {}).get(mark, "") + mark

    def weekday_abbreviation(self, index: int) -> str:
        # Stand-alone forms: the days stand as labels, and for German these are DIN 5008's "Mo", "Di".
        return get_day_names("abbreviated", "stand-alone", self.locale)[index]

    def weekday_name(self, index: int) -> str:
        return get_day_names("wide", "format", self.locale)[index]

    def month_abbreviation(self, month: int) -> str:
        # Format forms: a month range is part of a date, and German abbreviates with a period ("Okt.").
        return get_month_names("abbreviated", "format", self.locale)[month]

    def join(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale)


def _say_rules(rules: list[_Rule], phrases: _Phrasebook) -> str:
    parts = [_say_rule(rule, phrases) for rule in rules]
    # A comma between rules would be ambiguous once a rule holds a list of three ("Mo, Mi und Fr").
    ambiguous = any(rule.dates for rule in rules) or any(", " in part for part in parts)
    separator = phrases.punctuation(";") + " " if ambiguous else ", "
    return separator.join(parts)


def _say_rule(rule: _Rule, phrases: _Phrasebook) -> str:
    if rule.comment_only:
        return rule.comment
    text = _say_closed(rule, phrases) if rule.closed else _say_open(rule, phrases)
    if rule.comment:
        text = f"{text} ({rule.comment})"
    if rule.dates:
        period = phrases.join([_say_date_range(item, phrases) for item in rule.dates])
        text = f"{period}{phrases.punctuation(':')} {text}"
    return text


def _say_open(rule: _Rule, phrases: _Phrasebook) -> str:
    all_day = not rule.spans or rule.spans == (WHOLE_DAY,)
    if all_day and not rule.days:
        return phrases.gettext("open 24/7")
    if all_day:
        open_all_day = phrases.gettext("open all day")
        return f"{_say_days(rule, phrases)} {open_all_day}"
    times = phrases.join([_say_span(span, phrases) for span in rule.spans])
    if rule.days:
        return f"{_say_days(rule, phrases)} {times}"
    if rule.dates and all(item.start == item.end and item.start[1] is not None for item in rule.dates):
        return times  # on single dates "daily" would be odd: "31. Dez.: 10:00–14:00"
    daily = phrases.gettext("daily")
    return f"{daily} {times}"


def _say_closed(rule: _Rule, phrases: _Phrasebook) -> str:
    if not rule.days:
        return phrases.gettext("closed")
    if rule.days == (HOLIDAYS,):
        return phrases.gettext("closed on public holidays")
    if len(rule.days) == 1 and rule.days[0][0] == rule.days[0][1]:
        weekday = rule.days[0][0]
        return phrases.gettext("closed on %(weekday)s") % {
            "weekday": phrases.weekday_name(weekday), "day": phrases.weekday_abbreviation(weekday)}
    return phrases.gettext("closed %(days)s") % {"days": _say_days(rule, phrases)}


def _say_days(rule: _Rule, phrases: _Phrasebook) -> str:
    if _days(rule) >= set(range(7)):
        # Every weekday: public holidays fall on one of them, so "daily" says it all.
        return phrases.gettext("daily")
    items = []
    for item in rule.days:
        if item == HOLIDAYS:
            items.append(phrases.gettext("public holidays"))
        else:
            first, last = (phrases.weekday_abbreviation(index) for index in item)
            items.append(first if item[0] == item[1] else _say_range(first, last))
    return phrases.join(items)


def _say_date_range(item: _DateRange, phrases: _Phrasebook) -> str:
    (start_month, start_day), (end_month, end_day) = item.start, item.end
    if start_day is None:
        first, last = phrases.month_abbreviation(start_month), phrases.month_abbreviation(end_month)
        return first if item.start == item.end else _say_range(first, last)
    # A leap year, so that Feb 29 exists; the pattern shows no year.
    start, end = dt.date(2000, start_month, start_day), dt.date(2000, end_month, end_day)
    if start == end:
        text = format_skeleton("MMMd", start, locale=phrases.locale)
    else:
        text = format_interval(start, end, "MMMd", locale=phrases.locale)
    # Day and month belong together on a line ("24. Dez.", "24 déc.").
    return text.replace(" ", "\u00a0")


def _say_span(span: tuple[Clock, Clock], phrases: _Phrasebook) -> str:
    if span == ("sunrise", "sunset"):
        return phrases.gettext("from sunrise to sunset")
    return _say_range(*(_say_clock(clock, phrases) for clock in span))


def _say_clock(clock: Clock, phrases: _Phrasebook) -> str:
    if isinstance(clock, str):
        return phrases.gettext(SOLAR_EVENTS[clock])
    hours, minutes = divmod(clock, 60)
    if phrases.locale.language == "fr":
        # French typography writes "10 h", "10 h 30" with no-break spaces (Imprimerie nationale);
        # CLDR's French pattern is "HH:mm".
        hours = hours - 24 if clock > 24 * 60 else hours
        return f"{hours}\u00a0h" + (f"\u00a0{minutes:02d}" if minutes else "")
    pattern = get_time_format("short", phrases.locale).pattern
    if clock == 24 * 60 and "H" in pattern:
        # On a 24-hour clock a day closes at 24:00; "00:00" would read as the morning.
        return format_time(dt.time(0, 0), re.sub(r"H+", "'24'", pattern), locale=phrases.locale)
    return format_time(dt.time(hours % 24, minutes), "short", locale=phrases.locale)


def _say_range(first: str, last: str) -> str:
    """``first``–``last`` with an en dash: closed up between simple terms, spaced when a term has a space.

    (Duden; Chicago Manual of Style 6.80.) The space before the dash does not break, so that no
    line starts with it.
    """
    if any(character.isspace() for character in first + last):
        return f"{first}\u00a0– {last}"
    return f"{first}–{last}"
