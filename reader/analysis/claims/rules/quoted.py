"""Cue rule: a cue inside a quotation is content, not a cue (a quoted "I said no")."""

from __future__ import annotations

import re

from reader.analysis.claims.state import UnitState


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Handle (by dropping) a cue that lies inside a quotation."""
    return state.quotes.containing(m.start()) is not None
