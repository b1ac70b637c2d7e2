"""Make the website's WOFF2 fonts from the print fonts in templates/fonts/.

Run after changing a font: `.venv/bin/python scripts/make_webfonts.py`. The result is committed in
templates/assets/fonts/: subset to the characters German and French text and our interface need,
so a page loads about 30 KB per style instead of the full families.
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "templates" / "fonts"
TARGET = ROOT / "templates" / "assets" / "fonts"
FONTS = {
    "Vollkorn-Regular.ttf": "vollkorn-regular.woff2",
    "Vollkorn-Italic.ttf": "vollkorn-italic.woff2",
    "Vollkorn-Bold.ttf": "vollkorn-bold.woff2",
    "Inter-Regular.otf": "inter-regular.woff2",
    "Inter-SemiBold.otf": "inter-semibold.woff2",
    "Inter-Bold.otf": "inter-bold.woff2",
}
#: Basic Latin, Latin-1, Latin Extended-A (Ëë, Œœ, ł …), general punctuation (– — ‘ ’ „ “ … U+202F),
#: €, arrows, ★ and the few signs the pages use
UNICODES = "U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+02BC,U+02C6,U+02DA,U+02DC,U+2000-206F," \
           "U+20AC,U+2122,U+2190-2193,U+2212,U+2605,U+FB01-FB02"


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    for source, target in FONTS.items():
        font = TTFont(SOURCE / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(TARGET / target)
        print(f"{target}: {(TARGET / target).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
