"""Editions rendered in parts and merged, against WeasyPrint's render of the whole edition at once:
the same pages, numbers, bookmarks and links; one structure tree; the same bytes every time."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from pypdf import PdfReader
from test_pdf import outline

from guide_builder import pipeline
from guide_builder.diagnostics import Diagnostics
from guide_builder.pdf_parts import (
    PageDigitsError,
    PageMap,
    first_pass_html,
    page_digits,
    plan_pages,
    second_pass_html,
    with_page_digits,
)
from guide_builder.print_html import Edition, PrintBook, book_epoch
from guide_builder.render_html import TEMPLATES_DIR
from guide_builder.render_pdf import PDF_VARIANTS, PdfJob, Printing

from linkcheck import Site

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
EDITIONS = {"mini-de-fr": ("de", "fr"), "mini-de": ("de",), "mini-fr": ("fr",)}
PAGE_REFERENCE = re.compile(r"→\s*(?:S\.|p\.)\s*(\d+)")


def build(root: Path, workers: int, press: bool = True) -> Path:
    shutil.copytree(FIXTURE, root / "content", dirs_exist_ok=True)
    options = pipeline.BuildOptions(pdf=True, press=press, search=False, workers=workers)
    report = pipeline.build(root / "content", root / "output", options)
    assert report.ok, [d.format() for d in report.diagnostics.items]
    assert not report.diagnostics.warnings, [d.format() for d in report.diagnostics.items]
    return root / "output"


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture guide with press files, rendered in parts on two workers; its output folder."""
    return build(tmp_path_factory.mktemp("merged"), workers=2)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> PrintBook:
    root = tmp_path_factory.mktemp("book")
    shutil.copytree(FIXTURE, root / "content")
    prepared = pipeline.prepare(root / "content", pipeline.BuildReport())
    return PrintBook(prepared.guide, prepared.urls, prepared.bodies, prepared.translations, TEMPLATES_DIR,
                     prepared.images)


@pytest.fixture(scope="module")
def whole(book: PrintBook, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], PdfReader]:
    """Reference: each edition's whole print HTML rendered by one WeasyPrint process."""
    folder = tmp_path_factory.mktemp("whole")
    readers = {}
    for name, languages in EDITIONS.items():
        for variant in ("screen", "press"):
            html = book.html(Edition(languages, variant))
            path = folder / f"{name}-{variant}.pdf"
            weasyprint.HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/").write_pdf(
                path, pdf_variant=PDF_VARIANTS[variant], pdf_tags=variant == "screen")
            readers[name, variant] = PdfReader(path)
    return readers


def edition_path(output: Path, name: str, variant: str) -> Path:
    return output / "pdf" / (f"{name}.pdf" if variant == "screen" else f"press/{name}.pdf")


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("variant", ["screen", "press"])
@pytest.mark.parametrize("name", list(EDITIONS))
def test_the_merged_edition_has_the_pages_of_the_whole_document(merged: Path, whole: dict, name: str,
                                                                 variant: str) -> None:
    """Same page count, same text on every page (numbers in the contents, the place lists, the
    index and the references, folios, running heads, blank pages), same bookmarks."""
    reader = PdfReader(edition_path(merged, name, variant))
    reference = whole[name, variant]
    assert len(reader.pages) == len(reference.pages)
    assert page_texts(reader) == page_texts(reference)
    assert outline(reader) == outline(reference)
    for page, expected in zip(reader.pages, reference.pages, strict=True):
        for box in ("mediabox", "trimbox", "bleedbox"):
            assert list(getattr(page, box)) == pytest.approx(list(getattr(expected, box)), abs=0.01)


@pytest.mark.parametrize("name", list(EDITIONS))
def test_folios_are_the_physical_page_numbers(merged: Path, name: str) -> None:
    texts = page_texts(PdfReader(edition_path(merged, name, "screen")))
    blank = 0
    for number, text in enumerate(texts, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if number == 1:
            continue  # the cover has no folio
        if not lines:
            blank += 1
            assert number % 2 == 0, "only left-hand pages are left blank"
            continue
        assert lines[-1] == str(number) or lines[0] == str(number), (number, lines[:2], lines[-2:])
    assert blank >= 1, "the fixture has a blank page before a chapter"


@pytest.mark.parametrize("name", list(EDITIONS))
def test_every_page_number_in_the_book_is_where_its_target_is(merged: Path, name: str) -> None:
    """Each internal link (contents, place lists, index, references in the text) leads to the page
    its printed number names, and each reference printed on a page is one of its links' pages."""
    pdf = pikepdf.open(edition_path(merged, name, "screen"))
    page_of = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    destinations = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
    reader = PdfReader(edition_path(merged, name, "screen"))
    linked_pages = 0
    for number, page in enumerate(pdf.pages, start=1):
        targets = set()
        for annotation in page.obj.get("/Annots", []):
            if "/Dest" in annotation:
                targets.add(page_of[destinations[str(annotation.Dest)][0].objgen])
            action = annotation.get("/A")
            assert action is None or (action.S == "/URI" and not str(action.URI).startswith("x-guide")), action
        printed = {int(n) for n in PAGE_REFERENCE.findall(reader.pages[number - 1].extract_text())}
        assert printed <= targets, (number, printed, targets)
        linked_pages += bool(targets)
        toc_numbers = re.findall(r"(?:\. ?){3,}\s*(\d+)\s*$", reader.pages[number - 1].extract_text(), re.MULTILINE)
        assert {int(n) for n in toc_numbers} - {number} <= targets, number
    assert linked_pages >= 4


@pytest.mark.parametrize("name", list(EDITIONS))
def test_links_destinations_and_bookmarks_resolve(merged: Path, name: str) -> None:
    report = Site(merged, "https://example.org/guide/").check_pdf(edition_path(merged, name, "screen"))
    assert not report.broken, report.describe()
    assert report.checked["destination"] > 10


@pytest.mark.parametrize("name", list(EDITIONS))
def test_the_screen_edition_has_one_structure_tree(merged: Path, name: str) -> None:
    pdf = pikepdf.open(edition_path(merged, name, "screen"))
    root = pdf.Root.StructTreeRoot
    assert len(root.K) == 1 and root.K[0].S == "/Document"
    document = root.K[0]
    assert all(kid.P.objgen == document.objgen for kid in document.K)
    numbers = list(root.ParentTree.Nums)
    keys = [int(key) for key in numbers[0::2]]
    assert len(keys) == len(set(keys)), "no key twice"
    assert keys == sorted(keys) and int(root.ParentTreeNextKey) > max(keys)
    parents = dict(zip(keys, numbers[1::2], strict=True))
    for number, page in enumerate(pdf.pages, start=1):
        key = int(page.obj.StructParents)
        assert key in parents, number
        mcids = {int(m) for m in re.findall(rb"/MCID (\d+)", _content(page))}
        elements = parents[key]
        assert all(mcid < len(elements) and isinstance(elements[mcid], pikepdf.Dictionary) for mcid in mcids), number
        for element in (elements[mcid] for mcid in mcids):
            while "/P" in element and element.get("/Type") != "/StructTreeRoot":
                element = element.P
            assert element.objgen == root.objgen, f"page {number}: an element outside the tree"
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                assert int(annotation.StructParent) in parents
    assert str(pdf.Root.Lang) == EDITIONS[name][0]
    assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle and "/Metadata" in pdf.Root
    assert str(pdf.docinfo.Title).startswith("Mini-") and str(pdf.docinfo.CreationDate) == "D:20261128"


def _content(page: pikepdf.Page) -> bytes:
    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Array):
        return b"".join(stream.read_bytes() for stream in contents)
    return contents.read_bytes()


@pytest.mark.parametrize("name", list(EDITIONS))
def test_press_editions_keep_their_output_intent(merged: Path, name: str) -> None:
    pdf = pikepdf.open(edition_path(merged, name, "press"))
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
    assert "/StructTreeRoot" not in pdf.Root
    assert len(pdf.trailer.ID) == 2


def test_merged_pdfs_pass_qpdf_and_strict_pypdf(merged: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pypdf")
    pdfs = sorted((merged / "pdf").rglob("*.pdf"))
    assert len(pdfs) == 9
    for pdf in pdfs:
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout}{check.stderr}"
        reader = PdfReader(pdf, strict=True)
        assert all(page.extract_text() is not None for page in reader.pages)
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("pypdf") and r.levelno >= logging.WARNING]
    assert not warnings


def test_one_worker_gives_the_bytes_of_two(merged: Path, tmp_path: Path) -> None:
    serial = build(tmp_path, workers=1)
    for pdf in sorted((merged / "pdf").rglob("*.pdf")):
        assert (serial / pdf.relative_to(merged)).read_bytes() == pdf.read_bytes(), pdf.name


def test_a_part_that_fails_fails_its_edition_only(book: PrintBook) -> None:
    """A link to an anchor that is nowhere in the book cannot be merged: that edition fails with a
    message, the others are rendered."""
    jobs = []
    for languages in (("de",), ("fr",)):
        edition = Edition(languages)
        parts = book.parts(edition)
        if languages == ("de",):
            broken = parts[1].html.replace("</body>", '<p><a href="#nowhere">?</a></p></body>')
            parts[1] = type(parts[1])(parts[1].name, broken)
        jobs.append(PdfJob(path=edition.path("mini"), languages=languages, parts=tuple(parts),
                           base_url=TEMPLATES_DIR.as_uri() + "/", variant="screen", epoch=book_epoch(book.guide),
                           allowed_roots=(str(TEMPLATES_DIR),)))
    diagnostics = Diagnostics()
    results = Printing.start(jobs, None, workers=2).finish(diagnostics)
    assert [result.path for result in results] == ["pdf/mini-fr.pdf"]
    assert [d.format() for d in diagnostics.errors] == [
        "pdf/mini-de.pdf:1: error: the PDF could not be rendered: page 5: a link to #nowhere, "
        "which is nowhere in the book"]


def test_after_a_change_to_one_chapter_only_that_part_renders_again(tmp_path: Path) -> None:
    """The parts' passes come from the cache where their HTML is unchanged; the result is byte for
    byte a build from nothing."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    cache = tmp_path / "cache"
    options = pipeline.BuildOptions(pdf=True, press=False, search=False, cache_dir=cache)
    assert pipeline.build(tmp_path / "content", tmp_path / "first", options).ok
    before = {path.name for path in (cache / "pdf" / "parts").glob("*.json")}
    french = tmp_path / "content" / "fr" / "metz" / "kathedrale.md"
    french.write_text(french.read_text().replace("huit siècles", "neuf siècles"))
    assert pipeline.build(tmp_path / "content", tmp_path / "second", options).ok
    new = {path.name for path in (cache / "pdf" / "parts").glob("*.json")} - before
    # the Metz chapter of the two editions with French text, each in two passes
    assert len(new) == 4, sorted(new)
    fresh = pipeline.build(tmp_path / "content", tmp_path / "fresh", pipeline.BuildOptions(pdf=True, search=False))
    assert fresh.ok
    for name in EDITIONS:
        assert (tmp_path / "second" / "pdf" / f"{name}.pdf").read_bytes() == \
            (tmp_path / "fresh" / "pdf" / f"{name}.pdf").read_bytes(), name


def test_parts_start_on_right_hand_pages_after_a_blank_one_where_needed() -> None:
    plan = plan_pages([PageMap(3, {"toc": 2}), PageMap(4, {"trier": 0, "dom": 3}), PageMap(1, {"index": 0})])
    assert [(p.first_page, p.blank_before) for p in plan.placements] == [(1, False), (4, True), (9, False)]
    assert plan.anchor_pages == {"toc": 3, "trier": 5, "dom": 8, "index": 9}
    assert plan.pages == 9
    with pytest.raises(PageDigitsError) as raised:
        plan_pages([PageMap(120, {})], digits=2)
    assert raised.value.digits == 3
    html = '<style>.pageno { width: /*page-digits*/3ch; }</style><span class="pageno" data-ref="#dom"></span>'
    assert page_digits(with_page_digits(html, 4)) == 4
    assert '<span class="pageno" data-ref="#dom">0</span>' in first_pass_html(html)
    filled = second_pass_html(html, plan.placements[1], plan.anchor_pages)
    assert '<span class="pageno" data-ref="#dom">8</span>' in filled
