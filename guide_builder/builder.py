"""The build as editors run it, again and again: one build at a time per output folder, and each
one redoing only what changed since the last (see ``incremental``).

Light on purpose: when nothing changed, the answer comes before the pipeline and its libraries
are even imported.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

from . import quick
from .diagnostics import Diagnostics
from .incremental import BuildState, combined, load_caches, load_state, output_intact, save_state, scan
from .options import TOOL_LOCALE_DIR, BuildOptions
from .outputs import BuildReport
from .write import output_lock


def build(content_dir: Path, output_dir: Path, options: BuildOptions, state: BuildState | None = None) -> BuildReport:
    """Build into ``output_dir``, reusing the ``state`` of the previous build (or the one kept in
    the cache folder); ``state`` is updated for the next build."""
    started = time.perf_counter()
    tell = options.progress or (lambda message: None)
    with output_lock(output_dir, tell):
        if state is None:
            state, discarded = load_state(options.cache_dir, output_dir)
            if discarded:
                tell(discarded)
        scanned_ns = time.time_ns()
        signatures = scan([content_dir, options.templates_dir, TOOL_LOCALE_DIR], state.signatures, state.scanned_ns)
        inputs = combined(sorted((path, found[3]) for path, found in signatures.items()), options.key(), os.getcwd())
        if state.inputs == inputs and state.report is not None and output_intact(output_dir, state.files):
            report = _repeated(state.report)
        else:
            report = quick.rebuild(content_dir, output_dir, options, state, signatures, tell)  # before take_inputs
            state.take_inputs(content_dir, signatures, scanned_ns)
            if report is None:
                report = _full(content_dir, output_dir, options, state, tell)
            state.inputs = inputs if report.ok else ""
            state.report = _kept(report) if report.ok else None
            if options.cache_dir is not None:
                tell("keeping what the next build can reuse")
            save_state(options.cache_dir, output_dir, state)
    report.seconds = time.perf_counter() - started
    return report


def _full(content_dir: Path, output_dir: Path, options: BuildOptions, state: BuildState,
          tell: Callable[[str], None]) -> BuildReport:
    """The build of ``pipeline``, which redoes what changed (and loads what that takes)."""
    discarded = load_caches(options.cache_dir, output_dir, state)
    if discarded:
        tell(discarded)
    from . import pipeline  # the libraries are loaded only when there is work to do

    return pipeline.build(content_dir, output_dir, options, state)


def _kept(report: BuildReport) -> BuildReport:
    return dataclasses.replace(report, diagnostics=Diagnostics(list(report.diagnostics.items)))


def _repeated(report: BuildReport) -> BuildReport:
    """The last build's report, problems included (they are still there), for a build that had
    nothing to do."""
    return dataclasses.replace(_kept(report), rendered=0, unchanged=True)
