"""Incremental builds: a rebuild equals a full build byte for byte, does nothing when nothing
changed, and never trusts a damaged cache or an output folder changed behind its back."""

from __future__ import annotations

import fcntl
import multiprocessing
import shutil
import time
from pathlib import Path

import pytest

from guide_builder import incremental

from conftest import GuideFolder

PORTA = "de/trier/porta-nigra.md"
EDITS = {
    "body of one entry": lambda g: g.replace(PORTA, "Das Tor entstand", "Das große Tor entstand"),
    "title of an entry (lists, maps, neighbours)": lambda g: g.replace(PORTA, "title: Porta Nigra",
                                                                     "title: Schwarzes Tor"),
    "coordinates of an entry": lambda g: [g.replace(f"{lang}/trier/porta-nigra.md", "lat: 49.75968", "lat: 49.75600")
                                          for lang in ("de", "fr")],
    "slug of a linked entry": lambda g: g.replace("fr/trier/dom.md", "slug: cathedrale", "slug: la-cathedrale"),
    "a city's title (navigation of every page)": lambda g: g.replace("de/metz/_index.md", "title: Metz",
                                                                      "title: Metz an der Mosel"),
    "a new entry": lambda g: g.write("de/trier/neu.md", "---\ntitle: Neu\ncategory: sight\nsummary: Neu hier.\n"
                                                         "lat: 49.7560\nlon: 6.6400\n---\nText.\n"),
    "a removed translation": lambda g: g.remove("fr/trier/porta-nigra.md"),
    "guide.yaml": lambda g: g.replace("guide.yaml", "de: Zwei Städte", "de: Zwei Städte an der Mosel"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def full_build(guide: GuideFolder, name: str = "full") -> dict[str, bytes]:
    """The same content built from nothing, into a folder of its own with a cache of its own."""
    output, cache = guide.root / name, guide.root / f"{name}-cache"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    result = guide.run("build", "--content", str(guide.content), "--output", str(output), "--cache", str(cache),
                       "--no-pdf", "--no-search")
    assert result.code == 0, result.err
    return snapshot(output)


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_rebuild_after_an_edit_equals_a_full_build(built: GuideFolder, edit) -> None:
    edit(built)
    result = built.build()
    assert result.code == 0, result.err
    assert "rendered" in result.out or "built" in result.out
    assert snapshot(built.output) == full_build(built)


def test_rebuild_after_editing_one_body_renders_only_that_page(built: GuideFolder) -> None:
    EDITS["body of one entry"](built)
    result = built.build()
    assert "(1 rendered, the others unchanged)" in result.out, result.out


def test_title_change_renders_the_pages_that_list_the_entry(built: GuideFolder) -> None:
    EDITS["title of an entry (lists, maps, neighbours)"](built)
    result = built.build()
    # the entry in both languages, the city page in both, the neighbour (dom) in both
    assert "(6 rendered, the others unchanged)" in result.out, result.out
    assert "Schwarzes Tor" in built.html("de/trier/index.html").get_text()


def test_rebuild_with_nothing_changed_does_nothing(built: GuideFolder) -> None:
    before = {p: p.stat().st_mtime_ns for p in built.output.rglob("*")}
    result = built.build()
    assert result.code == 0
    assert result.out.startswith("nothing changed since the last build"), result.out
    assert {p: p.stat().st_mtime_ns for p in built.output.rglob("*")} == before


def test_a_failed_rebuild_keeps_the_output_and_the_next_good_one_is_complete(built: GuideFolder) -> None:
    before = snapshot(built.output)
    built.replace(PORTA, "lat: 49.75968", "lat: north")
    assert built.build().code == 1
    assert snapshot(built.output) == before
    built.replace(PORTA, "lat: north", "lat: 49.75968")
    assert built.build().code == 0
    assert snapshot(built.output) == full_build(built)


def test_warnings_are_repeated_by_a_build_that_had_nothing_to_do(built: GuideFolder) -> None:
    built.replace(PORTA, "Das Tor entstand", "Das Tor <u onclick='x()'>entstand</u>")
    first = built.build()
    second = built.build()
    assert "unsafe HTML removed" in first.err
    assert second.out.startswith("nothing changed")
    assert second.err == first.err


def state_files(guide: GuideFolder, suffix: str) -> list[Path]:
    return sorted((guide.root / ".cache" / incremental.STATE_FOLDER).glob(f"*{suffix}"))


#: each file with an edit whose build reads it: the parsed files and bodies (.caches) for a title
#: change, what the quick rebuild of one text needs (.quick) for a changed sentence
READ_BY = {".state": "body of one entry", ".caches": "title of an entry (lists, maps, neighbours)",
           ".quick": "body of one entry"}


@pytest.mark.parametrize("suffix", READ_BY.keys())
@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: data[:-10] + b"0123456789",
    lambda data: b"not a state file",
    lambda data: b"",
], ids=["truncated", "changed bytes", "other file", "empty"])
def test_a_damaged_cache_is_discarded(built: GuideFolder, damage, suffix: str) -> None:
    [state] = state_files(built, suffix)
    state.write_bytes(damage(state.read_bytes()))
    EDITS[READ_BY[suffix]](built)
    result = built.build("--verbose")
    assert result.code == 0, result.err
    if state.stat().st_size:
        assert "discarded" in result.err
    assert snapshot(built.output) == full_build(built)


def test_a_cache_from_another_version_of_the_tool_is_discarded(built: GuideFolder,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "tool_fingerprint", lambda: "another version")
    result = built.build("--verbose")
    assert "made by another version of the tool; discarded" in result.err
    assert "rendered" not in result.out  # everything was made again
    assert snapshot(built.output) == full_build(built)


def test_an_output_file_changed_behind_the_builds_back_is_made_again(built: GuideFolder) -> None:
    page = built.output / "de" / "trier" / "porta-nigra" / "index.html"
    page.write_text("vandalised", encoding="utf-8")
    (built.output / "stray.txt").write_text("not ours", encoding="utf-8")
    result = built.build()
    assert not result.out.startswith("nothing changed")
    assert snapshot(built.output) == full_build(built)


def test_a_template_change_renders_every_page_again(built: GuideFolder, tmp_path: Path) -> None:
    from guide_builder.options import TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    options = ["--content", str(built.content), "--output", str(built.output)]
    # the CLI has no --templates option; build through the API the way the CLI does
    from guide_builder import builder
    from guide_builder.options import BuildOptions

    opts = BuildOptions(templates_dir=templates, pdf=False, search=False, cache_dir=built.root / ".cache")
    assert builder.build(built.content, built.output, opts).ok
    footer = templates / "base.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</body>", "<!-- changed --></body>"),
                      encoding="utf-8")
    report = builder.build(built.content, built.output, opts)
    assert report.ok and report.rendered == report.pages
    assert "<!-- changed -->" in (built.output / "fr" / "metz" / "index.html").read_text(encoding="utf-8")
    assert options  # the paths used above are the CLI's


def hold_lock(output: Path, seconds: float, ready) -> None:
    lock = output.parent / f".{output.name}.lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("process 4242 (a test)")
        handle.flush()
        ready.set()
        time.sleep(seconds)


def test_a_second_build_waits_for_the_first_and_says_so(built: GuideFolder) -> None:
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=hold_lock, args=(built.output, 1.5, ready))
    holder.start()
    try:
        assert ready.wait(10)
        started = time.monotonic()
        EDITS["body of one entry"](built)
        result = built.build("--verbose")
        waited = time.monotonic() - started
    finally:
        holder.join(10)
    assert result.code == 0, result.err
    assert "waiting: another build is writing output/ (process 4242 (a test))" in result.err
    assert waited >= 1.0  # it did wait for the lock to be released
    assert snapshot(built.output) == full_build(built)


def test_pages_rendered_on_several_cores_equal_those_rendered_on_one(guide: GuideFolder,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from guide_builder import parallel, pipeline
    from guide_builder.options import BuildOptions

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # the fixture is small: fork even for it
    outputs = {}
    for workers in (1, 2):
        output = guide.root / f"output-{workers}"
        options = BuildOptions(pdf=False, search=False, workers=workers)
        report = pipeline.build(guide.content, output, options)
        assert report.ok and report.rendered == report.pages
        outputs[workers] = snapshot(output)
    assert outputs[1] == outputs[2]


def test_a_template_error_in_a_worker_names_the_template_and_line(guide: GuideFolder, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from guide_builder import parallel, pipeline
    from guide_builder.options import TEMPLATES_DIR, BuildOptions

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    entry = templates / "entry.html"
    lines = entry.read_text(encoding="utf-8").split("\n")
    lines[2] += "{{ no_such_value.attribute }}"
    entry.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(guide.output) if guide.output.exists() else {}
    report = pipeline.build(guide.content, guide.output, BuildOptions(pdf=False, search=False, workers=2,
                                                                      templates_dir=templates))
    [error] = report.diagnostics.errors
    assert error.path.endswith("entry.html") and error.line == 3, error
    assert "no_such_value" in error.message
    assert (snapshot(guide.output) if guide.output.exists() else {}) == before


def test_a_link_to_a_page_not_yet_written_is_resolved_when_it_is(built: GuideFolder) -> None:
    built.replace("de/trier/dom.md", "nahe der [Porta Nigra](porta-nigra.md)", "nahe der [Markt](markt.md)")
    broken = built.build()
    assert broken.code == 1 and "link to 'markt.md': no such page" in broken.err
    built.write("de/trier/markt.md", "---\ntitle: Hauptmarkt\ncategory: sight\nsummary: Der Markt.\n"
                                     "lat: 49.7565\nlon: 6.6413\n---\nText.\n")
    result = built.build()
    assert result.code == 0, result.err
    assert snapshot(built.output) == full_build(built)


def test_a_removed_translation_is_warned_about_in_the_texts_that_link_to_it(built: GuideFolder) -> None:
    built.remove("fr/trier/porta-nigra.md")
    result = built.build()
    output, cache = built.root / "full", built.root / "full-cache"
    full = built.run("build", "--content", str(built.content), "--output", str(output), "--cache", str(cache),
                     "--no-pdf", "--no-search")
    assert "that page exists only in de" in result.err
    assert result.err == full.err
    assert snapshot(built.output) == snapshot(output)


def test_what_the_state_keeps_of_a_removed_file_goes_with_it(built: GuideFolder) -> None:
    removed = built.content / "fr/trier/porta-nigra.md"
    built.remove("fr/trier/porta-nigra.md")
    assert built.build().code == 0
    state, _ = incremental.load_state(built.root / ".cache", built.output)
    assert incremental.load_caches(built.root / ".cache", built.output, state) == ""
    assert str(removed) not in state.parsed and len(state.parsed) == 11
    assert not [key for key in state.bodies if key[1] == "fr" and key[0][2] == "porta-nigra"]
