"""Opening hours: validation messages for editors, and the readable text in German, French and English.

In the expected texts ``~`` stands for a no-break space (U+00A0, as in TeX) and ``^`` for a narrow
no-break space (U+202F), so that the typography can be checked exactly and still read.
"""

from __future__ import annotations

import itertools

import pytest

from guide_builder import hours
from guide_builder.hours import BUILTIN_TRANSLATIONS, HoursError, check_hours, format_hours


def spaces(text: str) -> str:
    return text.replace("~", "\u00a0").replace("^", "\u202f")


VALID = [
    "Tu-Su 10:00-18:00; Mo off",
    "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-13:00; PH off",
    "24/7",
    "Apr-Oct: Tu-Su 10:00-18:00; Nov-Mar: Tu-Su 10:00-17:00",
    "sunrise-sunset",
    "Mo-Su 10:00-18:00",
    "Mo-Fr 10:00-18:00; Dec 24-26 off",
    'Mo-Fr 10:00-18:00 "letzter Einlass 17:30"',
    "Mo[1] off",
    "Mo-Fr 10:00-18:00 || \"nach Vereinbarung\"",
]


@pytest.mark.parametrize("value", VALID)
def test_valid_values_pass(value):
    check_hours(value)


@pytest.mark.parametrize(("value", "problem"), [
    ("Tu-Su 10-18", "'10-18' is not a time span such as '10:00-18:00'"),
    ("Mo-Fr 10h-18h", "'10h-18h' is not a time span"),
    ("Montag 10:00", "'Montag' is not a word of the syntax (weekdays Mo Tu We Th Fr Sa Su"),
    ("Mo-Fr 10:00-18:00 Uhr", "'Uhr' is not a word of the syntax"),
    ("25:00-26:00", "'25:00-26:00' starts after midnight"),
    ("", "no opening hours given"),
    ("   ", "no opening hours given"),
    ("Mo–Fr 10:00–18:00", "'–' is not a plain hyphen: write ranges with '-'"),
    ("Mo-Fr 10:00-18:00;", "nothing follows the last ';'"),
    ("Mo-Fr 10:00", "the time '10:00' has no end"),
    ("Mo-Fr 10:00-18:00,Sa 10:00-12:00", "separate rules with '; '"),
    ('Mo 10:00-12:00 "by appointment', "a comment has no closing '\"'"),
])
def test_invalid_values_say_what_is_wrong(value, problem):
    with pytest.raises(HoursError) as raised:
        check_hours(value)
    message = str(raised.value)
    assert problem in message
    assert message.endswith("expected e.g. 'Tu-Su 10:00-18:00'")
    assert "\n" not in message


def test_hours_error_is_a_value_error():
    assert issubclass(HoursError, ValueError)


FORMATTED = [
    ("Tu-Su 10:00-18:00; Mo off",
     "Di–So 10:00–18:00, Mo geschlossen",
     "mar.–dim. 10~h~– 18~h, fermé le lundi"),
    ("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-13:00; PH off",
     "Mo–Fr 09:00–12:00 und 14:00–18:00, Sa 09:00–13:00, an Feiertagen geschlossen",
     "lun.–ven. 9~h~– 12~h et 14~h~– 18~h, sam. 9~h~– 13~h, fermé les jours fériés"),
    ("24/7",
     "rund um die Uhr geöffnet",
     "ouvert 24~h/24, 7~j/7"),
    ("Apr-Oct: Tu-Su 10:00-18:00; Nov-Mar: Tu-Su 10:00-17:00",
     "Apr.–Okt.: Di–So 10:00–18:00; Nov.–März: Di–So 10:00–17:00",
     "avr.–oct.~: mar.–dim. 10~h~– 18~h^; nov.–mars~: mar.–dim. 10~h~– 17~h"),
    ("sunrise-sunset",
     "täglich von Sonnenaufgang bis Sonnenuntergang",
     "tous les jours du lever au coucher du soleil"),
    ("Mo-Su 10:00-18:00",
     "täglich 10:00–18:00",
     "tous les jours 10~h~– 18~h"),
    ("Mo-Fr 08:30-12:00, 13:30-17:00; Sa,Su off",
     "Mo–Fr 08:30–12:00 und 13:30–17:00, Sa und So geschlossen",
     "lun.–ven. 8~h~30~– 12~h et 13~h~30~– 17~h, fermé sam. et dim."),
    ("Mo,We,Fr 10:00-12:00; Tu,Th 14:00-18:00",
     "Mo, Mi und Fr 10:00–12:00; Di und Do 14:00–18:00",
     "lun., mer. et ven. 10~h~– 12~h^; mar. et jeu. 14~h~– 18~h"),
    ("Tu-Su 10:00-18:00; Mo off; PH 10:00-14:00",
     "Di–So 10:00–18:00, Mo geschlossen, Feiertage 10:00–14:00",
     "mar.–dim. 10~h~– 18~h, fermé le lundi, jours fériés 10~h~– 14~h"),
    ("Su,PH off",
     "So und Feiertage geschlossen",
     "fermé dim. et jours fériés"),
    ("Mo-Fr 10:00-18:00; Dec 24-26 off",
     "Mo–Fr 10:00–18:00; 24.–26.~Dez.: geschlossen",
     "lun.–ven. 10~h~– 18~h^; 24–26~déc.~: fermé"),
    ("Apr-Oct: 10:00-18:00; Jan-Feb off",
     "Apr.–Okt.: täglich 10:00–18:00; Jan.–Feb.: geschlossen",
     "avr.–oct.~: tous les jours 10~h~– 18~h^; janv.–févr.~: fermé"),
    ("Fr-Sa 18:00-02:00",
     "Fr–Sa 18:00–02:00",
     "ven.–sam. 18~h~– 2~h"),
    ("Mo-Fr 10:00-24:00",
     "Mo–Fr 10:00–24:00",
     "lun.–ven. 10~h~– 24~h"),
    ('Mo-Fr 10:00-18:00 "letzter Einlass 17:30"',
     "Mo–Fr 10:00–18:00 (letzter Einlass 17:30)",
     "lun.–ven. 10~h~– 18~h (letzter Einlass 17:30)"),
    ('"nach Vereinbarung"',
     "nach Vereinbarung",
     "nach Vereinbarung"),
    ("Sa-Su",
     "Sa–So ganztägig geöffnet",
     "sam.–dim. ouvert toute la journée"),
    ("Dec 31 10:00-14:00; Jan 1 off",
     "31.~Dez.: 10:00–14:00; 1.~Jan.: geschlossen",
     "31~déc.~: 10~h~– 14~h^; 1~janv.~: fermé"),
]


@pytest.mark.parametrize(("value", "german", "french"), FORMATTED)
def test_format_in_german_and_french(value, german, french):
    check_hours(value)
    assert format_hours(value, "de") == spaces(german)
    assert format_hours(value, "fr") == spaces(french)


@pytest.mark.parametrize(("value", "english"), [
    ("Tu-Su 10:00-18:00; Mo off", "Tue–Sun 10:00^AM~– 6:00^PM, closed on Monday"),
    ("Mo-Fr 10:00-18:00; Sa,Su off", "Mon–Fri 10:00^AM~– 6:00^PM, closed Sat and Sun"),
    ("Apr-Oct: 10:00-18:00", "Apr–Oct: daily 10:00^AM~– 6:00^PM"),
    ("24/7; PH off", "open 24/7, closed on public holidays"),
    ("sunrise-sunset", "daily from sunrise to sunset"),
])
def test_format_in_english(value, english):
    assert format_hours(value, "en") == spaces(english)


def test_names_come_from_babel_for_any_locale():
    # Italian is not among the built-in phrases: Babel's day names, English connecting words.
    assert format_hours("Tu-Su 10:00-18:00; Mo off", "it") == "mar–dom 10:00–18:00, closed on lunedì"


def test_regional_locales_use_their_language():
    assert format_hours("Tu-Su 10:00-18:00; Mo off", "de-CH") == "Di–So 10:00–18:00, Mo geschlossen"
    assert format_hours("Mo off", "fr_BE") == "fermé le lundi"


def test_lowercase_names_are_read_as_the_grammar_reads_them():
    assert format_hours("mo-fr 10:00-18:00", "de") == "Mo–Fr 10:00–18:00"


def test_overriding_rules_are_phrased_from_the_normalized_rules():
    # As written, "Mo–Fr 10:00–12:00, Mo 14:00–18:00" would suggest both spans on Mondays.
    assert format_hours("Mo-Fr 10:00-12:00; Mo 14:00-18:00", "de") == "Mo 14:00–18:00, Di–Fr 10:00–12:00"
    assert format_hours("Tu-Su 10:00-18:00; Jul-Aug Tu-Su 10:00-20:00", "de") == (
        "Jan.–Juni und Sept.–Dez.: Di–So 10:00–18:00; Juli–Aug.: Di–So 10:00–20:00")


@pytest.mark.parametrize("value", [
    "Mo[1] off",  # nth weekday of the month
    "SH off",  # school holidays
    "2026 Mo-Fr 10:00-18:00",  # years
    "week 01-10 Mo 10:00-12:00",
    "Mo-Fr 10:00+",  # open end
    "(sunrise-01:00)-sunset",  # offsets from solar events
    "Mo-Fr 10:00-18:00 || \"nach Vereinbarung\"",  # fallback rule
    "Mo-Fr 10:00-18:00 unknown",
    "Mo-Fr 12:00-13:00 off",  # closed time span
    "Mo 10:00-12:00 , 14:00-16:00",  # the grammar reads an additional rule for every day here
    "Mo-Fr 18:00-02:00; Fr 18:00-04:00",  # an override that the library does not normalize (past midnight)
])
def test_values_outside_the_subset_are_shown_as_written(value):
    check_hours(value)
    assert format_hours(value, "de") == value


@pytest.mark.parametrize("value", ["Tu-Su 10-18", "Montag 10:00", "", "   ", " Tu-Su 10-18 "])
def test_invalid_values_are_shown_as_written(value):
    assert format_hours(value, "fr") == value.strip()


def test_gettext_translates_the_phrases():
    catalog = {"closed on %(weekday)s": "%(weekday)s: Ruhetag", "public holidays": "Feiertage und Brückentage"}

    def gettext(msgid: str) -> str:
        return catalog.get(msgid, msgid)

    text = format_hours("Tu-Su 10:00-18:00; Mo off; PH 10:00-14:00", "de", gettext=gettext)
    assert text == "Di–So 10:00–18:00, Montag: Ruhetag, Feiertage und Brückentage 10:00–14:00"


def test_every_built_in_phrase_is_documented_for_the_catalogs():
    assert BUILTIN_TRANSLATIONS["de"].keys() == BUILTIN_TRANSLATIONS["fr"].keys()
    for msgid in BUILTIN_TRANSLATIONS["de"]:
        assert f"``{msgid}``" in hours.__doc__


def test_untranslated_phrases_fall_back_to_the_built_in_translation():
    # A catalog that has the msgid but no translation yet gives the msgid back.
    assert format_hours("PH off", "fr", gettext=lambda msgid: msgid) == "fermé les jours fériés"
    assert format_hours("PH off", "nl", gettext=lambda msgid: msgid) == "closed on public holidays"


def test_french_times_keep_number_and_hour_together():
    text = format_hours("Mo 09:30-17:45", "fr")
    assert text == spaces("lun. 9~h~30~– 17~h~45")
    assert " h" not in text


PIECES = ["Mo", "Tu-Su", "Sa,Su", "PH", "Apr-Oct:", "Dec 24-26", "10:00-18:00", "09:00-12:00,14:00-18:00",
          "off", '"x"', "24/7", "sunrise-sunset", "18:00-02:00", "SH", "Mo[1]", "10:00+", "unknown"]


@pytest.mark.parametrize("separator", ["; ", ", ", " "])
def test_formatting_never_fails(separator):
    for first, second in itertools.product(PIECES, repeat=2):
        value = f"{first}{separator}{second}"
        for lang in ("de", "fr", "en"):
            text = format_hours(value, lang)
            assert text, value
