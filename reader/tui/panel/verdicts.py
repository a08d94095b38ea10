"""The reader's verdicts on claims, as the panel shows them and the body sets them.

Invariant: the panel never touches the store. The screen hosting the panel
(when it has notes) loads and saves verdicts off the event loop, asked by the
`ReadingBody.VerdictWanted` message; the lists only hold a `claim id -> verdict`
map and draw a small label coloured by the `verdict--*` component classes (theme
variables, set in `styles/panel.tcss`). The store's module is imported only once
a verdict exists, so the panel costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widget import Widget

VERDICT_COMPONENTS: frozenset[str] = frozenset(
    {
        "verdict--supported",
        "verdict--disputed",
        "verdict--false",
        "verdict--needs-checking",
    }
)
"""One component class per verdict (see `reader.notes.model.VERDICTS`)."""


def verdict_label(verdict: str) -> str:
    """How a verdict reads beside a claim: `✓ supported`."""
    from reader.notes.verdicts import LABELS

    return LABELS.get(verdict, verdict)


def verdict_text(widget: Widget, verdicts: Mapping[str, str], claim_id: str) -> Text | None:
    """The claim's verdict as a label coloured by `widget`'s `verdict--*` component
    class, or None when it has none."""
    verdict = verdicts.get(claim_id)
    if verdict is None:
        return None
    style = widget.get_component_rich_style(f"verdict--{verdict}", partial=True)
    return Text(verdict_label(verdict), style=style)
