"""Safe YAML loading that remembers where each top-level key stands in the file.

Used for ``guide.yaml`` and for front matter. Only plain data is accepted: PyYAML's safe loader
(no Python object tags), no duplicate keys, and no anchors or aliases (which is what makes a
"billion laughs" document cheap to write and expensive to expand).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics


@dataclass(frozen=True)
class YamlMapping:
    """The loaded mapping and the file line (from 1) of each of its top-level keys."""

    values: dict[str, Any]
    key_lines: dict[str, int]


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: ~10× faster
    """SafeLoader that refuses what we never want in editors' files."""


def load_mapping(
    text: str, path: Path, first_line: int, diagnostics: Diagnostics, what: str
) -> YamlMapping | None:
    """Load ``text`` (which starts at file line ``first_line``) as a mapping, or report why not."""
    try:
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
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = f", column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        diagnostics.error(
            path, line, f"YAML syntax error in {what}{column}: {problem}",
            "check indentation (spaces, not tabs) and quote values containing ':' or '#'",
        )
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(path, first_line, f"cannot read {what}: {exc}")
        return None
    except RecursionError:
        diagnostics.error(path, first_line, f"{what} is nested too deeply")
        return None
    if not isinstance(data, dict):
        diagnostics.error(path, first_line, f"{what} must be a mapping of 'key: value' lines")
        return None
    key_lines = {
        str(key.value): first_line + key.start_mark.line for key, _ in node.value
    }
    return YamlMapping({str(k): v for k, v in data.items()}, key_lines)


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
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error(path, 1, f"cannot read {what}: {exc}", "save it as UTF-8")
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
        return [(loader.construct_object(item, deep=True), item.start_mark.line + 1) for item in node.value]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        diagnostics.error(path, (mark.line + 1) if mark else 1, f"YAML syntax error in {what}: {exc.problem}")
        return []
    finally:
        loader.dispose()
