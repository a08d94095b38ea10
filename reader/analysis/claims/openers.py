"""The name closing a sentence's opening phrase when no comma ends it ("In a meeting
with the board Lee said ...", "On Monday Ann Lee said ...").

Invariant: pure functions over a list of word matches; they return a tail of that list
(possibly empty), never a span outside it.
"""

from __future__ import annotations

import re

from reader.analysis.wordlists import word_group

CAPITAL_PREPOSITIONS = frozenset({"In", "On", "At", "During", "After", "Before", "Since"})
"""Prepositions opening a sentence: a phrase starting so is no subject itself."""
NAME_JOINERS = frozenset({"of", "for", "and", "the", "de", "van", "von"})
"""Lower-case words inside a name ("Ministry of Defence", "Bank of the West")."""
TIME_WORDS = word_group("time_words")


def name_after_opener(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The name closing an opening phrase with no comma ("In a meeting with the board
    Lee", "On Monday Lee"): its capitalised words after the last lower-case one that is
    no joiner between capitals ("Ministry of Defence"), or after a time."""
    i = len(words)
    while i > 1 and (words[i - 1].group()[0].isupper() or _joiner(words, i - 1)):
        i -= 1
    if i == 1 and len(words) > 2 and words[1].group().lower() in TIME_WORDS:
        i = 2  # "On Monday Lee"
    return words[i:] if 2 <= i < len(words) and words[i].group()[0].isupper() else []


def _joiner(words: list[re.Match[str]], i: int) -> bool:
    """True for "of" in "Ministry of Defence": a name's lower-case word between capitals."""
    return words[i].group() in NAME_JOINERS and words[i - 1].group()[0].isupper()
