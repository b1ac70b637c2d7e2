"""Safe YAML loading that remembers where each top-level key stands in the file.

Used for ``guide.yaml``, ``glossary.yaml`` and front matter. Only plain data is accepted: PyYAML's
safe loader (no Python object tags), no duplicate keys, and no anchors or aliases (which is what
makes a "billion laughs" document cheap to write and expensive to expand). Every way a hostile or
broken file can fail to load is reported as a message with the file and line, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics

#: Largest content file read (front matter and Markdown, guide.yaml, glossary.yaml): 1 MB is some
#: 150 printed pages of text, far more than any page of a guide, and keeps every build quick.
MAX_FILE_BYTES = 1_000_000
#: What PyYAML's constructors raise for a well-formed scalar they cannot turn into a value
#: (``2026-13-45``, ``!!float x``, ``!!bool maybe``, an integer of 5,000 digits …).
_VALUE_ERRORS = (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError)
_HINT = "check indentation (spaces, not tabs) and quote values containing ':' or '#'"


@dataclass(frozen=True)
class YamlMapping:
    """The loaded mapping and the file line (from 1) of each of its top-level keys."""

    values: dict[str, Any]
    key_lines: dict[str, int]


#: libyaml's loader where PyYAML was built with it (about ten times faster); it counts positions in bytes
_C_LOADER = hasattr(yaml, "CSafeLoader")


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster
    """SafeLoader that refuses what we never want in editors' files."""


def read_limited(path: Path, diagnostics: Diagnostics, what: str,
                 hint: str = "split it into several files") -> bytes | None:
    """The bytes of a content file, or None after reporting why they cannot be used: it is missing or
    unreadable, not a regular file (a FIFO would block the build forever), or over the size limit."""
    try:
        if not path.is_file():
            if path.exists():
                diagnostics.error(path, 1, f"{what} is not a regular file", "replace it with a text file")
            else:
                diagnostics.error(path, 1, f"{what} does not exist (a link to nowhere?)")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.error(path, 1, f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", hint)
            return None
        return path.read_bytes()
    except OSError as exc:
        diagnostics.error(path, 1, f"cannot read {what}: {exc.strerror or exc}")
        return None


def load_mapping(
    text: str, path: Path, first_line: int, diagnostics: Diagnostics, what: str
) -> YamlMapping | None:
    """Load ``text`` (which starts at file line ``first_line``) as a mapping, or report why not.

    Keys are taken as written (``true:`` is the key ``true``, not a boolean), so that each one has
    a name and a line."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlMapping({}, {})
        problem = _structural_problem(node, text)
        if problem:
            line, message = problem
            diagnostics.error(path, first_line + line, message)
            return None
        if not isinstance(node, yaml.MappingNode):
            diagnostics.error(path, first_line + node.start_mark.line,
                              f"{what} must be a mapping of 'key: value' lines")
            return None
        return _construct_mapping(loader, node, path, first_line, diagnostics)
    except yaml.YAMLError as exc:
        _report_yaml_error(exc, text, path, first_line, diagnostics, what)
        return None
    except RecursionError:
        diagnostics.error(path, first_line, f"{what} is nested too deeply")
        return None
    finally:
        loader.dispose()


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, path: Path, first_line: int,
                       diagnostics: Diagnostics) -> YamlMapping | None:
    values: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    failed = False
    for key, value in node.value:
        line = first_line + key.start_mark.line
        if not isinstance(key, yaml.ScalarNode):
            diagnostics.error(path, line, "a key must be a plain name, not a list or a mapping",
                              "write 'name: value'")
            failed = True
            continue
        try:
            values[key.value] = loader.construct_object(value, deep=True)
        except _VALUE_ERRORS as exc:
            kind = value.tag.rsplit(":", 1)[-1]
            detail = _detail(exc)
            diagnostics.error(path, first_line + value.start_mark.line,
                              f"'{key.value}': the value cannot be read as {kind}: {detail}",
                              "put it in quotes if it is meant as text")
            failed = True
            continue
        key_lines[key.value] = line
    return None if failed else YamlMapping(values, key_lines)


def _detail(exc: BaseException) -> str:
    """What went wrong, for an editor: without Python's advice on ``sys.set_int_max_str_digits()``,
    and without the internals of a constructor that stumbled (``'NoneType' object has no …``)."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        return exc.problem
    if isinstance(exc, (ValueError, OverflowError)) and str(exc):
        return str(exc).partition("; use sys.")[0]
    return "not a valid value of that type"


def _report_yaml_error(exc: yaml.YAMLError, text: str, path: Path, first_line: int, diagnostics: Diagnostics,
                       what: str) -> None:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = f", column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        diagnostics.error(path, line, f"YAML syntax error in {what}{column}: {problem}", _HINT)
    elif isinstance(exc, yaml.reader.ReaderError):  # a control character, before any parsing
        before = text.encode("utf-8")[:exc.position] if _C_LOADER else text[:exc.position].encode("utf-8")
        line = first_line + before.count(b"\n")
        diagnostics.error(path, line, f"{what} contains the control character #x{exc.character:04x}",
                          "delete it; only printable text, tabs and line breaks are allowed")
    else:
        diagnostics.error(path, first_line, f"cannot read {what}: {exc}")


def _structural_problem(root: yaml.Node, text: str) -> tuple[int, str] | None:
    """Find duplicate keys, aliases and unsupported tags before anything is constructed."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return _alias_line(text), "YAML anchors and aliases (&, *) are not allowed here"
        seen.add(id(node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in keys:
                    return key.start_mark.line, f"duplicate key '{name}'"
                keys.add(name)
                children.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            children.extend(node.value)
        stack.extend(reversed(children))  # depth-first in document order: an alias comes after its anchor
        if node.tag.startswith("tag:yaml.org,2002:python") or not node.tag.startswith(
            "tag:yaml.org,2002:"
        ):
            return node.start_mark.line, f"YAML tag '{node.tag}' is not allowed"
    return None


def _alias_line(text: str) -> int:
    """The line of the first alias (``*name``); the composed node only knows its anchor's place."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line
    return 0


def load_sequence(path: Path, diagnostics: Diagnostics, what: str) -> list[tuple[Any, int]]:
    """A YAML file holding a list: each item with its line, or ``[]`` after reporting a problem."""
    data = read_limited(path, diagnostics, what)
    if data is None:
        return []
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diagnostics.error(path, line, f"{what} is not UTF-8 text (byte 0x{data[exc.start]:02x})", "save it as UTF-8")
        return []
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        problem = _structural_problem(node, text)
        if problem:
            diagnostics.error(path, problem[0] + 1, problem[1])
            return []
        if not isinstance(node, yaml.SequenceNode):
            diagnostics.error(path, 1, f"{what} must be a list of items starting with '- '")
            return []
        items = []
        for item in node.value:
            try:
                items.append((loader.construct_object(item, deep=True), item.start_mark.line + 1))
            except _VALUE_ERRORS as exc:
                diagnostics.error(path, item.start_mark.line + 1, f"a value in {what} cannot be read: {_detail(exc)}",
                                  "put it in quotes if it is meant as text")
        return items
    except yaml.YAMLError as exc:
        _report_yaml_error(exc, text, path, 1, diagnostics, what)
        return []
    except RecursionError:
        diagnostics.error(path, 1, f"{what} is nested too deeply")
        return []
    finally:
        loader.dispose()
