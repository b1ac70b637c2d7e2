"""What a build leaves for the next one, so that the next redoes only what changed.

The state of a build is kept in the cache folder (``.cache/web/``), one file per output folder:
a fingerprint of every input file, the content files as parsed and checked, the bodies as
converted, and for every output file what it was made from and how it was left on disk. With it
the next build

* does nothing at all when no input changed and the output folder is as that build left it;
* otherwise reads again only the files that changed, converts only bodies whose inputs changed,
  renders only the pages whose fingerprint changed (see ``SiteRenderer.fingerprint``), and links
  the files that are still right from the previous output into the new one.

A state file that is damaged (its checksum), written by another version of the tool, or that
describes an output folder changed since (a file's size, time or inode differ, a file was added
or removed) is discarded or not trusted for that file: the build then makes it again. The state
is a pickle: the cache folder is trusted as the tool's own code is, like Python's ``__pycache__``.
This module imports nothing heavy, so ``build.py`` can tell "nothing changed" in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import Any

from .outputs import KeptFile, PageMarks

STATE_FOLDER = "web"
STATE_VERSION = b"guide_builder build state 3\n"
#: libraries whose output ends up in the site: a new version may render differently
LIBRARIES = ("Jinja2", "Markdown", "PyYAML", "Babel", "nh3", "pillow", "weasyprint", "brotli", "pagefind",
             "opening-hours-py", "segno")
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__"})


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def combined(*parts: Any) -> str:
    """One fingerprint of several values (strings, numbers, tuples of them: anything with a stable repr)."""
    return digest(repr(parts).encode("utf-8", "surrogateescape"))


@dataclass(frozen=True)
class FileRecord:
    """An output file as the build left it."""

    digest: str
    size: int
    mtime_ns: int
    inode: int
    fingerprint: str = ""  #: what it was made from ("" for files made on every build)

    def matches(self, stat: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.inode) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def found_in(self, output_dir: Path, path: str) -> Path | None:
        """The file at ``path`` in ``output_dir``, if it is still as this record says."""
        file = output_dir / path
        try:
            return file if self.matches(file.stat()) else None
        except OSError:
            return None


@dataclass
class BuildState:
    """Everything a build keeps for the next one (see the module's docstring)."""

    inputs: str = ""  #: fingerprint of all inputs and options; equal means nothing changed
    output_dir: str = ""
    files: dict[str, FileRecord] = field(default_factory=dict)  #: the output folder, by site path
    parsed: dict[str, tuple[str, Any, list]] = field(default_factory=dict)  #: source → (digest, result, problems)
    bodies: dict[tuple, tuple[str, Any, list]] = field(default_factory=dict)  #: page → (fingerprint, body, problems)
    memo: dict[str, tuple[str, Any]] = field(default_factory=dict)  #: other results, by name → (fingerprint, value)
    report: Any = None  #: the last build's report, repeated when nothing changed
    scanned: dict[str, str] = field(default_factory=dict)  #: this build's input files → digest
    signatures: dict[str, tuple] = field(default_factory=dict)  #: … → size, time, inode, digest
    scanned_ns: int = 0  #: when the inputs were scanned
    setting_files: str = ""  #: fingerprint of the inputs that are not pages: templates, catalogs, images …
    content_extras: str = ""  #: … of those in the content folder: guide.yaml, glossary, images
    config: str = ""  #: … of guide.yaml
    caches_digest: str = ""  #: of the ``.caches`` file that goes with this state
    caches_loaded: bool = True  #: False until :func:`load_caches` has read them
    #: what ``quick`` needs: of the guide, and where each page's text is (kept in a ``.quick`` file)
    quick: Any = None
    marks: dict[str, PageMarks] = field(default_factory=dict)
    quick_digest: str = ""  #: of the ``.quick`` file that goes with this state
    quick_loaded: bool = True  #: False until :func:`load_quick` has read it

    def take_inputs(self, content_dir: Path, signatures: dict[str, tuple], scanned_ns: int) -> None:
        """Note this build's inputs (a :func:`scan`)."""
        self.signatures, self.scanned_ns = signatures, scanned_ns
        self.scanned = scanned = {path: found[3] for path, found in signatures.items()}
        content = str(content_dir) + os.sep
        others = sorted((path, value) for path, value in scanned.items() if not path.endswith(".md"))
        self.setting_files = combined(others)
        self.content_extras = combined([item for item in others if item[0].startswith(content)])
        self.config = scanned.get(os.path.join(str(content_dir), "guide.yaml"), "")

    def source_fingerprint(self, path: Path) -> str:
        """What a content file's parsed and checked form depends on: the file and guide.yaml."""
        found = self.scanned.get(str(path))
        return combined(found, self.config) if found else ""

    def kept(self, output_dir: Path, path: str, fingerprint: str):
        """The previous output's file at ``path`` if it was made from ``fingerprint`` and is intact."""
        record = self.files.get(path)
        if record is None or not fingerprint or record.fingerprint != fingerprint:
            return None
        source = record.found_in(output_dir, path)
        return KeptFile(path, source, record.digest, fingerprint, self.marks.get(path)) if source else None

    def remembered(self, name: str, fingerprint: str) -> Any:
        """A value kept under ``name`` if it was computed from ``fingerprint``, else None."""
        found = self.memo.get(name)
        return found[1] if found and found[0] == fingerprint else None

    def remember(self, name: str, fingerprint: str, value: Any) -> Any:
        self.memo[name] = (fingerprint, value)
        return value


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The tool itself: its code, the libraries that shape the output, Python's version."""
    package = Path(__file__).resolve().parent
    code = [digest(path.read_bytes()) for path in sorted(package.glob("*.py"))]
    return combined(code, installed_versions(LIBRARIES), sys.version)


def installed_versions(names: tuple[str, ...]) -> list[str]:
    """The installed version of each library ("" if none), from the ``*.dist-info`` folder names
    on ``sys.path``: what ``importlib.metadata.version`` answers, without its 30 ms of import and
    search (this runs on every build, the ones with nothing to do included)."""
    wanted = {_normalised(name): index for index, name in enumerate(names)}
    versions = [""] * len(names)
    for folder in reversed(sys.path):  # the first folder on the path wins, as for imports
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry[: -len(".dist-info")].partition("-")
                index = wanted.get(_normalised(name))
                if index is not None:
                    versions[index] = version
    return versions


def _normalised(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


#: a file changed this close to the previous scan may have changed in the same clock tick as that
#: scan read it, with the same size and time: it is read again rather than trusted (as git does)
RACY_NS = 2_000_000_000


def scan(folders: list[Path], known: dict[str, tuple] | None = None, previous_scan_ns: int = 0) -> dict[str, tuple]:
    """Every file below ``folders`` by path: its size, time, inode and digest. A file whose size,
    time and inode are as ``known`` (a previous scan) and that was not changed near that scan's
    time keeps its digest without being read. Links are followed inside a folder only; what is
    not a regular file (a FIFO, a device) is noted, never read (the build reports it)."""
    known = known or {}
    found: dict[str, tuple] = {}
    seen: set[str] = set()
    for folder in folders:
        inside = os.path.realpath(folder) + os.sep
        for root, dirs, files in os.walk(folder, followlinks=True):
            real = os.path.realpath(root)
            if real in seen or not (real + os.sep).startswith(inside):
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
            for name in sorted(files):
                path = os.path.join(root, name)
                found[path] = _scanned(path, inside, known.get(path), previous_scan_ns)
    return found


def _scanned(path: str, inside: str, known: tuple | None, previous_scan_ns: int) -> tuple:
    """One file's signature and digest. A cold build scans every file of the guide here, before
    anything else, so this keeps to the fewest system calls: no buffered file object (which asks
    the file for its status and whether it is a terminal), one status for a file that is no link."""
    try:
        stat = os.lstat(path)
        if S_ISLNK(stat.st_mode):
            if not os.path.realpath(path).startswith(inside):
                return (0, 0, 0, f"link out of the folder: {os.readlink(path)}")
            stat = os.stat(path)
    except OSError:
        return (0, 0, 0, "unreadable")
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if not S_ISREG(stat.st_mode):
        return (*signature, "not a regular file")
    if known and known[:3] == signature and stat.st_mtime_ns < previous_scan_ns - RACY_NS:
        return known
    hashed = hashlib.blake2b(digest_size=16)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            while chunk := os.read(fd, 1 << 20):
                hashed.update(chunk)
        finally:
            os.close(fd)
    except OSError:
        return (*signature, "unreadable")
    return (*signature, hashed.hexdigest())


def state_file(cache_dir: Path, output_dir: Path, suffix: str = ".state") -> Path:
    return cache_dir / STATE_FOLDER / f"{digest(str(output_dir.absolute()).encode())}{suffix}"


CACHES = ("parsed", "bodies", "memo")  #: the large part, kept in a file of its own (``.caches``)


def load_state(cache_dir: Path | None, output_dir: Path) -> tuple[BuildState, str]:
    """The state the last build into ``output_dir`` left, and why it was discarded ("" if it was not).
    Only the small part is read; :func:`load_caches` reads the rest when there is work to do."""
    if cache_dir is None:
        return BuildState(), ""
    path = state_file(cache_dir, output_dir)
    parts, problem = _read(path)
    if parts is None:
        return BuildState(), problem
    found = parts[0] if len(parts) == 1 else None
    if not isinstance(found, BuildState):
        return BuildState(), f"{path}: not a build state; discarded"
    if found.output_dir != str(output_dir.absolute()):
        return BuildState(), f"{path}: made for another output folder; discarded"
    found.caches_loaded = found.quick_loaded = False
    return found, ""


def load_caches(cache_dir: Path | None, output_dir: Path, state: BuildState) -> str:
    """Read the parsed files, bodies and other results into ``state``; why not, if they cannot be."""
    if state.caches_loaded or cache_dir is None:
        return ""
    state.caches_loaded = True
    quick_problem = load_quick(cache_dir, output_dir, state)
    parts, problem = _read(state_file(cache_dir, output_dir, ".caches"), state.caches_digest)
    if parts is None:
        state.parsed, state.bodies, state.memo = {}, {}, {}
        return "; ".join(filter(None, (quick_problem, problem)))
    state.parsed, state.bodies, state.memo = _tables(parts, 3)
    return quick_problem


def load_quick(cache_dir: Path | None, output_dir: Path, state: BuildState) -> str:
    """Read what the last build left for ``quick`` into ``state``; why not, if it cannot be."""
    if state.quick_loaded or cache_dir is None:
        return ""
    state.quick_loaded = True
    parts, problem = _read(state_file(cache_dir, output_dir, ".quick"), state.quick_digest) if state.quick_digest \
        else (None, "")
    if not parts:
        state.quick, state.marks = None, {}
        return problem
    state.quick, (state.marks,) = parts[0], _tables(parts[1:], 1)
    return ""


def save_state(cache_dir: Path | None, output_dir: Path, state: BuildState) -> None:
    """Write the state, each file atomically (a reader sees the old or the new file, never half of one).
    The large files are written only when this build read or made them."""
    if cache_dir is None:
        return
    state.output_dir = str(output_dir.absolute())
    if state.caches_loaded:
        state.caches_digest = _write(state_file(cache_dir, output_dir, ".caches"),
                                     _in_parts(state.parsed, state.bodies, state.memo))
    if state.quick_loaded:
        state.quick_digest = _write(state_file(cache_dir, output_dir, ".quick"),
                                    [state.quick, *_in_parts(state.marks)])
    small = BuildState(inputs=state.inputs, output_dir=state.output_dir, files=state.files, report=state.report,
                       caches_digest=state.caches_digest, signatures=state.signatures, scanned_ns=state.scanned_ns,
                       quick_digest=state.quick_digest)
    _write(state_file(cache_dir, output_dir), [small])


class _HashingWriter:
    """A file that also hashes what is written to it: the state is pickled straight to disk,
    never held as one large bytes object."""

    def __init__(self, handle):
        self.handle = handle
        self.hashed = hashlib.blake2b(digest_size=16)

    def write(self, data) -> int:
        self.hashed.update(data)
        return self.handle.write(data)


def _write(path: Path, parts: Iterable[Any]) -> str:
    """Write ``parts`` with a header and a checksum; return the checksum. Each part is pickled on
    its own (the pickler forgets the objects of the last), so that saving a large state does not
    need a second copy of its bookkeeping in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "wb") as handle:
        handle.write(STATE_VERSION + b"0" * 32 + b"\n")  # the checksum, written once it is known
        writer = _HashingWriter(handle)
        pickler = pickle.Pickler(writer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dump(tool_fingerprint())
        for part in parts:
            pickler.clear_memo()
            pickler.dump(part)
        checksum = writer.hashed.hexdigest()
        handle.seek(len(STATE_VERSION))
        handle.write(checksum.encode())
    os.replace(temporary, path)
    return checksum


def _read(path: Path, checksum: str | None = None) -> tuple[list | None, str]:
    """The parts in a file :func:`_write` wrote (with ``checksum``, if given), or None and why it
    is not to be trusted. The file is checked first, then read again part by part: never held
    whole in memory (the caches of a large guide are tens of megabytes)."""
    try:
        with open(path, "rb") as handle:
            header, found = handle.readline(), handle.readline()[:-1].decode("ascii", "replace")
            start = handle.tell()
            hashed = hashlib.blake2b(digest_size=16)
            while chunk := handle.read(1 << 20):
                hashed.update(chunk)
            if header != STATE_VERSION or found != hashed.hexdigest():
                return None, f"{path}: damaged or from another version; discarded"
            if checksum is not None and found != checksum:
                return None, f"{path}: not the one its state file names; discarded"
            handle.seek(start)
            return _parts(handle, path)
    except OSError:
        return None, ""


def _parts(handle, path: Path) -> tuple[list | None, str]:
    parts: list = []
    try:  # our own cache: trusted, see the module's docstring
        if pickle.load(handle) != tool_fingerprint():
            return None, f"{path}: made by another version of the tool; discarded"
        while True:  # one unpickler a part: each part numbers its objects from 0
            parts.append(pickle.load(handle))
    except EOFError:
        return parts, ""
    except Exception as exc:  # a pickle can fail in many ways; any of them means: do not trust it
        return None, f"{path}: unreadable ({type(exc).__name__}); discarded"


def _in_parts(*tables: dict, size: int = 500) -> Iterator[tuple[int, list]]:
    """Large tables as (table number, some of its items), for :func:`_write`."""
    for number, table in enumerate(tables):
        items = list(table.items())
        for start in range(0, len(items), size):
            yield number, items[start:start + size]


def _tables(parts: list, count: int) -> tuple[dict, ...]:
    """The tables :func:`_in_parts` split, put together again."""
    tables: tuple[dict, ...] = tuple({} for _ in range(count))
    for number, items in parts:
        tables[number].update(items)
    return tables


def output_intact(output_dir: Path, files: dict[str, FileRecord]) -> bool:
    """Whether ``output_dir`` holds exactly ``files``, each as it was written."""
    if not files:
        return False
    count = 0
    folders = [(str(output_dir), "")]
    try:
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, f"{prefix}{entry.name}/"))
                        continue
                    record = files.get(prefix + entry.name)
                    if record is None or not record.matches(entry.stat(follow_symlinks=False)):
                        return False
                    count += 1
    except OSError:
        return False
    return count == len(files)
