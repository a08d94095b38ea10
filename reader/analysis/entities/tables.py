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
_SCORES = (re.compile(r" [\d.]"), re.compile(r"\t[\d.]"))
"""What every row of either kind holds: a blank, then a digit or a dot. One pattern per
blank: a pattern led by one literal character is found by the engine's quickest scan,
a class of two is tested at every character (three times slower on a book)."""


def _team(name: str) -> bool:
    """Whether a table name looks like a team rather than a player."""
    first = name.split()[0]
    return first not in first_names() and not name.isdigit()


def team_spans(text: str) -> list[Span]:
    """Spans of the team names in the text's results and standings rows."""
    spans: list[Span] = []
    for start in _score_lines(text):
        for pattern, groups in ((_STANDING, ("a",)), (_RESULT, ("a", "b"))):
            if (m := pattern.match(text, start)) is not None:
                spans.extend(m.span(g) for g in groups if _team(m.group(g)))
    return sorted(spans)


def _score_lines(text: str) -> list[int]:
    """Starts of the lines that hold a blank before a digit or a dot (`_SCORES`): the only
    ones a row can start (a row is one line), found by one quick scan instead of trying
    both patterns at every line."""
    starts: list[int] = []
    pos = 0
    spaced, tabbed = (pattern.search for pattern in _SCORES)
    tab = tabbed(text)
    while True:
        if tab is not None and tab.start() < pos:
            tab = tabbed(text, pos)
        space = spaced(text, pos)
        found = space if tab is None or (space is not None and space.start() < tab.start()) else tab
        if found is None:
            break
        starts.append(text.rfind("\n", 0, found.start()) + 1)
        end = text.find("\n", found.end())
        if end < 0:
            break
        pos = end + 1
    return starts
