"""The build, stage by stage: config → discover → parse → check → assemble → markup → render → write.

Each stage hands model objects to the next and reports problems to one :class:`Diagnostics`.
"""

from __future__ import annotations

import contextlib
import logging
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.support import Translations

from .assemble import Checked, assemble
from .config import GuideConfig, load_config
from .diagnostics import ContentError, Diagnostics
from .discover import discover
from .frontmatter import parse_file
from .glossary import check_place_names, load_glossary
from .i18n import CatalogIncompleteError, CatalogMissingError, load_translations
from .markup import MarkdownRenderer
from .model import Guide
from .outputs import OutputFile
from .render_html import TEMPLATES_DIR, Bodies, SiteRenderer
from .schema import check_fields
from .urls import Urls, build_urls
from .write import write_site

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build or check did, and every problem it found."""

    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    pages: int = 0
    files: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


def build(content_dir: Path, output_dir: Path, templates_dir: Path = TEMPLATES_DIR) -> BuildReport:
    """Build the whole site into ``output_dir``; on any error, the old output stays as it was."""
    started = time.perf_counter()
    report = BuildReport()
    try:
        files = render_site(content_dir, templates_dir, report)
        if report.ok:
            report.files = write_site(files, output_dir)
    except ContentError:
        pass
    report.seconds = time.perf_counter() - started
    return report


def check(content_dir: Path, templates_dir: Path = TEMPLATES_DIR) -> BuildReport:
    """Everything the build validates, without writing anything."""
    started = time.perf_counter()
    report = BuildReport()
    with contextlib.suppress(ContentError):
        render_site(content_dir, templates_dir, report)
    report.seconds = time.perf_counter() - started
    return report


def load(content_dir: Path, diagnostics: Diagnostics) -> Guide:
    """Config and content → the guide; raises :class:`ContentError` if it cannot be assembled."""
    config = _stage(load_config, content_dir, diagnostics=diagnostics)
    return load_guide(config, diagnostics)


def render_site(content_dir: Path, templates_dir: Path, report: BuildReport) -> list[OutputFile]:
    diagnostics = report.diagnostics
    guide = load(content_dir, diagnostics)
    config = guide.config
    translations = load_catalogs(config, diagnostics)
    check_place_names(guide, load_glossary(config.content_dir, config.languages, diagnostics), diagnostics)
    urls = build_urls(guide)
    bodies = render_bodies(guide, urls, translations, diagnostics)
    if diagnostics.has_errors:
        raise ContentError(diagnostics)
    files = render_templates(guide, urls, bodies, translations, templates_dir, diagnostics)
    report.pages = sum(len(d.translations) for d in guide.documents())
    return files


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


def render_templates(guide: Guide, urls: Urls, bodies: Bodies, translations: dict[str, Translations],
                     templates_dir: Path, diagnostics: Diagnostics) -> list[OutputFile]:
    try:
        return SiteRenderer(guide, urls, bodies, translations, templates_dir).render()
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


def _stage(function, *args, diagnostics: Diagnostics):
    """Run a stage that raises :class:`ContentError`, merging its diagnostics into the build's."""
    try:
        return function(*args)
    except ContentError as exc:
        if exc.diagnostics is not diagnostics:
            diagnostics.extend(exc.diagnostics)
        raise ContentError(diagnostics) from None
