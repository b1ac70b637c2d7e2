"""Pre-compressed twins of every text file decompress to the file itself."""

from __future__ import annotations

import gzip

import brotli

from conftest import GuideFolder


def test_every_text_file_has_gzip_and_brotli_twins(built: GuideFolder) -> None:
    files = built.snapshot()
    text = [path for path in files if path.endswith((".html", ".css", ".js", ".svg", ".xml", ".txt", ".geojson",
                                                      ".gpx"))]
    assert len(text) > 20
    for path in text:
        assert gzip.decompress(files[path + ".gz"]) == files[path], path
        assert brotli.decompress(files[path + ".br"]) == files[path], path
    assert not any(path.endswith((".woff2.gz", ".woff2.br", ".png.gz")) for path in files)


def test_pages_are_small_over_the_wire(built: GuideFolder) -> None:
    files = built.snapshot()
    for page in ("de/index.html", "de/trier/index.html", "de/trier/porta-nigra/index.html"):
        assert len(files[page + ".br"]) < 8_000, page
