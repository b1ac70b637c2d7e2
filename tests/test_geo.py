"""Distances and walking times, in each language's format, and the entry page's "nearby" list."""

from __future__ import annotations

import random

import pytest

from guide_builder.geo import distance_m, format_distance, format_minutes, nearest_each, walking_minutes

from conftest import GuideFolder

NBSP, NNBSP = "\u00a0", "\u202f"


def test_distance_between_porta_nigra_and_metz_cathedral() -> None:
    # about 78 km as the crow flies
    assert distance_m(49.75968, 6.64392, 49.12028, 6.17583) == pytest.approx(78_500, rel=0.02)


@pytest.mark.parametrize(("metres", "lang", "expected"), [
    (382, "de", f"380{NBSP}m"),
    (382, "fr", f"380{NNBSP}m"),
    (1249, "de", f"1,2{NBSP}km"),
    (1249, "fr", f"1,2{NNBSP}km"),
    (1249, "en", f"1.2{NBSP}km"),
    (3, "de", f"10{NBSP}m"),
])
def test_format_distance(metres: float, lang: str, expected: str) -> None:
    assert format_distance(metres, lang) == expected


def test_walking_time() -> None:
    assert walking_minutes(382) == 6
    assert format_minutes(6, "de") == f"6{NBSP}Min."
    assert format_minutes(6, "fr") == f"6{NBSP}min"


def test_nearest_skips_places_on_the_same_spot_and_far_places() -> None:
    found = nearest_each([(49.0, 6.0), (49.0, 6.0), (49.01, 6.0), (49.001, 6.0), (50.0, 6.0)], count=5,
                         within_m=3000)
    assert [n.index for n in found[0]] == [3, 2]
    assert found[4] == []


def brute_force(points: list[tuple[float, float]], count: int, within_m: float) -> list[list[tuple[int, float]]]:
    result = []
    for i, (lat, lon) in enumerate(points):
        near = sorted((distance_m(lat, lon, *other), j) for j, other in enumerate(points) if j != i)
        result.append([(j, metres) for metres, j in near if 0 < metres <= within_m][:count])
    return result


@pytest.mark.parametrize("seed", range(20))
def test_nearest_equals_comparing_every_pair(seed: int) -> None:
    chance = random.Random(seed)
    points = [(49.75 + chance.uniform(-0.03, 0.03), 6.64 + chance.uniform(-0.05, 0.05)) for _ in range(150)]
    points += [points[chance.randrange(len(points))] for _ in range(10)]  # places on the same spot
    points += [(lat, lon + 0.001) for lat, lon in points[:10]]  # the same latitude
    chance.shuffle(points)
    found = nearest_each(points, 4, 3000)
    assert [[(n.index, n.metres) for n in near] for near in found] == brute_force(points, 4, 3000)


def test_entry_page_lists_nearby_places(built: GuideFolder) -> None:
    items = built.html("de/trier/porta-nigra/index.html").select(".nearby li")
    assert [li.a.get_text() for li in items] == ["Trierer Dom"]
    assert items[0].select_one(".distance").get_text() == f"380{NBSP}m · 6{NBSP}Min. zu Fuß"
    fr = built.html("fr/treves/cathedrale/index.html").select_one(".nearby li")
    assert fr.a["href"] == "../porta-nigra/"
    assert fr.select_one(".distance").get_text() == f"380{NNBSP}m · 6{NBSP}min à pied"
