"""Analysis backends: each composes an entity finder with the claim finder.

`rules` runs `reader.analysis.entities` then `reader.analysis.claims`; `spacy`
replaces the entity stage with a spaCy pipeline. Both satisfy
`reader.analysis.model.Backend`; `reader.analysis.get_backend` picks one.
"""

from __future__ import annotations

from reader.analysis.model import ProgressCallback


def scaled(progress: ProgressCallback | None, low: float, high: float) -> ProgressCallback | None:
    """A callback mapping a stage's 0..1 onto `low..high` of the whole run."""
    if progress is None:
        return None
    return lambda fraction: progress(low + (high - low) * min(max(fraction, 0.0), 1.0))
