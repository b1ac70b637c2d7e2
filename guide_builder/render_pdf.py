"""Print HTML → PDF files with WeasyPrint; the only module that imports it.

Each edition renders in parts (see ``pdf_parts``): the cover and contents, each chapter, each
index, every part in a fresh forked process, so that no process holds more than one part's layout.
A first pass lays every part out to learn its pages and where its anchors are; a second renders
every part with the page numbers written in and its page counter starting where it goes in the
book; ``pdf_merge`` joins them into the edition's PDF. All parts of all editions share one queue
of ``workers`` processes (``pdf_schedule``), run by a coordinating process forked when printing
starts, while the main process renders the web pages.

A PDF whose input (parts' HTML, stylesheet, fonts, variant, WeasyPrint version) is unchanged is
taken from the cache instead of being rendered again. The renderer fetches nothing from the
network: only files below the template and content folders and ``data:`` URLs are allowed,
anything else is refused with a warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, URLFetcher
from weasyprint import __version__ as weasyprint_version

from .diagnostics import Diagnostics
from .pdf_cache import PartCache, from_cache, to_cache
from .pdf_merge import MergeError, merge_pdfs
from .pdf_parts import (
    PageDigitsError,
    PageMap,
    PagePlan,
    PartLayoutError,
    PartOutcome,
    check_second_pass,
    first_pass_html,
    page_digits,
    plan_pages,
    second_pass_html,
    with_links_across_parts,
    with_page_digits,
)
from .pdf_schedule import ForkScheduler, Task
from .print_html import PrintPart

logger = logging.getLogger(__name__)

#: PDF variant of each kind of edition: tagged and accessible on screen, PDF/X-4 for the press.
PDF_VARIANTS = {"screen": "pdf/ua-1", "press": "pdf/x-4", "proof": None}
CACHE_VERSION = "2"
#: seconds of layout per character of a part's HTML, roughly: to start the longest parts first
SECONDS_PER_CHARACTER = 2e-5


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render."""

    path: str  #: site-relative output path, e.g. ``pdf/quattropole-de-fr.pdf``
    languages: tuple[str, ...]
    parts: tuple[PrintPart, ...]  #: the edition in parts, in book order
    base_url: str  #: ``file://`` URL of the folder relative URLs (fonts, profile) resolve against
    variant: str  #: screen, press or proof
    epoch: int  #: SOURCE_DATE_EPOCH: the content's date, so that font subsetting writes no clock time
    allowed_roots: tuple[str, ...]  #: folders the renderer may read files from

    def fingerprint(self, extra: str) -> str:
        digest = hashlib.sha256()
        texts = (CACHE_VERSION, *(part.html for part in self.parts), self.base_url, self.variant, str(self.epoch),
                 extra)
        for text in texts:
            digest.update(text.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


@dataclass
class PdfResult:
    path: str
    languages: tuple[str, ...]
    variant: str
    data: bytes
    pages: int
    seconds: float
    cached: bool = False
    refused: list[str] = field(default_factory=list)  #: URLs the fetcher refused


class Printing:
    """PDFs being rendered: started before the web pages are rendered, finished after."""

    def __init__(self, jobs: list[PdfJob], cache_dir: Path | None, coordinator, connection: Connection | None,
                 futures: dict[str, PdfJob], ready: dict[str, PdfResult], keys: dict[str, str]):
        self.jobs = jobs
        self.cache_dir = cache_dir
        self.coordinator = coordinator
        self.connection = connection
        self.futures = futures  #: output path → the job still being rendered
        self.ready = ready
        self.keys = keys  #: output path → cache key
        self.peak_mb = 0.0  #: the largest resident set of a rendering process, known after ``finish``
        # a build that stops before ``finish`` (an error elsewhere) must not leave the coordinator
        # rendering, or blocked on a pipe nobody reads, for the interpreter to wait for at exit
        self._stop = weakref.finalize(self, _stop_coordinator, coordinator, connection) if coordinator else None

    @classmethod
    def start(cls, jobs: list[PdfJob], cache_dir: Path | None, workers: int) -> Printing:
        """Take what the cache has; start rendering the rest on ``workers`` processes."""
        files_key = _files_fingerprint(jobs)
        keys = {job.path: job.fingerprint(files_key) for job in jobs}
        ready: dict[str, PdfResult] = {}
        todo = {}
        for job in jobs:
            cached = from_cache(cache_dir, keys[job.path])
            if cached is None:
                todo[job.path] = job
            else:
                ready[job.path] = PdfResult(job.path, job.languages, job.variant, cached[0], cached[1], 0.0,
                                            cached=True)
        coordinator = connection = None
        if todo:
            # fork, from the main thread before any other thread exists: the coordinator and its
            # workers inherit the loaded WeasyPrint and fonts instead of importing them again
            context = get_context("fork")
            connection, sender = context.Pipe(duplex=False)
            parts_cache = PartCache(cache_dir, files_key)
            coordinator = context.Process(target=coordinate, args=(list(todo.values()), workers, sender, parts_cache))
            coordinator.start()
            sender.close()
        return cls(jobs, cache_dir, coordinator, connection, todo, ready, keys)

    def finish(self, diagnostics: Diagnostics, progress: Callable[[PdfResult], None] | None = None) -> list[PdfResult]:
        """Wait for every PDF; report failures and refused URLs; tell ``progress`` of each one done.
        Results in job order."""
        failures: dict[str, str] = {}
        try:
            told = 0
            for path, outcome in self._outcomes():
                if isinstance(outcome, PdfResult):
                    self.ready[path] = outcome
                    to_cache(self.cache_dir, self.keys[path], outcome.data, outcome.pages)
                else:
                    failures[path] = outcome
                told = self._tell(told, failures, progress)
            self._tell(told, failures, progress)
            if self.coordinator is not None:
                self.coordinator.join(timeout=30)  # it has sent everything: it is ending
        finally:
            if self._stop is not None:
                self._stop()
        for job in self.jobs:
            if job.path in failures:
                diagnostics.error(Path(job.path), 1, f"the PDF could not be rendered: {failures[job.path]}")
            elif job.path in self.futures and job.path in self.ready:
                for url in self.ready[job.path].refused:
                    diagnostics.warning(Path(job.path), 1, f"refused to load '{url}' into the PDF",
                                        "the printed guide uses only the guide's own files")
        return [self.ready[job.path] for job in self.jobs if job.path in self.ready]

    def _outcomes(self):
        """(path, PdfResult or failure message) from the coordinator, as each edition is done."""
        if self.connection is None:
            return
        waiting = set(self.futures)
        while waiting:
            try:
                kind, *payload = self.connection.recv()
            except (EOFError, OSError):
                for path in sorted(waiting):
                    yield path, "the PDF renderer ended unexpectedly"
                return
            if kind == "peak":
                self.peak_mb = payload[0] / 1024
                continue
            path, outcome = payload
            waiting.discard(path)
            yield path, outcome
        try:
            kind, peak = self.connection.recv()
            self.peak_mb = peak / 1024
        except (EOFError, OSError, ValueError):
            pass

    def _tell(self, told: int, failures: dict[str, str], progress) -> int:
        """Tell ``progress`` of the PDFs done, in job order, up to the first still being rendered."""
        while told < len(self.jobs):
            path = self.jobs[told].path
            if path in failures:
                told += 1
            elif path in self.ready:
                if progress:
                    progress(self.ready[path])
                told += 1
            else:
                break
        return told


def _stop_coordinator(coordinator, connection: Connection) -> None:
    """Close our end of the pipe; end the coordinator if it is still at work."""
    connection.close()
    if coordinator.is_alive():
        coordinator.terminate()
    coordinator.join()


# ---- the coordinating process

def coordinate(jobs: list[PdfJob], workers: int, connection: Connection, cache: PartCache) -> None:
    """Render every part of every job on ``workers`` processes and merge each edition; send each
    edition's PdfResult (or why it failed), then the peak memory of the rendering processes."""
    scheduler = ForkScheduler(workers)
    for job in jobs:
        _EditionRun(job, scheduler, connection.send, cache).start()
    scheduler.run()
    connection.send(("peak", scheduler.peak_kib))
    connection.close()


class _EditionRun:
    """One edition's parts through the two passes and the merge, as tasks of the shared scheduler."""

    def __init__(self, job: PdfJob, scheduler: ForkScheduler, send: Callable, cache: PartCache):
        self.job = job
        self.scheduler = scheduler
        self.send = send
        self.cache = cache
        self.htmls = [with_links_across_parts(part.html) for part in job.parts]
        self.first: list[PartOutcome | None] = [None] * len(self.htmls)
        self.second: list[PartOutcome | None] = [None] * len(self.htmls)
        self.plan: PagePlan | None = None
        self.failure: str | None = None
        self.started = time.perf_counter()

    def start(self) -> None:
        for index, html in enumerate(self.htmls):
            self._pass(layout_part, first_pass_html(html), len(html) * SECONDS_PER_CHARACTER,
                       partial(self._laid_out, index))

    def _pass(self, render: Callable, html: str, estimate: float, done: Callable) -> None:
        """One pass over one part: from the cache, or as a task (the longest first)."""
        second = render is render_part
        key = self.cache.key(html, ("second" if second else "first", self.job.variant, self.job.base_url,
                                    str(self.job.epoch), *self.job.allowed_roots))
        cached = self.cache.load(key, with_pdf=second)
        if cached is not None:
            self._guarded(done, cached)
            return

        def store(outcome: PartOutcome) -> None:
            done(outcome)  # first: a second pass that does not match its first is not kept
            self.cache.save(key, outcome)

        self._add((1, -estimate), partial(render, self.job, html), store)

    def _add(self, priority: tuple, run: Callable, done: Callable) -> None:
        self.scheduler.add(Task(priority, run, partial(self._guarded, done), self._fail,
                                lambda: self.failure is not None))

    def _guarded(self, done: Callable, result) -> None:
        if self.failure is not None:
            return
        try:
            done(result)
        except (PartLayoutError, MergeError) as exc:
            self._fail(str(exc))
        except Exception as exc:  # a fault of ours: the edition fails, the others go on
            logger.debug("coordinating %s failed", self.job.path, exc_info=True)
            self._fail(f"{type(exc).__name__}: {exc}")

    def _laid_out(self, index: int, outcome: PartOutcome) -> None:
        self.first[index] = outcome
        if any(part is None for part in self.first):
            return
        try:
            self.plan = plan_pages([part.page_map for part in self.first], page_digits(self.htmls[0]))
        except PageDigitsError as exc:
            # wider boxes can move breaks: lay every part out again with them
            logger.info("%s: %s; laying out again", self.job.path, exc)
            self.htmls = [with_page_digits(html, exc.digits) for html in self.htmls]
            self.first = [None] * len(self.htmls)
            self.start()
            return
        for number, (html, placement) in enumerate(zip(self.htmls, self.plan.placements, strict=True)):
            filled = second_pass_html(html, placement, self.plan.anchor_pages)
            self._pass(render_part, filled, self.first[number].seconds, partial(self._rendered, number))

    def _rendered(self, index: int, outcome: PartOutcome) -> None:
        check_second_pass(self.job.parts[index].name, self.first[index].page_map, outcome.page_map,
                          self.plan.placements[index])
        self.second[index] = outcome
        if any(part is None for part in self.second):
            return
        parts = [part.data for part in self.second]
        self._add((0,), partial(merge_pdfs, parts), self._merged)

    def _merged(self, data: bytes) -> None:
        refused = list(dict.fromkeys(url for part in self.second for url in part.refused))
        result = PdfResult(self.job.path, self.job.languages, self.job.variant, data, self.plan.pages,
                           time.perf_counter() - self.started, refused=refused)
        self.send(("done", self.job.path, result))
        self.second = []

    def _fail(self, message: str) -> None:
        if self.failure is None:
            self.failure = message
            self.send(("failed", self.job.path, message))


# ---- in the rendering processes

def layout_part(job: PdfJob, html: str) -> PartOutcome:
    """First pass: lay the part out; its pages and anchors, no PDF."""
    started = time.perf_counter()
    document, fetcher = _layout(job, html)
    return PartOutcome(_page_map(document), time.perf_counter() - started, fetcher.refused)


def render_part(job: PdfJob, html: str) -> PartOutcome:
    """Second pass: lay the part out and write its PDF."""
    started = time.perf_counter()
    document, fetcher = _layout(job, html)
    data = document.write_pdf(pdf_variant=PDF_VARIANTS[job.variant], pdf_identifier=True,
                              pdf_tags=job.variant == "screen")
    return PartOutcome(_page_map(document), time.perf_counter() - started, fetcher.refused, data)


def _layout(job: PdfJob, html: str):
    os.environ["SOURCE_DATE_EPOCH"] = str(job.epoch)
    fetcher = LocalFetcher(job.allowed_roots)
    # an image cache for this part (decoded images, maps, QR codes); the process ends with the part
    document = HTML(string=html, base_url=job.base_url, url_fetcher=fetcher).render(cache={})
    return document, fetcher


def _page_map(document) -> PageMap:
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return PageMap(len(document.pages), anchors)


class LocalFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads only local files below the allowed folders and ``data:``."""

    def __init__(self, allowed_roots: tuple[str, ...]):
        super().__init__(allowed_protocols={"file", "data"}, timeout=5)
        self.roots = tuple(str(Path(root).resolve()) for root in allowed_roots)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not self._allowed(url):
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the guide's own files are used")
        return super().fetch(url, headers)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file":
            return False
        path = str(Path(unquote(parts.path)).resolve())
        return any(path == root or path.startswith(root + os.sep) for root in self.roots)


def _files_fingerprint(jobs: list[PdfJob]) -> str:
    """A fingerprint of the files the jobs may load (fonts, colour profile), for the cache key."""
    digest = hashlib.sha256(weasyprint_version.encode())
    bases = sorted({unquote(urlsplit(job.base_url).path) for job in jobs})
    for base in bases:
        for path in sorted(Path(base).rglob("*")):
            if path.is_file() and path.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2", ".icc"):
                digest.update(path.name.encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
