"""Passive attributions: "X was accused of Y", "X is expected to Y", "... was reported by Z".

Invariant: an attribution here lies inside its unit. With no agent its
content runs from the subject the passive is about to the end of the clause
(the cue inside it) and it has no source: an allegation. With an agent ("by
the Herald") the agent is the source and the subject is the content.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.cue_sense import headline_passive, passive_auxiliary
from reader.analysis.claims.cues import Cues
from reader.analysis.claims.phrases import (
    content_end,
    source_after,
    source_before,
    strip_range,
    words_in,
)
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group
from reader.span import Span

PASSIVE_CUES = word_group("passive_cues")
"""Verbs whose passive attributes a claim ("accused", "criticized", "expected")."""
HEDGED = word_group("hedged_lemmas")
"""Verbs whose "is ... to" passive is a hedge phrase handled elsewhere ("is said to")."""
EVALUATIVE = word_group("passive_opinions")
"""Passives that evaluate ("was criticized", "was praised"), tagged opinion too."""


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Handle any cue the rules before it left: a passive attribution, or nothing."""
    state.add(passive_attribution(state.text, state.unit, m, state.cues, state.quotes))
    return True


def passive_attribution(
    text: str, unit: Span, m: re.Match[str], cues: Cues, quotes: QuoteIndex
) -> Attribution | None:
    """The attribution a passive cue makes, or None when `m` is not one."""
    start, end = unit
    info = cues.verbs.get(m.group().lower())
    if info is None or info.lemma not in PASSIVE_CUES or not m.group()[0].islower():
        return None
    aux = passive_auxiliary(text, start, m.start())
    if aux is None and headline_passive(text, unit, m):
        aux = m.start()  # "Trader accused of fraud": the subject is just before the cue
    if aux is None:
        return None
    after = words_in(text, m.end(), min(end, m.end() + 40))
    first = after[0].group().lower() if after else ""
    if first == "to" and info.lemma in HEDGED:
        return None
    if info.lemma == "charge" and first != "as":
        return None  # "was charged with fraud", "were charged fees": a legal or money act
    if info.lemma == "brand" and first == "with":
        return None  # "were branded with the crest": a mark, not a name
    subject = source_before(text, start, aux)
    if subject is None:
        return None
    agent = None
    if first == "by":
        agent = source_after(text, after[0].end(), end, loose=True)
    if agent is not None:
        content: Span | None = subject  # "The sale was reported by the Herald": the sale
    else:
        content = strip_range(text, subject[0], content_end(text, m.end(), end, quotes))
    if content is None:
        return None
    kinds = {"say" if agent else "hedge"} | ({"opinion"} if info.lemma in EVALUATIVE else set())
    return Attribution(unit, content, m.span(), agent, kinds)
