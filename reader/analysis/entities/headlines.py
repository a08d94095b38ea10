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

_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.M)
_ISOLATED_LINE = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*([^\n]{8,240}+)(?=\n[ \t]*\n|\n?\Z)")
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
    spans = [m.span() for m in _CAPS_LINE.finditer(text)]
    spans.extend(headings)
    body = len(text.strip())
    for pattern in (_ISOLATED_LINE, _FIRST_LINE):
        for m in pattern.finditer(text):
            # A text of one line is its own body, not a headline above one.
            if len(m.group(1).strip()) < body and _headline_capitals(m.group(1)):
                spans.append(m.span(1))
    return _merged(spans)


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
