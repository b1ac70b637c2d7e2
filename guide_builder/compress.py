"""Pre-compressed copies of the text files (``page.html.gz``, and ``page.html.br`` where
``guide.yaml`` asks for Brotli), for servers that serve them directly (nginx ``gzip_static`` /
``brotli_static``). Deterministic: gzip without a file name or time stamp. A twin whose file did
not change is kept from the previous build."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import brotli

from .incremental import digest
from .outputs import KeptFile, OutputFile

TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".geojson", ".gpx")
#: ``precompress`` formats of guide.yaml → the twin's suffix and how it is made. Brotli quality 5:
#: files within 10 % of quality 11's size at a thirtieth of its time (measured on our pages: 1.3 ms
#: against 41 ms a page). Brotli is not made unless asked for: Debian's nginx cannot serve it
#: without an extra module, and it costs as much time as gzip (a tenth of a cold build).
FORMATS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": (".gz", lambda data: gzip.compress(data, compresslevel=9, mtime=0)),
    "brotli": (".br", lambda data: brotli.compress(data, quality=5)),
}


def precompressed(files: list[OutputFile | KeptFile], formats: tuple[str, ...],
                  keep: Callable[[str, str], KeptFile | None] | None = None) -> list[OutputFile | KeptFile]:
    """A twin in each of ``formats`` for every text file; ``keep`` gives a previous build's twin
    that was made from the same bytes."""
    twins: list[OutputFile | KeptFile] = []
    for output in files:
        if not output.path.endswith(TEXT_SUFFIXES):
            continue
        source = output.digest if isinstance(output, KeptFile) else digest(output.data)
        for name in formats:
            suffix, compress = FORMATS[name]
            path = output.path + suffix
            kept = keep(path, source) if keep else None
            twins.append(kept or OutputFile(path, compress(output.data), source))
    return twins
