"""Attributions around a reporting verb: which way the claim runs from the cue.

Forward ("X said (that) CONTENT"), backward ('"CONTENT," X said' or '"...,"
said X'), split around the cue ('"A," she said, "B."'), coordinated ("X
announced A and said B") or a participle (", adding that ..."). Invariant:
every attribution returned lies inside its unit, and the only earlier
attribution ever changed is the one a coordinated cue cuts short.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution, QuoteIndex, next_char, prev_char
from reader.analysis.claims.cue_sense import is_reporting_verb, words_near
from reader.analysis.claims.cues import Cues, VerbInfo
from reader.analysis.claims.objects import object_end
from reader.analysis.claims.phrases import (
    FINITE,
    MODIFIER_START,
    OBJECT_WORDS,
    TIME_WORDS,
    clause_subject,
    content_end,
    is_quote_mark,
    skip_to_content,
    source_after,
    source_before,
    strip_range,
    words_in,
)
from reader.analysis.claims.rules import verb_source
from reader.analysis.claims.rules.bare_clause import is_filler
from reader.analysis.claims.rules.verb_content import (
    NAME_OBJECT_CUES,
    TOLD,
    a_person_questioned,
    adverbial_clause,
    asks_anonymity,
    before_closing_colon,
    called_on,
    coordinated_past_auxiliary,
    infinitive_follows,
    not_a_judgement,
    one_name,
    quote_end,
    quote_follows,
    resumed_quote_end,
    strong_start,
    two_words,
    weak_cue_holds,
    weak_cue_idle,
)
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group
from reader.span import Span

_CLAUSE_END = re.compile(r"[,;.!?\u2014]")
_QUOTE_COMMA = re.compile(
    r"(?:[\u201d\"]|'')[ \t]*,[ \t]+(?=[A-Z])|,[ \t]*(?:[\u201d\"]|'')[ \t]+(?=[A-Z])"
)
"""The end of a quotation and its comma, before a capital: '...," Ann' or '...”, Ann'."""
_QUOTE_MARKS = re.compile(r"[\u201c\u201d\"]|''")
APPOSED_WORDS = 30
"""Most words of a speaker and their appositions between a quotation and its cue."""
_OF_TOWN = re.compile(r"\s*(?:of|from)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2}\s*")
_COORDINATED_PRONOUN = re.compile(r",\s+(?:and|but)\s+(he|she|they|we|I)\b")
CLOSERS = frozenset(",\u201d\"'\u2014")
"""Characters that end the content before an inverted cue ('"...," he said')."""
QUOTE_CLOSERS = frozenset("\u201d\"'")
NOT_CONTENT = word_group("not_content")
LEAD_WORDS = 3
"""Words that may come before the quotation a backward cue closes ("And, "...," he said")."""
ASIDE_WORDS = 14
"""Longest aside between a subject and its cue ("Trump, speaking in Ohio, said")."""
RELATIVE_ASIDE_WORDS = 40
"""Longest relative clause between a subject and its cue ("Lee, who ..., said")."""
NAME_WORDS = 5
NAME_PARTICLES = word_group("name_particles")
NOT_INVERTED = frozenset({"call", "tell", "inform", "assure", "remind", "urge"})
"""Verbs never before their speaker ('"...," said Lee', never "told Lee") unless quoted."""
TIME_DETERMINERS = frozenset({"the", "this"})
"""Time words that open other phrases too: after a cue they make a time only with a time
noun ("said the next day", "said on Monday"; not "said the port would close")."""
TIME_NOUNS = (TIME_WORDS - TIME_DETERMINERS) | {"day", "time", "weekend", "hour"}


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Handle a reporting verb: unless it is a noun, a name, markup or passive here."""
    text, unit = state.text, state.unit
    near = words_near(text, unit[0], m.start())  # read once for every test
    if not is_reporting_verb(text, unit, m, state.cues, near):
        return False
    if is_filler(text, m.start(), m.end()):
        return True  # "you know,": no claim, and no other rule's cue
    if weak_cue_idle(text, unit, m, state.cues.verbs[m.group().lower()]):
        return True  # "she knew him": no claim, found before any speaker is looked for
    state.add(verb_attribution(text, unit, m, state.cues, state.found, state.quotes, near))
    return True


def verb_attribution(
    text: str,
    unit: Span,
    m: re.Match[str],
    cues: Cues,
    found: list[Attribution],
    quotes: QuoteIndex,
    near: list[re.Match[str]],
) -> Attribution | None:
    """An attribution around a reporting verb, forward or inverted (`near`: `rule`'s)."""
    start, end = unit
    info = cues.verbs[m.group().lower()]
    prev = near
    before = prev[-1].group().lower() if prev else ""
    if coordinated_past_auxiliary(text, prev, found):  # "A but has said B"
        prev, before = prev[:-1], prev[-2].group().lower()
    if m.group().endswith("ing") and prev_char(text, m.start(), start) == ",":
        participle = _participle_source(text, unit, m.group(), m.start(), found)
        return _forward(text, unit, m, info, participle, quotes) if participle else None
    left = verb_source.before_adverbs(text, start, m.start())  # "Lee, her lawyer, later said"
    source = (
        source_before(text, start, left, cues.cue_words)
        or verb_source.before_dashes(text, start, left)
        or verb_source.before_connective(text, start, m.start(), cues.cue_words)
        or (  # past adverbs alone, the aside itself is the speaker's (`_source_before_aside`)
            verb_source.before_aside_auxiliaries(text, start, m.start(), cues.cue_words)
            if left == m.start()
            else None
        )
    )
    boundary = prev_char(text, source[0] if source else left, start)
    quoted = (
        boundary in QUOTE_CLOSERS
        and not _opens_content(text, m.end(), end)
        and _quote_leads(text, start, source[0] if source else left, quotes)
    )
    opener = boundary == "," and quote_follows(text, m.end(), end)  # 'Asked ..., Lee said, "'
    if source is not None and (
        quoted or (boundary in CLOSERS and not opener and _ends_soon(text, m.end(), end))
    ):
        return _backward(text, unit, m, info.kind, source, found)
    if source is None and boundary == "," and _ends_soon(text, m.end(), end):
        described = _speaker_after_quote(text, start, left)
        if described is not None:  # '"...," Ann Lee, a lawyer, one of the plaintiffs, said'
            return _backward(text, unit, m, info.kind, described, found)
    if source is None and boundary in CLOSERS:
        # "a plan, called Clean Start,": "call" names here; it never inverts like "said X",
        # nor does a verb with a listener ("Lee, who ..., told her aides to wait")
        listener = info.lemma in NOT_INVERTED and not quotes.within(start, left)
        inverted = None if listener else _backward(text, unit, m, info.kind, None, found)
        if inverted is not None and (boundary != "," or _closes_unit(text, inverted, end)):
            return inverted
        aside = _source_before_aside(text, start, left) if boundary == "," else None
        if (
            aside
            and prev_char(text, aside[0], start) in QUOTE_CLOSERS
            and _ends_soon(text, m.end(), end)
        ):
            # '"...," Reed, the mayor, said.'
            return _backward(text, unit, m, info.kind, aside, found)
        return (_forward(text, unit, m, info, aside, quotes) if aside else None) or inverted
    if source is None and before in {"and", "but"}:
        conj = prev[-1].start()
        att = _coordinated(text, unit, m, info, conj, found, quotes) if found else None
        if att is not None:
            return att
        subject = clause_subject(text, *unit)  # "Lee thanked the crowd and said ..."
        if subject is None or subject[1] > conj or found:
            return None
        return _forward(text, unit, m, info, subject, quotes)
    if source is None and before == "to":
        if len(prev) < 2 or any(a.content[0] == prev[-1].start() for a in found):
            return None  # "wanted to tell ...": already the content of "wanted"
        source = verb_source.infinitive_source(text, unit, m, info, prev[-2], cues)
    if source is None:
        source = _participle_source(text, unit, m.group(), m.start(), found)
        if source is None:
            return None
    return _forward(text, unit, m, info, source, quotes)


def _forward(
    text: str, unit: Span, m: re.Match[str], info: VerbInfo, source: Span, quotes: QuoteIndex
) -> Attribution | None:
    """'X said (that) CONTENT': the content follows the cue."""
    told = info.lemma in TOLD
    begin = skip_to_content(text, m.end(), unit[1], told)
    if info.weak and not weak_cue_holds(text, m, info.lemma, begin, unit[1]):
        return None
    if info.lemma in {"ask", "request"} and asks_anonymity(text, begin):
        return None  # "who asked not to be named": a condition of speaking, no claim
    content = strip_range(text, begin, content_end(text, begin, unit[1], quotes))
    if content is None or before_closing_colon(text, content[1], unit[1]):
        return None  # "told reporters in the hall:": the claim follows (`colon_lead`)
    if begin == m.end() and adverbial_clause(text, content):
        return None  # "Lee said before he died", "showed up at the debate": no content
    if not two_words(text, content) and not (
        info.lemma in NAME_OBJECT_CUES and one_name(text, content)
    ):
        return None
    if begin == m.end() and not is_quote_mark(text[content[0]]):
        content = (content[0], object_end(text, content, quotes))  # "attacked Ames in May"
    kind = info.kind
    demand = called_on(text, content) if info.lemma == "call" else None
    if demand is not None:
        content, kind = demand, "say"  # "called on the council to resign": a demand
    elif info.lemma == "call" and not_a_judgement(text, m.end(), content):
        return None
    if (
        info.lemma in {"question", "questioned"}
        and not strong_start(text, m.end(), begin, unit[1])
        and a_person_questioned(text, content)
    ):
        return None
    return Attribution(unit, content, m.span(), source, {kind})


def _closes_unit(text: str, att: Attribution, end: int) -> bool:
    """True when an inverted source ends its unit or clause (", claimed a report in X.")."""
    return att.source_span is not None and next_char(text, att.source_span[1], end) in ".;!?,"


def _opens_content(text: str, cue_end: int, limit: int) -> bool:
    """True when "that", a colon or a quotation follows the cue."""
    after = next_char(text, cue_end, limit)
    if is_quote_mark(after) or after == ":":
        return True
    nxt = words_in(text, cue_end, min(limit, cue_end + 12))
    return bool(nxt) and nxt[0].group().lower() == "that"


def _ends_soon(text: str, cue_end: int, limit: int) -> bool:
    """True when little but a comma, a time or a place follows the cue (", he said Friday.")."""
    after = next_char(text, cue_end, limit)
    if after in ",.;!?" or after == "":
        return True
    if is_quote_mark(after) or after == ":":
        return False
    clause = _CLAUSE_END.search(text, cue_end, limit)
    aside = words_in(text, cue_end, clause.start() if clause else limit)
    first = aside[0].group().lower() if aside else ""
    if first in TIME_DETERMINERS:  # ", he said the next day.", not "X, he said the port ..."
        return 0 < len(aside) <= 6 and any(w.group().lower() in TIME_NOUNS for w in aside[1:])
    if first in OBJECT_WORDS and (
        infinitive_follows(text, aside[0].end(), limit)
        or any(w.group().lower() in FINITE for w in aside[1:])
    ):
        return False  # "urged her to resign", "said her plan would fail": a claim follows
    return 0 < len(aside) <= 6 and first in MODIFIER_START | TIME_WORDS | OBJECT_WORDS


def _quote_leads(text: str, start: int, before: int, quotes: QuoteIndex) -> bool:
    """True when the quotation closing just before `before` opens the unit (a speech).

    A short quoted title further in ('In an interview on "Face the Nation," Ryan said
    ...') does not make the sentence a quotation.
    """
    inner = quotes.within(start, before)
    if not inner:
        return True  # the quote began in an earlier sentence
    return len(words_in(text, start, inner[0][0])) <= LEAD_WORDS


def _source_before_aside(text: str, floor: int, cue_start: int) -> Span | None:
    """'Trump, speaking in Ohio, said ...': the subject before a comma-set aside."""
    comma = text.rfind(",", floor, cue_start)
    opening = text.rfind(",", floor, comma) if comma > floor else -1
    if opening <= floor:
        return None
    aside = words_in(text, opening, comma)
    relative = bool(aside) and aside[0].group() == "who"
    if len(aside) > (RELATIVE_ASIDE_WORDS if relative else ASIDE_WORDS):
        return None
    subject = source_before(text, floor, opening)
    if subject is not None and _is_name(aside):
        return subject[0], aside[-1].end()  # "A lawyer for Quayline, Renata Oyelaran,"
    if subject is not None and prev_char(text, subject[0], floor) == ",":
        # "Scott Pruitt, the attorney general, one of the officials suing, said": the name
        comma = text.rfind(",", floor, subject[0])
        named = source_before(text, floor, comma)
        if named is not None and _is_name(words_in(text, *named)):
            return named[0], subject[1]
    if subject is None and _is_name(aside):
        # "Ann Lee, of Dunmore, Pa., said": a town and its state, set off by commas
        town = text.rfind(",", floor, opening)
        if town > floor and _OF_TOWN.fullmatch(text, town + 1, opening):
            return source_before(text, floor, town)
    return subject


def _speaker_after_quote(text: str, floor: int, cue_start: int) -> Span | None:
    """The speaker between a quotation and its cue when appositions follow the name
    ('"...," Ann Lee, the mayor of Dunmore, one of the towns suing, said'): from the
    capital after the quotation's comma to the comma before the cue, at most
    `APPOSED_WORDS` words and holding at least one more comma."""
    closes = list(_QUOTE_COMMA.finditer(text, max(floor, cue_start - 400), cue_start))
    if not closes:
        return None
    speaker = strip_range(text, closes[-1].end(), cue_start, chars=" \t\n,")
    if speaker is None or "," not in text[speaker[0] : speaker[1]]:
        return None
    if len(words_in(text, *speaker)) > APPOSED_WORDS or _QUOTE_MARKS.search(text, *speaker):
        return None
    return speaker


def _is_name(words: list[re.Match[str]]) -> bool:
    """True for a short run of capitalised words ("Dr Lucia Mbeki", "Pieter van den Berg")."""
    if not 1 <= len(words) <= NAME_WORDS or not words[-1].group()[0].isupper():
        return False
    return all(w.group()[0].isupper() or w.group() in NAME_PARTICLES for w in words)


def _backward(
    text: str,
    unit: Span,
    m: re.Match[str],
    kind: str,
    source: Span | None,
    found: list[Attribution],
) -> Attribution | None:
    """'"...," X said.' or '"...," said X, ...': the content comes before the cue."""
    start, end = unit
    tail = m.end()
    if source is None:
        source = source_after(text, m.end(), end)
        if source is None:
            return None
        left = m.start()
        tail = source[1]
    else:
        left = source[0]
    floor = found[-1].content[1] if found and found[-1].content[1] <= left else start
    content = strip_range(text, floor, left)
    if content is None:
        return None
    # "The museum, he said, would open": the subject alone is one word, the claim more
    content = _extended(text, content, tail, end, inverted=tail != m.end())
    if not two_words(text, content):
        return None
    return Attribution(unit, content, m.span(), source, {kind})


def _extended(text: str, content: Span, tail: int, end: int, inverted: bool) -> Span:
    """'"A," he said, "B."' or 'A, he said, B.': the content runs on after the cue."""
    resumed = resumed_quote_end(text, content, tail, end)
    if resumed is not None:  # '"A," Lee said at a rally in May, "but B."'
        return content[0], resumed
    if next_char(text, tail, end) != ",":
        return content
    comma = text.index(",", tail)
    after = next_char(text, comma + 1, end)
    if is_quote_mark(after):
        closed = quote_end(text, comma + 1, end)
        return (content[0], closed) if closed else content
    if inverted or is_quote_mark(text[content[0]]):
        return content
    words = words_in(text, comma + 1, end)
    if not words or words[0].group().lower() in NOT_CONTENT or words[0].group().endswith("ing"):
        return content
    rest = strip_range(text, comma + 1, end)
    return (content[0], rest[1]) if rest else content


def _coordinated(
    text: str,
    unit: Span,
    m: re.Match[str],
    info: VerbInfo,
    conj: int,
    found: list[Attribution],
    quotes: QuoteIndex,
) -> Attribution | None:
    """'X announced A and said B': B shares X, and A ends before "and"."""
    last = found[-1]
    if last.source_span is None or not last.content[0] < conj:
        return None
    if conj > last.content[1] and text[last.content[1] : conj].strip(" ,\n"):
        return None  # not the clause after the last content ("urged A, and criticized B")
    att = _forward(text, unit, m, info, last.source_span, quotes)
    cut = strip_range(text, last.content[0], conj)
    if att is not None and cut is not None:
        last.content = cut
    return att


def _participle_source(
    text: str, unit: Span, word: str, cue_start: int, found: list[Attribution]
) -> Span | None:
    """ ", saying that ...": the source just before in the unit, else the subject of the
    last clause coordinated before it (", and she ..."), else the unit's subject."""
    if not word.lower().endswith("ing"):
        return None
    if found and found[-1].source_span:
        return found[-1].source_span
    coordinated = list(_COORDINATED_PRONOUN.finditer(text, unit[0], cue_start))
    if coordinated:
        return coordinated[-1].span(1)  # "The car stopped, and she got out, shouting ...": she
    return clause_subject(text, *unit)
