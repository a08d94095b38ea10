"""Names in sports results tables: teams, whatever else their words could mean.

Invariant: `team_spans` returns spans of `text` that hold exactly a name
standing alone before a run of scores on its own line: a standings row
("Name 10 6 2 2 18 9 20") or a result row ("Name 3 Other Name 1"). Those
names are teams (organisations), even when a city of that name exists.
"""

from __future__ import annotations

import re

from reader.analysis.entities.lexicon import first_names
from reader.span import Span

_NAME = r"[A-Z][\w.'&-]*(?:[ \t]+(?:[A-Z][\w.'&-]*|of|de|la|and|&))*"
_STANDING = re.compile(rf"^(?P<a>{_NAME})(?:[ \t]+[\d.]+(?:[ \t]+\d/\d)?){{3,}}[ \t]*$", re.M)
_RESULT = re.compile(rf"^(?P<a>{_NAME})[ \t]+\d+[ \t]+(?P<b>{_NAME})[ \t]+\d+[ \t]*$", re.M)


def _team(name: str) -> bool:
    """Whether a table name looks like a team rather than a player."""
    first = name.split()[0]
    return first not in first_names() and not name.isdigit()


def team_spans(text: str) -> list[Span]:
    """Spans of the team names in the text's results and standings rows."""
    spans: list[Span] = []
    for pattern, groups in ((_STANDING, ("a",)), (_RESULT, ("a", "b"))):
        for m in pattern.finditer(text):
            spans.extend(m.span(g) for g in groups if _team(m.group(g)))
    return sorted(spans)
