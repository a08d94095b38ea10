"""Attributions marked by layout instead of a verb.

Two shapes: a quotation signed with a dash ('"We will win." ― Ana Ruiz') and
a speaker label opening a paragraph, as in transcripts and headlines
('RUIZ: We will win.', 'Poll: Voters ...'). Invariant: every attribution
returned lies inside the text; its unit runs from its first to its last
part, so it may span the sentences the document split it into.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.phrases import strip_range
from reader.span import Span

MAX_LABELLED = 2000
"""Longest paragraph taken as what a speaker label introduces."""

_SIGNATURE = re.compile(
    r"[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*"
    r"([A-Z][\w.'\u2019-]*(?:[ \t]+(?:[A-Z][\w.'\u2019-]*|de|da|del|van|von|al|bin)){0,4})"
    r"(?=[ \t\u00a0]*(?:[.,;]|\n|$|[\u201c\"]))"
)
"""A dash and a name that ends its line, or runs into the next quotation ('" ― Ana
Ruiz "Next ...'); a no-break space counts as a space."""
_SIGNED_TAIL = r"(?=[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*[A-Z])"
_SIGNED_LINE = tuple(re.compile(re.escape(mark) + _SIGNED_TAIL) for mark in '\u201d"')
"""A closing quotation mark just before a signature dash: one pattern per mark, each with a
literal first character the regex engine finds with a quick scan (a class of the two
marks was tried at every character of a book)."""
_LABEL = re.compile(
    r"\n[ \t]*[\"\u201c]?"
    r"(?P<name>[A-Z][A-Za-z.'\u2019-]*(?:[ \t]+[A-Z][A-Za-z.'\u2019-]*){0,3})"
    r"(?P<colon>:)[ \t]+(?=\S)"
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
LAYOUT_LABELS = frozenset(
    {
        "correction", "corrections", "clarification", "update", "updated", "editor's",
        "note", "related", "watch", "video", "photos", "photo", "exclusive", "breaking",
        "abstract", "source", "sources", "advertisement", "caption", "credit", "warning",
        "read more", "see also", "full text",
    }
)  # fmt: skip
"""Labels a page gives its parts (its first word is enough: "Editor's note:")."""
HEADLINE_WORDS = frozenset(
    {
        "the", "a", "an", "of", "on", "in", "over", "for", "to", "and", "or", "with", "at",
        "by", "from", "is", "are", "goes", "gets",
    }
)  # fmt: skip
"""Function words that show a title-case label is a headline's kicker, not a name."""


def signed_quotes(text: str, quotes: QuoteIndex) -> list[Attribution]:
    """Document rule: quotations followed by a dash and a name ('"..." ― Ana Ruiz').

    A signed line whose opening quotation mark is missing or mistyped (so that no
    quotation was paired) is signed too: its content runs from the line's start.
    """
    out = []
    spans = list(quotes.quotes)
    ends = {end for _start, end in spans}
    closes = [m for pattern in _SIGNED_LINE for m in pattern.finditer(text)]
    for close in sorted(closes, key=lambda m: m.start()):
        if close.end() not in ends and quotes.containing(close.start()) is None:
            line_start = text.rfind("\n", 0, close.start()) + 1
            if close.end() - line_start >= 12:
                spans.append((line_start, close.end()))
    for start, end in sorted(spans):
        m = _SIGNATURE.match(text, end)
        if m is None:
            continue
        dash = m.start() + len(m.group()) - len(m.group().lstrip(" \t\u00a0"))
        cue = (dash, dash + 1)
        out.append(Attribution((start, m.end(1)), (start, end), cue, m.span(1), {"say", "quote"}))
    return out


def speaker_labels(text: str, quotes: QuoteIndex) -> list[Attribution]:
    """Document rule: paragraphs opened by a speaker label ('PENCE: Well, look, ...').

    `quotes` is not needed here; every document rule takes it.
    """
    out = []
    labels = _labels(text)
    for i, (name, colon, begin) in enumerate(labels):
        if _layout_label(text[name[0] : name[1]]):
            continue
        limit = min(len(text), begin + MAX_LABELLED)
        if i + 1 < len(labels):
            limit = min(limit, labels[i + 1][0][0])  # the next speaker's line
        stop = _PARAGRAPH_END.search(text, begin, limit)
        end = stop.start() if stop else limit
        content = strip_range(text, begin, end, chars=" \t\n")
        if content is None or not (text[content[0]].isalpha() or text[content[0]] in '"\u201c'):
            continue
        if len(text[content[0] : content[1]].split()) >= 3:
            out.append(Attribution((name[0], content[1]), content, colon, name, {"say", "label"}))
    return out


def _layout_label(label: str) -> bool:
    """A label of the page, not a speaker: "Correction:", "UPDATE:", or a headline's
    kicker in title case with a function word ("The Latest:", "Stealth Over Health:").
    "PENCE:", "Sen. Graham:" and "THE PRESIDENT:" (a transcript's capitals) are speakers."""
    words = label.casefold().replace("\u2019", "'").split()
    if " ".join(words) in LAYOUT_LABELS or (words and words[0] in LAYOUT_LABELS):
        return True
    return len(words) > 1 and not label.isupper() and any(w in HEADLINE_WORDS for w in words)


def _labels(text: str) -> list[tuple[Span, Span, int]]:
    """(name, colon, where the labelled text starts) for each line opened by a label."""
    found = []
    first = _LABEL.match("\n" + text[:200])  # the text's first line has no newline before it
    if first is not None:
        found.append(
            (
                (first.start("name") - 1, first.end("name") - 1),
                (first.start("colon") - 1, first.end("colon") - 1),
                first.end() - 1,
            )
        )
    for m in _LABEL.finditer(text):
        found.append((m.span("name"), m.span("colon"), m.end()))
    return found
