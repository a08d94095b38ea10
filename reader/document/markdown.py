"""Markdown to canonical text through markdown-it-py (CommonMark + front matter).

Invariant: the text is what a reader sees, without markup: blocks joined by a
blank line, soft line breaks as single spaces, hard breaks as `\\n`, code
blocks verbatim. List items and quotes keep their nesting depth in
`Block.level`; the bullet or number is in `Block.marker`, not in the text.
Cost is bounded (`markdown_bounds`): nesting past markdown-it's limit is
flattened, not dropped, and inline markup is parsed within a budget.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.builder import RULE_TEXT, Inline, TextBuilder
from reader.document.markdown_bounds import InlineBudget, as_text, bounded_parser
from reader.document.model import BlockKind, InlineKind

_PARSER = bounded_parser(MarkdownIt("commonmark").use(front_matter_plugin))
_TAG = re.compile(r"<[^>]*>")
_STYLE_OPEN = {"em_open": InlineKind.EMPHASIS, "strong_open": InlineKind.STRONG}
_STYLE_CLOSE = {"em_close", "strong_close", "link_close"}


@dataclass
class MarkdownResult:
    """The text, its structure and front-matter metadata."""

    builder: TextBuilder
    meta: dict[str, str] = field(default_factory=dict)
    first_h1: str = ""


@dataclass
class _Context:
    lists: list[str] = field(default_factory=list)
    """Open lists, innermost last: "•" for bullets, "." for ordered."""
    containers: list[str] = field(default_factory=list)
    """Open list items ("item") and block quotes ("quote"), innermost last."""
    pending_marker: str = ""
    """The marker for the next block of the current item (its first only)."""
    budget: InlineBudget | None = None
    """Parses each block's inline markup (None: as text)."""


def parse_markdown(text: str) -> MarkdownResult:
    """Render Markdown `text` into canonical text, blocks, styles and metadata."""
    result = MarkdownResult(TextBuilder())
    env: dict[str, Any] = {}
    tokens = _PARSER.parse(text, env)
    ctx = _Context(budget=InlineBudget(_PARSER, env))
    for index, token in enumerate(tokens):
        _block_token(token, tokens, index, ctx, result)
    return result


def _block_token(
    token: Token, tokens: list[Token], index: int, ctx: _Context, result: MarkdownResult
) -> None:
    kind = token.type
    builder = result.builder
    if kind == "front_matter":
        result.meta = front_matter(token.content)
    elif kind in ("bullet_list_open", "ordered_list_open"):
        ctx.lists.append("•" if kind == "bullet_list_open" else ".")
    elif kind in ("bullet_list_close", "ordered_list_close"):
        ctx.lists.pop()
    elif kind == "list_item_open":
        ctx.pending_marker = "•" if ctx.lists[-1] == "•" else f"{token.info or 1}."
        ctx.containers.append("item")
    elif kind == "list_item_close":
        ctx.containers.pop()
        ctx.pending_marker = ""
    elif kind == "blockquote_open":
        ctx.containers.append("quote")
    elif kind == "blockquote_close":
        ctx.containers.pop()
    elif kind == "inline":
        _inline_block(token, tokens[index - 1], ctx, result)
    elif kind in ("fence", "code_block"):
        builder.add(BlockKind.CODE, token.content.rstrip("\n"), strip=False)
    elif kind == "hr":
        builder.add(BlockKind.RULE, RULE_TEXT)
    elif kind == "html_block":
        _add_text_block(builder, html.unescape(_TAG.sub("", token.content)), ctx)


def _inline_block(token: Token, opener: Token, ctx: _Context, result: MarkdownResult) -> None:
    children = ctx.budget.children(token.content) if ctx.budget else None
    if children is None:
        inline = Inline()
        inline.append(as_text(token.content))
    else:
        inline = render_inline(children)
    if opener.meta and opener.meta.get("flat_marker"):
        ctx.pending_marker = opener.meta["flat_marker"]
    builder = result.builder
    if opener.type == "heading_open":
        level = int(opener.tag[1:])
        if level == 1 and not result.first_h1:
            result.first_h1 = inline.text().strip()
        builder.add(BlockKind.HEADING, inline, level=level)
    else:
        _add_text_block(builder, inline, ctx)


def _add_text_block(builder: TextBuilder, inline: Inline | str, ctx: _Context) -> None:
    innermost = ctx.containers[-1] if ctx.containers else ""
    if innermost == "item":
        builder.add(BlockKind.LIST_ITEM, inline, level=len(ctx.lists), marker=ctx.pending_marker)
        ctx.pending_marker = ""
    elif innermost == "quote":
        builder.add(BlockKind.QUOTE, inline, level=ctx.containers.count("quote"))
    else:
        builder.add(BlockKind.PARAGRAPH, inline)


def render_inline(children: list[Token]) -> Inline:
    """Render inline tokens to plain text with relative style spans."""
    inline = Inline()
    stack: list[tuple[InlineKind, int, str | None]] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            inline.append(child.content)
        elif kind == "softbreak":
            inline.append(" ")
        elif kind == "hardbreak":
            inline.append("\n")
        elif kind == "code_inline":
            start = inline.length
            inline.append(child.content)
            inline.style(InlineKind.CODE, start)
        elif kind in _STYLE_OPEN:
            stack.append((_STYLE_OPEN[kind], inline.length, None))
        elif kind == "link_open":
            stack.append((InlineKind.LINK, inline.length, str(child.attrs.get("href", ""))))
        elif kind in _STYLE_CLOSE and stack:
            style, start, href = stack.pop()
            inline.style(style, start, href)
        elif kind == "image":
            inline.append(child.content)
    inline.styles.sort(key=lambda s: (s.start, -s.end))
    return inline


def front_matter(content: str) -> dict[str, str]:
    """Read YAML front matter into string metadata; broken YAML yields no metadata."""
    import yaml  # ~10 ms: only a document with front matter needs it (not a book's head)

    try:
        # libyaml's safe loader when PyYAML has it: the same documents, 7x faster (the
        # front matter was a sixth of loading a news article, e.g. in `reader add`).
        data: Any = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    meta: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (dt.date, dt.datetime)):
            meta[str(key).lower()] = value.isoformat()
        elif isinstance(value, (str, int, float)):
            meta[str(key).lower()] = str(value).strip()
    return meta
