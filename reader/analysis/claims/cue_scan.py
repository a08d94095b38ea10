"""Every cue match of a text, found without trying the cue pattern at every position.

Invariant: `cues(text, c)` returns exactly what `list(c.cue_re.finditer(text))` does
(the same spans, groups and match objects' pattern), only faster: `cue_re` starts with
a look-behind, so the regex engine runs it at each of a book's three million
positions. Instead `Cues.cue_scan`, the same phrases without `IGNORECASE`, runs on
the lower-cased text; it starts with one character class (the character before a
word), which the engine skips to in a tight loop, and it only looks ahead, so it
reports every candidate start and consumes none of the phrase. `cue_re` itself then
decides at each candidate, left to right, past the end of the match before, as
`finditer` does.

Why nothing is missed: a cue starts after a non-word character (or at the start) and
each of its letters matches a pattern letter case-insensitively. `str.lower` maps
every character that `re.IGNORECASE` matches to an ASCII letter onto that letter,
except U+0131 (dotless i) and U+017F (long s), replaced here, and U+0130, whose
lower case is two characters (any text whose lower case changes length takes the
plain scan); no character whose lower case is an ASCII letter, digit or "_" is a
non-word character, so `[^a-z0-9_]` on the lower case admits every real boundary.
`tests/unit/test_fast_scans.py` checks both facts over every code point.
"""

from __future__ import annotations

import re

from reader.analysis.claims.cues import Cues

FOLDS = (("\u0131", "i"), ("\u017f", "s"))
"""Characters `re.IGNORECASE` matches to an ASCII letter that `str.lower` keeps."""


def folded(text: str) -> str | None:
    """`text` lower-cased with `FOLDS` applied, or None when that changes its length."""
    low = text.lower()
    if len(low) != len(text):
        return None
    for odd, letter in FOLDS:
        if odd in low:
            low = low.replace(odd, letter)
    return low


def cues(text: str, c: Cues) -> list[re.Match[str]]:
    """`list(c.cue_re.finditer(text))`, found from `c.cue_scan`'s candidates."""
    low = folded(text)
    if low is None:
        return list(c.cue_re.finditer(text))
    match = c.cue_re.match
    out: list[re.Match[str]] = []
    end = 0
    found = match(text, 0)
    if found is not None:
        out.append(found)
        end = found.end()
    for candidate in c.cue_scan.finditer(low):
        start = candidate.end()
        if start >= end:
            found = match(text, start)
            if found is not None:
                out.append(found)
                end = found.end()
    return out
