"""Shared helpers: copy a fixture guide into tmp_path, change it, build it, read the output."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, sync_playwright

from guide_builder import cli, pipeline

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


class GuideFolder:
    """A content folder in tmp_path with an output folder beside it."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self._capsys = capsys

    def write(self, relpath: str, text: str) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def write_bytes(self, relpath: str, data: bytes) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def read(self, relpath: str) -> str:
        return (self.content / relpath).read_text(encoding="utf-8")

    def replace(self, relpath: str, old: str, new: str) -> None:
        text = self.read(relpath)
        assert old in text, f"{old!r} not in {relpath}"
        self.write(relpath, text.replace(old, new))

    def remove(self, relpath: str) -> None:
        (self.content / relpath).unlink()

    def run(self, *args: str) -> Result:
        self._capsys.readouterr()
        code = cli.main(list(args))
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def build(self, *extra: str) -> Result:
        """The website only, without PDFs and search index (slow; their tests ask for them)."""
        return self.run("build", "--content", str(self.content), "--output", str(self.output), "--no-pdf",
                        "--no-search", *extra)

    def build_with_pdf(self, *extra: str) -> Result:
        return self.run("build", "--content", str(self.content), "--output", str(self.output),
                        "--cache", str(self.root / "cache"), *extra)

    def check(self) -> Result:
        return self.run("check", "--content", str(self.content))

    def html(self, site_path: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / site_path).read_text(encoding="utf-8"), "html.parser")

    def snapshot(self) -> dict[str, bytes]:
        """Every output file's bytes, by relative path."""
        return {p.relative_to(self.output).as_posix(): p.read_bytes()
                for p in sorted(self.output.rglob("*")) if p.is_file()}


@pytest.fixture
def guide(tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> GuideFolder:
    """The minimal two-city fixture guide, copied so the test may change it."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return GuideFolder(tmp_path, capsys)


@pytest.fixture
def built(guide: GuideFolder) -> GuideFolder:
    """The fixture guide, built once without warnings."""
    result = guide.build()
    assert result.code == 0, result.err
    assert result.err == "", result.err
    return guide


SHIPPED_CONTENT = Path(__file__).parent.parent / "content"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide (content/) built once for the whole run: website, search index and PDFs.
    Read-only for the tests that use it (validators, link checker, web server)."""
    root = tmp_path_factory.mktemp("shipped")
    code = cli.main(["build", "--content", str(SHIPPED_CONTENT), "--output", str(root / "output"),
                     "--cache", str(root / "cache"), "--quiet"])
    assert code == 0
    return root / "output"


@pytest.fixture(scope="session")
def shipped() -> pipeline.Prepared:
    """The shipped guide, read, checked and converted (nothing rendered)."""
    report = pipeline.BuildReport()
    prepared = pipeline.prepare(SHIPPED_CONTENT, report)
    assert report.ok
    return prepared


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    assert Path(CHROMIUM).exists(), "Chromium is installed by `make test` (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"])
        yield browser
        browser.close()

