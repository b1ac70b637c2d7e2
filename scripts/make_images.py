"""Draw the guide's own illustrations into content/images/: one poster per city and two for entries.

Run after changing a drawing: `.venv/bin/python scripts/make_images.py [--output DIR]`. Everything is
drawn here with Pillow from polygons, arcs and gradients — no photograph, no downloaded or copied
artwork — and the result is committed. The drawings are simplified impressions of the places, not
architectural records; their alt texts in the front matter say so ("Zeichnung …", « Dessin … »).

The same Pillow gives the same bytes on every run (no randomness but a seeded ``random.Random``, no
dates, no metadata), and tests/test_shipped_images.py checks that the committed files are exactly
what this script draws; another Pillow (another libjpeg) may encode them differently, and then the
files are drawn again and committed. JPEG rather than PNG: the gradients make PNG three to four times
larger, and the website's versions of a PNG stay PNG.

Sizes, for print at 300 dpi or better (guide_builder/images.py PRINT_DPI):

- a city's picture opens its chapter across the A5 page into the 3 mm bleed: 154 mm wide, 48 mm high
  (templates/print/print.css ``.chapter-image``, ``background-size: cover``), so it needs
  154 / 25.4 × 300 = 1819 px across; the posters are 2400 × 960 px (2.5 : 1). Print shows the middle
  78 % of their height, less the top 3 mm that are trimmed away (pixel rows 153 to 854), so every
  motif keeps to that band; the website shows them whole.
- an entry's picture fills a column: 54 mm in the bilingual edition, 114 mm in a single-language one
  (1346 px for 300 dpi); those drawings are 1800 × 1200 px.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "content" / "images"
#: drawn this many times larger, then scaled down: smooth edges without Pillow's (absent) antialiasing
SCALE = 3
JPEG = {"quality": 85, "optimize": True, "progressive": True, "subsampling": "4:2:0"}

Colour = tuple[int, int, int]
Point = tuple[float, float]


def hex_colour(value: str) -> Colour:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


class Canvas:
    """A picture drawn at ``SCALE`` times its size; coordinates are given in final pixels."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.image = Image.new("RGB", (width * SCALE, height * SCALE))
        self.draw = ImageDraw.Draw(self.image)

    def _xy(self, points: Sequence[Point]) -> list[tuple[float, float]]:
        return [(x * SCALE, y * SCALE) for x, y in points]

    def gradient(self, stops: Sequence[tuple[float, str]],
                 box: tuple[float, float, float, float] | None = None) -> None:
        """A vertical gradient through ``stops`` (position 0–1, colour) over ``box`` (default: all)."""
        x0, y0, x1, y1 = box or (0, 0, self.width, self.height)
        top, bottom = round(y0 * SCALE), round(y1 * SCALE)
        strip = Image.new("RGB", (1, bottom - top))
        colours = [(position, hex_colour(value)) for position, value in stops]
        for row in range(bottom - top):
            t = row / max(1, bottom - top - 1)
            for (p0, c0), (p1, c1) in itertools.pairwise(colours):
                if p0 <= t <= p1:
                    strip.putpixel((0, row), mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 0))
                    break
            else:
                strip.putpixel((0, row), colours[-1][1] if t > colours[-1][0] else colours[0][1])
        left, right = round(x0 * SCALE), round(x1 * SCALE)
        self.image.paste(strip.resize((right - left, bottom - top), Image.Resampling.NEAREST), (left, top))

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        self.draw.polygon(self._xy(points), fill=hex_colour(fill))

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: str) -> None:
        self.draw.rectangle([x0 * SCALE, y0 * SCALE, x1 * SCALE - 1, y1 * SCALE - 1], fill=hex_colour(fill))

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: str) -> None:
        self.draw.ellipse([x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], fill=hex_colour(fill))

    def line(self, points: Sequence[Point], fill: str, width: float) -> None:
        self.draw.line(self._xy(points), fill=hex_colour(fill), width=max(1, round(width * SCALE)), joint="curve")

    def round_arch(self, x0: float, x1: float, spring: float, bottom: float, fill: str) -> None:
        """An opening with a semicircular head springing at ``spring``."""
        radius = (x1 - x0) / 2
        self.rect(x0, spring, x1, bottom, fill)
        self.draw.pieslice([x0 * SCALE, (spring - radius) * SCALE, x1 * SCALE, (spring + radius) * SCALE],
                           180, 360, fill=hex_colour(fill))

    def pointed_arch(self, x0: float, x1: float, spring: float, bottom: float, fill: str, rise: float = 1.0) -> None:
        """A Gothic (equilateral when ``rise`` is 1) opening springing at ``spring``."""
        self.polygon([(x0, bottom), *pointed_head(x0, x1, spring, rise), (x1, bottom)], fill)

    def copy(self) -> Canvas:
        """A canvas to draw on with the same picture, for :meth:`paste_within`."""
        other = Canvas.__new__(Canvas)
        other.width, other.height = self.width, self.height
        other.image = self.image.copy()
        other.draw = ImageDraw.Draw(other.image)
        return other

    def paste_within(self, other: Canvas, outline: Sequence[Point], holes: Sequence[Sequence[Point]] = ()) -> None:
        """Take ``other``'s picture inside ``outline`` but not in ``holes``: a drawing clipped to a shape."""
        mask = Image.new("L", self.image.size, 0)
        pen = ImageDraw.Draw(mask)
        pen.polygon(self._xy(outline), fill=255)
        for hole in holes:
            pen.polygon(self._xy(hole), fill=0)
        self.image.paste(other.image, (0, 0), mask)

    def finish(self) -> Image.Image:
        """The picture at its real size."""
        return self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)


def pointed_head(x0: float, x1: float, spring: float, rise: float = 1.0, steps: int = 16) -> list[Point]:
    """Points of a pointed arch's head from the left springing point over the apex to the right one.

    Each side is an arc of radius ``rise`` × span about a centre on the springing line: the opposite
    springing point for the equilateral arch (``rise`` 1), a point nearer the middle for a blunter one."""
    span = x1 - x0
    radius = span * rise
    apex = math.acos((radius - span / 2) / radius)
    angles = [apex * i / steps for i in range(steps + 1)]
    left = [(x0 + radius - radius * math.cos(a), spring - radius * math.sin(a)) for a in angles]
    right = [(x1 - radius + radius * math.cos(a), spring - radius * math.sin(a)) for a in reversed(angles)]
    return left + right[1:]


def arch_outline(x0: float, x1: float, spring: float, bottom: float, steps: int = 24) -> list[Point]:
    """The outline of a round-headed opening, for cutting it out (:meth:`Canvas.paste_within`)."""
    radius = (x1 - x0) / 2
    head = [(x0 + radius - radius * math.cos(a), spring - radius * math.sin(a))
            for a in (math.pi * i / steps for i in range(steps + 1))]
    return [(x0, bottom), *head, (x1, bottom)]


def ridge(x0: float, x1: float, heights: Sequence[float]) -> list[Point]:
    """Points of a smooth line through ``heights``, evenly spaced from ``x0`` to ``x1``."""
    count = len(heights) - 1
    points = []
    for i in range(count * 24 + 1):
        t = i / 24
        k = min(int(t), count - 1)
        smooth = (1 - math.cos((t - k) * math.pi)) / 2
        points.append((x0 + (x1 - x0) * t / count, heights[k] + (heights[k + 1] - heights[k]) * smooth))
    return points


def hills(canvas: Canvas, base: float, heights: Sequence[float], fill: str,
          x0: float = 0, x1: float | None = None) -> None:
    """A smooth ridge through ``heights`` (evenly spaced), filled down to ``base``."""
    x1 = canvas.width if x1 is None else x1
    canvas.polygon([(x0, base), *ridge(x0, x1, heights), (x1, base)], fill)


def trees(canvas: Canvas, rng: random.Random, x0: float, x1: float, ground: float, size: float,
          colours: Sequence[str], count: int) -> None:
    """Round crowns of deciduous trees along a line, darker ones behind."""
    for i in range(count):
        x = x0 + (x1 - x0) * (i + rng.random() * 0.8) / count
        r = size * (0.7 + rng.random() * 0.5)
        y = ground - r * (0.6 + rng.random() * 0.5)
        canvas.ellipse(x - r, y - r, x + r, y + r, colours[i % len(colours)])


# --- Trier: the Porta Nigra from the city side ------------------------------------------------------

def porta_nigra() -> Image.Image:
    """The Roman gate as seen from the town: the four-storey west tower on the left, the two gate
    passages under two arcaded storeys, the lower east tower and the Romanesque apse on the right."""
    c = Canvas(2400, 960)
    c.gradient([(0, "#24304f"), (0.45, "#6a5a78"), (0.8, "#e6a36c"), (1, "#f3c98f")], (0, 0, 2400, 840))
    rng = random.Random(170)
    # the town behind: soft roofs against the evening sky
    hills(c, 840, [650, 620, 660, 610, 640, 600, 650], "#8d6f7a")
    for i in range(27):
        x = i * 92 - 20 + rng.random() * 30
        w = 80 + rng.random() * 40
        top = 660 + rng.random() * 60
        c.polygon([(x, 840), (x, top + 30), (x + w / 2, top), (x + w, top + 30), (x + w, 840)], "#7a5c68")
        if rng.random() < 0.5:
            c.rect(x + w * 0.4, top + 50, x + w * 0.4 + 12, top + 68, "#e8b274")
    ground = 830
    metre = 21.5
    left, right = 800, 800 + 36 * metre
    storeys = [ground - 8.6 * metre, ground - 15.2 * metre, ground - 21.6 * metre, ground - 28.4 * metre]
    tower = 10.2 * metre
    lit, face, shade, deep, course = "#b07e5e", "#8c6149", "#6c4837", "#2b1f1b", "#795240"
    west, east = (left, left + tower), (right - tower, right)
    middle = (west[1], east[0])

    def wall(x0: float, x1: float, top: float, bottom: float) -> None:
        """Ashlar: the face, and the courses of the big blocks as broken lines."""
        c.rect(x0, top, x1, bottom, face)
        for y in range(int(top) + 40, int(bottom) - 6, 28):
            start = x0 + rng.random() * 50
            while start < x1 - 50:
                end = min(x1 - 8, start + 60 + rng.random() * 120)
                c.line([(start, y), (end, y)], course, 1.8)
                start = end + 30 + rng.random() * 70

    def storey(x0: float, x1: float, top: float, bottom: float, windows: int) -> None:
        """One storey: the wall, its cornice, half-columns and arched windows between them."""
        wall(x0, x1, top, bottom)
        c.rect(x0 - 4, top, x1 + 4, top + 10, lit)  # the cornice catches the evening light
        c.rect(x0, top + 10, x1, top + 16, shade)
        bay = (x1 - x0) / max(1, windows)
        for i in range(windows):
            bx = x0 + i * bay
            w0, w1 = bx + bay * 0.24, bx + bay * 0.76
            spring = top + 16 + bay * 0.5
            c.round_arch(w0 - 9, w1 + 9, spring, bottom - 12, lit)
            c.round_arch(w0, w1, spring, bottom - 16, deep)
            c.rect(w0 - 12, bottom - 16, w1 + 12, bottom - 8, lit)
            for cx in (bx, bx + bay):  # half-columns between the bays
                if x0 < cx < x1:
                    c.rect(cx - 8, top + 16, cx + 6, bottom, lit)
                    c.rect(cx + 6, top + 16, cx + 10, bottom, shade)

    # west tower: four storeys
    wall(*west, storeys[0], ground)
    for k in range(1, 4):
        storey(*west, storeys[k], storeys[k - 1], 2)
    c.rect(west[0] - 8, storeys[3] - 12, west[1] + 8, storeys[3] + 2, lit)
    # the middle: two gate passages, then two arcaded storeys
    wall(*middle, storeys[0], ground)
    c.rect(middle[0], storeys[0], middle[1], storeys[0] + 8, shade)
    gate = (middle[1] - middle[0]) / 2
    for i in range(2):
        g0, g1 = middle[0] + i * gate + gate * 0.13, middle[0] + (i + 1) * gate - gate * 0.13
        spring = ground - 4.6 * metre
        c.round_arch(g0 - 16, g1 + 16, spring, ground, "#9c6d52")  # the voussoirs
        c.round_arch(g0, g1, spring, ground, "#1e1613")
        c.round_arch(g0 + 26, g1 - 26, spring + 30, ground, "#3a2a22")  # the courtyard beyond
        c.round_arch(g0 + 44, g1 - 44, spring + 44, ground, "#1e1613")
    for k in (1, 2):
        storey(*middle, storeys[k], storeys[k - 1], 4)
    c.rect(middle[0], storeys[2] - 10, middle[1], storeys[2] + 2, lit)
    # east tower: three storeys left, its top broken off
    wall(*east, storeys[0], ground)
    for k in (1, 2):
        storey(*east, storeys[k], storeys[k - 1], 2)
    c.polygon([(east[0], storeys[2] + 2), (east[0], storeys[2] - 22), (east[0] + 60, storeys[2] - 30),
               (east[0] + 120, storeys[2] - 14), (east[1] - 40, storeys[2] - 36), (east[1], storeys[2] - 20),
               (east[1], storeys[2] + 2)], face)
    c.rect(east[0] - 4, storeys[2] - 2, east[1] + 4, storeys[2] + 8, lit)
    # the sun on the west side of each block, shade where the blocks meet
    for x0, top in ((west[0], storeys[3]), (middle[0], storeys[2]), (east[0], storeys[2])):
        c.rect(x0, top, x0 + 8, ground, lit)
    c.rect(middle[1] - 8, storeys[2], middle[1], ground, shade)
    # the Romanesque apse against the east side: a half-round body under a half-cone roof
    ax0, ax1, atop = right, right + 170, ground - 10.5 * metre
    for k, colour in enumerate(("#966a50", "#845c45", "#704c3a", "#5d3f31", "#4e352a")):
        c.rect(ax0 + k * 34, atop, ax0 + (k + 1) * 34, ground, colour)
    for k in range(7):  # the arched frieze under the eaves
        c.round_arch(ax0 + 6 + k * 23, ax0 + 22 + k * 23, atop + 18, atop + 26, "#3e2a22")
    c.rect(ax0, atop + 26, ax1, atop + 32, "#a57558")
    c.polygon([(ax0, atop - 76), (ax1 + 8, atop + 4), (ax0, atop + 4)], "#4a3632")
    c.polygon([(ax0, atop - 76), (ax1 + 8, atop + 4), (ax0 + 60, atop + 4)], "#3c2c29")
    for wx in (ax0 + 40, ax0 + 108):
        c.round_arch(wx, wx + 26, atop + 80, atop + 150, deep)
    # the square: pale paving running to the foot of the picture
    c.gradient([(0, "#b48a6a"), (1, "#d9b892")], (0, ground, 2400, 960))
    for i in range(14):
        y = ground + 6 + (i ** 1.6) * 1.3
        c.line([(0, y), (2400, y)], "#c29c7b", 1.2)
    for x, h in ((560, 64), (610, 60), (1300, 62), (2080, 66), (2150, 58)):  # people for scale
        c.ellipse(x - 7, ground + 40 - h, x + 7, ground + 54 - h, "#3a2a2a")
        c.polygon([(x - 10, ground + 44), (x - 9, ground + 56 - h), (x + 9, ground + 56 - h), (x + 10, ground + 44)],
                  "#3a2a2a")
    return c.finish()


# --- Metz: the cathedral above the Moselle ----------------------------------------------------------

def cathedrale_metz() -> Image.Image:
    """Saint-Étienne from the river at dusk: the high nave with its windows, the Tour de la Mutte on the
    left, a transept gable with its rose, the old town and its quays below, all in Jaumont gold."""
    c = Canvas(2400, 960)
    c.gradient([(0, "#1b2a4a"), (0.5, "#4b4f7a"), (0.85, "#d9895a"), (1, "#f0b26a")], (0, 0, 2400, 800))
    rng = random.Random(1220)
    light, mid, shade, deep, glass = "#f0c35a", "#d9a23f", "#a8742a", "#6b4517", "#3b2a4a"
    base = 720  # where the houses hide the foot of the walls
    nave0, nave1 = 800, 1800
    wall_top, ridge_y, aisle_top = 380, 236, 570
    # the high roof, slate blue-grey under the sunset
    c.polygon([(nave0 - 10, wall_top), (nave0 + 70, ridge_y), (nave1 - 30, ridge_y), (nave1 + 20, wall_top)],
              "#4a4f66")
    c.polygon([(nave0 + 70, ridge_y), (nave1 - 30, ridge_y), (nave1 - 20, ridge_y + 14), (nave0 + 84, ridge_y + 14)],
              "#6b6f88")
    # the clerestory with its tall windows: the "Lanterne du Bon Dieu"
    c.rect(nave0, wall_top, nave1, base, mid)
    bays = 9
    bay = (nave1 - nave0) / bays
    for i in range(bays):
        x = nave0 + i * bay
        c.pointed_arch(x + bay * 0.2, x + bay * 0.8, wall_top + 78, aisle_top - 14, "#e9b45a")
        c.pointed_arch(x + bay * 0.26, x + bay * 0.74, wall_top + 82, aisle_top - 20, glass)
        c.rect(x + bay * 0.49, wall_top + 50, x + bay * 0.51, aisle_top - 20, "#e9b45a")  # mullion
        c.ellipse(x + bay * 0.42, wall_top + 40, x + bay * 0.58, wall_top + 62, "#e9b45a")
    c.rect(nave0, wall_top - 10, nave1, wall_top + 8, light)  # the parapet
    for x in range(int(nave0) + 10, int(nave1), 22):
        c.rect(x, wall_top - 4, x + 10, wall_top + 2, shade)
    # aisles below; the buttresses rise between the windows, each with its pinnacle
    c.rect(nave0 - 40, aisle_top, nave1 + 40, base, shade)
    c.rect(nave0 - 40, aisle_top, nave1 + 40, aisle_top + 12, mid)
    for i in range(bays + 1):
        x = nave0 + i * bay
        c.rect(x - 12, wall_top - 20, x + 12, base, light)
        c.rect(x + 6, wall_top - 20, x + 12, base, mid)
        c.polygon([(x - 14, wall_top - 20), (x, wall_top - 82), (x + 14, wall_top - 20)], light)
        c.rect(x - 20, aisle_top - 40, x + 20, base, mid)  # the outer buttress
        c.polygon([(x - 20, aisle_top - 40), (x, aisle_top - 96), (x + 20, aisle_top - 40)], light)
        if i < bays:
            c.pointed_arch(x + bay * 0.3, x + bay * 0.7, aisle_top + 50, base, deep)
    # a transept gable towards the viewer: its great window and the rose above
    tx0, tx1 = 1320, 1500
    gable_y = ridge_y - 40
    c.rect(tx0, wall_top - 30, tx1, base, light)
    c.rect(tx1 - 26, wall_top - 30, tx1, base, mid)
    c.polygon([(tx0 - 6, wall_top - 30), ((tx0 + tx1) / 2, gable_y), (tx1 + 6, wall_top - 30)], light)
    c.polygon([((tx0 + tx1) / 2, gable_y), (tx1 + 6, wall_top - 30), ((tx0 + tx1) / 2, wall_top - 30)], mid)
    rose = ((tx0 + tx1) / 2, wall_top - 72)
    for r, colour in ((40, "#e9b45a"), (34, "#6a3d5a"), (22, "#d98a4a"), (9, "#6a3d5a")):
        c.ellipse(rose[0] - r, rose[1] - r, rose[0] + r, rose[1] + r, colour)
    c.pointed_arch(tx0 + 30, tx1 - 30, wall_top + 60, aisle_top + 70, glass, 0.9)
    c.rect((tx0 + tx1) / 2 - 3, wall_top + 20, (tx0 + tx1) / 2 + 3, aisle_top + 70, "#e9b45a")
    # the choir's rounded end on the right, under a half-cone roof
    c.polygon([(nave1 - 30, ridge_y), (nave1 + 20, wall_top), (nave1 + 130, wall_top + 10)], "#3e4259")
    c.rect(nave1 + 12, wall_top, nave1 + 80, base, mid)
    c.rect(nave1 + 80, wall_top + 10, nave1 + 130, base, shade)
    c.pointed_arch(nave1 + 28, nave1 + 64, wall_top + 70, aisle_top, glass)
    c.pointed_arch(nave1 + 92, nave1 + 118, wall_top + 80, aisle_top, "#2f2238")
    # the Tour de la Mutte on the left, with its open-work spire
    m0, m1 = 600, 730
    mx = (m0 + m1) / 2
    c.rect(m0, 300, m1, base, mid)
    c.rect(m1 - 30, 300, m1, base, shade)
    for y in (330, 450):
        c.pointed_arch(m0 + 26, m1 - 44, y + 40, y + 100, glass)
        c.rect(m0, y + 106, m1, y + 114, light)
    c.rect(m0 - 10, 290, m1 + 10, 306, light)
    tip = 174  # print trims the picture's top sixth: everything that matters stays below
    c.polygon([(m0 + 16, 290), (mx, tip), (m1 - 16, 290)], light)
    c.polygon([(mx, tip), (m1 - 16, 290), (mx + 6, 290)], mid)
    for k in range(4):  # the spire's stages and its crockets
        y = tip + 26 + k * 24
        half = (y - tip) / (290 - tip) * (mx - m0 - 16)
        c.line([(mx - half, y), (mx + half, y)], shade, 2.4)
        c.polygon([(mx - half - 8, y), (mx - half, y - 10), (mx - half + 2, y + 2)], light)
        c.polygon([(mx + half + 8, y), (mx + half, y - 10), (mx + half - 2, y + 2)], light)
    c.line([(mx, tip), (mx, tip - 12)], light, 3)
    for x in (m0 - 4, m1 - 4):
        c.polygon([(x, 290), (x + 4, 236), (x + 8, 290)], light)
    # old town houses along the quay, with lit windows
    palette = ["#5b3a3a", "#6d4637", "#4e3940", "#7a5238", "#5f4a3c"]
    x = -30
    while x < 2430:
        w = 90 + rng.random() * 110
        h = 110 + rng.random() * 90
        top = 790 - h
        colour = palette[int(rng.random() * len(palette))]
        c.rect(x, top, x + w, 800, colour)
        c.polygon([(x - 6, top + 2), (x + w / 2, top - 36 - rng.random() * 20), (x + w + 6, top + 2)], "#3a2c33")
        for row in range(2):
            for k in range(max(1, int(w // 45))):
                if rng.random() < 0.55:
                    wx = x + 16 + k * 45
                    c.rect(wx, top + 22 + row * 46, wx + 16, top + 46 + row * 46, "#f2c46a")
        c.rect(x + w - 3, top, x + w, 800, "#3a2c33")
        x += w
    # the quay wall and the Moselle in front, with the sky's reflection
    c.rect(0, 794, 2400, 812, "#4a3a3e")
    c.gradient([(0, "#c98b5e"), (0.35, "#7a5b6a"), (1, "#28304a")], (0, 812, 2400, 960))
    for _ in range(70):
        y = 820 + rng.random() * 135
        x0 = rng.random() * 2400
        length = 40 + rng.random() * 180
        c.line([(x0, y), (x0 + length, y)], "#f0b868" if 700 < x0 < 1850 else "#9a7a7e", 2.2)
    return c.finish()


# --- Luxembourg: the old town on its rock and the Adolphe bridge -----------------------------------

def luxembourg() -> Image.Image:
    """The fortress rock with its casemates, ramparts and the cathedral's three spires on the left; the
    great stone arch of the Adolphe bridge over the wooded valley; the Kirchberg far behind."""
    c = Canvas(2400, 960)
    c.gradient([(0, "#6f9cc8"), (0.6, "#b9d3e4"), (1, "#e8eee6")], (0, 0, 2400, 720))
    rng = random.Random(1867)
    for cx, cy, s in ((900, 200, 1.0), (1650, 150, 1.3), (2150, 250, 0.8)):  # flat clouds
        for dx, dy, r in ((0, 0, 50), (55, -18, 62), (120, 0, 48), (60, 16, 56)):
            c.ellipse(cx + (dx - r) * s, cy + (dy - r * 0.6) * s, cx + (dx + r) * s, cy + (dy + r * 0.6) * s, "#f4f6f2")
    # the Kirchberg's plateau far behind, with its towers, and the valley sides
    hills(c, 960, [540, 520, 545, 510, 530, 515], "#a8bcb4")
    for x, w, h in ((1500, 50, 90), (1560, 70, 60), (1660, 40, 120), (1720, 80, 70), (1840, 60, 100), (1950, 90, 55)):
        c.rect(x, 530 - h, x + w, 545, "#b9c8cf")
        c.rect(x + w * 0.6, 530 - h, x + w, 545, "#a4b4bc")
    hills(c, 960, [640, 610, 650, 620, 660, 630, 610], "#7d9b6e")
    trees(c, rng, 700, 2400, 700, 30, ["#6f9a52", "#5f8c46", "#7aa35c"], 36)
    # the rock of the old town, on the left: a sunlit face, a shadowed flank and the casemates in it
    rock, rock_lit, rock_dark = "#b79f78", "#cdb68c", "#8e7755"
    c.polygon([(0, 960), (0, 440), (640, 440), (690, 520), (720, 640), (760, 780), (800, 960)], rock)
    c.polygon([(0, 440), (420, 440), (380, 540), (300, 600), (160, 640), (0, 620)], rock_lit)
    c.polygon([(520, 440), (640, 440), (690, 520), (720, 640), (760, 780), (800, 960), (640, 960), (660, 780),
               (620, 620), (570, 520)], rock_dark)
    for points in (((90, 640), (120, 700), (110, 760)), ((330, 610), (350, 690), (380, 730)),
                   ((470, 780), (500, 850), (490, 940))):  # cracks in the rock
        c.line(points, "#8e7755", 3)
    for row, (y, xs) in enumerate(((520, (120, 200, 280, 360, 440)), (620, (80, 170, 330, 500)),
                                   (740, (150, 240, 420, 560)), (860, (90, 300, 480, 620)))):
        for x in xs:  # the casemates' openings: arched loopholes in rows, one row per gallery
            w = 22 if row % 2 else 28
            c.round_arch(x, x + w, y, y + 40, "#3c2f24")
    # the ramparts on top, then the houses and the cathedral's three spires
    wall, wall_shade = "#d8c9a4", "#b3a27c"
    c.polygon([(0, 380), (630, 380), (650, 446), (0, 446)], wall)
    c.polygon([(600, 380), (630, 380), (650, 446), (612, 446)], wall_shade)
    c.rect(0, 372, 636, 384, "#e6d9b8")
    for sx, top, half in ((170, 214, 20), (280, 186, 24), (390, 224, 18)):
        c.rect(sx - half, top + 150, sx + half, 380, "#cfc2a2")
        c.rect(sx + half * 0.3, top + 150, sx + half, 380, "#b9ab8a")
        c.polygon([(sx - half - 5, top + 154), (sx, top), (sx + half + 5, top + 154)], "#4c5668")
        c.polygon([(sx, top), (sx + half + 5, top + 154), (sx + 3, top + 154)], "#3d4656")
        c.line([(sx, top), (sx, top - 12)], "#4c5668", 3)
    x = -10
    for colour in ("#e9dfcc", "#f0e6d2", "#d8c9ae", "#efe3c6", "#e2d3b8", "#f3ead8", "#dccbb0", "#eadfca"):
        w = 66 + rng.random() * 24
        top = 290 + rng.random() * 30
        c.rect(x, top, x + w, 374, colour)
        c.polygon([(x - 4, top + 2), (x + w / 2, top - 32), (x + w + 4, top + 2)], "#5b6472")
        for k in range(int(w // 26)):
            c.rect(x + 10 + k * 26, top + 22, x + 22 + k * 26, top + 42, "#5b6472")
        x += w + 4
    # the Adolphe bridge, drawn on its own and set in with its openings cut out
    stone, stone_dark, stone_light, soffit = "#d4c6a3", "#a89874", "#e7dcbf", "#8f8163"
    deck, left_end, right_end = 360, 700, 2400
    span0, span1, spring, crown = 1000, 1960, 880, 470
    half, rise = (span1 - span0) / 2, spring - crown

    def arch_line(offset_x: float, offset_y: float) -> list[Point]:
        return [(span0 + half - (half + offset_x) * math.cos(a), spring - (rise + offset_y) * math.sin(a))
                for a in (math.pi * i / 96 for i in range(97))]

    def extrados(x: float) -> float:
        u = max(-1.0, min(1.0, (x - span0 - half) / (half + 40)))
        return spring - (rise + 40) * math.sqrt(1 - u * u)

    bridge = c.copy()
    bridge.rect(left_end, deck - 30, right_end, 960, stone)
    bridge.polygon([*arch_line(40, 40), *reversed(arch_line(0, 0))], stone_light)  # the arch ring
    for i in range(2, 96, 4):
        a = math.pi * i / 96
        bridge.line([(span0 + half - half * math.cos(a), spring - rise * math.sin(a)),
                     (span0 + half - (half + 40) * math.cos(a), spring - (rise + 40) * math.sin(a))], stone_dark, 2)
    bridge.polygon([(span0, 960), *arch_line(0, 0), (span1, 960)], soffit)  # the underside of the arch
    holes = [[(span0 + 14, 960), *arch_line(-14, -26), (span1 - 14, 960)]]
    for x0, x1 in ((1050, 1140), (1180, 1260), (1700, 1780), (1820, 1910)):  # open spandrels
        bottom = min(extrados(x0), extrados(x1)) - 14
        top = deck + 40 + (x1 - x0) / 2
        if bottom - top > 30:
            bridge.round_arch(x0 - 10, x1 + 10, top, bottom + 6, stone_light)
            holes.append(arch_outline(x0, x1, top, bottom))
    for x0, x1, top in ((760, 900, 640), (2090, 2250, 660), (2320, 2480, 660)):  # the approach arches
        bridge.round_arch(x0 - 12, x1 + 12, top, 960, stone_light)
        holes.append(arch_outline(x0, x1, top, 960))
    for x1 in (1000, 2090):  # the piers' shaded side
        bridge.rect(x1 - 30, deck + 20, x1, 960, stone_dark)
    bridge.rect(left_end, deck, right_end, deck + 20, stone_light)  # cornice and parapet
    bridge.rect(left_end, deck - 30, right_end, deck, stone)
    for x in range(left_end + 12, right_end, 36):
        bridge.rect(x, deck - 24, x + 18, deck - 6, stone_dark)
    bridge.rect(left_end, deck - 36, right_end, deck - 28, stone_light)
    c.paste_within(bridge, [(left_end, deck - 36), (right_end, deck - 36), (right_end, 960), (left_end, 960)], holes)
    # trees filling the valley floor in front of the bridge's feet
    trees(c, rng, 640, 2400, 930, 46, ["#3f6b34", "#527f3c", "#365f2c", "#5f8c40"], 30)
    trees(c, rng, 700, 2400, 1000, 58, ["#2f5a2a", "#447537", "#3a6530"], 22)
    return c.finish()


# --- Saarbrücken: the Ludwigskirche on its square ---------------------------------------------------

def ludwigskirche() -> Image.Image:
    """The church's east front on the Ludwigsplatz: white walls with sandstone pilasters and frames, the
    balustrade with its figures, evangelists in niches, the bell tower with its clock behind."""
    c = Canvas(2400, 960)
    c.gradient([(0, "#4f86b8"), (0.75, "#a9c9df"), (1, "#dfe9ec")], (0, 0, 2400, 820))
    for cx, cy, s in ((360, 190, 1.2), (1960, 150, 1.0)):
        for dx, dy, r in ((0, 0, 56), (60, -20, 66), (130, 0, 50), (64, 18, 60)):
            c.ellipse(cx + (dx - r) * s, cy + (dy - r * 0.55) * s, cx + (dx + r) * s, cy + (dy + r * 0.55) * s,
                      "#f1f5f6")
    white, white_shade, sand, sand_dark, slate, slate_light, figure = (
        "#f6f2ea", "#ddd6ca", "#d9a27c", "#b77d58", "#56606f", "#6e7988", "#ebe3d4")
    ground = 820
    # palaces of the square to both sides
    for x0, x1, colour in ((-20, 620, "#eadcc0"), (1780, 2420, "#e7d2bd")):
        c.rect(x0, 540, x1, ground, colour)
        c.polygon([(x0 - 10, 544), (x0 + 40, 470), (x1 - 40, 470), (x1 + 10, 544)], slate)
        for k in range(int((x1 - x0) // 70)):
            wx = x0 + 30 + k * 70
            for wy in (575, 680):
                c.rect(wx, wy, wx + 30, wy + 62, "#8b8a90")
                c.rect(wx - 4, wy - 6, wx + 34, wy, sand)
        c.rect(x0, 656, x1, 664, sand)
        c.rect(x0, 540, x1, 548, sand)

    def balustrade(x0: float, x1: float, y: float, figures: Sequence[float]) -> None:
        """A stone balustrade whose top is ``y``, with a figure on a pedestal at each of ``figures``."""
        c.rect(x0, y, x1, y + 8, sand)
        c.rect(x0, y + 8, x1, y + 36, white_shade)
        for x in range(int(x0) + 6, int(x1) - 6, 16):
            c.rect(x, y + 12, x + 8, y + 34, white)
        c.rect(x0, y + 34, x1, y + 42, sand)
        for x in figures:
            c.rect(x - 11, y - 12, x + 11, y + 42, sand)
            c.polygon([(x - 10, y - 12), (x - 7, y - 62), (x + 7, y - 62), (x + 10, y - 12)], figure)
            c.polygon([(x + 7, y - 58), (x + 16, y - 40), (x + 8, y - 36)], figure)  # a raised arm
            c.ellipse(x - 7, y - 78, x + 7, y - 60, figure)

    # the bell tower behind the church, with its clock and baroque cap
    t0, t1, tx = 1140, 1260, 1200
    c.rect(t0, 286, t1, 520, white)
    c.rect(t1 - 24, 286, t1, 520, white_shade)
    for x in (t0, t1 - 16):
        c.rect(x, 286, x + 16, 520, sand)
    c.rect(t0 - 8, 278, t1 + 8, 292, sand)
    c.ellipse(tx - 28, 296, tx + 28, 352, sand)
    c.ellipse(tx - 22, 302, tx + 22, 346, "#fbf7ee")
    c.line([(tx, 324), (tx, 308)], "#3a3a3a", 3)
    c.line([(tx, 324), (tx + 12, 330)], "#3a3a3a", 3)
    cap = [(t0 - 6, 280), (t0 + 4, 258), (tx - 32, 240), (tx - 15, 224), (tx - 13, 212), (tx + 13, 212),
           (tx + 15, 224), (tx + 32, 240), (t1 - 4, 258), (t1 + 6, 280)]
    c.polygon(cap, slate)
    c.polygon([(tx, 212), (tx + 13, 212), (tx + 15, 224), (tx + 32, 240), (t1 - 4, 258), (t1 + 6, 280), (tx, 280)],
              "#4a5361")
    c.rect(tx - 9, 192, tx + 9, 214, white)  # lantern
    c.polygon([(tx - 13, 194), (tx, 174), (tx + 13, 194)], slate)
    c.line([(tx, 174), (tx, 162)], "#4a5361", 3)
    # the north and south arms, seen past the east front, and their roofs
    for x0, x1, windows in ((560, 930, (610, 740)), (1470, 1840, (1600, 1730))):
        c.polygon([(x0 - 10, 480), (x0 + 50, 380), (x1 - 50, 380), (x1 + 10, 480)], slate)
        c.polygon([(x0 + 50, 380), (x1 - 50, 380), (x1 - 40, 396), (x0 + 40, 396)], slate_light)
        c.rect(x0, 480, x1, ground, "#ece6da")
        c.rect(x0, ground - 22, x1, ground, sand_dark)
        for wx in windows:
            c.round_arch(wx - 8, wx + 60, 560, 760, sand)
            c.round_arch(wx, wx + 52, 566, 752, "#7f93a6")
            c.line([(wx + 26, 540), (wx + 26, 752)], "#e9e4d8", 2.5)
        for x in (x0, x1 - 26):
            c.rect(x, 488, x + 26, ground - 22, sand)
        c.rect(x0, 472, x1, 488, sand)
        balustrade(x0, x1, 430, [x0 + 13, (x0 + x1) / 2, x1 - 13])
    for x0, x1 in ((864, 900), (1500, 1536)):  # the east arm's shadow on the side arms
        c.rect(x0, 480, x1, ground - 22, "#d3ccbf")
    # the east arm's front, in the middle and nearest to us
    f0, f1 = 900, 1500
    c.polygon([(f0 - 10, 450), (f0 + 60, 370), (f1 - 60, 370), (f1 + 10, 450)], slate)
    c.rect(f0, 450, f1, ground, white)
    c.rect(f1 - 30, 450, f1, ground, white_shade)
    c.rect(f0, ground - 26, f1, ground, sand_dark)
    for x in (f0, f0 + 170, 1300 - 30, f1 - 34):  # giant pilasters
        c.rect(x, 458, x + 34, ground - 26, sand)
        c.rect(x + 26, 458, x + 34, ground - 26, sand_dark)
    c.rect(f0 - 8, 442, f1 + 8, 460, sand)  # the entablature
    c.rect(f0, 460, f1, 468, sand_dark)
    for nx in (f0 + 64, f1 - 136):  # niches with the evangelists
        for ny in (500, 650):
            c.round_arch(nx, nx + 72, ny + 36, ny + 130, sand)
            c.round_arch(nx + 8, nx + 64, ny + 40, ny + 126, "#c9c2b5")
            c.polygon([(nx + 24, ny + 126), (nx + 27, ny + 56), (nx + 45, ny + 56), (nx + 48, ny + 126)], figure)
            c.ellipse(nx + 27, ny + 36, nx + 45, ny + 58, figure)
    # the middle bay: portal, inscription, window and a segmental pediment with its cartouche
    c.rect(1100, 470, 1300, ground - 26, white)
    c.round_arch(1140, 1260, 700, ground - 26, sand)
    c.round_arch(1154, 1246, 712, ground - 26, "#6b4b3a")
    c.rect(1130, 640, 1270, 676, sand)
    c.rect(1140, 648, 1260, 668, "#efe6d6")
    c.round_arch(1160, 1240, 520, 620, sand)
    c.round_arch(1170, 1230, 526, 612, "#7f93a6")
    c.draw.chord([1086 * SCALE, 356 * SCALE, 1314 * SCALE, 500 * SCALE], 180, 360, fill=hex_colour(sand))
    c.draw.chord([1102 * SCALE, 372 * SCALE, 1298 * SCALE, 500 * SCALE], 180, 360, fill=hex_colour(white))
    c.ellipse(1176, 384, 1224, 430, sand)
    c.ellipse(1184, 392, 1216, 422, "#e7c9a8")
    balustrade(f0 - 8, 1086, 400, [f0 + 17, f0 + 102])  # figures over the pilasters and between them
    balustrade(1314, f1 + 8, 400, [f1 - 102, f1 - 17])
    for x in (1108, 1292):  # figures at the pediment's feet
        c.polygon([(x - 10, 436), (x - 7, 386), (x + 7, 386), (x + 10, 436)], figure)
        c.ellipse(x - 7, 370, x + 7, 388, figure)
    # the square: a few trees in front of the palaces and pale paving
    c.gradient([(0, "#cfc6b4"), (1, "#eae2d0")], (0, ground, 2400, 960))
    for i in range(9):
        y = ground + 8 + i * i * 1.7
        c.line([(0, y), (2400, y)], "#d9d0bd", 1.4)
    for x in (110, 290, 460, 1950, 2120, 2300):
        c.rect(x - 8, 700, x + 8, ground + 26, "#5a4636")
        c.ellipse(x - 80, 560, x + 80, 730, "#4f7a3a")
        c.ellipse(x - 62, 576, x + 38, 688, "#659248")
    for x, h in ((720, 62), (760, 58), (1620, 64)):  # people for scale
        c.ellipse(x - 7, ground + 40 - h, x + 7, ground + 54 - h, "#4a4a55")
        c.polygon([(x - 10, ground + 44), (x - 9, ground + 56 - h), (x + 9, ground + 56 - h), (x + 10, ground + 44)],
                  "#4a4a55")
    return c.finish()


# --- Metz: the Centre Pompidou-Metz -----------------------------------------------------------------

def pompidou_metz() -> Image.Image:
    """The museum's white roof like a great hat over the glass hall, its edge lifting between the feet to
    show the galleries' picture windows, the mast above."""
    c = Canvas(1800, 1200)
    c.gradient([(0, "#5d8fc0"), (0.65, "#b7d2e6"), (1, "#e4eef2")], (0, 0, 1800, 1000))
    ground, peak_x, peak_y = 1000, 900, 330
    for cx, cy, s in ((260, 220, 1.0), (1440, 170, 1.2)):
        for dx, dy, r in ((0, 0, 50), (55, -18, 62), (120, 0, 48), (60, 16, 56)):
            c.ellipse(cx + (dx - r) * s, cy + (dy - r * 0.55) * s, cx + (dx + r) * s, cy + (dy + r * 0.55) * s,
                      "#f2f6f8")
    # the glass hall on the ground and the three galleries
    c.rect(240, 850, 1560, ground, "#3d5568")
    for x in range(240, 1560, 60):
        c.rect(x, 850, x + 4, ground, "#c9d3da")
    c.rect(240, 846, 1560, 856, "#dfe3e6")
    for x0, y0, x1, y1, glass_left in ((980, 430, 1700, 560, False), (120, 560, 820, 690, True)):
        c.rect(x0, y0, x1, y1, "#e2e5e7")
        c.rect(x0, y1 - 14, x1, y1, "#b8bec3")
        gx0, gx1 = (x0 + 10, x0 + 130) if glass_left else (x1 - 130, x1 - 10)
        c.rect(gx0, y0 + 12, gx1, y1 - 18, "#31465a")
        c.rect(gx0 + 8, y0 + 20, gx1 - 8, y0 + 46, "#8fb0c8")
    c.rect(700, 640, 1110, 860, "#eef0f1")  # the gallery that looks at the viewer, end on
    c.rect(726, 662, 1084, 840, "#2c4155")
    c.polygon([(726, 662), (1084, 662), (1084, 700), (726, 760)], "#56738c")
    # the roof: top line from brim to crown, lower edge lifting in arches between the feet
    feet = (40, 600, 1230, 1760)

    def top(x: float) -> float:
        d = min(1.0, abs(x - peak_x) / 860)
        return peak_y + 540 * d ** 1.6 + 18 * math.sin(x / 90)

    def lower(x: float) -> float:
        """The roof's lower edge: on the ground at the feet, lifted in an arch between them."""
        foot = 46
        for a, b in itertools.pairwise(feet):
            if a + foot <= x <= b - foot:
                u = (x - a - foot) / (b - a - 2 * foot)
                lift = math.sin(math.pi * u) ** 0.5
                return ground - (ground - (top(x) + 90)) * lift
        return ground

    xs = [feet[0] - 40 + (feet[-1] - feet[0] + 80) * i / 240 for i in range(241)]
    upper_edge = [(x, top(x)) for x in xs]
    lower_edge = [(x, max(top(x) + 30, lower(x))) for x in reversed(xs)]
    c.polygon([*upper_edge, *lower_edge], "#c9a473")  # the timber lattice under the membrane
    membrane = [(x, max(top(x) + 24, lower(x) - 30)) for x in reversed(xs)]
    c.polygon([*upper_edge, *membrane], "#fafaf7")
    c.polygon([(x, y) for x, y in upper_edge if x >= peak_x] + [(x, y) for x, y in membrane if x >= peak_x],
              "#ecedeb")  # the side turned from the sun
    for k in range(len(xs) // 5):  # the lattice's diagonals showing along the lower edge
        x = xs[k * 5]
        y1 = lower(x)
        if top(x) + 60 < y1 < ground - 4:
            c.line([(x - 9, y1), (x + 9, y1 - 30)], "#a8844f", 2)
            c.line([(x + 9, y1), (x - 9, y1 - 30)], "#a8844f", 2)
    # the mast above the crown
    c.polygon([(peak_x - 12, peak_y + 14), (peak_x - 3, 70), (peak_x + 3, 70), (peak_x + 12, peak_y + 14)], "#f5f5f2")
    c.polygon([(peak_x + 1, 70), (peak_x + 3, 70), (peak_x + 12, peak_y + 14), (peak_x + 4, peak_y + 14)], "#cfd3d6")
    # the forecourt, with visitors for scale
    c.gradient([(0, "#d8d4ca"), (1, "#efece4")], (0, ground, 1800, 1200))
    for i in range(7):
        y = ground + 12 + i * i * 4.2
        c.line([(0, y), (1800, y)], "#cac5b8", 1.6)
    for x, h in ((330, 84), (372, 80), (1320, 86), (1460, 78)):
        c.ellipse(x - 9, ground + 52 - h, x + 9, ground + 70 - h, "#3b3f4a")
        c.polygon([(x - 12, ground + 60), (x - 11, ground + 72 - h), (x + 11, ground + 72 - h), (x + 12, ground + 60)],
                  "#3b3f4a")
    return c.finish()


# --- Trier: vineyards on the Moselle (shown in the text of the wine entry) -------------------------

def moselle_vineyards() -> Image.Image:
    """A steep slope of vines above a wine village on the river: rows running down the hill, slate
    outcrops, a wood on the crest, a chapel among the vines, the far bank behind."""
    c = Canvas(1800, 1200)
    c.gradient([(0, "#79a7d1"), (0.7, "#cde0ea"), (1, "#eef2e6")], (0, 0, 1800, 760))
    rng = random.Random(2007)
    hills(c, 960, [470, 430, 460, 400, 440, 420], "#a7bca6")  # the far side of the valley
    hills(c, 960, [640, 610, 630, 600, 620], "#8fae86", 700, 1800)
    trees(c, rng, 1300, 1800, 900, 22, ["#6f9a5a", "#7fa868", "#5f8c4e"], 24)
    # the near slope, its crest falling from left to right towards the river
    crest = ridge(0, 1500, [200, 230, 320, 500, 700, 880])
    slope = [*crest, (1500, 920), (0, 920)]
    vines = c.copy()
    vines.polygon(slope, "#7f9a3c")
    for points, colour in ((((0, 200), (380, 210), (300, 920), (0, 920)), "#8aa642"),
                           (((600, 300), (860, 420), (980, 920), (700, 920)), "#93ad4f"),
                           (((1060, 560), (1300, 760), (1360, 920), (1180, 920)), "#74903a")):
        vines.polygon(points, colour)
    for i in range(-10, 100):  # the rows of vines, straight down the slope
        x = i * 18
        vines.line([(x, 150), (x + 90, 940)], "#5f7a2e", 4)
    for x0, y0, length in ((80, 520, 260), (700, 610, 220), (420, 760, 300), (1000, 800, 200)):  # dry-stone walls
        vines.line([(x0, y0), (x0 + length, y0 + length * 0.12)], "#6b6860", 5)
    vines.line([(120, 920), (420, 560), (300, 420), (560, 300)], "#d8c99a", 6)  # a footpath up the hill
    for x in (620, 700, 820, 960):  # slate cropping out below the crest
        y = next(cy for cx, cy in crest if cx >= x)
        vines.polygon([(x - 30, y - 2), (x - 10, y + 40), (x + 20, y + 70), (x + 44, y + 36), (x + 40, y)], "#6f6b66")
        vines.polygon([(x + 20, y + 70), (x + 44, y + 36), (x + 40, y), (x + 14, y + 30)], "#5a5752")
    c.paste_within(vines, slope)
    for x in range(-20, 560, 38):  # the wood on the crest
        y = next(cy for cx, cy in crest if cx >= max(0, x))
        r = 26 + rng.random() * 14
        c.ellipse(x - r, y - r * 1.2, x + r, y + r * 0.6, ("#3f5f2c", "#4a6b33", "#365428")[x // 38 % 3])
    # a chapel among the vines
    cx, cy = 760, 560
    c.rect(cx, cy, cx + 54, cy + 64, "#f3ecdc")
    c.rect(cx + 38, cy, cx + 54, cy + 64, "#dcd3c0")
    c.polygon([(cx - 6, cy + 2), (cx + 27, cy - 30), (cx + 60, cy + 2)], "#4d4a52")
    c.rect(cx + 20, cy + 30, cx + 34, cy + 64, "#5e5660")
    # the village at the river, and its church
    x = 40
    while x < 1700:
        w = 70 + rng.random() * 50
        h = 60 + rng.random() * 40
        top = 930 - h
        c.rect(x, top, x + w, 960, ("#f0e6d0", "#e8d7bb", "#f5efe0", "#dcc8a8")[int(rng.random() * 4)])
        c.polygon([(x - 6, top + 2), (x + w / 2, top - 36), (x + w + 6, top + 2)], "#4d4a52")
        for k in range(int(w // 34)):
            c.rect(x + 14 + k * 34, top + 22, x + 28 + k * 34, top + 42, "#5e6470")
        x += w + 14 + rng.random() * 30
    c.rect(880, 770, 934, 960, "#f3ecdc")
    c.rect(916, 770, 934, 960, "#dcd3c0")
    c.round_arch(898, 916, 800, 830, "#5e6470")
    c.polygon([(872, 772), (907, 660), (942, 772)], "#4d4a52")
    c.line([(907, 660), (907, 636)], "#4d4a52", 3)
    # the Moselle, with a boat
    c.rect(0, 956, 1800, 968, "#8a8478")
    c.gradient([(0, "#8fb0b8"), (1, "#4f7589")], (0, 968, 1800, 1200))
    for _ in range(46):
        y = 980 + rng.random() * 210
        x0 = rng.random() * 1800
        c.line([(x0, y), (x0 + 60 + rng.random() * 160, y)], "#c7dbe0", 2.4)
    c.polygon([(1180, 1040), (1420, 1040), (1390, 1072), (1200, 1072)], "#f2f2ee")
    c.rect(1240, 1012, 1340, 1040, "#dfe5e8")
    c.rect(1250, 1018, 1330, 1030, "#4f6a80")
    return c.finish()


#: file name → drawing; JPEG for the shaded posters
DRAWINGS: dict[str, Callable[[], Image.Image]] = {
    "trier-porta-nigra.jpg": porta_nigra,
    "metz-cathedrale.jpg": cathedrale_metz,
    "luxembourg-pont-adolphe.jpg": luxembourg,
    "saarbruecken-ludwigskirche.jpg": ludwigskirche,
    "metz-centre-pompidou.jpg": pompidou_metz,
    "trier-weinberge.jpg": moselle_vineyards,
}


def save(image: Image.Image, path: Path) -> None:
    image.save(path, "JPEG", **JPEG)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=TARGET, help=f"folder to write into (default {TARGET})")
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for name, draw in DRAWINGS.items():
        if args.names and name not in args.names:
            continue
        path = args.output / name
        save(draw(), path)
        print(f"{path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
