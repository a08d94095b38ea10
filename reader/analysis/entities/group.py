"""Grouping mentions into entities: short forms, aliases and run-together names.

Invariant: every function here only moves spans between the groups of a
`Resolver` (or splits one span into two sub-spans at a space); no span is
created outside the text and none is lost, so the mentions of all entities
stay exactly the kept names.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reader.analysis.entities.candidates import is_given_name
from reader.analysis.entities.kind import Evidence, is_team
from reader.analysis.entities.lexicon import first_names, gazetteer, name_key, place_groups
from reader.analysis.entities.resolve import Resolver
from reader.analysis.entities.scan import MAX_NAME_WORDS
from reader.analysis.model import EntityKind
from reader.analysis.wordlists import word_list
from reader.span import Span

_JOINING = frozenset({"of", "the", "and", "for", "&", "de", "van", "von", "der", "la", "le"})
_NAME = r"[A-Z][\w.&'-]*(?: (?:of |for |and |the |& )?[A-Z][\w.&'-]*)*"
_LEFT = re.compile(rf"(?<![\w.])(?P<left>{_NAME})\Z")
_RIGHT = re.compile(
    rf"\((?P<cue>(?:formerly|previously|now|also known as|known as|aka|or) )?(?P<right>{_NAME})\)"
)
_PAREN = re.compile(r" \(")
_SPACES = re.compile(r"\s+")


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


def split_juxtaposed(resolver: Resolver) -> None:
    """Split "Lebed Chechnya" or "at Tarutino Kutuzov" into the two names it runs together.

    A run is split when one half is a known place and both halves occur alone,
    or when both halves alone are far more frequent than the run itself.
    """
    spans, evidence, gaz = resolver.spans, resolver.evidence, resolver.gaz
    for key in [k for k in spans if " " in k and k not in gaz]:
        cut_at = _cut_word(key, spans, gaz)
        if cut_at is None or evidence[key].is_person_named():
            continue
        words = evidence[key].forms.most_common(1)[0][0].split()
        if is_team(words):
            continue  # "Boston Red Sox" is a team, not Boston beside the Red Sox
        if cut_at == len(words) - 2 and words[-1] in word_list("org_words.txt"):
            continue  # "United States Congress": a body of the place, not the two
        moved = spans.pop(key)
        del evidence[key]
        for start, end in moved:
            name = resolver.text[start:end]
            gap = list(_SPACES.finditer(name))[cut_at]
            resolver.add(start, start + gap.start(), 0)
            resolver.add(start + gap.end(), end, 0)


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


def link_aliases(resolver: Resolver) -> None:
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


def merge_short_forms(spans: dict[str, list[Span]], evidence: dict[str, Evidence]) -> None:
    """Fold "Musk" and "Mr Musk" into "Elon Musk", and "WSJ" into "Wall Street Journal".

    A surname two people share goes to the one the text does not call by the given
    name alone ("Ivanka Trump" and "Ivanka": "Trump" is "Donald Trump"), else to the
    one it names in full least often, then first: the writer repeats the full name
    of the one the bare surname is not."""
    tails: dict[str, list[str]] = defaultdict(list)
    initials: dict[str, list[str]] = defaultdict(list)
    for key, ev in evidence.items():
        words = key.split()
        if not 2 <= len(words) <= MAX_NAME_WORDS or ev.forced is not None:
            continue
        if ev.may_be_person(key):
            for n in range(1, len(words)):
                if words[n - 1] in ("of", "the"):
                    break  # "Theodorus of Tabennese": the seat is no surname
                tails[" ".join(words[n:])].append(key)
        letters = "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&"))
        if len(letters) >= 2:
            initials[letters].append(key)
    heads: dict[str, set[str]] = defaultdict(set)
    for key, ev in evidence.items():
        if " " in key and ev.is_person_named():
            heads[key.split()[0]].add(key)
    by_given = {o for head, full in heads.items() if head in spans for o in full}
    by_given.update(k for full in heads.values() for k in full if _called_by_given(k, evidence[k]))
    for key in list(evidence):
        if key.count(" ") > 2:
            continue
        given = any(f in first_names() for f in evidence[key].forms)
        if len(heads.get(key, ())) == 1 and (given or not tails.get(key)):
            _fold(spans, evidence, key, next(iter(heads[key])))
            continue
        owners = tails.get(key) or (initials.get(key) if key.isalpha() else None)
        owners = [o for o in owners or () if o != key and o in spans]
        if tails.get(key) and all(_acronym(f) for f in evidence[key].forms):
            continue
        if tails.get(key) and key in gazetteer():
            # a place is a surname only alone, of a person with a given name ("Lincoln"
            # of "Abraham Lincoln"; "New York" is no surname of "Tussauds New York")
            owners = [o for o in owners if " " not in key and _given_named(o, evidence[o])]
        elif (
            tails.get(key)
            and given
            and len(owners) > 1
            and not any(_given_named(o, evidence[o]) for o in owners)
        ):
            # a given name ending several runs, none a person's name with a given name
            # or a title, is no one's surname: a place ran into the subject ("the
            # Patriarch's Ponds Pierre found", "the Bolótnoe Place / Pierre saw")
            continue
        if not owners:
            continue
        if tails.get(key) and len(owners) > 1:
            # "Ivanka Trump" called "Ivanka" leaves the bare "Trump" to "Donald Trump"
            owners = [o for o in owners if o not in by_given] or owners
            target = min(owners, key=lambda o: (len(spans[o]), min(spans[o])))
        else:
            target = max(owners, key=lambda o: len(spans[o]))
        _fold(spans, evidence, key, target)


def _given_named(key: str, ev: Evidence) -> bool:
    """Whether the person `key` is named with a given name or a title."""
    return ev.title > 0 or any(is_given_name(f.split()[0]) for f in ev.forms)


def _called_by_given(key: str, ev: Evidence) -> bool:
    """Whether the person `key` is also named by the given name alone ("Ivanka")."""
    given = key.split()[0]
    return any(" " not in f and name_key(f) == given for f in ev.forms)


def merge_org_short_forms(spans: dict[str, list[Span]], evidence: dict[str, Evidence]) -> None:
    """Fold "the Chronicle" into "Financial Chronicle" and "Quayline" into "Quayline Construction".

    A shorter form joins an organisation it begins or ends when that
    organisation is the only one it could be; known places never do ("New
    York" stays apart from "New York Times").
    """
    parts: dict[str, set[str]] = defaultdict(set)
    for key, ev in evidence.items():
        words = key.split()
        if 2 <= len(words) <= MAX_NAME_WORDS and ev.forced is None and ev.is_org_named(key):
            for n in range(1, len(words)):
                if words[n - 1] not in _JOINING and words[n] not in _JOINING:
                    parts[" ".join(words[:n])].add(key)
                    parts[" ".join(words[n:])].add(key)
    gaz = gazetteer()
    for key in list(evidence):
        owners = [o for o in parts.get(key, ()) if o in spans]
        ev = evidence[key]
        if len(owners) == 1 and key not in gaz and not (ev.is_person_named() or ev.near):
            _fold(spans, evidence, key, owners[0])


def disjoint(spans: dict[str, list[Span]]) -> dict[str, list[Span]]:
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
