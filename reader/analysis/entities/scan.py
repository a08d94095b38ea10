"""Candidate name mentions: one regex pass over the text, trimmed by `candidates`.

Invariant: every `Mention` is a half-open span of the scanned text whose
slice is the bare name: no leading title, role, nationality or sentence
opener, no trailing possessive "'s" (one inside an organisation's name
stays: "People's Renewal Party"), no surrounding whitespace. Whether a
mention is kept, and as what, is decided later (`resolve`), from the flags
set here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.analysis.entities.candidates import (
    CAPS,
    DOTTED_TITLES,
    INITIAL,
    NORP,
    PREFIX,
    STATE,
    STRIPPED,
    TITLE,
    parse_candidate,
    possessive_binds,
)
from reader.analysis.entities.edges import (
    EDITION_ENDS,
    camel,
    edition,
    given_syllable,
    regnal_numeral,
)
from reader.analysis.entities.headlines import Headlines, headline_spans
from reader.analysis.entities.lexicon import common_words, gazetteer, name_key, titles
from reader.analysis.regex_cache import compiled
from reader.analysis.wordlists import word_list
from reader.span import Span

__all__ = [
    "CAPS",
    "INITIAL",
    "NORP",
    "PREFIX",
    "STATE",
    "STRIPPED",
    "TITLE",
    "Mention",
    "Scan",
    "scan",
    "titles",
]

UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LET = r"[^\W\d_]"
_PREFIX = r"(?:(?:al|el|as|ad|ar|an|at|az|ash|ul|bin|abu|ibn)-)?(?:Mc|Mac|O'|O’|D'|D’|d'|d’)?"
_INFIX = r"(?:ur|ul|ud|us|al|el|ad|as|bin|de|du|la|le|sur|sous|en|on|upon|am|im|an)"
_DIGITS = rf"(?:-?\d{{1,4}}(?:[{UP}]\d{{1,2}})?(?![\w-]))?"
"""Digits that end a name's word: "G7", "F-35", "MI6", "A380", "Covid-19", "H5N1"."""
_SUFFIX_STOP = (
    r"(?:\.(?=[,;:)]|[ \t]+[a-z0-9(,])"
    r"(?:(?<=Inc\.)|(?<=Corp\.)|(?<=Co\.)|(?<=Ltd\.)|(?<=Bros\.)|(?<=Cos\.)))?"
)
"""A company's abbreviated suffix keeps its full stop inside a sentence ("Norwest Corp.,
Ohio-based KeyCorp"), where it cannot be the sentence's own full stop. Both are tried
after a word's letters and fail at once on most words (no digit, no stop)."""
_NOT_WITH_DIGITS = re.compile(r"(?:Under|Over)-\d+|[QH][1-4]")
"""Words with digits that name nothing: an age band ("Under-21"), a quarter or half
of a year ("Q2", "H1")."""
_DESIGNATION = re.compile(r"[ \t](\d{1,3})(?!\d)(?![.,:/-]\d)(?![ \t]+\d)")
"""A number after a capitalised English word that makes it a designation ("Windows 11",
"Studio 60", "Room 401"): one to three digits, no decimal, score or list of numbers."""
TOKEN = (
    rf"(?:(?:[{UP}]\.){{2,}}|[{UP}]+&[{UP}]+|{DOTTED_TITLES}|[{UP}]\.(?=[ \t]+[{UP}])"
    rf"|{_PREFIX}[{UP}]{LET}*(?:['’][{UP}]{LET}*)*(?:-(?:{_INFIX}-)?[{UP}]{LET}*)*"
    rf"{_DIGITS}{_SUFFIX_STOP}(?:(?<=s)['’](?=[ \t]+[{UP}]))?)"
)
_PARTICLES = r"de|di|du|da|van|von|der|den|del|della|la|le|dos|das|ter|bin|ibn|bint|y"
CONNECTOR = rf"[ \t]+(?:(?:{_PARTICLES}|of|the|and|for|&)[ \t]+){{0,2}}"
_TOKEN_START = rf"(?=[{UP}]|(?:a[lsdrntz]|ash|abu|el|ul|bin|ibn)-|d['’])"
"""What every `TOKEN` starts with (a capital, or a lower-case `_PREFIX`): tested before
each word after a connector, where most are lower-case and every `TOKEN` alternative
would be tried and fail."""
CANDIDATE = compiled("candidate", rf"(?<![\w'’@#-]){TOKEN}(?:{CONNECTOR}{_TOKEN_START}{TOKEN})*")
_WRAP_CONNECTOR = rf"(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:{_PARTICLES}|of|the|and|for|&)[ \t]+){{0,2}}"
WRAPPED_CANDIDATE = compiled(
    "wrapped-candidate", rf"(?<![\w'’@#-]){TOKEN}(?:{_WRAP_CONNECTOR}{_TOKEN_START}{TOKEN})*"
)
"""For hard-wrapped text, where a name may run over a line break."""
WRAPPED_SHARE = 0.6
"""Share of 50-90 character lines above which a text counts as hard-wrapped."""
MAX_NAME_WORDS = 8
"""A longer run of capitalised words is a headline or a list, not one name."""
_OPENS_BEFORE = re.compile(r"(?:\A|\n|[.!?][\"'”’)\]]*[ \t]+|[\"“‘][ \t]*)[\s\"'“‘(\[*#>•–—-]*\Z")
_WRAPPED_OPENS_BEFORE = re.compile(
    r"(?:\A|\n[ \t]*\n|[.!?][\"'”’)\]]*\s+|[\"“‘]\s*)[\s\"'“‘(\[*#>•–—-]*\Z"
)
_POSSESSIVE_GAP = re.compile(r"['’]s[ \t]+")
"""What lies between a possessor and the name it may belong to."""
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_CAPITAL = re.compile(rf"[{UP}]")
_PREFIX_REACH = 6
"""The longest lower-case lead a candidate may have before its first capital ("ash-d'")."""
_PREFIX_ENDS = "-'’"


@dataclass(frozen=True, slots=True, init=False)
class Mention:
    """One candidate name as a span of the text, with what was seen around it."""

    start: int
    """First character of the name."""
    end: int
    """Just past the name."""
    flags: int
    """Bit set of TITLE, INITIAL, CAPS, STRIPPED, PREFIX (see `candidates`)."""

    # An `__init__` of our own (`init=False`): the compiled build sets the slots natively
    # (24 ns a mention; the one `dataclass` writes is Python, 280 ns), and plain Python
    # sets them as the dataclass's own would.
    def __init__(self, start: int, end: int, flags: int) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "flags", flags)

    def __reduce__(self) -> tuple[type[Mention], tuple[int, int, int]]:
        """Pickled by its fields (the compiled class has no argument-free constructor)."""
        return (Mention, (self.start, self.end, self.flags))


@dataclass(frozen=True, slots=True)
class Scan:
    """Everything one pass over the text yields for grouping."""

    mentions: tuple[Mention, ...]
    """Candidate mentions in text order."""
    lower_words: frozenset[str]
    """Words the text writes in lower case (so a capital there is no evidence)."""


def scan(
    text: str,
    sentence_starts: frozenset[int] = frozenset(),
    headings: tuple[Span, ...] = (),
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
    wrapped = looks_wrapped(text)
    return Scan(
        mentions=tuple(_mentions(text, initial, headlines, wrapped, progress)),
        lower_words=lower_words(text),
    )


_EDGE_MARKS = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019\u2014\u2013-"
"""Punctuation around a word (no word characters, so the word's boundaries stay)."""


def lower_words(text: str) -> frozenset[str]:
    """`frozenset(_LOWER_WORD.findall(text))`, a third faster on a book: a match never
    spans white space, which is no word character, so the words of each distinct
    white-space-separated token are the words of its occurrences; most tokens are one
    such word already, and the rest are searched one by one."""
    out: set[str] = set()
    find = _LOWER_WORD.findall
    for token in _distinct_tokens(text):
        core = token.strip(_EDGE_MARKS)  # "said," and "(them)": no word character cut off
        if core.isascii() and core.isalpha() and core.islower():
            if len(core) > 1:
                out.add(core)
        else:
            out.update(find(token))
    return frozenset(out)


def _distinct_tokens(text: str, chunk: int = 1 << 16) -> set[str]:
    """`set(text.split())`, split a line-ended chunk at a time: the chunk's strings are
    freed before the next is split, so a book's half a million tokens never stand in
    memory at once (twice as fast on War and Peace, from fewer fresh pages)."""
    tokens: set[str] = set()
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + chunk)
        end = size if end < 0 else end
        tokens.update(text[start:end].split())
        start = end
    return tokens


class _Form:
    """What one candidate surface decides wherever it stands: its parts
    (`parse_candidate`, each with whether it is all capitals), whether it is a long run
    of words, whether it may end in a regnal numeral ("Norton I")."""

    __slots__ = ("long_run", "parts", "spaced_last")

    def __init__(self, surface: str) -> None:
        self.parts = tuple(
            (s, e, flags, surface[s:e].isupper()) for s, e, flags in parse_candidate(surface)
        )
        self.long_run = surface.count(" ") >= MAX_NAME_WORDS
        self.spaced_last = surface[-2:-1] == " "


def _mentions(
    text: str,
    initial: set[int],
    headlines: Headlines,
    wrapped: bool,
    progress: Callable[[float], None] | None,
) -> Iterator[Mention]:
    """Yield trimmed mentions for every candidate match."""
    size = max(len(text), 1)
    pattern, opens = (
        (WRAPPED_CANDIDATE, _WRAPPED_OPENS_BEFORE) if wrapped else (CANDIDATE, _OPENS_BEFORE)
    )
    matches = _candidates(pattern, text)
    m = next(matches, None)
    count = 0
    forms: dict[str, _Form] = {}  # what a candidate's surface alone decides, by surface
    # The cheap first test of each helper is made here, so most candidates call none
    # of them (`_joins_possessive`, `given_syllable`, `_opens`, `_shouted`).
    opens_before = opens.search
    while m is not None:
        if progress is not None and count % 4096 == 0:
            progress(m.start() / size)
        count += 1
        start, end = m.span()
        after = next(matches, None)
        if (
            after is not None
            and text.startswith(_APOSTROPHES, end)
            and _joins_possessive(text, m, after)
        ):
            end = after.end()
            after = next(matches, None)
        surface = text[start:end]
        m = after
        if surface[-1:].isdigit() and _NOT_WITH_DIGITS.fullmatch(surface):
            continue
        hyphen = text.startswith("-", end)
        if hyphen and (syllable := given_syllable(text, surface, end)) is not None:
            end, surface = syllable, text[start:syllable]
        elif hyphen and name_key(surface) not in gazetteer():
            cut = surface.rfind(" ")
            if cut < 0:
                continue
            surface = surface[:cut]
        elif text[end + 1 : end + 2].isdigit() and (
            number := _designation(text, surface, start, end, initial, opens)
        ):
            end, surface = number, text[start:number]
        form = forms.get(surface)
        if form is None:
            form = forms[surface] = _Form(surface)
        if not form.parts:
            continue  # a sentence's "The", "He", "But": half the candidates of a book
        caps = CAPS if form.long_run or start in headlines else 0
        numeral = form.spaced_last and regnal_numeral(text, surface, start + len(surface))
        for s, e, flags, upper in form.parts:
            if numeral and e == len(surface) - 2:
                e = len(surface)  # "Norton I,", "Pope Damasus I."
                upper = surface[s:e].isupper()
            if (
                s == 0
                and text[start - 2 : start - 1] in EDITION_ENDS  # the quick test first
                and (year := edition(text, start, surface[:e])) is not None
            ):
                s = year - start  # "2017 Brit Awards", "33rd Berlin Film Festival"
                upper = surface[s:e].isupper()
            at = start + s
            first = not flags & STRIPPED and (
                at in initial
                or (
                    not (at > 1 and text[at - 1] == " " and text[at - 2].isalnum())
                    and opens_before(text, max(0, at - 12), at) is not None
                )
            )  # `_opens`; a blank after a letter or digit opens nothing (see `_opens`)
            shout = 0 if caps or not upper else _shouted(surface[s:e])
            yield Mention(at, start + e, flags | caps | shout | (INITIAL if first else 0))


def _candidates(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, about twice as fast on a book: every candidate starts at
    a capital or at most `_PREFIX_REACH` characters before one, after a lower-case lead
    ending in a hyphen or apostrophe ("al-", "d'"), so the engine's quick scan for a
    capital skips the text between, and the match is tried only there."""
    pos = 0
    capital, match = _CAPITAL.search, pattern.match
    while (found := capital(text, pos)) is not None:
        at = found.start()
        m = None
        if at > pos and text[at - 1] in _PREFIX_ENDS:
            for lead in range(max(pos, at - _PREFIX_REACH), at):
                if (m := match(text, lead)) is not None:
                    break
        if m is None:
            m = match(text, at)
        if m is None and at > pos and text[at - 1].islower():
            m = camel(text, at, pos)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end()


def _designation(
    text: str, surface: str, start: int, end: int, initial: set[int], opens: re.Pattern[str]
) -> int | None:
    """Where a designation ends that a number after one capitalised English word makes
    ("Windows 11", "Room 401"), or None: not after a sentence's first word ("After 3
    days"), a name ("Somerset 4"), nor in a run of numbers ("Kent 108-3"). The caller
    tests first that a digit follows the name's space (most names have none)."""
    if " " in surface or surface.casefold() not in common_words():
        return None
    found = _DESIGNATION.match(text, end)
    if (
        found is None
        or _opens(text, start, initial, opens)
        or surface in word_list("stopwords_caps.txt")
    ):
        return None
    return found.end()


_APOSTROPHES = ("'", "’")


def _joins_possessive(text: str, owner: re.Match[str], rest: re.Match[str]) -> bool:
    """Whether two candidates are one name across a possessive ("People's Renewal Party")."""
    end = owner.end()
    if not text.startswith(_APOSTROPHES, end) or not _POSSESSIVE_GAP.fullmatch(
        text, end, rest.start()
    ):
        return False  # the apostrophe first: most names are followed by something else
    return possessive_binds(owner.group(), rest.group())


def _opens(text: str, pos: int, starts: set[int], before: re.Pattern[str]) -> bool:
    """Whether `pos` opens a sentence, a line (unless wrapped) or a quotation.

    Neither pattern can match when one blank after a letter or digit stands before
    `pos`: what they end with (blanks, quotes, brackets, bullets, dashes) would be that
    blank alone, and each of their openings (the text's start, a line break, a stop or a
    quotation mark and blanks) would need a non-alphanumeric character before it. The
    caller (`_mentions`) skips the search there."""
    return pos in starts or before.search(text, max(0, pos - 12), pos) is not None


def looks_wrapped(text: str) -> bool:
    """Whether the text is hard-wrapped prose: most lines 50-90 characters long."""
    lines = [line for line in text[:20000].split("\n") if line.strip()]
    typical = sum(50 <= len(line) <= 90 for line in lines)
    return len(lines) >= 10 and typical >= WRAPPED_SHARE * len(lines)


def _shouted(name: str) -> int:
    """CAPS for all-caps words in running text that are not a short acronym."""
    if not name.isupper():
        return 0
    word = name.casefold() in common_words() and name_key(name) not in gazetteer()
    long_or_word = len(name) - name.count(".") >= 5 or word
    return CAPS if " " in name or long_or_word else 0
