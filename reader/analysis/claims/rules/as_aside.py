"""Cue rule: a claim vouched for by an "as" aside ("As Lee noted, the port is closed";
"The port, as the mayor said last week, is closed"; "As predicted, the mill failed").

"As", a source (or none), a reporting verb and perhaps a time ("last week"), a listener
("told reporters") or a particle ("pointed out") make an aside that ends at a comma; the
claim is the clause the aside sits in: after the aside when it opens the sentence, else
the whole clause around it (or, inside a claim already found, that claim runs on past
the aside). With no source between "as" and the verb ("as predicted") the claim has no
source. A thing as the verb's object ("As she said this, ...") makes "as" a time: no
claim. Invariant: the attribution lies inside its unit, its cue is the verb (and
particle), and any cue that does not fit is passed on to the later rules.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import (
    MODIFIER_START,
    OBJECT_WORDS,
    TIME_WORDS,
    content_end,
    source_before,
    strip_range,
    words_in,
)
from reader.analysis.claims.state import UnitState

SOURCE_WORDS = 8
"""Most words between "as" and its verb ("as many tax experts have")."""
GAP_WORDS = 4
"""Most words between the verb and the aside's comma ("said last week in Ohio")."""
PARTICLES = frozenset({"out"})
"""A particle the verb takes before the comma ("pointed out")."""
SPEAKERS = frozenset({"i", "we", "you"})
"""Subjects of an aside in someone's own words ("as you pointed out"): their claim, not
the aside's."""
THING_OBJECTS = frozenset({"this", "that", "it", "so", "these", "those"})
"""Objects after the verb that make "as" a time ("As she said this, ...")."""
NOT_ASIDE = frozenset({"ask", "call", "tell", "question", "answer"})
"""Verbs that make "as" a time or a manner ("as she asked", "as he called")."""


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Add the claim an "as" aside vouches for; True when the cue made one."""
    text, (start, end) = state.text, state.unit
    low = max(start, m.start() - 80)
    if text.find(" as ", low, m.start()) < 0 and text.find("As ", low, m.start()) < 0:
        return False  # most cues: no "as" before them, so nothing more is looked up
    info = state.cues.verbs.get(m.group().lower())
    if info is None or info.lemma in NOT_ASIDE or info.kind == "deny":
        return False
    before = words_in(text, low, m.start())[-(SOURCE_WORDS + 1) :]
    at = next((i for i in range(len(before) - 1, -1, -1) if before[i].group() in ("as", "As")), -1)
    if at < 0 or re.search(r"[,;:.!?\"\u201c\u201d]", text[before[at].end() : m.start()]):
        return False
    as_word = before[at]
    lead = text[start : as_word.start()].rstrip()
    opens = not lead.strip("\"'\u201c(")
    if not opens and not lead.endswith((",", "\u2014", "(")):
        return False  # "as" inside a clause ("such as", "as much as"): no aside
    comma = _aside_end(text, m.end(), end)
    if comma is None:
        return False
    if comma < 0:
        return True  # "As she said this, the lights went out": a time, no claim
    last = state.found[-1] if state.found else None
    if not opens and last is not None and last.content[1] <= as_word.start():
        # "Lee said the port, as expected, would close": the aside is inside Lee's claim
        if not text[last.content[1] : as_word.start()].strip(" ,\u2014("):
            last.content = (last.content[0], content_end(text, comma + 1, end, state.quotes))
            last.content = strip_range(text, *last.content) or last.content
        return True
    source = None
    if before[at + 1 :] and before[at + 1].start() < m.start():
        source = source_before(text, as_word.end(), m.start(), state.cues.cue_words)
        if source is None or before[at + 1].group().lower() in SPEAKERS:
            return False  # "as you pointed out, Laura,": inside someone's speech
    if opens:
        content = strip_range(text, comma + 1, content_end(text, comma + 1, end, state.quotes))
    else:
        content = strip_range(text, start, content_end(text, comma + 1, end, state.quotes))
    if content is None or len(words_in(text, *content)) < 3:
        return False
    cue_end = m.end()
    nxt = words_in(text, m.end(), comma)
    if nxt and nxt[0].group().lower() in PARTICLES:
        cue_end = nxt[0].end()
    state.add(Attribution(state.unit, content, (m.start(), cue_end), source, {info.kind}))
    return True


def _aside_end(text: str, cue_end: int, end: int) -> int | None:
    """The comma closing the aside after the verb, past a particle, a listener or a short
    time; -1 when a thing is the verb's object ("As she said this,"), None when anything
    else comes first."""
    comma = text.find(",", cue_end, min(end, cue_end + 60))
    if comma < 0:
        return None
    gap = words_in(text, cue_end, comma)
    if len(gap) > GAP_WORDS or re.search(r"[;:.!?\"\u201c\u201d]", text[cue_end:comma]):
        return None
    first = gap[0].group().lower() if gap else ""
    if first in THING_OBJECTS:
        return -1  # "As she said this,": an object, so "as" is a time
    if first and first not in PARTICLES | MODIFIER_START | TIME_WORDS | OBJECT_WORDS:
        return None
    return comma
