"""Verdict recall: the verdict the reader already gave on a claim that says the same thing.

Invariant: two claim contents match when, after normalising (NFKC, case folded, curly
quotes straightened, "'s" dropped, light stemming, stop words out),
  1. they state the same figures: the sets of numbers (digits or number words, "1,000"
     = "1000") and of units/currencies ($, %, million...) are equal, so "raised $5
     million" never recalls "raised $50 million";
  2. they have the same polarity: both negated (not, no, never, n't) or neither;
  3. they are about the same people: a name (a capitalised word, titles such as "Mr"
     aside) that each has and the other lacks is a substitution ("spoke with Putin" vs
     "spoke with Zelensky"), while a name only one has is added detail ("Lars Vendelbo"
     vs "Mr Vendelbo");
  4. their content words overlap: Dice similarity 2|A∩B| / (|A|+|B|) >= `THRESHOLD`,
     with at least `MIN_SHARED` words in common (or identical word sets), so a three-word
     claim does not match on one shared name.
Word order does not count (a reordered clause still matches). The best match is the
highest score; ties go to the verdict given last. `RecallIndex` finds candidates
through an inverted index of content words, so recalling for every claim of a new
article costs the words it shares with past verdicts, not all verdicts times all claims.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from reader.analysis.wordlists import word_group, word_list
from reader.library.model import StoredAnalysis, StoredClaim
from reader.notes.model import Verdict

THRESHOLD = 0.8
"""Dice similarity needed. With n content words a side, one word substituted scores
(n-1)/n and one word added 2n/(2n+1): so a claim of five words or more survives a
changed word ("raised $5 million from investors" ~ "... from backers": 0.8), any claim
survives an added detail, and a reordered clause scores 1.0; but in a claim of four
words one different word is a different claim ("Musk spoke with Putin about the war"
vs "... about Starlink": 0.75). Examples and their scores: tests/unit/test_recall.py."""
MIN_SHARED = 3
"""Content words two different word sets must share before they can match."""

_FUNCTION_WORDS = """
    a an the of to in on at by for and or but as is was are were be been being has had
    have do does did it its he she his her him they them their we us our you your i my
    me this that these those there here who whom which what when where also than then so
    if would will could should may might can must shall very just about after before
    into from with over under again further once said says say told according
"""
STOP = frozenset(_FUNCTION_WORDS.split()) | word_group("stopwords")
"""Words that carry no claim (the dispute rule's list plus short function words)."""
NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "neither", "nor", "nobody"})
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBER_WORDS = {word: str(i) for i, word in enumerate(_NUMBERS.split())}
UNITS = frozenset(
    {"$", "€", "£", "¥", "%", "percent", "hundred", "thousand", "million", "billion"}
    | {"trillion", "bn", "m", "k"}
)
"""Tokens that belong to a figure: "$5 million" and "5 billion" state different things."""
SUFFIXES = ("ing", "ed", "es", "s")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'t\b)?|[$€£¥%]")


@dataclass(frozen=True, slots=True)
class GivenVerdict:
    """A verdict the reader gave, with what the claim said and where."""

    verdict: str
    content: str
    """The claim's content when the verdict was given."""
    article_id: str
    title: str
    date: str | None
    """The article's date, if known."""
    claim_id: str | None = None
    given_at: str = ""
    """When the verdict was given (ISO time): the later wins a tie."""


@dataclass(frozen=True, slots=True)
class Recalled:
    """The best past verdict for a claim, and how close the two contents are."""

    given: GivenVerdict
    score: float
    """Dice similarity of the content words, THRESHOLD..1."""


@dataclass(frozen=True, slots=True)
class _Words:
    """A content reduced to what is compared."""

    words: frozenset[str]
    names: frozenset[str]
    """The content words that were capitalised names (also in `words`)."""
    figures: frozenset[str]
    negated: bool


def given_verdicts(
    verdicts: Iterable[Verdict], analyses: Mapping[str, StoredAnalysis]
) -> list[GivenVerdict]:
    """The reader's stored verdicts with the content of the claims they were given on.

    A verdict is anchored on its claim's highlighted span: the stored claim at that
    span (or with that text) gives the content; failing that (the article's analysis
    is not stored, or the claim is gone) the highlighted words themselves are used.
    """
    out = []
    for verdict in verdicts:
        analysis = analyses.get(verdict.article_id)
        claim = _claim_of(verdict, analysis) if analysis is not None else None
        out.append(
            GivenVerdict(
                verdict=verdict.verdict,
                content=claim.content if claim is not None else verdict.anchor.exact,
                article_id=verdict.article_id,
                title=analysis.title if analysis is not None else "",
                date=analysis.date if analysis is not None else None,
                claim_id=claim.id if claim is not None else verdict.claim_id,
                given_at=verdict.updated or verdict.created,
            )
        )
    return out


def _claim_of(verdict: Verdict, analysis: StoredAnalysis) -> StoredClaim | None:
    anchor = verdict.anchor
    same_text = [c for c in analysis.claims if c.text == anchor.exact]
    at_place = [c for c in same_text if (c.start, c.end) == (anchor.start, anchor.end)]
    found = at_place or same_text
    return found[0] if found else None


def words_of(content: str) -> _Words:
    """The content words, figures and polarity of `content` (the inputs of conditions 1-4)."""
    text = unicodedata.normalize("NFKC", content).replace("\u2019", "'")
    words: set[str] = set()
    names: set[str] = set()
    figures: set[str] = set()
    negated = False
    for position, original in enumerate(_TOKEN.findall(text)):
        token = original.casefold()
        if token.endswith("n't") or token in NEGATIONS:
            negated = True  # "didn't", "won't": the auxiliary carries no claim either
        elif token[0].isdigit():
            figures.add(token.replace(",", ""))
        elif token in NUMBER_WORDS:
            figures.add(NUMBER_WORDS[token])
        elif token in UNITS:
            figures.add(token)
        elif token not in STOP and len(token) > 1:
            words.add(_stem(token))
            if _is_name(original, token, position):
                names.add(_stem(token))
    return _Words(frozenset(words), frozenset(names), frozenset(figures), negated)


def _is_name(original: str, token: str, position: int) -> bool:
    """A capitalised word that is not a title (nor, first, a common word)."""
    if not original[0].isupper() or token in _titles():
        return False
    return position > 0 or token not in _common()


@cache
def _titles() -> frozenset[str]:
    return frozenset(t.casefold().rstrip(".") for t in word_list("titles.txt") if " " not in t)


@cache
def _common() -> frozenset[str]:
    return word_list("common_words.txt")


def similarity(a: str, b: str) -> float:
    """How closely two contents match: 0 when conditions 1-3 fail, else the Dice score."""
    return _score(words_of(a), words_of(b))


def recall(
    content: str, given: Sequence[GivenVerdict], *, article_id: str | None = None
) -> Recalled | None:
    """The best match for `content` among `given` (those of `article_id` left out), or None."""
    return RecallIndex(given).best(content, article_id=article_id)


class RecallIndex:
    """Past verdicts by content word, to recall for many claims at once."""

    def __init__(self, given: Iterable[GivenVerdict]) -> None:
        """Index `given` (kept in order: a later one wins a tie of equal time)."""
        self._given = list(given)
        self._words = [words_of(g.content) for g in self._given]
        self._by_word: dict[str, list[int]] = {}
        for i, words in enumerate(self._words):
            for word in words.words:
                self._by_word.setdefault(word, []).append(i)

    def best(self, content: str, *, article_id: str | None = None) -> Recalled | None:
        """The best past verdict for `content`, or None if nothing is close enough."""
        mine = words_of(content)
        shared = Counter(i for w in mine.words for i in self._by_word.get(w, ()))
        best: tuple[float, str, int] | None = None
        for i in shared:
            given = self._given[i]
            if article_id is not None and given.article_id == article_id:
                continue
            score = _score(mine, self._words[i])
            if score >= THRESHOLD - 1e-9 and (best is None or (score, given.given_at, i) > best):
                best = (score, given.given_at, i)
        return None if best is None else Recalled(self._given[best[2]], round(best[0], 3))

    def all(
        self, contents: Iterable[str], *, article_id: str | None = None
    ) -> list[Recalled | None]:
        """`best` for each content, in order (one article's claims)."""
        return [self.best(content, article_id=article_id) for content in contents]


def _score(a: _Words, b: _Words) -> float:
    if a.figures != b.figures or a.negated != b.negated or not a.words or not b.words:
        return 0.0
    if a.names - b.names and b.names - a.names:
        return 0.0
    common = len(a.words & b.words)
    if a.words != b.words and common < MIN_SHARED:
        return 0.0
    return 2 * common / (len(a.words) + len(b.words))


def _stem(word: str) -> str:
    """`word` without its possessive or one common inflection ending."""
    word = word.removesuffix("'s").removesuffix("'")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
