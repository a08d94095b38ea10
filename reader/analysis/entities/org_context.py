"""What the words around a name say about it being an organisation: "shares in X", "the
consumer magazine X", "X's chief executive", "X, the dredging group", "X, which is based
in ...".

Invariant: these only read the text around one mention and answer yes or no; what a
yes weighs is `kind.decide_kind`'s business (`Evidence.org`).
"""

from __future__ import annotations

import re

_ORG_NOUNS = (
    r"(?:company|firm|group|carrier|airline|bank|agency|newspaper|broadcaster|publisher|maker"
    r"|manufacturer|retailer|insurer|operator|charity|party|club|team|union|ministry|regulator"
    r"|magazine|watchdog|foundation|association|consortium|conglomerate|startup|supplier)"
)
_ORG_BEFORE = re.compile(
    r"\b(?:(?:shares|stakes?|subsidiary|units?|stock)[ \t]+(?:in|of)"
    rf"|the[ \t]+(?:[\w-]+[ \t]+){{0,2}}{_ORG_NOUNS})(?:[ \t]+|[ \t]*\n[ \t]*)\Z",
    re.IGNORECASE,
)
"""Before a name, what makes it an organisation: "shares in", "the consumer magazine",
"the Dutch dredging group" (a text wrapped by hand may break the line before the name)."""
_ORG_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:shares|stock|spokes(?:man|woman|person)|chief executive|board"
    r"|(?:co-)?founders?|website|headquarters|employees|subscribers)\b"
    rf"|,[ \t]+(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){{0,2}}?{_ORG_NOUNS}\b(?![ \t]+of\b)"
    r"|,[ \t]+whose[ \t]+(?:chairman|chairwoman|chief|founder|owner|owners|shares|board)\b"
    r"|,[ \t]+which[ \t]+(?:is|was)[ \t]+(?:based|headquartered|founded)\b"
)
ACRONYM = re.compile(r"[A-Z]{2,5}")
"""An acronym: as a possessor ("MTV's series", "NATO's troops") an organisation."""
_ORG_BEFORE_ENDS = frozenset("nf") | {noun[-1] for noun in re.findall(r"\w+", _ORG_NOUNS)}
"""The last letters of what `_ORG_BEFORE` wants before its blanks: "in", "of" and the
`_ORG_NOUNS` ("company", "firm", "group", ...)."""

_ORG_BEFORE_LAST = frozenset({"in", "of", *re.findall(r"\w+", _ORG_NOUNS)})
"""The words `_ORG_BEFORE` can end with, a blank before each: an ASCII word just before the
blanks that is none of them (most of the names that pass `_ORG_BEFORE_ENDS`) rules the
pattern out without running it. Other words still run it: with `IGNORECASE`, "ı" matches
"i" (and "K", the Kelvin sign, "k"), which `str.lower` keeps apart."""

ORG_BEFORE_REACH = 40
"""How far before a name `_ORG_BEFORE` looks ("the Dutch dredging group ")."""


def org_before(text: str, start: int) -> bool:
    """`_ORG_BEFORE` searched in the `ORG_BEFORE_REACH` characters before `start`, run
    only when the window ends in blanks after one of the letters it could end with
    (`_ORG_BEFORE_ENDS`; about half the names of a book are not) and the word there can
    end it (`_ORG_BEFORE_LAST`)."""
    floor = max(0, start - ORG_BEFORE_REACH)
    at = start
    while at > floor and text[at - 1] in " \t\n":
        at -= 1
    if at in (start, floor) or text[at - 1].lower() not in _ORG_BEFORE_ENDS:
        return False
    lead = at - 1
    while lead > floor and text[lead - 1] not in " \t\n":
        lead -= 1
    word = text[lead:at]
    if word.isascii() and (lead == floor or word.lower() not in _ORG_BEFORE_LAST):
        return False
    return _ORG_BEFORE.search(text, floor, start) is not None


def org_after(text: str, end: int) -> bool:
    """True when the words after a name at `end` make it an organisation (`_ORG_AFTER`)."""
    return _ORG_AFTER.match(text, end) is not None
