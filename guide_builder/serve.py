"""Live preview for editors: build, serve on localhost, rebuild on every change, reload the browser.

A content error does not stop the preview: the last good site stays served, and every page it
serves carries an overlay listing the problems (file and line), so a reload shows it too. The
overlay and the reload script are added by the server to what it sends, never to the files.
"""

from __future__ import annotations

import html
import logging
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from . import builder
from .diagnostics import Diagnostic
from .incremental import BuildState
from .options import TEMPLATES_DIR, BuildOptions
from .outputs import BuildReport

logger = logging.getLogger(__name__)

VERSION_PATH = "/__guide/version"
RELOAD_SCRIPT_PATH = "/__guide/reload.js"
#: polls the version and reloads the page when a rebuild changed it
RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  function poll() {
    fetch("/__guide/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).then(function () { setTimeout(poll, 700); });
  }
  poll();
}());
"""


@dataclass
class PreviewState:
    """What the server shows: the build's version and the problems of the latest build."""

    version: int = 0
    problems: list[Diagnostic] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, report: BuildReport) -> None:
        with self.lock:
            self.version += 1
            self.problems = report.diagnostics.sorted()


class PreviewHandler(SimpleHTTPRequestHandler):
    state: PreviewState

    def log_message(self, *args) -> None:  # the terminal shows the build's messages, not each request
        pass

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            return self._send(str(self.state.version).encode(), "text/plain")
        if self.path == RELOAD_SCRIPT_PATH:
            return self._send(RELOAD_SCRIPT, "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(self._with_preview(path.read_bytes()), "text/html; charset=utf-8")
        return super().do_GET()

    def _with_preview(self, page: bytes) -> bytes:
        addition = f'<script src="{RELOAD_SCRIPT_PATH}"></script>' + overlay(self.state.problems)
        return page.replace(b"</body>", addition.encode("utf-8") + b"</body>", 1)

    def _send(self, data: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def overlay(problems: list[Diagnostic]) -> str:
    """The problems of the latest build over the page (errors first); empty when there are none."""
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return ""
    items = "".join(f"<li>{html.escape(problem.format())}</li>" for problem in errors)
    return ('<aside id="guide-build-errors" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
            'max-height:45vh;overflow:auto;background:#fff4f0;color:#5c1a00;border-top:4px solid #b4451f;'
            'padding:1rem 1.5rem;font:14px/1.5 monospace;z-index:1000">'
            f"<strong>The last change was not built. The page shows the last good version.</strong><ul>{items}</ul>"
            "</aside>")


class Preview:
    """A preview server and its watcher, running until :meth:`stop`."""

    def __init__(self, content: Path, output: Path, port: int, templates_dir: Path = TEMPLATES_DIR,
                 on_build=None, progress=None, cache_dir: Path | None = None):
        self.content, self.output, self.templates_dir = content, output, templates_dir
        # one process: the server's threads would make forking workers unsafe, and a change renders few pages
        self.options = BuildOptions(pdf=False, search=False, compress=False, templates_dir=templates_dir,
                                    progress=progress, cache_dir=cache_dir, workers=1)
        self.build_state = BuildState()  #: kept in memory: each rebuild redoes only what the change affects
        self.state = PreviewState()
        self.stop_event = threading.Event()
        self.on_build = on_build
        handler = type("Handler", (PreviewHandler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(output)))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def build(self) -> BuildReport:
        report = builder.build(self.content, self.output, self.options, self.build_state)
        self.state.update(report)
        if self.on_build:
            self.on_build(report)
        return report

    def start(self) -> None:
        self.output.mkdir(parents=True, exist_ok=True)
        self.build()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        for _changes in watch(self.content, self.templates_dir, stop_event=self.stop_event, debounce=200,
                              step=50, raise_interrupt=False):
            self.build()

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()
