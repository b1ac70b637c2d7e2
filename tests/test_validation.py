"""Bad input: every case gets `path:line: error: message`, exit code 1, and the old output survives."""

from __future__ import annotations

import shutil

import pytest

from conftest import GuideFolder

PN_DE = "de/trier/porta-nigra.md"
PN_FR = "fr/trier/porta-nigra.md"


def set_key(g: GuideFolder, relpath: str, key: str, value: str) -> None:
    """Replace the line of ``key`` in a file's front matter."""
    lines = g.read(relpath).split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    g.write(relpath, "\n".join(lines))


ERROR_CASES = {
    "yaml syntax": (
        lambda g: set_key(g, PN_DE, "summary", "Das Tor: [unclosed"),
        "content/de/trier/porta-nigra.md:4: error: YAML syntax error", "column"),
    "missing front matter": (
        lambda g: g.write(PN_DE, "# Porta Nigra\n\nText.\n"),
        "content/de/trier/porta-nigra.md:1: error: the file does not start with front matter", "'---'"),
    "front matter not closed": (
        lambda g: g.write(PN_DE, "---\ntitle: Porta Nigra\ncategory: sight\n\nText.\n"),
        "content/de/trier/porta-nigra.md:1: error: the front matter that starts on line 1 is never closed", ""),
    "missing title": (
        lambda g: g.replace(PN_FR, "title: Porta Nigra\n", ""),
        "content/fr/trier/porta-nigra.md:1: error: required key 'title' is missing", ""),
    "missing summary": (
        lambda g: g.replace(PN_DE, "summary: Das römische Stadttor aus dem 2. Jahrhundert.\n", ""),
        "content/de/trier/porta-nigra.md:1: error: required key 'summary' is missing", ""),
    "missing category in every language": (
        lambda g: (g.replace(PN_DE, "category: sight\n", ""), g.replace(PN_FR, "category: sight\n", "")),
        "content/de/trier/porta-nigra.md:1: error: required key 'category' is missing", ""),
    "wrong type: stars": (
        lambda g: (set_key(g, PN_DE, "stars", "viele"), set_key(g, PN_FR, "stars", "viele")),
        "content/de/trier/porta-nigra.md:5: error: 'stars': expected a whole number from 0 to 3", ""),
    "stars out of range": (
        lambda g: (set_key(g, PN_DE, "stars", "4"), set_key(g, PN_FR, "stars", "4")),
        "content/de/trier/porta-nigra.md:5: error: 'stars'", "0 to 3"),
    "website not http": (
        lambda g: set_key(g, PN_DE, "website", "ftp://trier-info.de"),
        "content/de/trier/porta-nigra.md:9: error: 'website'", "https://"),
    "invalid opening hours": (
        lambda g: g.replace(PN_DE, "stars: 3\n", "stars: 3\nhours: Di-So 10-18 Uhr\n"),
        "content/de/trier/porta-nigra.md:6: error: 'hours': not valid opening_hours syntax", "Tu-Su 10:00-18:00"),
    "bad date": (
        lambda g: set_key(g, PN_DE, "updated", "28.11.2026"),
        "content/de/trier/porta-nigra.md:10: error: 'updated'", "YYYY-MM-DD"),
    "latitude out of range": (
        lambda g: (set_key(g, PN_DE, "lat", "149.7"), set_key(g, PN_FR, "lat", "149.7")),
        "content/de/trier/porta-nigra.md:7: error: 'lat': 149.7 is out of range", ""),
    "lat without lon": (
        lambda g: g.replace("de/trier/_index.md", "lon: 6.6394\n", ""),
        "content/de/trier/_index.md:4: error: 'lat' is given without 'lon'", ""),
    "unknown category": (
        lambda g: (set_key(g, PN_DE, "category", "sights"), set_key(g, PN_FR, "category", "sights")),
        "content/de/trier/porta-nigra.md:3: error: 'category': unknown category 'sights'", "did you mean 'sight'?"),
    "shared fact disagrees": (
        lambda g: set_key(g, PN_FR, "lat", "49.8"),
        "content/fr/trier/porta-nigra.md:7: error: 'lat' is 49.8 here but 49.75968 in content/de/trier/porta-nigra.md",
        ""),
    "duplicate slug": (
        lambda g: g.replace("de/trier/dom.md", "slug: trierer-dom", "slug: porta-nigra"),
        "content/de/trier/porta-nigra.md:1: error: slug 'porta-nigra' is already used by content/de/trier/dom.md",
        "another 'slug:'"),
    "city folder not listed": (
        lambda g: g.write("de/paris/_index.md", "---\ntitle: Paris\nsummary: Nein.\n---\n"),
        "content/de/paris/_index.md:1: error: folder 'paris' is not listed under 'cities'", ""),
    "invalid slug key": (
        lambda g: g.replace("de/trier/dom.md", "slug: trierer-dom", "slug: Trierer Dom"),
        "content/de/trier/dom.md:3: error: 'slug': a slug is lowercase letters, digits and hyphens", ""),
    "invalid file name": (
        lambda g: (g.write("de/trier/Dom St. Peter.md", g.read("de/trier/dom.md"))),
        "content/de/trier/Dom St. Peter.md:1: error: file name 'Dom St. Peter.md' is not lowercase",
        "rename it to 'dom-st-peter.md'"),
    "broken internal link": (
        lambda g: g.replace(PN_DE, "(dom.md#lage)", "(domm.md)"),
        "content/de/trier/porta-nigra.md:14: error: link to 'domm.md': no such page", ""),
    "link to a non-page file": (
        lambda g: g.replace(PN_DE, "(dom.md#lage)", "(dom.html)"),
        "content/de/trier/porta-nigra.md:14: error: link 'dom.html' does not lead to a page of the guide", ""),
    "guide.yaml missing": (
        lambda g: g.remove("guide.yaml"),
        "content/guide.yaml:1: error: guide.yaml is missing", ""),
    "guide.yaml invalid yaml": (
        lambda g: g.write("guide.yaml", "title: {de: X\nlanguages: [de]\n"),
        "content/guide.yaml:", "YAML syntax error"),
    "guide.yaml unknown key": (
        lambda g: g.write("guide.yaml", g.read("guide.yaml") + "citys: [trier]\n"),
        "content/guide.yaml:11: error: 'citys': unknown key", "did you mean 'cities'?"),
    "guide.yaml missing key": (
        lambda g: g.write("guide.yaml", g.read("guide.yaml").replace("base_url: https://example.org/guide/\n", "")),
        "content/guide.yaml:1: error: 'base_url': required key is missing", ""),
    "guide.yaml bad base_url": (
        lambda g: g.write("guide.yaml", g.read("guide.yaml").replace("https://example.org/guide/", "example.org")),
        "content/guide.yaml:9: error: 'base_url': expected an absolute http(s) URL", ""),
    "guide.yaml title without a language": (
        lambda g: g.write("guide.yaml", g.read("guide.yaml").replace("  fr: Mini-guide\n", "")),
        "content/guide.yaml:2: error: 'title': no text for language(s) fr", ""),
    "non-UTF-8 file": (
        lambda g: g.write_bytes(PN_DE, g.read(PN_DE).replace("römische", "r\u00f6mische").encode("latin-1")),
        "content/de/trier/porta-nigra.md:4: error: the file is not UTF-8 text", "save it as UTF-8"),
    "empty file": (
        lambda g: g.write(PN_DE, ""),
        "content/de/trier/porta-nigra.md:1: error: the file is empty", ""),
    "python object tag": (
        lambda g: set_key(g, PN_DE, "summary", "!!python/object/apply:os.system ['true']"),
        "content/de/trier/porta-nigra.md:4: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'", ""),
    "duplicate key": (
        lambda g: g.replace(PN_DE, "stars: 3\n", "stars: 3\nstars: 2\n"),
        "content/de/trier/porta-nigra.md:6: error: duplicate key 'stars'", ""),
    "yaml alias": (
        lambda g: g.replace(PN_DE, "summary: Das", "tags: &a [x]\nkeywords: *a\nsummary: Das"),
        "content/de/trier/porta-nigra.md:5: error: YAML anchors and aliases", ""),
    "front matter not a mapping": (
        lambda g: g.write(PN_DE, "---\n- title\n- summary\n---\nText\n"),
        "content/de/trier/porta-nigra.md:2: error: the front matter must be a mapping", ""),
    "missing city page translation": (
        lambda g: g.remove("fr/metz/_index.md"),
        "content/fr/metz/_index.md:1: error: this file is missing", "translate content/de/metz/_index.md"),
    "coordinate not a number": (
        lambda g: g.write("de/trier/_index.md", g.read("de/trier/_index.md").replace("lon: 6.6394", "lon: x")),
        "content/de/trier/_index.md:5: error: 'lon'", "decimal degrees"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES), ids=list(ERROR_CASES))
def test_bad_input_is_reported_and_old_output_survives(built: GuideFolder, case: str) -> None:
    mutate, expected, hint = ERROR_CASES[case]
    before = built.snapshot()
    mutate(built)
    result = built.build()
    assert result.code == 1, result.err
    matching = [line for line in result.lines if line.startswith(expected)]
    assert matching, f"expected a line starting with {expected!r} in:\n{result.err}"
    assert hint in matching[0]
    assert "Traceback" not in result.err
    assert result.lines[-1].startswith("build failed:")
    assert built.snapshot() == before


def test_all_problems_are_reported_together(built: GuideFolder) -> None:
    set_key(built, PN_DE, "stars", "9")
    built.replace("fr/metz/kathedrale.md", "category: sight", "category: sightseeing")
    built.replace("de/trier/dom.md", "(porta-nigra.md)", "(nirgends.md)")
    result = built.build()
    assert result.code == 1
    errors = [line for line in result.lines if ": error: " in line]
    assert any(line.startswith("content/de/trier/porta-nigra.md:5:") for line in errors)
    assert any(line.startswith("content/fr/metz/kathedrale.md:4:") for line in errors)
    assert any(line.startswith("content/de/trier/dom.md:12:") for line in errors)


def test_check_reports_without_writing(guide: GuideFolder) -> None:
    set_key(guide, PN_DE, "stars", "9")
    result = guide.check()
    assert result.code == 1
    assert "content/de/trier/porta-nigra.md:5: error: 'stars'" in result.err
    assert not guide.output.exists()


def test_check_passes_on_valid_content(guide: GuideFolder) -> None:
    result = guide.check()
    assert result.code == 0, result.err
    assert result.err == ""
    assert not guide.output.exists()


def test_unknown_key_is_a_warning_with_a_suggestion(built: GuideFolder) -> None:
    built.replace(PN_DE, "stars: 3\n", "stars: 3\nadress: Porta-Nigra-Platz\n")
    result = built.build()
    assert result.code == 0
    assert "content/de/trier/porta-nigra.md:6: warning: unknown key 'adress' is ignored (did you mean 'address'?)" \
        in result.lines


def test_missing_translation_is_a_warning_and_the_switcher_says_so(built: GuideFolder) -> None:
    built.remove("fr/trier/dom.md")
    built.replace(PN_FR, "[cathédrale](dom.md)", "cathédrale")
    result = built.build()
    assert result.code == 0, result.err
    assert any(line.startswith("content/de/trier/dom.md:1: warning: no fr translation yet") for line in result.lines)
    page = built.html("de/trier/trierer-dom/index.html")
    switcher = page.select_one(".language-switcher")
    assert switcher.find("a", hreflang="fr") is None
    assert "Diese Seite gibt es nicht auf Französisch." in switcher.get_text()
    hreflangs = [link["hreflang"] for link in page.find_all("link", rel="alternate")]
    assert hreflangs == ["de", "x-default"]


def test_missing_translation_is_shown_borrowed_and_labelled(built: GuideFolder) -> None:
    """French readers get the German text at the URL the translation would have, never a 404."""
    built.remove("fr/trier/dom.md")
    assert built.build().code == 0
    page = built.html("fr/treves/dom/index.html")
    assert page.html["lang"] == "fr"
    assert page.select_one(".notice").get_text() == "Cette page n’est disponible qu’en allemand."
    borrowed = page.select_one("main div[lang=de]")
    assert borrowed.h1.get_text() == "Trierer Dom"
    assert [link["hreflang"] for link in page.find_all("link", rel="alternate")] == ["de", "x-default"]
    assert page.find("link", rel="canonical")["href"] == "https://example.org/guide/de/trier/trierer-dom/"
    listed = built.html("fr/treves/index.html").find("a", string="Trierer Dom")
    assert listed["lang"] == "de" and listed["href"] == "dom/"
    assert "(en allemand)" in listed.parent.get_text()


def test_link_to_a_page_only_in_the_other_language_warns_and_leads_there(built: GuideFolder) -> None:
    built.remove("fr/trier/dom.md")
    result = built.build()
    assert result.code == 0, result.err
    assert "content/fr/trier/porta-nigra.md:14: warning: link to 'dom.md': that page exists only in de" in result.err
    link = built.html("fr/treves/porta-nigra/index.html").select_one(".prose a")
    assert link["href"] == "../dom/"


def test_raw_html_is_cleaned_with_a_warning(built: GuideFolder) -> None:
    built.write(PN_DE, built.read(PN_DE) + (
        '\n<div onclick="steal()">Klick</div>\n\n<script>alert(1)</script>\n\n'
        '[böse](javascript:alert(1)) <img src="x.png" onerror="alert(1)" alt="x">\n'))
    result = built.build()
    assert result.code == 0
    warnings = [line for line in result.lines if ": warning: unsafe HTML removed" in line]
    assert warnings and warnings[0].startswith("content/de/trier/porta-nigra.md:")
    html = (built.output / "de/trier/porta-nigra/index.html").read_text()
    assert "alert(1)" not in html and "onclick" not in html and "onerror" not in html
    assert [s["type"] for s in built.html("de/trier/porta-nigra/index.html").find_all("script")] == [
        "application/ld+json"]
    assert "javascript:" not in html
    assert "Klick" in built.html("de/trier/porta-nigra/index.html").select_one(".prose").get_text()


def test_aligned_table_columns_get_classes_not_style_attributes(built: GuideFolder) -> None:
    # the site's Content-Security-Policy (deploy/nginx.conf) refuses every style="" attribute
    built.write(PN_DE, built.read(PN_DE) + "\n| Tor | Höhe |\n|:-:|--:|\n| Porta Nigra | 30 m |\n\n"
                '<table><tr><td style="color: red">roh</td></tr></table>\n')
    result = built.build()
    assert result.code == 0
    assert "unsafe HTML removed: attribute 'style' on <td>" in result.err
    page = built.html("de/trier/porta-nigra/index.html")
    assert page.select(".prose [style]") == []
    assert [cell["class"] for cell in page.select(".prose th")] == [["align-center"], ["align-right"]]
    assert [cell["class"] for cell in page.select(".prose td")[:2]] == [["align-center"], ["align-right"]]


def test_slug_from_a_key_cannot_escape_the_output(built: GuideFolder) -> None:
    built.replace("de/trier/dom.md", "slug: trierer-dom", "slug: ../../etc")
    result = built.build()
    assert result.code == 1
    assert "content/de/trier/dom.md:3: error: 'slug'" in result.err
    assert not (built.root / "etc").exists()


def test_broken_template_is_reported_with_its_line(built: GuideFolder, tmp_path) -> None:
    import shutil

    from guide_builder import pipeline
    from guide_builder.render_html import TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    (templates / "entry.html").write_text('{% extends "base.html" %}\n{% block main %}\n{{ nothing.here }}\n'
                                          '{% endblock %}\n')
    report = pipeline.build(built.content, built.output, pipeline.BuildOptions(templates_dir=templates, pdf=False))
    assert not report.ok
    message = report.diagnostics.errors[0].format()
    assert message.startswith("templates/entry.html:3: error: template error: 'nothing' is undefined")


@pytest.mark.parametrize(("name", "line"), [("entry.html", 2), ("base.html", 27), ("_figure.html", 1),
                                            ("print/book.html", 1)])
def test_template_syntax_error_is_reported_with_its_line(built: GuideFolder, tmp_path, name: str, line: int) -> None:
    """A template that does not compile, whichever it is (a page's, the one every page extends, one
    that is included), is named with its line, and the old site stays."""
    import shutil

    from guide_builder import pipeline
    from guide_builder.render_html import TEMPLATES_DIR

    before = built.snapshot()
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    lines = (templates / name).read_text(encoding="utf-8").split("\n")
    lines[line - 1] += "{% endblok %}"
    (templates / name).write_text("\n".join(lines), encoding="utf-8")
    report = pipeline.build(built.content, built.output,
                            pipeline.BuildOptions(templates_dir=templates, pdf=name.startswith("print/")))
    assert not report.ok
    message = report.diagnostics.errors[0].format()
    assert message.startswith(f"templates/{name}:{line}: error: template error: Encountered unknown tag 'endblok'")
    assert built.snapshot() == before


def test_key_names_in_the_editor_s_language_get_the_right_suggestion(built: GuideFolder) -> None:
    built.replace(PN_DE, "stars: 3\n", "stars: 3\ntelefon: \"+49 651 1\"\nalt: Bild\n")
    result = built.build()
    assert "content/de/trier/porta-nigra.md:6: warning: unknown key 'telefon' is ignored (did you mean 'phone'?)" \
        in result.lines
    assert "content/de/trier/porta-nigra.md:7: warning: unknown key 'alt' is ignored (did you mean 'image_alt'?)" \
        in result.lines


def test_a_link_to_a_missing_anchor_is_a_warning_with_its_line(built: GuideFolder) -> None:
    built.replace(PN_DE, "(dom.md#lage)", "(dom.md#anfahrt)")
    result = built.build()
    assert result.code == 0
    assert ("content/de/trier/porta-nigra.md:14: warning: link to 'dom.md#anfahrt': that page has no heading "
            "'#anfahrt'") in result.err


def test_a_language_folder_that_links_out_of_the_content_is_not_read(guide: GuideFolder) -> None:
    outside = guide.root / "elsewhere"
    shutil.move(str(guide.content / "fr"), outside)
    (guide.content / "fr").symlink_to(outside, target_is_directory=True)
    result = guide.build()
    assert result.code == 1
    assert "content/fr:1: error: this link points outside the content folder and is not read" in result.lines
