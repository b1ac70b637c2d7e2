"""The build, stage by stage: config → discover → parse → check → assemble → markup → render → write.

Each stage hands model objects to the next and reports problems to one :class:`Diagnostics`.
"""

from __future__ import annotations

import contextlib
import logging
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from babel.support import Translations

from .assemble import Checked, assemble
from .compress import precompressed
from .config import GuideConfig, load_config
from .diagnostics import ContentError, Diagnostics, display_path
from .discover import SourceFile, discover
from .frontmatter import parse_file
from .glossary import PlaceName, check_place_names, load_glossary
from .i18n import CatalogIncompleteError, CatalogMissingError, load_translations, preload_locale_data
from .images import PRINT_DPI, ImageError, ImageInfo, find_image
from .incremental import BuildState, combined
from .markup import MarkdownRenderer, anchor_ids, line_of, links_to_anchors
from .model import City, Guide
from .options import TEMPLATES_DIR, BuildOptions
from .outputs import BuildReport, OutputFile, PdfSummary
from .parallel import release_collector, split_map
from .print_html import PrintBook, book_epoch, editions, narrowest_column_mm, opening_width_mm
from .quick import QuickContext
from .render_html import Bodies, SiteRenderer, nearby_table
from .schema import check_fields
from .search import build_search_index
from .typography import typography_for
from .urls import Urls, build_urls
from .write import Staging

__all__ = ["BuildOptions", "BuildReport", "build", "check", "load", "prepare"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """The guide, read, checked and converted: what every output is rendered from."""

    guide: Guide
    urls: Urls
    bodies: Bodies
    translations: dict[str, Translations]
    images: dict[tuple, ImageInfo]  #: (document key, lang) → the image its front matter names
    glossary: list[PlaceName]


def build(content_dir: Path, output_dir: Path, options: BuildOptions | None = None,
          state: BuildState | None = None) -> BuildReport:
    """Build the website and the printed guide into ``output_dir``; on any error, the old output
    stays as it was. The PDFs render in other processes while the web pages are rendered, on
    every core, straight into the new output folder.

    With the ``state`` of the previous build into ``output_dir`` (see ``incremental``), only what
    changed is made again, and ``state`` is updated for the next build."""
    options = options or BuildOptions()
    started = time.perf_counter()
    report = BuildReport()
    tell = options.progress or (lambda message: None)
    try:
        prepared = prepare(content_dir, report, state, options.workers, tell)
        if state is not None:
            state.quick = QuickContext(prepared.guide.languages, prepared.guide.config.content_dir, prepared.urls,
                                       backlink_titles(prepared.translations), prepared.glossary,
                                       prepared.guide.config.precompress)
        printing = (render_templates(lambda: start_printing(prepared, options), options.templates_dir,
                                     report.diagnostics) if options.pdf else None)
        if printing:
            tell(f"rendering {len(printing.futures)} PDF(s) in the background, "
                 f"{len(printing.ready)} unchanged since the last build")
        tell("finding nearby places")
        site = SiteRenderer(prepared.guide, prepared.urls, prepared.bodies, prepared.translations,
                            options.templates_dir, prepared.images, prepared.glossary, options.cache_dir,
                            **_reuse(prepared, state, output_dir))
        keep = _keeper(state, output_dir)
        formats = prepared.guide.config.precompress if options.compress else ()
        twins = (lambda output: precompressed([output], formats, keep)) if formats else (lambda output: [])
        with Staging(output_dir, state.files if state else None) as staging:
            def add(outputs: list) -> None:
                for file in with_twins(outputs, twins):
                    staging.add(file)

            def shared_files() -> None:  # while the workers render the pages
                add(render_templates(site.render_shared, options.templates_dir, report.diagnostics))
                add(site.render_files())

            tell(f"rendering {report.pages} pages")
            report.rendered = write_pages(site, staging, twins, options, report.diagnostics, shared_files)
            pdfs = printing.finish(report.diagnostics, _tell_pdf(options.progress)) if printing else []
            report.pdfs = [PdfSummary(r.path, r.languages, r.variant, r.pages, len(r.data), r.seconds, r.cached)
                           for r in pdfs]
            tell("rendering the home pages")
            homes = render_templates(lambda: site.render_homes(report.pdfs), options.templates_dir, report.diagnostics)
            report.rendered += sum(isinstance(home, OutputFile) for home in homes)
            add(homes)
            index = _search_index(staging, report.diagnostics, state, output_dir, tell) if options.search else []
            add(index)
            add(render_templates(lambda: site.render_search_pages(available=bool(index)), options.templates_dir,
                                 report.diagnostics))
            add([OutputFile(result.path, result.data) for result in pdfs])
            if report.ok:
                tell("putting the new site in place")
                written = staging.commit()
                report.files = len(written)
                if state is not None:
                    state.files, state.marks = written, staging.marks
    except ContentError:
        pass
    finally:
        release_collector()
    report.seconds = time.perf_counter() - started
    return report


def write_pages(site: SiteRenderer, staging: Staging, twins: Callable, options: BuildOptions,
                diagnostics: Diagnostics, meanwhile: Callable[[], None]) -> int:
    """Render every page but the home pages into ``staging``, on every core, while this process
    does ``meanwhile``; return how many were rendered. Pages still right from the last build are
    linked here first, so that a small change renders its few pages without starting any worker."""
    todo = []
    for key, lang in site.page_jobs():
        output = site.kept_page(key, lang)
        if output is None:
            todo.append((key, lang))
            continue
        for file in with_twins([output], twins):
            staging.add(file)
    render_templates(site.warm_up, options.templates_dir, diagnostics)  # a syntax error is found here

    def work(jobs: list) -> tuple[dict, dict, list]:
        records, marks = {}, {}
        for key, lang in jobs:
            try:
                output = site.page(key, lang)
            except jinja2.TemplateError as exc:
                return records, marks, [template_problem(exc, options.templates_dir)]
            if output.marks:
                marks[output.path] = output.marks
            for file in with_twins([output], twins):
                records[file.path] = staging.write(file)
        return records, marks, []

    problems = set()
    for records, marks, found in split_map(work, todo, options.workers, meanwhile):
        staging.take(records, marks)
        problems.update(found)
    for path, line, message in sorted(problems):  # the same template error, met by several workers
        diagnostics.error(path, line, message)
    if diagnostics.has_errors:
        raise ContentError(diagnostics)
    return len(todo)


def with_twins(outputs: list, twins: Callable[[Any], list]) -> Iterator:
    """Each file followed by its pre-compressed twins (none when the build makes none)."""
    for output in outputs:
        yield output
        yield from twins(output)


def _keeper(state: BuildState | None, output_dir: Path):
    if state is None or not state.files:  # nothing to keep: no need to fingerprint pages first
        return None
    return lambda path, fingerprint: state.kept(output_dir, path, fingerprint)


def _reuse(prepared: Prepared, state: BuildState | None, output_dir: Path) -> dict:
    """What lets the renderer skip pages that are still right (nothing without a state)."""
    if state is None:
        return {}
    guide = prepared.guide
    nav = [(d.key, [(lang, page.blob) for lang, page in d.translations.items()])
           for d in (guide.home, *guide.pages, *guide.cities, *guide.sections)]
    coordinates = [(e.key, e.lat, e.lon) for city in guide.cities for e in city.entries]
    nearby = state.remembered("nearby", combined(coordinates))
    if nearby is None:
        nearby = state.remember("nearby", combined(coordinates), nearby_table(guide))
    return {"site_fingerprint": combined(state.setting_files, nav, guide.languages),
            "keep": _keeper(state, output_dir), "nearby": nearby}


def _search_index(staging: Staging, diagnostics: Diagnostics, state: BuildState | None, output_dir: Path,
                  tell: Callable[[str], None]) -> list:
    """The search index of the pages in ``staging``, made again only when a page changed."""
    pages = combined(sorted((path, record.digest) for path, record in staging.records.items()
                            if path.endswith(".html")))
    if state is not None:
        previous = state.remembered("search", pages) or []
        kept = [state.kept(output_dir, path, pages) for path in previous]
        if previous and all(kept):
            return kept
    tell("building the search index")
    index = build_search_index(staging.folder, diagnostics)
    if state is not None:
        state.remember("search", pages, [f.path for f in index])
    return [OutputFile(f.path, f.data, pages) for f in index]


def check(content_dir: Path, templates_dir: Path = TEMPLATES_DIR,
          progress: Callable[[str], None] | None = None) -> BuildReport:
    """Everything the build validates (print templates included), without writing anything."""
    started = time.perf_counter()
    report = BuildReport()
    with contextlib.suppress(ContentError):
        prepared = prepare(content_dir, report)
        if progress:
            progress(f"read {report.pages} pages; trying the web and print templates")
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


def prepare(content_dir: Path, report: BuildReport, state: BuildState | None = None, workers: int = 1,
            tell: Callable[[str], None] | None = None) -> Prepared:
    """Read, check and convert everything; raise :class:`ContentError` if the content has errors.
    With a ``state``, files and bodies that did not change are taken from the previous build."""
    diagnostics = report.diagnostics
    tell = tell or (lambda message: None)
    config = _stage(load_config, content_dir, diagnostics=diagnostics)
    tell("reading the content")
    guide = load_guide(config, diagnostics, state, workers)
    config = guide.config
    tell("checking names and translations")
    translations = load_catalogs(config, diagnostics)
    check_placeholders(guide, translations, diagnostics)
    glossary = load_glossary(config.content_dir, config.languages, diagnostics)
    findings = check_place_names(guide, glossary, diagnostics, state.remembered("glossary", "") if state else None)
    if state is not None:
        state.remember("glossary", "", findings)
    urls = build_urls(guide)
    tell(f"converting the text of {sum(len(d.translations) for d in guide.documents())} pages")
    bodies = render_bodies(guide, urls, translations, diagnostics, state, workers)
    tell("checking links and images")
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
    ids: dict[tuple, frozenset[str]] = {}  # of the pages links lead into
    broken = {item.path for item in diagnostics.errors}  # a file with errors may not show its headings
    for page, link, shown in links_to_anchors(guide, bodies):
        if display_path(shown.source.path) in broken:
            continue
        target = (link.key, shown.lang)
        if target not in ids:
            ids[target] = anchor_ids(bodies[target].html)
        if link.fragment not in ids[target]:
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
    """Warn, naming the file and line, where an image prints below 300 dpi: in the narrowest column,
    or across the page for the picture that opens a city's chapter."""
    column_mm, opening_mm = narrowest_column_mm(guide.config), opening_width_mm(guide.config)
    for document in guide.documents():
        for lang, page in document.translations.items():
            widths = {image: column_mm for image in bodies[(document.key, lang)].images}
            if (document.key, lang) in images:  # a city's picture opens its chapter across the page
                widths[images[(document.key, lang)]] = opening_mm if isinstance(document, City) else column_mm
            for image, width_mm in widths.items():
                dpi = image.dpi_at(width_mm)
                if dpi < PRINT_DPI:
                    name = image.path.name
                    line = line_of(page, name) if name in page.body else page.lines.get("image", 1)
                    needed = round(PRINT_DPI * width_mm / 25.4)
                    diagnostics.warning(page.source.path, line,
                                        f"image '{image.path.name}' prints at {dpi:.0f} dpi "
                                        f"({image.width} px over {width_mm:.0f} mm)",
                                        f"for 300 dpi the file needs {needed} px across")


def load_guide(config: GuideConfig, diagnostics: Diagnostics, state: BuildState | None = None,
               workers: int = 1) -> Guide:
    """Discover, parse and check every content file (on every core), then assemble the guide.
    With a ``state``, a file that did not change (nor guide.yaml) is taken as the last build found
    it, and its problems are reported again."""
    sources = discover(config, diagnostics)

    def parse(source: SourceFile, own: Diagnostics) -> Checked:
        result = parse_file(source, own)
        return Checked.unreadable(source) if result is None else Checked(result, check_fields(result, own))

    jobs = [(str(source.path), state.source_fingerprint(source.path) if state else "", source) for source in sources]
    found = redo_changed(jobs, state.parsed if state else None, parse, workers, diagnostics)
    return assemble(config, [found[str(source.path)] for source in sources], diagnostics)


def redo_changed(jobs: list[tuple[Any, str, Any]], known: dict | None, make: Callable[[Any, Diagnostics], Any],
                 workers: int, diagnostics: Diagnostics, still_right: Callable[[Any], bool] | None = None,
                 meanwhile: Callable[[], None] | None = None) -> dict:
    """``make(item, diagnostics)`` for each (key, fingerprint, item) of ``jobs``, on every core —
    except where ``known`` holds the result made from the same fingerprint (and ``still_right``
    says yes of it, if given); its problems are reported again. Returns key → result, in the
    order of ``jobs``; ``known`` gets what was made and loses what is no longer asked for. An empty
    fingerprint means: always make. ``meanwhile`` is done here while the workers work."""
    results: dict = {}
    todo = []
    for key, fingerprint, item in jobs:
        found = known.get(key) if known is not None and fingerprint else None
        if found and found[0] == fingerprint and (still_right is None or still_right(found[1])):
            results[key] = (found[1], found[2])
        else:
            todo.append((key, fingerprint, item))

    def work(chunk: list) -> list:
        made = []
        for key, fingerprint, item in chunk:
            own = Diagnostics()
            made.append((key, fingerprint, make(item, own), own.items))
        return made

    for part in split_map(work, todo, workers, meanwhile):
        for key, fingerprint, value, problems in part:
            results[key] = (value, problems)
            if known is not None and fingerprint:
                known[key] = (fingerprint, value, problems)
    ordered = {}
    for key, _, _ in jobs:
        value, problems = results[key]
        diagnostics.items.extend(problems)
        ordered[key] = value
    if known is not None:  # files and pages that are gone
        for key in known.keys() - ordered.keys():
            del known[key]
    return ordered


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
                  diagnostics: Diagnostics, state: BuildState | None = None, workers: int = 1) -> Bodies:
    """Every page's body, converted once; web and print resolve its links each their own way.
    With a ``state``, a body is converted again only if its file changed, or the images and
    settings of the content folder, or where one of its links leads (see ``still_right``)."""
    backlinks = backlink_titles(translations)
    renderer = MarkdownRenderer(guide.languages, guide.config.content_dir, urls, backlinks)
    shared = combined(backlinks, state.content_extras if state else "")
    jobs = [((document.key, lang), combined(shared, page.blob, page.body_line, str(page.source.path)) if state else "",
             page) for document in guide.documents() for lang, page in document.translations.items()]
    # the pages will need Babel's data of every language: loaded here, while the workers convert,
    # so that the workers that render the pages find it loaded instead of each loading it
    return redo_changed(jobs, state.bodies if state else None, renderer.render, workers, diagnostics,
                        renderer.still_right, meanwhile=lambda: preload_locale_data(guide.languages))


def backlink_titles(translations: dict[str, Translations]) -> dict[str, str]:
    """The title of a footnote's link back to the text, by language."""
    return {lang: t.gettext("Back to the text") for lang, t in translations.items()}


def render_templates(render, templates_dir: Path, diagnostics: Diagnostics) -> list:
    """Call ``render``, reporting a template error with its file and line."""
    try:
        return render()
    except jinja2.TemplateError as exc:
        diagnostics.error(*template_problem(exc, templates_dir))
    raise ContentError(diagnostics)


def template_problem(exc: jinja2.TemplateError, templates_dir: Path) -> tuple[Path, int, str]:
    """The file, line and message of a template error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Path(exc.filename or templates_dir), exc.lineno or 1, f"template error: {exc.message}"
    path, line = _template_position(exc, templates_dir)
    return path, line, f"template error: {exc}"


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
    jobs = [PdfJob(path=edition.path(guide.config.name), languages=edition.languages,
                   parts=tuple(book.parts(edition)),
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
