"""Full-text search: a Pagefind index per language, built at build time from the rendered pages.

Pagefind (the ``pagefind[bin]`` package ships its binary) reads the HTML, splits the index by each
page's ``<html lang>``, and writes a static bundle that the browser searches without any server.
If the indexer cannot run, the build says so and the rest of the site is built.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import Diagnostics
from .outputs import OutputFile

logger = logging.getLogger(__name__)

SEARCH_FOLDER = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
TIMEOUT_S = 600


def build_search_index(site: Path, diagnostics: Diagnostics) -> list[OutputFile]:
    """The Pagefind bundle for the HTML pages in the folder ``site``, as files under ``pagefind/``."""
    with tempfile.TemporaryDirectory(prefix="guide-search-") as folder:
        bundle = Path(folder) / "bundle"
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle), "--silent"]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            diagnostics.warning(Path(SEARCH_FOLDER), 1, f"the search index was not built: {exc}"
                                + (f" ({detail.decode(errors='replace').strip()[:200]})" if detail else ""),
                                "the rest of the site is built; `pip install 'pagefind[bin]'` brings the indexer")
            return []
        return [_normalised(path, bundle) for path in sorted(bundle.rglob("*")) if path.is_file()]


def _normalised(path: Path, bundle: Path) -> OutputFile:
    """A bundle file; the entry file lists its languages in varying order, so it is rewritten sorted."""
    relative = path.relative_to(bundle).as_posix()
    data = path.read_bytes()
    if relative == ENTRY_FILE:
        data = json.dumps(json.loads(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return OutputFile(f"{SEARCH_FOLDER}/{relative}", data)
