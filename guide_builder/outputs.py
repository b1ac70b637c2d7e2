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
class OutputFile:
    path: str  #: site-relative, with ``/``; checked by the writer to stay inside the output folder
    data: bytes
    fingerprint: str = ""  #: what the file was made from, so the next build can tell it is still right


@dataclass(frozen=True)
class KeptFile:
    """A file of the previous build that is still right: linked into the new output, not made again."""

    path: str
    source: Path  #: the file in the previous output
    digest: str
    fingerprint: str = ""

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
