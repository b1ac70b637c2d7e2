"""The shipped guide served by a real nginx with deploy/nginx.conf, as it will run in production.

Every file of the output is fetched through the server (status, content type, pre-compressed gzip
twin, cache lifetime, security headers), every link of every page is followed, missing URLs get
the guide's 404 page, and pages of each kind are opened in Chromium through the server with its
Content-Security-Policy in force: nothing may be refused. nginx is installed by `make test`; when it
is missing these tests fail (they are never skipped).
"""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, ConsoleMessage, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

DEPLOY = Path(__file__).parent.parent / "deploy"


def _load_local_nginx():
    spec = importlib.util.spec_from_file_location("local_nginx", DEPLOY / "local_nginx.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


local_nginx = _load_local_nginx()

#: Content-Type expected for each kind of file the build writes
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".gpx": "application/gpx+xml",
    ".woff2": "font/woff2",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
    # Pagefind's index: gzip data its script unpacks itself, so plain bytes without Content-Encoding
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
#: types that must always be available gzip-compressed
COMPRESSIBLE = ("text/", "application/javascript", "image/svg+xml", "application/json", "application/geo+json",
                "application/gpx+xml")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: names with a content hash: assets/style.8c07ffe451.css, pagefind/fragment/de_12f139c.pf_fragment
HASHED_ASSET = re.compile(r"^assets/.+\.[0-9a-f]{10}\.[a-z0-9]+$")
HASHED_PAGEFIND = re.compile(r"^pagefind/.+_[0-9a-f]{7,}\.pf_(fragment|index|meta)$")
#: pages (and Pagefind's worker) that may compile WebAssembly
WASM_ALLOWED = re.compile(r"^/guide/([^/]+/search/(index\.html)?|pagefind/.*)$")
#: a policy keyword or scheme that would let injected code or foreign content in
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "blob:"}


@dataclass
class Response:
    status: int
    headers: dict[str, str]  #: lower-case names
    body: bytes


class Client:
    """GET requests over one keep-alive connection to the local nginx."""

    def __init__(self, port: int):
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str, **headers: str) -> Response:
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                # without an Accept-Encoding of our own, http.client asks for "identity"
                self.connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
                continue
            merged: dict[str, str] = {}
            for name, value in response.getheaders():
                merged[name.lower()] = f"{merged[name.lower()]}, {value}" if name.lower() in merged else value
            return Response(response.status, merged, body)
        raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def server(shipped_site: Path) -> Iterator:
    with local_nginx.running(shipped_site) as running:
        yield running
        log = running.error_log()
    serious = [line for line in log.splitlines() if re.search(r"\[(crit|alert|emerg)\]", line)]
    assert not serious, "\n".join(serious)


@pytest.fixture
def client(server) -> Iterator[Client]:
    client = Client(int(urlsplit(server.url).port))
    yield client
    if client.connection:
        client.connection.close()


def site_files(site: Path) -> list[str]:
    """Every file of the output but the pre-compressed twins, relative to the site."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_file() and path.suffix not in (".gz", ".br"))


def policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def header_problems(path: str, headers: dict[str, str]) -> list[str]:
    """What is wrong with the security headers of the response to ``path`` (a URL path)."""
    problems = []
    expected = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "server": "nginx",
                "cross-origin-opener-policy": "same-origin"}
    problems += [f"{path}: {name}: {headers.get(name)!r}, expected {value!r}"
                 for name, value in expected.items() if headers.get(name) != value]
    if headers.get("referrer-policy") not in ("no-referrer", "same-origin", "strict-origin",
                                              "strict-origin-when-cross-origin"):
        problems.append(f"{path}: Referrer-Policy {headers.get('referrer-policy')!r} may send whole URLs away")
    features = set((headers.get("permissions-policy") or "").replace(" ", "").split(","))
    if not {"camera=()", "microphone=()", "geolocation=()"} <= features:
        problems.append(f"{path}: Permissions-Policy {headers.get('permissions-policy')!r}")
    if "content-security-policy" not in headers:
        return [*problems, f"{path}: no Content-Security-Policy"]
    csp = policy(headers["content-security-policy"])
    for name, sources in {"default-src": ["'none'"], "style-src": ["'self'"], "frame-ancestors": ["'none'"],
                          "base-uri": ["'none'"]}.items():
        if csp.get(name) != sources:
            problems.append(f"{path}: CSP {name} {csp.get(name)}, expected {sources}")
    script_src = ["'self'", "'wasm-unsafe-eval'"] if WASM_ALLOWED.match(path) else ["'self'"]
    if csp.get("script-src") != script_src:
        problems.append(f"{path}: CSP script-src {csp.get('script-src')}, expected {script_src}")
    for name, sources in csp.items():
        unsafe = [source for source in sources if source in UNSAFE_SOURCES
                  or (source == "data:" and name != "img-src")
                  or not (source.startswith("'") or source == "data:")]  # a host name
        if unsafe:
            problems.append(f"{path}: CSP {name} allows {unsafe}")
    return problems


def check_file(client: Client, site: Path, relpath: str, url_path: str) -> list[str]:
    """Fetch one output file plain and with gzip accepted; what is wrong, if anything."""
    problems = []
    data = (site / relpath).read_bytes()
    suffix = Path(relpath).suffix
    if suffix not in CONTENT_TYPES:
        return [f"{relpath}: no content type is expected for {suffix!r} files: add one to CONTENT_TYPES"]
    if relpath.startswith("assets/") or HASHED_PAGEFIND.match(relpath):
        if not (HASHED_ASSET.match(relpath) or HASHED_PAGEFIND.match(relpath)):
            problems.append(f"{relpath}: cached for a year, but its name carries no content hash")
        cache = IMMUTABLE
    else:
        cache = REVALIDATE
    plain = client.get(url_path)
    zipped = client.get(url_path, Accept_Encoding="gzip, deflate")
    for response, kind in ((plain, "plain"), (zipped, "gzip accepted")):
        if response.status != 200:
            problems.append(f"{url_path} ({kind}): status {response.status}")
            continue
        if response.headers.get("content-type") != CONTENT_TYPES[suffix]:
            problems.append(f"{url_path}: Content-Type {response.headers.get('content-type')!r}, "
                            f"expected {CONTENT_TYPES[suffix]!r}")
        if response.headers.get("cache-control") != cache:
            problems.append(f"{url_path}: Cache-Control {response.headers.get('cache-control')!r}, expected {cache!r}")
        problems += header_problems(url_path, response.headers)
    if plain.status == 200 and (plain.body != data or "content-encoding" in plain.headers):
        problems.append(f"{url_path}: without Accept-Encoding the body is not the file as built")
    twin = site / (relpath + ".gz")
    if CONTENT_TYPES[suffix].startswith(COMPRESSIBLE) and not twin.exists():
        problems.append(f"{relpath}: a text file without a .gz twin goes out uncompressed")
    if zipped.status == 200:
        if twin.exists():
            if zipped.headers.get("content-encoding") != "gzip" or zipped.body != twin.read_bytes():
                problems.append(f"{url_path}: with gzip accepted, not the pre-compressed {relpath}.gz "
                                f"(Content-Encoding {zipped.headers.get('content-encoding')!r})")
            elif gzip.decompress(zipped.body) != data:
                problems.append(f"{relpath}.gz does not unpack to {relpath}")
            if "Accept-Encoding" not in zipped.headers.get("vary", ""):
                problems.append(f"{url_path}: no 'Vary: Accept-Encoding' on a response that depends on it")
        elif "content-encoding" in zipped.headers or zipped.body != data:
            problems.append(f"{url_path}: a file without twin must go out as it is")
    return problems


def test_every_file_is_served_with_its_type_encoding_cache_and_security_headers(
        server, client: Client, shipped_site: Path) -> None:
    problems = []
    files = site_files(shipped_site)
    for relpath in files:
        problems += check_file(client, shipped_site, relpath, "/guide/" + quote(relpath))
        if relpath == "index.html" or relpath.endswith("/index.html"):
            folder = "/guide/" + quote(relpath.removesuffix("index.html"))
            problems += check_file(client, shipped_site, relpath, folder)
            if folder != "/guide/":
                redirect = client.get(folder.rstrip("/"))
                if redirect.status != 301 or redirect.headers.get("location") != folder:
                    problems.append(f"{folder.rstrip('/')}: {redirect.status} to {redirect.headers.get('location')!r}, "
                                    f"expected 301 to {folder!r}")
                problems += header_problems(folder.rstrip("/"), redirect.headers)
    assert len(files) > 300 and any(name.endswith(".pf_fragment") for name in files)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("missing", ["/guide/gibt-es-nicht/", "/guide/de/trier/nicht-da/", "/guide/fr/absent.html",
                                     "/guide/assets/style.0000000000.css", "/guide/pagefind/fragment/none.pf_fragment"])
def test_a_missing_url_gets_status_404_and_the_guides_404_page(client: Client, shipped_site: Path,
                                                              missing: str) -> None:
    page = (shipped_site / "404.html").read_bytes()
    plain = client.get(missing)
    assert plain.status == 404
    assert plain.body == page
    assert plain.headers["content-type"] == "text/html; charset=utf-8"
    assert plain.headers["cache-control"] == REVALIDATE
    assert header_problems("/guide/404.html", plain.headers) == []  # the 404 page's own policy
    zipped = client.get(missing, Accept_Encoding="gzip")
    assert (zipped.status, zipped.headers.get("content-encoding")) == (404, "gzip")
    assert gzip.decompress(zipped.body) == page


def test_a_page_unchanged_since_the_last_visit_is_answered_304(client: Client) -> None:
    # what `Cache-Control: no-cache` costs: one conditional request, answered without the page
    for accept in ("identity", "gzip"):
        first = client.get("/guide/de/", Accept_Encoding=accept)
        again = client.get("/guide/de/", Accept_Encoding=accept, If_None_Match=first.headers["etag"])
        assert (first.status, again.status, again.body) == (200, 304, b"")
        assert again.headers["cache-control"] == REVALIDATE


def test_every_link_of_every_page_leads_to_a_file_the_server_delivers(client: Client, shipped_site: Path) -> None:
    """All HTML files are crawled and every link, stylesheet, script, icon and image they name is
    requested; the absolute URLs (canonical, hreflang, og:url) are followed on this server too."""
    root = BeautifulSoup((shipped_site / "index.html").read_bytes(), "html.parser")
    base_url = root.find("link", rel="canonical")["href"]  # https://quattropole.example.org/guide/
    assert base_url.endswith("/guide/")
    pages = ["/guide/" + quote(path.removesuffix("index.html")) for path in site_files(shipped_site)
             if path.endswith(".html")]
    queue, seen, broken, linked_to = list(pages), set(pages), [], set()
    links = 0
    while queue:
        url = queue.pop()
        response = client.get(url)
        if response.status != 200:
            continue  # reported where the link was found
        soup = BeautifulSoup(response.body, "html.parser")
        targets = [(element.name, value) for element in soup.find_all(True) for name in ("href", "src", "xlink:href")
                   if (value := element.get(name))]
        targets += [("meta", meta["content"]) for meta in soup.find_all("meta", property=["og:url", "og:image"])]
        for tag, target in targets:
            absolute = urljoin(base_url + url.removeprefix("/guide/"), target)
            if not absolute.startswith(base_url):
                assert urlsplit(absolute).scheme in ("https", "geo", "mailto", "tel"), absolute
                continue  # another host (OpenStreetMap, an entry's website) or a geo: link
            links += 1
            path = urlsplit(absolute).path
            if tag == "a" and path != url:
                linked_to.add(path)
            if path in seen:
                continue
            seen.add(path)
            status = client.get(path).status
            if status != 200:
                broken.append(f"{url} links to {target} → {path}: {status}")
            elif path.endswith(("/", ".html")):
                queue.append(path)
    assert links > 20 * len(pages)
    assert not broken, "\n".join(broken[:40])
    assert sorted(set(pages) - linked_to - {"/guide/", "/guide/404.html"}) == [], "pages no other page links to"


# --- In the browser: the Content-Security-Policy holds and nothing it refuses is needed ------------

#: Runs before any script of the page and is not itself subject to the page's CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"} `
                              + `(${event.sourceFile}:${event.lineNumber})`);
}, true);
"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]
    page.failed = []  # type: ignore[attr-defined]

    def on_console(message: ConsoleMessage) -> None:
        # "Refused to …" and the like, also for what fires no event (WebAssembly, workers); failed
        # loads are checked by status below
        refused = "Content Security Policy" in message.text or message.text.startswith("Refused")
        if refused or (message.type == "error" and not message.text.startswith("Failed to load resource")):
            page.problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("response", lambda response: response.status >= 400 and page.failed.append(urlsplit(response.url).path))
    page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", None)
            and not request.url.startswith("data:") and page.problems.append(f"third party: {request.url}"))
    yield page
    context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.problems


def styled(page: Page) -> bool:
    """The stylesheet and its web fonts were applied."""
    return page.evaluate("""async () => {
        await document.fonts.ready;
        return getComputedStyle(document.body).fontFamily.includes("Vollkorn")
            && [...document.fonts].some((font) => font.family.includes("Vollkorn") && font.status === "loaded");
    }""")


@pytest.mark.parametrize("path", [
    "",                                      # language chooser
    "de/", "fr/",                            # home pages
    "de/trier/", "fr/metz/",                 # city pages with their SVG maps
    "de/trier/porta-nigra/", "fr/luxembourg/mudam/",  # entries (JSON-LD, facts, geo: links)
    "de/routen/", "fr/a-propos/",            # a section and a page
])
def test_pages_load_through_nginx_without_any_csp_violation(server, page: Page, path: str) -> None:
    response = page.goto(server.url + path)
    assert response.status == 200
    assert styled(page)
    if page.locator("svg.map").count():
        assert page.locator("svg.map").first.is_visible()
        assert page.locator("svg.map a").count() > 0
    assert not (found := violations(page)), "\n".join(found)
    assert page.failed == []


@pytest.mark.parametrize(("lang", "word"), [("de", "Porta"), ("fr", "Trèves")])
def test_search_works_under_the_policy(server, page: Page, lang: str, word: str) -> None:
    """Pagefind loads its scripts, its worker and its WebAssembly and finds pages: the policy allows
    what it needs ('wasm-unsafe-eval' on the search page and its own files)."""
    page.goto(server.url + f"{lang}/search/")
    page.fill("#search input", word)
    try:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    except PlaywrightTimeoutError:
        pytest.fail("no search results; refused or failed: " + "\n".join(violations(page)))
    links = page.locator(".pagefind-ui__result-link")
    assert links.count() > 0
    assert links.first.evaluate("link => link.href").startswith(server.url + f"{lang}/")
    page.keyboard.press("Enter")  # Pagefind's form is never submitted (form-action 'none')
    page.wait_for_timeout(300)
    assert page.url == server.url + f"{lang}/search/"
    assert not (found := violations(page)), "\n".join(found)
    assert page.failed == []


def test_the_404_page_is_styled_under_the_policy(server, page: Page) -> None:
    response = page.goto(server.url + "de/trier/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "Seite nicht gefunden"
    assert styled(page)
    assert not (found := violations(page)), "\n".join(found)
    assert page.failed == ["/guide/de/trier/gibt-es-nicht/"]


def test_a_pdf_opens_in_the_browser_without_csp_refusals(server, page: Page) -> None:
    # Older Chromium versions refused the inline styles of their PDF viewer page under a strict CSP
    response = page.goto(server.url + "pdf/quattropole-de.pdf")
    assert response.status == 200
    page.wait_for_timeout(1000)
    assert [problem for problem in violations(page) if "Refused" in problem or "Policy" in problem] == []


def test_the_policy_is_enforced_and_violations_are_seen(server, page: Page) -> None:
    """The check above could pass by not seeing anything: an injected inline script and style
    attribute are refused, and reported."""
    page.goto(server.url + "de/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true;";
        document.head.append(script);
        document.body.setAttribute("style", "color: red");
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.injected") is None
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    seen = " ".join(violations(page))
    assert "script-src" in seen and "style-src" in seen
