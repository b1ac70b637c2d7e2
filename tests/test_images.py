"""Images named in Markdown and front matter: found, published under hashed names, checked for print."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from conftest import GuideFolder

PN_DE = "de/trier/porta-nigra.md"


def make_image(path: Path, width: int, height: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), (180, 120, 60)).save(path)
    return path


def test_body_image_is_published_in_web_sizes_with_webp_and_a_fallback(guide: GuideFolder) -> None:
    make_image(guide.content / "de" / "trier" / "tor.png", 2000, 1000)
    guide.write(PN_DE, guide.read(PN_DE) + "\n![Das Tor von Norden](tor.png)\n")
    result = guide.build()
    assert result.code == 0 and result.err == "", result.err
    picture = guide.html("de/trier/porta-nigra/index.html").select_one(".prose picture")
    webp = picture.source["srcset"].split(", ")
    assert [item.split()[1] for item in webp] == ["480w", "960w", "1600w"]
    assert all(item.split()[0].endswith(".webp") for item in webp)
    image = picture.img
    assert image["alt"] == "Das Tor von Norden" and (image["width"], image["height"]) == ("1600", "800")
    assert image["loading"] == "lazy" and image["sizes"]
    folder = guide.output / "de/trier/porta-nigra"
    for candidate in [item.split()[0] for item in webp] + [item.split()[0] for item in image["srcset"].split(", ")]:
        with Image.open(folder / candidate) as published:
            assert published.width == int(candidate.rsplit(".", 2)[1])


def test_exif_orientation_is_applied_and_metadata_stripped(guide: GuideFolder) -> None:
    photo = guide.content / "de" / "trier" / "foto.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # turned 90° clockwise by the camera
    exif[0x010F] = "Kamera GmbH"
    Image.new("RGB", (1200, 800), (90, 120, 160)).save(photo, exif=exif.tobytes())
    guide.write(PN_DE, guide.read(PN_DE) + "\n![Ein Foto](foto.jpg)\n")
    assert guide.build().code == 0
    image = guide.html("de/trier/porta-nigra/index.html").select_one(".prose picture img")
    assert (image["width"], image["height"]) == ("800", "1200")
    with Image.open(guide.output / "de/trier/porta-nigra" / image["src"]) as published:
        assert published.height > published.width
        assert not published.getexif()


def test_front_matter_image_from_the_shared_images_folder(guide: GuideFolder) -> None:
    make_image(guide.content / "images" / "dom.png", 1400, 900)
    guide.replace("de/trier/dom.md", "stars: 3\n", "stars: 3\nimage: dom.png\nimage_alt: Der Dom von Westen\n")
    assert guide.build().code == 0
    figure = guide.html("de/trier/trierer-dom/index.html").select_one("figure.lead-image picture img")
    assert figure["alt"] == "Der Dom von Westen" and figure["width"] == "1400"


def test_missing_image_is_an_error_with_file_and_line(built: GuideFolder) -> None:
    before = built.snapshot()
    built.write(PN_DE, built.read(PN_DE) + "\n![Das Tor](fehlt.png)\n")
    built.replace("de/trier/dom.md", "stars: 3\n", "stars: 3\nimage: auch-fehlt.jpg\nimage_alt: Der Dom\n")
    result = built.build()
    assert result.code == 1
    assert "content/de/trier/porta-nigra.md:16: error: image 'fehlt.png' not found next to this file" in result.err
    assert "content/de/trier/dom.md:7: error: image 'auch-fehlt.jpg' not found" in result.err
    assert built.snapshot() == before


def test_image_without_text_alternative_is_an_error(built: GuideFolder) -> None:
    make_image(built.content / "de" / "trier" / "tor.png", 900, 600)
    built.write(PN_DE, built.read(PN_DE) + "\n![](tor.png)\n")
    result = built.build()
    assert result.code == 1
    assert "content/de/trier/porta-nigra.md:16: error: image 'tor.png' has no text alternative" in result.err


def test_unreadable_image_is_an_error(built: GuideFolder) -> None:
    (built.content / "de" / "trier" / "kaputt.jpg").write_bytes(b"not a JPEG at all")
    built.write(PN_DE, built.read(PN_DE) + "\n![Kaputt](kaputt.jpg)\n")
    result = built.build()
    assert result.code == 1
    assert "content/de/trier/porta-nigra.md:16: error: image 'kaputt.jpg' cannot be read" in result.err


def test_small_image_gets_a_print_resolution_warning(guide: GuideFolder) -> None:
    make_image(guide.content / "de" / "trier" / "klein.png", 300, 200)
    guide.write(PN_DE, guide.read(PN_DE) + "\n![Klein](klein.png)\n")
    result = guide.build()
    assert result.code == 0
    assert ("content/de/trier/porta-nigra.md:16: warning: image 'klein.png' prints at 141 dpi (300 px over 54 mm) "
            "(for 300 dpi the file needs 638 px across)") in result.lines


def test_a_city_picture_is_checked_at_the_width_it_prints_across_the_page(guide: GuideFolder) -> None:
    make_image(guide.content / "images" / "trier-breit.jpg", 1200, 400)  # enough for a column, not for the page
    guide.replace("de/trier/_index.md", "title: Trier\n",
                  "title: Trier\nimage: trier-breit.jpg\nimage_alt: Die Stadt von oben\n")
    result = guide.build()
    assert result.code == 0, result.err
    assert ("content/de/trier/_index.md:3: warning: image 'trier-breit.jpg' prints at 198 dpi (1200 px over 154 mm) "
            "(for 300 dpi the file needs 1819 px across)") in result.lines, result.err


def test_external_image_is_refused_and_the_pdf_still_builds(guide: GuideFolder) -> None:
    guide.write(PN_DE, guide.read(PN_DE) + "\n![Fremdes Bild](https://example.org/tor.jpg)\n")
    result = guide.build_with_pdf()
    assert result.code == 0, result.err
    assert ("content/de/trier/porta-nigra.md:16: warning: image 'https://example.org/tor.jpg' is on another site "
            "and is not loaded") in result.err
    html = (guide.output / "de/trier/porta-nigra/index.html").read_text()
    assert "example.org/tor.jpg" not in html and "Fremdes Bild" in html
    assert (guide.output / "pdf" / "mini-de.pdf").stat().st_size > 10_000
