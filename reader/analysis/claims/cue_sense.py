"""Is this cue word a reporting verb here, or a noun, a name or markup?

Invariant: these tests only read the text around one cue match and never
build an attribution; a False from `is_reporting_verb` means the match is
skipped.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import next_char
from reader.analysis.claims.cues import Cues
from reader.analysis.claims.phrases import first_word, words_in
from reader.analysis.wordlists import word_group
from reader.span import Span

PRONOUN_SUBJECTS = word_group("pronoun_subjects")
NOUNS = word_group("nouns")
"""Cue forms that are nouns too ("a call", "the report")."""
NOUN_FOLLOWERS = word_group("noun_followers")
PASSIVE = word_group("passive")
NOUN_BEFORE = word_group("noun_before")
ARTICLES = frozenset({"a", "an", "the", "his", "her", "its", "their", "my", "our", "your"})
NOT_NOUNS = word_group("finite") | {"to", "and", "or", "but", "not", "please", "never"}
"""Words before a bare cue that make it a verb: an infinitive, a modal, a coordination."""
PLURAL_NOUNS = frozenset({"people", "police", "men", "women", "children", "public", "staff"})
"""Plurals without an "s": "the people want" is a verb."""
REDUCED_PASSIVES = frozenset({"accused", "suspected"})
"""Participles whose "of" shows a passive with no auxiliary ("Trader accused of fraud")."""
BETWEEN = 2
"""Adverbs allowed between a passive auxiliary and its verb."""
NEAR = 20
"""Characters before a cue whose words tell a verb from a noun ("the report")."""


def words_near(text: str, floor: int, cue_start: int) -> list[re.Match[str]]:
    """The words of the `NEAR` characters before a cue (not before `floor`): the window
    `is_reporting_verb` and `reporting_verb.verb_attribution` read, so one cue reads it
    once."""
    return words_in(text, max(floor, cue_start - NEAR), cue_start)


def is_reporting_verb(
    text: str, unit: Span, m: re.Match[str], cues: Cues, near: list[re.Match[str]] | None = None
) -> bool:
    """True unless the cue at `m` is markup, a name, a noun ("the report") or passive.

    `near`, when given, is `words_near(text, unit[0], m.start())`."""
    start, end = unit
    at, stop = m.span()
    word = m.group()
    mark = text[at - 1 : at]
    if mark in ("<", "/"):
        return False  # markup ("<tweet")
    if mark == "-" or text[stop : stop + 1] == "-":
        return False  # part of a compound: "so-called", "self-described", "tweet-id"
    if word[0].isupper() and not _mostly_capitalised(text, unit):
        return False  # a capitalised name ("Said"), unless in a headline ("Obama Says ...")
    low = word.lower()
    info = cues.verbs[low]
    lemma = info.lemma
    if lemma == "report" and _credit_line(text, m, end):
        return False
    prev = words_near(text, start, at) if near is None else near
    progressive = word.endswith("ing")  # "is calling for" is active, "is said" is not
    before = prev[-1].group().lower() if prev else ""
    infinitive = before == "to" and low == lemma and lemma not in NOUNS
    if (before in NOUN_BEFORE and not infinitive) or _possessive(before):
        return False  # "to the report", "the plan"; not "refused to discuss"
    if not progressive and passive_auxiliary(text, start, at, prev) is not None:
        return False
    if _reduced_passive(text, unit, m):
        return False  # "Trader accused of fraud", "a man suspected of theft said"
    bare = low == lemma and lemma in NOUNS
    if bare and _in_noun_phrase(text, start, at):
        return False
    noun_like = low == lemma or low == lemma + "s"
    if noun_like and lemma in NOUNS and before.endswith("ed") and before not in NOT_NOUNS:
        return False  # "hired advocates", "dropped plans": a past verb's object
    return not (
        noun_like and (_next_is_cue(text, stop, end, cues) or _reads_as_noun(text, prev, m, end))
    )


def _credit_line(text: str, m: re.Match[str], end: int) -> bool:
    """ "Additional reporting by Ann Lee", "Lee reported from Kabul": a credit or a
    dateline, not a report of something."""
    if m.group().lower() not in ("reporting", "reported"):
        return False
    nxt = first_word(text, m.end(), min(end, m.end() + 12))
    return (
        nxt is not None
        and nxt.group().lower() in ("by", "from")
        and (m.group().lower() == "reporting" or nxt.group().lower() == "from")
    )


def _in_noun_phrase(text: str, floor: int, cue_start: int) -> bool:
    """ "a government plan", "the McKinley plan", "his grand plan": a bare form that is a
    noun too (`NOUNS`), after an article or possessive and a singular word, is a noun; a
    verb there would agree ("the senator plans"), and after a plural it is one ("the
    voters plan")."""
    prev = words_in(text, max(floor, cue_start - 40), cue_start)[-3:]
    if len(prev) < 2 or text[prev[-1].end() : cue_start].strip():
        return False
    last = prev[-1].group().lower()
    if last in PRONOUN_SUBJECTS or last in PLURAL_NOUNS or last in NOT_NOUNS:
        return False  # "the voters want", "a desire to show", "they would call"
    if last.endswith(("s", "ly")):
        return False
    return any(w.group().lower() in ARTICLES for w in prev[:-1])


def _mostly_capitalised(text: str, unit: Span) -> bool:
    """True for a headline: most of its (three or more) words capitalised (a looser test
    than `entities.headlines`, which also wants ordinary words among the capitals)."""
    words = words_in(text, unit[0], min(unit[1], unit[0] + 300))
    capitals = sum(1 for w in words if w.group()[0].isupper())
    return len(words) >= 3 and capitals >= 0.7 * len(words)


def _possessive(word: str) -> bool:
    """True for "Reed's" or "officials'": the cue after it is a noun ("Reed's report")."""
    return word.endswith(("'s", "\u2019s", "s'"))


def _reads_as_noun(text: str, prev: list[re.Match[str]], m: re.Match[str], end: int) -> bool:
    """ "a telephone call in April", "the full report is": a noun, not a cue.

    The word before is no subject (not a name, pronoun, plural or adverb) and the
    word after is a preposition or a verb rather than the start of what is said.
    """
    if m.group().lower().rstrip("s") not in NOUNS:
        return False
    before = prev[-1].group() if prev else ""
    if before[:1].isupper() or before.lower() in PRONOUN_SUBJECTS:
        return False
    if before.endswith(("s", "ly")):
        return False
    nxt = first_word(text, m.end(), min(end, m.end() + 30))
    after = next_char(text, m.end(), end)
    if nxt is None or after in ",.;:!?)":
        return True
    return nxt.group().lower() in NOUN_FOLLOWERS


def _next_is_cue(text: str, pos: int, end: int, cues: Cues) -> bool:
    """True when the next word is a cue too ("the report stated"): this one is a noun."""
    nxt = first_word(text, pos, min(end, pos + 30))
    return nxt is not None and nxt.group().lower() in cues.verbs


def headline_passive(text: str, unit: Span, m: re.Match[str]) -> bool:
    """ "Cocoa trader accused of mislabelling beans": a headline's passive, its "is"
    dropped; "accused of" with no object between is never active. Only in a unit with no
    closing stop, a headline: in a sentence it is a reduced relative ("a trader accused
    of fraud said ...") inside some other claim's subject."""
    return text[unit[1] - 1] not in '.!?"\u201d' and _reduced_passive(text, unit, m)


def _reduced_passive(text: str, unit: Span, m: re.Match[str]) -> bool:
    """ "accused of", "suspected of" with no object between: a passive, never active."""
    if m.group().lower() not in REDUCED_PASSIVES:
        return False
    after = words_in(text, m.end(), min(unit[1], m.end() + 6))
    return bool(after) and after[0].group() == "of"


def passive_auxiliary(
    text: str, floor: int, cue_start: int, near: list[re.Match[str]] | None = None
) -> int | None:
    """Where the "is"/"was"/"been" before a cue starts, allowing a few adverbs between
    ("has been harshly criticized", "was first reported"); None when there is none.

    Only the last `BETWEEN + 1` words of the 40 characters before the cue are read: when
    `near` (`words_near(text, floor, cue_start)`) holds more words than that, or its
    window already starts at `floor`, its last words are those (a shorter window can only
    cut its first word), so they are not read again. The answer for the last cue asked
    is kept: three rules ask it of the same cue."""
    global _last_passive
    last = _last_passive
    if last is not None and last[0] is text and last[1] == floor and last[2] == cue_start:
        return last[3]
    if near is not None and (len(near) > BETWEEN + 1 or cue_start - NEAR <= floor):
        prev = near
    else:
        prev = words_in(text, max(floor, cue_start - 40), cue_start)
    found = None
    for w in reversed(prev[-(BETWEEN + 1) :]):
        word = w.group().lower()
        if word in PASSIVE:
            found = w.start()
            break
        if not (word.endswith("ly") or word in {"not", "also", "first", "later", "since"}):
            break
    _last_passive = (text, floor, cue_start, found)
    return found


_last_passive: tuple[str, int, int, int | None] | None = None
"""`passive_auxiliary`'s last question and answer: (text, floor, cue start, answer)."""
