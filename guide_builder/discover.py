"""Content folder → the list of :class:`SourceFile` s to read. Looks at names only, reads nothing.

Layout (``<lang>`` from ``languages``, ``<city>`` from ``cities``, ``<page>`` from ``pages``,
``<section>`` from ``sections`` in guide.yaml)::

    <lang>/_index.md              home page            kind HOME
    <lang>/<page>.md              standalone page      kind PAGE
    <lang>/<city>/_index.md       city page            kind CITY
    <lang>/<city>/<entry>.md      guide entry          kind ENTRY
    <lang>/<section>/_index.md    section page         kind SECTION
    <lang>/<section>/<item>.md    page of a section    kind ITEM
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .config import GuideConfig
from .diagnostics import Diagnostics

logger = logging.getLogger(__name__)

INDEX = "_index"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind(Enum):
    HOME = "home"
    PAGE = "page"
    CITY = "city"
    ENTRY = "entry"
    SECTION = "section"
    ITEM = "item"


@dataclass(frozen=True, order=True)
class SourceFile:
    """One Markdown file of the content, located but not yet read."""

    lang: str
    relpath: str  #: path inside the language folder, with ``/``: ``trier/porta-nigra.md``
    path: Path  #: the file on disk
    kind: Kind
    group: str  #: the city or section folder, ``""`` at the top of the language folder
    name: str  #: the file name without ``.md``, ``""`` for an ``_index.md``

    @property
    def key(self) -> tuple[Kind, str, str]:
        """What pairs translations: the same key in every language."""
        return (self.kind, self.group, self.name)


def suggest_slug(text: str) -> str:
    """A valid slug close to ``text``, for hints."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "name"


def discover(config: GuideConfig, diagnostics: Diagnostics) -> list[SourceFile]:
    """Every content file of every language, sorted; unexpected files and folders are reported."""
    root = config.content_dir.resolve()
    found: list[SourceFile] = []
    for lang in config.languages:
        lang_dir = config.content_dir / lang
        if not lang_dir.is_dir():
            diagnostics.error(config.content_dir / "guide.yaml", 1,
                              f"language '{lang}' is listed but the folder {lang}/ does not exist",
                              f"create {lang}/_index.md")
            continue
        if not _inside(lang_dir, root):
            diagnostics.error(_shown(lang_dir), 1, "this link points outside the content folder and is not read")
            continue
        found.extend(_discover_language(config, lang, lang_dir, root, diagnostics))
    _report_stray_folders(config, diagnostics)
    return sorted(found)


def _discover_language(config: GuideConfig, lang: str, lang_dir: Path, root: Path,
                       diagnostics: Diagnostics) -> list[SourceFile]:
    found = []
    for path in sorted(lang_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if not _inside(path, root):
            diagnostics.error(_shown(path), 1, "this link points outside the content folder and is not read")
        elif path.is_dir():
            found.extend(_discover_folder(config, lang, path, root, diagnostics))
        elif path.suffix == ".md":
            source = _top_level_file(config, lang, path, diagnostics)
            if source:
                found.append(source)
    return found


def _top_level_file(config: GuideConfig, lang: str, path: Path,
                    diagnostics: Diagnostics) -> SourceFile | None:
    stem = path.stem
    if stem == INDEX:
        return SourceFile(lang, path.name, path, Kind.HOME, "", "")
    if stem in config.pages:
        return SourceFile(lang, path.name, path, Kind.PAGE, "", stem)
    diagnostics.error(_shown(path), 1, f"page '{_shown(Path(stem))}' is not listed under 'pages' in guide.yaml",
                      "add it there, or move the file into a city folder")
    return None


def _discover_folder(config: GuideConfig, lang: str, folder: Path, root: Path,
                     diagnostics: Diagnostics) -> list[SourceFile]:
    group = folder.name
    if group in config.cities:
        kinds = (Kind.CITY, Kind.ENTRY)
    elif group in config.sections:
        kinds = (Kind.SECTION, Kind.ITEM)
    else:
        markdown = sorted(folder.rglob("*.md"))
        if markdown:
            diagnostics.error(_shown(markdown[0]), 1, f"folder '{_shown(folder).name}' is not listed under "
                              "'cities' or 'sections' in guide.yaml",
                              "add it to guide.yaml or rename the folder; listed cities: "
                              + ", ".join(config.cities))
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if not _inside(path, root):
            diagnostics.error(_shown(path), 1, "this link points outside the content folder and is not read")
        elif path.is_dir():
            if any(path.rglob("*.md")):
                diagnostics.warning(_shown(path) / "_index.md", 1, f"sub-folder '{_shown(path).name}' is not read: "
                                    f"entries belong directly in {group}/")
        elif path.suffix == ".md":
            source = _folder_file(lang, group, path, kinds, diagnostics)
            if source:
                found.append(source)
    return found


def _folder_file(lang: str, group: str, path: Path, kinds: tuple[Kind, Kind],
                 diagnostics: Diagnostics) -> SourceFile | None:
    stem = path.stem
    relpath = f"{group}/{path.name}"
    if stem == INDEX:
        return SourceFile(lang, relpath, path, kinds[0], group, "")
    if not SLUG_PATTERN.match(stem):
        diagnostics.error(_shown(path), 1,
                          f"file name '{_shown(path).name}' is not lowercase letters, digits and hyphens",
                          f"rename it to '{suggest_slug(stem)}.md' in every language")
        return None
    return SourceFile(lang, relpath, path, kinds[1], group, stem)


def _report_stray_folders(config: GuideConfig, diagnostics: Diagnostics) -> None:
    for path in sorted(config.content_dir.iterdir()):
        stray = path.is_dir() and not path.name.startswith(".") and path.name not in config.languages
        if stray and any(path.glob("**/*.md")):
            diagnostics.warning(_shown(path) / "_index.md", 1,
                                f"folder '{_shown(path).name}' is not a language of this guide and is not read",
                                "add it to 'languages' in guide.yaml")


def _inside(path: Path, root: Path) -> bool:
    """False for a link that leads out of the content folder (or round in a loop). Called for
    entries of folders already known to be inside: only a link can lead out."""
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root)
    except (ValueError, RuntimeError):  # RuntimeError: a symbolic link loop
        return False
    return True


def _shown(path: Path) -> Path:
    """``path`` as messages name it: a character that would break the one-line message or turn the
    text around (a line break, a right-to-left override) is written as an escape."""
    text = str(path)
    if text.isprintable():
        return path
    return Path("".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text))
