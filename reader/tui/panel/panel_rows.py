"""What the entity and claim lists share: the index they draw from, the colours, the verdicts.

Invariant: rows are drawn from `index` and `verdicts` as they are when the line
is drawn; the owning tab replaces them and refreshes, never edits them in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text

from reader.tui.panel.index import PanelIndex
from reader.tui.panel.looks import Palette
from reader.tui.panel.rows import ClaimRow, claim_in_full
from reader.tui.panel.verdicts import VERDICT_COMPONENTS, verdict_text
from reader.tui.panel.vlist import VirtualList


class PanelRows(VirtualList):
    """A virtual list of panel rows over one `PanelIndex`, showing the reader's verdicts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(VERDICT_COMPONENTS)

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty list."""
        super().__init__(id=id)
        self.index: PanelIndex | None = None
        """The analysis the rows come from (None until it lands)."""
        self.palette = Palette.from_variables({})
        """Colours per kind and tag, from the theme."""
        self.verdicts: Mapping[str, str] = {}
        """The reader's verdict per claim id."""
        self.across: Mapping[str, tuple[str, ...]] = {}
        """What other articles say per claim id (see `reader.tui.panel.across`)."""

    def verdict(self, claim_id: str) -> Text | None:
        """The verdict label drawn beside the claim `claim_id`, if it has one."""
        return verdict_text(self, self.verdicts, claim_id)

    def claim_lines(self, row: ClaimRow, width: int, first: int, indent: int = 3) -> list[Text]:
        """The claim of `row` in full (source, disputes, whole text), wrapped to `width`,
        its first line `first` columns in, the others `indent` (issue 14: a chosen claim
        is readable in full at any width)."""
        assert self.index is not None
        claim_id = row.claim.id
        across = self.across.get(claim_id, ())
        text = claim_in_full(row, self.index, self.palette, self.verdict(claim_id), across)
        lines = text.wrap(self.app.console, max(width - indent, 8))
        return [Text(" " * (indent if n else first)) + line for n, line in enumerate(lines)]
