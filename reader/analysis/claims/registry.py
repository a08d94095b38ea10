"""Attributions inside one claim unit: who says what, with which words.

Invariant: every attribution found lies inside its unit (see `attribution`);
cues inside quotations are not cues (a quoted "I said no" is content), and a
hedge inside an attribution's content marks it alleged instead of making a
claim of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.cue_sense import is_reporting_verb
from reader.analysis.claims.cues import Cues
from reader.analysis.claims.phrases import source_after, strip_range, words_in
from reader.analysis.claims.rules.passive import passive_attribution
from reader.analysis.claims.rules.reporting_verb import verb_attribution
from reader.analysis.wordlists import word_group
from reader.span import Span

NOT_VERBS = word_group("not_verbs")
"""Words after "said to" that show it is speech, not a hedge ("said to him")."""
_ACCORDING = re.compile(r"according\s+to", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;.!?\u2014]")


def attributions_in(
    text: str,
    unit: Span,
    cues: Cues,
    quotes: QuoteIndex,
    matches: Sequence[re.Match[str]] | None = None,
) -> list[Attribution]:
    """Every attribution of one unit, in cue order.

    Args:
        text: The document text.
        unit: The unit's range.
        cues: The compiled cue patterns.
        quotes: The document's quotations.
        matches: The `cues.cue_re` matches inside the unit, when the caller scanned the
            whole text at once; found here otherwise.
    """
    start, end = unit
    if matches is None:
        matches = list(cues.cue_re.finditer(text, start, end))
    found: list[Attribution] = []
    hedges = []
    for m in matches:
        if m.lastgroup == "hedge":
            hedges.append(m)
            continue
        if quotes.containing(m.start()) is not None:
            continue
        if _ACCORDING.fullmatch(m.group()):
            att = _according(text, unit, m.span())
        elif is_reporting_verb(text, unit, m, cues):
            att = verb_attribution(text, unit, m, cues, found, quotes)
        else:
            att = passive_attribution(text, unit, m, cues, quotes)
        if att is not None and not _overlaps_cue(att, found):
            found.append(att)
    _hedges(text, unit, hedges, quotes, found)
    return found


def _overlaps_cue(att: Attribution, found: list[Attribution]) -> bool:
    """True when `att`'s cue lies inside an earlier attribution's source (a name like "Said")."""
    return any(
        a.source_span and att.cue and a.source_span[0] <= att.cue[0] < a.source_span[1]
        for a in found[-3:]
    )


def _according(text: str, unit: Span, cue: Span) -> Attribution | None:
    """ "according to X, ..." or "..., according to X"."""
    start, end = unit
    source = source_after(text, cue[1], end, loose=True)
    if source is None:
        return None
    before = strip_range(text, start, cue[0])
    if before is not None and len(words_in(text, *before)) >= 3:
        content = before
    else:
        comma = _CLAUSE_END.search(text, source[1], end)
        content = strip_range(text, comma.end() if comma else source[1], end)
    if content is None:
        return None
    return Attribution(unit, content, cue, source, {"according"})


def _hedges(
    text: str,
    unit: Span,
    hedges: Sequence[re.Match[str]],
    quotes: QuoteIndex,
    found: list[Attribution],
) -> None:
    """Hedges mark the attribution whose content holds them, or make a sourceless one."""
    for m in hedges:
        if not _hedges_a_verb(text, m, unit[1]):
            continue
        holder = next((a for a in found if a.content[0] <= m.start() < a.content[1]), None)
        if holder is not None:
            holder.kinds.add("hedge")
            continue
        if quotes.containing(m.start()) is not None:
            continue
        content = strip_range(text, *unit)
        if content is not None:
            found.append(Attribution(unit, content, m.span(), None, {"hedge"}))


def _hedges_a_verb(text: str, m: re.Match[str], end: int) -> bool:
    """ "is said to be": a hedge; "was said to him": speech, not a hedge."""
    if not m.group().lower().endswith(" to"):
        return True
    nxt = words_in(text, m.end(), min(end, m.end() + 30))
    return bool(nxt) and nxt[0].group()[0].islower() and nxt[0].group().lower() not in NOT_VERBS
