"""HTML to canonical text: trafilatura finds the article, we map its XML to blocks.

Invariant: only the main content trafilatura extracts is kept (no menus,
footers, comments or ad blocks: `html_clean` prepares the page); its `head`,
`p`, `quote`, `list/item`, `code` and table rows become the same blocks
Markdown produces, with the same inline styles.
trafilatura (and lxml) are imported on first use: loading text or Markdown
never pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.document.builder import Inline, TextBuilder
from reader.document.html_clean import page_tree
from reader.document.model import BlockKind, InlineKind
from reader.errors import InputError

_SPACES = re.compile(r"\s+")
_HI = {"#b": InlineKind.STRONG, "#i": InlineKind.EMPHASIS, "#u": InlineKind.EMPHASIS}
_HI_CODE = {"#t"}
_HEADING_REND = re.compile(r"h[1-6]")
_BLOCK_TAGS = frozenset({"p", "list", "quote", "head", "code", "table", "div", "graphic"})
_MIN_WORDS = 3
"""Fewer words than this is a menu or a link trafilatura fell back to, not an article."""


@dataclass
class HtmlResult:
    """The text, its structure and the page's metadata."""

    builder: TextBuilder
    meta: dict[str, str] = field(default_factory=dict)


def parse_html(html: str, *, source: str) -> HtmlResult:
    """Extract the main content of `html` into blocks; `InputError` if there is none."""
    import trafilatura
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; used as Any

    tree = page_tree(html)
    if tree is None:
        raise InputError(f"no readable article text found in {source}")
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        with_metadata=True,
    )
    if not xml:
        raise InputError(f"no readable article text found in {source}")
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise InputError(f"cannot read the article structure of {source}") from error
    meta = {k: str(v) for k, v in root.attrib.items() if k in ("title", "date", "url", "author")}
    result = HtmlResult(TextBuilder(), meta)
    main = root.find("main")
    if main is not None:
        _container(main, result.builder, quote=0, lists=0)
    if len(result.builder.text().split()) < _MIN_WORDS:
        raise InputError(f"no readable article text found in {source}")
    return result


def _block(el: Any, builder: TextBuilder, *, quote: int, lists: int) -> None:
    tag = el.tag
    if tag == "head":
        rend = str(el.get("rend", ""))
        level = int(rend[1]) if _HEADING_REND.fullmatch(rend) else 2
        builder.add(BlockKind.HEADING, _inline(el), level=level)
    elif tag == "code":
        builder.add(BlockKind.CODE, "".join(el.itertext()).rstrip("\n"), strip=False)
    elif tag == "list":
        _list(el, builder, quote=quote, lists=lists + 1)
    elif tag == "quote":
        _container(el, builder, quote=quote + 1, lists=lists)
    elif tag == "table":
        for row in el.iter("row"):
            cells = [_SPACES.sub(" ", "".join(c.itertext())).strip() for c in row]
            builder.add(_kind(quote), " | ".join(c for c in cells if c), level=quote)
    elif tag in ("div", "main", "section"):
        _container(el, builder, quote=quote, lists=lists)
    elif tag != "graphic":
        builder.add(_kind(quote), _inline(el), level=quote)


def _kind(quote: int) -> BlockKind:
    return BlockKind.QUOTE if quote else BlockKind.PARAGRAPH


def _container(el: Any, builder: TextBuilder, *, quote: int, lists: int) -> None:
    """A quote, div or the main element: loose text is a block, block children recurse."""
    if not any(child.tag in _BLOCK_TAGS for child in el):
        builder.add(_kind(quote), _inline(el), level=quote)
        return
    _loose(el.text, builder, quote)
    for child in el:
        _block(child, builder, quote=quote, lists=lists)
        _loose(child.tail, builder, quote)


def _loose(text: str | None, builder: TextBuilder, quote: int) -> None:
    if text and text.strip():
        builder.add(_kind(quote), _SPACES.sub(" ", text), level=quote)


def _list(el: Any, builder: TextBuilder, *, quote: int, lists: int) -> None:
    ordered = str(el.get("rend", "")).lower() == "ol"
    number = 0
    for item in el:
        if item.tag != "item":
            _block(item, builder, quote=quote, lists=lists)
            continue
        number += 1
        marker = f"{number}." if ordered else "•"
        nested = [child for child in item if child.tag == "list"]
        builder.add(BlockKind.LIST_ITEM, _inline(item, skip=nested), level=lists, marker=marker)
        for sub in nested:
            _list(sub, builder, quote=quote, lists=lists + 1)


def _inline(el: Any, skip: list[Any] | None = None) -> Inline:
    inline = Inline()
    _inline_into(el, inline, skip or [], root=True)
    inline.styles.sort(key=lambda s: (s.start, -s.end))
    return inline


def _inline_into(el: Any, inline: Inline, skip: list[Any], *, root: bool = False) -> None:
    start = inline.length
    if el.tag == "lb":
        inline.append("\n")
    elif el.text:
        inline.append(el.text if el.tag == "code" else _SPACES.sub(" ", el.text))
    for child in el:
        if child not in skip:
            _inline_into(child, inline, skip)
        elif child.tail:
            inline.append(_SPACES.sub(" ", child.tail))
    _style(el, inline, start)
    if not root and el.tail:
        inline.append(_SPACES.sub(" ", el.tail))


def _style(el: Any, inline: Inline, start: int) -> None:
    rend = str(el.get("rend", ""))
    if el.tag == "hi" and rend in _HI:
        inline.style(_HI[rend], start)
    elif el.tag == "code" or (el.tag == "hi" and rend in _HI_CODE):
        inline.style(InlineKind.CODE, start)
    elif el.tag == "ref" and el.get("target"):
        inline.style(InlineKind.LINK, start, str(el.get("target")))
