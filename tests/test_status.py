"""Translation status: missing and outdated translations, marking, diffs, and the web notice."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import GuideFolder

PN_DE = "de/trier/porta-nigra.md"
PN_FR = "fr/trier/porta-nigra.md"


def row(output: str, name: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.strip().startswith(name + " "))
    return [cell.strip() for cell in line.split("  ") if cell.strip()][1:]


@pytest.fixture
def tracked(guide: GuideFolder) -> GuideFolder:
    """Every French entry marked as a translation of the German text."""
    files = [str(guide.content / f"fr/{city}/{name}.md") for city, name in
             (("trier", "porta-nigra"), ("trier", "dom"), ("metz", "kathedrale"))]
    result = guide.run("translated", "--content", str(guide.content), *files)
    assert result.code == 0, result.err
    assert "content/fr/trier/porta-nigra.md: marked as up to date with content/de/trier/porta-nigra.md" in result.out
    return guide


def test_status_table_with_one_missing_and_one_outdated(tracked: GuideFolder) -> None:
    tracked.remove("fr/trier/dom.md")
    tracked.replace(PN_FR, "[cathédrale](dom.md)", "cathédrale")
    tracked.replace(PN_DE, "um 170 n. Chr.", "um 170 n. Chr. aus Sandstein")
    result = tracked.run("status", "--content", str(tracked.content))
    assert result.code == 0, result.err
    assert row(result.out, "porta-nigra.md") == ["original", "OUTDATED"]
    assert row(result.out, "dom.md") == ["not tracked", "MISSING"]
    assert row(result.out, "kathedrale.md") == ["original", "up to date"]
    assert "1 outdated, 1 missing" in result.out
    assert tracked.run("status", "--strict", "--content", str(tracked.content)).code == 1


def test_layout_and_dates_do_not_make_a_translation_outdated(tracked: GuideFolder) -> None:
    tracked.replace(PN_DE, "updated: 2026-11-28", "updated: 2026-12-24")
    tracked.replace(PN_DE, "Das Tor entstand", "Das  Tor\nentstand")
    result = tracked.run("status", "--strict", "--content", str(tracked.content))
    assert result.code == 0, result.out
    assert row(result.out, "porta-nigra.md") == ["original", "up to date"]


def test_marking_again_brings_it_up_to_date_and_keeps_one_record(tracked: GuideFolder) -> None:
    tracked.replace(PN_DE, "um 170", "um 180")
    assert row(tracked.run("status", "--content", str(tracked.content)).out, "porta-nigra.md")[1] == "OUTDATED"
    tracked.run("translated", "--content", str(tracked.content), str(tracked.content / PN_FR))
    assert tracked.read(PN_FR).count("translation:") == 1
    assert row(tracked.run("status", "--content", str(tracked.content)).out, "porta-nigra.md")[1] == "up to date"
    assert tracked.build().err == ""


def test_web_page_of_an_outdated_translation_says_so(tracked: GuideFolder) -> None:
    tracked.replace(PN_DE, "um 170", "um 180")
    assert tracked.build().code == 0
    notice = tracked.html("fr/treves/porta-nigra/index.html").select_one(".notice.outdated")
    assert "Le texte allemand de cette page a changé" in notice.get_text()
    assert notice.a["href"] == "../../../de/trier/porta-nigra/" and notice.a["hreflang"] == "de"
    assert tracked.html("de/trier/porta-nigra/index.html").select_one(".notice") is None


@pytest.mark.skipif(shutil.which("git") is None, reason="git is part of the development machine")
def test_diff_shows_what_changed_in_the_source(tracked: GuideFolder) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tracked.content, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "content")
    tracked.replace(PN_DE, "um 170 n. Chr.", "um 170 n. Chr. aus Sandstein")
    result = tracked.run("status", "--diff", "--content", str(tracked.content))
    assert "content/fr/trier/porta-nigra.md is behind content/de/trier/porta-nigra.md:" in result.out
    assert "-Das Tor entstand um 170 n. Chr. Weiter" in result.out
    assert "+Das Tor entstand um 170 n. Chr. aus Sandstein Weiter" in result.out


def test_diff_without_git_says_why(tracked: GuideFolder) -> None:
    tracked.replace(PN_DE, "um 170", "um 180")
    result = tracked.run("status", "--diff", "--content", str(tracked.content))
    assert "is not available: the content folder is not a git repository" in result.out


def test_a_hand_edited_record_is_an_error(tracked: GuideFolder) -> None:
    text = tracked.read(PN_FR)
    tracked.write(PN_FR, text.replace("translation: {from: de", "translation: {from: xx"))
    result = tracked.build()
    assert result.code == 1
    assert "content/fr/trier/porta-nigra.md:11: error: 'translation': 'xx' is not another language" in result.err


def test_marking_the_original_as_a_translation_is_refused(tracked: GuideFolder) -> None:
    before = tracked.read(PN_DE)
    result = tracked.run("translated", "--content", str(tracked.content), str(tracked.content / PN_DE))
    assert result.code == 1
    assert ("content/de/trier/porta-nigra.md:1: error: this is the original of content/fr/trier/porta-nigra.md"
            in result.err)
    assert tracked.read(PN_DE) == before
