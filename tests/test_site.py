"""The built website: URLs, languages, switcher, links that resolve from any sub-path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from bs4 import BeautifulSoup

from conftest import GuideFolder

ROOT = Path(__file__).resolve().parent.parent


def test_urls_follow_the_documented_layout(built: GuideFolder) -> None:
    files = set(built.snapshot())
    for page in ("index.html", "404.html", "de/index.html", "fr/index.html", "de/trier/index.html",
                 "fr/treves/index.html", "de/trier/porta-nigra/index.html", "fr/treves/porta-nigra/index.html",
                 "de/trier/trierer-dom/index.html", "fr/treves/cathedrale/index.html",
                 "de/metz/kathedrale/index.html", "fr/metz/cathedrale-saint-etienne/index.html",
                 "de/search/index.html", "fr/search/index.html"):
        assert page in files
    assert len([f for f in files if f.endswith(".html")]) == 16
    assets = sorted(f for f in files if f.startswith("assets/") and f.endswith(("css", "js", "svg")))
    assert len(assets) == 3
    fonts = sorted(f for f in files if f.startswith("assets/fonts/"))
    assert len(fonts) == 6 and all(re.fullmatch(r"assets/fonts/[a-z-]+\.[0-9a-f]{10}\.woff2", f) for f in fonts)
    assert re.fullmatch(r"assets/favicon\.[0-9a-f]{10}\.svg", assets[0])
    assert re.fullmatch(r"assets/search\.[0-9a-f]{10}\.js", assets[1])
    assert re.fullmatch(r"assets/style\.[0-9a-f]{10}\.css", assets[2])


def test_every_page_declares_its_language_and_translations(built: GuideFolder) -> None:
    for path in built.output.rglob("*.html"):
        page = BeautifulSoup(path.read_text(), "html.parser")
        relative = path.relative_to(built.output).as_posix()
        lang = relative.split("/")[0] if "/" in relative else "de"
        assert page.html["lang"] == lang, relative
        if relative == "404.html":
            continue
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical.startswith("https://example.org/guide/")
        alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
        assert "x-default" in alternates
        assert all(url.startswith("https://example.org/guide/") for url in alternates.values())


def test_entry_has_hreflang_for_each_translation_and_x_default(built: GuideFolder) -> None:
    page = built.html("fr/treves/porta-nigra/index.html")
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {
        "de": "https://example.org/guide/de/trier/porta-nigra/",
        "fr": "https://example.org/guide/fr/treves/porta-nigra/",
        "x-default": "https://example.org/guide/de/trier/porta-nigra/",
    }
    assert page.find("link", rel="canonical")["href"] == "https://example.org/guide/fr/treves/porta-nigra/"


def test_language_switcher_links_each_entry_to_its_twin(built: GuideFolder) -> None:
    for source, twin in (("de/trier/trierer-dom/index.html", "fr/treves/cathedrale/index.html"),
                         ("fr/metz/cathedrale-saint-etienne/index.html", "de/metz/kathedrale/index.html")):
        page = built.html(source)
        link = page.select_one(".language-switcher a[hreflang]")
        target = (built.output / source).parent / link["href"] / "index.html"
        assert target.resolve() == (built.output / twin).resolve()
        assert link["lang"] == twin[:2]


def test_internal_links_all_resolve_relatively(built: GuideFolder) -> None:
    """Every link inside the site is relative and leads to a file (and anchor) that exists,
    so the site works wherever it is served from, sub-path included."""
    checked = 0
    for path in built.output.rglob("*.html"):
        if path.name == "404.html":
            continue
        page = BeautifulSoup(path.read_text(), "html.parser")
        for element in page.find_all(["a", "link"], href=True):
            href = element["href"]
            if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            if urlsplit(href).scheme:
                continue
            assert not href.startswith("/"), f"{path}: absolute link {href}"
            url, fragment = urldefrag(href)
            target = (path.parent / url) if url else path
            if target.is_dir() or url.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{path}: {href} leads nowhere"
            if fragment:
                assert BeautifulSoup(target.read_text(), "html.parser").find(id=fragment), f"{path}: {href}"
            checked += 1
    assert checked > 50


def test_links_between_entries_lead_to_the_page_in_the_same_language(built: GuideFolder) -> None:
    links = [a["href"] for a in built.html("de/trier/porta-nigra/index.html").select(".prose a")]
    assert links == ["../trierer-dom/#lage", "../../metz/kathedrale/"]
    links = [a["href"] for a in built.html("fr/treves/porta-nigra/index.html").select(".prose a")]
    assert links == ["../cathedrale/"]


def test_chooser_and_404_speak_every_language(built: GuideFolder) -> None:
    chooser = built.html("index.html")
    parts = {part["lang"]: part for part in chooser.select("main section[lang]")}
    assert set(parts) == {"de", "fr"}
    assert parts["de"].a["href"] == "de/" and parts["fr"].a["href"] == "fr/"
    assert "Den Reiseführer auf Deutsch lesen" in parts["de"].get_text()
    assert "Lire le guide en français" in parts["fr"].get_text()
    not_found = built.html("404.html")
    parts = {part["lang"]: part for part in not_found.select("main section[lang]")}
    assert parts["de"].h1.get_text() == "Seite nicht gefunden"
    assert parts["fr"].h1.get_text() == "Page introuvable"
    # served at any address, the 404 page links by absolute path under the base URL's path
    assert parts["fr"].a["href"] == "/guide/fr/"
    assert not_found.find("link", rel="stylesheet")["href"].startswith("/guide/assets/style.")


def test_city_page_lists_entries_grouped_by_category(built: GuideFolder) -> None:
    page = built.html("de/trier/index.html")
    groups = page.select("section.category")
    assert [g.h2.get_text() for g in groups] == ["Sehenswürdigkeiten"]
    titles = [a.get_text() for a in groups[0].select("h3 a")]
    assert titles == ["Porta Nigra", "Trierer Dom"]


def test_entry_fact_box(built: GuideFolder) -> None:
    page = built.html("fr/treves/porta-nigra/index.html")
    facts = dict(zip([dt.get_text() for dt in page.select(".facts dt")],
                     [dd.get_text() for dd in page.select(".facts dd")], strict=True))
    assert facts["Adresse"] == "Porta-Nigra-Platz, 54290 Trèves, Allemagne"
    assert facts["Site web"] == "www.trier-info.de"
    assert facts["Coordonnées"] == "49,75968°\u00a0N, 6,64392°\u00a0E"
    links = [a["href"] for a in page.select(".facts a")]
    assert links == ["https://www.trier-info.de", "geo:49.75968,6.64392",
                     "https://www.openstreetmap.org/?mlat=49.75968&mlon=6.64392#map=18/49.75968/6.64392"]


def test_markdown_features(guide: GuideFolder) -> None:
    guide.write("de/trier/porta-nigra.md", guide.read("de/trier/porta-nigra.md") + (
        "\n## Zahlen {#zahlen .wichtig}\n\n| Jahr | Ereignis |\n|---|---|\n| 170 | Bau |\n\n"
        "Ein Satz mit Fußnote.[^1]\n\n[^1]: Die Fußnote.\n"))
    result = guide.build()
    assert result.code == 0, result.err
    prose = guide.html("de/trier/porta-nigra/index.html").select_one(".prose")
    assert prose.find("h2", id="geschichte")
    heading = prose.find("h2", id="zahlen")
    assert heading and heading["class"] == ["wichtig"]
    assert [td.get_text() for td in prose.select("table td")] == ["170", "Bau"]
    assert prose.select_one("div.footnote li").get_text().strip().startswith("Die Fußnote.")


def test_two_builds_are_byte_identical(guide: GuideFolder, tmp_path: Path) -> None:
    first = guide.build()
    assert first.code == 0
    snapshot = guide.snapshot()
    guide.output = tmp_path / "second"
    assert guide.build().code == 0
    assert guide.snapshot() == snapshot


def test_build_replaces_the_old_output_completely(built: GuideFolder) -> None:
    (built.output / "stale.html").write_text("old")
    assert built.build().code == 0
    assert not (built.output / "stale.html").exists()
    from guide_builder.write import wait_for_removals

    wait_for_removals()  # the old site is removed in the background
    leftovers = [p.name for p in built.root.iterdir() if p.name.startswith(".output") and p.name != ".output.lock"]
    assert leftovers == []


def test_entry_point_defaults_exit_codes_and_help(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", tmp_path / "content")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    result = run()
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "de" / "trier" / "porta-nigra" / "index.html").is_file()
    assert "built 12 pages" in result.stdout
    for command in ([], ["build"], ["check"]):
        helped = run(*command, "--help")
        assert helped.returncode == 0 and "usage:" in helped.stdout
    assert run("frobnicate").returncode == 2
    assert run("build", "--bogus").returncode == 2
    (tmp_path / "content" / "de" / "trier" / "dom.md").write_text("kaputt")
    failed = run("check")
    assert failed.returncode == 1
    assert "content/de/trier/dom.md:1: error: the file does not start with front matter" in failed.stderr


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path) -> None:
    """``build.py check | head -0``: the summary finds the pipe closed."""
    import shutil

    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", tmp_path / "content")
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], cwd=tmp_path, stdout=writer,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(writer)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr


def test_city_map_markers_link_to_the_entries_numbered_as_the_list(built: GuideFolder) -> None:
    page = built.html("de/trier/index.html")
    svg = page.select_one("figure.map svg")
    assert svg["role"] == "group" and svg.find("title").get_text() == "Karte: Trier"
    markers = {}
    for link in svg.find_all("a"):
        number = link.find("text").get_text()
        markers[number] = link.get("href") or link.get("xlink:href")
    listed = {item.select_one(".marker").get_text(): item.h3.a["href"] for item in page.select(".entry-item")}
    assert markers == listed == {"1": "porta-nigra/", "2": "trierer-dom/"}
    home = built.html("fr/index.html").select_one("figure.map svg")
    # Metz has no coordinates in the fixture: it is listed as number 2 but not on the map
    assert {a.find("text").get_text(): a.get("href") or a.get("xlink:href") for a in home.find_all("a")} == {
        "1": "treves/"}
