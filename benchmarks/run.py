"""Fast at every size: guide_builder's web build against the floor and Hugo on synthetic guides.

Run from the repository root::

    .venv/bin/python benchmarks/run.py --entries 1000 5000 --repeat 5 [--markdown FILE]
    .venv/bin/python benchmarks/run.py --entries 50 200 --repeat 2          a quick smoke run
    .venv/bin/python benchmarks/run.py --pdf --pdf-entries 300              also the PDF floor (pdf_speed.py)

For each size N (entries per language) the runner writes a guide with ``generate.py`` into the
work folder (``benchmarks/.work/``, git-ignored, emptied at the start of a run), then, in the same
run, repeats these measurements, the order rotating from one repetition to the next:

``floor``        ``floor.py``: read, YAML, Python-Markdown, one Jinja2 template, write; one page per entry
``gb-cold``      ``build.py build --no-pdf --no-search --quiet`` into a removed output folder with a new,
                 empty ``--cache`` folder (pages plus the compressed twins guide.yaml asks for: .gz by default)
``gb-cold-plain`` the same with ``--no-compress``: the pages only, as the floor and Hugo write them
``hugo-cold``    ``hugo`` on the same Markdown (``benchmarks/hugo/``) into a removed output folder with a
                 new, empty ``--cacheDir``; left out with a note when ``hugo`` is not on PATH
``gb-nochange``  the same build again into the output and cache of an earlier build, nothing changed
``gb-edit``      the same after one sentence of one entry changed (``generate.edit_entry``)

Every measurement is a subprocess timed by the wall clock, from start to exit. Peak memory is what
GNU time reports as the maximum resident set size (``/usr/bin/time -f %M``): the ``ru_maxrss`` of the
command, the largest resident set of the process or of any descendant it waited for. For a tool
that runs several processes at once it is the largest single process, not their sum; Hugo is one
process with many threads, and ``build.py --no-pdf`` one process. (Without GNU time the runner reads
``ru_maxrss`` from ``os.wait4`` itself, which also counts the runner's own memory at the fork: Linux
keeps the high-water mark a child had before ``exec``. The report says which was used.)

Once per size, after the repetitions, one more entry is edited and built incrementally, and the
output is compared byte for byte with a cold build of the same content ("identical").

guide_builder runs from a snapshot of the project taken at the start (as in ``pdf_speed.py``), so
that edits made to the working tree during the run cannot mix two versions into one table; the
snapshot is compiled to bytecode as ``make`` leaves the package (with PYTHONDONTWRITEBYTECODE set,
every build would compile it again). Nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import generate
import pdf_speed

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
DEFAULT_WORKDIR = BENCHMARKS / ".work"
TOOLS = ("floor", "gb-cold", "gb-cold-plain", "hugo-cold", "gb-nochange", "gb-edit")
LABELS = {
    "floor": "floor (Markdown + Jinja2 loop)",
    "gb-cold": "guide_builder, cold",
    "gb-cold-plain": "guide_builder, cold, without compressed twins",
    "hugo-cold": "Hugo, cold",
    "gb-nochange": "guide_builder, nothing changed",
    "gb-edit": "guide_builder, one entry edited",
}


@dataclass
class Measurement:
    seconds: float
    peak_mb: float
    returncode: int
    busy_elsewhere: float  #: share of all cores other processes used meanwhile
    stderr: str = ""


@dataclass
class SizeResult:
    entries: int
    cities: int
    source_files: int
    runs: dict[str, list[Measurement]] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)  #: HTML files each tool wrote
    identical: str = "not checked"
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- one timed subprocess

def gnu_time() -> str | None:
    """GNU time, which reports the peak memory of a command started from its own small process."""
    path = shutil.which("time", path="/usr/bin:/bin")
    if not path:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True, check=False)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


GNU_TIME = gnu_time()
MEMORY_METHOD = (
    "peak memory: GNU time's %M (`/usr/bin/time -f %M`, the ru_maxrss of the command as its wait4 returns "
    "it: the largest resident set of the process or of any descendant it waited for, not their sum)"
    if GNU_TIME else
    "peak memory: ru_maxrss from os.wait4 of each subprocess (GNU time not found); this counts the runner's "
    "own resident set at the moment of the fork, so small figures are too high")


def timed(command: list[str], cwd: Path, log_dir: Path) -> Measurement:
    """Run ``command``; its wall-clock time, peak memory and exit code.

    The peak memory comes from GNU time where it exists: ``ru_maxrss`` read by this process would
    include this process's own resident set (Linux keeps the high-water mark of the memory a child
    had before ``exec``, and a forked child has all of its parent's), which GNU time, small itself,
    does not add."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if GNU_TIME:
        command = [GNU_TIME, "-f", "%M", "-o", str(log_dir / "maxrss"), *command]
    with open(log_dir / "stdout", "wb") as out, open(log_dir / "stderr", "wb") as err:
        busy_before, own_before = pdf_speed.busy_cpu_seconds(), pdf_speed.own_cpu_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        others = (pdf_speed.busy_cpu_seconds() - busy_before) - (pdf_speed.own_cpu_seconds() - own_before)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    stderr = (log_dir / "stderr").read_text(encoding="utf-8", errors="replace")
    peak_kib = usage.ru_maxrss
    if GNU_TIME:  # its last line is the figure; a line before it may say the command failed
        peak_kib = int((log_dir / "maxrss").read_text().split()[-1])
    return Measurement(seconds, peak_kib / 1024, process.returncode,
                       max(0.0, others) / (seconds * (os.cpu_count() or 1)), stderr)


def fresh(path: Path) -> Path:
    """``path`` removed (with everything below it); its parent exists."""
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def tree_difference(first: Path, second: Path) -> list[str]:
    """Relative paths that differ between two folders (missing on one side or other bytes)."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    left, right = files(first), files(second)
    differing = sorted(set(left) ^ set(right))
    differing += sorted(name for name in set(left) & set(right) if left[name].read_bytes() != right[name].read_bytes())
    return differing


# ---------------------------------------------------------------- one size

class SizeBench:
    """The folders and commands of one guide size; each ``measure_*`` runs one timed measurement."""

    def __init__(self, entries: int, args: argparse.Namespace, snapshot: Path, workdir: Path):
        self.entries = entries
        self.root = workdir / f"n{entries}"
        self.content = self.root / "content"
        self.snapshot = snapshot
        self.hugo = shutil.which("hugo")
        self.edits = 0
        generate.generate(self.content, entries, args.cities, args.seed)
        self.cities = sum(1 for p in (self.content / generate.EDITED_LANG).iterdir() if p.is_dir())
        self.source_files = sum(1 for _ in self.content.rglob("*.md"))
        self.warm_output = self.root / "gb-warm-out"
        self.warm_cache = self.root / "gb-warm-cache"
        if self.hugo:
            self._hugo_project()

    def _hugo_project(self) -> None:
        """benchmarks/hugo/ copied, with the generated language folders linked in as its content."""
        self.hugo_project = self.root / "hugo-project"
        shutil.copytree(BENCHMARKS / "hugo", self.hugo_project)
        (self.hugo_project / "content").mkdir()
        for lang in generate.LANGUAGES:
            (self.hugo_project / "content" / lang).symlink_to(self.content / lang, target_is_directory=True)

    def gb_command(self, output: Path, cache: Path) -> list[str]:
        return [sys.executable, str(self.snapshot / "build.py"), "build", "--content", str(self.content),
                "--output", str(output), "--no-pdf", "--no-search", "--cache", str(cache), "--quiet"]

    def run(self, tool: str, tag: str) -> tuple[Measurement, Path]:
        """One measurement of ``tool``; also the folder its pages went to."""
        logs = self.root / "logs" / f"{tool}-{tag}"
        if tool == "floor":
            output = fresh(self.root / "floor-out")
            command = [sys.executable, str(BENCHMARKS / "floor.py"), str(self.content), str(output)]
        elif tool in ("gb-cold", "gb-cold-plain"):
            output, cache = fresh(self.root / "gb-cold-out"), fresh(self.root / "gb-cold-cache")
            cache.mkdir()
            command = self.gb_command(output, cache) + (["--no-compress"] if tool == "gb-cold-plain" else [])
        elif tool == "hugo-cold":
            output, cache = fresh(self.root / "hugo-out"), fresh(self.root / "hugo-cache")
            cache.mkdir()
            shutil.rmtree(self.hugo_project / "resources", ignore_errors=True)
            command = [self.hugo, "--source", str(self.hugo_project), "--destination", str(output),
                       "--cacheDir", str(cache), "--noBuildLock", "--quiet"]
        elif tool in ("gb-nochange", "gb-edit"):
            if tool == "gb-edit":
                self.edits += 1
                generate.edit_entry(self.content, self.edits)
            output = self.warm_output
            command = self.gb_command(output, self.warm_cache)
        else:
            raise ValueError(tool)
        return timed(command, self.root, logs), output

    def fill(self) -> Measurement:
        """The untimed build that the no-change and edit measurements start from."""
        fresh(self.warm_output)
        fresh(self.warm_cache).mkdir()
        return timed(self.gb_command(self.warm_output, self.warm_cache), self.root, self.root / "logs" / "fill")

    def verify(self) -> str:
        """Edit once more, build incrementally, and compare with a cold build of the same content."""
        self.edits += 1
        generate.edit_entry(self.content, self.edits)
        incremental = timed(self.gb_command(self.warm_output, self.warm_cache), self.root,
                            self.root / "logs" / "verify-incremental")
        output, cache = fresh(self.root / "verify-out"), fresh(self.root / "verify-cache")
        cache.mkdir()
        cold = timed(self.gb_command(output, cache), self.root, self.root / "logs" / "verify-cold")
        if incremental.returncode or cold.returncode:
            return f"no: a build failed (exit {incremental.returncode} incremental, {cold.returncode} cold)"
        # the comparison means something only if the edit reached the incremental output
        marker = f"(Fassung {self.edits})"
        edited = any(marker in page.read_text(encoding="utf-8") for page in self.warm_output.rglob("*.html"))
        differing = tree_difference(self.warm_output, output)
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        if not edited:
            return "no: the edited sentence is not in the incremental build's pages"
        if not differing:
            return "yes"
        shown = ", ".join(differing[:5]) + (" …" if len(differing) > 5 else "")
        return f"no: {len(differing)} file(s) differ ({shown})"


def bench_size(entries: int, args: argparse.Namespace, snapshot: Path, workdir: Path) -> SizeResult:
    started = time.perf_counter()
    bench = SizeBench(entries, args, snapshot, workdir)
    result = SizeResult(entries, bench.cities, bench.source_files)
    print(f"\nN = {entries}: {bench.source_files} Markdown files in {bench.cities} cities "
          f"(generated in {time.perf_counter() - started:.1f} s)", flush=True)
    tools = [tool for tool in args.tools if tool != "hugo-cold" or bench.hugo]
    if "hugo-cold" in args.tools and not bench.hugo:
        result.notes.append("Hugo left out: `hugo` is not on PATH")
        print("  note: hugo is not on PATH; Hugo is left out", flush=True)
    if {"gb-nochange", "gb-edit"} & set(tools):
        fill = bench.fill()
        print(f"  untimed first build for the warm output and cache: {fill.seconds:.1f} s (exit {fill.returncode})",
              flush=True)
        if fill.returncode:
            _report_failure("fill", fill)
    result.runs = {tool: [] for tool in tools}
    for rep in range(args.repeat):
        order = tools[rep % len(tools):] + tools[:rep % len(tools)]
        for tool in order:
            measurement, output = bench.run(tool, str(rep))
            result.runs[tool].append(measurement)
            if tool not in result.pages and measurement.returncode == 0:
                result.pages[tool] = html_count(output)
            state = "" if measurement.returncode == 0 else f"  FAILED (exit {measurement.returncode})"
            print(f"  repetition {rep + 1}/{args.repeat} {tool:>11}: {measurement.seconds:7.2f} s, "
                  f"peak {measurement.peak_mb:5.0f} MB, busy elsewhere {measurement.busy_elsewhere:4.0%}{state}",
                  flush=True)
            if measurement.returncode:
                _report_failure(tool, measurement)
            elif rep == 0 and measurement.stderr.strip():
                # warnings (Hugo's about links, say) may explain a time; shown once per tool
                tail = measurement.stderr.strip().splitlines()[-5:]
                print("".join(f"    [{tool} stderr] {line}\n" for line in tail), end="", flush=True)
    if "gb-edit" in tools and not args.no_verify:
        result.identical = bench.verify()
        print(f"  incremental build after an edit identical to a cold build: {result.identical}", flush=True)
    if not args.keep:
        shutil.rmtree(bench.root, ignore_errors=True)
    return result


def _report_failure(tool: str, measurement: Measurement) -> None:
    tail = "\n".join(measurement.stderr.strip().splitlines()[-15:])
    print(f"  {tool} failed with exit {measurement.returncode}; last lines of its stderr:\n{tail}", file=sys.stderr,
          flush=True)


# ---------------------------------------------------------------- tables

def median_seconds(runs: list[Measurement]) -> float | None:
    good = [m.seconds for m in runs if m.returncode == 0]
    return statistics.median(good) if good else None


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}" if value is not None and base else "—"


def _seconds(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "failed"


def size_table(result: SizeResult) -> str:
    floor = median_seconds(result.runs.get("floor", []))
    hugo = median_seconds(result.runs.get("hugo-cold", []))
    rows = ["| tool | median s | fastest s | peak MB | ÷ floor | ÷ Hugo | HTML files | busy elsewhere (max) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for tool, runs in result.runs.items():
        good = [m for m in runs if m.returncode == 0]
        seconds = median_seconds(runs)
        fastest = f"{min(m.seconds for m in good):.2f}" if good else "—"
        peak = f"{statistics.median(m.peak_mb for m in good):.0f}" if good else "—"
        failed = len(runs) - len(good)
        label = LABELS[tool] + (f" ({failed} of {len(runs)} failed)" if failed else "")
        elsewhere = max(m.busy_elsewhere for m in runs)
        rows.append(f"| {label} | {_seconds(seconds)} | {fastest} | {peak} | {_ratio(seconds, floor)} "
                    f"| {_ratio(seconds, hugo)} | {result.pages.get(tool, '—')} | {elsewhere:.0%} |")
    return "\n".join(rows)


def summary_table(results: list[SizeResult]) -> str:
    rows = ["| N per language | floor s | guide_builder cold s | … without twins s | Hugo s | nothing changed s "
            "| one edit s | cold ÷ floor | without twins ÷ floor | cold ÷ Hugo | identical |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for result in results:
        medians = {tool: median_seconds(runs) for tool, runs in result.runs.items()}

        def cell(tool: str, medians: dict = medians) -> str:
            return _seconds(medians[tool]) if tool in medians else "—"

        rows.append(f"| {result.entries:,} | {cell('floor')} | {cell('gb-cold')} | {cell('gb-cold-plain')} "
                    f"| {cell('hugo-cold')} | {cell('gb-nochange')} | {cell('gb-edit')} "
                    f"| {_ratio(medians.get('gb-cold'), medians.get('floor'))} "
                    f"| {_ratio(medians.get('gb-cold-plain'), medians.get('floor'))} "
                    f"| {_ratio(medians.get('gb-cold'), medians.get('hugo-cold'))} | {result.identical} |")
    return "\n".join(rows)


def machine() -> dict[str, str]:
    import jinja2
    import markdown
    import yaml

    info = pdf_speed.machine()
    info.update(markdown=markdown.__version__, jinja2=jinja2.__version__, pyyaml=yaml.__version__)
    hugo = shutil.which("hugo")
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.strip()
        info["hugo"] = version.split(" BuildDate")[0] or "unknown"
    else:
        info["hugo"] = "not installed"
    info["load average at start"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return info


# ---------------------------------------------------------------- the PDF part

def run_pdf(args: argparse.Namespace, workdir: Path) -> str:
    """pdf_speed.py's floor and ours (and any other variants asked for) on a generated guide."""
    content = workdir / f"pdf-n{args.pdf_entries}"
    shutil.rmtree(content, ignore_errors=True)
    generate.generate(content, args.pdf_entries, None, args.seed)
    results_file = workdir / "pdf_speed.json"
    command = [sys.executable, str(BENCHMARKS / "pdf_speed.py"), "--content", str(content), "--only",
               args.pdf_variants, "--repeat", str(args.pdf_repeat), "--json", str(results_file)]
    print(f"\nPDF: {' '.join(command[1:])}", flush=True)
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode:
        return f"pdf_speed.py failed with exit {completed.returncode}"
    data = json.loads(results_file.read_text())
    floor_runs = data["results"].get("floor")
    floor = statistics.median(r["seconds"] for r in floor_runs) if floor_runs else None
    rows = [f"PDF on a generated guide of {args.pdf_entries} entries per language "
            f"(bilingual edition; `pdf_speed.py`, medians of {args.pdf_repeat}):", "",
            "| variant | median s | pages | pages/s | ÷ floor | peak MB | busy elsewhere (max) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for variant, runs in data["results"].items():
        seconds = statistics.median(r["seconds"] for r in runs)
        pages = runs[0]["pages"]
        peak = statistics.median(r["peak_mb"] for r in runs)
        elsewhere = max(r["busy_elsewhere"] for r in runs)
        rows.append(f"| {variant} | {seconds:.2f} | {pages} | {pages / seconds:.1f} | {_ratio(seconds, floor)} "
                    f"| {peak:.0f} | {elsewhere:.0%} |")
    rows += ["", "Peak MB as `pdf_speed.py` measures it (ru_maxrss inside its measuring subprocess)."]
    return "\n".join(rows)


# ---------------------------------------------------------------- main

WORKDIR_MARK = ".benchmarks-run"


def prepare_workdir(workdir: Path, parser: argparse.ArgumentParser) -> Path:
    """The work folder, emptied; only a folder this script made (it holds a mark file) is ever emptied."""
    if workdir.exists() and any(workdir.iterdir()) and not (workdir / WORKDIR_MARK).exists():
        parser.error(f"--workdir {workdir} is not empty and was not made by run.py; choose another folder")
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    (workdir / WORKDIR_MARK).touch()
    return workdir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 5000], metavar="N",
                        help="guide sizes, entries per language (default: 1000 5000)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of every measurement (default 5)")
    parser.add_argument("--cities", type=int, help="cities per guide (default: max(4, N // 200))")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated guides (default 0)")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help=f"comma-separated subset of {', '.join(TOOLS)} (default: all)")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the report to this file")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every measurement to this file")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help="work folder, emptied at the start (default: benchmarks/.work)")
    parser.add_argument("--keep", action="store_true", help="keep the generated guides and outputs")
    parser.add_argument("--no-verify", action="store_true", help="skip the incremental = cold comparison")
    parser.add_argument("--rev", help="measure guide_builder at this git commit instead of the working tree")
    parser.add_argument("--pdf", action="store_true", help="also the PDF floor against our render (slow)")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF part")
    parser.add_argument("--pdf-entries", type=int, default=300,
                        help="entries per language of the PDF guide (default 300: about 760 bilingual pages)")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="repetitions of the PDF part (default 1)")
    parser.add_argument("--pdf-variants", default="floor,ours", help="pdf_speed.py variants (default floor,ours)")
    args = parser.parse_args(argv)
    args.tools = [tool.strip() for tool in args.tools.split(",") if tool.strip()]
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        parser.error(f"--tools: unknown {', '.join(sorted(unknown))}; choose from {', '.join(TOOLS)}")
    if args.repeat < 1 or min(args.entries) < 1:
        parser.error("--repeat and --entries must be at least 1")

    started = time.perf_counter()
    info = machine()
    print("machine: " + "; ".join(f"{key} {value}" for key, value in info.items()), flush=True)
    workdir = prepare_workdir(args.workdir.resolve(), parser)
    results: list[SizeResult] = []
    pdf_report = None
    if not args.pdf_only:
        with tempfile.TemporaryDirectory(prefix="run-snapshot-", dir=workdir) as tmp:
            snapshot = Path(tmp) / "src"
            info["project"] = pdf_speed.take_snapshot(argparse.Namespace(rev=args.rev, content_arg=None), snapshot)
            shutil.copy2(ROOT / "build.py", snapshot / "build.py")
            # as `make` leaves the package: compiled, whatever PYTHONDONTWRITEBYTECODE says
            compileall.compile_dir(snapshot / "guide_builder", quiet=1)
            print(f"project: {info['project']}", flush=True)
            for entries in args.entries:
                results.append(bench_size(entries, args, snapshot, workdir))
    if args.pdf or args.pdf_only:
        pdf_report = run_pdf(args, workdir)
    wall = time.perf_counter() - started

    lines = ["## Benchmark: guide_builder against the floor and Hugo", "",
             f"`{' '.join(['benchmarks/run.py', *(argv if argv is not None else sys.argv[1:])])}` — "
             + (f"medians of {args.repeat} repetition(s), tools alternating; " if results else "")
             + f"total run time {wall:.0f} s.", ""]
    for result in results:
        lines += [f"### N = {result.entries:,} entries per language ({result.cities} cities, "
                  f"{result.source_files} Markdown files)", "", size_table(result), ""]
        lines += [f"Incremental build after an edit identical to a cold build: **{result.identical}**", ""]
        lines += [f"Note: {note}" for note in result.notes]
    if results:
        lines += ["### All sizes", "", summary_table(results), ""]
    if pdf_report:
        lines += ["### PDF", "", pdf_report, ""]
    lines += ["### Machine", ""] + [f"- {key}: {value}" for key, value in info.items()]
    lines += ["", f"Python {platform.python_version()} (`{sys.executable}`); times: wall clock of each "
              f"subprocess; {MEMORY_METHOD}."]
    report = "\n".join(lines) + "\n"
    print("\n" + report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "repeat": args.repeat, "sizes": [
            {"entries": r.entries, "cities": r.cities, "identical": r.identical, "pages": r.pages,
             "runs": {tool: [vars(m) | {"stderr": m.stderr[-2000:]} for m in runs] for tool, runs in r.runs.items()}}
            for r in results]}, indent=2) + "\n")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
