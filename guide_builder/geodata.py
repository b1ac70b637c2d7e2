"""The guide's places as GeoJSON (RFC 7946) and GPX 1.1, for navigation apps: per city and for all.

Names, descriptions and links are in one language; coordinates are WGS84 with five decimals
(about a metre). Output is deterministic: places in list order, fixed number formatting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"


@dataclass(frozen=True)
class Place:
    name: str
    description: str
    category: str  #: the category's name in the file's language
    lat: float
    lon: float
    url: str  #: absolute URL of the place's page
    lang: str = ""  #: the language of name and description, where it is not the file's (a borrowed page)


def geojson(places: Iterable[Place], lang: str) -> bytes:
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]},
        "properties": {"name": p.name, "description": p.description, "category": p.category, "url": p.url,
                       "lang": p.lang or lang},
    } for p in places]
    # one feature a line: as easy to read and compare as indented JSON, and written by the json
    # module's C encoder (with an indent it takes its Python one, ten times slower)
    lines = [json.dumps(feature, ensure_ascii=False) for feature in features]
    inside = "\n" + ",\n".join(lines) + "\n" if lines else ""
    return ('{"type": "FeatureCollection", "features": [' + inside + "]}\n").encode("utf-8")


def gpx(places: Iterable[Place], name: str, creator: str) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<gpx version="1.1" creator={quoteattr(creator)} xmlns="{GPX_NAMESPACE}">',
             f"  <metadata><name>{escape(name)}</name></metadata>"]
    for p in places:
        lines += [
            f'  <wpt lat="{p.lat:.5f}" lon="{p.lon:.5f}">',
            f"    <name>{escape(p.name)}</name>",
            f"    <desc>{escape(p.description)}</desc>",
            f"    <link href={quoteattr(p.url)}><text>{escape(p.name)}</text></link>",
            f"    <type>{escape(p.category)}</type>",
            "  </wpt>",
        ]
    lines.append("</gpx>")
    return ("\n".join(lines) + "\n").encode("utf-8")
