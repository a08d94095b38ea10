"""Claims: every attribution or hedge in a document, tagged, attributed and linked.

Invariant: claims come back in text order with ids `c1, c2, ...`; for each,
`start..end` runs over the unit (sentence or sentences) holding it, from
its first to its last part (the whole unit when only punctuation lies
beyond); `content` and `cue` lie inside `start..end`, and `source_span` does
too except for a quotation continued from the sentence before, whose source
is named there.
Disputes point only to earlier claims.

The pipeline: `units` cuts the sentences into claim units; `registry` runs
the claim rules (`rules/`) over each unit and the layout rules over the
text, giving `attribution.Attribution` records; `coref` resolves each source
to an entity; the tags are read here; `disputes` links denials to the
claims they answer. To add a rule, see `registry` (one file in `rules/`, one
line in its list).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence

from reader.analysis.claims import cue_scan
from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.coref import MentionIndex, is_media
from reader.analysis.claims.cues import load_cues
from reader.analysis.claims.disputes import link_disputes
from reader.analysis.claims.phrases import is_quote_mark
from reader.analysis.claims.registry import run_document, run_unit
from reader.analysis.claims.sources import Resolved, SourceResolver
from reader.analysis.claims.state import UnitState
from reader.analysis.claims.units import (
    cap_units,
    find_quotes,
    join_speaker_tails,
    merge_units,
    sentence_ranges,
)
from reader.analysis.model import Claim, ClaimTag, Entity, ProgressCallback
from reader.analysis.wordlists import word_group
from reader.document.model import Document
from reader.span import Span

TAG_ORDER: tuple[ClaimTag, ...] = ("reported", "statement", "quote", "alleged", "denial", "opinion")
EDGE_PUNCTUATION = " \t\n.,;:!?\"'()\u201c\u201d\u2018\u2019\u2014\u2013-"
"""What may lie between a claim's parts and its sentence's edges."""
NESTED_LEAD = 3
"""Most words of a content before a cue that only reports what it says ("she plans")."""
PROGRESS_EVERY = 2000
"""Units between two progress reports."""
STATED = frozenset({"say", "opinion", "according", "continued", "hedge", "deny"})
"""Cue kinds that make a sourced claim a statement (unless it is reported)."""
ANONYMOUS = word_group("anonymous")
DETERMINERS = word_group("outlet_determiners")
OUTLET_WORDS = word_group("outlet_words")


def find_claims(
    document: Document, entities: Sequence[Entity], progress: ProgressCallback | None = None
) -> tuple[Claim, ...]:
    """Find the claims of `document`, attributing them to `entities` where they can be."""
    text = document.text
    quotes = QuoteIndex(find_quotes(text))
    units = merge_units(sentence_ranges(document), quotes.quotes)
    units = cap_units(text, join_speaker_tails(text, units))
    found = _attributions(text, units, quotes, progress)
    mentions = MentionIndex(entities)
    claims = _resolved(SourceResolver(text, mentions, quotes), found)
    disputes = link_disputes(text, claims)
    if progress is not None:
        progress(1.0)
    return tuple(_with_disputes(c, d) for c, d in zip(claims, disputes, strict=True))


def _with_disputes(claim: Claim, disputes: tuple[str, ...]) -> Claim:
    """`claim` with its disputes filled in."""
    return dataclasses.replace(claim, disputes=disputes) if disputes else claim


def _renamed(claim: Claim, claim_id: str) -> Claim:
    """`claim` with the id its place in text order gives it."""
    return claim if claim.id == claim_id else dataclasses.replace(claim, id=claim_id)


def _attributions(
    text: str, units: list[Span], quotes: QuoteIndex, progress: ProgressCallback | None
) -> list[Attribution]:
    """Attributions of every unit (the registry's rules), then the layout ones."""
    cues = load_cues()
    matches = cue_scan.cues(text, cues)
    starts = [m.start() for m in matches]
    out: list[Attribution] = []
    previous: list[Attribution] = []
    for i, unit in enumerate(units):
        first, last = bisect_left(starts, unit[0]), bisect_left(starts, unit[1])
        while last > first and matches[last - 1].end() > unit[1]:
            last -= 1  # a cue running past the unit ("is" / "said to" across a break)
        here = run_unit(UnitState(text, unit, cues, quotes, previous), matches[first:last])
        fresh = _outer(text, here)
        if previous and fresh:  # a quotation continued is the previous unit's record, grown
            fresh = [a for a in fresh if not any(a is p for p in previous)]
        out.extend(fresh if len(fresh) < 2 else sorted(fresh, key=lambda a: a.content[0]))
        previous = here
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(0.9 * i / len(units))
    return _with_layout(text, out, quotes)


def _outer(text: str, found: list[Attribution]) -> list[Attribution]:
    """`found` without a cue that opens another's content and runs to its end: in "Reed
    said she plans to run", "she plans to run" is what Reed said, not a second claim."""
    if len(found) < 2:
        return found
    return [a for a in found if not any(_opens_content_of(text, a, b) for b in found)]


def _opens_content_of(text: str, inner: Attribution, outer: Attribution) -> bool:
    """True when `outer` has a source, `inner`'s source opens `outer`'s content, its cue
    is among the first words there and its content ends where `outer`'s does."""
    if inner is outer or inner.cue is None or outer.cue is None or outer.source_span is None:
        return False
    start, end = outer.content
    if inner.source_span is None or inner.source_span[0] != start:
        return False  # "the plan he said would work": what he said is a claim of its own
    if not start <= inner.cue[0] < end or inner.content[1] > end + 1 or inner.content[1] < end - 1:
        return False
    return len(text[start : inner.cue[0]].split()) <= NESTED_LEAD


def _with_layout(text: str, found: list[Attribution], quotes: QuoteIndex) -> list[Attribution]:
    """Add the document rules' attributions; they replace a guessed continuation."""
    extra = run_document(text, quotes)
    if not extra:
        return found
    taken = {a.content for a in extra}
    kept = [a for a in found if not ("continued" in a.kinds and a.content in taken)]
    return sorted(kept + extra, key=lambda a: (a.unit[0], a.content[0]))


def _resolved(resolver: SourceResolver, found: list[Attribution]) -> list[Claim]:
    """Claims with ids, sources resolved in text order ("she" is the last speaker nearby)."""
    claims: list[Claim] = []
    for i, att in enumerate(found, 1):
        source = Resolved()
        if att.source_span:
            source = resolver.resolve(att.source_span, att.unit, att.kinds)
        claims.append(_claim(resolver.text, f"c{i}", att, source, resolver.mentions))
    claims.sort(key=lambda c: (c.start, c.content[0]))
    return [_renamed(c, f"c{i}") for i, c in enumerate(claims, 1)]


def _claim(
    text: str, claim_id: str, att: Attribution, source: Resolved, mentions: MentionIndex
) -> Claim:
    """A `Claim` from an attribution and its resolved source: tag it, list its entities."""
    extent = _extent(text, att)
    content_entities = tuple(dict.fromkeys(e.id for e in mentions.inside(*att.content)))
    entity = source.entity
    return Claim(
        id=claim_id,
        start=extent[0],
        end=extent[1],
        content=att.content,
        cue=att.cue,
        source_span=att.source_span,
        source=entity.id if entity else None,
        tags=_tags(text, att, entity),
        entities=content_entities,
        source_via=source.via,
    )


def _extent(text: str, att: Attribution) -> Span:
    """What to highlight: from the first to the last part of the attribution in its unit,
    widened to the unit's edges when only punctuation lies beyond."""
    first, last = att.unit
    start = end = -1
    for part in (att.content, att.cue, att.source_span):
        if part is not None and first <= part[0] and part[1] <= last:
            if start < 0:
                start, end = part
            else:
                start, end = min(start, part[0]), max(end, part[1])
    if start < 0:
        raise ValueError(f"no part of the attribution lies inside its unit {att.unit}")
    if not text[first:start].strip(EDGE_PUNCTUATION):
        start = first
    if not text[end:last].strip(EDGE_PUNCTUATION):
        end = last
    return start, end


def _no_possessive(word: str) -> str:
    """`word` without a final "'s" (`re.sub(r"['\u2019]s$", "", word)` for a word of
    `str.split`, which holds no line break for "$" to stop before)."""
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def _outlet_speaks(words: list[str], source: Entity | None) -> bool:
    """True when the source is an outlet or a document ("The Chronicle", "a new report"),
    not people it quotes ("officials quoted by the Chronicle")."""
    head = [_no_possessive(w.strip(".,")) for w in words if w not in DETERMINERS]
    if not head:
        return False
    if head[0] in OUTLET_WORDS or head[-1] in OUTLET_WORDS:
        return True
    return source is not None and is_media(source) and head[0] in source.name.lower().split()


def _tags(text: str, att: Attribution, source: Entity | None) -> tuple[ClaimTag, ...]:
    """The contract tags for one attribution, in `TAG_ORDER`."""
    tags: set[ClaimTag] = set()
    kinds = att.kinds
    source_words: list[str] = []
    if att.source_span:
        source_words = text[att.source_span[0] : att.source_span[1]].lower().split()
    if "report" in kinds or _outlet_speaks(source_words, source):
        tags.add("reported")
    elif att.source_span and not STATED.isdisjoint(kinds):
        tags.add("statement")
    if is_quote_mark(text[att.content[0]]) or "quote" in kinds:
        tags.add("quote")
    if "hedge" in kinds or ANONYMOUS.intersection(source_words):
        tags.add("alleged")
    if "deny" in kinds:
        tags.add("denial")
    if "opinion" in kinds:
        tags.add("opinion")
    if not tags and not att.source_span:
        tags.add("alleged")  # "rejected the claim that X": X is said, by no one named
    return tuple([t for t in TAG_ORDER if t in tags])
