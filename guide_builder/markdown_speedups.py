"""Python-Markdown, doing the same work for less (:func:`quicken` a converter). Each change gives
the same output as the original (tested on every page of the shipped and of a generated guide, and
on random Markdown); together they more than halve the time of converting a page.

* Inline patterns: for every piece of text, Python-Markdown tries each of its 15 inline patterns in
  turn, a Python call each, most of them on text that lacks the one character every match of the
  pattern starts with (a "`", "[", "<", "&"…). :class:`QuickInlineProcessor` skips a pattern when
  the text holds none of what any match of it must contain — what the pattern would have found
  then is nothing, and the processor goes on exactly as after a pattern that found nothing.
* Block processors: each block of text is offered to a dozen processors in turn, each of which
  runs a regular expression over it; a processor whose every match needs a character the block
  lacks ("#" for a heading, "|" for a table) is told no at once. The raw-HTML preprocessor runs
  an HTML parser over the whole text, which gives the text back as it was when it holds no "<"
  and no "&".
* Heading ids: the ``toc`` extension also builds the table of contents of every page as HTML and
  serializes it (``md.toc``), which the guide never shows. :class:`HeadingIds` gives the headings
  the same ids without it, and leaves a text with a ``[TOC]`` marker to the original.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Markdown, blockprocessors, inlinepatterns, util
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor, remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.inlinepatterns import Pattern
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import InlineProcessor

#: Python-Markdown's block processors → texts of which a block they take holds at least one
BLOCK_NEEDS: dict[type, tuple[str, ...]] = {
    blockprocessors.HashHeaderProcessor: ("#",),
    blockprocessors.SetextHeaderProcessor: ("=", "-"),
    blockprocessors.HRProcessor: ("-", "_", "*"),
    blockprocessors.BlockQuoteProcessor: (">",),
    blockprocessors.ReferenceProcessor: ("]:",),
    TableProcessor: ("|",),
    FootnoteBlockProcessor: ("[^",),
}


def quicken(md: Markdown) -> None:
    """Make ``md`` convert as it did, faster (its extensions loaded; heading ids come from
    :class:`HeadingIdExtension`, which is given as an extension instead of ``toc``)."""
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)  # in place of the original
    for processor in md.parser.blockprocessors:
        needed = BLOCK_NEEDS.get(type(processor))
        if needed:
            processor.test = _only_with(needed, processor.test)
    for processor in md.preprocessors:
        if type(processor) is HtmlBlockPreprocessor:
            processor.run = _unless_plain(processor.run)


def _only_with(needed: tuple[str, ...], test: Callable[..., bool]) -> Callable[..., bool]:
    """A block processor's test, answering no at once for a block without any of ``needed``
    (the processors that always say yes, and look in ``run``, give the block back there)."""
    def quick_test(parent: Element, block: str) -> bool:
        return any(text in block for text in needed) and test(parent, block)
    return quick_test


def _unless_plain(run: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[str]]:
    def quick_run(lines: list[str]) -> list[str]:
        return run(lines) if any("<" in line or "&" in line for line in lines) else lines
    return quick_run


#: Python-Markdown's inline patterns → texts of which every match contains at least one
NEEDED_TEXT: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also the reference patterns'
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also the image reference patterns'
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\[\^([^\]]*)\]": ("[^",),  # the footnotes extension's reference
}
#: a pattern that is one character or another (``\*|_``: emphasis): each is needed text of its own
_CHARACTER = r"(?:\\\W|[^\\|()\[\]{}.*+?^$])"  # an escaped sign or a plain character
_ONE_CHARACTER_OF = re.compile(rf"{_CHARACTER}(?:\|{_CHARACTER})*")


def needed_text(pattern: Pattern) -> tuple[str, ...] | None:
    """Texts of which every match of ``pattern`` contains one; None when that is not known (the
    pattern is then always tried)."""
    source = pattern.compiled_re.pattern
    if source in NEEDED_TEXT:
        return NEEDED_TEXT[source]
    if _ONE_CHARACTER_OF.fullmatch(source):
        return tuple(part[-1] for part in source.split("|"))
    return None


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping the patterns that cannot match a text."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        self._patterns = list(self.inlinePatterns)
        self._needed = [needed_text(pattern) for pattern in self._patterns]
        return super().run(tree, ancestors)

    # The original's private method (name-mangled), which its other methods call for each text.
    def _InlineProcessor__handleInline(self, data: str, index: int = 0) -> str:  # noqa: N802
        if isinstance(data, util.AtomicString):
            return data
        patterns, needed = self._patterns, self._needed
        apply = self._InlineProcessor__applyPattern
        start = 0
        while index < len(patterns):
            texts = needed[index]
            if texts is None or texts[0] in data or any(text in data for text in texts[1:]):
                data, matched, start = apply(patterns[index], data, index, start)
                if matched:
                    continue  # the same pattern again, after what it replaced
            index += 1  # as after a pattern that found nothing
            start = 0
        return data


class HeadingIds(TocTreeprocessor):
    """The ``toc`` extension's heading ids, without the table of contents nobody reads."""

    def run(self, doc: Element) -> None:
        if self.marker and any(self.marker in (element.text or "") for element in doc.iter()):
            return super().run(doc)
        used_ids = {element.attrib["id"] for element in doc.iter() if "id" in element.attrib}
        counters: dict[str, int] = {}
        for element in doc.iter():
            if isinstance(element.tag, str) and self.header_rgx.match(element.tag):
                self.set_level(element)
                if "id" not in element.attrib:
                    name = strip_tags(render_inner_html(remove_fnrefs(element), self.md))
                    element.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used_ids, counters)
                element.attrib.pop("data-toc-label", None)
        return None


class HeadingIdExtension(TocExtension):
    """``toc`` with :class:`HeadingIds`; takes the same settings."""

    TreeProcessorClass = HeadingIds
