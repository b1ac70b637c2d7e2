"""How fast the printed guide renders, and what our pipeline adds to WeasyPrint's own time.

Run from the repository root::

    .venv/bin/python benchmarks/pdf_speed.py [--repeat N] [--workers N] [--only VARIANT,...]
    .venv/bin/python benchmarks/pdf_speed.py --profile [N]     cProfile of the parts pipeline in one process

Variants, each measured in a fresh subprocess (``--one VARIANT``) that prints one JSON line:

``floor``         WeasyPrint alone on our print HTML of the bilingual edition:
                  ``HTML(string=html, base_url=templates).write_pdf()``, no options.
``ours``          the same edition as the build renders it: ``render_pdf.Printing`` with ``--workers``
                  processes, the edition in parts (two passes, each part in a fresh forked process)
                  and merged; PDF/UA tags, the restricted fetcher, SOURCE_DATE_EPOCH.
``build-w1``      the whole build (web site and the three screen PDFs), one PDF worker, no cache.
``build-wN``      the same with N workers (default: the number of CPUs).
``rebuild-warm``  the whole build again with a PDF cache filled by an earlier build of the same content.

Repetitions alternate the variants (the order rotates from one repetition to the next) and the
table shows medians. Only the measured call is timed: imports, reading the content and building
the print HTML happen before the clock starts (for the builds, the clock covers the whole
``build()`` call, content reading included). Peak memory is the largest resident set of the
measuring process and of the processes it started and waited for (``ru_maxrss`` of RUSAGE_SELF
and RUSAGE_CHILDREN, read inside the fresh subprocess): for a build with several workers that is
the largest single process, not the sum of processes running at the same time. (RUSAGE_CHILDREN
read in this parent process would not do: it is the maximum over every child so far.)

Besides the medians, the table shows the fastest repetition and "busy elsewhere": the largest share
of all cores that other processes used during a repetition (from /proc/stat, minus our own CPU
time). On a 2-core machine a parallel build is slowed at once by other work; a run where that
column is above a few per cent has pessimistic times.

The project is measured from a snapshot taken when the run starts (``guide_builder/``,
``templates/``, ``locale/`` and the content, copied into a temporary folder that every
measurement imports from), so that edits made while the benchmark runs cannot mix two versions
into one table. ``--rev REV`` takes the snapshot from a commit instead (``git archive``, read-only).
Nothing is fetched from the network; the snapshot, outputs and the PDF cache are removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: what a snapshot holds: the package, the folders it finds beside itself, and the shipped guide
SOURCE_FOLDERS = ("guide_builder", "templates", "locale", "content")


# ---------------------------------------------------------------- one measurement (subprocess)

def _prepared(content_dir: Path):
    from guide_builder.pipeline import BuildReport, prepare

    return prepare(content_dir, BuildReport())


def _bilingual_book(content_dir: Path):
    """The print book and its bilingual screen edition."""
    from guide_builder.print_html import PrintBook, editions
    from guide_builder.render_html import TEMPLATES_DIR

    prepared = _prepared(content_dir)
    guide = prepared.guide
    book = PrintBook(guide, prepared.urls, prepared.bodies, prepared.translations, TEMPLATES_DIR, prepared.images)
    return book, next(e for e in editions(guide.languages, press=False) if e.bilingual)


def _bilingual(content_dir: Path):
    """The print book, the bilingual screen edition and its PdfJob, filled as ``pipeline.start_printing``
    fills it."""
    from guide_builder.print_html import book_epoch
    from guide_builder.render_html import TEMPLATES_DIR
    from guide_builder.render_pdf import PdfJob

    book, edition = _bilingual_book(content_dir)
    guide = book.guide
    job = PdfJob(path=edition.path(guide.config.name), languages=edition.languages, parts=tuple(book.parts(edition)),
                 base_url=TEMPLATES_DIR.resolve().as_uri() + "/", variant=edition.variant,
                 epoch=book_epoch(guide), allowed_roots=(str(TEMPLATES_DIR), str(guide.config.content_dir)))
    return book, edition, job


def measure_floor(content_dir: Path) -> dict:
    """WeasyPrint alone on the whole HTML of the bilingual edition (works with older commits too)."""
    from weasyprint import HTML

    from guide_builder.render_html import TEMPLATES_DIR

    book, edition = _bilingual_book(content_dir)
    html = book.html(edition)
    started = time.perf_counter()
    # HTML.write_pdf() is exactly render() then Document.write_pdf(); split to count pages and phases
    document = HTML(string=html, base_url=TEMPLATES_DIR.resolve().as_uri() + "/").render()
    laid_out = time.perf_counter()
    data = document.write_pdf()
    finished = time.perf_counter()
    return {"seconds": finished - started, "pages": len(document.pages), "bytes": len(data),
            "layout_seconds": laid_out - started, "write_seconds": finished - laid_out}


def measure_ours(content_dir: Path, workers: int) -> dict:
    """The bilingual edition as the build renders it: in parts on ``workers`` processes, merged."""
    from guide_builder.diagnostics import Diagnostics
    from guide_builder.render_pdf import Printing

    _, _, job = _bilingual(content_dir)
    diagnostics = Diagnostics()
    started = time.perf_counter()
    printing = Printing.start([job], None, workers)
    results = printing.finish(diagnostics)
    seconds = time.perf_counter() - started
    if not results:
        raise SystemExit("; ".join(d.format() for d in diagnostics.items))
    result = results[0]
    return {"seconds": seconds, "pages": result.pages, "bytes": len(result.data), "refused": result.refused,
            "parts": len(job.parts), "workers": workers, "workers_peak_mb": printing.peak_mb}


def profile_ours(content_dir: Path, stats_path: Path) -> dict:
    """The parts pipeline run in this one process (both passes and the merge, one part after the
    other) under cProfile (about twice as slow); the statistics go to ``stats_path``."""
    import cProfile

    from guide_builder import pdf_parts
    from guide_builder.pdf_merge import merge_pdfs
    from guide_builder.render_pdf import layout_part, render_part

    _, _, job = _bilingual(content_dir)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    htmls = [pdf_parts.with_links_across_parts(part.html) for part in job.parts]
    first = [layout_part(job, pdf_parts.first_pass_html(html)) for html in htmls]
    plan = pdf_parts.plan_pages([outcome.page_map for outcome in first])
    second = [render_part(job, pdf_parts.second_pass_html(html, placement, plan.anchor_pages))
              for html, placement in zip(htmls, plan.placements, strict=True)]
    data = merge_pdfs([outcome.data for outcome in second])
    profiler.disable()
    seconds = time.perf_counter() - started
    profiler.dump_stats(stats_path)
    return {"seconds": seconds, "pages": plan.pages, "bytes": len(data)}


def measure_build(content_dir: Path, output_dir: Path, workers: int, cache_dir: Path | None = None,
                  expect_cached: bool = False) -> dict:
    from guide_builder.pipeline import BuildOptions, build

    options = BuildOptions(pdf=True, press=False, cache_dir=cache_dir, workers=workers)
    started = time.perf_counter()
    report = build(content_dir, output_dir, options)
    seconds = time.perf_counter() - started
    if not report.ok:
        for problem in report.diagnostics.errors:
            print(problem.format(), file=sys.stderr)
        raise SystemExit("the build failed")
    cached = [pdf.cached for pdf in report.pdfs]
    if expect_cached and not all(cached):
        print(f"warning: {cached.count(False)} PDF(s) were rendered again despite the warm cache", file=sys.stderr)
    return {"seconds": seconds, "pages": sum(pdf.pages for pdf in report.pdfs),
            "bytes": sum(pdf.size for pdf in report.pdfs), "pdfs": len(report.pdfs),
            "cached": sum(cached), "warnings": len(report.diagnostics.warnings),
            "pdf_seconds": {pdf.path: round(pdf.seconds, 3) for pdf in report.pdfs}}


def run_one(args: argparse.Namespace) -> None:
    """Measure one variant in this (fresh) process and print the result as one JSON line."""
    # Import the project from the snapshot: a path on sys.path wins over the editable install's
    # finder, which comes last in sys.meta_path.
    sys.path.insert(0, args.source)
    import guide_builder

    if not Path(guide_builder.__file__).resolve().is_relative_to(Path(args.source).resolve()):
        raise SystemExit(f"guide_builder was imported from {guide_builder.__file__}, not from the snapshot")
    content_dir = Path(args.content_arg)
    variant = args.one
    if variant == "floor":
        result = measure_floor(content_dir)
    elif variant == "ours":
        result = measure_ours(content_dir, args.workers)
    elif variant == "profile-ours":
        result = profile_ours(content_dir, Path(args.output))
    elif variant.startswith("build-w"):
        result = measure_build(content_dir, Path(args.output), int(variant.removeprefix("build-w")))
    elif variant == "fill-cache":
        result = measure_build(content_dir, Path(args.output), args.workers, Path(args.cache))
    elif variant == "rebuild-warm":
        result = measure_build(content_dir, Path(args.output), args.workers, Path(args.cache), expect_cached=True)
    else:
        raise SystemExit(f"unknown variant {variant!r}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result.update(variant=variant, peak_mb=max(own / 1024, children / 1024, result.get("workers_peak_mb", 0)),
                  self_peak_mb=own / 1024, children_peak_mb=children / 1024)
    print(json.dumps(result))


# ---------------------------------------------------------------- the benchmark (parent)

def take_snapshot(args: argparse.Namespace, target: Path) -> str:
    """Copy the project (from the working tree or from ``--rev``) into ``target``; say what it is."""
    target.mkdir()
    if args.rev:
        archive = subprocess.run(["git", "archive", "--format=tar", args.rev, *SOURCE_FOLDERS], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        described = f"commit {_git('rev-parse', '--short', args.rev)}"
    else:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for folder in SOURCE_FOLDERS:
            if (ROOT / folder).is_dir():
                shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=normal", "--", *SOURCE_FOLDERS)
        described = f"working tree at {head}" + (" with uncommitted changes" if dirty else "")
    if args.content_arg:
        shutil.rmtree(target / "content", ignore_errors=True)
        shutil.copytree(args.content_arg, target / "content")
        described += f", content from {args.content_arg}"
    return f"{described} (sources sha256 {sources_fingerprint(target)})"


def _git(*arguments: str) -> str:
    """Output of a read-only git command; GIT_OPTIONAL_LOCKS=0 keeps even `status` from touching the index."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", *arguments], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def spawn(variant: str, args: argparse.Namespace, workdir: Path, tag: str) -> dict:
    """Run ``--one variant`` in a fresh interpreter; return its JSON result."""
    output = workdir / f"out-{variant}-{tag}"
    source = workdir / "src"
    command = [sys.executable, str(Path(__file__).resolve()), "--one", variant, "--source", str(source),
               "--content", str(source / "content"), "--workers", str(args.workers), "--output", str(output),
               "--cache", str(workdir / "cache")]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("SOURCE_DATE_EPOCH", None)  # the renderer sets its own; the floor runs without one
    busy_before, own_before, started = busy_cpu_seconds(), own_cpu_seconds(), time.perf_counter()
    completed = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    # CPU the rest of the machine used meanwhile, as a share of all cores: on a 2-core machine, other
    # work slows a parallel build at once
    others = (busy_cpu_seconds() - busy_before) - (own_cpu_seconds() - own_before)
    if variant != "profile-ours":
        shutil.rmtree(output, ignore_errors=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{variant}: the measurement failed (exit {completed.returncode})")
    if completed.stderr.strip():
        # WeasyPrint warnings and the like: shown, since they may explain a surprising time
        sys.stderr.write("".join(f"  [{variant}] {line}\n" for line in completed.stderr.strip().splitlines()[-5:]))
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["busy_elsewhere"] = max(0.0, others) / (wall * (os.cpu_count() or 1))
    return result


def machine() -> dict[str, str]:
    model = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import weasyprint

    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
    }


def sources_fingerprint(root: Path) -> str:
    """A short hash of the snapshot's files, to tell two runs' sources apart."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy since boot (/proc/stat), in seconds."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time of this process and of every subprocess it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def table(results: dict[str, list[dict]], floor_seconds: float | None) -> str:
    rows = ["| variant | median s | pages | pages/s | ratio to floor | peak MB | fastest s | busy elsewhere (max) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for variant, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        pages = runs[0]["pages"]
        peak = statistics.median(r["peak_mb"] for r in runs)
        rate = "—" if variant == "rebuild-warm" else f"{pages / seconds:.1f}"
        ratio = f"{seconds / floor_seconds:.2f}" if floor_seconds else "—"
        label = variant + (" (cached)" if variant == "rebuild-warm" else "")
        elsewhere = max(r["busy_elsewhere"] for r in runs)
        fastest = min(r["seconds"] for r in runs)
        rows.append(f"| {label} | {seconds:.2f} | {pages} | {rate} | {ratio} | {peak:.0f} | {fastest:.2f} "
                    f"| {elsewhere:.0%} |")
    return "\n".join(rows)


def run_profile(args: argparse.Namespace) -> None:
    """Profile one ``ours`` render; print the functions with the largest cumulative and own time."""
    import io
    import pstats

    with tempfile.TemporaryDirectory(prefix="pdf_speed-") as tmp:
        workdir = Path(tmp)
        print(f"project: {take_snapshot(args, workdir / 'src')}", flush=True)
        result = spawn("profile-ours", args, workdir, "profile")
        listings = {}
        for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
            stream = io.StringIO()
            pstats.Stats(str(workdir / "out-profile-ours-profile"), stream=stream).sort_stats(key).print_stats(
                args.profile)
            text = stream.getvalue()
            listings[title] = text[text.index("ncalls") - 1:].rstrip()
        snapshot = str(workdir / "src") + os.sep
    prefixes = sorted({str(Path(p)) + os.sep for p in sys.path if p.endswith("site-packages")}, key=len, reverse=True)
    print(f"ours under cProfile: {result['seconds']:.1f} s, {result['pages']} pages")
    for title, listing in listings.items():
        for prefix in [*prefixes, snapshot]:  # shorter paths in the listing
            listing = listing.replace(prefix, "")
        print(f"\n{title}:\n{listing}")


def run_benchmark(args: argparse.Namespace) -> None:
    variants = ["floor", "ours", "build-w1", f"build-w{args.workers}", "rebuild-warm"]
    variants = list(dict.fromkeys(variants))  # one worker: build-w1 only once
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        unknown = wanted - set(variants)
        if unknown:
            raise SystemExit(f"--only: unknown variant(s) {', '.join(sorted(unknown))}; choose from {variants}")
        variants = [v for v in variants if v in wanted]
    started = time.perf_counter()
    busy_before, own_before = busy_cpu_seconds(), own_cpu_seconds()
    info = machine()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']}, {info['os']}, "
          f"Python {info['python']}, WeasyPrint {info['weasyprint']}", flush=True)
    results: dict[str, list[dict]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix="pdf_speed-") as tmp:
        workdir = Path(tmp)
        info["project"] = take_snapshot(args, workdir / "src")
        print(f"project: {info['project']}", flush=True)
        if "rebuild-warm" in variants:
            # untimed: fills the PDF cache (and checks that the content builds) before anything is measured
            fill = spawn("fill-cache", args, workdir, "0")
            print(f"cache filled by a build of {fill['seconds']:.1f} s", flush=True)
        for rep in range(args.repeat):
            order = variants[rep % len(variants):] + variants[:rep % len(variants)]
            for variant in order:
                result = spawn(variant, args, workdir, str(rep))
                results[variant].append(result)
                print(f"  repetition {rep + 1}/{args.repeat} {variant:>13}: {result['seconds']:7.2f} s, "
                      f"{result['pages']} pages, peak {result['peak_mb']:.0f} MB", flush=True)
    wall = time.perf_counter() - started
    # CPU the rest of the machine used meanwhile: other work on a 2-core machine skews every figure
    others = max(0.0, (busy_cpu_seconds() - busy_before) - (own_cpu_seconds() - own_before))

    floor = statistics.median(r["seconds"] for r in results["floor"]) if "floor" in results else None
    print()
    print(f"Medians of {args.repeat} repetition(s); project: {info['project']}")
    print()
    print(table(results, floor))
    print()
    if "floor" in results:
        layout = statistics.median(r["layout_seconds"] for r in results["floor"])
        write = statistics.median(r["write_seconds"] for r in results["floor"])
        print(f"floor split: layout (HTML → pages) {layout:.2f} s, write_pdf {write:.2f} s")
    multi = f"build-w{args.workers}"
    if "build-w1" in results and multi in results and multi != "build-w1":
        one = statistics.median(r["seconds"] for r in results["build-w1"])
        many = statistics.median(r["seconds"] for r in results[multi])
        print(f"build speed-up with {args.workers} workers: {one / many:.2f}× ({one:.1f} s → {many:.1f} s)")
    if "rebuild-warm" in results:
        cached = results["rebuild-warm"][0]
        print(f"warm rebuild: {cached['cached']} of {cached['pdfs']} PDFs from the cache")
    print()
    print("machine: " + "; ".join(f"{key} {value}" for key, value in info.items()))
    print(f"total run time: {wall:.0f} s; other processes used {others:.0f} CPU-seconds meanwhile "
          f"({others / wall / (os.cpu_count() or 1):.0%} of the machine)")
    if others > 0.05 * wall * (os.cpu_count() or 1):
        print("WARNING: other processes kept the machine busy during the run; the times are pessimistic",
              file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "repeat": args.repeat, "results": results},
                                              indent=2) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of every variant (default 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="PDF workers of the parallel build (default: CPU count)")
    parser.add_argument("--content", dest="content_arg", metavar="DIR",
                        help="content folder (default: the shipped content/)")
    parser.add_argument("--rev", help="measure this git commit instead of the working tree")
    parser.add_argument("--only", help="comma-separated subset of the variants")
    parser.add_argument("--json", help="also write every measurement to this JSON file")
    parser.add_argument("--profile", type=int, metavar="N", nargs="?", const=15,
                        help="instead: profile one 'ours' render; show the top N (15) by cumulative and by own time")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one variant
    parser.add_argument("--source", help=argparse.SUPPRESS)  # internal: the snapshot to import from
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.workers < 1:
        parser.error("--repeat and --workers must be at least 1")
    if args.content_arg:
        args.content_arg = str(Path(args.content_arg).resolve())
    if args.one:
        run_one(args)
    elif args.profile:
        run_profile(args)
    else:
        run_benchmark(args)


if __name__ == "__main__":
    main()
