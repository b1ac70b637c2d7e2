"""One content file → :class:`ParsedFile`: its front matter (with the line of every key) and body.

Reading is strict about what it cannot understand and lenient about what editors' tools do to
files: a UTF-8 byte order mark and Windows line endings are accepted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics
from .discover import SourceFile
from .yamlsource import load_mapping, read_limited

logger = logging.getLogger(__name__)

FENCE = "---"
#: a line that was meant as the closing ``---``: a dash made of it by autocorrection, two or four hyphens
FENCE_LOOKALIKE = re.compile(r"^(?:[\u2012-\u2015\u2212]{1,3}|-{2}|-{4,}|- - -)\s*$")


@dataclass(frozen=True)
class ParsedFile:
    """A content file split into front matter and Markdown body."""

    source: SourceFile
    meta: dict[str, Any]
    key_lines: dict[str, int]  #: file line (from 1) of each front-matter key
    body_utf8: bytes  #: the body as UTF-8 (see ``model.Page.body``)
    body_line: int  #: file line of the body's first line
    blob: str = ""  #: git blob hash of the file's bytes (computable without git), for translation status
    front: str = ""  #: fingerprint of the text above the body: equal means the same keys, values and lines

    @property
    def body(self) -> str:
        return self.body_utf8.decode("utf-8", "surrogatepass")


def parse_file(source: SourceFile, diagnostics: Diagnostics) -> ParsedFile | None:
    """Read ``source``; report and return None when it cannot be used at all."""
    data = read_limited(source.path, diagnostics, "the file", "split the text into several entries")
    if data is None:
        return None
    text = _decode(data, source, diagnostics)
    if text is None:
        return None
    parsed = parse_text(source, text, diagnostics)
    return parsed and dataclasses.replace(parsed, blob=git_blob_hash(data))


def git_blob_hash(data: bytes) -> str:
    """The id git gives these bytes (``git hash-object``), so git can show that old text later."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def parse_text(source: SourceFile, text: str, diagnostics: Diagnostics) -> ParsedFile | None:
    path = source.path
    if not text.strip():
        diagnostics.error(path, 1, "the file is empty",
                          "start it with front matter: a '---' line, 'title: …', and another '---' line")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        diagnostics.error(path, 1, "the file does not start with front matter",
                          "the first line must be '---', followed by 'title: …' and a closing '---'")
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    lookalike = next((i for i in range(1, closing or len(lines)) if FENCE_LOOKALIKE.match(lines[i])), None)
    if lookalike is not None:
        diagnostics.error(path, lookalike + 1,
                          f"'{lines[lookalike].strip()}' is not the '---' that ends the front matter",
                          "write exactly three hyphens; a word processor may have turned them into a dash")
        return None
    if closing is None:
        diagnostics.error(path, 1, "the front matter that starts on line 1 is never closed",
                          "add a line with '---' after the last key")
        return None
    yaml_text = "\n".join(lines[1:closing])
    mapping = load_mapping(yaml_text, path, 2, diagnostics, "the front matter")
    if mapping is None:
        return None
    body = "\n".join(lines[closing + 1:])
    front = hashlib.blake2b("\n".join(lines[:closing + 1]).encode("utf-8", "surrogateescape"), digest_size=16)
    return ParsedFile(source, mapping.values, mapping.key_lines, body.encode("utf-8", "surrogatepass"), closing + 2,
                      front=front.hexdigest())


def _decode(data: bytes, source: SourceFile, diagnostics: Diagnostics) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diagnostics.error(source.path, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                          "save it as UTF-8 in your editor")
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        diagnostics.error(source.path, line, "the file contains a NUL character; is it really text?")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
