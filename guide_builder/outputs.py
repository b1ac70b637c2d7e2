"""What the render stages hand to the writer: files with their site-relative path and bytes."""

from __future__ import annotations

from dataclasses import dataclass


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
