"""Where capitals prove nothing: all-caps lines, Title Case headlines, headings.

Invariant: `headline_spans` returns sorted, non-overlapping (start, end)
ranges of the text; inside them a capitalised word is a name only if the
document or the gazetteer knows it as one.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.entities.lexicon import common_words, first_names
from reader.span import Span

# Each pattern comes in two: at the start of the text, and after a line break. The second
# starts with a literal newline, which the regex engine finds by a quick scan, where a
# pattern starting with `^` or `(?:\A|...)` is tried at every position (10x slower).
_CAPS_LINE = re.compile(r"([^a-z\n]*[A-Z][^a-z\n]*)$", re.M)
_CAPS_NEXT_LINE = re.compile(r"\n([^a-z\n]*[A-Z][^a-z\n]*)$", re.M)
_ISOLATED_FIRST = re.compile(r"\A[ \t]*([^\n]{8,240}+)(?=\n[ \t]*\n|\n?\Z)")
_ISOLATED_NEXT = re.compile(r"\n[ \t]*\n[ \t]*([^\n]{8,240}+)(?=\n[ \t]*\n|\n?\Z)")
_FIRST_LINE = re.compile(r"\A[ \t]*([^\n]{8,240})(?=\n)")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
_HEADLINE_LOWER = frozenset(
    {"about", "after", "amid", "from", "into", "onto", "over", "than", "that", "this"}
    | {"upon", "with", "without", "says", "said"}
)
"""Long words a Title Case headline may still write in lower case."""
_LOWER_LONG = re.compile(rf"\b(?!(?:{'|'.join(sorted(_HEADLINE_LOWER))})\b)[a-z][^\W\d_]{{3,}}")


def _headline_capitals(line: str) -> bool:
    """Whether `line` is capitalised like a headline, not a sentence full of names.

    A headline capitalises its verbs too: no long word but a few small
    function words stays lower case, and at least one capitalised word after
    the first is an ordinary word ("Holds", "Talks") rather than a name.
    """
    if _LOWER_LONG.search(line):
        return False
    words = _LONG_WORD.findall(line)
    caps = [w for w in words[1:] if w[0].isupper()]
    common = common_words()
    return len(caps) >= 2 and any(w.casefold() in common and w not in first_names() for w in caps)


def headline_spans(text: str, headings: tuple[Span, ...] = ()) -> list[Span]:
    """All-caps lines, Title Case lines standing alone (or first), and the given headings."""
    spans = [m.span(1) for m in _lines(text, _CAPS_LINE, _CAPS_NEXT_LINE)]
    spans.extend(headings)
    body = len(text.strip())
    for m in [*_lines(text, _ISOLATED_FIRST, _ISOLATED_NEXT), *_FIRST_LINE.finditer(text)]:
        # A text of one line is its own body, not a headline above one.
        if len(m.group(1).strip()) < body and _headline_capitals(m.group(1)):
            spans.append(m.span(1))
    return _merged(spans)


def _lines(text: str, first: re.Pattern[str], after: re.Pattern[str]) -> list[re.Match[str]]:
    """What one pattern `(?:START|NEWLINE)REST` finds: `first` matched at the start of
    the text, then every `after` from its end (group 1 is the line in both)."""
    found = first.match(text)
    if found is None:
        return list(after.finditer(text))
    return [found, *after.finditer(text, found.end())]


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class Headlines:
    """Fast membership tests against a list of headline spans."""

    def __init__(self, spans: list[Span]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
