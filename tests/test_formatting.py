"""Locale-aware formatting against known outputs in both languages."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from babel.numbers import format_currency, format_decimal

from guide_builder.i18n import collation_key, language_name, long_date, short_date
from guide_builder.views import format_degrees

from conftest import GuideFolder

NBSP, NNBSP = "\u00a0", "\u202f"
DAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(("lang", "long", "short"), [
    ("de", "28. November 2026", "28.11.26"),
    ("fr", "28 novembre 2026", "28/11/2026"),
    ("en", "November 28, 2026", "11/28/26"),
])
def test_dates_in_long_and_short_form(lang: str, long: str, short: str) -> None:
    assert long_date(DAY, lang) == long
    assert short_date(DAY, lang) == short


@pytest.mark.parametrize(("lang", "price", "number"), [
    ("de", f"12,50{NBSP}€", "1.234.567,5"),
    ("fr", f"12,50{NBSP}€", f"1{NNBSP}234{NNBSP}567,5"),
])
def test_prices_and_numbers(lang: str, price: str, number: str) -> None:
    assert format_currency(12.5, "EUR", locale=lang) == price
    assert format_decimal(1234567.5, locale=lang) == number


def test_language_names_as_label_and_in_a_sentence() -> None:
    assert language_name("fr", "de") == "Französisch"
    assert language_name("de", "fr") == "allemand"
    assert language_name("fr", label=True) == "Français"


def test_collation_puts_accented_letters_with_their_base() -> None:
    words = ["Zoo", "Österreich", "Église", "Ofen", "Eiffel", "Äpfel", "Apfel", "Straße", "Strand"]
    assert sorted(words, key=lambda w: collation_key(w, "de")) == [
        "Apfel", "Äpfel", "Église", "Eiffel", "Ofen", "Österreich", "Strand", "Straße", "Zoo"]


def test_entry_fact_box_formats_price_hours_and_date(guide: GuideFolder) -> None:
    for lang in ("de", "fr"):
        guide.replace(f"{lang}/trier/porta-nigra.md", "stars: 3\n",
                      "stars: 3\nprice: 4.5\nhours: Tu-Su 10:00-18:00; Mo off\n")
    assert guide.build().code == 0
    facts = {}
    for lang, path in (("de", "de/trier/porta-nigra/index.html"), ("fr", "fr/treves/porta-nigra/index.html")):
        page = guide.html(path)
        facts[lang] = dict(zip([d.get_text() for d in page.select(".facts dt")],
                               [d.get_text() for d in page.select(".facts dd")], strict=True))
    assert facts["de"]["Preis"] == f"4,50{NBSP}€"
    assert facts["fr"]["Prix"] == f"4,50{NBSP}€"
    assert facts["de"]["Öffnungszeiten"] == "Di–So 10:00–18:00, Mo geschlossen"
    assert facts["fr"]["Horaires d’ouverture"].startswith("mar.–dim. 10")
    assert facts["de"]["Geprüft"] == "28.11.26"
    assert facts["fr"]["Vérifié le"] == "28/11/2026"


@pytest.mark.parametrize("lang", ["de", "fr", "lb", "en", "fr_BE", "de_CH"])
def test_coordinates_read_as_babel_writes_them(lang: str) -> None:
    chance = random.Random(lang)
    values = [0.0, 0.000005, 0.000015, 6.643925, 49.759685, 179.999995, 89.99999]
    values += [round(chance.uniform(0, 180), chance.choice([3, 5, 6, 7, 9])) for _ in range(2000)]
    for value in values:
        assert format_degrees(value, lang) == format_decimal(value, format="0.00000", locale=lang), value
