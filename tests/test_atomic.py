"""The output folder is always a complete site, the old one or the new one, whenever the build is
killed (kill -9 at random points of a real build in another process)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import GuideFolder

ROOT = Path(__file__).resolve().parent.parent
KILLS = 10


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def command(guide: GuideFolder, output: Path, cache: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(guide.content), "--output", str(output),
            "--cache", str(cache), "--no-pdf", "--no-search", "--quiet"]


def version(guide: GuideFolder, number: int) -> None:
    """Content version ``number``: each differs from the others on every page (the guide's title)."""
    text = guide.read("guide.yaml")
    start = text.index("de: Mini-Führer")
    end = text.index("\n", start)
    guide.write("guide.yaml", text[:start] + f"de: Mini-Führer {number}" + text[end:])


def test_a_killed_build_leaves_the_old_site_or_the_new_one(guide: GuideFolder) -> None:
    sites = {}
    for number in (1, 2):  # the two complete sites, built without interruption
        version(guide, number)
        reference = guide.root / f"reference-{number}"
        subprocess.run(command(guide, reference, guide.root / f"cache-{number}"), check=True, timeout=120)
        sites[number] = snapshot(reference)
    assert sites[1] != sites[2]

    output, cache = guide.root / "output", guide.root / "cache"
    version(guide, 1)
    subprocess.run(command(guide, output, cache), check=True, timeout=120)
    started = time.monotonic()
    version(guide, 2)
    subprocess.run(command(guide, output, cache), check=True, timeout=120)
    duration = time.monotonic() - started
    shown = 2
    chance = random.Random(20261128)
    outcomes = []
    for kill in range(KILLS):
        shown_next = 1 if shown == 2 else 2
        version(guide, shown_next)
        process = subprocess.Popen(command(guide, output, cache))
        time.sleep(chance.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        killed = process.wait() == -signal.SIGKILL
        found = snapshot(output)
        assert found in (sites[1], sites[2]), f"kill {kill}: the output is neither the old nor the new site"
        shown = 1 if found == sites[1] else 2
        outcomes.append(("killed" if killed else "finished", "new" if shown == shown_next else "old"))
    assert ("killed", "old") in outcomes, outcomes  # some kills did interrupt a build

    # and the next build, uninterrupted, finishes the job whatever the kill left behind
    version(guide, 1)
    subprocess.run(command(guide, output, cache), check=True, timeout=120)
    assert snapshot(output) == sites[1]
