"""Pre-compressed copies of the text files (``page.html.gz``, ``page.html.br``), for servers that
serve them directly (nginx ``gzip_static`` / ``brotli_static``). Deterministic: gzip without a
file name or time stamp."""

from __future__ import annotations

import gzip

import brotli

from .outputs import OutputFile

TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".geojson", ".gpx")


def precompressed(files: list[OutputFile]) -> list[OutputFile]:
    """A ``.gz`` and a ``.br`` twin for every text file."""
    twins = []
    for output in files:
        if output.path.endswith(TEXT_SUFFIXES):
            twins.append(OutputFile(output.path + ".gz", gzip.compress(output.data, compresslevel=9, mtime=0)))
            twins.append(OutputFile(output.path + ".br", brotli.compress(output.data, quality=11)))
    return twins
