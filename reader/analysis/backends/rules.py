"""The built-in rule backend: no model to download, fast enough for a whole book.

Entities come from `entities.find_entities`, claims (with disputes linked)
from `claims.find_claims`; both index `document.text`.
"""

from __future__ import annotations

from reader.analysis.backends import scaled
from reader.analysis.model import Analysis, ProgressCallback
from reader.document.model import Document


class RuleBackend:
    """Entities and claims by rules and word lists shipped in `reader.data`."""

    name = "rules"

    def analyze(self, document: Document, progress: ProgressCallback | None = None) -> Analysis:
        """Analyse `document`: entities first, then the claims that refer to them."""
        from reader.analysis.regex_cache import preload

        preload()  # before the rule modules compile their patterns
        from reader.analysis.claims import find_claims
        from reader.analysis.entities import find_entities

        entities = find_entities(document, scaled(progress, 0.0, 0.5))
        claims = find_claims(document, entities, scaled(progress, 0.5, 1.0))
        if progress is not None:
            progress(1.0)
        return Analysis(document=document, entities=tuple(entities), claims=tuple(claims))
