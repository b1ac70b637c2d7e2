"""How to build, beyond what guide.yaml says: chosen on the command line, the same for every stage."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
TOOL_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"  #: the tool's own interface catalogs


@dataclass(frozen=True)
class BuildOptions:
    templates_dir: Path = TEMPLATES_DIR
    pdf: bool = True  #: also make the printed guide
    search: bool = True  #: also build the search index
    compress: bool = True  #: also write the compressed twins guide.yaml asks for (precompress)
    press: bool | None = None  #: press PDFs and proofs; None: as guide.yaml's ``pdf: press`` says
    cache_dir: Path | None = None  #: where the build keeps what the next one can reuse; None: no cache
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    progress: Callable[[str], None] | None = None  #: told what is being done, for a terminal

    def key(self) -> tuple:
        """What of the options shapes the output (not where the cache is, or who is told)."""
        return (str(self.templates_dir.absolute()), self.pdf, self.search, self.compress, self.press)
