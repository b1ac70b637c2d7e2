"""The only module that touches the output folder: write a complete site, then swap it in.

The new site is written into a temporary folder beside the output folder. Only when every file
is written does it replace the old output, with one atomic exchange of the two folders where the
system offers it (Linux ``renameat2(RENAME_EXCHANGE)``), so that a reader or an interrupted build
never sees a half-written site. A failed build leaves the old output as it was.

Files that are the same as in the old output are hard links to the old files rather than new
copies, so a build that changed one page writes one page (and links the rest). One build at a time
writes an output folder: :func:`output_lock` makes a second one (``serve`` and ``build`` at once,
say) wait, and says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import logging
import os
import posixpath
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .incremental import FileRecord, digest
from .outputs import KeptFile, OutputFile, PageMarks

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


class Staging:
    """The new site, written file by file beside the output folder, then swapped in by :meth:`commit`.
    Left without a commit (an error, an interruption), it is removed and the output stays as it was.

    Files may be added from forked worker processes too: :meth:`add` returns the record, which the
    worker hands back for :meth:`take`."""

    def __init__(self, output_dir: Path, previous: dict[str, FileRecord] | None = None):
        self.output_dir = output_dir.absolute()
        self.output_dir.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(self.output_dir)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.output_dir.name}.new-", dir=self.output_dir.parent))
        self.previous = previous or {}
        self.records: dict[str, FileRecord] = {}
        self.marks: dict[str, PageMarks] = {}  #: where each page's text is, for ``quick``
        self._folders: set[Path] = set()
        self._committed = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if not self._committed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def add(self, output: OutputFile | KeptFile) -> FileRecord:
        """Write one file into the new site."""
        record = self.write(output)
        self.take({output.path: record}, {output.path: output.marks} if output.marks else {})
        return record

    def write(self, output: OutputFile | KeptFile) -> FileRecord:
        """Write one file and return its record without taking note of it (in a worker process)."""
        relative = check_path(output.path)
        target = self.folder / relative
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        if isinstance(output, KeptFile):
            file_digest, old = output.digest, output.source
        else:
            file_digest = digest(output.data)
            old = self._unchanged(relative, file_digest)
        stat = _written(target, output.data) if old is None or not _link(old, target) else target.stat()
        return FileRecord(file_digest, stat.st_size, stat.st_mtime_ns, stat.st_ino, output.fingerprint)

    def take(self, records: dict[str, FileRecord], marks: dict[str, PageMarks]) -> None:
        """Take note of written files (a worker's, or this process's), and of the marks of the pages among them."""
        for path, record in records.items():
            path = check_path(path)
            if path in self.records:
                raise UnsafePathError(f"two outputs want the same path: {path}")
            self.records[path] = record
        self.marks.update(marks)

    def commit(self) -> dict[str, FileRecord]:
        """Swap the new site in; return its files."""
        os.chmod(self.folder, 0o755)
        _swap_in(self.folder, self.output_dir)
        self._committed = True
        return self.records

    def _unchanged(self, path: str, wanted: str) -> Path | None:
        """The old output's file at ``path`` if it holds the bytes with this digest, as it was written."""
        record = self.previous.get(path)
        if record is None or record.digest != wanted:
            return None
        return record.found_in(self.output_dir, path)



def _written(target: Path, data: bytes) -> os.stat_result:
    """Write a new file and return its status, without a second look-up of its path."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return os.fstat(fd)
    finally:
        os.close(fd)


def clear_leftovers(output_dir: Path) -> None:
    """Staging folders of builds that were killed, old sites whose removal was cut short."""
    name = output_dir.name
    for leftover in output_dir.parent.glob(f".{name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    running = [" ".join(process.args) for process in _REMOVALS if process.poll() is None]
    for leftover in output_dir.parent.glob(f".{name}.old-*"):
        if not any(str(leftover) in args for args in running):
            _remove_in_background(leftover)


def replace_folder(output_dir: Path, folder: str, files: dict[str, bytes]) -> dict[str, FileRecord] | None:
    """Replace one folder of the output (a page and its twins) by a folder holding ``files``
    (site path → bytes), in one atomic exchange: a reader, or a build killed meanwhile, sees the
    old folder or the new one. None where the system cannot exchange folders (nothing changed then)."""
    output_dir = output_dir.absolute()
    target = output_dir / check_path(folder)
    clear_leftovers(output_dir)
    new = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
    try:
        records = {}
        for path, data in files.items():
            if posixpath.dirname(check_path(path)) != folder:
                raise UnsafePathError(f"{path} is not in {folder}")
            stat = _written(new / posixpath.basename(path), data)
            records[path] = FileRecord(digest(data), stat.st_size, stat.st_mtime_ns, stat.st_ino)
        os.chmod(new, target.stat().st_mode & 0o7777)
        if not _exchange(new, target):
            return None
    finally:
        shutil.rmtree(new, ignore_errors=True)  # after the exchange, the old files
    return records


def _link(old: Path, new: Path) -> bool:
    """Make ``new`` a hard link to ``old``; False where links cannot be made (another file system)."""
    try:
        os.link(old, new)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def output_lock(output_dir: Path, tell: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``output_dir`` while building into it, waiting (and saying so) while
    another build holds it. The lock file sits beside the folder, so the swap cannot remove it."""
    output_dir = output_dir.absolute()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = output_dir.parent / f".{output_dir.name}.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if tell:
                tell(f"waiting: another build is writing {output_dir.name}/ ({holder}); "
                     "this one goes on when it has finished")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _swap_in(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    old = staging.with_name(staging.name.replace(".new-", ".old-", 1))
    if _exchange(staging, output_dir):
        os.rename(staging, old)  # it now holds the old site
    else:
        os.rename(output_dir, old)
        os.rename(staging, output_dir)
    _remove_in_background(old)


#: removals still running, kept so that they are not collected while running
_REMOVALS: list[subprocess.Popen] = []


def _remove_in_background(folder: Path) -> None:
    """Remove the old site without making the build wait: deleting thousands of files can take
    longer than the build itself. A removal cut short is finished by the next build."""
    _REMOVALS[:] = [process for process in _REMOVALS if process.poll() is None]
    remover = shutil.which("rm")
    if remover is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _REMOVALS.append(subprocess.Popen([remover, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))


def wait_for_removals() -> None:
    """Wait until the old sites are gone (for tests and tools that look at the folder next)."""
    for process in _REMOVALS:
        process.wait()
    _REMOVALS.clear()


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
