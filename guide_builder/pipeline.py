"""The build, stage by stage: config → discover → parse → check → assemble → markup → render → write.

Each stage hands model objects to the next and reports problems to one :class:`Diagnostics`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.support import Translations

from .assemble import Checked, assemble
from .compress import precompressed
from .config import GuideConfig, load_config
from .diagnostics import ContentError, Diagnostics, display_path
from .discover import discover
from .frontmatter import parse_file
from .glossary import PlaceName, check_place_names, load_glossary
from .i18n import CatalogIncompleteError, CatalogMissingError, load_translations
from .images import PRINT_DPI, ImageError, ImageInfo, find_image
from .markup import MarkdownRenderer, line_of
from .model import Guide
from .outputs import OutputFile, PdfSummary
from .print_html import PrintBook, book_epoch, editions, narrowest_column_mm
from .render_html import TEMPLATES_DIR, Bodies, SiteRenderer
from .schema import check_fields
from .search import build_search_index
from .typography import typography_for
from .urls import Urls, build_urls
from .write import write_site

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build or check did, and every problem it found."""

    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    pages: int = 0
    files: int = 0
    pdfs: list[PdfSummary] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


@dataclass(frozen=True)
class BuildOptions:
    """How to build, beyond what guide.yaml says."""

    templates_dir: Path = TEMPLATES_DIR
    pdf: bool = True  #: also make the printed guide
    search: bool = True  #: also build the search index
    compress: bool = True  #: also write .gz and .br twins of the text files
    press: bool | None = None  #: press PDFs and proofs; None: as guide.yaml's ``pdf: press`` says
    cache_dir: Path | None = None  #: where rendered PDFs are kept for the next build; None: no cache
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    progress: Callable[[str], None] | None = None  #: told what is being done, for a terminal


@dataclass(frozen=True)
class Prepared:
    """The guide, read, checked and converted: what every output is rendered from."""

    guide: Guide
    urls: Urls
    bodies: Bodies
    translations: dict[str, Translations]
    images: dict[tuple, ImageInfo]  #: (document key, lang) → the image its front matter names
    glossary: list[PlaceName]


def build(content_dir: Path, output_dir: Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the website and the printed guide into ``output_dir``; on any error, the old output
    stays as it was. The PDFs render in other processes while the web pages are rendered here."""
    options = options or BuildOptions()
    started = time.perf_counter()
    report = BuildReport()
    try:
        prepared = prepare(content_dir, report)
        printing = start_printing(prepared, options) if options.pdf else None
        if printing and options.progress:
            options.progress(f"rendering {len(printing.futures)} PDF(s) in the background, "
                             f"{len(printing.ready)} unchanged since the last build")
        site = SiteRenderer(prepared.guide, prepared.urls, prepared.bodies, prepared.translations,
                            options.templates_dir, prepared.images, prepared.glossary, options.cache_dir)
        files = render_templates(site.render_pages, options.templates_dir, report.diagnostics)
        files += site.render_files()
        pdfs = printing.finish(report.diagnostics, _tell_pdf(options.progress)) if printing else []
        report.pdfs = [PdfSummary(r.path, r.languages, r.variant, r.pages, len(r.data), r.seconds, r.cached)
                       for r in pdfs]
        files += render_templates(lambda: site.render_homes(report.pdfs), options.templates_dir, report.diagnostics)
        index = build_search_index(files, report.diagnostics) if options.search else []
        files += index + render_templates(lambda: site.render_search_pages(available=bool(index)),
                                          options.templates_dir, report.diagnostics)
        files += [OutputFile(result.path, result.data) for result in pdfs]
        if options.compress:
            files += precompressed(files)
        if report.ok:
            report.files = write_site(files, output_dir)
    except ContentError:
        pass
    report.seconds = time.perf_counter() - started
    return report


def check(content_dir: Path, templates_dir: Path = TEMPLATES_DIR) -> BuildReport:
    """Everything the build validates (print templates included), without writing anything."""
    started = time.perf_counter()
    report = BuildReport()
    with contextlib.suppress(ContentError):
        prepared = prepare(content_dir, report)
        site = SiteRenderer(prepared.guide, prepared.urls, prepared.bodies, prepared.translations, templates_dir,
                            prepared.images, prepared.glossary)
        render_templates(lambda: site.render_pages() + site.render_homes([]) + site.render_search_pages(True),
                         templates_dir, report.diagnostics)
        book = PrintBook(prepared.guide, prepared.urls, prepared.bodies, prepared.translations, templates_dir,
                         prepared.images)
        render_templates(lambda: [book.html(e) for e in editions(prepared.guide.languages, press=False)],
                         templates_dir, report.diagnostics)
    report.seconds = time.perf_counter() - started
    return report


def load(content_dir: Path, diagnostics: Diagnostics) -> Guide:
    """Config and content → the guide; raises :class:`ContentError` if it cannot be assembled."""
    config = _stage(load_config, content_dir, diagnostics=diagnostics)
    return load_guide(config, diagnostics)


def prepare(content_dir: Path, report: BuildReport) -> Prepared:
    """Read, check and convert everything; raise :class:`ContentError` if the content has errors."""
    diagnostics = report.diagnostics
    guide = load(content_dir, diagnostics)
    config = guide.config
    translations = load_catalogs(config, diagnostics)
    check_placeholders(guide, translations, diagnostics)
    glossary = load_glossary(config.content_dir, config.languages, diagnostics)
    check_place_names(guide, glossary, diagnostics)
    urls = build_urls(guide)
    bodies = render_bodies(guide, urls, translations, diagnostics)
    check_anchors(guide, bodies, diagnostics)
    images = find_page_images(guide, diagnostics)
    check_print_resolution(guide, bodies, images, diagnostics)
    if diagnostics.has_errors:
        raise ContentError(diagnostics)
    report.pages = sum(len(d.translations) for d in guide.documents())
    return Prepared(guide, urls, bodies, translations, images, glossary)


def check_placeholders(guide: Guide, translations: dict[str, Translations], diagnostics: Diagnostics) -> None:
    """Warn where a text still holds what `build.py new` wrote, so that `check --strict` fails on it."""
    for document in guide.documents():
        for lang, page in document.translations.items():
            placeholder = translations[lang].gettext("One or two sentences about the place. (Replace this text.)")
            if page.summary == typography_for(lang)(placeholder):
                diagnostics.warning(page.source.path, page.lines.get("summary", 1),
                                    "the summary is still the text that `build.py new` wrote",
                                    "write one or two sentences about the place")


def check_anchors(guide: Guide, bodies: Bodies, diagnostics: Diagnostics) -> None:
    """Warn where a link's ``#anchor`` names no heading (or footnote) of the page it leads to."""
    ids: dict[tuple, set[str]] = {key: set(re.findall(r'\bid="([^"]+)"', body.html)) for key, body in bodies.items()}
    broken = {item.path for item in diagnostics.errors}  # a file with errors may not show its headings
    for document in guide.documents():
        for lang, page in document.translations.items():
            for link in bodies[(document.key, lang)].links:
                if not link.fragment:
                    continue
                target = guide.document(link.key)
                shown = target.shown_in(link.lang or lang, guide.languages)
                if display_path(shown.source.path) in broken:
                    continue
                if link.fragment not in ids[(link.key, shown.lang)]:
                    diagnostics.warning(page.source.path, line_of(page, link.href),
                                        f"link to '{link.href}': that page has no heading '#{link.fragment}'",
                                        "anchors are made from the heading's words, e.g. '## Lage' → #lage")


def find_page_images(guide: Guide, diagnostics: Diagnostics) -> dict[tuple, ImageInfo]:
    """The image each page's front matter names; a missing or unreadable one is an error."""
    found = {}
    for document in guide.documents():
        for lang, page in document.translations.items():
            if not page.image:
                continue
            try:
                found[(document.key, lang)] = find_image(page.image, page.source, guide.config.content_dir)
            except ImageError as exc:
                diagnostics.error(page.source.path, page.lines.get("image", 1), str(exc))
    return found


def check_print_resolution(guide: Guide, bodies: Bodies, images: dict[tuple, ImageInfo],
                           diagnostics: Diagnostics) -> None:
    """Warn, naming the file and line, where an image prints below 300 dpi in the narrowest column."""
    width_mm = narrowest_column_mm(guide.config)
    for document in guide.documents():
        for lang, page in document.translations.items():
            used = [*bodies[(document.key, lang)].images]
            if (document.key, lang) in images:
                used.append(images[(document.key, lang)])
            for image in dict.fromkeys(used):
                dpi = image.dpi_at(width_mm)
                if dpi < PRINT_DPI:
                    name = image.path.name
                    line = line_of(page, name) if name in page.body else page.lines.get("image", 1)
                    needed = round(PRINT_DPI * width_mm / 25.4)
                    diagnostics.warning(page.source.path, line,
                                        f"image '{image.path.name}' prints at {dpi:.0f} dpi "
                                        f"({image.width} px over {width_mm:.0f} mm)",
                                        f"for 300 dpi the file needs {needed} px across")


def load_guide(config: GuideConfig, diagnostics: Diagnostics) -> Guide:
    """Discover, parse and check every content file, then assemble the guide."""
    sources = discover(config, diagnostics)
    checked = []
    for source in sources:
        parsed = parse_file(source, diagnostics)
        if parsed is None:
            checked.append(Checked.unreadable(source))
        else:
            checked.append(Checked(parsed, check_fields(parsed, diagnostics)))
    return assemble(config, checked, diagnostics)


def load_catalogs(config: GuideConfig, diagnostics: Diagnostics) -> dict[str, Translations]:
    translations = {}
    errors_before = len(diagnostics.errors)
    for lang in config.languages:
        try:
            translations[lang] = load_translations(lang, config.content_dir)
        except CatalogMissingError:
            diagnostics.error(config.content_dir / "guide.yaml", config.key_lines.get("languages", 1),
                              f"no interface translations for language '{lang}'",
                              f"add locale/{lang}/LC_MESSAGES/messages.po (see the README)")
        except CatalogIncompleteError as exc:
            diagnostics.error(exc.path, 1, f"{len(exc.missing)} interface string(s) not translated: "
                              + ", ".join(repr(m) for m in exc.missing[:5]),
                              "translate them (and remove 'fuzzy' marks); see `make messages` in the README")
    if len(diagnostics.errors) > errors_before:
        raise ContentError(diagnostics)
    return translations


def render_bodies(guide: Guide, urls: Urls, translations: dict[str, Translations],
                  diagnostics: Diagnostics) -> Bodies:
    """Every page's body, converted once; web and print resolve its links each their own way."""
    backlinks = {lang: t.gettext("Back to the text") for lang, t in translations.items()}
    renderer = MarkdownRenderer(guide, urls, backlinks)
    return {(document.key, lang): renderer.render(page, diagnostics)
            for document in guide.documents() for lang, page in document.translations.items()}


def render_templates(render, templates_dir: Path, diagnostics: Diagnostics) -> list:
    """Call ``render``, reporting a template error with its file and line."""
    try:
        return render()
    except jinja2.TemplateSyntaxError as exc:
        diagnostics.error(Path(exc.filename or templates_dir), exc.lineno or 1, f"template error: {exc.message}")
    except jinja2.TemplateError as exc:
        path, line = _template_position(exc, templates_dir)
        diagnostics.error(path, line, f"template error: {exc}")
    raise ContentError(diagnostics)


def _template_position(exc: Exception, templates_dir: Path) -> tuple[Path, int]:
    """The template file and line where a rendering error happened (Jinja puts them in the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".html"):
            return Path(frame.filename), frame.lineno or 1
    return templates_dir, 1


def _tell_pdf(progress: Callable[[str], None] | None):
    if progress is None:
        return None

    def tell(result) -> None:
        how = "unchanged, from the cache" if result.cached else f"{result.seconds:.1f} s"
        progress(f"{result.path}: {result.pages} pages ({how})")

    return tell


def start_printing(prepared: Prepared, options: BuildOptions):
    """Build each edition's HTML and start rendering the PDFs in other processes."""
    from .render_pdf import PdfJob, Printing  # WeasyPrint is loaded only when printing

    guide = prepared.guide
    press = guide.config.pdf.press if options.press is None else options.press
    book = PrintBook(guide, prepared.urls, prepared.bodies, prepared.translations, options.templates_dir,
                     prepared.images)
    jobs = [PdfJob(path=edition.path(guide.config.name), languages=edition.languages, html=book.html(edition),
                   base_url=options.templates_dir.resolve().as_uri() + "/", variant=edition.variant,
                   epoch=book_epoch(guide),
                   allowed_roots=(str(options.templates_dir), str(guide.config.content_dir)))
            for edition in editions(guide.languages, press)]
    return Printing.start(jobs, options.cache_dir, options.workers)


def _stage(function, *args, diagnostics: Diagnostics):
    """Run a stage that raises :class:`ContentError`, merging its diagnostics into the build's."""
    try:
        return function(*args)
    except ContentError as exc:
        if exc.diagnostics is not diagnostics:
            diagnostics.extend(exc.diagnostics)
        raise ContentError(diagnostics) from None
