"""Distances between places and the walking times shown with them.

Straight-line (great-circle) distances; a walk is estimated on a street route about a quarter
longer than the straight line, at 4.5 km/h — the figures are a reader's rough guide, not routing.
"""

from __future__ import annotations

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
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
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


def nearest(lat: float, lon: float, candidates: list[tuple[float, float]], count: int,
            within_m: float) -> list[Neighbour]:
    """The ``count`` nearest candidates (lat, lon) within ``within_m`` metres, nearest first."""
    # a degree of latitude is at least 110.5 km, of longitude that times cos(latitude): a cheap
    # test first leaves the great-circle distance for the few candidates near enough
    max_dlat = within_m / 110_500
    max_dlon = max_dlat / max(math.cos(math.radians(min(abs(lat) + max_dlat, 89.0))), 1e-6)
    found = [Neighbour(i, distance_m(lat, lon, c_lat, c_lon)) for i, (c_lat, c_lon) in enumerate(candidates)
             if abs(c_lat - lat) <= max_dlat and abs(c_lon - lon) <= max_dlon]
    found = [n for n in found if 0 < n.metres <= within_m]
    return sorted(found, key=lambda n: (n.metres, n.index))[:count]
