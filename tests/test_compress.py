"""Pre-compressed twins of every text file decompress to the file itself; Brotli only when asked for."""

from __future__ import annotations

import gzip

import brotli

from conftest import GuideFolder

TEXT = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".geojson", ".gpx")


def text_files(files: dict[str, bytes]) -> list[str]:
    text = [path for path in files if path.endswith(TEXT)]
    assert len(text) > 20
    return text


def test_every_text_file_has_a_gzip_twin_and_no_brotli_unless_asked(built: GuideFolder) -> None:
    files = built.snapshot()
    for path in text_files(files):
        assert gzip.decompress(files[path + ".gz"]) == files[path], path
    assert not any(path.endswith(".br") for path in files)
    assert not any(path.endswith((".woff2.gz", ".png.gz")) for path in files)


def test_brotli_twins_when_guide_yaml_asks(guide: GuideFolder) -> None:
    guide.write("guide.yaml", guide.read("guide.yaml") + "precompress: [brotli, gzip]\n")
    assert guide.build().code == 0
    files = guide.snapshot()
    for path in text_files(files):
        assert gzip.decompress(files[path + ".gz"]) == files[path], path
        assert brotli.decompress(files[path + ".br"]) == files[path], path
    assert not any(path.endswith((".woff2.gz", ".woff2.br", ".png.gz")) for path in files)
    for page in ("de/index.html", "de/trier/index.html", "de/trier/porta-nigra/index.html"):
        assert len(files[page + ".br"]) < 8_000, page


def test_unknown_format_is_named_with_its_line(guide: GuideFolder) -> None:
    guide.write("guide.yaml", guide.read("guide.yaml") + "precompress: [gzip, brotly]\n")
    result = guide.build()
    assert result.code == 1
    assert "guide.yaml:" in result.err and "'precompress': unknown format 'brotly'" in result.err, result.err
    assert "brotli" in result.err


def test_no_compress_writes_no_twins(guide: GuideFolder) -> None:
    assert guide.build("--no-compress").code == 0
    assert not any(path.endswith((".gz", ".br")) for path in guide.snapshot())
