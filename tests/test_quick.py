"""The quick rebuild (``guide_builder.quick``): when only the words of one page changed, that page
is updated in place — and the output is still exactly a full build's. Every change it must not
take (front matter, several files, images, warnings, anchors others link to, tracked or borrowed
texts) goes the normal way, with the same result."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from test_incremental import full_build, snapshot

from conftest import GuideFolder

ROOT = Path(__file__).resolve().parent.parent
PORTA = "de/trier/porta-nigra.md"
DOM = "de/trier/dom.md"
QUICK = "its page was updated in place"


def quick_build(guide: GuideFolder, *extra: str):
    return guide.build("--verbose", *extra)


def test_a_changed_sentence_updates_only_that_page(built: GuideFolder) -> None:
    before = {p: p.stat().st_mtime_ns for p in built.output.rglob("*") if p.is_file()}
    built.replace(PORTA, "Das Tor entstand", "Das große Tor entstand")
    result = quick_build(built)
    assert result.code == 0 and ": warning:" not in result.err, result.err
    assert QUICK in result.err and "(1 rendered, the others unchanged)" in result.out, result.out
    changed = {p.relative_to(built.output).as_posix() for p in built.output.rglob("*")
               if p.is_file() and before.get(p) != p.stat().st_mtime_ns}
    assert changed == {"de/trier/porta-nigra/index.html", "de/trier/porta-nigra/index.html.gz"}
    assert "Das große Tor entstand" in built.html("de/trier/porta-nigra/index.html").get_text()
    assert snapshot(built.output) == full_build(built)


def test_edits_in_a_row_then_a_normal_build_equal_full_builds(built: GuideFolder) -> None:
    for number in range(3):
        built.replace(PORTA, "Das Tor", f"Das Tor ({number})")
        assert QUICK in quick_build(built).err
        assert snapshot(built.output) == full_build(built)
    assert built.build().out.startswith("nothing changed")
    built.replace(PORTA, "title: Porta Nigra", "title: Schwarzes Tor")  # front matter: the normal way
    result = quick_build(built)
    assert QUICK not in result.err and result.code == 0
    assert snapshot(built.output) == full_build(built)
    built.replace(PORTA, "Das Tor", "Das alte Tor")  # the marks of the normal build serve the next quick one
    assert QUICK in quick_build(built).err
    assert snapshot(built.output) == full_build(built)


def _twin_tracks_the_text(guide: GuideFolder) -> None:
    assert guide.run("translated", str(guide.content / "fr/trier/porta-nigra.md")).code == 0
    assert guide.build().code == 0
    guide.replace(PORTA, "Das Tor entstand", "Das Tor wurde gebaut")


def _borrowed_text(guide: GuideFolder) -> None:
    guide.remove("fr/trier/porta-nigra.md")
    assert guide.build().code == 0
    guide.replace(PORTA, "Das Tor entstand", "Das große Tor entstand")


def _image_in_the_text(guide: GuideFolder) -> None:
    path = guide.content / "de/trier/tor.png"
    Image.new("RGB", (2000, 1000), (180, 120, 60)).save(path)
    guide.write(PORTA, guide.read(PORTA) + "\n![Das Tor von Norden](tor.png)\n")


NOT_QUICK = {
    "front matter": lambda g: g.replace(PORTA, "summary: Das römische", "summary: Das alte römische"),
    "two files": lambda g: [g.replace(PORTA, "Das Tor", "Das alte Tor"), g.replace(DOM, "Am Domfreihof", "Am Platz")],
    "a new file": lambda g: [g.replace(PORTA, "Das Tor", "Das alte Tor"),
                             g.write("de/trier/neu.md", "---\ntitle: Neu\ncategory: sight\nsummary: Neu.\n"
                                                        "lat: 49.7560\nlon: 6.6400\n---\nText.\n")],
    "an image in the text": _image_in_the_text,
    "a heading another page links to, removed": lambda g: g.replace(DOM, "## Lage", "## Ort"),
    "a link to an anchor it did not link to": lambda g: g.replace(DOM, "(porta-nigra.md)",
                                                                  "(porta-nigra.md#geschichte)"),
    "a translation that tracks the text": _twin_tracks_the_text,
    "a text another language shows": _borrowed_text,
}


@pytest.mark.parametrize("change", NOT_QUICK.values(), ids=NOT_QUICK.keys())
def test_changes_beyond_one_text_take_the_normal_way_with_the_same_result(built: GuideFolder, change) -> None:
    change(built)
    result = quick_build(built)
    assert result.code == 0, result.err
    assert QUICK not in result.err, result.err
    assert snapshot(built.output) == full_build(built)


@pytest.mark.parametrize("text, expected", [
    ("Das Tor <u onclick='x()'>entstand</u>", "de/trier/porta-nigra.md:14: warning: unsafe HTML removed"),
    ("Das Tor [entstand](nirgends.md)", "de/trier/porta-nigra.md:14: error: link to 'nirgends.md': no such page"),
])
def test_a_text_with_a_problem_is_reported_the_normal_way(built: GuideFolder, text: str, expected: str) -> None:
    before = snapshot(built.output)
    built.replace(PORTA, "Das Tor entstand", text)
    result = quick_build(built)
    assert QUICK not in result.err
    assert expected in result.err, result.err
    if "error" in expected:
        assert result.code == 1 and snapshot(built.output) == before
    else:
        assert snapshot(built.output) == full_build(built)
        built.replace(PORTA, text, "Das Tor entstand")  # the problem gone: still the normal way, once
        assert QUICK not in quick_build(built).err
        assert snapshot(built.output) == full_build(built)


def test_a_foreign_place_name_is_warned_about_the_normal_way(built: GuideFolder) -> None:
    built.write("glossary.yaml", "- de: Trier\n  fr: Trèves\n")
    assert built.build().code == 0
    built.replace(PORTA, "Das Tor entstand", "Das Tor von Trèves entstand")
    result = quick_build(built)
    assert QUICK not in result.err
    assert "de/trier/porta-nigra.md:14: warning: 'Trèves' is the fr name" in result.err, result.err


def test_an_output_file_changed_behind_the_builds_back_is_repaired(built: GuideFolder) -> None:
    (built.output / "de/trier/trierer-dom/index.html").write_text("vandalised")
    built.replace(PORTA, "Das Tor entstand", "Das große Tor entstand")
    assert QUICK not in quick_build(built).err
    assert snapshot(built.output) == full_build(built)


def test_with_the_search_index_the_normal_way(built: GuideFolder) -> None:
    built.replace(PORTA, "Das Tor entstand", "Das große Tor entstand")
    result = built.run("build", "--content", str(built.content), "--output", str(built.output), "--no-pdf", "-v")
    assert result.code == 0 and QUICK not in result.err


def test_a_killed_quick_build_leaves_the_old_page_or_the_new_one(built: GuideFolder) -> None:
    """kill -9 at random points of quick builds: the page's folder is always the old one or the
    new one, complete, and the next build is right."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(built.content), "--output",
               str(built.output), "--cache", str(built.root / ".cache"), "--no-pdf", "--no-search", "--quiet"]
    page = built.output / "de/trier/porta-nigra"
    folder = lambda: {p.name: p.read_bytes() for p in sorted(page.iterdir())}  # noqa: E731
    versions = {}
    for number in (1, 2):
        built.replace(PORTA, "Das Tor", f"Das Tor ({number})")
        started = time.monotonic()
        subprocess.run(command, check=True, timeout=60)
        duration = time.monotonic() - started
        versions[number] = folder()
        built.replace(PORTA, f"Das Tor ({number})", "Das Tor")
    chance = random.Random(20261129)
    for kill in range(8):
        number = 1 + kill % 2
        built.replace(PORTA, "Das Tor", f"Das Tor ({number})")
        process = subprocess.Popen(command)
        time.sleep(chance.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = folder()
        assert found in versions.values(), f"kill {kill}: the page is neither the old nor the new one"
        subprocess.run(command, check=True, timeout=60)
        assert folder() == versions[number]
        assert not list(built.root.glob(".output.new-*"))
        built.replace(PORTA, f"Das Tor ({number})", "Das Tor")
