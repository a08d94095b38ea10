"""Claim units: the sentences of a text, merged so that no quotation is cut.

Invariant: units are half-open `(start, end)` ranges of the text, in order,
not overlapping, with `start < end`; a quotation that lies inside one
paragraph lies inside one unit. Quotations are `(open, close)` ranges that
include their quote marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.document.model import BlockKind, Document
from reader.span import Span

MAX_QUOTE = 3000
"""Longest quotation (in characters) that is still treated as one."""
MAX_UNIT = 2 * MAX_QUOTE
"""Longest unit; longer runs without a sentence end are cut at whitespace."""

_REACH = "{1,%s}" % MAX_QUOTE  # noqa: UP031 (braces would clash with the regex)
_CURLY = re.compile("\u201c(?:[^\u201c\u201d\n]|\n(?![ \t]*\n))" + _REACH + "\u201d")
_STRAIGHT = re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))' + _REACH + '"')
_DOUBLED = re.compile(r"''(?:[^'\n]|'(?!')|\n(?![ \t]*\n))" + _REACH + "''")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def curly_quotes(text: str) -> list[Span]:
    """`[m.span() for m in _CURLY.finditer(text)]`, found with `str.find`: the passage
    from an opening mark runs to the first closing one, so it is a match exactly when
    that is 1 to `MAX_QUOTE` characters on, with no opening mark and no blank line
    between; otherwise the next opening mark is tried (about 15 times faster on a book
    than the regex stepping through every character of every quotation)."""
    out: list[Span] = []
    start = text.find("\u201c")
    while start >= 0:
        close = text.find("\u201d", start + 1)
        if close < 0:
            break
        inner = text.find("\u201c", start + 1, close)
        if inner >= 0:
            start = inner
            continue
        if 0 < close - start - 1 <= MAX_QUOTE and not _BLANK_LINE.search(text, start + 1, close):
            out.append((start, close + 1))
            start = text.find("\u201c", close + 1)
        else:
            start = text.find("\u201c", start + 1)
    return out


def find_quotes(text: str) -> list[Span]:
    """Every double-quoted passage of `text` (curly or straight), marks included."""
    found = curly_quotes(text)
    if '"' in text:
        found += [m.span() for m in _STRAIGHT.finditer(text)]
    if "''" in text:
        found += [m.span() for m in _DOUBLED.finditer(text)]
    return _disjoint(sorted(found))


def _disjoint(quotes: list[Span]) -> list[Span]:
    """Sorted quotations with any that overlap an earlier one dropped."""
    out: list[Span] = []
    for q in quotes:
        if not out or q[0] >= out[-1][1]:
            out.append(q)
    return out


def sentence_ranges(document: Document) -> list[Span]:
    """The document's sentences outside code blocks.

    The document layer splits sentences (`reader.document.sentences`); a
    document built without them has no units, so no claims.
    """
    code = [(b.start, b.end) for b in document.blocks if b.kind is BlockKind.CODE]
    out: list[Span] = []
    ci = 0
    for s in document.sentences:
        while ci < len(code) and code[ci][1] <= s.start:
            ci += 1
        in_code = ci < len(code) and code[ci][0] <= s.start
        if s.end > s.start and not in_code:
            out.append((s.start, s.end))
    return out


def merge_units(sentences: Sequence[Span], quotes: Sequence[Span]) -> list[Span]:
    """Merge consecutive sentences that one quotation runs across."""
    units: list[Span] = []
    qi = 0
    for start, end in sentences:
        while qi < len(quotes) and quotes[qi][1] <= start:
            qi += 1
        inside = qi < len(quotes) and quotes[qi][0] < start < quotes[qi][1]
        if units and inside and quotes[qi][0] >= units[-1][0]:
            units[-1] = (units[-1][0], max(end, units[-1][1]))
            continue
        units.append((start, end))
    return units


_WORDS = re.compile(r"[\w'\u2019]+")
TAIL_WORDS = 8
"""How far into a sentence a speaker's verb may come ("Reed, the harbour master, said")."""


_QUOTE_ENDS = ("?", "!", ".", ",")
"""Punctuation that may close a quotation's sentence before its mark."""


def _ends_with_quote(text: str, end: int) -> bool:
    """True when a unit ends with punctuation and a closing quotation mark ('?"')."""
    if end < 1 or text[end - 1] not in "\"\u201d'":
        return False  # most units: no quotation mark last
    tail = text[max(0, end - 3) : end]
    return (tail[-1:] in ('"', "\u201d") and tail[-2:-1] in _QUOTE_ENDS) or tail[-2:] == "''"


def join_speaker_tails(text: str, units: Sequence[Span]) -> list[Span]:
    """Join '"Who knew?"' and 'Trump said.' when a sentence split fell between them."""
    from reader.analysis.claims.cues import load_cues

    verbs = load_cues().verbs
    out: list[Span] = []
    for start, end in units:
        if out and _ends_with_quote(text, out[-1][1]) and ("\n\n" not in text[out[-1][1] : start]):
            head = [w.group() for w in _WORDS.finditer(text, start, min(end, start + 120))]
            if any(w in verbs for w in head[:TAIL_WORDS]):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def cap_units(text: str, units: Sequence[Span], limit: int = MAX_UNIT) -> list[Span]:
    """Units cut at whitespace into pieces of at most `limit` characters.

    A text with no sentence ends would otherwise be one unit, and every cue in
    it would scan all of it.
    """
    out: list[Span] = []
    for start, end in units:
        while end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out
