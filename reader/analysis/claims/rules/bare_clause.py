"""A weak cue of belief or knowledge before a clause with no "that": "she thought the
plan was sound", "he hoped the talks would resume", "we know the vote is close".

English drops the complementizer after verbs of thinking, hoping and knowing; what
follows is still their claim when a subject (a pronoun, at most `SUBJECT_WORDS` words
opened by a determiner or a name, or `BARE_NOUN_WORDS` other words: "electric
utilities") is followed by a finite verb (an
auxiliary or modal: "is", "would", "had") with no punctuation between. A noun object
alone ("thought the world of him", "knew the area well", "feared the worst") has no
such verb and stays no claim. Invariant: this reads only the words after one cue.
"""

from __future__ import annotations

import re

from reader.analysis.claims.phrases import FINITE, first_words
from reader.analysis.wordlists import word_group

CLAUSE_CUES = frozenset({"think", "hope", "fear", "suspect", "know"})
"""Weak cues whose content may be a bare clause (lemmas of `reporting_verbs.txt`)."""
SUBJECT_WORDS = 7
"""Most words of the clause's subject before its verb ("an undergraduate degree from a
state university will cost ...")."""
BARE_NOUN_WORDS = 3
"""Most words of a subject with no determiner ("electric utilities", "most voters")."""
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it", "there"})
SUBJECT_OPENERS = word_group("determiners") | {
    "these", "those", "this", "their", "its", "our", "my", "your", "most", "every",
    "no", "all", "both", "such", "another", "each",
}  # fmt: skip
"""Words that open a noun phrase, the subject of a clause ("the plan", "most voters")."""
NOT_AFTER = frozenset({"so", "not", "of", "about", "that"})
"""Words after the cue that make another shape ("think so", "thought of", "that ...")."""
_PUNCTUATION = re.compile(r"[^\s\w'\u2019.-]")
"""Anything between two words but spaces, apostrophes, hyphens and initials' dots."""


def clause_follows(text: str, cue_end: int, limit: int) -> bool:
    """True when a subject and a finite verb follow the cue, with no punctuation between.

    Args:
        text: The document text.
        cue_end: Where the cue word ends.
        limit: Where the unit ends: the clause must start before it.
    """
    words = first_words(text, cue_end, limit, SUBJECT_WORDS + 1)
    if len(words) < 2:
        return False
    first = words[0].group()
    low = first.lower()
    if low in NOT_AFTER or low in FINITE:
        return False
    if low in SUBJECT_PRONOUNS:
        words = words[:2]  # "he would", never "he left town because it was"
    elif not (low in SUBJECT_OPENERS or first[0].isupper()):
        words = words[: BARE_NOUN_WORDS + 1]  # "hoped electric utilities would ..."
    for w in words[1:]:
        if _PUNCTUATION.search(text, cue_end, w.start()):
            return False
        if w.group().lower() in FINITE or w.group().lower().endswith(("n't", "n\u2019t")):
            return True
    return False


def is_filler(text: str, cue_start: int, cue_end: int) -> bool:
    """True for "you know" set off by punctuation ("Well, you know, ...", "..., you
    know."): a discourse marker of speech, not a claim of knowing."""
    if text[cue_start:cue_end].lower() != "know":
        return False
    before = max(0, cue_start - 12)  # ", you " and its spaces
    if not _YOU.search(text, before, cue_start):
        return False
    return bool(
        _AFTER_FILLER.match(text, cue_end) or _BEFORE_FILLER.search(text, before, cue_start)
    )


_YOU = re.compile(r"(?<!\w)you\s+$", re.IGNORECASE)
_AFTER_FILLER = re.compile(r"\s*[,.;?!\u2014-]")
_BEFORE_FILLER = re.compile(r",\s*you\s+$", re.IGNORECASE)
