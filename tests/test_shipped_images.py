"""The illustrations shipped in content/images/ that scripts/make_images.py draws: used by the guide in
both languages, big enough for print, small files, and exactly what the script draws.

Only the drawings are checked here: editors may add photos of their own to content/images/."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import ModuleType

from PIL import Image

from guide_builder import pipeline
from guide_builder.config import load_config
from guide_builder.discover import Kind
from guide_builder.images import PRINT_DPI
from guide_builder.print_html import narrowest_column_mm

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHIPPED = CONTENT / "images"
#: the press files' bleed: a city's picture opens its chapter across the page and into it
BLEED_MM = 3
MAX_BYTES = 400 * 1024


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_images", ROOT / "scripts" / "make_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DRAWINGS = sorted(load_script().DRAWINGS)


def users(shipped: pipeline.Prepared) -> dict[str, dict[str, set[tuple]]]:
    """File name → language → the documents whose front matter or text shows that image."""
    found: dict[str, dict[str, set[tuple]]] = {}
    shown = [(key, lang, image) for (key, lang), image in shipped.images.items()]
    shown += [(key, lang, image) for (key, lang), body in shipped.bodies.items() for image in body.images]
    for key, lang, image in shown:
        found.setdefault(image.path.name, {}).setdefault(lang, set()).add(key)
    return found


def pixels_for(width_mm: float) -> int:
    return math.ceil(PRINT_DPI * width_mm / 25.4)


def test_every_drawing_is_shown_in_both_languages(shipped: pipeline.Prepared) -> None:
    shown = users(shipped)
    for name in DRAWINGS:
        assert (SHIPPED / name).is_file(), f"{name} is missing: run scripts/make_images.py"
        assert shown.get(name), f"{name}: no page shows it"
        assert shown[name].get("de") == shown[name].get("fr"), f"{name}: not shown on the same pages in de and fr"
    openers = {image.path.name for (key, _), image in shipped.images.items() if key[0] is Kind.CITY}
    assert len(openers) == 4 and openers <= set(DRAWINGS), "each city opens with its drawing"
    in_text = {image.path.name for body in shipped.bodies.values() for image in body.images}
    assert in_text & set(DRAWINGS), "at least one drawing is shown in a page's text"


def test_drawings_are_big_enough_for_print_and_small_files(shipped: pipeline.Prepared) -> None:
    config = load_config(CONTENT)
    page_width, _ = config.pdf_size_mm
    column = pixels_for(narrowest_column_mm(config))  # 638 px on A5
    across_the_page = pixels_for(page_width + 2 * BLEED_MM)  # 1819 px on A5
    openers = {image.path.name for (key, _), image in shipped.images.items() if key[0] is Kind.CITY}
    for name in DRAWINGS:
        path = SHIPPED / name
        with Image.open(path) as image:
            needed = across_the_page if name in openers else column
            assert image.width >= max(needed, 1800), f"{name}: {image.width} px across, needs {needed}"
            assert not image.getexif() and "icc_profile" not in image.info, f"{name}: carries metadata"
        assert path.stat().st_size < MAX_BYTES, f"{name}: {path.stat().st_size} bytes"


def test_the_script_draws_exactly_the_shipped_files(tmp_path: Path) -> None:
    load_script().main(["--output", str(tmp_path)])
    assert sorted(path.name for path in tmp_path.iterdir()) == DRAWINGS
    for name in DRAWINGS:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), (
            f"{name} is not what scripts/make_images.py draws: run the script and commit its output")
