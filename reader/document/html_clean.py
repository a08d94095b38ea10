"""Make an HTML page safe to extract: control references, deep nesting, ad blocks.

Invariant: `page_tree()` returns the lxml tree trafilatura would build for
the page, except that (1) no character reference names a control character
(`&#7;` becomes U+FFFD, `&#150;` the Windows-1252 dash browsers show) and
raw controls are U+FFFD too;
(2) nothing is nested deeper than `MAX_DEPTH` elements: deeper tags are
unwrapped and their text kept (lxml's parser silently drops everything
past depth 255); (3) elements whose class or id marks them as an ad, a
promotion, sponsored content or a newsletter box are removed, judged by
whole token (`ad`, `ad-slot`, `sidebar-ad`, never `shadow` or `head`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from reader.safe_text import same_length

MAX_DEPTH = 100
"""Deeper elements are unwrapped into their parent at this depth."""
_PARSER_DEPTH = 200
"""Pages at least this deep (lxml stops at 255) are flattened before parsing."""
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
_KEPT_CONTROLS = frozenset((0x09, 0x0A, 0x0C, 0x0D))
_AD_WORDS = frozenset(
    {
        "ad",
        "ads",
        "adslot",
        "adunit",
        "advert",
        "adverts",
        "advertisement",
        "advertisements",
        "advertising",
        "newsletter",
        "newsletters",
        "promo",
        "promos",
        "promoted",
        "sponsored",
    }
)
_KEEP_TAGS = frozenset({"html", "head", "body", "main", "article"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_SIBLING_CLOSES = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})


def page_tree(html: str) -> Any | None:
    """The page's lxml tree, cleaned as the module docstring says; None if it is not HTML."""
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; used as Any
    from trafilatura.utils import load_html

    html = same_length(_CHAR_REF.sub(_safe_reference, html))
    tree = load_html(html)
    if tree is not None and _depth(tree, etree) >= _PARSER_DEPTH:
        tree = load_html(flatten_deep(html, MAX_DEPTH))
    if tree is None:
        return None
    for element in ad_elements(tree):
        element.drop_tree()
    return tree


def _safe_reference(match: re.Match[str]) -> str:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return "\ufffd"
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0x7F:
        return "\ufffd"
    if code < 0x20 and code not in _KEPT_CONTROLS:
        return "\ufffd"
    return match.group()


def _depth(tree: Any, etree: Any) -> int:
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def ad_elements(tree: Any) -> list[Any]:
    """Elements whose class or id tokens mark an ad, a promotion or a newsletter box."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _KEEP_TAGS:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
        if any(_is_ad(name) for name in names):
            found.append(element)
    return found


def _is_ad(name: str) -> bool:
    parts = re.split(r"[-_]+", name)
    return name in _AD_WORDS or parts[0] in _AD_WORDS or parts[-1] in _AD_WORDS


def flatten_deep(html: str, limit: int) -> str:
    """`html` re-written with tags deeper than `limit` removed and their text kept."""
    flattener = _Flattener(limit)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(HTMLParser):
    """Copies the markup through, dropping start and end tags nested past the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.out: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        if tag in _VOID:
            self.out.append(text)
            return
        if tag in _SIBLING_CLOSES and self.stack and self.stack[-1] == tag:
            self._pop()
        self.stack.append(tag)
        self.out.append(text if len(self.stack) <= self.limit else " ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        self.out.append(text if len(self.stack) < self.limit else " ")

    def handle_endtag(self, tag: str) -> None:
        if (not self.stack or self.stack[-1] != tag) and tag not in self.stack:
            return  # a stray end tag
        while self.stack and self._pop() != tag:
            pass

    def _pop(self) -> str:
        depth = len(self.stack)
        tag = self.stack.pop()
        self.out.append(f"</{tag}>" if depth <= self.limit else " ")
        return tag

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
