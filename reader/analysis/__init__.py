"""The analysis layer: entities and claims over a `Document`'s canonical text.

`analyze(document)` runs the default rule backend; `--backend spacy` picks the
optional spaCy backend. Every offset in the result indexes `document.text`.
No Textual import here.
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
