"""Print HTML → PDF files with WeasyPrint; the only module that imports it.

Each edition is an independent document, so editions render in parallel processes. A PDF whose
input (HTML, stylesheet, fonts, variant, WeasyPrint version) is unchanged is taken from the cache
instead of being rendered again. The renderer fetches nothing from the network: only files below
the template and content folders and ``data:`` URLs are allowed, anything else is refused with a
warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, URLFetcher
from weasyprint import __version__ as weasyprint_version

from .diagnostics import Diagnostics

logger = logging.getLogger(__name__)

#: PDF variant of each kind of edition: tagged and accessible on screen, PDF/X-4 for the press.
PDF_VARIANTS = {"screen": "pdf/ua-1", "press": "pdf/x-4", "proof": None}
CACHE_VERSION = "1"
_IMAGE_CACHE: dict = {}


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render."""

    path: str  #: site-relative output path, e.g. ``pdf/quattropole-de-fr.pdf``
    languages: tuple[str, ...]
    html: str
    base_url: str  #: ``file://`` URL of the folder relative URLs (fonts, profile) resolve against
    variant: str  #: screen, press or proof
    epoch: int  #: SOURCE_DATE_EPOCH: the content's date, so that font subsetting writes no clock time
    allowed_roots: tuple[str, ...]  #: folders the renderer may read files from

    def fingerprint(self, extra: str) -> str:
        digest = hashlib.sha256()
        for part in (CACHE_VERSION, self.html, self.base_url, self.variant, str(self.epoch), extra):
            digest.update(part.encode("utf-8"))
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

    def __init__(self, jobs: list[PdfJob], cache_dir: Path | None, pool: ProcessPoolExecutor | None,
                 futures: dict[str, Future], ready: dict[str, PdfResult], keys: dict[str, str]):
        self.jobs = jobs
        self.cache_dir = cache_dir
        self.pool = pool
        self.futures = futures
        self.ready = ready
        self.keys = keys  #: output path → cache key

    @classmethod
    def start(cls, jobs: list[PdfJob], cache_dir: Path | None, workers: int) -> Printing:
        """Take what the cache has; start a process for each of the rest (up to ``workers``)."""
        files_key = _files_fingerprint(jobs)
        keys = {job.path: job.fingerprint(files_key) for job in jobs}
        ready: dict[str, PdfResult] = {}
        todo = []
        for job in jobs:
            cached = _from_cache(cache_dir, keys[job.path])
            if cached is None:
                todo.append(job)
            else:
                ready[job.path] = PdfResult(job.path, job.languages, job.variant, cached[0], cached[1], 0.0,
                                            cached=True)
        pool = None
        futures: dict[str, Future] = {}
        if todo:
            # fork, from the main thread before any other thread exists: the workers inherit the
            # loaded WeasyPrint and fonts instead of importing them again
            pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo))), mp_context=get_context("fork"))
            futures = {job.path: pool.submit(render_one, job) for job in todo}
        return cls(jobs, cache_dir, pool, futures, ready, keys)

    def finish(self, diagnostics: Diagnostics, progress: Callable[[PdfResult], None] | None = None) -> list[PdfResult]:
        """Wait for every PDF; report failures and refused URLs; tell ``progress`` of each one done.
        Results in job order."""
        try:
            for job in self.jobs:
                future = self.futures.get(job.path)
                if future is None:
                    if progress and job.path in self.ready:
                        progress(self.ready[job.path])
                    continue
                try:
                    result = future.result()
                except Exception as exc:  # WeasyPrint's errors are many; each is a failed edition
                    diagnostics.error(Path(job.path), 1, f"the PDF could not be rendered: {exc}")
                    continue
                self.ready[job.path] = result
                _to_cache(self.cache_dir, self.keys[job.path], result)
                if progress:
                    progress(result)
                for url in result.refused:
                    diagnostics.warning(Path(job.path), 1, f"refused to load '{url}' into the PDF",
                                        "the printed guide uses only the guide's own files")
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        return [self.ready[job.path] for job in self.jobs if job.path in self.ready]


def render_one(job: PdfJob) -> PdfResult:
    """Render one PDF; runs in a worker process."""
    os.environ["SOURCE_DATE_EPOCH"] = str(job.epoch)
    started = time.perf_counter()
    fetcher = LocalFetcher(job.allowed_roots)
    # One image cache for every edition this worker renders (decoded images, maps, QR codes). It
    # stays in memory: WeasyPrint's disk cache deletes its files when its document is freed, so it
    # cannot be shared with the other workers.
    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(cache=_IMAGE_CACHE)
    variant = PDF_VARIANTS[job.variant]
    data = document.write_pdf(pdf_variant=variant, pdf_identifier=True, pdf_tags=job.variant == "screen")
    return PdfResult(job.path, job.languages, job.variant, data, len(document.pages),
                     time.perf_counter() - started, refused=fetcher.refused)


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


def _from_cache(cache_dir: Path | None, key: str) -> tuple[bytes, int] | None:
    """A cached PDF and its page count; a damaged or partial entry is discarded, never trusted."""
    if cache_dir is None:
        return None
    folder = cache_dir / "pdf"
    try:
        data = (folder / f"{key}.pdf").read_bytes()
        pages = int((folder / f"{key}.pages").read_text())
    except (OSError, ValueError):
        return None
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")) or pages <= 0:
        logger.warning("discarding a damaged cached PDF: %s", folder / f"{key}.pdf")
        (folder / f"{key}.pdf").unlink(missing_ok=True)
        return None
    return data, pages


def _to_cache(cache_dir: Path | None, key: str, result: PdfResult) -> None:
    if cache_dir is None:
        return
    folder = cache_dir / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, data in ((".pages", str(result.pages).encode()), (".pdf", result.data)):
        partial = folder / f".{key}{suffix}.{os.getpid()}.tmp"
        partial.write_bytes(data)
        os.replace(partial, folder / f"{key}{suffix}")
