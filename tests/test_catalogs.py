"""Interface catalogs: every message translated in every shipped language (never silently English)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_there_are_catalogs() -> None:
    assert {"de", "fr"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message_of_the_template(lang: str) -> None:
    template = read(LOCALE / "messages.pot")
    catalog = read(LOCALE / lang / "LC_MESSAGES" / "messages.po")
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, context=message.context)
        assert translated is not None, f"{lang}: {message.id!r} is missing (run `make messages`)"
        assert not translated.fuzzy, f"{lang}: {message.id!r} is marked fuzzy"
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        assert all(strings), f"{lang}: {message.id!r} has no translation"


def test_template_holds_every_message_of_the_code_and_templates() -> None:
    """A string added to a template or module without `make messages` fails here."""
    from babel.messages.extract import extract_from_dir

    root = LOCALE.parent
    method_map = [("guide_builder/**.py", "python"), ("templates/**.html", "jinja2")]
    options_map = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = {(message if isinstance(message, str) else message[0], context)
             for _, _, message, _, context in extract_from_dir(str(root), method_map, options_map)}
    template = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in read(LOCALE / "messages.pot") if m.id}
    assert found == template


def test_a_message_missing_from_the_catalogs_is_refused_not_shown_in_english() -> None:
    from guide_builder.i18n import UntranslatedMessageError, load_translations

    catalog = load_translations("fr", LOCALE.parent / "content")
    assert catalog.gettext("Contents") == "Sommaire"
    assert catalog.pgettext("page reference", "p.") == "p."
    with pytest.raises(UntranslatedMessageError):
        catalog.gettext("A string nobody extracted")
