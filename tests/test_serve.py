"""The live preview: a change is served within a deadline; a broken file shows an overlay with file
and line over the last good page, and fixing it brings the page back."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from guide_builder.serve import Preview

from conftest import GuideFolder

DEADLINE_S = 15


@pytest.fixture
def preview(guide: GuideFolder) -> Iterator[Preview]:
    running = Preview(guide.content, guide.root / "preview", port=0)
    running.start()
    yield running
    running.stop()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {DEADLINE_S} s")


def test_an_edit_is_served_and_an_error_is_overlaid_until_fixed(guide: GuideFolder, preview: Preview) -> None:
    page = preview.url + "de/trier/porta-nigra/"
    first = fetch(page)
    assert "Das Tor entstand um 170" in first and "/__guide/reload.js" in first
    version = fetch(preview.url + "__guide/version")

    guide.replace("de/trier/porta-nigra.md", "Das Tor entstand um 170", "Das Stadttor entstand um 170")
    until(lambda: "Das Stadttor entstand" in fetch(page))
    assert fetch(preview.url + "__guide/version") != version

    guide.replace("de/trier/porta-nigra.md", "stars: 3", "stars: drei")
    until(lambda: "guide-build-errors" in fetch(page))
    broken = fetch(page)
    assert "content/de/trier/porta-nigra.md:5: error: &#x27;stars&#x27;" in broken
    assert "Das Stadttor entstand" in broken  # the last good version stays readable under the overlay

    guide.replace("de/trier/porta-nigra.md", "stars: drei", "stars: 3")
    until(lambda: "guide-build-errors" not in fetch(page))
    assert "Das Stadttor entstand" in fetch(page)
    assert "location.reload" in fetch(preview.url + "__guide/reload.js")


def test_a_rebuild_renders_only_what_the_change_affects(guide: GuideFolder) -> None:
    reports = []
    running = Preview(guide.content, guide.root / "preview", port=0, on_build=reports.append)
    running.start()
    try:
        page = running.url + "de/trier/porta-nigra/"
        guide.replace("de/trier/porta-nigra.md", "Das Tor entstand um 170", "Das Stadttor entstand um 170")
        until(lambda: "Das Stadttor entstand" in fetch(page))
    finally:
        running.stop()
    first, last = reports[0], reports[-1]
    assert first.rendered == first.pages  # the first build renders everything
    assert last.rendered == 1, (last.rendered, last.pages)  # only the page whose text changed
