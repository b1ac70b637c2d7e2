"""Command line: parse arguments, run the pipeline, print problems, exit with the right code.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from .outputs import BuildReport
from .terminal import Reporter


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the bilingual guide: website (and printed guide) from content/.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the guide into the output folder (the default)",
                                description="Build the website into the output folder. The old output is "
                                            "replaced only when the whole build succeeds.")
    _content_option(build)
    build.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                       help="output folder (default: output)")
    build.add_argument("--press", action="store_true", default=None,
                       help="also make the press PDFs and proofs for the print shop (or pdf: press: true)")
    build.add_argument("--no-pdf", dest="pdf", action="store_false", help="build the website only")
    build.add_argument("--no-search", dest="search", action="store_false", help="skip the search index")
    build.add_argument("--no-compress", dest="compress", action="store_false",
                       help="skip the compressed twins of the text files (.gz; .br if guide.yaml asks)")
    build.add_argument("--cache", type=Path, default=Path(".cache"), metavar="DIR",
                       help="folder where a build keeps what the next one can reuse (default: .cache; "
                            "safe to delete)")
    _common_options(build)

    check = commands.add_parser("check", help="validate the content without writing anything",
                                description="Run every check of the build, write nothing.")
    _content_option(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1), for an editors' CI")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people (default), json for tools")
    _common_options(check)

    serve = commands.add_parser("serve", help="preview the website, rebuilt on every change",
                                description="Build the website, serve it on http://127.0.0.1:PORT/, and rebuild "
                                            "and reload the open page whenever content or templates change.")
    _content_option(serve)
    serve.add_argument("--output", type=Path, default=Path(".preview"), metavar="DIR",
                       help="folder for the preview build (default: .preview)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    _common_options(serve)

    new = commands.add_parser("new", help="create a new entry in every language",
                              description="Create content/<lang>/<city>/<slug>.md in every language, with the "
                                          "front matter to fill in. Existing files are never overwritten.")
    _content_option(new)
    new.add_argument("city", help="city folder, e.g. trier")
    new.add_argument("slug", help="file name of the entry: lowercase letters, digits, hyphens")
    new.add_argument("--category", default="sight", help="one of the categories (default: sight)")

    status = commands.add_parser("status", help="which translations are missing or out of date",
                                 description="A table per city: each file, and for each language whether it is "
                                             "the original, up to date, OUTDATED, MISSING or not tracked.")
    _content_option(status)
    status.add_argument("--strict", action="store_true", help="exit 1 if anything is missing or outdated")
    status.add_argument("--diff", action="store_true",
                        help="show what changed in the source of each outdated translation (needs git)")

    translated = commands.add_parser(
        "translated", help="mark translations as up to date with their source",
        description="Record in each FILE's front matter that it now matches its source text, so that "
                    "`status` can tell when the source changes again.")
    _content_option(translated)
    translated.add_argument("files", nargs="+", type=Path, metavar="FILE", help="translation file(s) to mark")
    translated.add_argument("--from", dest="source", metavar="LANG",
                            help="language of the source text (default: the guide's first other language)")
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="content folder with a guide.yaml (default: content)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every step, with its time")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv if argv is not None else sys.argv[1:])
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    command = args.command or "build"
    if args.command is None:
        args = _parser().parse_args(["build"])
    if command in ("status", "translated", "new"):
        from . import commands  # loads the pipeline

        if command == "status":
            return commands.status(args.content, strict=args.strict, diff=args.diff)
        if command == "translated":
            return commands.translated(args.content, args.files, args.source)
        return commands.new_entry(args.content, args.city, args.slug, args.category)
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    if command == "serve":
        return _serve(args.content, args.output, args.port, reporter)
    if command == "build":
        from .builder import build
        from .options import BuildOptions

        options = BuildOptions(pdf=args.pdf, press=args.press, search=args.search, compress=args.compress,
                               cache_dir=args.cache, progress=reporter.progress)
        with reporter.running("building"):
            report = build(args.content, args.output, options)
        summary = build_summary(report, args.output)
    else:
        from . import pipeline

        with reporter.running("checking"):
            report = pipeline.check(args.content, progress=reporter.progress)
        summary = f"checked {report.pages} pages"
        if args.format == "json":
            print(report_json(report))
            return EXIT_CONTENT if not report.ok or (args.strict and report.diagnostics.warnings) else EXIT_OK
        if args.strict and report.diagnostics.warnings and report.ok:
            _finish(report, summary, quiet=False, command=command)  # the warnings are why it failed
            print(f"check --strict failed: {len(report.diagnostics.warnings)} warning(s)", file=sys.stderr)
            return EXIT_CONTENT
    return _finish(report, summary, args.quiet, command)


def report_json(report: BuildReport) -> str:
    """The problems of a run, grouped by file, for tools (an editors' CI, an editor plug-in)."""
    files: dict[str, list[dict]] = {}
    for item in report.diagnostics.sorted():
        files.setdefault(item.path, []).append(
            {"line": item.line, "severity": item.severity, "message": item.message, "hint": item.hint})
    return json.dumps({"ok": report.ok, "pages": report.pages, "errors": len(report.diagnostics.errors),
                       "warnings": len(report.diagnostics.warnings), "files": files},
                      ensure_ascii=False, indent=2)


def build_summary(report: BuildReport, output: Path) -> str:
    """One line: what the build made, or that there was nothing to do."""
    pdfs = f"{len(report.pdfs)} PDF" + ("s" if len(report.pdfs) != 1 else "")
    if report.unchanged:
        return f"nothing changed since the last build: {report.pages} pages, {pdfs} in {output}/"
    rendered = f" ({report.rendered} rendered, the others unchanged)" if report.rendered < report.pages else ""
    return f"built {report.pages} pages{rendered}, {pdfs}, {report.files} files into {output}/"


def _serve(content: Path, output: Path, port: int, reporter: Reporter) -> int:
    from .serve import Preview  # the watcher is loaded only for the preview

    def tell(report: BuildReport) -> None:
        _finish(report, build_summary(report, output), quiet=reporter.quiet, command="build")

    try:
        preview = Preview(content, output, port, on_build=tell, progress=reporter.progress, cache_dir=Path(".cache"))
    except OSError as exc:
        print(f"error: cannot serve on port {port}: {exc.strerror or exc} (try --port 8001)", file=sys.stderr)
        return EXIT_USAGE
    preview.start()
    print(f"previewing at {preview.url} — press Ctrl+C to stop", flush=True)
    try:
        preview.stop_event.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    return EXIT_OK


def _finish(report: BuildReport, summary: str, quiet: bool, command: str) -> int:
    diagnostics = report.diagnostics
    for item in diagnostics.sorted():
        if item.severity == "error" or not quiet:
            print(item.format(), file=sys.stderr)
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    if not report.ok:
        outcome = "nothing was written" if command == "build" else "fix them and check again"
        print(f"{command} failed: {errors} error(s), {warnings} warning(s); {outcome}", file=sys.stderr)
        return EXIT_CONTENT
    if not quiet:
        print(f"{summary}, {warnings} warning(s), {report.seconds:.1f} s")
    return EXIT_OK
