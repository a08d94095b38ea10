"""The reader's verdicts on claims, as the panel shows them and the body sets them.

Invariant: the panel never touches the store. The screen hosting the panel
(when it has notes: `VerdictHost`) loads and saves verdicts off the event
loop; the lists only hold a `claim id -> verdict` map and draw a small label
coloured by the `verdict--*` component classes (theme variables, set in
`styles/panel.tcss`). The store's module is imported only once a verdict
exists, so the panel costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.analysis.model import Analysis, Claim
    from reader.tui.panel.panel import SidePanel

VERDICT_COMPONENTS: frozenset[str] = frozenset(
    {
        "verdict--supported",
        "verdict--disputed",
        "verdict--false",
        "verdict--needs-checking",
    }
)
"""One component class per verdict (see `reader.notes.model.VERDICTS`)."""


@runtime_checkable
class VerdictHost(Protocol):
    """What a screen offers for verdicts (`NotedReadingScreen` does)."""

    def verdict_at(self, start: int, end: int) -> str | None:
        """The verdict on the claim at `start..end`."""

    def cycle_verdict(
        self,
        start: int,
        end: int,
        claim_id: str | None = None,
        done: Callable[[str | None], Any] | None = None,
    ) -> None:
        """Move the claim's verdict to the next one; `done` gets it once saved."""

    def when_verdicts_loaded(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once the verdicts are loaded."""


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


class VerdictKeys:
    """Mixin for `ReadingBody`: the verdict key, and saved verdicts shown in the panel."""

    analysis: Analysis | None
    panel: SidePanel
    screen: Screen[Any]

    if TYPE_CHECKING:  # provided by `ArticleLink` and `Widget`

        def claim_under_cursor(self) -> Claim | None: ...

        def notify(self, message: str, *, timeout: float | None = None) -> None: ...

    def _verdict_host(self) -> VerdictHost | None:
        screen = self.screen
        return screen if isinstance(screen, VerdictHost) else None

    def load_verdicts(self) -> None:
        """Show the saved verdicts beside the claims once the store has loaded them."""
        host = self._verdict_host()
        if host is not None and self.analysis is not None:
            host.when_verdicts_loaded(self._show_verdicts)

    def _show_verdicts(self) -> None:
        host, analysis = self._verdict_host(), self.analysis
        if host is None or analysis is None:
            return
        verdicts = {c.id: v for c in analysis.claims if (v := host.verdict_at(c.start, c.end))}
        self.panel.show_verdicts(verdicts)

    def action_cycle_verdict(self) -> None:
        """Set the verdict on the claim under the cursor (panel or article): none →
        supported → disputed → false → needs checking → none."""
        host = self._verdict_host()
        if host is None:
            self.notify("Verdicts are kept with notes, which are off here.", timeout=3)
            return
        panel = self.panel
        in_panel = panel.has_focus_within
        claim = panel.focused_claim(fallback=False) if in_panel else self.claim_under_cursor()
        if claim is None:
            if panel.index is None:
                hint = "the claims are not ready yet"
            else:
                hint = "choose a claim first" if in_panel else "] goes to the next claim"
            self.notify(f"Verdicts go on claims: {hint}.", timeout=3)
            return
        done = lambda verdict: self._verdict_saved(claim, verdict)  # noqa: E731
        host.cycle_verdict(claim.start, claim.end, claim.id, done)

    def _verdict_saved(self, claim: Claim, verdict: str | None) -> None:
        self.panel.show_verdict(claim.id, verdict)
        message = f"Verdict: {verdict_label(verdict)}" if verdict else "Verdict cleared."
        self.notify(message, timeout=2)
