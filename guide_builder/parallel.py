"""Work split over the cores: forked worker processes that inherit everything prepared so far
(nothing is pickled on the way in) and hand back small results.

Used for the stages whose cost grows with the number of pages: reading the files, converting the
bodies and rendering the pages. Few items are done in this process: a fork costs more than it saves.

Before forking, everything this process holds is moved out of the garbage collector's sight
(``gc.freeze``): the workers then never walk the inherited objects (nor copy the memory pages
they sit on), and this process no longer walks the whole guide at each full collection — at
5,000 entries that had taken 4.8 s of a build. :func:`release_collector` gives the objects back
to the collector when the build is over (``serve`` builds again and again in one process).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")

MIN_ITEMS_PER_WORKER = 50
CHUNKS_PER_WORKER = 4  #: several chunks each, so that a worker with slow items does not hold up the end

_work: tuple[Callable[[Sequence[Any]], Any], list[Sequence[Any]]] | None = None


def split_map(function: Callable[[Sequence[Item]], Any], items: Sequence[Item], workers: int,
              meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """``function`` applied to interleaved chunks of ``items`` (one chunk per result), in forked
    workers when there are enough items and cores, else here; ``meanwhile`` is done here while
    the workers work (after them when there are none)."""
    if workers <= 1 or len(items) < 2 * MIN_ITEMS_PER_WORKER or "fork" not in multiprocessing.get_all_start_methods():
        results = [function(items)]
        if meanwhile:
            meanwhile()
        return results
    workers = min(workers, len(items) // MIN_ITEMS_PER_WORKER)
    count = workers * CHUNKS_PER_WORKER
    gc.freeze()
    global _work
    _work = (function, [items[start::count] for start in range(count)])
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_run, range(count), chunksize=1)
            if meanwhile:
                meanwhile()
            results = pending.get()
        gc.freeze()  # what the workers made lives as long as the build
        return results
    finally:
        _work = None


def release_collector() -> None:
    """Let the garbage collector see again what :func:`split_map` hid from it (at the end of a build)."""
    gc.unfreeze()


def _run(index: int) -> Any:
    function, chunks = _work  # type: ignore[misc]  # set by split_map before the fork
    return function(chunks[index])
