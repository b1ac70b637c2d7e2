"""Images that editors name in front matter or in Markdown: find them, read their size, refuse the rest.

An image is a file next to the page's file or in ``content/images/``. Images from other sites are
never loaded (the site and the PDF make no third-party request), and neither are files outside the
content folder or of a kind we do not publish.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from .discover import SourceFile

logger = logging.getLogger(__name__)

IMAGES_FOLDER = "images"
#: kinds of image we publish; SVG is not among them, since it may carry scripts
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
#: print resolution below which an image looks soft
PRINT_DPI = 300
EXIF_ORIENTATION = 0x0112
#: EXIF orientations that turn the picture by 90° (width and height swap)
TURNED = frozenset({5, 6, 7, 8})
#: Pillow's guard against decompression bombs: images larger than this are refused
MAX_PIXELS = 80_000_000


class ImageError(ValueError):
    """An image reference that cannot be used; the message says why, for the editor."""


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int  #: pixels
    height: int
    digest: str  #: of the file's bytes, for the published name and caches

    def dpi_at(self, printed_width_mm: float) -> float:
        return self.width / (printed_width_mm / 25.4)


def find_image(reference: str, source: SourceFile, content_dir: Path) -> ImageInfo:
    """The image ``reference`` names, seen from ``source``; raises :class:`ImageError`."""
    try:
        parts = urlsplit(reference)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        raise ImageError(f"image '{reference}' is not a file name") from None
    if parts.scheme or parts.netloc or reference.startswith("//"):
        raise ImageError(f"image '{reference}' is on another site and is not loaded; "
                         "put the file next to the page or in content/images/")
    name = unquote(parts.path)
    root = content_dir.resolve()
    beside = source.path.parent / name
    candidates = [beside, content_dir / IMAGES_FOLDER / posixpath.basename(name)] if name else []
    outside = False
    for candidate in candidates:
        try:
            path = candidate.resolve()
            if not path.is_relative_to(root):
                # never looked at, whether it exists or not: the messages tell nothing about other folders
                outside = True
                continue
            if not path.is_file():
                continue
            mtime = path.stat().st_mtime_ns
        except (OSError, ValueError, RuntimeError):  # a name too long, a NUL character, a symlink loop
            continue
        if path.suffix.lower() not in SUFFIXES:
            raise ImageError(f"image '{reference}': use JPEG, PNG, WebP or GIF files")
        return _inspect(path, mtime)
    if outside:
        raise ImageError(f"image '{reference}' lies outside the content folder")
    raise ImageError(f"image '{reference}' not found next to this file or in content/images/")


@lru_cache(maxsize=1024)
def _inspect(path: Path, _mtime: int) -> ImageInfo:
    data = path.read_bytes()
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ImageError(f"image '{path.name}' is {image.width}×{image.height} pixels, more than we process")
            image.verify()  # checks the file's structure; the image must be opened again to be used
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION, 1) in TURNED:
                width, height = height, width  # shown turned, as the camera recorded it
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageError(f"image '{path.name}' cannot be read: {exc}") from None
    return ImageInfo(path, width, height, hashlib.sha256(data).hexdigest())
