"""Place names: a page that uses another language's form of a glossary name gets a warning."""

from __future__ import annotations

from conftest import GuideFolder

GLOSSARY = """\
- de: Trier
  fr: Trèves
- de: Mosel
  fr: Moselle
  keep: [Département Moselle]
"""


def test_foreign_place_names_are_flagged_with_their_line(built: GuideFolder) -> None:
    built.write("glossary.yaml", GLOSSARY)
    built.write("de/metz/kathedrale.md", built.read("de/metz/kathedrale.md") + (
        "\nMetz liegt an der Moselle.\n\nIm Département Moselle.\n\nDer Dichter schrieb „Moselle“.\n"))
    built.replace("fr/trier/porta-nigra.md", "Ensuite", "Trier-Ouest mis à part, la ville de Trier")
    result = built.build()
    assert result.code == 0
    warnings = [line for line in result.lines if ": warning: " in line]
    assert warnings == [
        "content/de/metz/kathedrale.md:11: warning: 'Moselle' is the fr name; in de write 'Mosel' "
        "(quotations and proper names may keep it: see 'keep' in glossary.yaml)",
        "content/fr/trier/porta-nigra.md:14: warning: 'Trier' is the de name; in fr write 'Trèves' "
        "(quotations and proper names may keep it: see 'keep' in glossary.yaml)",
    ]


def test_shipped_style_glossary_errors_name_the_line(built: GuideFolder) -> None:
    built.write("glossary.yaml", "- de: Trier\n  fr: Trèves\n- de: Saar\n")
    result = built.build()
    assert result.code == 1
    assert "content/glossary.yaml:3: error: each glossary item names the place in every language" in result.err


def test_an_empty_name_in_the_glossary_is_an_error(built: GuideFolder) -> None:
    """An empty name would match nothing useful and flag every line that names the other form."""
    built.write("glossary.yaml", "- de: Trier\n  fr: Trèves\n- de: Saarbrücken\n  fr: '  '\n")
    result = built.build()
    assert result.code == 1
    assert ("content/glossary.yaml:3: error: the fr name of this place is empty (write the name, or remove the "
            "item if the place has no other name)") in result.lines
