"""Editors' commands: `new` writes entries that pass `check`; `check --strict` and `--format json`."""

from __future__ import annotations

import json

from conftest import GuideFolder


def test_new_entry_in_every_language_passes_check(guide: GuideFolder) -> None:
    result = guide.run("new", "--content", str(guide.content), "trier", "kaiserthermen", "--category", "sight")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["created content/de/trier/kaiserthermen.md",
                                       "created content/fr/trier/kaiserthermen.md"]
    assert "summary: \"Une ou deux phrases sur le lieu." in guide.read("fr/trier/kaiserthermen.md")
    german = guide.read("de/trier/kaiserthermen.md")
    assert "# hours:   # Opening hours in OpenStreetMap opening_hours syntax." in german
    checked = guide.check()
    assert checked.code == 0  # it builds; the placeholders are warnings, so that --strict fails until replaced
    assert [line.split(": warning: ")[1] for line in checked.lines if ": warning: " in line] == [
        "the summary is still the text that `build.py new` wrote (write one or two sentences about the place)"] * 2
    assert guide.run("check", "--strict", "--content", str(guide.content)).code == 1


def test_new_refuses_to_overwrite_or_bad_names(guide: GuideFolder) -> None:
    before = guide.read("de/trier/porta-nigra.md")
    result = guide.run("new", "--content", str(guide.content), "trier", "porta-nigra")
    assert result.code == 2 and "content/de/trier/porta-nigra.md exists already; nothing was written" in result.err
    assert guide.read("de/trier/porta-nigra.md") == before
    result = guide.run("new", "--content", str(guide.content), "paris", "Eiffel Turm", "--category", "tower")
    assert result.code == 2
    assert "'paris' is not a city of this guide" in result.err
    assert "try 'eiffel-turm'" in result.err and "unknown category 'tower'" in result.err


def test_check_strict_fails_on_warnings_and_json_groups_by_file(guide: GuideFolder) -> None:
    guide.replace("de/trier/porta-nigra.md", "stars: 3\n", "stars: 3\nadress: x\n")
    assert guide.check().code == 0
    strict = guide.run("check", "--strict", "--content", str(guide.content))
    assert strict.code == 1 and "check --strict failed: 1 warning(s)" in strict.err
    result = guide.run("check", "--format", "json", "--content", str(guide.content))
    data = json.loads(result.out)
    assert data["ok"] is True and data["warnings"] == 1
    assert data["files"]["content/de/trier/porta-nigra.md"] == [
        {"line": 6, "severity": "warning", "message": "unknown key 'adress' is ignored",
         "hint": "did you mean 'address'?"}]
