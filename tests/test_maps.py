"""SVG maps: well-formed and accessible, true to the coordinates and the scale, readable markers, stable bytes."""

from __future__ import annotations

import dataclasses
import io
import itertools
import logging
import math
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from guide_builder.geo import distance_m
from guide_builder.geo import format_distance as format_distance_in
from guide_builder.maps import (
    FURNITURE_BAND,
    MARKER_RADIUS,
    PALETTE,
    SPREAD_SPACING_PX,
    MapLabels,
    MapPoint,
    default_format,
    render_map,
    round_scale_length,
)
from guide_builder.schema import CATEGORIES

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LABELS = MapLabels(title="Karte: Trier", description="Orte; Nummern wie in der Liste", north="N")

TRIER = [
    MapPoint(1, 49.75968, 6.64392, "Porta Nigra", "sight", "porta-nigra/"),
    MapPoint(2, 49.75631, 6.64303, "Trierer Dom", "sight", "trierer-dom/"),
    MapPoint(3, 49.75186, 6.63758, "Kaiserthermen", "sight"),
    MapPoint(4, 49.75270, 6.64060, "Amphitheater", "culture"),
    MapPoint(5, 49.75450, 6.62890, "Römerbrücke", "sight"),
    MapPoint(6, 49.75700, 6.63600, "Stadtmuseum Simeonstift", "museum"),
]
QUATTROPOLE = [
    MapPoint(1, 49.61, 6.13, "Luxembourg", "sight"),
    MapPoint(2, 49.12, 6.18, "Metz", "sight"),
    MapPoint(3, 49.23, 6.99, "Saarbrücken", "sight"),
    MapPoint(4, 49.75, 6.64, "Trier", "sight"),
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def markers(root: ET.Element) -> dict[int, tuple[float, float]]:
    """Marker centre by number, read from each marker group's translate()."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        if "marker" in group.get("class", "").split():
            x, y = re.fullmatch(r"translate\((\S+) (\S+)\)", group.get("transform")).groups()
            found[int(group.find(f"{SVG}text").text)] = (float(x), float(y))
    return found


def scale_bar(root: ET.Element) -> tuple[float, float, str]:
    """Metres, length in pixels and text of the scale bar."""
    scale = root.find(f".//{SVG}g[@class='scale']")
    bar = scale.find(f"{SVG}rect[@class='scale-bar']")
    return float(scale.get("data-metres")), float(bar.get("width")), scale.find(f"{SVG}text").text


def test_map_is_an_accessible_svg_document() -> None:
    svg = render_map(TRIER, LABELS)
    root = parse(svg)
    assert svg.startswith("<svg ")
    # a map whose markers are links is a group (links inside an image would be hidden from assistive
    # technology); without links it is an image
    assert root.get("role") == ("group" if any(point.url for point in TRIER) else "img")
    unlinked = [dataclasses.replace(point, url="") for point in TRIER]
    assert parse(render_map(unlinked, LABELS)).get("role") == "img"
    assert root.get(XML_LANG) == "de" and root.get("lang") is None  # xml:lang is SVG 1.1's and 2's
    assert root.get("viewBox") == "0 0 640 480"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Karte: Trier"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}desc").text == "Orte; Nummern wie in der Liste"
    assert root.get("font-family") == "Inter, 'DejaVu Sans', sans-serif"


def test_ids_differ_between_maps_and_not_between_builds() -> None:
    trier = parse(render_map(TRIER, LABELS)).get("aria-labelledby")
    metz = parse(render_map(TRIER, MapLabels("Karte: Metz", "", "N"))).get("aria-labelledby")
    assert trier != metz
    assert trier == parse(render_map(TRIER, LABELS)).get("aria-labelledby")


def test_one_numbered_marker_per_point_with_its_category_and_title() -> None:
    root = parse(render_map(TRIER, LABELS))
    groups = [g for g in root.iter(f"{SVG}g") if "marker" in g.get("class", "").split()]
    assert sorted(markers(root)) == [1, 2, 3, 4, 5, 6]
    by_number = {int(g.find(f"{SVG}text").text): g for g in groups}
    museum = by_number[6]
    assert museum.get("data-category") == "museum"
    assert museum.get("class") == "marker marker-museum"
    assert museum.find(f"{SVG}title").text == "6. Stadtmuseum Simeonstift"
    assert museum.find(f"{SVG}circle").get("fill") == PALETTE["museum"]


def test_markers_with_a_url_are_links() -> None:
    root = parse(render_map(TRIER, LABELS))
    links = {a.get("href"): a.find(f"{SVG}g").find(f"{SVG}text").text for a in root.iter(f"{SVG}a")}
    assert links == {"porta-nigra/": "1", "trierer-dom/": "2"}


def test_marker_one_is_drawn_last_so_it_is_on_top() -> None:
    root = parse(render_map(TRIER, LABELS))
    assert list(markers(root)) == [6, 5, 4, 3, 2, 1]


def test_north_is_up_and_east_is_right() -> None:
    centre = markers(parse(render_map(TRIER, LABELS)))
    porta_nigra, kaiserthermen, roemerbruecke = centre[1], centre[3], centre[5]
    assert porta_nigra[1] < kaiserthermen[1]  # further north: higher up
    assert porta_nigra[0] > kaiserthermen[0] > roemerbruecke[0]  # further east: further right


@pytest.mark.parametrize("extent_m", [300, 1000, 4000, 25_000, 90_000])
def test_scale_bar_matches_the_map(extent_m: float) -> None:
    # Two places on one meridian: their distance in metres over their distance in pixels is the map's scale.
    north_lat = 49.75 + extent_m / distance_m(49.75, 6.64, 50.75, 6.64)
    points = [MapPoint(1, 49.75, 6.64, "Süd", "sight"), MapPoint(2, north_lat, 6.64, "Nord", "sight")]
    root = parse(render_map(points, LABELS, format_distance=lambda metres: f"{metres:g} metres"))
    south, north = markers(root)[1], markers(root)[2]
    metres_per_px = distance_m(49.75, 6.64, north_lat, 6.64) / (south[1] - north[1])
    metres, length_px, text = scale_bar(root)
    assert length_px * metres_per_px == pytest.approx(metres, rel=0.01)
    assert text == f"{metres:g} metres"
    assert 0.1 * 640 < length_px < 0.35 * 640  # roughly a fifth of the width


def test_scale_bar_of_the_region_map_is_true_east_to_west() -> None:
    # Along the centre parallel the equirectangular projection is true to scale.
    lat = 49.435
    points = [MapPoint(1, lat, 6.13, "West", "sight"), MapPoint(2, lat, 6.99, "Ost", "sight")]
    root = parse(render_map(points, LABELS))
    west, east = markers(root)[1], markers(root)[2]
    metres_per_px = distance_m(lat, 6.13, lat, 6.99) / (east[0] - west[0])
    metres, length_px, text = scale_bar(root)
    assert length_px * metres_per_px == pytest.approx(metres, rel=0.01)
    assert text == "10 km"


@pytest.mark.parametrize(("metres", "expected"), [
    (128, 100), (160, 200), (300, 200), (340, 500), (690, 500), (720, 1000), (1.4, 1), (19_000, 20_000),
])
def test_scale_lengths_are_one_two_or_five_times_a_power_of_ten(metres: float, expected: float) -> None:
    assert round_scale_length(metres) == pytest.approx(expected)


def test_scale_text_in_the_pages_language() -> None:
    root = parse(render_map(TRIER, LABELS, format_distance=lambda metres: format_distance_in(metres, "fr")))
    assert scale_bar(root)[2] == "500\u202fm"  # French puts a narrow no-break space before the unit


def test_default_scale_text_uses_the_metre_symbol() -> None:
    assert default_format(500) == "500 m"
    assert default_format(2000) == "2 km"
    assert scale_bar(parse(render_map(QUATTROPOLE, LABELS)))[2] in {"10 km", "20 km"}


def test_region_map_fits_the_four_cities_inside_its_margins() -> None:
    width, height = 640, 480
    root = parse(render_map(QUATTROPOLE, LABELS, width=width, height=height))
    centre = markers(root)
    lux, metz, saarbruecken, trier = (centre[n] for n in (1, 2, 3, 4))
    for x, y in centre.values():
        assert MARKER_RADIUS + 4 <= x <= width - MARKER_RADIUS - 4
        assert MARKER_RADIUS + 4 <= y <= height - FURNITURE_BAND - MARKER_RADIUS
    assert metz[1] > lux[1] > trier[1]
    assert lux[0] < metz[0] < trier[0] < saarbruecken[0]
    # The cities use the room: the taller extent runs nearly from the top margin to the band.
    assert trier[1] < 40 and metz[1] > height - FURNITURE_BAND - 40
    assert scale_bar(root)[2] in {"10 km", "20 km"}


def test_single_point_is_centred_at_street_scale() -> None:
    root = parse(render_map([MapPoint(7, 49.6116, 6.13, "Mudam", "museum")], LABELS))
    x, y = markers(root)[7]
    assert x == pytest.approx(320, abs=1)
    assert y == pytest.approx((480 - FURNITURE_BAND) / 2, abs=1)
    assert 100 <= scale_bar(root)[0] <= 500


def test_places_at_one_spot_are_spread_so_every_number_shows() -> None:
    points = [MapPoint(number, 49.12, 6.18, f"Ort {number}", "food") for number in (1, 2, 3, 12, 105)]
    centre = markers(parse(render_map(points, LABELS, width=420, height=300)))
    assert sorted(centre) == [1, 2, 3, 12, 105]
    for a, b in itertools.combinations(centre.values(), 2):
        assert math.dist(a, b) >= SPREAD_SPACING_PX - 0.2
    for x, y in centre.values():
        assert math.dist((x, y), (210, (300 - FURNITURE_BAND) / 2)) < 3 * SPREAD_SPACING_PX


def test_spread_keeps_the_other_places_where_they_are() -> None:
    twin = MapPoint(7, TRIER[2].lat, TRIER[2].lon, "Thermen-Café", "food")
    alone = markers(parse(render_map(TRIER, LABELS)))
    with_twin = markers(parse(render_map([*TRIER, twin], LABELS)))
    assert {n: alone[n] for n in (1, 2, 4, 5, 6)} == {n: with_twin[n] for n in (1, 2, 4, 5, 6)}
    assert math.dist(with_twin[3], with_twin[7]) >= SPREAD_SPACING_PX - 0.2
    assert with_twin[3][0] < with_twin[7][0]  # the lower number on the left, read first


def test_text_is_escaped() -> None:
    name = "Dom „St. Peter“ & <Liebfrauen> \"l'église\" « Mudam »\x07"
    labels = MapLabels(title="Carte : « Trèves » & <Metz>", description='"Nummern" & Co', north="N",
                       lang="fr")
    svg = render_map([MapPoint(1, 49.75, 6.64, name, "sight", "a.html?x=1&y=\"2\"")], labels)
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Carte : « Trèves » & <Metz>"
    assert root.find(f"{SVG}desc").text == '"Nummern" & Co'
    assert root.find(f".//{SVG}a").get("href") == 'a.html?x=1&y="2"'
    assert root.find(f".//{SVG}g[@data-category='sight']/{SVG}title").text == (
        "1. Dom „St. Peter“ & <Liebfrauen> \"l'église\" « Mudam »")  # the control character is dropped
    assert "„St. Peter“" in svg and "« Mudam »" in svg  # non-ASCII stays as it is


def test_output_is_the_same_for_the_same_places() -> None:
    first = render_map(TRIER, LABELS)
    assert render_map(TRIER, LABELS) == first
    assert render_map(list(reversed(TRIER)), LABELS) == first


def test_coordinates_are_written_with_one_decimal() -> None:
    svg = render_map(QUATTROPOLE, LABELS)
    assert not re.search(r"\d\.\d\d", svg)


def test_twenty_places_make_a_small_svg() -> None:
    points = [MapPoint(n, 49.75 + (n % 5) * 0.002, 6.63 + (n // 5) * 0.003, f"Ort Nummer {n}", CATEGORIES[n % 9],
                       f"../trier/ort-{n}/") for n in range(1, 21)]
    svg = render_map(points, LABELS)
    assert len(svg.encode("utf-8")) < 15_000


def test_svg_keeps_to_what_weasyprint_draws() -> None:
    svg = render_map(TRIER, LABELS)
    for unsupported in ("<style", "var(", "filter", "foreignObject", "textLength", "dominant-baseline"):
        assert unsupported not in svg


def _relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour written #rrggbb."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_palette_has_a_colour_for_every_category() -> None:
    assert set(PALETTE) == set(CATEGORIES)
    assert len(set(PALETTE.values())) == len(CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES)
def test_white_numbers_are_readable_on_every_marker_colour(category: str) -> None:
    # WCAG 2.x contrast ratio; 4.5:1 is the minimum for small text such as the marker numbers.
    contrast = (1 + 0.05) / (_relative_luminance(PALETTE[category]) + 0.05)
    assert contrast >= 4.5


def test_unknown_category_and_empty_map_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown category 'castle'"):
        render_map([MapPoint(1, 49.75, 6.64, "Burg", "castle")], LABELS)
    with pytest.raises(ValueError, match="at least one point"):
        render_map([], LABELS)


def test_weasyprint_draws_the_map_with_its_text(caplog: pytest.LogCaptureFixture) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    print_points = [MapPoint(p.number, p.lat, p.lon, p.label, p.category) for p in TRIER]  # no links in print
    svg = render_map(print_points, LABELS, format_distance=lambda metres: format_distance_in(metres, "de"))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(string=f"<html><body>{svg}</body></html>").write_pdf()
    assert not caplog.records
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.split() == ["6", "5", "4", "3", "2", "1", "500", "m", "N"]  # markers, scale, north arrow
