"""Candidate name mentions: one regex pass over the text, then cheap trimming.

Invariant: every `Mention` is a half-open span of the scanned text whose
slice is the bare name: no leading title, role, nationality or sentence
opener, no possessive "'s", no surrounding whitespace. Whether a mention is
kept, and as what, is decided later (`entities`), from the flags set here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from reader.analysis.headlines import Headlines, headline_spans
from reader.analysis.lexicon import (
    first_names,
    gazetteer,
    name_key,
    nationalities,
    titles,
    word_set,
)

UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LET = r"[^\W\d_]"
_DOTTED = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Maj|Rev|St|Jr|Sr|Mt|Ft)\."
_PREFIX = r"(?:(?:al|el|as|ad|ar|an|at|az|ash|ul|bin|abu|ibn)-)?(?:Mc|Mac|O'|O’|D'|D’)?"
_INFIX = r"(?:ur|ul|ud|us|al|el|ad|as|bin|de|du|la|le|sur|sous|en|on|upon|am|im|an)"
TOKEN = (
    rf"(?:(?:[{UP}]\.){{2,}}|[{UP}]+&[{UP}]+|{_DOTTED}|[{UP}]\.(?=[ \t]+[{UP}])"
    rf"|{_PREFIX}[{UP}](?:{LET}|['’][{UP}])*(?:-(?:{_INFIX}-)?[{UP}]{LET}*)*)"
)
_PARTICLES = r"de|di|du|da|van|von|der|den|del|della|la|le|dos|das|ter|bin|ibn|bint|y"
CONNECTOR = rf"[ \t]+(?:(?:{_PARTICLES}|of|the|and|for|&)[ \t]+){{0,2}}"
CANDIDATE = re.compile(rf"(?<![\w'’-]){TOKEN}(?:{CONNECTOR}{TOKEN})*")
_WORD = re.compile(r"\S+")
_ADJECTIVES = frozenset({"Democratic", "Conservative", "Liberal", "Federal", "National", "Eastern"})
"""Adjectives that name nothing alone, though they start names ("Democratic Party")."""
_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")
"""Party and state labels as in "(D-Va.)": the letter and hyphen are no part of a name."""
_TRAILING = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "July",
        "September",
        "October",
        "November",
        "December",
        "A",
        "B",
        "C",
        "D",
        "E",
        "F",
        "G",
        "H",
        "I",
        "J",
        "K",
        "L",
        "M",
        "N",
        "O",
        "P",
        "Q",
        "R",
        "S",
        "T",
        "U",
        "V",
        "W",
        "X",
        "Y",
        "Z",
    ]
)
"""Words that end a run of capitals without being part of the name before them."""
_DOTTED_TITLE = re.compile(_DOTTED)
_GENERIC_HEADS = frozenset(
    [
        "Inc",
        "Corp",
        "Co",
        "Ltd",
        "LLC",
        "Plc",
        "PLC",
        "League",
        "Party",
        "Union",
        "Group",
        "Company",
        "Department",
        "Ministry",
        "Committee",
        "Council",
        "Commission",
        "Agency",
        "Association",
        "Federation",
        "Board",
        "Bureau",
        "Office",
        "Division",
        "Cup",
    ]
)
"""Head words that alone name nothing in particular ("the League", "the Party")."""
_JOINERS = frozenset({"of", "the", "and", "for", "&"})
_OPENS_BEFORE = re.compile(r"(?:\A|\n|[.!?][\"'”’)\]]*[ \t]+|[\"“‘][ \t]*)[\s\"'“‘(\[*#>•–—-]*\Z")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")

TITLE = 1
"""A title or role was stripped from the front: the name is a person's."""
INITIAL = 2
"""The first word opens a sentence or quote: its capital proves nothing."""
CAPS = 4
"""All-caps or heading text: only names known from elsewhere count."""
STRIPPED = 8
"""A sentence opener, nationality or title was removed from the front."""
PREFIX = 16
"""Words before a title ("U.S." in "U.S. President Bill Clinton"): kept only if known."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One candidate name as a span of the text, with what was seen around it."""

    start: int
    """First character of the name."""
    end: int
    """Just past the name."""
    flags: int
    """Bit set of TITLE, INITIAL, CAPS, STRIPPED."""


@dataclass(frozen=True, slots=True)
class Scan:
    """Everything one pass over the text yields for grouping."""

    mentions: tuple[Mention, ...]
    """Candidate mentions in text order."""
    lower_words: frozenset[str]
    """Words the text writes in lower case (so a capital there is no evidence)."""


def _phrase_len(words: list[str], i: int, table: frozenset[str]) -> int:
    """How many words from `words[i]` form an entry of `table` (longest, 0 if none)."""
    for n in (3, 2, 1):
        if i + n <= len(words) and " ".join(words[i : i + n]).casefold() in table:
            return n
    return 0


def _segments(words: list[str]) -> list[tuple[int, int]]:
    """Split a candidate's words at joiners that do not bind two names into one."""
    heads = _heads()
    cuts: list[tuple[int, int]] = []
    begin = 0
    for i, word in enumerate(words):
        if word not in _JOINERS:
            continue
        binds = word != "and" and i > begin and words[i - 1] in heads
        binds = binds or " ".join(words[i - 1 : i + 2]).casefold() in titles()
        if word == "&" or binds or (word == "the" and i > 0 and words[i - 1] == "of"):
            continue
        if i > begin:
            cuts.append((begin, i))
        begin = i + 1
    if begin < len(words):
        cuts.append((begin, len(words)))
    return [(a, b) for a, b in cuts if words[b - 1] not in _JOINERS]


def is_demonym(word: str) -> bool:
    """Whether `word` names a nationality or its people ("Russian", "Russians")."""
    return word in nationalities() or (word[-1:] == "s" and word[:-1] in nationalities())


@cache
def _heads() -> frozenset[str]:
    """Head words that make a name an organisation, place or other thing."""
    return word_set("org_words.txt") | word_set("place_words.txt") | word_set("other_words.txt")


@cache
def _org_heads() -> frozenset[str]:
    """Head words of organisations and other things: "General Motors" has no title."""
    return word_set("org_words.txt") | word_set("other_words.txt")


def _is_title(words: list[str], i: int, b: int) -> int:
    """Length of a title at `words[i]` that is followed by a name, not by a head word."""
    n = _phrase_len(words, i, titles())
    if not n or i + n >= b or words[b - 1] in _org_heads():
        return 0
    return n


def _trim(words: list[str], a: int, b: int) -> list[tuple[int, int, int]]:
    """Drop openers, titles and nationalities; split "U.S. President Bill Clinton".

    Returns (first word, end word, flags) for each name left in `words[a:b]`.
    """
    stop = word_set("stopwords_caps.txt")
    flags = 0
    while a < b:
        n = _is_title(words, a, b)
        if n:
            flags |= TITLE | STRIPPED
            a += n
        elif words[a] in stop:
            flags = (flags | STRIPPED) & ~TITLE
            a += 1
        elif is_demonym(words[a]) and a + 1 < b and words[a + 1] not in _heads():
            flags |= STRIPPED
            a += 1
        else:
            break
    while b > a + 1 and (words[b - 1] in _TRAILING or _DOTTED_TITLE.fullmatch(words[b - 1])):
        b -= 1
    for j in range(a + 1, b - 1):
        n = _is_title(words, j, b)
        if n:
            rest = _trim(words, j + n, b)
            rest = [(x, y, f | TITLE | STRIPPED) for x, y, f in rest]
            return [(a, j, flags | PREFIX), *rest]
    if b - a == 1 and (
        is_demonym(words[a])
        or words[a] in stop
        or words[a] in _ADJECTIVES
        or words[a] in _GENERIC_HEADS
    ):
        return []
    if a < b and _phrase_len(words, a, titles()) == b - a:
        return []
    return [(a, b, flags)] if a < b else []


@cache
def parse_candidate(surface: str) -> tuple[tuple[int, int, int], ...]:
    """The names inside one candidate string, as (start, end, flags) offsets into it."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(surface)]
    words = [surface[s:e] for s, e in spans]
    if words and _PARTY_STATE.match(words[0]):
        spans[0] = (spans[0][0] + 2, spans[0][1])
        words[0] = words[0][2:]
    out = []
    for a, b in _segments(words):
        for la, lb, after_loud in _loudness_runs(words, a, b):
            for ta, tb, flags in _trim(words, la, lb):
                out.append((spans[ta][0], spans[tb - 1][1], flags | after_loud))
    return tuple(out)


def _loud(word: str) -> bool:
    """An all-caps word too long for an acronym: a subhead or a shout."""
    return word.isupper() and len(word) >= 5


def _loudness_runs(words: list[str], a: int, b: int) -> list[tuple[int, int, int]]:
    """Split "A QUARTER Let" where all-caps words meet ordinary ones.

    Words right after a loud run open a sentence (a subhead runs into its
    paragraph), so they get the INITIAL flag.
    """
    runs, start = [], a
    for i in range(a + 1, b):
        prev, word = words[i - 1], words[i]
        if (_loud(prev) and not word.isupper()) or (_loud(word) and not prev.isupper()):
            runs.append((start, i, INITIAL if start > a and _loud(words[start - 1]) else 0))
            start = i
    runs.append((start, b, INITIAL if start > a and _loud(words[start - 1]) else 0))
    return runs


def scan(
    text: str,
    sentence_starts: frozenset[int] = frozenset(),
    headings: tuple[tuple[int, int], ...] = (),
    progress: Callable[[float], None] | None = None,
) -> Scan:
    """Find every candidate name in `text` in one pass.

    Args:
        text: The text to scan.
        sentence_starts: Offsets where sentences start (a cheap look-back finds the rest).
        headings: Spans of heading text, treated like all-caps lines and headlines.
        progress: Called with the fraction of the text scanned, now and then.
    """
    initial = set(sentence_starts)
    headlines = Headlines(headline_spans(text, headings))
    return Scan(
        mentions=tuple(_mentions(text, initial, headlines, progress)),
        lower_words=frozenset(_LOWER_WORD.findall(text)),
    )


def _mentions(
    text: str,
    initial: set[int],
    headlines: Headlines,
    progress: Callable[[float], None] | None,
) -> Iterator[Mention]:
    """Yield trimmed mentions for every candidate match."""
    size = max(len(text), 1)
    for count, m in enumerate(CANDIDATE.finditer(text)):
        if progress is not None and count % 4096 == 0:
            progress(m.start() / size)
        start, end = m.start(), m.end()
        surface = m.group()
        if end < len(text) and text[end] == "-" and name_key(surface) not in gazetteer():
            cut = surface.rfind(" ")
            if cut < 0:
                continue
            surface = surface[:cut]
        caps = CAPS if start in headlines else 0
        for s, e, flags in parse_candidate(surface):
            first = not flags & STRIPPED and _opens(text, start + s, initial)
            shout = not caps and _shouted(surface[s:e])
            yield Mention(start + s, start + e, flags | caps | shout | (INITIAL if first else 0))


def _opens(text: str, pos: int, starts: set[int]) -> bool:
    """Whether `pos` opens a sentence, a line or a quotation."""
    return pos in starts or _OPENS_BEFORE.search(text, max(0, pos - 12), pos) is not None


def _shouted(name: str) -> int:
    """CAPS for all-caps words in running text that are not a short acronym."""
    if not name.isupper():
        return 0
    return CAPS if " " in name or len(name) - name.count(".") >= 5 else 0


def is_given_name(word: str) -> bool:
    """Whether `word` is a common given name."""
    return word in first_names()
