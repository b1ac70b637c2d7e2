"""Typography of running text: the spaces, quotes, dashes and apostrophes each language expects.

Editors type on ordinary keyboards: straight quotes, ``-`` for every dash, ``...``, and in French a
plain space (or none) before ``!``. This module sets the text right for its language:

* every language: ’ for an apostrophe (between letters, or after a word when it closes no quote),
  – for a range of numbers and for a spaced dash, … for ``...``, a no-break space between a number
  and the unit or currency after it (:data:`UNITS`);
* French (``fr``, ``fr_*``, ``fr-*``): « » for straight double quotes; a narrow no-break space before
  ``; ! ?`` and inside « »; a no-break space before ``:``; a narrow one between groups of thousands;
* German (``de``, ``de_*``, ``de-*``): „…“ for "…", ‚…‘ for '…', ’ for the elisions ’s, ’ne; a narrow
  no-break space between groups of thousands.

Other languages (``en``, ``lb``…) get the rules of every language only. All rules are idempotent:
typesetting typeset text changes nothing.

:func:`typography_for` gives the function for plain text (titles and summaries, which Jinja escapes
later: it writes characters, never entities). :func:`apply_typography` applies it to the text of an
HTML fragment and never to tags, attributes, code, nor to URLs and e-mail addresses in the text. It
splits the fragment once with a regular expression instead of parsing it: it runs on every page of
the guide, and a parser would cost more than the typography itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from html import unescape
from typing import NamedTuple

logger = logging.getLogger(__name__)

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

#: Units and currencies that stay on the line of the number written before them. Extend as needed.
UNITS = (
    "€", "EUR", "CHF", "$", "£", "%", "‰", "°C",
    "km", "m", "cm", "mm", "km²", "m²", "ha", "km/h",
    "kg", "g", "l", "cl", "ml",
    "h", "min", "Min.", "Min", "Std.", "Std", "Mio.", "Mrd.",
)

#: Elements whose text is never touched: code and raw text.
EXCLUDED_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
#: Excluded elements that sit inside a line of text like a word (the text around them is one run).
INLINE_EXCLUDED_ELEMENTS = frozenset({"code", "kbd", "samp"})
#: Elements that do not interrupt the run of text: a quote opened before ``<em>`` closes after ``</em>``.
INLINE_ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
})


# Every pattern starts with the character it is about ("'", '"', "-", " ") and looks back only after
# it: the regular-expression engine then jumps from candidate to candidate instead of trying every
# position of the text, which made the rules 10 to 20 times faster on a paragraph of 2,000 characters.

_LOOK_BACK = 16  # the longest run of spaces before a mark that is replaced


class SubstitutionRule(NamedTuple):
    """A regular-expression substitution, run only on texts that contain one of its triggers."""

    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    triggers: tuple[str, ...]

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


class SpaceBeforeMarkRule(NamedTuple):
    """Put ``space`` before each match of ``marks``, in place of the spaces of ``replaceable`` there.

    No space goes at the start of the text, after a character of ``not_after``, or where another
    space is already there that does not give way. A look-behind cannot span the variable run of
    spaces before the mark, and a pattern starting with that run would be tried at every position;
    so the run is found by looking back from each mark, a few characters per mark.
    """

    marks: re.Pattern[str]
    space: str
    replaceable: str | None  # None: every kind of space gives way
    not_after: str
    triggers: tuple[str, ...]

    def apply(self, text: str) -> str:
        pieces = []
        copied = 0  # text[:copied] is in pieces
        for mark in self.marks.finditer(text):
            start = mark.start()
            window = text[max(0, start - _LOOK_BACK):start]
            kept = window.rstrip(self.replaceable)
            if not kept or kept[-1].isspace() or kept[-1] in self.not_after:
                continue
            pieces += (text[copied:start - len(window) + len(kept)], self.space)
            copied = start
        if not pieces:
            return text
        pieces.append(text[copied:])
        return "".join(pieces)


TextRule = SubstitutionRule | SpaceBeforeMarkRule


def _rule(pattern: str, replacement: str | Callable[[re.Match[str]], str], *triggers: str) -> SubstitutionRule:
    return SubstitutionRule(re.compile(pattern), replacement, triggers)


def _space_before(marks: str, space: str, *triggers: str, replaceable: str | None = None) -> SpaceBeforeMarkRule:
    return SpaceBeforeMarkRule(re.compile(marks), space, replaceable, "([{!?;:", triggers)


_LETTER = r"[^\W\d_]"
#: After these characters, or at the start of the text, a quote opens; after anything else it closes.
_OPENS_AFTER = r"\s(\[{–—"
#: Spaces an editor types; the no-break ones already there are left alone.
_BREAKING_SPACES = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char not in "\u00a0\u202f")
_NUMBER = r"\d{1,4}(?:[.,:]\d{1,3})?"  # 10, 1762, 10:30, 2,50
# The numbers of a range: nothing glued to them but the hyphen (no word, sign, dash, separator or digit),
# so not dates (2026-11-28), postcodes (L-1648), ISBNs (3-16-148410-0), versions (1.2-3) or 978-3161484100.
_NUMBER_BEFORE_HYPHEN = re.compile(rf"(?<![\w+\-–/.,:]){_NUMBER}\Z")
_NUMBER_AFTER_HYPHEN = re.compile(rf"{_NUMBER}(?![\w\-–/]|[.,:]\d)")
# Digits after these are part of a phone number, whose hyphens and spaces stay: "+49 651 12-34", "Tel. 651-12".
_PHONE_BEFORE = re.compile(r"(?:\+\d|\b0\d|\b(?:tel|tél|fax|phone|telefon|téléphone)\b\.?:?)[\d\s()/.]*\Z", re.I)
# Area codes start with 0: "0651-1234" is a phone number, not a range.
_AREA_CODE = re.compile(r"0\d{2,}")


def _range_dash(hyphen: re.Match[str]) -> str:
    """Duden / DIN 5008 "Bis-Strich": 10–18 Uhr, 1762–1775 — but a phone number keeps its hyphen."""
    text, at = hyphen.string, hyphen.start()
    start = _NUMBER_BEFORE_HYPHEN.search(text, max(0, at - 8), at)
    if (
        start is None
        or _NUMBER_AFTER_HYPHEN.match(text, at + 1) is None
        or _AREA_CODE.fullmatch(start.group())
        or _PHONE_BEFORE.search(text, max(0, start.start() - 30), start.start())
    ):
        return "-"
    return "–"


def _unit_alternatives() -> str:
    # Longest first, so that "km/h" is not read as "km" followed by "/h".
    return "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))


# Rules for characters inside words, run first: the quote rules rely on them.
_WORD_RULES = (
    _rule(r"\.\.\.(?<!\.\.\.\.)(?!\.)", "…", "..."),
    _rule(rf"'(?<={_LETTER}')(?={_LETTER})", "’", "'"),
)


def _apostrophe_unless_quote(match: re.Match[str]) -> str:
    return match.group() if match.group("quoted") else "’"


# After a word, "'" is an apostrophe (Hans’ Buch, le Met’), unless it closes a pair of single quotes
# ('Oui'): the pattern meets the opening quote, and so the whole pair, first. Runs after the quote rules.
_APOSTROPHE_AFTER_WORD = _rule(
    rf"(?P<quoted>'(?<![^{_OPENS_AFTER}]')(?=[^\s'])[^'\n]*?[^\s']'(?!{_LETTER}))|'(?<={_LETTER}')",
    _apostrophe_unless_quote,
    "'",
)


def _unless_phone_number(space: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        text, at = match.string, match.start()
        return match.group() if _PHONE_BEFORE.search(text, max(0, at - 30), at) else space

    return replace


# Rules for dashes and spaces around numbers, run last: they see the quotes and marks already decided.
_NUMBER_RULES = (
    # A hyphen standing alone between words is a dash (Gedankenstrich, tiret): en dash in both languages;
    # also the closing one of a pair before a comma ("Jean –, dit").
    _rule(r"-(?<=[^\s\-–] -)(?=\s|\Z|[,;.)])", "–", " -"),
    _rule(r"-(?<=\d-)(?=\d)", _range_dash, "-"),
    _rule(rf" (?<=\d )(?=(?:{_unit_alternatives()})(?![\w'’]))", NBSP, " "),
    _rule(r" (?<=\d\u00a0h )(?=\d\d(?!\d))", NBSP, "h "),  # 1 h 25
)

COMMON_RULES: tuple[TextRule, ...] = (*_WORD_RULES, _APOSTROPHE_AFTER_WORD, *_NUMBER_RULES)

# Groups of thousands are kept together by a narrow no-break space (Imprimerie nationale; DIN 5008 groups
# digits by spaces too): 120 000, 1 200 €. A group has three digits, the first one at most three (so
# "en 1986 250 visiteurs" stays apart), and a phone number keeps its spaces.
_THOUSANDS = _rule(r" (?<=\d )(?<!\d{4} )(?=\d{3}(?!\d))", _unless_phone_number(NARROW_NBSP), " ")

# One pass decides every double quote from the text as it was: opening (the empty group "opens" took
# part in the match) or closing. Left alone: a quote with spaces on both sides.
_DOUBLE_QUOTE = rf"\"(?:(?<![^{_OPENS_AFTER}]\")(?!\s)(?P<opens>)|(?<=[^{_OPENS_AFTER}]\"))"


def _quote_marks(opening: str, closing: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return closing if match.group("opens") is None else opening

    return replace


GERMAN_RULES: tuple[TextRule, ...] = (
    *_WORD_RULES,
    # Duden: „Gänsefüßchen“ (U+201E … U+201C) and ‚halbe‘ (U+201A … U+2018) quotation marks.
    _rule(_DOUBLE_QUOTE, _quote_marks("„", "“"), '"'),
    # A single quote is only a quotation mark when its partner is there; apostrophes inside words are
    # already ’, so the text between the two cannot hold a straight one.
    _rule(rf"'(?<![^{_OPENS_AFTER}„]')(?=[^\s'])([^'\n]*?[^\s'])'(?!{_LETTER})", r"‚\1‘", "'"),
    # Before a word "'" is an apostrophe only in the elisions ’s, ’n, ’ne…
    _rule(rf"'(?<![^{_OPENS_AFTER}]')(?=(?:s|n|ne|nen|nem|ner|m)(?!{_LETTER}))", "’", "'"),
    _APOSTROPHE_AFTER_WORD,
    _THOUSANDS,
    *_NUMBER_RULES,
)

FRENCH_RULES: tuple[TextRule, ...] = (
    *_WORD_RULES,
    # Imprimerie nationale, Lexique des règles typographiques: « guillemets » with a space inside,
    # a narrow no-break space (U+202F, the modern "espace fine") before ; ! ? and inside « »,
    # a no-break space (U+00A0, "espace mot") before :.
    _rule(_DOUBLE_QUOTE, _quote_marks("«" + NARROW_NBSP, NARROW_NBSP + "»"), '"'),
    _rule(rf"«[{re.escape(_BREAKING_SPACES)}]*(?=\S|\Z)", "«" + NARROW_NBSP, "«"),
    _space_before("»", NARROW_NBSP, "»", replaceable=_BREAKING_SPACES),
    # Only at the end of a sentence or clause (so not in "a?b" nor "1;2"), one space before "?!";
    # any space already there gives way, U+00A0 included (the modern rule).
    _space_before(r"[!?](?=[\s)\]}»\"”’'.,…!?;:–—]|\Z)", NARROW_NBSP, "!", "?"),
    _space_before(r";(?=[\s»\"”’']|\Z)", NARROW_NBSP, ";"),
    # Not in times (10:00) nor URLs, where no space follows the colon.
    _space_before(r":(?=[\s»\"”’']|\Z)", NBSP, ":"),
    _APOSTROPHE_AFTER_WORD,
    _THOUSANDS,
    *_NUMBER_RULES,
)

RULES_BY_LANGUAGE = {"de": GERMAN_RULES, "fr": FRENCH_RULES}

# URLs and e-mail addresses are set aside while the rules run (a "?" in a query string is no question
# mark). The placeholder U+FFFC is itself set aside when a text already contains one, so that putting
# everything back is exact.
_PLACEHOLDER = "\ufffc"
# A URL ends before a space or a quotation mark, and the sentence's punctuation after it is not part of it.
_URL_BODY = r"[^\s<>\"'«»“”„‚‘’‹›]*"
_URL_END = r"[^\s<>\"'«»“”„‚‘’‹›.,;:!?()\[\]{}…]"
_URL = rf"(?:https?://|ftp://|mailto:|www\.){_URL_BODY}{_URL_END}|{_PLACEHOLDER}"
# An e-mail address cannot be found from its "@", so its pattern is tried at every start of a word:
# it is 8 times slower than the URL pattern and runs only on texts with an "@".
_URL_OR_EMAIL = rf"{_URL}|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"
_SET_ASIDE = {False: re.compile(_URL), True: re.compile(_URL_OR_EMAIL)}
_URL_HINT = re.compile(rf"://|@|www\.|{_PLACEHOLDER}")
# Every rule is about one of these characters: a text without any is left as it is at once (the
# name of a link, a heading).
_MAY_CHANGE = re.compile(r"[\d'\"!?;:«».\-]")


def _run_rules(rules: Sequence[TextRule], text: str) -> str:
    for rule in rules:
        for trigger in rule.triggers:
            if trigger in text:
                text = rule.apply(text)
                break
    return text


def _typeset_text(rules: Sequence[TextRule], text: str) -> str:
    if not _MAY_CHANGE.search(text):
        return text
    if not _URL_HINT.search(text):
        return _run_rules(rules, text)
    set_aside: list[str] = []

    def hold(match: re.Match[str]) -> str:
        set_aside.append(match.group())
        return _PLACEHOLDER

    typeset = _run_rules(rules, _SET_ASIDE["@" in text].sub(hold, text))
    put_back = iter(set_aside)
    return "".join(f"{piece}{next(put_back, '')}" for piece in typeset.split(_PLACEHOLDER))


def language_family(lang: str) -> str:
    """``fr_CH``, ``fr-CA`` and ``FR`` are all French: the rules follow the language, not the region."""
    return lang.replace("-", "_").split("_", 1)[0].lower()


@cache
def typography_for(lang: str) -> Callable[[str], str]:
    """The typography of ``lang`` for plain text; languages without rules of their own get the common ones."""
    rules = RULES_BY_LANGUAGE.get(language_family(lang), COMMON_RULES)

    def typeset(text: str) -> str:
        return _typeset_text(rules, text)

    typeset.__doc__ = f"Apply the typography rules of {lang!r} to plain text (no markup, no entities)."
    return typeset


# --- HTML ---------------------------------------------------------------------------------------------

# A tag, a comment, or a whole <script>/<style> element (raw text that may hold "<"). Quoted
# attribute values may contain ">".
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TAG = re.compile(
    rf"(<script\b{_ATTRIBUTES}>.*?</script\s*>|<style\b{_ATTRIBUTES}>.*?</style\s*>|<!--.*?-->"
    rf"|<[/!?]?[A-Za-z]{_ATTRIBUTES}>)",
    re.DOTALL | re.IGNORECASE,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
#: How much of the text around a segment its rules may look at (a phone prefix is the longest need).
_CONTEXT_BEFORE = 40
# Of the text that follows, only the start of its first word matters (is "'" between letters? is "km"
# a unit?), and only characters that no rule ever changes are taken: the decision is then the same
# whether the next segment is typeset yet or not. A "!" is left out, so its space goes into the next
# segment and not inside this link or emphasis.
_CONTEXT_AFTER = re.compile(r"[\w€$£%‰°²/]{0,8}")
#: Stands for a code element inside a line of text: a word, as far as the rules are concerned.
_WORD = "x"


@lru_cache(maxsize=4096)  # the same tags come again and again: </a>, <p>, <em>…
def _tag_name(tag: str) -> str | None:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else None


def _decode(text: str) -> str:
    return unescape(text) if "&" in text else text


def _encode(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _after_tag(tag: str, excluded_depth: int, before: str) -> tuple[int, str]:
    """The excluded depth and the text context (see :func:`apply_typography`) after ``tag``."""
    name = _tag_name(tag)
    if name is None:  # a comment or a doctype: invisible in the text
        return excluded_depth, before
    if name in EXCLUDED_ELEMENTS:
        if tag.startswith("</"):
            excluded_depth = max(0, excluded_depth - 1)
            return excluded_depth, _WORD if name in INLINE_EXCLUDED_ELEMENTS else ""
        whole_element = tag.count("<") > 1  # <script>…</script> in one piece
        if not whole_element and not tag.endswith("/>"):
            excluded_depth += 1
        return excluded_depth, ""
    return excluded_depth, before if name in INLINE_ELEMENTS else ""


def _text_after(parts: list[str], index: int) -> str:
    """The start of the text that follows ``parts[index]`` in the same run of inline text."""
    for later in range(index + 1, len(parts)):
        part = parts[later]
        if later % 2 == 0:
            if part:
                return _CONTEXT_AFTER.match(_decode(part[:80])).group()
            continue
        name = _tag_name(part)
        if name in INLINE_EXCLUDED_ELEMENTS and not part.startswith("</"):
            return _WORD
        if name is not None and name not in INLINE_ELEMENTS:
            return ""
    return ""


def _typeset_between(typeset: Callable[[str], str], before: str, text: str, after: str) -> str:
    """Typeset ``text`` as it stands between ``before`` and ``after``, changing only ``text``.

    The context decides what the text alone cannot: whether the '"' in ``<em>Hallo</em>"`` closes, or
    whether the "'" of ``l'<a>église</a>`` stands between letters. Should a rule want to change the
    context itself, the text is typeset with less context instead, so that no segment is changed twice.
    """
    if not _MAY_CHANGE.search(before[-1:] + text):
        # Whatever a rule changes in this text is one of these characters, or follows one of them
        # directly (a space after a digit or "«"): the context further away cannot make it change.
        return text
    for left, right in ((before, after), (before, "")):
        if left or right:
            typeset_text = typeset(left + text + right)
            if typeset_text.startswith(left) and typeset_text.endswith(right):
                return typeset_text[len(left):len(typeset_text) - len(right)]
    return typeset(text)


def apply_typography(html: str, lang: str) -> str:
    """Apply the typography rules of `lang` to the text of an HTML fragment (never inside tags/attributes,
    never inside <code>, <pre>, <kbd>, <samp>, <script>, <style>, nor in URLs appearing in text).

    Entities in the text are read as the characters they stand for (``&nbsp;`` is a no-break space
    already there); a segment the rules change is written back with characters, ``&``, ``<`` and
    ``>`` escaped, and a segment they do not change is kept byte for byte.
    """
    typeset = typography_for(lang)
    parts = _TAG.split(html)  # text, tag, text, tag, …, text
    excluded_depth = 0
    before = ""  # the end of the typeset text before this segment, in the same run of inline text
    for index, part in enumerate(parts):
        if index % 2:
            excluded_depth, before = _after_tag(part, excluded_depth, before)
        elif part and not excluded_depth and (before or not part.isspace()):
            text = _decode(part)
            typeset_text = _typeset_between(typeset, before, text, _text_after(parts, index))
            before = (before + typeset_text)[-_CONTEXT_BEFORE:]
            if typeset_text != text:
                parts[index] = _encode(typeset_text)
    return "".join(parts)
