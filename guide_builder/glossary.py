"""Place names that differ between the languages, and the check that each page uses its own.

``content/glossary.yaml`` lists the names (Trier / Trèves, Mosel / Moselle …); a French page that
writes "Trier" or a German page that writes "Trèves" gets a warning with the line. Quotations
(„…“, « … », "…"), code, link targets and addresses are not checked, and each name may list proper
names that keep the other form (``keep: [Philharmonie Luxembourg]``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .model import Guide, Page
from .yamlsource import load_sequence

logger = logging.getLogger(__name__)

GLOSSARY_FILE = "glossary.yaml"
QUOTATION = re.compile(r"„[^“]*“|«[^»]*»|\"[^\"\n]*\"|`[^`\n]*`|\]\([^)\s]*\)")


@dataclass(frozen=True)
class PlaceName:
    """One place, named in each language; ``keep`` lists proper names that keep a foreign form."""

    names: dict[str, str]
    keep: tuple[str, ...] = ()


def load_glossary(content_dir: Path, languages: tuple[str, ...], diagnostics: Diagnostics) -> list[PlaceName]:
    path = content_dir / GLOSSARY_FILE
    if not path.is_file():
        return []
    items = load_sequence(path, diagnostics, "the glossary")
    glossary = []
    for item, line in items:
        if not isinstance(item, dict) or not all(isinstance(item.get(lang), str) for lang in languages):
            diagnostics.error(path, line, "each glossary item names the place in every language: "
                              + ", ".join(f"{lang}: …" for lang in languages))
            continue
        if not all(item[lang].strip() for lang in languages):
            empty = next(lang for lang in languages if not item[lang].strip())
            diagnostics.error(path, line, f"the {empty} name of this place is empty",
                              "write the name, or remove the item if the place has no other name")
            continue
        keep = item.get("keep", [])
        if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
            diagnostics.error(path, line, "'keep' is a list of proper names, e.g. [Philharmonie Luxembourg]")
            continue
        glossary.append(PlaceName({lang: item[lang] for lang in languages}, tuple(keep)))
    return glossary


def check_place_names(guide: Guide, glossary: list[PlaceName], diagnostics: Diagnostics,
                      known: dict | None = None) -> dict:
    """Warn where a page uses another language's form of a glossary name. Returns each page's
    findings, which the next build passes as ``known`` to look again only at pages that changed."""
    findings: dict = {}
    if not glossary:
        return findings
    checker = ForeignNames(glossary, guide.languages)
    names = repr(glossary)
    for document in guide.documents():
        for page in document.translations.values():
            key, fingerprint = str(page.source.path), (page.blob, names)
            if known and key in known and known[key][0] == fingerprint:
                findings[key] = known[key]
            else:
                found = Diagnostics()
                checker.check(page, found)
                findings[key] = (fingerprint, found.items)
            diagnostics.items.extend(findings[key][1])
    return findings


class ForeignNames:
    """The check of one page against the glossary, its patterns compiled once."""

    def __init__(self, glossary: list[PlaceName], languages: tuple[str, ...]):
        self.patterns = _foreign_patterns(glossary, languages)
        # a plain search for the foreign names first (much faster than the patterns): most pages
        # have none, and need no closer look
        self.names = {lang: tuple(sorted({place.names[other] for _, place, other in found}))
                      for lang, found in self.patterns.items()}

    def check(self, page: Page, diagnostics: Diagnostics) -> None:
        """Warn where ``page`` writes another language's form of a name."""
        lang = page.lang
        whole = f"{page.title}\n{page.summary}\n{page.body}"
        if not any(name in whole for name in self.names[lang]):
            return
        for line_number, text in _checked_lines(page):
            for pattern, place, foreign_lang in self.patterns[lang]:
                if pattern.search(_without_kept(text, place)):
                    diagnostics.warning(page.source.path, line_number,
                                        f"'{place.names[foreign_lang]}' is the {foreign_lang} name; in {lang} write "
                                        f"'{place.names[lang]}'",
                                        "quotations and proper names may keep it: see 'keep' in glossary.yaml")


def synonyms(page: Page, glossary: list[PlaceName]) -> list[str]:
    """The other languages' names of the places ``page`` names: the search finds the page by them too."""
    text = f"{page.title} {page.summary} {page.body}"
    return sorted({name for place in glossary if place.names[page.lang] in text
                   for code, name in place.names.items() if code != page.lang and name != place.names[page.lang]})


def _foreign_patterns(glossary: list[PlaceName], languages: tuple[str, ...]):
    patterns: dict[str, list[tuple[re.Pattern, PlaceName, str]]] = {lang: [] for lang in languages}
    for place in glossary:
        for lang in languages:
            for other in languages:
                foreign = place.names[other]
                if other != lang and foreign != place.names[lang]:
                    patterns[lang].append((re.compile(rf"(?<![\w-]){re.escape(foreign)}(?![\w-])"), place, other))
    return patterns


def _checked_lines(page: Page):
    """(file line, text) of the title, the summary and the body, quotations removed."""
    yield page.lines.get("title", 1), page.title
    if page.summary:
        yield page.lines.get("summary", 1), page.summary
    for offset, line in enumerate(page.body.split("\n")):
        yield page.body_line + offset, QUOTATION.sub(" ", line)


def _without_kept(text: str, place: PlaceName) -> str:
    for name in place.keep:
        text = text.replace(name, " ")
    return text
