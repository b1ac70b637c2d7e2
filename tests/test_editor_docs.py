"""The editors' guides (docs/redaktion.md, docs/redaction.md): every example in them is checked.

The guides mark what the test collects by the info string of a fenced block:

- ```` ```markdown example=de/trier/porta-nigra.md ````: a complete file. All of them together, written
  into a copy of the minimal fixture guide, must pass ``check`` without a single warning.
- ```` ```markdown error=PATH message=TEXT ````: a mistake shown in the guide. Written alone over such a
  copy, it makes ``check`` report an error whose message contains TEXT.
- ```` ```markdown warning=PATH message=TEXT ````: the same for a warning (``check`` still passes).
- ```` ```text output ```` right after an error or warning block: the lines ``check`` prints for it, each
  one verbatim (run from the folder holding ``content/``, as editors do).
- the table after ``<!-- test: hours -->``: each opening-hours value passes ``check`` and is shown to
  readers as the table's second column says.

A copy gets what the examples need and the fixture lacks: the cities, pages and sections of the real
guide in guide.yaml with placeholder pages, a placeholder translation for each example whose other
language the guides do not show, and an image (made here) for each image an example names.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from PIL import Image

from guide_builder import cli
from guide_builder.hours import format_hours

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
REAL_CONFIG = ROOT / "content" / "guide.yaml"
DOCS = {"de": ROOT / "docs" / "redaktion.md", "fr": ROOT / "docs" / "redaction.md"}

FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*)$")
MARKED = re.compile(r"^(?P<syntax>\S+)\s+(?P<kind>example|error|warning)=(?P<path>\S+)(?:\s+message=(?P<message>.+))?$")
HOURS_MARK = "<!-- test: hours -->"
IMAGE_IN_TEXT = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
#: wide enough for 300 dpi in print (a column, or a city's picture across the page): no image draws a warning
IMAGE_SIZE = (1900, 800)


@dataclass(frozen=True)
class Block:
    """A fenced block of a guide that the test uses."""

    doc: str  #: file name of the guide
    line: int  #: line of the opening fence
    kind: str  #: example, error or warning
    path: str  #: where the file goes, relative to the content folder
    text: str
    message: str = ""
    output: tuple[str, ...] = ()  #: lines of the ``text output`` block that follows, if any

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """(line of the opening fence, info string, content) of every fenced block."""
    blocks = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening.groups()
        closing = next((i for i in range(index + 1, len(lines))
                        if lines[i].strip().startswith(fence[0] * len(fence)) and not lines[i].strip(fence[0]).strip()),
                       len(lines))
        blocks.append((index + 1, info.strip(), "\n".join(lines[index + 1:closing]) + "\n"))
        index = closing + 1
    return blocks


def marked_blocks(doc: Path) -> list[Block]:
    found: list[Block] = []
    follows_mistake = False  # whether the block before this one was an error or warning block
    for line, info, content in fenced_blocks(doc.read_text(encoding="utf-8")):
        if info == "text output":
            assert follows_mistake, f"{doc.name}:{line}: an output block must follow an error or warning block"
            mistake = found.pop()
            found.append(Block(mistake.doc, mistake.line, mistake.kind, mistake.path, mistake.text,
                               mistake.message, tuple(item for item in content.split("\n") if item.strip())))
            follows_mistake = False
            continue
        match = MARKED.match(info)
        follows_mistake = bool(match) and match["kind"] != "example"
        if match is None:
            assert not re.search(r"\b(example|error|warning)=", info), f"{doc.name}:{line}: unreadable {info!r}"
            continue
        kind, message = match["kind"], (match["message"] or "").strip()
        assert (kind == "example") == (not message), f"{doc.name}:{line}: message= goes with error= and warning="
        found.append(Block(doc.name, line, kind, match["path"], content, message))
    return found


BLOCKS = [block for doc in DOCS.values() for block in marked_blocks(doc)]
EXAMPLES = [block for block in BLOCKS if block.kind == "example"]
MISTAKES = [block for block in BLOCKS if block.kind != "example"]


def example_files() -> dict[str, str]:
    """Every example file by path; two guides may show the same file only with the same text."""
    files: dict[str, str] = {}
    for block in EXAMPLES:
        assert files.get(block.path, block.text) == block.text, f"{block.id}: another text for {block.path}"
        files[block.path] = block.text
    return files


def front_matter(text: str) -> dict:
    _, meta, _ = text.split("---\n", 2)
    return yaml.safe_load(meta) or {}


@cache
def image_bytes(suffix: str) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", IMAGE_SIZE, (176, 132, 88)).save(buffer, Image.registered_extensions()[suffix])
    return buffer.getvalue()


def placeholder(lang: str, meta: dict | None = None) -> str:
    """A page that only has to exist: the required keys, nothing that could draw a warning."""
    lines = ["---", f"title: Placeholder {lang}", "summary: Only for the test."]
    if meta and "category" in meta:
        lines.append(f"category: {meta['category']}")
    return "\n".join([*lines, "---", "Placeholder.", ""])


class Guide:
    """A copy of the fixture guide in its own folder, with the examples' files written into it."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURE, self.content)
        self.config = yaml.safe_load((self.content / "guide.yaml").read_text(encoding="utf-8"))
        real = yaml.safe_load(REAL_CONFIG.read_text(encoding="utf-8"))
        for key in ("cities", "pages", "sections"):
            self.config[key] = list(dict.fromkeys([*self.config.get(key, []), *real.get(key, [])]))
        (self.content / "guide.yaml").write_text(yaml.safe_dump(self.config, allow_unicode=True), encoding="utf-8")

    @property
    def languages(self) -> list[str]:
        return self.config["languages"]

    def write(self, relpath: str, text: str) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def add_examples(self, files: dict[str, str]) -> None:
        for relpath, text in files.items():
            path = self.write(relpath, text)
            if path.suffix == ".md":
                self._add_images(path, text)
        self._add_translations(files)
        self._add_structure()

    def _add_translations(self, files: dict[str, str]) -> None:
        """The other language of each example the guides show in one language only."""
        for relpath, text in files.items():
            lang, _, inside = relpath.partition("/")
            if lang not in self.languages:
                continue
            for other in self.languages:
                if f"{other}/{inside}" not in files:
                    self.write(f"{other}/{inside}", placeholder(other, front_matter(text)))

    def _add_structure(self) -> None:
        """The home of every city and section and every listed page, where the fixture has none."""
        for lang in self.languages:
            needed = [f"{folder}/_index.md" for folder in self.config["cities"] + self.config["sections"]]
            for relpath in needed + [f"{page}.md" for page in self.config["pages"]]:
                if not (self.content / lang / relpath).exists():
                    self.write(f"{lang}/{relpath}", placeholder(lang))

    def _add_images(self, page: Path, text: str) -> None:
        names = IMAGE_IN_TEXT.findall(text)
        if text.startswith("---\n") and front_matter(text).get("image"):
            names.append(front_matter(text)["image"])
        for name in names:
            if "://" in name:
                continue
            target = (page.parent / name).resolve()
            if not target.is_relative_to(self.content.resolve()):
                target = self.content / "images" / Path(name).name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(image_bytes(target.suffix.lower()))

    def check(self, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
        """``build.py check`` run from the folder that holds ``content/``: exit code and what it printed."""
        monkeypatch.chdir(self.root)
        capsys.readouterr()
        code = cli.main(["check", "--content", "content"])
        captured = capsys.readouterr()
        return code, captured.out + captured.err


def test_the_guides_have_examples_and_mistakes_in_both_languages() -> None:
    for name in ("redaktion.md", "redaction.md"):
        kinds = {block.kind for block in BLOCKS if block.doc == name}
        assert kinds == {"example", "error", "warning"}, name
    assert all(block.output for block in MISTAKES if block.kind == "error"), "show what check prints for each error"


def test_every_example_passes_check_without_warnings(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    guide = Guide(tmp_path)
    guide.add_examples(example_files())
    code, printed = guide.check(capsys, monkeypatch)
    assert code == 0, printed
    assert "warning:" not in printed and "error:" not in printed, printed
    assert ", 0 warning(s)" in printed


@pytest.mark.parametrize("block", MISTAKES, ids=[block.id for block in MISTAKES])
def test_every_mistake_gets_the_message_the_guide_shows(block: Block, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    guide = Guide(tmp_path)
    guide.add_examples(example_files())
    guide.write(block.path, block.text)
    code, printed = guide.check(capsys, monkeypatch)
    reported = [line for line in printed.splitlines() if f": {block.kind}: " in line]
    assert any(block.message in line for line in reported), printed
    assert code == (1 if block.kind == "error" else 0), printed
    for line in block.output:
        assert line in printed.splitlines(), f"{block.id}: {line!r} not printed:\n{printed}"


def hours_examples(doc: Path) -> list[tuple[str, str]]:
    """(value, as shown) from the table after the hours marker."""
    text = doc.read_text(encoding="utf-8")
    assert HOURS_MARK in text, f"{doc.name}: no table of opening hours marked {HOURS_MARK}"
    table = []
    for line in text.split(HOURS_MARK, 1)[1].lstrip("\n").split("\n"):
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    rows = [(cells[0].strip("`"), cells[1]) for cells in table[2:]]  # after the head and its underline
    assert len(rows) >= 3, doc.name
    return rows


@pytest.mark.parametrize("lang", sorted(DOCS))
def test_opening_hours_examples_are_valid_and_shown_as_the_table_says(lang: str, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    guide = Guide(tmp_path)
    files = {}
    for number, (value, shown) in enumerate(hours_examples(DOCS[lang]), start=1):
        files[f"{lang}/trier/hours-{number}.md"] = (
            f"---\ntitle: Hours {number}\ncategory: museum\nsummary: Test.\nhours: {json.dumps(value)}\n---\nText.\n")
        assert " ".join(format_hours(value, lang).split()) == " ".join(shown.split()), value
    guide.add_examples(files)
    code, printed = guide.check(capsys, monkeypatch)
    assert code == 0 and "warning:" not in printed, printed
