"""The quicker inline processor and heading ids give exactly what Python-Markdown's own give."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify_unicode

from guide_builder import markup
from guide_builder.markdown_speedups import BLOCK_NEEDS, HeadingIdExtension, needed_text, quicken

CONTENT = Path(__file__).parent.parent / "content"
OTHERS = ["tables", "footnotes", "attr_list"]


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=["toc", *OTHERS], output_format="html",
                             extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-6"}})


def quick() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[HeadingIdExtension(slugify=slugify_unicode, toc_depth="2-6"), *OTHERS],
                           output_format="html")
    quicken(md)
    return md


def convert(md: markdown.Markdown, text: str) -> str:
    return md.reset().convert(text)


PIECES = st.one_of(
    st.sampled_from(["*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", "&amp;",
                     "&#42;", "^", "  \n", "\n", "\n\n", "# ", "## ", "### Titel\n", "- ", "1. ", "> ", "    ",
                     "{: #eigen }", "{: .klasse }", "[^1]", "\n\n[^1]: Fußnote\n", "[ref]", "\n\n[ref]: ../a.md\n",
                     "<b>", "</b>", "<!-- x -->", "<http://a.example>", "<mail@example.org>", "[TOC]",
                     "| a | b |\n|:-|-:|\n| c | d |\n", "***", "---\n", "„", "«\u202f", " "]),
    st.text(alphabet="abcÄéß 0123456789.,;:?!'\"-", max_size=12),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(text=st.lists(PIECES, max_size=40).map("".join))
@example(text="Zeichen &#42 ohne Semikolon")  # the raw-HTML preprocessor completes it
@example(text="Titel\n-----\n\nText")  # a heading underlined with hyphens, not a rule
@example(text="Titel\n=====\n\n***\n\n> Zitat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[a]: http://a.b\n")
def test_random_markdown_converts_alike(text: str) -> None:
    assert convert(quick(), text) == convert(stock(), text)


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*/*/*.md")), ids=lambda p: "/".join(p.parts[-3:]))
def test_every_shipped_page_converts_alike(path: Path) -> None:
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert convert(quick(), body) == convert(stock(), body)


def test_one_converter_gives_the_same_for_many_texts_in_a_row() -> None:
    texts = [p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in sorted(CONTENT.glob("*/*/*.md"))[:20]]
    md_quick, md_stock = quick(), stock()
    assert [convert(md_quick, t) for t in texts] == [convert(md_stock, t) for t in texts]


def test_headings_get_unique_ids_and_a_toc_marker_its_table() -> None:
    text = "## Lage\n\nText\n\n## Lage\n\n### Café & Bäckerei {: #eigen }\n\n[TOC]\n"
    assert convert(quick(), text) == convert(stock(), text)
    html = convert(quick(), "## Lage\n\n## Lage\n")
    assert 'id="lage"' in html and 'id="lage_1"' in html


SAMPLES = {"backtick": "`x`", "escape": "\\*", "footnote": "[^1]", "reference": "[a][b]", "link": "[a](b)",
           "image_link": "![a](b)", "image_reference": "![a][b]", "short_reference": "[a]", "short_image_ref": "![a]",
           "autolink": "<http://a.b>", "automail": "<a@b.c>", "linebreak": "a  \nb", "html": "<b>",
           "entity": "&amp;", "em_strong": "*a*"}


def test_every_pattern_has_its_needed_text_and_matches_text_with_it() -> None:
    md = stock()
    assert all(name in md.inlinePatterns for name in SAMPLES) and len(md.inlinePatterns) == len(SAMPLES)
    for name, sample in SAMPLES.items():
        pattern = md.inlinePatterns[name]
        needed = needed_text(pattern)
        assert needed is not None, f"{name} would always be tried"
        assert pattern.compiled_re.search(sample), name
        assert any(piece in sample for piece in needed), name


LIMIT_PIECES = st.one_of(PIECES, st.sampled_from(["[" * 50, "(" * 50, "<a" * 50, "*" * 80, "\n\n", "x" * 400]))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.lists(LIMIT_PIECES, max_size=60).map("".join))
@example(text="[" + "x" * 700)  # just over the smaller limits, one way and the other
@example(text="*" * 9 + "x" * 700)
@example(text="x" * 500)
def test_the_size_guards_shortcut_answers_as_the_measurement(text: str) -> None:
    """``too_slow_to_convert`` skips measuring a text whose worst case is within the limits; with
    smaller limits (so that random texts fall on both sides) the answer is the same either way."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "MAX_LOOKAHEAD", 600)
        patch.setattr(markup, "MAX_INLINE_WORK", 6_000)
        quick_answer = markup.too_slow_to_convert(text)
        patch.setattr(markup, "_within_limits_at_most", lambda body: False)
        assert quick_answer == markup.too_slow_to_convert(text)


BLOCK_SAMPLES = {"HashHeaderProcessor": "# Titel", "SetextHeaderProcessor": "Titel\n=====",
                 "HRProcessor": "* * *", "BlockQuoteProcessor": "> Zitat", "ReferenceProcessor": "[a]: http://a.b",
                 "TableProcessor": "| a | b |\n|---|---|", "FootnoteBlockProcessor": "[^1]: Fußnote"}


def test_every_guarded_block_processor_takes_a_block_with_its_needed_text() -> None:
    md = stock()
    processors = {type(processor).__name__: processor for processor in md.parser.blockprocessors}
    assert {cls.__name__ for cls in BLOCK_NEEDS} == set(BLOCK_SAMPLES)
    for cls, needed in BLOCK_NEEDS.items():
        processor, sample = processors[cls.__name__], BLOCK_SAMPLES[cls.__name__]
        assert any(text in sample for text in needed), cls
        assert processor.test(Element("div"), sample), cls
        if cls.__name__ in ("ReferenceProcessor", "FootnoteBlockProcessor"):  # they say yes to all, look in run
            assert processor.RE.search(sample), cls
