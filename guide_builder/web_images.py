"""Web versions of the guide's images: a few widths, WebP with a JPEG (or PNG) fallback, EXIF
orientation applied and metadata stripped; made once per image content and kept in the cache.

The printed guide uses the original files; only the website gets these.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .images import IMAGES_FOLDER, ImageInfo
from .outputs import OutputFile

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
#: how wide an image is shown: the text column, or the screen on a phone
SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"


@dataclass(frozen=True)
class Version:
    path: str  #: site-relative path
    width: int
    mime: str


@dataclass(frozen=True)
class WebImage:
    """The versions of one image, widest last, per format; the fallback is JPEG, or PNG for transparency."""

    webp: tuple[Version, ...]
    fallback: tuple[Version, ...]
    width: int  #: of the widest version, for the width/height attributes
    height: int


def versions(image: ImageInfo) -> tuple[list[int], str]:
    """The widths to make (never wider than the original) and the fallback format."""
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    fallback = "png" if image.path.suffix.lower() in (".png", ".gif") else "jpg"
    return sorted(set(widths)), fallback


def web_image(image: ImageInfo) -> WebImage:
    """Where the versions of ``image`` are published, and its size as shown."""
    widths, fallback = versions(image)
    stem = f"{IMAGES_FOLDER}/{image.path.stem}.{image.digest[:10]}"
    widest = widths[-1]
    height = round(image.height * widest / image.width)
    return WebImage(
        webp=tuple(Version(f"{stem}.{w}.webp", w, "image/webp") for w in widths),
        fallback=tuple(Version(f"{stem}.{w}.{fallback}", w, f"image/{'png' if fallback == 'png' else 'jpeg'}")
                       for w in widths),
        width=widest, height=height)


def render_versions(image: ImageInfo, cache_dir: Path | None, keep=None) -> list:
    """The files of every version: kept from the previous output (``keep``, see ``render_html``), or
    from the cache folder where they were made before, or made now."""
    published = web_image(image)
    files = []
    for version in (*published.webp, *published.fallback):
        kept = keep(version.path, image.digest) if keep else None
        files.append(kept or OutputFile(version.path, _cached(image, version, cache_dir), image.digest))
    return files


def _cached(image: ImageInfo, version: Version, cache_dir: Path | None) -> bytes:
    key = f"{image.digest}-{version.width}.{version.path.rsplit('.', 1)[1]}"
    path = cache_dir / "images" / key if cache_dir else None
    if path is not None and path.is_file():
        return path.read_bytes()
    data = _encode(image, version)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{key}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
    return data


def _encode(image: ImageInfo, version: Version) -> bytes:
    with Image.open(image.path) as original:
        picture = ImageOps.exif_transpose(original)  # turn it as the camera meant; the tag is not kept
        picture.load()
    height = round(picture.height * version.width / picture.width)
    if version.width != picture.width:
        picture = picture.resize((version.width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    suffix = version.path.rsplit(".", 1)[1]
    if suffix == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=6)
    elif suffix == "png":
        picture.save(buffer, "PNG", optimize=True)
    else:
        picture.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def picture_markup(published: WebImage, relative, alt: str, extra: str = "", lazy: bool = True) -> str:
    """``<picture>`` with a WebP source and the fallback ``<img>``; ``relative`` makes a link from the page,
    ``alt`` is already escaped for HTML. A picture at the top of a page (``lazy=False``) loads at once."""
    def srcset(items: tuple[Version, ...]) -> str:
        return ", ".join(f"{relative(v.path)} {v.width}w" for v in items)

    fallback = published.fallback
    middle = fallback[len(fallback) // 2]
    loading = "lazy" if lazy else "eager"
    return (f'<picture><source type="image/webp" srcset="{srcset(published.webp)}" sizes="{SIZES}">'
            f'<img src="{relative(middle.path)}" srcset="{srcset(fallback)}" sizes="{SIZES}" alt="{alt}" '
            f'width="{published.width}" height="{published.height}" loading="{loading}" '
            f'decoding="async"{extra}>'
            f"</picture>")
