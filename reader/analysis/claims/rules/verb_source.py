"""Where the speaker of a reporting verb is when it is not the phrase just before the
cue: behind an aside set off by dashes ("Kall -- co-editor of a book -- said"), by
commas before a connective or an auxiliary ("Some critics, however, argue", "Unions,
including the AFL-CIO, have endorsed") or by adverbs ("Lee, a lawyer, later said"), or
the subject of the verb an infinitive cue
hangs on ("the council voted to condemn ...").

Invariant: these only read the text of one unit before a cue and return a span or an
offset inside it (or None); none builds an attribution.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import prev_char
from reader.analysis.claims.cues import Cues, VerbInfo
from reader.analysis.claims.phrases import AUXILIARY, source_before, words_in
from reader.span import Span

ASIDE_WORDS = 28
"""Most words of an aside between dashes."""
SPLIT_ADVERBS = frozenset(
    {"later", "also", "earlier", "previously", "again", "then", "once", "still", "further"}
    | {"first", "finally", "often", "never", "always", "yesterday", "today", "subsequently"}
)
"""Adverbs that stand between a subject and its reporting verb ("Lee, a lawyer, later said")."""
_DASH = re.compile(r"\s--\s*|\u2014\s*|\s\u2013\s*")


def infinitive_source(
    text: str, unit: Span, m: re.Match[str], info: VerbInfo, ruling: re.Match[str], cues: Cues
) -> Span | None:
    """ "The council voted to condemn it": the subject of the verb before "to" (not "met
    the mayor to discuss": no verb; not "the aim was to say": a copula)."""
    word = ruling.group()
    if m.group().lower() != info.lemma or not word.islower() or not word.endswith(("s", "ed")):
        return None  # "to said" is no infinitive; "the mayor to discuss", no ruling verb
    if word in {"is", "was"}:
        return None  # "the plan was to tell": a copula, whose subject does not speak
    return source_before(text, unit[0], ruling.start(), cues.cue_words)


def before_dashes(text: str, floor: int, cue_start: int) -> Span | None:
    """ "Kall -- co-editor of a book on debates -- said ...": the subject before an aside
    set off by dashes (its closing dash just before the cue)."""
    m = _DASH.search(text, max(floor, cue_start - 4), cue_start)
    if m is None or text[m.end() : cue_start].strip():
        return None
    opening = max(text.rfind(d, floor, m.start()) for d in (" -- ", "\u2014", " \u2013 "))
    if opening <= floor or len(words_in(text, opening, m.start())) > ASIDE_WORDS:
        return None
    return source_before(text, floor, opening)


def before_adverbs(text: str, floor: int, cue_start: int) -> int:
    """Where the adverbs between an aside's closing comma and its verb begin ("Oduya, her
    spokesman, later said", ", also said"), or `cue_start` when no comma closes there."""
    at = cue_start
    for w in reversed(words_in(text, max(floor, cue_start - 24), cue_start)[-2:]):
        low = w.group().lower()
        if low not in SPLIT_ADVERBS and not (low.endswith("ly") and len(low) > 4):
            break
        at = w.start()
    return at if at < cue_start and prev_char(text, at, floor) == "," else cue_start


CONNECTIVES = frozenset(
    {"however", "meanwhile", "too", "though", "instead", "also", "nonetheless", "moreover"}
    | {"nevertheless", "still", "similarly", "likewise", "separately", "meanwhile"}
)
"""Sentence adverbs set off by commas between a subject and its verb ("Some Democrats,
however, question ...")."""


def before_connective(
    text: str, floor: int, cue_start: int, cue_words: frozenset[str]
) -> Span | None:
    """ "Some critics, however, argue ...": the subject before a connective adverb set off
    by commas just before the cue; None when no such aside is there."""
    comma = text.rfind(",", max(floor, cue_start - 3), cue_start)
    if comma == -1 or text[comma + 1 : cue_start].strip():
        return None
    opening = text.rfind(",", max(floor, comma - 16), comma)
    if opening <= floor:
        return None
    aside = words_in(text, opening + 1, comma)
    if len(aside) != 1 or aside[0].group().lower() not in CONNECTIVES:
        return None
    return source_before(text, floor, opening, cue_words)


def before_aside_auxiliaries(
    text: str, floor: int, cue_start: int, cue_words: frozenset[str]
) -> Span | None:
    """ "Other unions, including the AFL-CIO, have also endorsed ...": the subject before
    an aside set off by commas when only auxiliaries and adverbs stand between the
    aside's closing comma and the cue; None otherwise."""
    comma = text.rfind(",", max(floor, cue_start - 40), cue_start)
    if comma == -1:
        return None
    between = words_in(text, comma + 1, cue_start)
    if (
        not between
        or text[comma + 1 : cue_start].strip(" \t\n").count(",")
        or not all(
            w.group().lower() in AUXILIARY or w.group().lower().endswith("ly") for w in between
        )
    ):
        return None
    opening = text.rfind(",", max(floor, comma - 200), comma)
    if opening <= floor or len(words_in(text, opening, comma)) > ASIDE_WORDS:
        return None
    return source_before(text, floor, opening, cue_words)
