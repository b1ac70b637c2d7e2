"""Nothing assumes two languages: a third is guide.yaml, a catalog and content."""

from __future__ import annotations

from conftest import GuideFolder


def add_english(guide: GuideFolder) -> None:
    text = guide.read("guide.yaml")
    text = text.replace("languages: [de, fr]", "languages: [de, fr, en]")
    text = text.replace("  fr: Mini-guide\n", "  fr: Mini-guide\n  en: Mini guide\n")
    text = text.replace("  fr: Deux villes\n", "  fr: Deux villes\n  en: Two cities\n")
    guide.write("guide.yaml", text)
    guide.write("en/_index.md", "---\ntitle: Welcome\n---\nTwo cities: [Trier](trier/_index.md).\n")
    guide.write("en/trier/_index.md", "---\ntitle: Trier\nsummary: Germany's oldest city.\n---\nSee the "
                "[Porta Nigra](porta-nigra.md).\n")
    guide.write("en/metz/_index.md", "---\ntitle: Metz\nsummary: Lorraine's capital.\n---\n")
    guide.write("en/trier/porta-nigra.md", "---\ntitle: Porta Nigra\nsummary: The Roman gate.\n---\nBuilt c. 170.\n")


def test_three_language_guide(guide: GuideFolder) -> None:
    add_english(guide)
    result = guide.build()
    assert result.code == 0, result.err
    # entries not yet translated into English are warnings, shown borrowed
    assert all(": warning: no en translation yet" in line for line in result.lines)
    page = guide.html("en/trier/porta-nigra/index.html")
    assert page.html["lang"] == "en"
    alternates = {link["hreflang"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"de", "fr", "en", "x-default"}
    switcher = [a["hreflang"] for a in page.select(".language-switcher a")]
    assert switcher == ["de", "fr"]
    # the shared facts come from the German file, the labels from the English catalog
    assert [dt.get_text() for dt in page.select(".facts dt")] == ["Website", "Coordinates", "Map"]
    assert {part["lang"] for part in guide.html("index.html").select("section[lang]")} == {"de", "fr", "en"}
    borrowed = guide.html("en/trier/dom/index.html")
    assert borrowed.select_one(".notice").get_text() == "This page is only available in German."
    de_page = guide.html("de/trier/porta-nigra/index.html")
    assert [a["hreflang"] for a in de_page.select(".language-switcher a")] == ["fr", "en"]


def test_a_language_without_a_catalog_is_an_error(guide: GuideFolder) -> None:
    add_english(guide)
    guide.write("guide.yaml", guide.read("guide.yaml").replace("[de, fr, en]", "[de, fr, en, lb]")
                .replace("  en: Mini guide\n", "  en: Mini guide\n  lb: Mini-Guide\n")
                .replace("  en: Two cities\n", "  en: Two cities\n  lb: Zwou Stied\n"))
    for relpath in ("_index.md", "trier/_index.md", "metz/_index.md"):
        guide.write(f"lb/{relpath}", "---\ntitle: Moien\nsummary: Test.\n---\n")
    result = guide.build()
    assert result.code == 1
    lines = [line for line in result.lines if "no interface translations for language 'lb'" in line]
    assert lines and lines[0].startswith("content/guide.yaml:12: error:")


def test_an_incomplete_catalog_in_the_content_folder_is_an_error(guide: GuideFolder) -> None:
    add_english(guide)
    guide.write("locale/en/LC_MESSAGES/messages.po",
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                'msgid "Address"\nmsgstr "Street address"\n')
    result = guide.build()
    assert result.code == 1
    line = next(line for line in result.lines if "interface string(s) not translated" in line)
    assert line.startswith("content/locale/en/LC_MESSAGES/messages.po:1: error:")
