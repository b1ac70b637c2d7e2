"""What the render stages hand to the writer: files with their site-relative path and bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    path: str  #: site-relative, with ``/``; checked by the writer to stay inside the output folder
    data: bytes
