"""How long the live preview takes from saving one entry to serving the new page.

    .venv/bin/python benchmarks/preview_speed.py [--content content] [--repeat 10]

Starts ``build.py serve``'s preview on a copy of the content, then edits one entry again and again
and measures, for each edit, the time from writing the file to the preview's version changing
(the rebuild is done and the page is served). Prints every time, and the median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guide_builder.serve import Preview


def version(url: str) -> str:
    with urllib.request.urlopen(url + "__guide/version", timeout=5) as response:
        return response.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--entry", default="de/trier/porta-nigra.md", help="the entry to edit, inside --content")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(args.content, content)
        reports = []
        preview = Preview(content, Path(folder) / "preview", port=0, on_build=reports.append)
        started = time.perf_counter()
        preview.start()
        print(f"first build: {time.perf_counter() - started:.2f} s, {reports[0].pages} pages")
        entry = content / args.entry
        text = entry.read_text(encoding="utf-8")
        times = []
        for number in range(args.repeat):
            before = version(preview.url)
            entry.write_text(text + f"\nEdit {number}.\n", encoding="utf-8")
            saved = time.perf_counter()
            while version(preview.url) == before:
                time.sleep(0.005)
            times.append(time.perf_counter() - saved)
            print(f"edit {number + 1}: {times[-1]:.3f} s, {reports[-1].rendered} pages rendered")
            time.sleep(0.3)
        preview.stop()
    print(f"median from saving to served: {statistics.median(times):.3f} s over {len(times)} edits "
          "(includes the watcher's 200 ms debounce)")


if __name__ == "__main__":
    main()
