"""Cue rule: a verb of speech whose claim is a preposition's object ("Lee spoke of the
flood", "the senator has railed against the tax", "he pointed to the grain price").

`topic_verbs.txt` lists each verb with the particles that make it a cue. After the
verb (past a manner adverb or a time word: "spoke emotionally of", "spoke Tuesday
about") comes the particle, then the claim: the words to the end of the clause. The
source is the subject before the verb ("who", "she"), or for ", speaking of ..." the
unit's last source or subject. A verb of regard takes "... as" instead ("critics see
the plan as a threat": object and complement are the claim). Invariant: a verb the
reporting-verb list does not know ("spoke", "railed") is handled here whether or not
it makes a claim, so it never reaches the rules for "said"; a known one ("pointed")
without its particle is passed on to them.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution, prev_char
from reader.analysis.claims.cue_sense import passive_auxiliary
from reader.analysis.claims.objects import object_end
from reader.analysis.claims.phrases import (
    TIME_WORDS,
    clause_subject,
    content_end,
    source_before,
    strip_range,
    words_in,
)
from reader.analysis.claims.rules.bare_clause import clause_follows
from reader.analysis.claims.rules.verb_content import one_name
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group
from reader.span import Span

GAP_WORDS = 2
"""Most words (adverbs, times) between the verb and its particle ("spoke emotionally of")."""
_NEW_SUBJECT = re.compile(
    r",\s+(?:(?:he|she|they|we|I|it)\b|[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)?[a-z]+(?:ed|s)\b)"
)
"""A comma and the subject of a new clause: a pronoun, or a name and its verb."""
_ANY_COMMA = re.compile(r",\s")
SUBORDINATORS = frozenset(
    {"while", "as", "when", "after", "before", "although", "though", "if", "because", "since"}
)
"""Words opening a subordinate clause: its object ends at the clause's comma."""
RELATIVE = frozenset({"who", "which", "that"})
SUBJECTS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
OBJECT_PRONOUNS = frozenset({"it", "him", "her", "them", "this", "that", "me", "us"})
MIN_CONTENT_WORDS = 2
"""A shorter object ("spoke of it") is no claim worth showing."""
AS_FRAME = (("...", "as"),)
"""The particle of a verb of regard ("see ... as"): an object, then "as" and what it is
seen as, all of it the claim."""
AS_OBJECT = 10
"""Most words of the object before "as"."""
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "if", "though", "well"})
PRONOUNS |= {"much", "many", "long", "soon", "far"}
STANCE_ADJECTIVES = word_group("stance_adjectives")
"""Cues that are adjectives ("critical of", "worried about"): a copula before them ("has
been critical of") is no passive."""
"""Words after "as" that make it a conjunction or a degree ("as he left", "as if", "as
much as")."""


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Add the attribution of "X spoke of Y"; True when the cue is this rule's to handle."""
    word = m.group()
    phrases = state.cues.topics.get(word)  # the forms are lower case: most cues miss here
    if phrases is None:
        if word[0].islower():
            return False
        return word.lower() in state.cues.topics and word.lower() not in state.cues.verbs
        # "Speaking of ...," opens a sentence; a headline's "Spoke": no claim, and a form
        # only this rule knows must not reach the reporting-verb rule
    form = word
    own = form not in state.cues.verbs
    text, (start, end) = state.text, state.unit
    after = words_in(text, m.end(), min(end, m.end() + 80))
    if phrases == AS_FRAME:
        particle_end = m.end() if _as_follows(text, m.end(), after) else None
    else:
        particle_end = _particle_end(text, m.end(), after, phrases)
        if particle_end is None and ("that",) in phrases and clause_follows(text, m.end(), end):
            particle_end = m.end()  # "worried the plan would fail": "that" left out
    if particle_end is None:
        return own
    if form not in STANCE_ADJECTIVES and passive_auxiliary(text, start, m.start()) is not None:
        return own
    source = _source(state, m)
    if source is None:
        return own
    content = strip_range(text, particle_end, _object_end(state, particle_end, source))
    if content is not None:  # "spoke of the flood during the debate": the object alone
        content = (content[0], object_end(text, content, state.quotes))
    if content is None or (
        len(words_in(text, *content)) < MIN_CONTENT_WORDS and not one_name(text, content)
    ):
        return own  # "spoke of it" is too little; "railed against Trump" is a stance
    first = words_in(text, content[0], min(content[1], content[0] + 12))[0]
    if first.group().lower() in OBJECT_PRONOUNS and text.startswith(",", first.end()):
        return own  # "spoke of it, and left": the object is a pronoun alone
    cue = (m.start(), particle_end)
    state.add(Attribution(state.unit, content, cue, source, {"say"}))
    return True


def _as_follows(text: str, verb_end: int, after: list[re.Match[str]]) -> bool:
    """ "saw the plan as a threat": an object of at most `AS_OBJECT` words, then "as" and
    no pronoun ("saw him as he left" is a time), with no punctuation before it."""
    for i, w in enumerate(after[1 : AS_OBJECT + 1], 1):
        if w.group() == "as":
            nxt = after[i + 1].group().lower() if i + 1 < len(after) else ""
            return nxt not in PRONOUNS and not re.search(
                r"[^\s\w'\u2019-]", text[verb_end : w.start()]
            )
    return False


def _particle_end(
    text: str, verb_end: int, after: list[re.Match[str]], phrases: tuple[tuple[str, ...], ...]
) -> int | None:
    """Where the particle after the verb ends, past at most `GAP_WORDS` adverbs or time
    words; None when none of `phrases` follows or punctuation comes first."""
    for skip in range(min(GAP_WORDS, len(after)) + 1):
        if skip and not _gap_word(after[skip - 1].group()):
            return None
        words = after[skip:]
        for phrase in phrases:
            if len(words) >= len(phrase) and all(
                w.group().lower() == p for w, p in zip(words, phrase, strict=False)
            ):
                last = words[len(phrase) - 1]
                if re.search(r"[^\s\w]", text[verb_end : last.start()]):
                    return None  # "spoke, of course," or "spoke. Of ...": not its particle
                return last.end()
    return None


def _object_end(state: UnitState, begin: int, source: Span) -> int:
    """The end of the object: the clause's end (`content_end`), or a comma before a new
    clause's subject ("... the tax code, he sought ..."), or any comma when the verb is
    in a subordinate or relative clause ("While Lee spoke of the flood, Reyes left",
    "The mayor, who talked about the roads, left"), outside quotations."""
    text = state.text
    end = content_end(text, begin, state.unit[1], state.quotes)
    first = words_in(text, state.unit[0], min(end, state.unit[0] + 20))
    subordinate = text[source[0] : source[1]].lower() in RELATIVE or (
        bool(first) and first[0].group().lower() in SUBORDINATORS
    )
    stop = _ANY_COMMA if subordinate else _NEW_SUBJECT
    for m in stop.finditer(text, begin, end):
        if state.quotes.containing(m.start()) is None:
            return m.start()
    return end


def _gap_word(word: str) -> bool:
    """A word that may stand between a verb and its particle: "-ly" adverbs, times."""
    low = word.lower()
    return low.endswith("ly") or low in TIME_WORDS or low in {"again", "often", "also", "out"}


def _source(state: UnitState, m: re.Match[str]) -> Span | None:
    """The speaker: the subject before the verb, or for ", speaking of" the unit's."""
    text, (start, _end) = state.text, state.unit
    if m.group().lower().endswith("ing") and prev_char(text, m.start(), start) == ",":
        if state.found and state.found[-1].source_span:
            return state.found[-1].source_span
        return clause_subject(text, start, m.start())
    source = source_before(text, start, m.start(), state.cues.cue_words)
    if source is not None and m.group().lower() in STANCE_ADJECTIVES:
        return _without_copula(text, source)
    if source is not None and m.group().lower().endswith("ing"):
        # "they could not resist pointing out": a gerund's speaker is its verb's subject
        for w in reversed(words_in(text, *source)):
            if w.group().lower() in SUBJECTS:
                return w.span()
    return source


COPULAS = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "not", "so"})
COPULAS |= {"too", "very", "more", "less", "quite", "increasingly", "deeply"}
"""Words between a subject and a stance adjective ("I am not", "she was too")."""


def _without_copula(text: str, source: Span) -> Span | None:
    """The subject of "X is (not) worried about": `source` without its copula, negation
    and degree words ("she wasn't" -> "she")."""
    words = words_in(text, *source)
    while words and (
        words[-1].group().lower() in COPULAS
        or words[-1].group().lower().endswith(("n't", "n\u2019t"))
    ):
        words.pop()
    if not words or words[-1].group().lower() in {"most", "least", "the", "a", "an"}:
        return None  # "the most critical of the issues": a superlative, no one's stance
    return words[0].start(), words[-1].end()
