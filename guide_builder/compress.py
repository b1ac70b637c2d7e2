"""Pre-compressed copies of the text files (``page.html.gz``, ``page.html.br``), for servers that
serve them directly (nginx ``gzip_static`` / ``brotli_static``). Deterministic: gzip without a
file name or time stamp. A twin whose file did not change is kept from the previous build."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import brotli

from .incremental import digest
from .outputs import KeptFile, OutputFile

TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".geojson", ".gpx")
#: Brotli quality 5: files within 10 % of quality 11's size at a thirtieth of its time (measured on our
#: pages: 1.3 ms against 41 ms a page), which keeps a cold build of thousands of pages fast
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=5),
}


def precompressed(files: list[OutputFile | KeptFile],
                  keep: Callable[[str, str], KeptFile | None] | None = None) -> list[OutputFile | KeptFile]:
    """A ``.gz`` and a ``.br`` twin for every text file; ``keep`` gives a previous build's twin that
    was made from the same bytes."""
    twins: list[OutputFile | KeptFile] = []
    for output in files:
        if not output.path.endswith(TEXT_SUFFIXES):
            continue
        source = output.digest if isinstance(output, KeptFile) else digest(output.data)
        for suffix, compress in COMPRESSORS.items():
            path = output.path + suffix
            kept = keep(path, source) if keep else None
            twins.append(kept or OutputFile(path, compress(output.data), source))
    return twins
