"""The benchmark tools: the synthetic guide generator is deterministic and writes valid content, and
the floor writes one page per entry and language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from guide_builder import cli

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def _load(name: str) -> ModuleType:
    """A script of benchmarks/ (not a package) as a module."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate = _load("generate")
floor = _load("floor")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.generate(tmp_path_factory.mktemp("small") / "content", 8, cities=2, seed=3)


def test_same_seed_same_bytes_other_seed_other_text(tmp_path: Path, small_guide: Path):
    again = generate.generate(tmp_path / "again", 8, cities=2, seed=3)
    assert _files(again) == _files(small_guide)
    other = generate.generate(tmp_path / "other", 8, cities=2, seed=4)
    assert _files(other) != _files(small_guide)


def test_layout_of_the_generated_guide(small_guide: Path):
    names = set(_files(small_guide))
    assert {"guide.yaml", "glossary.yaml", "de/_index.md", "fr/_index.md"} <= names
    for lang in ("de", "fr"):
        entries = generate.entry_paths(small_guide, lang)
        assert len(entries) == 8
        assert len({path.parent.name for path in entries}) == 2
        assert all((path.parent / "_index.md").is_file() for path in entries)
    text = generate.entry_paths(small_guide, "fr")[0].read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert "\n## " in body and "\n- " in body and ".md)" in body
    assert 300 <= len(body.split()) <= 550
    assert " :" not in body and "\u00a0:" in body  # French spacing written into the text


def test_generated_guide_checks_clean_and_builds(small_guide: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture):
    assert cli.main(["check", "--content", str(small_guide)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "", captured.err  # no errors and no warnings
    code = cli.main(["build", "--content", str(small_guide), "--output", str(tmp_path / "out"), "--no-pdf",
                     "--no-search", "--cache", str(tmp_path / "cache"), "--quiet"])
    assert code == 0, capsys.readouterr().err
    pages = list((tmp_path / "out").rglob("index.html"))
    assert len(pages) >= 2 * (8 + 2 + 1)  # entries, cities and home of both languages


def test_edit_entry_changes_one_sentence(tmp_path: Path):
    content = generate.generate(tmp_path / "content", 4, cities=1, seed=0)
    before = _files(content)
    edited = generate.edit_entry(content, 1)
    after = _files(content)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [edited.relative_to(content).as_posix()]
    old_lines = before[changed[0]].decode().splitlines()
    new_lines = after[changed[0]].decode().splitlines()
    assert len(old_lines) == len(new_lines)
    assert sum(a != b for a, b in zip(old_lines, new_lines, strict=True)) == 1
    generate.edit_entry(content, 1)
    assert _files(content) == after  # the same version again changes nothing
    generate.edit_entry(content, 2)
    assert _files(content)[changed[0]] != after[changed[0]]


def test_floor_writes_one_page_per_entry_and_language(small_guide: Path, tmp_path: Path):
    assert floor.build(small_guide, tmp_path / "floor") == 16
    pages = sorted((tmp_path / "floor").rglob("index.html"))
    assert len(pages) == 16
    assert {page.relative_to(tmp_path / "floor").parts[0] for page in pages} == {"de", "fr"}
    assert "<h2" in pages[0].read_text(encoding="utf-8")
