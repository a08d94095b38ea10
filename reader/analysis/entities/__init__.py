"""Entities of a document: candidate mentions checked, grouped and typed.

Invariant: every returned mention is a span of `document.text` whose slice is
the bare name (no title, no possessive); entities come most mentioned first
with ids `e1, e2, ...` in that order, and each entity's mentions are sorted.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.analysis.entities.group import (
    disjoint,
    link_aliases,
    merge_org_short_forms,
    merge_short_forms,
    split_juxtaposed,
)
from reader.analysis.entities.kind import Evidence, decide_kind
from reader.analysis.entities.resolve import Resolver
from reader.analysis.entities.scan import CAPS, INITIAL, PREFIX, scan
from reader.analysis.model import Entity, ProgressCallback
from reader.document.model import BlockKind, Document
from reader.span import Span

_SKIP_OPENERS = re.compile(r"[\s\"'“‘(\[*#>•–—-]*")


def _sentence_starts(document: Document) -> frozenset[int]:
    """Where the document's sentences start, skipping opening quotes and bullets."""
    text = document.text
    return frozenset(_SKIP_OPENERS.match(text, s.start).end() for s in document.sentences)


def _headings(document: Document) -> tuple[Span, ...]:
    """Spans of heading blocks: capitalised like titles, so no evidence of names."""
    return tuple((b.start, b.end) for b in document.blocks if b.kind == BlockKind.HEADING)


def find_entities(
    document: Document, progress: ProgressCallback | None = None
) -> tuple[Entity, ...]:
    """Find the people, organisations, places and other named things `document` names.

    Args:
        document: The document; its sentences and headings sharpen the rules.
        progress: Called with the fraction done (0.0 to 1.0) now and then.

    Returns:
        Entities most mentioned first, ids `e1, e2, ...` in that order.
    """
    text = document.text
    found = scan(text, _sentence_starts(document), _headings(document), progress)
    resolver = Resolver(text, found)
    resolver.teams()
    plain, later = [], []
    for m in found.mentions:
        if m.flags & (CAPS | PREFIX):
            later.append(m)
        elif m.flags & INITIAL:
            opener = resolver.opener(m)
            (later if opener is None else plain).append(opener or m)
        else:
            plain.append(m)
    resolver.normal(plain)
    for m in later:
        if m.flags & (CAPS | PREFIX):
            resolver.caps(m)
        else:
            resolver.initial(m)
    split_juxtaposed(resolver)
    link_aliases(resolver)
    merge_short_forms(resolver.spans, resolver.evidence)
    merge_org_short_forms(resolver.spans, resolver.evidence)
    entities = _build(resolver.spans, resolver.evidence)
    if progress is not None:
        progress(1.0)
    return entities


def _build(spans: dict[str, list[Span]], evidence: dict[str, Evidence]) -> tuple[Entity, ...]:
    """Entities from grouped spans: canonical name, aliases, kind, sorted mentions."""
    groups = [(key, tuple(own)) for key, own in disjoint(spans).items()]
    groups.sort(key=lambda g: (-len(g[1]), g[1][0]))
    out = []
    for i, (key, mentions) in enumerate(groups, 1):
        forms: Counter[str] = evidence[key].forms
        name = max(forms, key=lambda f: (len(f.split()), len(f), forms[f]))
        others = Counter({f: n for f, n in forms.items() if f != name}) + evidence[key].titled
        aliases = tuple(f for f, _ in others.most_common() if f != name)
        kind = decide_kind(key, name, evidence[key])
        out.append(Entity(f"e{i}", name, kind, aliases, mentions))
    return tuple(out)
