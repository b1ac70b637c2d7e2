"""What the render stages hand to the writer, and what a build reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostics


@dataclass(frozen=True)
class PdfSummary:
    """A printed edition that the build wrote, for the download links and the build summary."""

    path: str
    languages: tuple[str, ...]
    variant: str
    pages: int
    size: int  #: bytes
    seconds: float  #: rendering time; 0 when taken from the cache
    cached: bool


@dataclass(frozen=True)
class PageMarks:
    """Where a page's text sits in its HTML file, and what else of the page depends on the text:
    what lets a later build put a new text in place without rendering the page (see ``quick``)."""

    source: str  #: the content file whose text the page shows (absolute path)
    relpath: str  #: … its path inside its language folder (``SourceFile.relpath``)
    key: tuple  #: the document
    lang: str
    front: str  #: fingerprint of that file's front matter when the page was made
    start: int  #: byte offsets of the text in the page file
    end: int
    synonyms: tuple[str, ...]  #: what the page lists for the search from the text
    fragment_links: frozenset  #: (document, language, fragment) of the text's links to a ``#fragment``
    needed: frozenset[str]  #: fragments other pages' links lead to on this page
    missing: frozenset[str]  #: … of those, the ones the text has no heading for (each a warning there)


@dataclass(frozen=True)
class OutputFile:
    path: str  #: site-relative, with ``/``; checked by the writer to stay inside the output folder
    data: bytes
    fingerprint: str = ""  #: what the file was made from, so the next build can tell it is still right
    marks: PageMarks | None = None


@dataclass(frozen=True)
class KeptFile:
    """A file of the previous build that is still right: linked into the new output, not made again."""

    path: str
    source: Path  #: the file in the previous output
    digest: str
    fingerprint: str = ""
    marks: PageMarks | None = None

    @property
    def data(self) -> bytes:
        return self.source.read_bytes()


@dataclass
class BuildReport:
    """What a build or check did, and every problem it found."""

    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    pages: int = 0
    files: int = 0
    pdfs: list[PdfSummary] = field(default_factory=list)
    seconds: float = 0.0
    rendered: int = 0  #: pages rendered by this build; the others were still right from the last one
    unchanged: bool = False  #: nothing had changed since the last build: nothing was done

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors
