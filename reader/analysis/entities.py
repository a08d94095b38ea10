"""Entities of a document: candidate mentions checked, grouped and typed.

Invariant: every returned mention is a span of `document.text` whose slice is
the bare name (no title, no possessive); entities come most mentioned first
with ids `e1, e2, ...` in that order, and each entity's mentions are sorted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from reader.analysis import mentions as mn
from reader.analysis.kinds import Evidence, decide_kind
from reader.analysis.lexicon import (
    common_words,
    first_names,
    gazetteer,
    name_key,
    place_groups,
    word_set,
)
from reader.analysis.model import Entity, EntityKind, ProgressCallback
from reader.analysis.tables import team_spans
from reader.document.model import BlockKind, Document

_SKIP_OPENERS = re.compile(r"[\s\"'“‘(\[*#>•–—-]*")
_WORDS = re.compile(r"\S+")
_DATELINE_TAIL = re.compile(r"[ \t,]*(?:\d{4}-\d\d-\d\d|\d{1,2} [A-Za-z]+ \d{4}|\([A-Z][\w ]*\))")
_JOINING = frozenset({"of", "the", "and", "for", "&", "de", "van", "von", "der", "la", "le"})
_NAME = r"[A-Z][\w.&'-]*(?: (?:of |for |and |the |& )?[A-Z][\w.&'-]*)*"
_LEFT = re.compile(rf"(?<![\w.])(?P<left>{_NAME})\Z")
_RIGHT = re.compile(
    rf"\((?P<cue>(?:formerly|previously|now|also known as|known as|aka|or) )?(?P<right>{_NAME})\)"
)
_PAREN = re.compile(r" \(")
_PLACE_BEFORE = frozenset({"in", "near", "outside", "across", "around", "towards", "toward"})
_ORG_BEFORE = re.compile(
    r"\b(?:shares|stakes?|subsidiary|units?|stock)[ \t]+(?:in|of)[ \t]+\Z", re.IGNORECASE
)
_ORG_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:shares|stock|spokes(?:man|woman|person)|chief executive|board)\b"
)
_SAID = frozenset({"said", "says", "told", "added", "asked", "wrote"})
_PREV_WORD = re.compile(r"([A-Za-z][\w-]*)[ \t]+$")
_NEXT_SAID = re.compile(r"[ \t]*(?:,[^,\n]{0,40},[ \t]*)?(?:said|says|told|added|stated|argued)\b")

Span = tuple[int, int]


def _sentence_starts(document: Document) -> frozenset[int]:
    """Where the document's sentences start, skipping opening quotes and bullets."""
    text = document.text
    return frozenset(_SKIP_OPENERS.match(text, s.start).end() for s in document.sentences)


def _headings(document: Document) -> tuple[Span, ...]:
    """Spans of heading blocks: capitalised like titles, so no evidence of names."""
    return tuple((b.start, b.end) for b in document.blocks if b.kind == BlockKind.HEADING)


class _Resolver:
    """Decides which candidate mentions are names, and under which key they group."""

    def __init__(self, text: str, scan: mn.Scan) -> None:
        self.text = text
        self.scan = scan
        self.gaz = gazetteer()
        self.evidence: dict[str, Evidence] = defaultdict(Evidence)
        self.spans: dict[str, list[Span]] = defaultdict(list)
        self.known: set[str] = set()
        self.surnames: set[str] = set()
        self.stop = word_set("stopwords_caps.txt")
        self.claimed: set[int] = set()

    def teams(self) -> None:
        """Names in results tables: teams, kept apart from the place they are named after."""
        for start, end in team_spans(self.text):
            key = "team:" + name_key(self.text[start:end])
            self.add(start, end, 0, forced="org", key=key)
            self.claimed.add(start)

    def add(
        self,
        start: int,
        end: int,
        flags: int,
        forced: EntityKind | None = None,
        key: str | None = None,
    ) -> None:
        """Record a kept mention and what its context says about its kind."""
        if start in self.claimed:
            return
        name = self.text[start:end]
        if key is None:
            key = name_key(name)
            key = place_groups().get(key, key)
        self.spans[key].append((start, end))
        ev = self.evidence[key]
        ev.forms[name] += 1
        if flags & mn.TITLE:
            ev.title += 1
        if forced is not None:
            ev.forced = forced
        if not flags & mn.CAPS:
            prev = _PREV_WORD.search(self.text, max(0, start - 30), start)
            before = prev.group(1).casefold() if prev else ""
            if before in mn.titles():
                ev.title += 1
            if before in _SAID or _NEXT_SAID.match(self.text, end):
                ev.said += 1
            if before in _PLACE_BEFORE:
                ev.near += 1
            if _ORG_BEFORE.search(self.text, max(0, start - 24), start) or _ORG_AFTER.match(
                self.text, end
            ):
                ev.org += 1

    def is_known(self, key: str, single: bool) -> bool:
        """Whether a name was seen alone or as a surname elsewhere, or is in the gazetteer."""
        return key in self.known or key in self.gaz or (single and key in self.surnames)

    def normal(self, mentions: Iterable[mn.Mention]) -> None:
        """Mentions in running text, not sentence-initial: capitals are evidence."""
        for m in mentions:
            name = self.text[m.start : m.end]
            if len(name) == 1:
                continue
            self.add(m.start, m.end, m.flags)
            self.known.add(name_key(name))
            if " " in name:
                self.surnames.add(name_key(name.rsplit(" ", 1)[1]))

    def opener(self, m: mn.Mention) -> mn.Mention | None:
        """A multi-word sentence opener as a plain mention, without a common first word."""
        name = self.text[m.start : m.end]
        cut = name.find(" ")
        if cut < 0:
            return None
        first = name[:cut]
        known = name_key(first) in self.gaz or name_key(name) in self.gaz
        if self.common(first) and not known:
            start = m.start + len(name) - len(name[cut:].lstrip())
            rest = mn.Mention(start, m.end, m.flags)
            return None if self.common(self.text[start : m.end]) else rest
        return m

    def common(self, word: str) -> bool:
        """Whether the text also writes `word` in lower case (so it is no name)."""
        folded = word.casefold()
        in_text = folded in self.scan.lower_words or folded in common_words()
        return in_text and word not in first_names()

    def initial(self, m: mn.Mention) -> None:
        """A one-word sentence opener: kept only if known as a name from elsewhere."""
        name = self.text[m.start : m.end]
        key = name_key(name)
        if key in self.known or key in self.surnames or (key in self.gaz and not self.common(name)):
            self.add(m.start, m.end, m.flags)

    def caps(self, m: mn.Mention) -> None:
        """All-caps or heading text: keep only the longest known names inside it."""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        if not self.text[line_start : m.start].strip() and _DATELINE_TAIL.match(self.text, m.end):
            self.add(m.start, m.end, m.flags, forced="place")
            return
        name = self.text[m.start : m.end]
        words = [(w.start(), w.end()) for w in _WORDS.finditer(name)]
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + n - 1][1]
                if name[s : words[i][1]].title() in self.stop or e - s == 1:
                    continue
                if self.is_known(name_key(name[s:e]), n == 1):
                    self.add(m.start + s, m.start + e, m.flags)
                    i += n
                    break
            else:
                i += 1


def _fold(spans: dict[str, list[Span]], evidence: dict[str, Evidence], src: str, dst: str) -> None:
    """Move every mention and all evidence of group `src` into group `dst`."""
    if src != dst and src in spans and dst in spans:
        spans[dst].extend(spans.pop(src))
        evidence[dst].absorb(evidence.pop(src))


def _acronym(form: str) -> bool:
    """Whether `form` is written like an acronym ("UN", "U.N."), not a shouted name."""
    bare = form.replace(".", "")
    return bare.isupper() and len(bare) <= 4


def _initials(name: str) -> str:
    """Upper-case initials of a name's words, skipping joiners: "WSJ"."""
    return "".join(w[0] for w in name.split() if w.casefold() not in _JOINING).upper()


def _split_juxtaposed(resolver: _Resolver) -> None:
    """Split "Lebed Chechnya" or "at Tarutino Kutuzov" into the two names it runs together.

    A run is split when one half is a known place and both halves occur alone,
    or when both halves alone are far more frequent than the run itself.
    """
    spans, evidence, gaz = resolver.spans, resolver.evidence, resolver.gaz
    for key in [k for k in spans if " " in k and k not in gaz]:
        cut_at = _cut_word(key, spans, gaz)
        if cut_at is None or evidence[key].is_person_named():
            continue
        moved = spans.pop(key)
        del evidence[key]
        for start, end in moved:
            name = resolver.text[start:end]
            cut = start + [m.start() for m in re.finditer(" ", name)][cut_at]
            resolver.add(start, cut, 0)
            resolver.add(cut + 1, end, 0)


def _cut_word(key: str, spans: dict[str, list[Span]], gaz: dict[str, EntityKind]) -> int | None:
    """Index of the space to split the run `key` at, or None to keep it whole."""
    words = key.split()
    for i in (0, len(words) - 2):
        left, right = " ".join(words[: i + 1]), " ".join(words[i + 1 :])
        if left not in spans or right not in spans or words[i] in _JOINING:
            continue
        rare = 3 * len(spans[key]) < min(len(spans[left]), len(spans[right]))
        if rare or "place" in (gaz.get(left), gaz.get(right)):
            return i
    return None


def _link_aliases(resolver: _Resolver) -> None:
    """Fold "X (formerly Twitter)" and "Wall Street Journal (WSJ)" into one entity."""
    text, spans, evidence = resolver.text, resolver.spans, resolver.evidence
    for paren in _PAREN.finditer(text):
        m = _RIGHT.match(text, paren.end() - 1)
        before = _LEFT.search(text, max(0, paren.start() - 80), paren.start())
        if m is None or before is None:
            continue
        left, right = before.group("left"), m.group("right")
        acronym = right.replace(".", "") == _initials(left) or left.replace(".", "") == _initials(
            right
        )
        if not (m.group("cue") or (acronym and len(right) > 1)):
            continue
        lk, rk = (place_groups().get(name_key(x), name_key(x)) for x in (left, right))
        for key, found in ((lk, before.span("left")), (rk, m.span("right"))):
            if key not in spans:
                resolver.add(*found, 0)
        _fold(spans, evidence, rk, lk)


def _merge_short_forms(spans: dict[str, list[Span]], evidence: dict[str, Evidence]) -> None:
    """Fold "Musk" and "Mr Musk" into "Elon Musk", and "WSJ" into "Wall Street Journal"."""
    tails: dict[str, list[str]] = defaultdict(list)
    initials: dict[str, list[str]] = defaultdict(list)
    for key, ev in evidence.items():
        words = key.split()
        if len(words) < 2 or ev.forced is not None:
            continue
        if ev.may_be_person(key):
            for n in range(1, len(words)):
                tails[" ".join(words[n:])].append(key)
        letters = "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&"))
        if len(letters) >= 2:
            initials[letters].append(key)
    heads: dict[str, set[str]] = defaultdict(set)
    for key, ev in evidence.items():
        if " " in key and ev.is_person_named():
            heads[key.split()[0]].add(key)
    for key in list(evidence):
        if key.count(" ") > 2:
            continue
        if len(heads.get(key, ())) == 1 and not tails.get(key):
            _fold(spans, evidence, key, next(iter(heads[key])))
            continue
        owners = tails.get(key) or (initials.get(key) if key.isalpha() else None)
        owners = [o for o in owners or () if o != key and o in spans]
        if tails.get(key) and all(_acronym(f) for f in evidence[key].forms):
            continue
        if tails.get(key):
            owners = [o for o in owners if key not in gazetteer() or evidence[o].is_person_named()]
        if not owners:
            continue
        target = max(owners, key=lambda o: len(spans[o]))
        _fold(spans, evidence, key, target)


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
    scan = mn.scan(text, _sentence_starts(document), _headings(document), progress)
    resolver = _Resolver(text, scan)
    resolver.teams()
    plain, later = [], []
    for m in scan.mentions:
        if m.flags & (mn.CAPS | mn.PREFIX):
            later.append(m)
        elif m.flags & mn.INITIAL:
            opener = resolver.opener(m)
            (later if opener is None else plain).append(opener or m)
        else:
            plain.append(m)
    resolver.normal(plain)
    for m in later:
        if m.flags & (mn.CAPS | mn.PREFIX):
            resolver.caps(m)
        else:
            resolver.initial(m)
    _split_juxtaposed(resolver)
    _link_aliases(resolver)
    _merge_short_forms(resolver.spans, resolver.evidence)
    entities = _build(resolver.spans, resolver.evidence)
    if progress is not None:
        progress(1.0)
    return entities


def _disjoint(spans: dict[str, list[Span]]) -> dict[str, list[Span]]:
    """Each group's spans with overlaps removed: in text order, the longer span wins."""
    flat = sorted(
        ((span, key) for key, group in spans.items() for span in set(group)),
        key=lambda item: (item[0][0], -item[0][1]),
    )
    out: dict[str, list[Span]] = defaultdict(list)
    end = -1
    for span, key in flat:
        if span[0] >= end:
            out[key].append(span)
            end = span[1]
    return out


def _build(spans: dict[str, list[Span]], evidence: dict[str, Evidence]) -> tuple[Entity, ...]:
    """Entities from grouped spans: canonical name, aliases, kind, sorted mentions."""
    groups = [(key, tuple(own)) for key, own in _disjoint(spans).items()]
    groups.sort(key=lambda g: (-len(g[1]), g[1][0]))
    out = []
    for i, (key, mentions) in enumerate(groups, 1):
        forms: Counter[str] = evidence[key].forms
        name = max(forms, key=lambda f: (len(f.split()), len(f), forms[f]))
        aliases = tuple(sorted((f for f in forms if f != name), key=lambda f: -forms[f]))
        kind = decide_kind(key, name, evidence[key])
        out.append(Entity(f"e{i}", name, kind, aliases, mentions))
    return tuple(out)
