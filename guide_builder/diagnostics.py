"""Problems found in the content, in one format: ``path:line: error: message (hint)``.

Every stage reports through a :class:`Diagnostics` collector instead of raising at the first
problem, so one build shows the editor all of them at once.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2  #: success, content errors, usage errors


def display_path(path: Path) -> str:
    """The path as an editor should see it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


#: what would break a message over lines or turn it around: control characters, line and paragraph
#: separators, and the bidirectional overrides and isolates
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` as one line that reads as written: what an editor typed may hold anything."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem with one file; ``line`` counts from 1 in that file."""

    path: str
    line: int
    severity: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Diagnostics:
    """Collects the problems of one build; stages add to it and carry on where they can."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path | str, line: int, message: str, hint: str = "") -> None:
        self._add(path, line, ERROR, message, hint)

    def warning(self, path: Path | str, line: int, message: str, hint: str = "") -> None:
        self._add(path, line, WARNING, message, hint)

    def _add(self, path: Path | str, line: int, severity: str, message: str, hint: str) -> None:
        shown = display_path(path) if isinstance(path, Path) else path
        self.items.append(Diagnostic(one_line(shown), max(1, line), severity, one_line(message), one_line(hint)))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Grouped by file, in line order; the same problem reported twice is shown once."""
        return sorted(set(self.items))


class ContentError(Exception):
    """Raised by a stage when the content cannot go further; the details are in ``diagnostics``."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__(f"{len(diagnostics.errors)} error(s) in the content")
        self.diagnostics = diagnostics


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest valid choice, or listing them when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(choices)
