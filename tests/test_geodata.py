"""GeoJSON and GPX downloads: parsed back, they hold the places with the right coordinates and links."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import GuideFolder

GPX = "{http://www.topografix.com/GPX/1/1}"


def test_city_geojson_lists_its_places(built: GuideFolder) -> None:
    data = json.loads((built.output / "fr" / "treves" / "places.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in data["features"]]
    assert names == ["Cathédrale de Trèves", "Porta Nigra"]  # the order of the numbered list
    first = data["features"][1]
    assert first["geometry"] == {"type": "Point", "coordinates": [6.64392, 49.75968]}  # [lon, lat] per RFC 7946
    assert first["properties"]["url"] == "https://example.org/guide/fr/treves/porta-nigra/"
    assert first["properties"]["category"] == "À voir" and first["properties"]["lang"] == "fr"


def test_guide_gpx_holds_every_place_with_coordinates(built: GuideFolder) -> None:
    root = ET.parse(built.output / "de" / "places.gpx").getroot()
    assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1"
    waypoints = root.findall(f"{GPX}wpt")
    assert [w.findtext(f"{GPX}name") for w in waypoints] == ["Porta Nigra", "Trierer Dom", "Kathedrale Saint-Étienne"]
    assert (waypoints[2].get("lat"), waypoints[2].get("lon")) == ("49.12028", "6.17583")
    assert waypoints[0].find(f"{GPX}link").get("href") == "https://example.org/guide/de/trier/porta-nigra/"
    assert root.find(f"{GPX}metadata").findtext(f"{GPX}name") == "Mini-Führer"


def test_city_and_home_pages_link_the_downloads(built: GuideFolder) -> None:
    links = [a["href"] for a in built.html("de/trier/index.html").select(".place-files a")]
    assert links == ["places.geojson", "places.gpx"]
    links = [a["href"] for a in built.html("fr/index.html").select(".place-files a")]
    assert links == ["places.geojson", "places.gpx"]


def test_a_borrowed_place_says_the_language_of_its_text(built: GuideFolder) -> None:
    built.remove("fr/trier/porta-nigra.md")
    assert built.build().code == 0
    data = json.loads((built.output / "fr" / "treves" / "places.geojson").read_text(encoding="utf-8"))
    langs = {f["properties"]["name"]: f["properties"]["lang"] for f in data["features"]}
    assert langs == {"Cathédrale de Trèves": "fr", "Porta Nigra": "de"}  # shown in German until translated
