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

# Terminators and closers (group 1), then whitespace and the next visible
# character (group 2), or the end of the block. The first terminator is written
# apart from the rest ("[.!?…][.!?…]*", not "[.!?…]+"): a pattern that starts with a
# character class lets the engine skip to the next terminator; one that starts with a
# repeat is tried at every position of the text (2.5 times the work on a book).
_CANDIDATE = re.compile(r"([.!?…][.!?…]*[\"'”’»)\]]*)(?:\s+(?=(\S))|\s*\Z)")
_LINE = re.compile(r"[^\n]+")
_OPENING_PUNCT = "\"'“‘«([¿¡"
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NO_START = ",;:)]”’»"
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[IVXivx]{1,4})[.)]")
_ENUMERATOR_MAX = 6
_WORD_WINDOW = 12
_LONG_WORD = 7


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
    begin, end = trim_span(text, start, end)
    sentences: list[Sentence] = []
    # One compiled scan per block; Python only looks at candidate full stops.
    for match in _CANDIDATE.finditer(text, begin, end):
        after = match.group(2)
        if after is None:
            break  # the block ends here
        if after.islower() or after in _NO_START:
            continue
        term_start, cut = match.span(1)
        if (
            text[term_start] == "."
            and not text.startswith("..", term_start)
            # fast path: a word of 7+ letters is no abbreviation, initial or title
            and not (
                term_start >= _LONG_WORD and text[term_start - _LONG_WORD : term_start].isalpha()
            )
            and not _full_stop_ends(text, term_start, match.end(), end)
        ):
            continue
        if cut - begin <= _ENUMERATOR_MAX and _ENUMERATOR.fullmatch(text, begin, cut):
            continue
        sentences.append(Sentence(begin, cut))
        begin = match.end()
    if begin < end:
        sentences.append(Sentence(begin, end))
    return sentences


def split_lines(text: str, start: int, end: int) -> list[Sentence]:
    """One sentence per non-blank line of `text[start:end]` (for code blocks)."""
    sentences: list[Sentence] = []
    for match in _LINE.finditer(text, start, end):
        line_start, line_end = trim_span(text, match.start(), match.end())
        if line_start < line_end:
            sentences.append(Sentence(line_start, line_end))
    return sentences


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink `start..end` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _full_stop_ends(text: str, term_start: int, after: int, end: int) -> bool:
    """Whether a single full stop before an upper-case start ends the sentence."""
    word = _word_before(text, term_start).lower()
    if word in TITLES:
        return False
    if word in ABBREVIATIONS or _DOTTED.match(word) or (len(word) == 1 and word.isalpha()):
        return _starts_like_sentence(text, after, end)
    return True


def _word_before(text: str, term_start: int) -> str:
    """The token just before a full stop, without opening punctuation.

    Only the last few characters are looked at: no abbreviation is longer, and a
    longer word cut short matches none of them either.
    """
    tokens = text[max(term_start - _WORD_WINDOW, 0) : term_start].rsplit(None, 1)
    if not tokens:
        return ""
    # What follows the last dash of either kind: after the last em dash,
    # then after the last en dash of what is left.
    word = tokens[-1].rpartition("—")[2].rpartition("–")[2]
    return word.lstrip(_OPENING_PUNCT)


def _starts_like_sentence(text: str, after: int, end: int) -> bool:
    if text[after] in _OPENING_PUNCT:
        return True
    match = _NEXT_WORD.match(text, after, end)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and text.startswith(".", match.end()):
        return False  # another initial: "J. K. Rowling"
    return word.lower() in OPENERS
