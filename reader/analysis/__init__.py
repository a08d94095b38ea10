"""The analysis layer: entities and claims over a `Document`'s canonical text.

`analyze(document)` runs the default rule backend; `--backend spacy` picks the
optional spaCy backend. Every offset in the result indexes `document.text`
(a `reader.span.Span`). No Textual import here.

Layout: `model` (Entity, Claim, Analysis, the Backend protocol); `entities`
(the entity pipeline: scan, resolve, group, kind); `claims` (units, the rule
registry and its rules, phrases, coreference, disputes); `backends` (rules,
spacy: each composes an entity finder with the claim finder); `wordlists`
(the one loader of `reader.data`); `table_cache` and `regex_cache` (costly
tables and patterns kept compiled between runs); `runner` (one document in a
child process) and `batch` (many, in `workers` processes). `entities` and `claims` never import
each other: they share only `model`, `wordlists` and `reader.span`.
"""

from __future__ import annotations

from reader.analysis.model import (
    Analysis,
    Backend,
    Claim,
    ClaimTag,
    Entity,
    EntityKind,
    ProgressCallback,
)
from reader.document.model import Document
from reader.errors import AnalysisError

BACKENDS = ("rules", "spacy")

__all__ = [
    "BACKENDS",
    "Analysis",
    "Backend",
    "Claim",
    "ClaimTag",
    "Entity",
    "EntityKind",
    "ProgressCallback",
    "analyze",
    "get_backend",
]


def get_backend(name: str = "rules", model: str | None = None) -> Backend:
    """Return the backend called `name`; raise `AnalysisError` if it cannot run here."""
    if name == "rules":
        from reader.analysis.backends.rules import RuleBackend

        return RuleBackend()
    if name == "spacy":
        from reader.analysis.backends.spacy import SpacyBackend

        return SpacyBackend(model)
    raise AnalysisError(f"unknown analysis backend {name!r} (choose from {', '.join(BACKENDS)})")


def analyze(
    document: Document,
    *,
    backend: str = "rules",
    model: str | None = None,
    progress: ProgressCallback | None = None,
) -> Analysis:
    """Analyse `document` with the named backend, reporting progress as a fraction."""
    return get_backend(backend, model).analyze(document, progress)
