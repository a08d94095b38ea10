"""What lengthens or shortens a candidate name at its edges, read from the text around it.

Invariant: pure functions of the text and offsets given; each returns where the name
should start or end instead (or whether it takes its neighbour), never a name of its
own. Used by `scan` only: a lower-case lead ("wikiHow"), an edition's year or ordinal
("2017 Brit Awards"), a hyphenated given name's lower-case syllable ("Chan Wing-kei"),
a regnal numeral ("Norton I,").
"""

from __future__ import annotations

import re

from reader.analysis.wordlists import word_list

_CAMEL = re.compile(r"[a-z]{1,4}[A-Z][a-z]{2,}[A-Za-z0-9]*(?![\w'’-])")
"""A name written with a lower-case lead before its capital ("wikiHow", "eBay", "iPhone"):
a brand's spelling. "mRNA" and "kWh" are common nouns and units: too few letters after
the capital."""
_CAMEL_REACH = 4
"""The longest lower-case lead of `_CAMEL`."""
_CAMEL_BEFORE = frozenset("/.@#_-'’")
"""What may not stand before a camel-case name: a path's or address's part, a handle."""


def camel(text: str, at: int, floor: int) -> re.Match[str] | None:
    """A camel-case name (`_CAMEL`) whose capital is at `at`, begun after `floor`."""
    begin = at
    while begin > floor and at - begin < _CAMEL_REACH and text[begin - 1].islower():
        begin -= 1
    if begin == at or (
        begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in _CAMEL_BEFORE)
    ):
        return None
    return _CAMEL.match(text, begin)


_EDITION = re.compile(r"(?<![\w.,-])(?:1[89]\d\d|20\d\d|\d{1,3}(?:st|nd|rd|th))[ \t]\Z")
"""A year or an ordinal just before an event's name: its edition, part of the name."""


_RECURRING = frozenset(
    {"Award", "Awards", "Cup", "Festival", "Games", "Olympics", "Paralympics", "Olympiad"}
    | {"Championship", "Championships", "Open", "Classic", "Prix", "Tournament", "Summit"}
    | {"Marathon", "Expo", "Derby", "Conference", "Show", "Series", "Prize", "Congress"}
)
"""Heads of events held again and again, whose year or ordinal names one of them ("2017
Brit Awards"). A war's, a law's or a treaty's year only dates it ("the 1991 Gulf War")."""


EDITION_ENDS = frozenset("0123456789tdh")
"""The last characters of a year or an ordinal ("2017", "33rd"): most names follow a word
ending otherwise, so a set lookup skips `edition` for them."""


def edition(text: str, start: int, name: str) -> int | None:
    """Where the year or ordinal that names an edition starts, just before `name` at
    `start` ("2017 Brit Awards", "the 33rd Berlin Film Festival"), or None: `name` must
    end in the head word of a recurring event (`_RECURRING`)."""
    if start < 3 or text[start - 1] != " ":
        return None
    if name.rsplit(" ", 1)[-1] not in _RECURRING:
        return None
    found = _EDITION.search(text, max(0, start - 6), start)
    return found.start() if found is not None else None


_LOWER_SYLLABLE = re.compile(
    r"-(?:[b-df-hj-np-tv-z]{1,2})?[aeiouy]{1,3}(?:ng|[nkmplt])?(?![\w'’-])"
)
"""The lower-case second syllable of a hyphenated given name ("-kei" of "Wing-kei", "-in",
"-ling"): one syllable, an onset, vowels and at most a nasal or stop ("-based", "-area",
"-led" are English words joined to a name, not syllables of it)."""


def given_syllable(text: str, surface: str, end: int) -> int | None:
    """Where a name ends that goes on in a hyphenated given name whose second syllable is
    written in lower case ("Chan Wing-kei", "Moon Jae-in"): after a family name, a short
    capitalised syllable, a hyphen and one lower-case syllable (`_LOWER_SYLLABLE`).
    None when it does not."""
    if end >= len(text) or text[end] != "-" or " " not in surface:
        return None
    last = surface.rsplit(" ", 1)[1]
    tail = _LOWER_SYLLABLE.match(text, end)
    if tail is None or not 2 <= len(last) <= 5 or not last[1:].islower():
        return None
    return tail.end()


_NUMERAL_AFTER = frozenset(",.;:)\"”’'\n")
"""What may follow a name's regnal numeral: punctuation or the end of a line."""


def regnal_numeral(text: str, surface: str, end: int) -> bool:
    """Whether a run ends in a one-letter regnal numeral that belongs to the name ("Aleksei
    I,", "Henry V."): "I", "V" or "X" after a name and before punctuation, not before a
    word ("as Norton I think" keeps its pronoun out)."""
    if len(surface) < 4 or surface[-2] != " " or surface[-1] not in "IVX":
        return False
    before = surface[:-2].rsplit(" ", 1)[-1]
    if before in word_list("org_words.txt") or before in word_list("other_words.txt"):
        return False  # "World Group I": a division, not a monarch
    return end >= len(text) or text[end] in _NUMERAL_AFTER
