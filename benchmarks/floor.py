"""The floor: the least any Python tool must do to turn the guide's entries into web pages.

Run from the repository root::

    .venv/bin/python benchmarks/floor.py CONTENT_DIR OUTPUT_DIR

A plain loop, one process, no cache, no tricks: for every entry file ``<lang>/<city>/<entry>.md``
of the content folder, read it, split off the front matter (``yaml.safe_load``), convert the body
with Python-Markdown (no extensions; one ``Markdown`` instance, reset between documents, as its
documentation recommends), render one small Jinja2 template (title, summary and body) and write
``OUTPUT_DIR/<lang>/<city>/<entry>/index.html``. Links, typography, maps, lists, checks: none of it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import jinja2
import markdown
import yaml

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
<main>
<h1>{{ title }}</h1>
{% if summary %}<p class="summary">{{ summary }}</p>{% endif %}
{{ body | safe }}
</main>
</body>
</html>
"""


def entry_files(content_dir: Path) -> list[Path]:
    """Every entry of every language: ``<lang>/<city>/<entry>.md``, city pages left out."""
    return sorted(p for p in content_dir.glob("*/*/*.md") if p.name != "_index.md")


def build(content_dir: Path, output_dir: Path) -> int:
    """Write one HTML page per entry file; return how many were written."""
    template = jinja2.Environment(autoescape=True).from_string(PAGE)
    converter = markdown.Markdown()
    written = 0
    for path in entry_files(content_dir):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        html = converter.reset().convert(body)
        lang, city = path.relative_to(content_dir).parts[:2]
        target = output_dir / lang / city / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(lang=lang, title=meta["title"], summary=meta.get("summary"), body=html),
                          encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content_dir", type=Path, help="content folder (a guide from generate.py)")
    parser.add_argument("output_dir", type=Path, help="where the pages go")
    args = parser.parse_args(argv)
    count = build(args.content_dir, args.output_dir)
    print(f"wrote {count} pages into {args.output_dir}")


if __name__ == "__main__":
    main()
