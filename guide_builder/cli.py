"""Command line: parse arguments, run the pipeline, print problems, exit with the right code.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import pipeline
from .pipeline import BuildReport

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


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
    _common_options(build)

    check = commands.add_parser("check", help="validate the content without writing anything",
                                description="Run every check of the build, write nothing.")
    _content_option(check)
    _common_options(check)
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="content folder with a guide.yaml (default: content)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv if argv is not None else sys.argv[1:])
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    command = args.command or "build"
    if command == "build" and args.command is None:
        args.content, args.output, args.quiet = Path("content"), Path("output"), False
    if command == "build":
        report = pipeline.build(args.content, args.output)
        summary = f"built {report.pages} pages ({report.files} files) into {args.output}/"
    else:
        report = pipeline.check(args.content)
        summary = f"checked {report.pages} pages"
    return _finish(report, summary, args.quiet, command)


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
