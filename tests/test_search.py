"""The search index: one Pagefind index per language, deterministic, with place-name synonyms."""

from __future__ import annotations

import gzip
import json
import subprocess

import pytest

from conftest import GuideFolder

GLOSSARY = "- de: Trier\n  fr: Trèves\n"


def fragments(output) -> dict[str, list[dict]]:
    """The indexed pages of each language, decoded from Pagefind's fragment files."""
    found: dict[str, list[dict]] = {}
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        found.setdefault(path.name.split("_")[0], []).append(record)
    return found


@pytest.fixture
def searched(guide: GuideFolder) -> GuideFolder:
    guide.write("glossary.yaml", GLOSSARY)
    result = guide.run("build", "--content", str(guide.content), "--output", str(guide.output), "--no-pdf")
    assert result.code == 0 and result.err == "", result.err
    return guide


def test_an_index_per_language_with_the_language_s_pages_only(searched: GuideFolder) -> None:
    entry = json.loads((searched.output / "pagefind" / "pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["de", "fr"]
    pages = fragments(searched.output)
    urls = {lang: sorted(record["url"] for record in records) for lang, records in pages.items()}
    assert "/de/trier/porta-nigra/" in urls["de"] and "/fr/treves/porta-nigra/" in urls["fr"]
    assert not any(url.startswith("/fr/") for url in urls["de"])
    assert not any("search" in url or url == "/" for url in urls["de"] + urls["fr"])
    german = next(r for r in pages["de"] if r["url"] == "/de/trier/porta-nigra/")
    assert "Das Tor entstand um 170" in german["content"]
    assert "Zum Inhalt springen" not in german["content"]  # only the page's text, not the menus


def test_place_names_of_the_other_language_are_searchable(searched: GuideFolder) -> None:
    pages = fragments(searched.output)
    french = next(r for r in pages["fr"] if r["url"] == "/fr/treves/")
    assert "Trier" in french["content"]
    german = next(r for r in pages["de"] if r["url"] == "/de/trier/")
    assert "Trèves" in german["content"]


def test_search_page_loads_the_interface(searched: GuideFolder) -> None:
    page = searched.html("fr/search/index.html")
    assert page.html["lang"] == "fr"
    assert page.select_one("#search")["data-base-url"] == "/guide/"
    scripts = [s["src"] for s in page.find_all("script")]
    assert scripts[0] == "../../pagefind/pagefind-ui.js" and scripts[1].startswith("../../assets/search.")
    assert (searched.output / "pagefind" / "pagefind-ui.js").is_file()
    assert searched.html("de/trier/index.html").select_one(".nav-search a")["href"] == "../search/"


def test_the_index_is_byte_identical_between_builds(searched: GuideFolder, tmp_path) -> None:
    first = {p: data for p, data in searched.snapshot().items() if p.startswith("pagefind/")}
    searched.output = tmp_path / "again"
    assert searched.run("build", "--content", str(searched.content), "--output", str(searched.output),
                        "--no-pdf").code == 0
    assert {p: data for p, data in searched.snapshot().items() if p.startswith("pagefind/")} == first


def test_without_the_indexer_the_site_still_builds(guide: GuideFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise FileNotFoundError("pagefind binary not found")

    monkeypatch.setattr(subprocess, "run", broken)
    result = guide.run("build", "--content", str(guide.content), "--output", str(guide.output), "--no-pdf")
    assert result.code == 0
    assert "pagefind:1: warning: the search index was not built: pagefind binary not found" in result.err
    notice = guide.html("de/search/index.html").select_one(".notice").get_text()
    assert "Die Suche ist in dieser Fassung der Website nicht verfügbar" in notice
    assert (guide.output / "de" / "trier" / "porta-nigra" / "index.html").is_file()
