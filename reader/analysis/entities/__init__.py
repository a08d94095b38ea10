"""Entities of a document: candidate mentions checked, grouped and typed.

Invariant: every returned mention is a span of `document.text` whose slice is
the bare name (no title, no possessive; zero-width characters inside it are
kept, though the entity's names leave them out); entities come most
mentioned first with ids `e1, e2, ...` in that order, and each entity's
mentions are sorted.

The pipeline: `scan` finds candidate runs of capitals and `candidates` trims
them to bare names; `resolve` keeps the names and gathers evidence; `group`
folds short forms and aliases together; `kind` types each group. Word lists
come from `lexicon` (and `reader.analysis.wordlists`).
"""

from __future__ import annotations

import dataclasses
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
from reader.analysis.entities.lexicon import common_words, not_names
from reader.analysis.entities.resolve import GROUP_KEY, Resolver
from reader.analysis.entities.scan import CAPS, INITIAL, NORP, PREFIX, Mention, scan
from reader.analysis.entities.zero_width import has_zero_width, strip_zero_width
from reader.analysis.model import Entity, ProgressCallback
from reader.analysis.wordlists import given_name_genders
from reader.document.model import BlockKind, Document
from reader.span import Span

_OPENER_MARKS = "\"'“‘([*#>•–—-"
_SKIP_OPENERS = re.compile(rf"[\s{re.escape(_OPENER_MARKS)}]*")


def _sentence_starts(document: Document) -> frozenset[int]:
    """Where the document's sentences start, skipping opening quotes and bullets (most
    sentences start at a letter: `_SKIP_OPENERS` would match nothing there)."""
    text, marks = document.text, _OPENER_MARKS
    return frozenset(
        _skip_openers(text, at) if (c := text[at]) in marks or c.isspace() else at
        for at in (s.start for s in document.sentences)
    )


def _skip_openers(text: str, pos: int) -> int:
    """`pos` moved past any opening quotes, brackets, bullets or spaces."""
    m = _SKIP_OPENERS.match(text, pos)
    return m.end() if m else pos  # the pattern matches the empty string too


def _headings(document: Document) -> tuple[Span, ...]:
    """Spans of heading blocks: capitalised like titles, so no evidence of names."""
    return tuple((b.start, b.end) for b in document.blocks if b.kind == BlockKind.HEADING)


def find_entities(
    document: Document, progress: ProgressCallback | None = None
) -> tuple[Entity, ...]:
    """Find the people, organisations, places and other named things `document` names.

    Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) do not
    split a name: "Vla<U+200B>dimir Putin" is "Vladimir Putin", and its
    mentions still index `document.text`.

    Args:
        document: The document; its sentences and headings sharpen the rules.
        progress: Called with the fraction done (0.0 to 1.0) now and then.

    Returns:
        Entities most mentioned first, ids `e1, e2, ...` in that order.
    """
    text = document.text
    starts, headings = _sentence_starts(document), _headings(document)
    if not has_zero_width(text):
        return _find(text, starts, headings, progress)
    clean = strip_zero_width(text)
    found = _find(
        clean.text,
        frozenset(clean.stripped(s) for s in starts),
        tuple((clean.stripped(s), clean.stripped(e)) for s, e in headings),
        progress,
    )
    return tuple(
        dataclasses.replace(e, mentions=tuple(clean.original(*m) for m in e.mentions))
        for e in found
    )


def _find(
    text: str,
    sentence_starts: frozenset[int],
    headings: tuple[Span, ...],
    progress: ProgressCallback | None,
) -> tuple[Entity, ...]:
    """The entities of `text`: scan, resolve, group, type."""
    found = scan(text, sentence_starts, headings, progress)
    resolver = Resolver(text, found)
    resolver.teams()
    plain: list[Mention] = []
    later: list[Mention] = []
    for m in found.mentions:
        if m.flags & NORP:
            resolver.group_word(m)
        elif m.flags & (CAPS | PREFIX):
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
    entities = _build(resolver.spans, resolver.evidence, found.lower_words)
    if progress is not None:
        progress(1.0)
    return entities


def _not_a_name(key: str) -> bool:
    """Whether the one-word name `key` is a common noun's initialism or a field of study."""
    table = not_names()
    return key in table or (key[-1:] == "s" and key[:-1] in table)


def _plain_word(key: str, name: str, lower: frozenset[str]) -> bool:
    """Whether the one-word name `key` is an ordinary word: written in lower case in the
    text or an English word (a group word's key, "group:russian", is neither). A name
    spelt with a lower-case lead ("wikiHow") is a brand's spelling, never a plain word,
    even where an address writes it in lower case ("wikihow.com"); a given name that is
    also an English word ("Grace", "Rose") may be a person's, so only the text's own
    lower-case use of it counts."""
    if name[:1].islower():
        return False
    return key in lower or (key in common_words() and key not in given_name_genders())


def _build(
    spans: dict[str, list[Span]], evidence: dict[str, Evidence], lower: frozenset[str]
) -> tuple[Entity, ...]:
    """Entities from grouped spans: canonical name, aliases, kind, sorted mentions.

    A lone word of kind other that the text also writes in lower case, or that is an
    English word, is a word capitalised for emphasis, as a title's word or as a
    field ("Professor of Linguistics", "an Oath to the Constitution"), not a name;
    nor is a lone initialism of a common noun or a field of study ("DNA", "TV",
    "a Ph.D. in Linguistics": `not_names.txt`), whatever its kind."""
    groups = [(key, tuple(own)) for key, own in disjoint(spans).items()]
    groups.sort(key=lambda g: (-len(g[1]), g[1][0]))
    out: list[Entity] = []
    for key, mentions in groups:
        forms: Counter[str] = evidence[key].forms
        if key.startswith(GROUP_KEY):  # a group word: its commonest form, "American"
            name = max(forms, key=lambda f: (forms[f], -len(f)))
        else:
            name = max(forms, key=lambda f: (len(f.split()), len(f), forms[f]))
        others = Counter({f: n for f, n in forms.items() if f != name}) + evidence[key].titled
        aliases = tuple(f for f, _ in others.most_common() if f != name)
        kind = decide_kind(key, name, evidence[key])
        if " " not in key and (
            _not_a_name(key) or (kind == "other" and _plain_word(key, name, lower))
        ):
            continue
        out.append(Entity(f"e{len(out) + 1}", name, kind, aliases, mentions))
    return tuple(out)
