"""The shipped guide holds to its bar: twins, fields, at least 12 entries a city, places inside
their city, itineraries linking only to existing entries, and `check` without a warning."""

from __future__ import annotations

import re
from pathlib import Path

from guide_builder import pipeline
from guide_builder.discover import Kind
from guide_builder.model import Entry, Item

CONTENT = Path(__file__).resolve().parent.parent / "content"
#: rough bounding boxes (south, west, north, east); Saarbrücken's includes Völklingen
CITY_BOXES = {
    "luxembourg": (49.58, 6.08, 49.65, 6.20),
    "metz": (49.08, 6.13, 49.15, 6.24),
    "saarbruecken": (49.19, 6.80, 49.28, 7.06),
    "trier": (49.72, 6.58, 49.79, 6.70),
}


def words(markdown: str) -> int:
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    return len(re.findall(r"[^\W\d_][\w’'-]*|\d+", text))


def test_check_passes_without_warnings() -> None:
    report = pipeline.check(CONTENT)
    assert report.ok and not report.diagnostics.items, [d.format() for d in report.diagnostics.items]


def test_every_page_exists_in_every_language(shipped: pipeline.Prepared) -> None:
    for document in shipped.guide.documents():
        assert set(document.translations) == {"de", "fr"}, document.key


def test_each_city_has_at_least_twelve_entries_across_categories(shipped: pipeline.Prepared) -> None:
    assert [city.name for city in shipped.guide.cities] == ["luxembourg", "metz", "saarbruecken", "trier"]
    for city in shipped.guide.cities:
        assert len(city.entries) >= 12, city.name
        categories = {entry.category for entry in city.entries}
        assert {"sight", "museum", "culture", "nature", "food", "drink", "shopping", "practical"} <= categories


def test_entries_are_complete(shipped: pipeline.Prepared) -> None:
    for city in shipped.guide.cities:
        for entry in city.entries:
            for page in entry.translations.values():
                assert page.title and page.summary and page.updated, page.source.path
                assert 120 <= words(page.body) <= 300, (page.source.path, words(page.body))
                assert "](" in page.body, f"{page.source.path} links to no related page"


def test_places_lie_inside_their_city(shipped: pipeline.Prepared) -> None:
    for city in shipped.guide.cities:
        south, west, north, east = CITY_BOXES[city.name]
        for place in (city, *city.entries):
            if place.lat is not None:
                assert south <= place.lat <= north and west <= place.lon <= east, (city.name, place.key)


def test_itineraries_link_only_to_existing_entries(shipped: pipeline.Prepared) -> None:
    items = [d for d in shipped.guide.documents() if isinstance(d, Item)]
    assert len(items) >= 3
    for item in items:
        assert len(item.cities) >= 2
        for lang in ("de", "fr"):
            links = shipped.bodies[(item.key, lang)].links
            entries = {link.key for link in links if link.key[0] is Kind.ENTRY}
            assert len(entries) >= 4, item.key
            assert all(isinstance(shipped.guide.document(key), Entry) for key in entries)


def test_french_and_german_typography_in_the_source() -> None:
    for path in CONTENT.rglob("*.md"):
        text = path.read_text(encoding="utf-8").split("---", 2)[2]
        prose = re.sub(r"\]\([^)]*\)|`[^`]*`|https?://\S+", "", text)
        assert '"' not in prose, f"{path}: straight double quotes"
        if path.parts[-3:-2] == ("fr",) or "/fr/" in str(path):
            # a plain space (U+0020) where French typography wants a no-break one
            assert not re.search(r"« | »| [;!?:]", prose), f"{path}: French spacing needs no-break spaces"
