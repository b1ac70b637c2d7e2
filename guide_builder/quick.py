"""The quickest rebuild: one page's text changed, and nothing else.

Editors mostly change words. When the one input that changed since the last build is a content
file whose front matter is as it was (the same text, so the same keys, values and lines), only
that file's page can change, and only where its text is: the new text is converted, checked, put
where the old one was in the page the last build wrote (:class:`PageMarks` say where), and the
page's folder (the page and its compressed twins) is exchanged for the new one at once. No guide
is assembled and no other page is looked at, so the time does not grow with the guide.

Anything more takes the incremental build of ``pipeline``: a change in front matter, several
files, a file added or removed, a text with images, a text another language shows or tracks, a
text with any problem (before or after), a heading another page links to that appears or
disappears, the PDFs or the search index (they hold every text). The result is the same as a full
build's: the page's other parts do not depend on its text, and the text is converted by the same
code with the same settings (``QuickContext``, kept by the last full build).
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import display_path
from .incremental import BuildState, FileRecord, combined, digest, load_quick, output_intact
from .options import BuildOptions
from .outputs import BuildReport, PageMarks


@dataclass(frozen=True)
class QuickContext:
    """What converting one text needs of the whole guide; kept by each full build."""

    languages: tuple[str, ...]
    content_dir: Path
    urls: Any  #: ``Urls``: where every page is, what every source path is
    backlinks: dict[str, str]  #: the footnotes' "back to the text", by language
    glossary: list  #: ``PlaceName``s
    precompress: tuple[str, ...]  #: guide.yaml's formats of the compressed twins


def rebuild(content_dir: Path, output_dir: Path, options: BuildOptions, state: BuildState,
            signatures: dict[str, tuple], tell: Callable[[str], None]) -> BuildReport | None:
    """Build the quick way and update ``state``; None, with nothing written, where it does not apply."""
    if options.pdf or options.search or state.report is None or not state.report.ok:
        return None
    changed = _only_changed_text(content_dir, options, state, signatures)
    if changed is None:
        return None
    if any(item.path == display_path(Path(changed)) for item in state.report.diagnostics.items):
        return None
    discarded = load_quick(options.cache_dir, output_dir, state)
    if discarded:
        tell(discarded)
    path = _page_showing(changed, state)
    if state.quick is None or path is None or not output_intact(output_dir, state.files):
        return None
    record, marks = state.files[path], state.marks[path]
    old = record.found_in(output_dir, path)
    if old is None:
        return None
    made = _text_again(marks, state.quick)
    if made is None:
        return None
    text, new_marks = made
    data = old.read_bytes()
    if digest(data) != record.digest:
        return None
    records = _write(output_dir, path, data[:marks.start] + text + data[marks.end:], options, state)
    if records is None:
        return None
    state.files.update(records)
    state.marks[path] = new_marks
    tell(f"only the text of {display_path(Path(changed))} changed: its page was updated in place")
    return dataclasses.replace(state.report, rendered=1, unchanged=False)


def _only_changed_text(content_dir: Path, options: BuildOptions, state: BuildState,
                       signatures: dict[str, tuple]) -> str | None:
    """The one content file that changed, if no other input did, no file came or went and the
    options are those of the last build."""
    before = state.signatures
    if before.keys() != signatures.keys():
        return None
    changed = [path for path, found in signatures.items() if found[3] != before[path][3]]
    if len(changed) != 1 or not changed[0].endswith(".md"):
        return None
    old_inputs = combined(sorted((path, found[3]) for path, found in before.items()), options.key(), os.getcwd())
    if old_inputs != state.inputs:
        return None
    inside = os.path.abspath(content_dir) + os.sep
    return changed[0] if os.path.abspath(changed[0]).startswith(inside) else None


def _page_showing(changed: str, state: BuildState) -> str | None:
    """The one page that shows the text of ``changed``, if the last build marked it."""
    wanted = os.path.abspath(changed)
    found = [path for path, marks in state.marks.items() if marks.source == wanted]
    return found[0] if len(found) == 1 else None


def _text_again(marks: PageMarks, quick: QuickContext) -> tuple[bytes, PageMarks] | None:
    """The page's new text (as its page shows it) and new marks; None if anything but the text
    changed, or the text has a problem."""
    from .assemble import Checked, page_of
    from .diagnostics import Diagnostics
    from .discover import SourceFile
    from .frontmatter import parse_file
    from .glossary import ForeignNames, synonyms
    from .markup import MarkdownRenderer, anchor_ids
    from .schema import check_fields

    problems = Diagnostics()
    parsed = parse_file(SourceFile(marks.lang, marks.relpath, Path(marks.source), *marks.key), problems)
    if parsed is None or parsed.front != marks.front:
        return None
    page = page_of(Checked(parsed, check_fields(parsed, problems)))
    body = MarkdownRenderer(quick.languages, quick.content_dir, quick.urls, quick.backlinks).render(page, problems)
    if quick.glossary:
        ForeignNames(quick.glossary, quick.languages).check(page, problems)
    if (problems.items or body.images or tuple(synonyms(page, quick.glossary)) != marks.synonyms
            or not body.fragment_links <= marks.fragment_links
            or marks.needed - anchor_ids(body.html) != marks.missing):
        return None
    folder = quick.urls.path(marks.key, marks.lang)
    text = body.finish(lambda target: quick.urls.link(folder, target.key, target.lang or marks.lang,
                                                      target.fragment)).encode("utf-8")
    return text, dataclasses.replace(marks, end=marks.start + len(text), fragment_links=body.fragment_links)


def _write(output_dir: Path, path: str, data: bytes, options: BuildOptions,
           state: BuildState) -> dict[str, FileRecord] | None:
    """Exchange the page's folder for one with the new page and its twins; None (nothing written)
    if that folder holds anything else."""
    from .compress import precompressed
    from .outputs import OutputFile
    from .write import replace_folder

    folder = posixpath.dirname(path)
    twins = precompressed([OutputFile(path, data)], state.quick.precompress) if options.compress else []
    files = {path: data, **{twin.path: twin.data for twin in twins}}
    inside = folder + "/"
    in_folder = {known for known in state.files if known.startswith(inside) and "/" not in known[len(inside):]}
    try:
        entries = sorted(entry.name for entry in os.scandir(output_dir / folder))
    except OSError:
        return None
    if in_folder != set(files) or entries != sorted(posixpath.basename(known) for known in files):
        return None
    records = replace_folder(output_dir, folder, files)
    if records is None:
        return None
    source = digest(data)
    return {known: dataclasses.replace(record, fingerprint=source if known != path else "")
            for known, record in records.items()}
