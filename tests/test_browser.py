"""The built site in a real browser (Debian's Chromium driven by Playwright), served on localhost
under a sub-path: switcher, search, map links, no console errors, and axe-core accessibility."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from guide_builder import pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture guide built with search, served at http://127.0.0.1:PORT/guide/ (its base path)."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(FIXTURE, root / "content")
    (root / "content" / "glossary.yaml").write_text("- de: Trier\n  fr: Trèves\n", encoding="utf-8")
    report = pipeline.build(root / "content", root / "www" / "guide", pipeline.BuildOptions(pdf=False))
    assert report.ok and not report.diagnostics.items, [d.format() for d in report.diagnostics.items]
    handler = functools.partial(QuietHandler, directory=str(root / "www"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guide/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    # no request may leave this machine: no fonts from a CDN, no analytics, no map tiles
    page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", None)
            and not request.url.startswith("data:") and page.console_errors.append(f"third party: {request.url}"))
    # a request cut short by the next navigation is aborted, not failed
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and page.console_errors.append(f"failed: {request.url} ({request.failure})"))
    yield page
    assert page.console_errors == []  # type: ignore[attr-defined]
    context.close()


def test_switcher_on_an_entry_lands_on_its_twin(site: str, page: Page) -> None:
    page.goto(site + "de/trier/trierer-dom/")
    page.click(".language-switcher a[hreflang=fr]")
    page.wait_for_url(site + "fr/treves/cathedrale/")
    assert page.locator("h1").inner_text() == "Cathédrale de Trèves"
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize(("lang", "word", "title"), [
    ("de", "Stadttor", "Porta Nigra"),
    ("fr", "verrières", "Cathédrale Saint-Étienne"),
    ("fr", "Trier", "Trèves"),  # the German name finds the French page through the glossary
])
def test_search_finds_the_page_in_its_language(site: str, page: Page, lang: str, word: str, title: str) -> None:
    page.goto(site + f"{lang}/search/")
    label = page.locator("label.search-label").inner_text()
    assert page.get_by_label(label).evaluate("field => field.matches('#search input')")  # tied by search.js
    page.fill("#search input", word)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = page.locator(".pagefind-ui__result-link")
    titles = [links.nth(i).inner_text() for i in range(links.count())]
    assert title in titles
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(href.startswith(f"/guide/{lang}/") for href in hrefs), hrefs
    assert page.locator("mark").count() >= 1  # highlighting


def test_city_map_markers_lead_to_the_entries(site: str, page: Page) -> None:
    page.goto(site + "de/trier/")
    page.locator("figure.map svg a", has_text="1").click()
    page.wait_for_url(site + "de/trier/porta-nigra/")
    assert page.locator("h1").inner_text() == "Porta Nigra"


@pytest.mark.parametrize("path", ["de/", "fr/", "de/trier/", "fr/treves/", "de/trier/porta-nigra/",
                                  "fr/metz/cathedrale-saint-etienne/", "de/search/", "", "404.html"])
def test_no_serious_accessibility_violations(site: str, page: Page, path: str) -> None:
    page.goto(site + path)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()
