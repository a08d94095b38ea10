"""Bounds on what a Markdown input can cost: nesting is flattened, inline markup is budgeted.

Invariant: no text is dropped. markdown-it stops nesting at `maxNesting`
(20 levels: 20 quotes, or 10 lists, since a list and its item count one
each) and silently skips everything deeper; here the lines past the limit
become flat paragraphs of the innermost container, their `>` and list
markers removed (a list marker is kept in the token's `meta` for the view).
Inline markup (entities, emphasis, code, links) is parsed block by block,
so only one block's inline tokens are alive at a time, and only up to
`MARKUP_BUDGET` markup characters per document; blocks past the budget are
shown as text with entities and backslash escapes decoded, their other
markup as written. Cost is then linear in the size with a small constant.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

MARKUP_BUDGET = 200_000
"""Markup characters parsed as inline Markdown per document (each costs a token or more)."""
_MARKUP = "&*_`[<\\"
_FLAT_MARKERS = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*")
_LIST_MARK = re.compile(r"(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINE_BREAK = re.compile(r"(?: {2,}|\\)?\n")


class FlatteningBlockParser(ParserBlock):
    """markdown-it's block parser, but content past the nesting limit is kept, flat."""

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:  # noqa: N803
        """Tokenize normally below the limit; at the limit, one paragraph per marked line."""
        if state.level < state.md.options.maxNesting:
            super().tokenize(state, startLine, endLine)
            return
        _flatten(state, startLine, endLine)


def _flatten(state: StateBlock, start: int, end: int) -> None:
    line = start
    paragraph: list[str] = []
    marker = ""
    first = start

    def close(upto: int) -> None:
        if paragraph:
            _push_paragraph(state, "\n".join(paragraph), marker, first, upto)
            paragraph.clear()

    while line < end:
        if state.isEmpty(line):
            close(line)
            line += 1
            continue
        if state.sCount[line] < state.blkIndent:
            break
        raw = state.getLines(line, line + 1, state.blkIndent, False)
        strip = _FLAT_MARKERS.match(raw)
        prefix = strip.group() if strip else ""
        rest = raw[len(prefix) :].strip()
        mark = _marker(prefix)
        if mark or not paragraph:
            close(line)
            marker, first = mark, line
        if rest:
            paragraph.append(rest)
        line += 1
    close(line)
    state.line = line


def _marker(prefix: str) -> str:
    """The innermost list marker in a stripped prefix, as the view draws it ("•", "3.")."""
    marks = list(_LIST_MARK.finditer(prefix.replace(">", " ")))
    if not marks:
        return ""
    number = marks[-1].group(1)
    return f"{int(number)}." if number else "•"


def _push_paragraph(state: StateBlock, content: str, marker: str, first: int, end: int) -> None:
    token = state.push("paragraph_open", "p", 1)
    token.map = [first, end]
    token.meta = {"flat_marker": marker}
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [first, end]
    token.children = []
    state.push("paragraph_close", "p", -1)


def bounded_parser(parser: MarkdownIt) -> MarkdownIt:
    """`parser` with the flattening block parser and no inline pass (see `InlineBudget`)."""
    flattening = FlatteningBlockParser()
    flattening.ruler = parser.block.ruler
    parser.block = flattening
    parser.core.ruler.disable("inline")
    return parser


@dataclass
class InlineBudget:
    """Parses inline content block by block until the document's markup budget is spent."""

    parser: MarkdownIt
    env: dict[str, Any]
    """The environment the block pass filled (link reference definitions)."""
    left: int = field(default_factory=lambda: MARKUP_BUDGET)
    """Markup characters still to parse (`MARKUP_BUDGET` at the start)."""

    def children(self, content: str) -> list[Token] | None:
        """The inline tokens of `content`, or None when it is past the budget (use `as_text`)."""
        cost = sum(map(content.count, _MARKUP))
        if cost > self.left:
            self.left = 0
            return None
        self.left -= cost
        tokens: list[Token] = []
        self.parser.inline.parse(content, self.parser, self.env, tokens)
        return tokens


def as_text(content: str) -> str:
    """Inline Markdown shown as written, but with escapes, entities and line breaks read."""
    text = _LINE_BREAK.sub(lambda m: "\n" if len(m.group()) > 1 else " ", content)
    return html.unescape(_ESCAPE.sub(r"\1", text))
