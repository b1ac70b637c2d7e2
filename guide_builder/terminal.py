"""What a command tells the person who ran it, and how much.

* ``--quiet``: problems that stop the build (errors) only.
* default, not on a terminal (a CI log, a pipe): every problem and a one-line summary.
* default, on a terminal: the same, with a live line saying what is being done and since when.
* ``--verbose``: every step on its own line, with the time since the start, and the summary.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any


class Reporter:
    """Receives the build's progress messages and shows them as the chosen level asks."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream: Any = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet and not verbose
        self.verbose = verbose
        self.live = not quiet and not verbose and self.stream.isatty()
        self.started = time.perf_counter()
        self._status: Any = None

    @property
    def progress(self) -> Callable[[str], None] | None:
        """The callback for the build, or None when nothing is to be shown."""
        if self.verbose:
            return self._line
        if self.live:
            return self._update
        return None

    def running(self, what: str) -> AbstractContextManager:
        """A live status line (on a terminal only) for as long as the work lasts."""
        if not self.live:
            return nullcontext()
        from rich.console import Console  # loaded only for a person at a terminal

        self._status = Console(file=self.stream).status(what, spinner="dots")
        return self._status

    def _update(self, message: str) -> None:
        if self._status is not None:
            elapsed = time.perf_counter() - self.started
            self._status.update(f"{message} [dim]({elapsed:.1f} s)[/dim]")

    def _line(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:6.2f} s] {message}", file=self.stream, flush=True)
