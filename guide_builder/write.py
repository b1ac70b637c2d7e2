"""The only module that touches the output folder: write a complete site, then swap it in.

The new site is written into a temporary folder beside the output folder. Only when every file
is written does it replace the old output, with one atomic exchange of the two folders where the
system offers it (Linux ``renameat2(RENAME_EXCHANGE)``), so that a reader or an interrupted build
never sees a half-written site. A failed build leaves the old output as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .outputs import OutputFile

logger = logging.getLogger(__name__)

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class UnsafePathError(ValueError):
    """An output path that would leave the output folder."""


def check_path(path: str) -> str:
    """Refuse anything but a plain relative path inside the output folder."""
    normal = posixpath.normpath(path)
    if (not path or path.startswith("/") or "\\" in path or "\x00" in path
            or normal.startswith("..") or normal != path.rstrip("/")):
        raise UnsafePathError(f"refusing to write outside the output folder: {path!r}")
    return normal


def write_site(files: Iterable[OutputFile], output_dir: Path) -> int:
    """Write ``files`` as the new content of ``output_dir``; return how many were written."""
    output_dir = output_dir.absolute()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
    try:
        count = _write_all(files, staging)
        _swap_in(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _write_all(files: Iterable[OutputFile], folder: Path) -> int:
    written: set[str] = set()
    for output in files:
        relative = check_path(output.path)
        if relative in written:
            raise UnsafePathError(f"two outputs want the same path: {relative}")
        written.add(relative)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data)
    os.chmod(folder, 0o755)
    return len(written)


def _swap_in(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the old site
        return
    old = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
    os.rename(output_dir, old)
    os.rename(staging, output_dir)
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two folders; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
