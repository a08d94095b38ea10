"""The optional spaCy backend: spaCy's named entities, the rule claim finder.

Invariant: spaCy sees `document.text` in chunks cut at line breaks, and every
mention offset is shifted back by its chunk's start, so mentions index
`document.text` exactly as the rule backend's do. spaCy is imported only when
this backend is built; a missing package or model is an `AnalysisError` that
names the missing piece. No download ever happens here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.analysis.backends import scaled
from reader.analysis.model import Analysis, Entity, EntityKind, ProgressCallback
from reader.document.model import Document
from reader.errors import AnalysisError
from reader.span import Span

DEFAULT_MODEL = "en_core_web_sm"
CHUNK_CHARS = 50_000
"""spaCy refuses texts over `nlp.max_length`; chunks also give progress steps."""

LABEL_KINDS: dict[str, EntityKind | None] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": None,
}
"""spaCy label -> entity kind; None drops it; any label not listed is `other`."""

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
"""Labels that are values, not named things: never entities."""

_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019.,;:()[]"


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load (once per process) the spaCy pipeline `name`: a package, a path or `blank:LANG`."""
    try:
        import spacy
    except ImportError as error:
        raise AnalysisError("the spaCy backend needs spaCy: pip install 'reader[spacy]'") from error
    if name.startswith("blank:"):
        try:
            return spacy.blank(name.removeprefix("blank:"))
        except ImportError as error:
            raise AnalysisError(f"spaCy has no language {name.removeprefix('blank:')!r}") from error
    looks_like_path = "/" in name or "\\" in name or name.startswith(".")
    if looks_like_path and not Path(name).exists():
        raise AnalysisError(f"spaCy model directory {name!r} does not exist")
    try:
        return spacy.load(name)
    except OSError as error:
        if looks_like_path:
            raise AnalysisError(f"{name!r} is not a spaCy model directory") from error
        raise AnalysisError(
            f"spaCy model {name!r} is not installed: python -m spacy download {name}"
        ) from error


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield `(start, piece)` covering `text`, each cut after a line break when one is near."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def trim(text: str, start: int, end: int) -> Span | None:
    """Shrink a mention span past quotes, punctuation and a possessive "'s"; None if empty."""
    while start < end and text[start] in _EDGE:
        start += 1
    while start < end and text[end - 1] in _EDGE:
        end -= 1
    match = _POSSESSIVE.search(text, start, end)
    if match and match.start() > start:
        end = match.start()
    return (start, end) if start < end else None


def _key(surface: str) -> str:
    words = surface.casefold().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _merge_short_forms(groups: dict[str, list[tuple[Span, EntityKind]]]) -> None:
    """Fold "Vendelbo" into "Lars Vendelbo" when exactly one longer name ends with it."""
    for key in sorted(groups, key=lambda k: len(k.split())):
        words = key.split()
        longer = [
            other
            for other in groups
            if len(other.split()) > len(words) and other.split()[-len(words) :] == words
        ]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(key))


def group_mentions(text: str, mentions: list[tuple[Span, EntityKind]]) -> list[Entity]:
    """Group typed mention spans into entities, most mentioned first, ids `e1`, `e2`, ...

    Args:
        text: The text every span indexes.
        mentions: `((start, end), kind)` pairs, in any order.

    Returns:
        One entity per name, short forms folded into the one longer name they end.
    """
    groups: dict[str, list[tuple[Span, EntityKind]]] = defaultdict(list)
    for span, kind in mentions:
        groups[_key(text[span[0] : span[1]])].append((span, kind))
    _merge_short_forms(groups)
    built = []
    for members in groups.values():
        spans = sorted({span for span, _ in members})
        surfaces = list(dict.fromkeys(" ".join(text[s:e].split()) for s, e in spans))
        name = max(surfaces, key=lambda s: (len(s.split()), len(s)))
        kind = Counter(kind for _, kind in members).most_common(1)[0][0]
        aliases = tuple(s for s in surfaces if s.casefold() != name.casefold())
        built.append((name, kind, aliases, tuple(spans)))
    built.sort(key=lambda item: (-len(item[3]), item[3][0]))
    return [Entity(f"e{i}", *item) for i, item in enumerate(built, start=1)]


class SpacyBackend:
    """Entities from a spaCy pipeline's `doc.ents`; claims from the rule claim finder."""

    name = "spacy"

    def __init__(self, model: str | None = None) -> None:
        """Load `model` (default `en_core_web_sm`); raise `AnalysisError` if it cannot be."""
        self.model = model or DEFAULT_MODEL
        self.nlp = load_model(self.model)

    def mentions(
        self, text: str, progress: ProgressCallback | None = None
    ) -> list[tuple[Span, EntityKind]]:
        """Every typed entity mention spaCy finds in `text`, as spans into `text`."""
        found: list[tuple[Span, EntityKind]] = []
        pieces = [(piece, start) for start, piece in chunks(text)]
        for done, (doc, offset) in enumerate(self.nlp.pipe(pieces, as_tuples=True), start=1):
            for ent in doc.ents:
                if ent.label_ in NUMERIC_LABELS:
                    continue
                kind = LABEL_KINDS.get(ent.label_, "other")
                span = trim(text, offset + ent.start_char, offset + ent.end_char)
                if kind is not None and span is not None:
                    found.append((span, kind))
            if progress is not None:
                progress(done / len(pieces))
        return found

    def analyze(self, document: Document, progress: ProgressCallback | None = None) -> Analysis:
        """Analyse `document`: spaCy entities first, then the claims that refer to them."""
        from reader.analysis.claims import find_claims

        entities = group_mentions(
            document.text, self.mentions(document.text, scaled(progress, 0.0, 0.7))
        )
        claims = find_claims(document, entities, scaled(progress, 0.7, 1.0))
        if progress is not None:
            progress(1.0)
        return Analysis(document=document, entities=tuple(entities), claims=tuple(claims))
