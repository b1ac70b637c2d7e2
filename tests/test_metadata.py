"""Sitemap with alternates, robots.txt, Open Graph and schema.org JSON-LD, parsed back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from guide_builder.metadata import schema_org_hours

from conftest import GuideFolder

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_every_page_with_its_translations(built: GuideFolder) -> None:
    root = ET.parse(built.output / "sitemap.xml").getroot()
    entries = {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}
    assert len(entries) == 12
    entry = entries["https://example.org/guide/fr/treves/porta-nigra/"]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {"de": "https://example.org/guide/de/trier/porta-nigra/",
                          "fr": "https://example.org/guide/fr/treves/porta-nigra/",
                          "x-default": "https://example.org/guide/de/trier/porta-nigra/"}
    assert entry.findtext(f"{SITEMAP}lastmod") == "2026-11-28"


def test_borrowed_pages_are_not_in_the_sitemap(built: GuideFolder) -> None:
    built.remove("fr/trier/dom.md")
    assert built.build().code == 0
    root = ET.parse(built.output / "sitemap.xml").getroot()
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert "https://example.org/guide/fr/treves/dom/" not in locations
    assert "https://example.org/guide/de/trier/trierer-dom/" in locations


def test_robots_points_to_the_sitemap(built: GuideFolder) -> None:
    assert (built.output / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/guide/sitemap.xml\n")


def test_entry_json_ld_and_open_graph(built: GuideFolder) -> None:
    page = built.html("fr/treves/porta-nigra/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    # inLanguage is a CreativeWork's: the language of a place's page is in <html lang> and og:locale
    assert data["@type"] == "TouristAttraction" and "inLanguage" not in data
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 49.75968, "longitude": 6.64392}
    assert data["address"] == "Porta-Nigra-Platz, 54290 Trèves, Allemagne"
    assert data["url"] == "https://example.org/guide/fr/treves/porta-nigra/"
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:locale"] == "fr_FR" and og["og:locale:alternate"] == "de_DE"
    assert og["og:url"] == data["url"] and og["og:title"] == "Porta Nigra"


def test_city_json_ld(built: GuideFolder) -> None:
    data = json.loads(built.html("de/trier/index.html").find("script", type="application/ld+json").string)
    assert data["@type"] == ["City", "TouristDestination"] and data["name"] == "Trier"


def test_entry_without_a_place_is_an_article_in_its_language(built: GuideFolder) -> None:
    built.replace("de/trier/dom.md", "lat: 49.7563\nlon: 6.643\n", "address: Domfreihof, 54290 Trier\n")
    assert built.build().code == 0
    data = json.loads(built.html("de/trier/trierer-dom/index.html").find("script", type="application/ld+json").string)
    assert data["@type"] == "Article" and data["inLanguage"] == "de"
    assert "address" not in data and "geo" not in data  # an Article has neither


@pytest.mark.parametrize(("hours", "values"), [
    ("Tu-Su 10:00-18:00; Mo off", ["Tu-Su 10:00-18:00"]),
    ("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-14:00", ["Mo-Fr 09:00-12:00", "Mo-Fr 14:00-18:00", "Sa 10:00-14:00"]),
    ("Mo,We-Fr 10:00-24:00", ["Mo,We-Fr 10:00-24:00"]),
    ("Mo-Su 10:00-18:00; Mo off", []),  # the later rule closes Monday: not a list of open times
    ("Tu-Su 10:00-18:00; PH off", []),  # schema.org has no holidays
    ("Apr-Oct: Mo-Su 10:00-18:00", []),
    ("Fr-Sa 22:00-02:00", []),
    ("24/7", []),
])
def test_opening_hours_for_schema_org(hours: str, values: list[str]) -> None:
    assert schema_org_hours(hours) == values
