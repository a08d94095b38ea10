"""Claims: every attribution or hedge in a document, tagged, attributed and linked.

Invariant: claims come back in text order with ids `c1, c2, ...`; for each,
`start..end` is the unit (sentence or sentences) holding it, `content` and
`cue` lie inside `start..end`, and `source_span` does too except for a
quotation continued from the sentence before, whose source is named there.
Disputes point only to earlier claims.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.attribution import Attribution, QuoteIndex, attributions_in
from reader.analysis.coref import MentionIndex, is_media, resolve
from reader.analysis.cues import load_cues
from reader.analysis.disputes import link_disputes
from reader.analysis.model import Claim, ClaimTag, Entity, ProgressCallback
from reader.analysis.phrases import is_quote_mark
from reader.analysis.units import (
    find_quotes,
    join_speaker_tails,
    merge_units,
    sentence_ranges,
)
from reader.document.model import Document

TAG_ORDER: tuple[ClaimTag, ...] = ("reported", "statement", "quote", "alleged", "denial", "opinion")
SPEAKER_REACH = 600
"""How far (in characters) "he" or "she" may reach back to the last speaker."""
PROGRESS_EVERY = 2000
"""Units between two progress reports."""
ANONYMOUS = frozenset(["source", "sources", "insiders"])
OUTLET_WORDS = frozenset(
    ["report", "reports", "newspaper", "paper", "study", "survey", "poll", "analysis", "article"]
)


def find_claims(
    document: Document, entities: Sequence[Entity], progress: ProgressCallback | None = None
) -> tuple[Claim, ...]:
    """Find the claims of `document`, attributing them to `entities` where they can be."""
    text = document.text
    quotes = QuoteIndex(find_quotes(text))
    units = join_speaker_tails(text, merge_units(sentence_ranges(document), quotes.quotes))
    found = _attributions(text, units, quotes, progress)
    mentions = MentionIndex(entities)
    claims = _resolved(text, found, mentions)
    disputes = link_disputes(text, claims)
    if progress is not None:
        progress(1.0)
    return tuple(_with_disputes(c, d) for c, d in zip(claims, disputes, strict=True))


def _with_disputes(claim: Claim, disputes: tuple[str, ...]) -> Claim:
    """`claim` with its disputes filled in."""
    if not disputes:
        return claim
    return Claim(**{**{f: getattr(claim, f) for f in Claim.__slots__}, "disputes": disputes})


def _attributions(
    text: str, units: list[tuple[int, int]], quotes: QuoteIndex, progress: ProgressCallback | None
) -> list[Attribution]:
    """Attributions of every unit, with quotations continued from the unit before."""
    cues = load_cues()
    out: list[Attribution] = []
    previous: list[Attribution] = []
    for i, unit in enumerate(units):
        here = attributions_in(text, unit, cues, quotes)
        if not here:
            here = _continued(text, unit, previous, quotes)
        out.extend(sorted(here, key=lambda a: a.content[0]))
        previous = here
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(0.9 * i / len(units))
    return out


def _continued(
    text: str, unit: tuple[int, int], previous: list[Attribution], quotes: QuoteIndex
) -> list[Attribution]:
    """A unit that is only a quotation continues the speaker of the unit before."""
    if not previous or previous[-1].source_span is None:
        return []
    before = previous[-1].unit
    if "\n\n" in text[before[1] : unit[0]] or not is_quote_mark(text[unit[0]]):
        return []
    inner = quotes.within(*unit)
    if not inner:
        return []
    content = (inner[0][0], inner[-1][1])
    return [Attribution(unit, content, None, previous[-1].source_span, {"quote", "continued"})]


def _resolved(text: str, found: list[Attribution], mentions: MentionIndex) -> list[Claim]:
    """Claims with ids, sources resolved in text order ("she" is the last speaker nearby)."""
    claims: list[Claim] = []
    speaker: Entity | None = None
    speaker_end = -SPEAKER_REACH
    for i, att in enumerate(found, 1):
        recent = speaker if att.unit[0] - speaker_end <= SPEAKER_REACH else None
        source = resolve(text, att.source_span, mentions, recent) if att.source_span else None
        claims.append(_claim(text, f"c{i}", att, source, mentions))
        if source is not None and source.kind == "person":
            speaker, speaker_end = source, att.unit[1]
    return claims


def _claim(
    text: str, claim_id: str, att: Attribution, source: Entity | None, mentions: MentionIndex
) -> Claim:
    """A `Claim` from an attribution and its resolved source: tag it, list its entities."""
    content_entities = tuple(dict.fromkeys(e.id for e in mentions.inside(*att.content)))
    return Claim(
        id=claim_id,
        start=min(att.unit[0], att.content[0]),
        end=max(att.unit[1], att.content[1]),
        content=att.content,
        cue=att.cue,
        source_span=att.source_span,
        source=source.id if source else None,
        tags=_tags(text, att, source),
        entities=content_entities,
    )


def _tags(text: str, att: Attribution, source: Entity | None) -> tuple[ClaimTag, ...]:
    """The contract tags for one attribution, in `TAG_ORDER`."""
    tags: set[ClaimTag] = set()
    kinds = att.kinds
    source_words = set()
    if att.source_span:
        source_words = set(text[att.source_span[0] : att.source_span[1]].lower().split())
    if "report" in kinds or source_words & OUTLET_WORDS or (source and is_media(source)):
        tags.add("reported")
    elif att.source_span and kinds & {"say", "opinion", "according", "continued", "hedge"}:
        tags.add("statement")
    if is_quote_mark(text[att.content[0]]) or "quote" in kinds:
        tags.add("quote")
    if "hedge" in kinds or source_words & ANONYMOUS:
        tags.add("alleged")
    if "deny" in kinds:
        tags.add("denial")
    if "opinion" in kinds:
        tags.add("opinion")
    return tuple(t for t in TAG_ORDER if t in tags)
