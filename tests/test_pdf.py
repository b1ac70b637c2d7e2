"""The printed guide, read back with pypdf: editions, outline, page numbers, fonts, boxes, determinism."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide_builder import pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
A5 = (419.53, 595.28)  # points
BLEED = 3 / 25.4 * 72  # 3 mm in points


def build(root: Path, content: Path, press: bool = False, cache: Path | None = None) -> pipeline.BuildReport:
    options = pipeline.BuildOptions(pdf=True, press=press, cache_dir=cache, search=False)
    report = pipeline.build(content, root / "output", options)
    assert report.ok, [d.format() for d in report.diagnostics.items]
    return report


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture guide built once with press files; its output folder."""
    root = tmp_path_factory.mktemp("printed")
    shutil.copytree(FIXTURE, root / "content")
    report = build(root, root / "content", press=True)
    assert not report.diagnostics.warnings
    return root / "output"


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark."""
    found = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def leader_numbers(text: str) -> dict[str, int]:
    """``Porta Nigra . . . . 8`` lines of a TOC or index page → {label: page}."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(.*?)[ .]*\.\s*(\d+)$", line.strip())
        if match:
            found[match.group(1).strip()] = int(match.group(2))
    return found


def test_editions_are_written_and_linked_from_the_home_pages(printed: Path) -> None:
    for name in ("mini-de-fr", "mini-de", "mini-fr"):
        assert (printed / "pdf" / f"{name}.pdf").is_file()
        assert (printed / "pdf" / "press" / f"{name}.pdf").is_file()
        assert (printed / "pdf" / "press" / f"{name}-proof.pdf").is_file()
    home = (printed / "fr" / "index.html").read_text()
    for name in ("mini-de-fr", "mini-de", "mini-fr"):
        assert f'href="../pdf/{name}.pdf"' in home
    assert "Allemand et français" in home and "PDF, 0," in home


def test_outline_follows_cities_and_entries(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-de-fr.pdf")
    marks = outline(reader)
    assert [(depth, title) for depth, title, _ in marks] == [
        (0, "Inhalt / Sommaire"),
        (0, "Willkommen / Bienvenue"),
        (0, "Trier / Trèves"),
        (1, "Porta Nigra"),
        (1, "Trierer Dom / Cathédrale de Trèves"),
        (0, "Metz"),
        (1, "Kathedrale Saint-Étienne / Cathédrale Saint-Étienne"),
        (0, "Ortsregister"),
        (0, "Index des lieux"),
    ]
    assert 8 <= len(reader.pages) <= 30


def test_cities_start_on_right_hand_pages(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-de-fr.pdf")
    cities = [page for depth, title, page in outline(reader) if depth == 0 and title in ("Trier / Trèves", "Metz")]
    assert cities and all(page % 2 == 1 for page in cities)


@pytest.mark.parametrize("edition", ["mini-de-fr", "mini-de", "mini-fr"])
def test_toc_and_index_numbers_are_the_pages_where_the_titles_stand(printed: Path, edition: str) -> None:
    reader = PdfReader(printed / "pdf" / f"{edition}.pdf")
    texts = [page.extract_text() for page in reader.pages]
    pages_of = {title: page for _, title, page in outline(reader)}
    toc_page = pages_of[next(t for t in pages_of if t.startswith(("Inhalt", "Sommaire")))]
    toc = leader_numbers(texts[toc_page - 1])
    assert toc, texts[toc_page - 1]
    for label, number in toc.items():
        assert pages_of[label] == number, label
        first_title = label.split(" / ")[0]
        assert first_title in texts[number - 1], (label, number)
    index_pages = [page for title, page in pages_of.items() if title in ("Ortsregister", "Index des lieux")]
    assert index_pages
    for page in index_pages:
        entries = leader_numbers(texts[page - 1])
        assert len(entries) == 5, texts[page - 1]
        for label, number in entries.items():
            assert label in texts[number - 1], (label, number)


def test_index_is_sorted_by_the_language_s_collation(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-fr.pdf")
    pages_of = {title: page for _, title, page in outline(reader)}
    text = reader.pages[pages_of["Index des lieux"] - 1].extract_text()
    assert list(leader_numbers(text)) == [
        "Cathédrale de Trèves", "Cathédrale Saint-Étienne", "Metz", "Porta Nigra", "Trèves"]


def test_internal_links_become_page_references(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-de.pdf")
    pages_of = {title: page for _, title, page in outline(reader)}
    dom_page = pages_of["Trierer Dom"]
    text = " ".join(page.extract_text() for page in reader.pages[pages_of["Porta Nigra"] - 1:dom_page])
    # the number sits at the right of a box of fixed width: the room left is space after "S."
    assert re.search(f"Weiter zum Dom\u2009→\u00a0S\\.\u00a0\\s*{dom_page} oder", text), text
    # and punctuation follows the number directly
    dom_text = reader.pages[dom_page - 1].extract_text()
    assert re.search(f"nahe der Porta Nigra\u2009→\u00a0S\\.\u00a0\\s*{pages_of['Porta Nigra']}\\.", dom_text), dom_text


def test_fonts_are_embedded_and_subset(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-de-fr.pdf")
    fonts = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        for font in (resources.get_object().get("/Font") or {}).values() if resources else []:
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    names = " ".join(fonts)
    assert "Vollkorn" in names and "Inter" in names
    assert all(re.match(r"^/[A-Z]{6}\+", name) for name in fonts), fonts  # subset prefix


def test_screen_pdf_boxes_links_tags_and_metadata(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "mini-de-fr.pdf")
    page = reader.pages[2]
    assert [round(float(v), 2) for v in page.mediabox] == [0, 0, *A5]
    assert [round(float(v), 2) for v in page.trimbox] == [0, 0, *A5]
    toc_links = [a.get_object() for a in page.get("/Annots", [])]
    assert toc_links, "the table of contents links to its chapters"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de" and "/StructTreeRoot" in root
    assert reader.metadata.title == "Mini-Führer / Mini-guide"
    assert reader.metadata["/CreationDate"] == "D:20261128"


def test_press_pdf_has_bleed_boxes_no_links_and_an_output_intent(printed: Path) -> None:
    reader = PdfReader(printed / "pdf" / "press" / "mini-de-fr.pdf")
    for page in reader.pages:
        media = [round(float(v), 2) for v in page.mediabox]
        assert media == [round(-BLEED, 2), round(-BLEED, 2), round(A5[0] + BLEED, 2), round(A5[1] + BLEED, 2)]
        assert [round(float(v), 2) for v in page.trimbox] == [0, 0, *A5]
        assert [round(float(v), 2) for v in page.bleedbox] == media
        assert "/Annots" not in page
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFX"


def test_two_builds_give_byte_identical_pdfs(printed: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    build(tmp_path, tmp_path / "content")
    for name in ("mini-de-fr", "mini-de", "mini-fr"):
        assert (tmp_path / "output" / "pdf" / f"{name}.pdf").read_bytes() == \
            (printed / "pdf" / f"{name}.pdf").read_bytes(), name


def test_unchanged_editions_come_from_the_cache(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    cache = tmp_path / "cache"
    first = build(tmp_path, tmp_path / "content", cache=cache)
    assert not any(pdf.cached for pdf in first.pdfs)
    french = tmp_path / "content" / "fr" / "metz" / "kathedrale.md"
    french.write_text(french.read_text().replace("huit siècles", "neuf siècles"))
    second = build(tmp_path, tmp_path / "content", cache=cache)
    cached = {pdf.path: pdf.cached for pdf in second.pdfs}
    assert cached == {"pdf/mini-de-fr.pdf": False, "pdf/mini-de.pdf": True, "pdf/mini-fr.pdf": False}
    for damaged in (cache / "pdf").glob("*.pdf"):
        damaged.write_bytes(b"%PDF-1.7 truncated")
    third = build(tmp_path, tmp_path / "content", cache=cache)
    assert not any(pdf.cached for pdf in third.pdfs)
    assert PdfReader(tmp_path / "output" / "pdf" / "mini-de.pdf").pages


def test_progress_is_told_for_each_pdf(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    told: list[str] = []
    options = pipeline.BuildOptions(pdf=True, cache_dir=tmp_path / "cache", progress=told.append)
    assert pipeline.build(tmp_path / "content", tmp_path / "output", options).ok
    assert "rendering 3 PDF(s) in the background, 0 unchanged since the last build" in told
    pdfs = [line for line in told if line.startswith("pdf/")]
    assert [line.split(":")[0] for line in pdfs] == ["pdf/mini-de-fr.pdf", "pdf/mini-de.pdf", "pdf/mini-fr.pdf"]
    told.clear()
    assert pipeline.build(tmp_path / "content", tmp_path / "output", options).ok
    assert next(line for line in told if line.startswith("pdf/")).endswith("(unchanged, from the cache)")


def test_a_chapter_picture_runs_into_the_bleed(tmp_path: Path) -> None:
    """The opener picture's box reaches over the trim edges by the 3 mm bleed (press) and to
    them (screen), measured on WeasyPrint's layout of our print HTML."""
    import weasyprint
    from PIL import Image

    from guide_builder.print_html import Edition, PrintBook
    from guide_builder.render_html import TEMPLATES_DIR

    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "images").mkdir()
    Image.new("RGB", (2400, 1200), (30, 90, 160)).save(tmp_path / "content" / "images" / "trier.png")
    city = tmp_path / "content" / "de" / "trier" / "_index.md"
    city.write_text(city.read_text().replace("lon: 6.6394\n", "lon: 6.6394\nimage: trier.png\nimage_alt: Trier\n"))
    report = pipeline.BuildReport()
    prepared = pipeline.prepare(tmp_path / "content", report)
    book = PrintBook(prepared.guide, prepared.urls, prepared.bodies, prepared.translations, TEMPLATES_DIR,
                     prepared.images)
    mm = 96 / 25.4  # CSS px per mm
    for variant, bleed in (("press", 3), ("screen", 0)):
        document = weasyprint.HTML(string=book.html(Edition(("de",), variant)),
                                   base_url=TEMPLATES_DIR.as_uri() + "/").render()
        boxes = [box for page in document.pages for box in page._page_box.descendants()
                 if box.element is not None and "chapter-image" in (box.element.get("class") or "")]
        assert boxes, variant
        box = boxes[0]
        page_width = 148 * mm
        # layout coordinates put the trim box at 0; the bleed lies outside it
        assert box.border_box_x() == pytest.approx(-bleed * mm, abs=0.5), variant
        assert box.border_box_x() + box.border_width() == pytest.approx(page_width + bleed * mm, abs=0.5)
        assert box.border_box_y() == pytest.approx(-bleed * mm, abs=0.5), variant


def test_a_missing_translation_is_said_in_its_column(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "fr" / "trier" / "dom.md").unlink()
    french = tmp_path / "content" / "fr" / "trier" / "porta-nigra.md"
    french.write_text(french.read_text().replace("[cathédrale](dom.md)", "cathédrale"))
    report = pipeline.build(tmp_path / "content", tmp_path / "output", pipeline.BuildOptions(search=False))
    assert report.ok, [d.format() for d in report.diagnostics.items]
    bilingual = " ".join(p.extract_text() for p in PdfReader(tmp_path / "output/pdf/mini-de-fr.pdf").pages)
    assert "Die älteste Bischofskirche Deutschlands." in bilingual and "Pas encore traduit." in bilingual
    french_edition = " ".join(p.extract_text() for p in PdfReader(tmp_path / "output/pdf/mini-fr.pdf").pages)
    # the French edition borrows the German text, labelled
    assert "Cette page n’est disponible qu’en allemand." in french_edition
    assert "Die älteste Bischofskirche Deutschlands." in french_edition
