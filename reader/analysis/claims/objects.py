"""Where a reporting verb's object ends when its content is a noun phrase, not a clause
("attacked Ames during the debate", "said as much in an interview").

Invariant: `object_end` only shortens a content: it returns an offset inside it, never
past its end, and keeps a clause whole.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import QuoteIndex
from reader.analysis.claims.phrases import FINITE, SUBJECT_PRONOUNS, strip_range
from reader.span import Span

ADJUNCT_STARTS: tuple[str, ...] = ("during", "until", "since", "while", "because", "although")
ADJUNCT_STARTS += ("though", "amid", "yet")
ADJUNCT_STARTS += (
    r"(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
)
"""Words opening an adverbial after a verb's object ("attacked Ames during the debate",
"endorsed Lee on Friday"; a regex each)."""
SPEECH_EVENTS = "interview statement speech tweet tweets letter email e-mail ruling post op-ed"
SPEECH_EVENTS += " column video radio television call"
"""Where an act of speech took place ("said as much in an interview", "in a tweet")."""
CLAUSE_MARKS = FINITE | (SUBJECT_PRONOUNS - {"it", "you"})
"""Words that show a content is a clause ("said the plan would fail", "said he hopes")."""
_CLAUSE_MARK = re.compile(r"\b(?:%s)\b" % "|".join(sorted(CLAUSE_MARKS)), re.IGNORECASE)  # noqa: UP031
_OBJECT_STOP = re.compile(
    r"[,\s](?:(?<=,)\s+(?:who|which)\b|(?<=\s)(?:%s)\b" % "|".join(ADJUNCT_STARTS)  # noqa: UP031
    + r"|(?<=\s)(?:and|or|but)\s+(?:has|have|had|was|were|is|will|would|[a-z]+ed)\b"
    + r"|(?<=\s)\s*(?i:in|on)\s+(?i:a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?i:%s)\b)"  # noqa: UP031
    % "|".join(re.escape(w) for w in SPEECH_EVENTS.split())
)
"""The end of a verb's object: a relative clause after a comma ("endorsed Lee, who"),
an adverbial (`ADJUNCT_STARTS`, lower case: "Shows Bias When" is a headline), a second
verb phrase ("declined the offer and has since left") or the occasion of the speech
(`SPEECH_EVENTS`). Led by the class of the first characters, the look-behinds telling
the alternatives apart (a pattern led by a class is skipped through, not tried at every
position)."""
_FIRST_WORD = re.compile(r"\s*\w[\w'\u2019.-]*")
_PAST = re.compile(r"\b[a-z]{2,}ed\b")
"""A past verb inside an object, making it a clause ("the mill closed")."""


def object_end(text: str, content: Span, quotes: QuoteIndex | None = None) -> int:
    """Where the object ends when a content is a noun phrase, not a clause.

    "attacked Ames during the debate", "said as much in an interview", "endorsed Lee,
    who thanked him": with no finite verb or subject pronoun before an adverbial
    ("during", "until", "in a statement") or a relative clause, what comes before is the
    verb's object and the content ends there. A clause ("said the plan would fail during
    May") keeps its end. Regex scans, no word walk: it runs on every object of a book.
    """
    start, end = content
    first = _FIRST_WORD.match(text, start, end)
    if first is None:
        return end
    for m in _OBJECT_STOP.finditer(text, first.end(), end):
        if quotes is not None and quotes.containing(m.end() - 1) is not None:
            continue
        if _CLAUSE_MARK.search(text, start, m.start()):
            return end  # a clause before the stop: "said the plan would fail during May"
        if m.group(0).lstrip()[:1] in "abo" and _PAST.search(text, first.end(), m.start()):
            return end  # "said the mill closed and was sold": a clause, coordinated
        kept = strip_range(text, start, m.start())
        return kept[1] if kept else end
    return end
