"""Sentence segmentation for news prose and novels.

Invariant: `split_sentences(text, start, end)` returns sentences that lie inside
`[start, end)`, in order, not overlapping, each with no leading or trailing
whitespace; together they cover every non-space character of the range.

How a boundary is chosen: a run of terminators (`.`, `!`, `?`, `…`) with any
closing quotes or brackets after it (they belong to the sentence), followed by
whitespace and a character that can start a sentence (not a lowercase letter or
`,;:`). After a single `.`:

- a title (Mr, Dr, Gen, Sen, ...) or `e.g.`/`i.e.`/`vs.` never ends a sentence;
- an ambiguous abbreviation (U.S., a.m., Inc., Jan., St., No., ...) or an
  initial (the "W." of George W. Bush) ends one only when the next word is a
  common sentence opener ("The", "He", "But", ...), so "the U.S. The report"
  splits while "U.S. President Joe Biden" and "J. K. Rowling" do not.
- a bare enumerator ("1.", "IV.") is never a sentence of its own.
"""

from __future__ import annotations

import re

from reader.document.model import Sentence

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_SPACE = re.compile(r"\s+")
_OPENERS = "\"'“‘«([¿¡"
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_CLOSERS = ",;:)]”’»"
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[IVXivx]{1,4})[.)]")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


TITLES = _words(
    """mr mrs ms messrs dr prof gen sen rep gov lt col capt sgt cpl pvt adm maj cmdr brig
    rev hon fr pres supt det insp mme mlle mm vs viz cf e.g i.e eg ie"""
)
"""Words that a full stop never ends a sentence after (lower case, no final dot)."""
ABBREVIATIONS = _words(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun st inc corp ltd co jr sr no nos vol vols pp fig figs est approx dept univ assn
    bros etc al mt ft ave blvd rd ch sec art op ed eds"""
)
"""Abbreviations that end a sentence only before a common sentence opener."""
OPENERS = _words(
    """the a an he she it they we i you his her its their our my your this that these those
    there then but and or so yet in on at as by for from if when while after before since
    although though because however meanwhile still also some many most all both each no
    not what who why how where one two three it's"""
)
"""Words that commonly open a sentence (lower case)."""


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Split `text[start:end]` (one block) into sentences.

    Args:
        text: The whole canonical text.
        start: Offset of the block's first character.
        end: Offset just past the block's last character.

    Returns:
        The sentences, as offsets into `text`, without surrounding whitespace.
    """
    sentences: list[Sentence] = []
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        cut = match.end()
        if _is_boundary(text, match.start(), cut, end) and not _ENUMERATOR.fullmatch(
            text[begin:cut].strip()
        ):
            _add(sentences, text, begin, cut)
            begin = cut
    _add(sentences, text, begin, end)
    return sentences


def split_lines(text: str, start: int, end: int) -> list[Sentence]:
    """One sentence per non-blank line of `text[start:end]` (for code blocks)."""
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        _add(sentences, text, start + match.start(), start + match.end())
    return sentences


def _add(sentences: list[Sentence], text: str, begin: int, end: int) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin < end:
        sentences.append(Sentence(begin, end))


def _is_boundary(text: str, term_start: int, cut: int, end: int) -> bool:
    space = _SPACE.match(text, cut, end)
    after = space.end() if space else cut
    if after >= end:
        return True
    first = text[after]
    if first.islower() or first in _CLOSERS:
        return False
    if text[term_start] != "." or text.startswith("..", term_start):
        return True
    word = _word_before(text, term_start).lower()
    if word in TITLES:
        return False
    if word in ABBREVIATIONS or _DOTTED.match(word) or (len(word) == 1 and word.isalpha()):
        return _starts_like_sentence(text, after, end)
    return True


def _word_before(text: str, term_start: int) -> str:
    """The token just before a full stop, without opening punctuation."""
    space = max(text.rfind(" ", 0, term_start), text.rfind("\n", 0, term_start))
    return text[space + 1 : term_start].lstrip(_OPENERS)


def _starts_like_sentence(text: str, after: int, end: int) -> bool:
    if text[after] in _OPENERS:
        return True
    match = _NEXT_WORD.match(text, after, end)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and text.startswith(".", match.end()):
        return False  # another initial: "J. K. Rowling"
    return word.lower() in OPENERS
