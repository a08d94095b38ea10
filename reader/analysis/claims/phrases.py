"""Phrase finding around a cue: the source before or after it, and the content span.

Invariant: every function takes the full text and absolute offsets and
returns absolute `(start, end)` ranges inside the bounds it was given, with no
leading or trailing whitespace or punctuation (quote marks excepted in
content); None when there is no such phrase.
"""

from __future__ import annotations

import re
from itertools import islice

from reader.analysis.claims.attribution import QuoteIndex
from reader.analysis.claims.openers import CAPITAL_PREPOSITIONS, name_after_opener
from reader.analysis.wordlists import word_group
from reader.span import Span

MAX_SOURCE_WORDS = 9
"""Longest source phrase, in words."""

TIME_WORDS = word_group("time_words")
"""Words between a subject and its cue that belong to neither ("Reed on Tuesday said")."""
PREPOSITIONS = word_group("prepositions")
"""A phrase ending in one of these is not a subject ("began by saying")."""
SOURCE_REACH = 240
"""How far before a cue (in characters) its subject is looked for."""
AFTER_SOURCE = word_group("after_source")
"""Words after which a source phrase has ended ("a poll released Monday")."""
MAX_INVERTED_WORDS = 6
"""Longest source after an inverted cue ('said the former senator')."""
FINITE = word_group("finite")
DETERMINERS = word_group("determiners")
_WORD = re.compile(r"\w[\w'’.-]*")
_FIND_WORDS, _SEARCH_WORD = _WORD.finditer, _WORD.search
_BARRIER = re.compile(r"[,;:\[\]\u201c\u201d\"\u2014\u2013]|''|\s--?\s")
_LAST_BARRIER = re.compile(r"(?s:.*)(" + _BARRIER.pattern + ")")
"""The `_BARRIER` that starts last, tried from the right end (`finditer` through a window
tries the barrier at every position: 4-5 times slower)."""
STOP_BEFORE = word_group("stop_before")
RELATIVE = word_group("relative")
AUXILIARY = word_group("auxiliary")
PRONOUNS = word_group("pronouns")
OBJECT_WORDS = word_group("object_words")
MODIFIER_START = word_group("modifier_start")
OPENERS = word_group("openers")
CLAUSE_OPENERS = frozenset({"since", "as", "although", "though", "because", "once", "until"})
"""Adverbs that open a sentence before its subject ("Earlier, ...", "Instead, ...")."""
SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "it", "we", "they", "you"})
_SKIPPED_BEFORE_CUE = AUXILIARY | TIME_WORDS  # dropped before a cue ("Reed on Tuesday said")
_LONE_SUBJECTS = RELATIVE | SUBJECT_PRONOUNS
_RELATIVE_LEADS = RELATIVE | {"what", "that"}
_NAMELESS_STARTS = PRONOUNS | DETERMINERS
_VERBS_AFTER_NOUN = FINITE | AUXILIARY
SUBORDINATE_OPENERS = frozenset({"although", "though", "while", "whereas", "because", "if"})
"""Words opening a subordinate clause before the main one ("Although ..., it is ...")."""
OPENER_WORDS = 12
"""Longest opening phrase before a subject ("On the night of the vote, ...", "In a long
letter to the board on Monday, ...")."""
NOUN_WORDS = 3
"""Most common-noun words after a determiner in a clause subject ("the city council")."""
PERIODICALS = frozenset({"daily", "weekly", "monthly", "quarterly"})
"""Nouns for publications that look like "-ly" adverbs ("the British weekly")."""
_TRIM = " \t\n.,;:!?-\u2014\u2013"
_CONTENT_STOP = re.compile(
    r"[;,\s](?:(?<=;)\s|(?<=\s)--\s|(?<=,)\s+(?:adding|saying|noting|arguing|writing|"
    r"explaining|insisting|citing|but|and|especially|although|though|even\s+as|after|because"
    r"|since|while|as|with|[a-z]{2,}ing|despite|amid|in\s+what)\b)"
)
"""Where a content's clause ends: "; ", " -- ", or a comma before a conjunction or a
second cue (", adding"). Its first character is matched by a class and the look-behinds
tell the three apart: a pattern led by a class lets the engine skip to those
characters, where the three alternatives side by side were tried at every position."""
STOP_REACH = 2000
"""How far into a content the end of its clause is looked for."""


def strip_range(text: str, start: int, end: int, chars: str = _TRIM) -> Span | None:
    """`(start, end)` without edge whitespace and punctuation, or None if nothing is left."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return (start, end) if start < end else None


def words_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The word matches of `text[start:end]`."""
    return list(_FIND_WORDS(text, start, end))


def first_word(text: str, start: int, end: int) -> re.Match[str] | None:
    """`words_in(text, start, end)[0]`, or None when there is no word: the others unread."""
    return _SEARCH_WORD(text, start, end)


def first_words(text: str, start: int, end: int, count: int) -> list[re.Match[str]]:
    """`words_in(text, start, end)[:count]`, without reading the words after them."""
    return list(islice(_WORD.finditer(text, start, end), count))


def has_words(text: str, start: int, end: int, count: int) -> bool:
    """True when `text[start:end]` holds at least `count` words (as `words_in` cuts them)."""
    found = _FIND_WORDS(text, start, end)
    return all(next(found, None) is not None for _ in range(count))


def source_before(
    text: str, floor: int, cue_start: int, cue_words: frozenset[str] = frozenset()
) -> Span | None:
    """The subject phrase ending just before a cue ("Kremlin spokesperson Dmitry Peskov").

    Args:
        text: The document text.
        floor: Where the unit starts; the phrase never reaches before it.
        cue_start: Where the cue starts.
        cue_words: Other cue words, where the phrase stops ("said he thought").
    """
    words = _words_after_barrier(text, floor, cue_start)
    while words and words[-1].group().lower() in _SKIPPED_BEFORE_CUE:
        words.pop()
    words = _trim_adverbs(words)
    if not words or words[-1].group().lower() in PREPOSITIONS:
        return None
    if words[-1].group().lower() in _LONE_SUBJECTS:
        return words[-1].span()  # "which", "the impact it said ...": the pronoun alone
    if len(words) >= 2 and words[-2].group().lower() in _RELATIVE_LEADS:
        return words[-1].span()  # "which it described as", "what she called"
    picked: list[re.Match[str]] = []
    for w in reversed(words):
        low = w.group().lower()
        if low in STOP_BEFORE or low in cue_words or len(picked) >= MAX_SOURCE_WORDS:
            break
        picked.append(w)
    picked.reverse()
    for j in range(len(picked) - 1, 0, -1):
        if picked[j].group() in {"The", "A", "An"} and picked[j - 1].group()[0].islower():
            picked = picked[j:]  # "... the regional centers The S.E.C. said": a lost stop
            break
    if picked and picked[0].group() in CAPITAL_PREPOSITIONS and picked[-1].group()[0].isupper():
        picked = name_after_opener(picked)  # "In a meeting with the board Lee said"
    if not picked or not _can_be_subject(picked):
        return None
    end = picked[-1].end()
    if text.startswith(")", end) and "(" in text[picked[0].start() : end]:
        end += 1
    return picked[0].start(), end


def _words_after_barrier(text: str, floor: int, cue_start: int) -> list[re.Match[str]]:
    """The words of the `SOURCE_REACH` window before a cue (less one the window cuts in
    half) that start after the last `_BARRIER` among them: empty when there are none.

    Only the words after the barrier are read: a barrier ends in a character no word
    holds, so no word runs across its end and those words are the ones a reading of
    the whole window would give; except after a doubled apostrophe (a word may hold
    one), where the whole window is read and filtered.

    The barrier taken is the one starting last, where `finditer` would give the last one
    it finds: the two differ only when barriers overlap (three apostrophes, " - - "),
    and then only by characters that start no word, so the words after them agree."""
    window = max(floor, cue_start - SOURCE_REACH)
    first = _WORD.search(text, window, cue_start)
    if first is not None and window > floor and text[window - 1].isalnum():
        first = _WORD.search(text, first.end(), cue_start)  # cut in half by the window
    if first is None:
        return []
    last = _LAST_BARRIER.match(text, first.start(), cue_start)
    if last is None:
        return words_in(text, first.start(), cue_start)
    if last.group(1) == "''":
        return [w for w in words_in(text, first.start(), cue_start) if w.start() >= last.end()]
    return words_in(text, last.end(), cue_start)


LONE_ADVERBS = frozenset(
    {"even", "also", "still", "just", "then", "never", "only", "again", "now", "always"}
    | {"perhaps", "maybe", "rather", "instead", "often", "indeed", "so", "thus"}
)
"""Adverbs that are never a speaker on their own."""


def _can_be_subject(words: list[re.Match[str]]) -> bool:
    """False for what is no speaker: "On the", a lone "wrapped" or "running"."""
    first = words[0].group()
    if first.lower() in PREPOSITIONS:
        return False
    if len(words) == 1 and first.lower() in LONE_ADVERBS:
        return False  # "or even declare", "Now tell me": an adverb, its subject elsewhere
    if len(words) == 1 and first[0].islower():
        return first.lower() in PRONOUNS or not first.endswith(("ed", "ing", "ly"))
    return True


def _is_adverb(word: str) -> bool:
    """True for a lower-case "-ly" word ("joyfully", "severely.")."""
    bare = word.rstrip(".")
    return word[0].islower() and bare.endswith("ly") and bare not in PERIODICALS


def _trim_adverbs(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop trailing "-ly" adverbs ("said Pierre joyfully" -> "Pierre")."""
    while len(words) > 1 and _is_adverb(words[-1].group()):
        words = words[:-1]
    return words


def source_after(text: str, cue_end: int, limit: int, loose: bool = False) -> Span | None:
    """The subject after a cue: "said Fiona Hill, ..." or "according to federal data, ...".

    Args:
        text: The document text.
        cue_end: Where the cue ends.
        limit: Where the unit ends.
        loose: Accept any phrase up to `MAX_SOURCE_WORDS` ("according to"); otherwise
            a short name, pronoun or determined phrase only.
    """
    stop = _BARRIER.search(text, cue_end, limit)
    end = stop.start() if stop else limit
    words = words_in(text, cue_end, end)
    if not words or len(words) > (MAX_SOURCE_WORDS + 4 if loose else MAX_INVERTED_WORDS):
        return None
    first = words[0].group()
    if not loose and not first[0].isupper() and first.lower() not in _NAMELESS_STARTS:
        return None
    if not loose and any(w.group().lower() in FINITE for w in words):
        return None  # "said the race was tight": a clause, not a speaker
    words = _trim_adverbs(words)
    if loose:  # "a report by the audit office published on Tuesday": the report, by whom
        cut = next(
            (i for i, w in enumerate(words) if i >= 2 and w.group().lower() in AFTER_SOURCE), None
        )
        words = words[:cut] if cut else words
    return strip_range(text, words[0].start(), words[-1].end())


def clause_subject(text: str, start: int, end: int) -> Span | None:
    """The subject opening a clause: its leading capitalised or determined words."""
    words = words_in(text, start, min(end, start + 80))
    first = words[0].group().lower() if words else ""
    if first in OPENERS or (first.endswith("ly") and text.startswith(",", words[0].end())):
        words = words[1:]  # "Earlier, Reyes ...", "Instead they ...", "Finally, ..."
    elif first in PREPOSITIONS or first in CLAUSE_OPENERS:
        words = _past_opener(text, words)  # "On Monday they ...", "Since May, Reyes ..."
        if words and words[0].group().lower() in OPENERS and text.startswith(",", words[0].end()):
            words = words[1:]  # "On Monday, however, Reyes ..."
    if words and words[0].group().lower() in PRONOUNS:
        return words[0].span()
    taken: list[re.Match[str]] = []
    for i, w in enumerate(words[:MAX_INVERTED_WORDS]):
        if not (w.group()[0].isupper() or w.group().lower() in DETERMINERS):
            if taken and taken[-1].group().lower() in DETERMINERS:
                taken.extend(_noun_before_verb(text, words[i : i + NOUN_WORDS + 1]))
            break
        taken.append(w)
    if not taken or text[taken[-1].end() : taken[-1].end() + 1] == ",":
        return None
    return taken[0].start(), taken[-1].end()


def _noun_before_verb(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The common-noun words of a subject up to its verb ("the council" in "the council
    has met"); none unless an auxiliary or a finite verb follows within reach."""
    for i, w in enumerate(words):
        if i and text[words[i - 1].end() : w.start()].strip():
            return []  # punctuation: "a medical doctor, then ..." is an apposition
        if w.group().lower() in _VERBS_AFTER_NOUN:
            return words[:i]
    return []


def _past_opener(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after a sentence's opening phrase: past its comma ("Earlier, X"), else
    from the pronoun that follows it ("On Monday they"); none when neither is near."""
    for i, w in enumerate(words[:OPENER_WORDS]):
        if i and w.group().lower() in SUBJECT_PRONOUNS:
            return words[i:]
        if text.startswith(",", w.end()):
            return words[i + 1 :]
    return []


def skip_to_content(text: str, pos: int, limit: int, told: bool) -> int:
    """Where the content starts after a cue: past "that", a colon, modifiers or an object."""
    words = first_words(text, pos, min(limit, pos + 120), 8)  # no more are read
    gap = text[pos : words[0].start()] if words else ""
    if ":" in gap or "," in gap:
        return pos + gap.index(":" if ":" in gap else ",") + 1
    if not words:
        return pos
    first = words[0].group().lower()
    if first == "that" and not (len(words) > 1 and words[1].group().lower() in FINITE):
        return words[0].end()  # not "said that was not her view": there "that" is the subject
    skippable = told or first in MODIFIER_START
    if skippable:
        for w in words[:8]:
            if w.group().lower() == "that":
                return w.end()
            if told and "," in text[w.end() : w.end() + 2]:
                break  # "urged her to resign, arguing that ...": that "that" is not hers
        if told:
            return _after_object(text, words)
    return pos


def _after_object(text: str, words: list[re.Match[str]]) -> int:
    """After "told": skip the listener ("reporters", "Fox News") and return where content starts."""
    first = words[0].group()
    if first.lower() in OBJECT_WORDS:
        return words[0].end()
    taken = 0
    for w in words[:4]:
        if w.group()[:1].isupper():
            taken += 1
        else:
            break
    return words[taken - 1].end() if taken else words[0].start()


def content_end(text: str, begin: int, end: int, quotes: QuoteIndex | None = None) -> int:
    """Content runs to the unit end, or to where another clause takes over.

    That is a semicolon or dash, ", adding ..." where a second cue starts, or a comma
    before a conjunction ("..., but many disagree"), whichever comes first outside a
    quotation.
    """
    for m in _CONTENT_STOP.finditer(text, begin, min(end, begin + STOP_REACH)):
        if quotes is None or quotes.containing(m.start()) is None:
            return m.start()
    return end


def clause_around(text: str, at: int, unit: Span, quotes: QuoteIndex | None = None) -> Span:
    """The clause of `unit` holding offset `at`: from just after the last clause break
    before it (`content_end`'s breaks: ";", " -- ", ", but", ", although" ...) to the
    first one after it, outside quotations."""
    start, end = unit
    begin = start
    for m in _CONTENT_STOP.finditer(text, max(start, at - STOP_REACH), at):
        if quotes is None or quotes.containing(m.start()) is None:
            begin = m.end()
    stop = content_end(text, at, end, quotes)
    if begin == start:
        comma = _subordinate_end(text, start, stop)
        if comma is not None:  # "Although X is not thought to ..., it is considered ..."
            return (start, comma) if at < comma else (comma + 1, stop)
    return begin, stop


def _subordinate_end(text: str, start: int, end: int) -> int | None:
    """The comma ending a subordinate clause that opens the unit ("Although it is old,
    ..."), or None."""
    first = _WORD.search(text, start, end)
    if first is None or first.group().lower() not in SUBORDINATE_OPENERS:
        return None
    comma = text.find(",", first.end(), end)
    return comma if comma != -1 else None


def is_quote_mark(ch: str) -> bool:
    """True for a quotation mark: curly, straight, or the first of a doubled apostrophe."""
    return ch != "" and ch in "\"\u201c\u201d'\u2018"
