"""Maps of places as standalone SVG, drawn at build time from their coordinates.

No tiles, no network: the map is a neutral background with a faint graticule, one numbered marker
per place (the numbers of the page's list of entries), a scale bar and a north arrow. The same
SVG serves the website (inline or as a file) and the PDF, so it keeps to what WeasyPrint 70 draws:
plain shapes, text and transforms — no filters, no ``<style>``, no CSS variables, no ``textLength``.
Colours are presentation attributes, which any stylesheet rule overrides.

The projection is equirectangular around the centre of the points (x = lon·cos φ0, y = lat): over a
city, or the ~100 km of the four cities, it is within a fraction of a percent of true scale, so one
scale bar holds for the whole map.
"""

from __future__ import annotations

import hashlib
import html
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from guide_builder.geo import EARTH_RADIUS_M

logger = logging.getLogger(__name__)

#: Marker colour of each category; white numbers on each have a WCAG contrast of at least 4.5:1.
PALETTE = {
    "sight": "#c62828",
    "museum": "#6a3d9a",
    "culture": "#ad1457",
    "nature": "#2e7d32",
    "food": "#a64f00",
    "drink": "#00727a",
    "shopping": "#5f6a00",
    "stay": "#1f5fa8",
    "practical": "#4f5b66",
}
NUMBER_COLOUR = "#ffffff"
INK = "#1d2329"
BACKGROUND = "#f4f1ea"
FRAME_LINE = "#ddd7ca"
GRATICULE_LINE = "#e3ddd0"
FONT_FAMILY = "Inter, 'DejaVu Sans', sans-serif"

MARKER_RADIUS = 11.0
MARKER_OUTLINE = 1.5
MARKER_FONT_SIZE = 11.0
#: Baseline offset that centres digits vertically: half their height (0.73 em in Inter and DejaVu Sans).
#: A plain offset because WeasyPrint 70 only approximates ``dominant-baseline``.
DIGIT_BASELINE = 0.36
#: Free space between a marker's edge and the map's edge.
MARKER_CLEARANCE = 8.0
#: Height of the strip along the bottom that holds the scale bar and the north arrow; markers stay above it.
FURNITURE_BAND = 40.0
#: Smallest extent shown, so a single place (or places at one address) gets a street-level view.
MIN_EXTENT_M = 1000.0
#: Markers whose centres are closer than this would hide each other's number, so they are spread.
OVERLAP_PX = MARKER_RADIUS
#: Distance between the centres of spread markers: their numbers are clear of each other.
SPREAD_SPACING_PX = 1.8 * MARKER_RADIUS
SCALE_BAR_SHARE = 1 / 5
#: Characters XML 1.0 does not allow at all; dropped from text rather than making the SVG ill-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class MapPoint:
    number: int  #: the number shown in the marker, matching the numbered list of entries
    lat: float  #: WGS84 degrees
    lon: float
    label: str  #: the place's name: the marker's ``<title>``
    category: str  #: one of the keys of PALETTE (the entry categories)
    url: str = ""  #: if set, the marker links there (relative on the web; leave "" in print, see render_map)


@dataclass(frozen=True)
class MapLabels:
    """The map's texts in the page's language, already translated by the caller."""

    title: str  #: e.g. "Karte: Trier" — the SVG ``<title>`` and its accessible name
    description: str  #: e.g. "12 Orte; Nummern wie in der Liste" — the SVG ``<desc>``
    north: str  #: letter on the north arrow, "N"
    scale_unit_m: str = "m"  #: metre symbol of the default scale text (kilometres are "k" + it)
    lang: str = "de"


def default_format(metres: float, unit_m: str = "m") -> str:
    """``500 m`` below a kilometre, ``2 km`` from one up; the scale bar's lengths are round numbers."""
    if metres < 1000:
        return f"{metres:g} {unit_m}"
    return f"{metres / 1000:g} k{unit_m}"


def render_map(points: Sequence[MapPoint], labels: MapLabels, *, width: int = 640, height: int = 480,
               format_distance: Callable[[float], str] | None = None) -> str:
    """An SVG document (string, starting with ``<svg ...>``) showing the points.

    ``format_distance`` writes the scale bar's length in metres, e.g. ``lambda m: geo.format_distance(m, lang)``;
    without it, ``default_format`` with ``labels.scale_unit_m``. For print, give points without
    ``url``: WeasyPrint 70 treats an SVG ``<a>`` as text and would not draw the marker inside it.
    """
    _check_points(points)
    points = sorted(points, key=_point_order)  # the order given must not change a single byte
    area = MarkerArea.inside(width, height)
    projection = fit_projection(points, area)
    placed = spread_overlapping(
        [PlacedMarker(point, *projection.to_px(point.lat, point.lon)) for point in points], area)
    describe_length = format_distance or partial(default_format, unit_m=labels.scale_unit_m)
    ids = _element_ids(labels.title)
    return "".join([
        _svg_start(labels, width, height, ids, linked=any(point.url for point in points)),
        f'<title id="{ids}-title">{_text(labels.title)}</title>',
        f'<desc id="{ids}-desc">{_text(labels.description)}</desc>',
        _background(width, height),
        _graticule(projection, width, height),
        _markers(placed),
        _scale_bar(projection, width, height, describe_length),
        _north_arrow(labels.north, width, height),
        "</svg>\n",
    ])


def _check_points(points: Sequence[MapPoint]) -> None:
    """Content checks happen before; this catches a caller's mistake before it becomes a broken map."""
    if not points:
        raise ValueError("a map needs at least one point")
    for point in points:
        if point.category not in PALETTE:
            raise ValueError(f"map point {point.number} '{point.label}': unknown category '{point.category}'")
        if not (math.isfinite(point.lat) and math.isfinite(point.lon)):
            raise ValueError(f"map point {point.number} '{point.label}': coordinates are not numbers")


# --- Geometry -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkerArea:
    """Where marker centres may lie, in pixels: whole markers stay inside the map, clear of the scale bar."""

    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def inside(cls, width: int, height: int) -> MarkerArea:
        inset = MARKER_RADIUS + MARKER_OUTLINE + MARKER_CLEARANCE
        area = cls(inset, inset, width - inset, height - FURNITURE_BAND - inset)
        if area.right <= area.left or area.bottom <= area.top:
            raise ValueError(f"a map of {width}×{height} px leaves no room for markers")
        return area

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def clamp(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection around (lat0, lon0), which is drawn at pixel (x0, y0)."""

    lat0: float
    lon0: float
    x0: float
    y0: float
    metres_per_px: float  #: the same along x and y, so distances read alike in every direction

    @property
    def _metres_per_degree_lat(self) -> float:
        return math.radians(EARTH_RADIUS_M)

    @property
    def _metres_per_degree_lon(self) -> float:
        return self._metres_per_degree_lat * math.cos(math.radians(self.lat0))

    def to_px(self, lat: float, lon: float) -> tuple[float, float]:
        east_m = (lon - self.lon0) * self._metres_per_degree_lon
        north_m = (lat - self.lat0) * self._metres_per_degree_lat
        return self.x0 + east_m / self.metres_per_px, self.y0 - north_m / self.metres_per_px

    def to_lat_lon(self, x: float, y: float) -> tuple[float, float]:
        lat = self.lat0 + (self.y0 - y) * self.metres_per_px / self._metres_per_degree_lat
        lon = self.lon0 + (x - self.x0) * self.metres_per_px / self._metres_per_degree_lon
        return lat, lon


def fit_projection(points: Sequence[MapPoint], area: MarkerArea) -> Projection:
    """The projection that shows all points as large as the marker area allows, centred in it."""
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    lat0, lon0 = (south + north) / 2, (west + east) / 2
    metres_per_degree_lat = math.radians(EARTH_RADIUS_M)
    extent_x_m = max((east - west) * metres_per_degree_lat * math.cos(math.radians(lat0)), MIN_EXTENT_M)
    extent_y_m = max((north - south) * metres_per_degree_lat, MIN_EXTENT_M)
    metres_per_px = max(extent_x_m / area.width, extent_y_m / area.height)
    return Projection(lat0, lon0, (area.left + area.right) / 2, (area.top + area.bottom) / 2, metres_per_px)


@dataclass(frozen=True)
class PlacedMarker:
    point: MapPoint
    x: float
    y: float


def spread_overlapping(markers: list[PlacedMarker], area: MarkerArea) -> list[PlacedMarker]:
    """Markers that would cover each other's number are set around a small ring, #1 to the left, clockwise.

    Only markers closer than a marker's radius to another move; all others keep their true position.
    """
    spread: list[PlacedMarker] = []
    for group in _overlapping_groups(markers):
        if len(group) == 1:
            spread.extend(group)
            continue
        centre_x = sum(m.x for m in group) / len(group)
        centre_y = sum(m.y for m in group) / len(group)
        ring_radius = SPREAD_SPACING_PX / (2 * math.sin(math.pi / len(group)))
        for index, marker in enumerate(sorted(group, key=_drawing_key)):
            angle = math.pi + 2 * math.pi * index / len(group)  # y points down: growing angle is clockwise
            x, y = area.clamp(centre_x + ring_radius * math.cos(angle), centre_y + ring_radius * math.sin(angle))
            spread.append(PlacedMarker(marker.point, x, y))
    return sorted(spread, key=_drawing_key)


def _overlapping_groups(markers: list[PlacedMarker]) -> list[list[PlacedMarker]]:
    """Markers linked by chains of overlaps (a few dozen per map, so pairwise checks are cheap)."""
    group_of = list(range(len(markers)))

    def root(index: int) -> int:
        while group_of[index] != index:
            index = group_of[index]
        return index

    for i, a in enumerate(markers):
        for j in range(i + 1, len(markers)):
            b = markers[j]
            if math.hypot(a.x - b.x, a.y - b.y) < OVERLAP_PX:
                group_of[root(j)] = root(i)
    groups: dict[int, list[PlacedMarker]] = {}
    for index, marker in enumerate(markers):
        groups.setdefault(root(index), []).append(marker)
    return list(groups.values())


def _drawing_key(marker: PlacedMarker) -> tuple[int, str, str]:
    return _point_order(marker.point)


def _point_order(point: MapPoint) -> tuple[int, str, str]:
    return point.number, point.label, point.category


def round_scale_length(metres: float) -> float:
    """The length among 1, 2 and 5 × 10ⁿ metres nearest to ``metres`` (on a log scale)."""
    exponent = math.floor(math.log10(metres))
    candidates = [step * 10.0**power for power in (exponent, exponent + 1) for step in (1, 2, 5)]
    return min(candidates, key=lambda length: abs(math.log(length / metres)))


def _graticule_step(degrees_across: float) -> float:
    """A round step in degrees that draws a handful of lines across the map."""
    for power in range(-4, 2):
        for step in (1, 2, 5):
            if step * 10.0**power >= degrees_across / 5:
                return step * 10.0**power
    return 10.0


# --- SVG ----------------------------------------------------------------------------------------------


def _svg_start(labels: MapLabels, width: int, height: int, ids: str, linked: bool) -> str:
    """A map of links is a group that assistive technology enters (links inside an image are hidden
    from it, and axe-core reports them as nested interactive controls); a map without links is an image.
    The language is ``xml:lang``, which SVG 1.1 and 2 both define and HTML honours on an SVG element
    (HTML's "The lang and xml:lang attributes"); SVG 2's plain ``lang`` is an error to the Nu HTML Checker."""
    lang = _attr(labels.lang)
    role = "group" if linked else "img"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="{role}" aria-labelledby="{ids}-title {ids}-desc" '
            f'xml:lang="{lang}" font-family="{FONT_FAMILY}">')


def _element_ids(title: str) -> str:
    """Ids from the title, so several maps on a page differ and a rebuild gives the same ids."""
    return "map-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:10]


def _background(width: int, height: int) -> str:
    return (f'<rect class="map-background" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" '
            f'fill="{BACKGROUND}" stroke="{FRAME_LINE}"/>')


def _graticule(projection: Projection, width: int, height: int) -> str:
    """Faint parallels and meridians at round degrees: they show where north is without needing a legend."""
    north, west = projection.to_lat_lon(0, 0)
    south, east = projection.to_lat_lon(width, height)
    step = _graticule_step(north - south)
    moves = []
    for k in range(math.ceil(south / step), math.floor(north / step) + 1):
        _, y = projection.to_px(k * step, projection.lon0)
        moves.append(f"M0 {_num(y)}H{width}")
    for k in range(math.ceil(west / step), math.floor(east / step) + 1):
        x, _ = projection.to_px(projection.lat0, k * step)
        moves.append(f"M{_num(x)} 0V{height}")
    if not moves:
        return ""
    return f'<path class="graticule" d="{"".join(moves)}" fill="none" stroke="{GRATICULE_LINE}"/>'


def _markers(placed: list[PlacedMarker]) -> str:
    """All markers, the highest number first so that #1 ends up on top."""
    shared = (f'font-size="{_num(MARKER_FONT_SIZE)}" font-weight="700" text-anchor="middle" '
              f'fill="{NUMBER_COLOUR}" stroke="{NUMBER_COLOUR}" stroke-width="{_num(MARKER_OUTLINE)}"')
    return f'<g class="markers" {shared}>' + "".join(_marker(m) for m in reversed(placed)) + "</g>"



def _marker(marker: PlacedMarker) -> str:
    point = marker.point
    number = str(point.number)
    # Three digits need a smaller size to fit inside the circle.
    size = "" if len(number) <= 2 else f' font-size="{_num(MARKER_FONT_SIZE * 0.8)}"'
    baseline = (MARKER_FONT_SIZE if not size else MARKER_FONT_SIZE * 0.8) * DIGIT_BASELINE
    group = (f'<g class="marker marker-{point.category}" data-category="{point.category}" '
             f'transform="translate({_num(marker.x)} {_num(marker.y)})">'
             f"<title>{_text(f'{point.number}. {point.label}')}</title>"
             f'<circle r="{_num(MARKER_RADIUS)}" fill="{PALETTE[point.category]}"/>'
             f'<text y="{_num(baseline)}" stroke="none"{size}>{number}</text></g>')
    if point.url:
        return f'<a href="{_attr(point.url)}">{group}</a>'
    return group


def _scale_bar(projection: Projection, width: int, height: int, format_distance: Callable[[float], str]) -> str:
    metres = round_scale_length(width * SCALE_BAR_SHARE * projection.metres_per_px)
    length_px = metres / projection.metres_per_px
    left, bar_top = 16, height - 18
    return (f'<g class="scale" data-metres="{metres:g}" font-size="11" fill="{INK}">'
            f'<rect class="scale-bar" x="{left}" y="{bar_top}" width="{_num(length_px)}" height="4"/>'
            f'<rect x="{left}" y="{bar_top - 4}" width="1.5" height="8"/>'
            f'<rect x="{_num(left + length_px - 1.5)}" y="{bar_top - 4}" width="1.5" height="8"/>'
            f'<text x="{_num(left + length_px + 6)}" y="{bar_top + 5}">{_text(format_distance(metres))}</text></g>')


def _north_arrow(north: str, width: int, height: int) -> str:
    return (f'<g class="north-arrow" transform="translate({width - 24} {height - 6})" fill="{INK}">'
            '<path d="M0 -15L6 0L0 -4L-6 0Z"/>'
            f'<text y="-19" font-size="11" font-weight="700" text-anchor="middle">{_text(north)}</text></g>')


def _num(value: float) -> str:
    """One decimal (a tenth of a pixel is below what any screen or printer shows), no "-0", no ".0"."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _text(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=False)


def _attr(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=True)
