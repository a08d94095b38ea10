"""XHTML chapters (EPUB content documents) to blocks, without article extraction.

Invariant: every visible word of the body is kept (an e-book chapter is all
content, unlike a web page, so trafilatura is not used): headings, paragraphs,
quotes, list items, preformatted code, rules and table rows become the same
blocks HTML and Markdown produce, emphasis/strong/code the same inline
styles. Images become their alt text, footnote markers (`<sup>`) stay as
text, and scripts, styles and the `<head>` are ignored. A table-of-contents
label is inserted as a heading where it points, unless a heading starts there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.document.builder import RULE_TEXT, Inline, TextBuilder
from reader.document.model import BlockKind, InlineKind

_SPACES = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP = frozenset({"script", "style", "head", "template", "noscript", "svg", "title", "object"})
_CONTAINERS = frozenset(
    {"div", "section", "article", "body", "aside", "nav", "header", "footer", "main", "figure"}
    | {"figcaption", "dl", "details", "summary", "center", "hgroup", "html"}
)
_BLOCKS = frozenset(
    {"p", "blockquote", "ul", "ol", "li", "pre", "hr", "table", "dt", "dd", "img", "address"}
    | set(_HEADINGS)
    | _CONTAINERS
)
_INLINE = {
    "em": InlineKind.EMPHASIS,
    "i": InlineKind.EMPHASIS,
    "cite": InlineKind.EMPHASIS,
    "strong": InlineKind.STRONG,
    "b": InlineKind.STRONG,
    "code": InlineKind.CODE,
    "tt": InlineKind.CODE,
    "kbd": InlineKind.CODE,
    "samp": InlineKind.CODE,
}

TocMark = tuple[str, int]
"""A table-of-contents entry to show as a heading: its label and depth (1-based)."""


@dataclass
class Chapter:
    """Where a chapter's table-of-contents labels go: at its start or at an element id."""

    at_start: list[TocMark] = field(default_factory=list)
    at_id: dict[str, list[TocMark]] = field(default_factory=dict)


@dataclass
class _Out:
    """The builder plus the table-of-contents headings waiting for the next block."""

    builder: TextBuilder
    pending: list[TocMark] = field(default_factory=list)

    def add(
        self, kind: BlockKind, inline: Inline | str, *, level: int = 0, marker: str = ""
    ) -> None:
        text = inline if isinstance(inline, str) else inline.text()
        if not text.strip():
            return
        if self.pending:
            if kind is not BlockKind.HEADING:
                for label, depth in self.pending:
                    self.builder.add(BlockKind.HEADING, label, level=min(depth, 6))
            self.pending = []
        strip = kind is not BlockKind.CODE
        self.builder.add(kind, inline, level=level, marker=marker, strip=strip)


def parse_tree(raw: bytes) -> Any:
    """The XHTML document as an lxml.html tree (tolerant of bad markup and HTML entities)."""
    import lxml.html  # type: ignore[import-untyped]  # no stubs; used as Any

    text = _decode(raw)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return None


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8-sig", "replace")


def add_chapter(root: Any, builder: TextBuilder, chapter: Chapter) -> None:
    """Append the blocks of one chapter's tree (from `parse_tree`) to `builder`."""
    out = _Out(builder, list(chapter.at_start))
    body = root.find("body") if root is not None else None
    if body is not None:
        _container(body, out, chapter, quote=0, lists=0)
    for label, depth in out.pending:  # a label pointing at an empty chapter still shows
        builder.add(BlockKind.HEADING, label, level=min(depth, 6))


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _mark(el: Any, out: _Out, chapter: Chapter) -> None:
    ident = el.get("id")
    if ident and ident in chapter.at_id:
        out.pending.extend(chapter.at_id.pop(ident))


def _kind(quote: int) -> BlockKind:
    return BlockKind.QUOTE if quote else BlockKind.PARAGRAPH


def _block(el: Any, out: _Out, chapter: Chapter, *, quote: int, lists: int) -> None:
    tag = _tag(el)
    if not tag or tag in _SKIP:
        return
    _mark(el, out, chapter)
    if tag in _HEADINGS:
        out.add(BlockKind.HEADING, _inline(el, chapter), level=_HEADINGS[tag])
    elif tag == "pre":
        out.add(BlockKind.CODE, "".join(el.itertext()).strip("\n"))
    elif tag == "hr":
        out.add(BlockKind.RULE, RULE_TEXT)
    elif tag in ("ul", "ol"):
        _list(el, out, chapter, quote=quote, lists=lists + 1)
    elif tag == "blockquote":
        _container(el, out, chapter, quote=quote + 1, lists=lists)
    elif tag == "table":
        for row in el.iter("tr"):
            cells = [_SPACES.sub(" ", _inline(c, chapter).text()).strip() for c in row]
            out.add(_kind(quote), " | ".join(c for c in cells if c), level=quote)
    elif tag in _CONTAINERS or tag == "li":
        _container(el, out, chapter, quote=quote, lists=lists)
    else:
        out.add(_kind(quote), _inline(el, chapter), level=quote)


def _container(el: Any, out: _Out, chapter: Chapter, *, quote: int, lists: int) -> None:
    """Loose text and inline runs between block children are paragraphs of their own."""
    if not any(_tag(child) in _BLOCKS for child in el):
        _mark(el, out, chapter)
        out.add(_kind(quote), _inline(el, chapter), level=quote)
        return
    run = Inline()
    run.append(_SPACES.sub(" ", el.text or ""))
    for child in el:
        if _tag(child) in _BLOCKS:
            out.add(_kind(quote), run, level=quote)
            run = Inline()
            _block(child, out, chapter, quote=quote, lists=lists)
            run.append(_SPACES.sub(" ", child.tail or ""))
        else:
            _inline_into(child, run, chapter)
    out.add(_kind(quote), run, level=quote)


def _list(el: Any, out: _Out, chapter: Chapter, *, quote: int, lists: int) -> None:
    ordered = _tag(el) == "ol"
    number = 0
    for item in el:
        if _tag(item) != "li":
            _block(item, out, chapter, quote=quote, lists=lists)
            continue
        _mark(item, out, chapter)
        number += 1
        marker = f"{number}." if ordered else "•"
        nested = [child for child in item if _tag(child) in ("ul", "ol")]
        out.add(BlockKind.LIST_ITEM, _inline(item, chapter, nested), level=lists, marker=marker)
        for sub in nested:
            _list(sub, out, chapter, quote=quote, lists=lists + 1)


def _inline(el: Any, chapter: Chapter, skip: list[Any] | None = None) -> Inline:
    inline = Inline()
    _inline_into(el, inline, chapter, skip or [], root=True)
    inline.styles.sort(key=lambda s: (s.start, -s.end))
    return inline


def _inline_into(
    el: Any, inline: Inline, chapter: Chapter, skip: list[Any] | None = None, *, root: bool = False
) -> None:
    tag = _tag(el)
    start = inline.length
    if tag == "br":
        inline.append("\n")
    elif tag == "img":
        alt = _SPACES.sub(" ", str(el.get("alt") or "")).strip()
        inline.append(alt)
    elif tag and tag not in _SKIP:
        if el.get("id") in chapter.at_id:  # a label pointing inside a paragraph: drop it
            chapter.at_id.pop(el.get("id"))
        inline.append(_SPACES.sub(" ", el.text or ""))
        for child in el:
            if skip and child in skip:
                inline.append(_SPACES.sub(" ", child.tail or ""))
            else:
                _inline_into(child, inline, chapter, skip)
        kind = _INLINE.get(tag)
        if kind is not None:
            inline.style(kind, start)
        elif tag == "a" and str(el.get("href") or "").startswith(("http://", "https://")):
            inline.style(InlineKind.LINK, start, str(el.get("href")))
    if not root:
        inline.append(_SPACES.sub(" ", el.tail or ""))
