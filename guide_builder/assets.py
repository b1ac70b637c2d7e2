"""Static files of the site (stylesheet, scripts, fonts, icons) under content-hashed names.

A hashed name changes whenever the file does, so servers may let browsers cache assets for a year.
Stylesheets are hashed last, after their ``url()`` references were rewritten to the hashed names.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .outputs import OutputFile
from .urls import relative

ASSETS_FOLDER = "assets"


@dataclass
class Assets:
    """Static files with content-hashed names, so that they may be cached for long."""

    files: list[OutputFile] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)  #: source name → hashed site path

    @classmethod
    def collect(cls, folder: Path) -> Assets:
        """Hash every file; stylesheets last, with their ``url()`` references rewritten to the hashed names."""
        assets = cls()
        sources = sorted(p for p in folder.rglob("*") if p.is_file())
        for source in sorted(sources, key=lambda p: p.suffix == ".css"):
            name = source.relative_to(folder).as_posix()
            data = source.read_bytes()
            if source.suffix == ".css":
                data = assets._rewrite_urls(data.decode("utf-8"), name).encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()[:10]
            stem, dot, suffix = name.rpartition(".")
            hashed = f"{ASSETS_FOLDER}/{stem}.{digest}.{suffix}" if dot else f"{ASSETS_FOLDER}/{name}.{digest}"
            assets.paths[name] = hashed
            assets.files.append(OutputFile(hashed, data))
        return assets

    def _rewrite_urls(self, css: str, css_name: str) -> str:
        def replace(match: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(css_name), match.group(1)))
            if target not in self.paths:
                return match.group(0)
            own = f"{ASSETS_FOLDER}/{css_name}"
            return f"url({relative(own, self.paths[target])})"

        return re.sub(r"url\(([^)'\":]+)\)", replace, css)
