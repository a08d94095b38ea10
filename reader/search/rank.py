"""Answering a query over a `View`: matching documents, ranked, each with its context.

Invariant: a result contains every word, phrase and tag of the query (in one note,
one claim or one article's text), found only in the postings of the segment that
owns its scope. Ranking: the sum over the query's words of `idf * tf / (tf + K)`
(rare words weigh most, repeats saturate), twice that for a quoted phrase, a bonus
when unquoted words stand side by side as typed; notes and claims weigh a little
more than the long texts; ties (scores equal to 3 decimals) go to the newer
article. Only the candidates that could still rank are scored in full (`_best`).
The context is cut from the text the match is in, with the query's words marked
(`marks`: spans into `context`); nothing here formats for a terminal.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from reader.search.docs import CLAIM, FIELD, KIND_NAMES, NOTE, ClaimDoc, NoteDoc, split_ref
from reader.search.fold import CHECKPOINT, WORD, fold, span_of
from reader.search.index import View
from reader.search.query import Query
from reader.search.segments import SCOPE_NAMES
from reader.search.shard import Row
from reader.search.sources import Record

KINDS_OF = {scope: kind for kind, scope in SCOPE_NAMES.items()}

K = 0.5
"""Term-frequency saturation: a word found once scores 2/3 of one found many times."""
KIND_WEIGHT = {0: 1.0, NOTE: 1.3, CLAIM: 1.2}
CONTEXT = 70
"""Characters of context shown either side of the match."""
WINDOW = 12
"""Tokens either side of a word within which other query words count as near it."""


class Hit(NamedTuple):
    """One result."""

    kind: str
    """`note`, `text` or `claim`."""
    article_id: str
    title: str
    source: str
    date: str
    score: float
    context: str
    """A short piece of the matching text."""
    marks: tuple[tuple[int, int], ...]
    """Where the query's words are in `context`."""
    start: int
    """Where to open the article: the note's anchor, the claim's span or the word."""
    end: int
    ref: str | None = None
    """The note's or claim's id."""
    tags: tuple[str, ...] = ()
    claim_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`reader search --json`)."""
        return {
            "kind": self.kind,
            "article": self.article_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 3),
            "context": self.context,
            "marks": [list(m) for m in self.marks],
            "start": self.start,
            "end": self.end,
            "id": self.ref,
            "tags": list(self.tags),
            "claim_source": self.claim_source,
        }


Rows = dict[int, Row]
"""Document key (`segment << 40 | ref`) to its posting row (positions `data[lo:hi]`)."""


def find(
    view: View,
    query: Query,
    record_of: Callable[[str], Record | None],
    kinds: Iterable[int] | None = None,
    articles: Iterable[str] | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The best `limit` results of `query`, only of these kinds and articles if given."""
    allowed = Allowed(
        view,
        set(kinds) if kinds is not None else None,
        set(articles) if articles is not None else None,
    )
    wanted = [*query.terms, *(f"#{tag}" for tag in query.tags)]
    rows = {term: allowed.rows(view, term) for term in wanted}
    order = sorted(wanted, key=lambda term: len(rows[term]))
    candidates = set(rows[order[0]])
    for term in order[1:]:
        candidates.intersection_update(rows[term])
    total = max(1, sum(segment.count for segment in view.segments))
    idf = {t: math.log(1 + total / max(1, len(rows[t]))) for t in query.terms}
    scored: list[tuple[float, str, int]] = []
    for score, key in _best(candidates, query, rows, idf, limit):
        segment = view.segments[key >> 40]
        aid = segment.articles[split_ref(key & (1 << 40) - 1)[0]]
        scored.append((round(score, 3), segment.dates.get(aid, ""), key))
    scored.sort(key=lambda item: (item[0], item[1], -item[2]), reverse=True)
    hits = []
    for score, _, key in scored[:limit]:
        hit = _hit(view, key, score, query, rows, idf, record_of)
        if hit is not None:
            hits.append(hit)
    return hits


class Allowed:
    """Which documents of each segment count: those of scopes it owns that the filters
    let through. The base owns most scopes, so for it the exceptions are kept instead."""

    def __init__(self, view: View, kinds: set[int] | None, articles: set[str] | None) -> None:
        self.kinds = kinds
        self.owned: list[set[int]] = [set()]
        """Per delta (index 0: unused), the `article_no << 2 | kind` it owns."""
        base = view.segments[0]
        numbers = {aid: number for number, aid in enumerate(base.articles)}
        self.disowned = {
            numbers[aid] << 2 | KINDS_OF[scope] for aid, scope in view.later if aid in numbers
        }
        """Base `article_no << 2 | kind` that a delta owns now."""
        self.base_articles = (
            None if articles is None else {numbers[a] for a in articles if a in numbers}
        )
        for number, segment in enumerate(view.segments[1:], start=1):
            self.owned.append({
                article_no << 2 | kind
                for article_no, aid in enumerate(segment.articles)
                if articles is None or aid in articles
                for kind, scope in SCOPE_NAMES.items()
                if (kinds is None or kind in kinds) and view.later.get((aid, scope)) == number
            })  # fmt: skip

    def rows(self, view: View, term: str) -> Rows:
        """The rows of `term` that count, by document key."""
        base = view.segments[0].postings(term)
        found: Rows = dict(zip(map(itemgetter(0), base), base, strict=True))
        kinds, disowned, only = self.kinds, self.disowned, self.base_articles
        if disowned or kinds is not None or only is not None:
            for ref in [
                ref
                for ref in found
                if ref >> 18 in disowned
                or (kinds is not None and (ref >> 18) & 3 not in kinds)
                or (only is not None and ref >> 20 not in only)
            ]:
                del found[ref]
        for number, segment in enumerate(view.segments[1:], start=1):
            owned = self.owned[number]
            if owned:
                high = number << 40
                for row in segment.postings(term):
                    if row[0] >> 18 in owned:
                        found[high | row[0]] = row
        return found


def _phrase_starts(key: int, phrase: tuple[str, ...], rows: dict[str, Rows]) -> list[int]:
    """Positions where `phrase` starts in document `key`, in order: the intersection of
    each word's positions shifted back by its place in the phrase (sets and `map` of a
    bound `int.__add__`, so the loops over a common word's hundreds of positions run in
    C, not Python: ten times faster than bisecting)."""
    _, data, lo, hi = rows[phrase[0]][key]
    starts = set(data[lo:hi])
    for offset, word in enumerate(phrase[1:], start=1):
        _, data, lo, hi = rows[word][key]
        starts.intersection_update(map((-offset).__add__, data[lo:hi]))
        if not starts:
            return []
    return sorted(starts)


def _best(
    candidates: Iterable[int],
    query: Query,
    rows: dict[str, Rows],
    idf: dict[str, float],
    limit: int,
) -> list[tuple[float, int]]:
    """The candidates scoring best (at least `limit` of them, ties at the cut included),
    scored exactly only while a bound says one could still get in: each candidate's
    bound counts its words' frequencies, its phrases as if each occurred as often as its
    rarest word, and every side-by-side bonus; they are tried best bound first."""
    side = sum(idf[a] + idf[b] for a, b in zip(query.words, query.words[1:], strict=False))
    fixed = 0.5 * len(query.tags) + side
    phrases = [(phrase, 2 * sum(idf[w] for w in phrase)) for phrase in query.phrases]
    bounds: list[tuple[float, int]] = []
    if len(query.words) == 1 and not phrases:  # the usual query: one comprehension
        word_rows, weight = rows[query.words[0]], idf[query.words[0]]
        bounds = [
            ((fixed + weight * (r[3] - r[2]) / (r[3] - r[2] + K)) * KIND_WEIGHT[(key >> 18) & 3],
             key)
            for key in candidates
            if (r := word_rows[key])
        ]  # fmt: skip
        candidates = ()
    for key in candidates:
        bound = fixed
        for word in query.words:
            _, _, lo, hi = rows[word][key]
            bound += idf[word] * (hi - lo) / (hi - lo + K)
        for phrase, weight in phrases:
            count = min(rows[w][key][3] - rows[w][key][2] for w in phrase)
            bound += weight * count / (count + K)
        bounds.append((bound * KIND_WEIGHT[(key >> 18) & 3], key))
    bounds.sort(reverse=True)
    best: list[tuple[float, int]] = []
    top: list[float] = []  # the `limit` best rounded scores so far (a min-heap)
    for bound, key in bounds:
        if len(top) >= limit and round(bound, 3) < top[0]:
            break
        score = _score(key, query, rows, idf)
        if score <= 0:
            continue
        if len(query.words) > 1:
            score += _side_by_side(key, query, rows, idf)
        best.append((score, key))
        heapq.heappush(top, round(score, 3))
        if len(top) > limit:
            heapq.heappop(top)
    return best


def _score(key: int, query: Query, rows: dict[str, Rows], idf: dict[str, float]) -> float:
    score = 0.0
    for word in query.words:
        _, _, lo, hi = rows[word][key]
        tf = hi - lo
        score += idf[word] * tf / (tf + K)
    for phrase in query.phrases:
        count = len(_phrase_starts(key, phrase, rows))
        if not count:
            return 0.0  # the words are there, not side by side
        score += 2 * sum(idf[w] for w in phrase) * count / (count + K)
    score += 0.5 * len(query.tags)
    return score * KIND_WEIGHT[(key >> 18) & 3]


def _side_by_side(key: int, query: Query, rows: dict[str, Rows], idf: dict[str, float]) -> float:
    """The bonus for unquoted words found next to each other as typed."""
    bonus = 0.0
    for left, right in zip(query.words, query.words[1:], strict=False):
        if _phrase_starts(key, (left, right), rows):
            bonus += idf[left] + idf[right]
    return bonus * KIND_WEIGHT[(key >> 18) & 3]


def _anchor(key: int, query: Query, rows: dict[str, Rows], idf: dict[str, float]) -> int | None:
    """The position to show: a phrase's start, else the rarest word where most of the
    other words are near it (None for a tag-only match)."""
    for phrase in query.phrases:
        starts = _phrase_starts(key, phrase, rows)
        if starts:
            return starts[0]
    if not query.words:
        return None
    rarest = max(query.words, key=lambda w: idf[w])
    others = [_positions(rows[w][key]) for w in query.words if w != rarest]
    best, best_near = None, -1
    for position in _positions(rows[rarest][key])[:64]:
        near = sum(
            1
            for positions in others
            if (i := bisect_left(positions, position - WINDOW)) < len(positions)
            and positions[i] <= position + WINDOW
        )
        if near > best_near:
            best, best_near = position, near
    return best


def _positions(row: Row) -> Sequence[int]:
    _, data, lo, hi = row
    return data[lo:hi]


def _hit(
    view: View,
    key: int,
    score: float,
    query: Query,
    rows: dict[str, Rows],
    idf: dict[str, float],
    record_of: Callable[[str], Record | None],
) -> Hit | None:
    segment = view.segments[key >> 40]
    article_no, kind, idx = split_ref(key & (1 << 40) - 1)
    aid = segment.articles[article_no]
    docs = segment.docs(aid)
    info = _info(view, aid)
    position = _anchor(key, query, rows, idf)
    words = {*query.terms, *query.tags}
    common = Hit(
        KIND_NAMES[kind], aid, info[0], info[1], segment.dates.get(aid, ""), score, "", (), 0, 0
    )
    if kind == NOTE:
        note = NoteDoc.from_row(docs["notes"][idx])
        field, token = _field(position)
        context, marks = snippet(note.quote if field else note.body, token, words)
        return common._replace(
            context=context,
            marks=marks,
            start=note.start,
            end=note.end,
            ref=note.id,
            tags=note.tags,
        )
    if kind == CLAIM:
        claim = ClaimDoc.from_row(docs["claims"][idx])
        field, token = _field(position)
        text = (claim.source or "") if field else (claim.content or claim.text)
        context, marks = snippet(text, token, words)
        return common._replace(
            context=context,
            marks=marks,
            start=claim.start,
            end=claim.end,
            ref=claim.id,
            tags=claim.tags,
            claim_source=claim.source,
        )
    record = record_of(aid)
    if record is None or record.text is None:
        return None  # its record went missing: nothing to show or open
    text = record.text
    span = _text_span(record, position or 0)
    start, end = span or (0, 0)
    context, marks = snippet(text, None, words, around=span)
    return common._replace(context=context, marks=marks, start=start, end=end)


def _info(view: View, aid: str) -> tuple[str, str]:
    """Title and source from the newest segment that has them."""
    for number in ("text", "notes", "claims"):
        owner = view.owner(aid, number)
        if owner is not None:
            docs = view.segments[owner].docs(aid)
            if docs.get("title") or docs.get("source"):
                return str(docs.get("title", "")), str(docs.get("source", ""))
    return "", ""


def _field(position: int | None) -> tuple[int, int | None]:
    if position is None:
        return 0, None
    return position >> FIELD, position & ((1 << FIELD) - 1)


def _text_span(record: Record, position: int) -> tuple[int, int] | None:
    mark = position // CHECKPOINT
    if mark < len(record.marks) and record.text is not None:
        return span_of(record.text, position, record.marks[mark], mark * CHECKPOINT)
    return None


def snippet(
    text: str, token: int | None, words: set[str], around: tuple[int, int] | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A piece of `text` around token number `token` (or the span `around`), whitespace
    runs made single spaces, with the spans of `words` in it marked."""
    span = around if around is not None else span_of(text, token) if token is not None else None
    start, end = span or (0, 0)
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT + (CONTEXT if span is None else 0))
    while left > 0 and text[left - 1].isalnum():
        left -= 1
    while right < len(text) and text[right].isalnum() and right - end < CONTEXT * 2:
        right += 1
    piece = re.sub(r"\s+", " ", text[left:right]).strip()
    prefix, suffix = ("… " if left > 0 else ""), (" …" if right < len(text) else "")
    context = f"{prefix}{piece}{suffix}"
    marks = tuple((m.start(), m.end()) for m in WORD.finditer(context) if fold(m.group()) in words)
    return context, marks
