"""Distances between places and the walking times shown with them.

Straight-line (great-circle) distances; a walk is estimated on a street route about a quarter
longer than the straight line, at 4.5 km/h — the figures are a reader's rough guide, not routing.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

from babel.units import format_unit

EARTH_RADIUS_M = 6_371_000
WALKING_SPEED_M_PER_MIN = 4500 / 60
DETOUR_FACTOR = 1.25
NBSP = "\u00a0"


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    return _haversine_m(phi1, math.cos(phi1), phi2, math.cos(phi2), lon2 - lon1)


def _haversine_m(phi1: float, cos_phi1: float, phi2: float, cos_phi2: float, d_lon_degrees: float) -> float:
    """:func:`distance_m` from the latitudes in radians and their cosines, which a search among
    many points works out once per point."""
    a = (math.sin((phi2 - phi1) / 2) ** 2
         + cos_phi1 * cos_phi2 * math.sin(math.radians(d_lon_degrees) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def walking_minutes(metres: float) -> int:
    return max(1, round(metres * DETOUR_FACTOR / WALKING_SPEED_M_PER_MIN))


def format_distance(metres: float, lang: str) -> str:
    """``350 m`` below a kilometre (to 10 m), ``1,2 km`` above, in the language's number format."""
    if metres < 1000:
        return _formatted(round(metres, -1) or 10, "length-meter", lang)
    return _formatted(round(metres / 1000, 1), "length-kilometer", lang)


@lru_cache(maxsize=4096)
def _formatted(value: float, unit: str, lang: str) -> str:
    """Babel's formatting is slow and a guide repeats the same few rounded values on every page."""
    pattern = "#,##0.#" if unit == "length-kilometer" else None
    return _keep_together(format_unit(value, unit, length="short", format=pattern, locale=lang))


def format_minutes(minutes: int, lang: str) -> str:
    return _formatted(minutes, "duration-minute", lang)


def _keep_together(text: str) -> str:
    """Number and unit never part at a line end (Babel uses a plain space for some locales)."""
    return text.replace(" ", NBSP)


@dataclass(frozen=True)
class Neighbour:
    index: int  #: position in the list of candidates
    metres: float


def nearest_each(points: list[tuple[float, float]], count: int, within_m: float) -> list[list[Neighbour]]:
    """For each point (lat, lon), the ``count`` nearest other points within ``within_m`` metres
    (a point at the very same spot is not a neighbour), nearest first, the earlier point first
    at equal distance.

    The points are searched outward in the order of their latitude: a point whose latitude alone
    puts it farther away than the ``count``-th nearest found so far (the great-circle distance is
    never shorter than the distance along the meridian) ends the search on that side, so each
    point measures its distance to a few dozen others, not to all."""
    order = sorted(range(len(points)), key=lambda i: points[i][0])
    phis = [math.radians(lat) for lat, _ in points]
    cosines = [math.cos(phi) for phi in phis]
    found = []
    for position, index in enumerate(order):
        lat, lon = points[index]
        phi, cosine = phis[index], cosines[index]
        best: list[tuple[float, int]] = []  # (metres, index), the nearest so far, sorted
        for step in (-1, 1):
            other = position + step
            while 0 <= other < len(order):
                candidate = order[other]
                c_lat, c_lon = points[candidate]
                bound = math.radians(abs(c_lat - lat)) * EARTH_RADIUS_M - 1e-6  # floating-point slack
                if bound > within_m or (len(best) == count and bound > best[-1][0]):
                    break
                metres = _haversine_m(phi, cosine, phis[candidate], cosines[candidate], c_lon - lon)
                if 0 < metres <= within_m:
                    bisect.insort(best, (metres, candidate))
                    del best[count:]
                other += step
        found.append((index, [Neighbour(i, metres) for metres, i in best]))
    return [neighbours for _, neighbours in sorted(found)]
