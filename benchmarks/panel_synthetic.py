"""A large, crude analysis of any text, for scale tests and benchmarks.

Invariant: every span indexes the given text exactly (taken from regex
matches); only the size and shape of the result are realistic, not its
accuracy. No Textual import.
"""

from __future__ import annotations

import re

from reader.analysis.model import Analysis, Claim, Entity
from reader.document.model import Document

_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_CUES = {
    "said": ("statement",),
    "replied": ("statement", "quote"),
    "asked": ("quote",),
    "denied": ("denial",),
    "thought": ("opinion",),
    "reported": ("reported",),
    "told": ("reported",),
    "seemed": ("alleged",),
    "knew": ("statement",),
    "answered": ("quote",),
    "cried": ("quote", "opinion"),
    "was": ("statement",),
    "had": ("statement",),
    "not": ("denial",),
    "perhaps": ("alleged",),
}
_CUE = re.compile(r"\b(" + "|".join(_CUES) + r")\b")


def synthetic_analysis(text: str) -> Analysis:
    """A large, crude analysis of any text, for scale tests and benchmarks.

    Entities are runs of capitalised words; a claim is any
    sentence-sized stretch around a reporting word; every 40th claim disputes
    the one before. Only its size and shape are realistic, not its accuracy.
    """
    mentions: dict[str, list[tuple[int, int]]] = {}
    for match in _NAME.finditer(text):
        mentions.setdefault(match.group(), []).append(match.span())
    names = list(mentions)
    kinds = ("person", "org", "place", "other")
    entities = tuple(
        Entity(f"e{i}", n, kinds[sum(map(ord, n)) % 4], (), tuple(mentions[n]))
        for i, n in enumerate(names, 1)
    )
    by_name = {e.name: e.id for e in entities}
    claims: list[Claim] = []
    for match in _CUE.finditer(text):
        start = max(text.rfind(".", 0, match.start()) + 1, match.start() - 300)
        end = min(text.find(".", match.end()) % (len(text) + 1) + 1, match.end() + 300)
        names_here = [
            by_name[m.group()] for m in _NAME.finditer(text, start, end) if m.group() in by_name
        ]
        number = len(claims) + 1
        disputes = (f"c{number - 1}",) if number % 40 == 0 else ()
        claims.append(
            Claim(
                f"c{number}",
                start,
                end,
                (match.end(), end),
                match.span(),
                None,
                names_here[0] if names_here else None,
                _CUES[match.group()],
                tuple(dict.fromkeys(names_here[1:])),
                disputes,
            )
        )
    doc = Document(text=text, title="synthetic", source="synthetic")
    return Analysis(document=doc, entities=entities, claims=tuple(claims))
