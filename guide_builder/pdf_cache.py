"""The PDF cache folder (``<cache>/pdf/``): whole editions, and the passes of their parts.

An edition is stored under a fingerprint of everything it is made from (``render_pdf.PdfJob``).
A part's first pass (its page count and anchor pages) is stored under a fingerprint of its HTML
with placeholder numbers, its second pass (the part's PDF) under one of its HTML with the numbers
written in: after a change to one chapter, the other parts' first passes come from the cache, and
so do the second passes of the parts whose numbers and first page did not move. A damaged or
partial entry is discarded, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .pdf_parts import PageMap, PartOutcome

logger = logging.getLogger(__name__)


def from_cache(cache_dir: Path | None, key: str) -> tuple[bytes, int] | None:
    """A cached edition's PDF and its page count."""
    if cache_dir is None:
        return None
    folder = cache_dir / "pdf"
    try:
        data = (folder / f"{key}.pdf").read_bytes()
        pages = int((folder / f"{key}.pages").read_text())
    except (OSError, ValueError):
        return None
    if not _complete_pdf(data) or pages <= 0:
        logger.warning("discarding a damaged cached PDF: %s", folder / f"{key}.pdf")
        (folder / f"{key}.pdf").unlink(missing_ok=True)
        return None
    return data, pages


def to_cache(cache_dir: Path | None, key: str, data: bytes, pages: int) -> None:
    if cache_dir is None:
        return
    _write(cache_dir / "pdf", {f"{key}.pages": str(pages).encode(), f"{key}.pdf": data})


@dataclass(frozen=True)
class PartCache:
    """The parts' passes, below ``<cache>/pdf/parts/``; does nothing without a cache folder."""

    cache_dir: Path | None
    files_key: str  #: fingerprint of the fonts, profile and WeasyPrint version

    def key(self, html: str, settings: tuple[str, ...]) -> str:
        digest = hashlib.sha256(self.files_key.encode())
        for text in (*settings, html):
            digest.update(b"\0" + text.encode("utf-8"))
        return digest.hexdigest()

    def load(self, key: str, with_pdf: bool) -> PartOutcome | None:
        if self.cache_dir is None:
            return None
        folder = self.cache_dir / "pdf" / "parts"
        try:
            found = json.loads((folder / f"{key}.json").read_text())
            page_map = PageMap(int(found["pages"]), {str(k): int(v) for k, v in found["anchors"].items()})
            outcome = PartOutcome(page_map, float(found["seconds"]), [str(url) for url in found["refused"]])
            if with_pdf:
                outcome.data = (folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if with_pdf and not _complete_pdf(outcome.data):
            logger.warning("discarding a damaged cached part: %s", folder / f"{key}.pdf")
            return None
        return outcome

    def save(self, key: str, outcome: PartOutcome) -> None:
        if self.cache_dir is None:
            return
        files = {f"{key}.pdf": outcome.data} if outcome.data else {}
        # the description last: an entry counts only once it is there
        files[f"{key}.json"] = json.dumps({"pages": outcome.page_map.pages, "anchors": outcome.page_map.anchors,
                                           "seconds": outcome.seconds, "refused": outcome.refused}).encode()
        _write(self.cache_dir / "pdf" / "parts", files)


def _complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def _write(folder: Path, files: dict[str, bytes]) -> None:
    """Each file written beside its place and renamed into it, so a reader never sees half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        partial = folder / f".{name}.{os.getpid()}.tmp"
        partial.write_bytes(data)
        os.replace(partial, folder / name)
