"""The reading body: article and side panel side by side, wired together.

Invariant: `ReadingBody` is the only place where the panel meets the article.
It runs the analysis in one exclusive thread worker (cancelled when the body
goes away, e.g. another article opens; a long document is analysed in a child
process the worker supervises), hands progress and the result to the
panel on the UI thread, and owns the keys that span both (tab, p, < >, [ ],
m, x, escape, and the panel's w, o, s pressed outside it); the linking itself
is the `ArticleLink` mixin (`link.py`). It talks to the screen only with
messages: `Analysed` once the panel is filled, `VerdictWanted` for the verdict
key (the screen, which owns the store, saves it and calls `verdict_saved`). A
failed analysis is a one-line message in the panel; the article stays readable.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.tui.panel.early_child import EarlyChild
from reader.tui.panel.link import ArticleLink
from reader.tui.panel.sizes import NARROW_WIDTH, PANEL_WIDTH, default_width
from reader.tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from reader.analysis.model import Analysis, Claim
    from reader.document.model import Document
    from reader.tui.panel.panel import SidePanel


def __getattr__(name: str) -> object:
    """`analyze`, `analyse_in_process` and `Stopped`, imported on first use, like the
    panel's widgets: with a long book, after the first frame (tests may replace them)."""
    if name == "analyze":
        from reader.analysis import analyze

        return analyze
    if name in ("analyse_in_process", "Stopped"):
        from reader.analysis import runner

        return getattr(runner, name)
    raise AttributeError(name)


def focus_now(widget: Widget) -> None:
    """`reader.tui.panel.vlist.focus_now`, imported when first needed."""
    from reader.tui.panel.vlist import focus_now as now

    now(widget)


def _new_panel() -> SidePanel:
    from reader.tui.panel.panel import SidePanel
    from reader.tui.panel.tabs.notes import NotesTab

    return SidePanel(NotesTab())


SUBPROCESS_CHARS = 200_000
"""Documents this long are analysed in a child process: a pure-Python analysis
in a thread would hold the GIL half the time and make keys lag (see
benchmarks/README.md); shorter ones take well under a second in the thread."""


class _Cancelled(Exception):
    """Raised inside the analysis thread to stop it once its worker is cancelled."""


class ReadingBody(ArticleLink, Horizontal):
    """Holds `#article` and `#side-panel`; mounts the panel and links the two."""

    @dataclass
    class Analysed(Message):
        """The analysis is in the panel: the host may show the saved verdicts."""

        analysis: Analysis

    @dataclass
    class VerdictWanted(Message):
        """The verdict key: the host moves `claim`'s verdict on (and calls
        `verdict_saved`), or says why not (`hint`: why there is no claim)."""

        claim: Claim | None
        """The claim under the cursor (panel or article), if any."""
        hint: str
        """Why there is no claim, when `claim` is None."""

    @dataclass
    class PanelResized(Message):
        """The reader chose a panel width with `<` / `>` (the host may save it)."""

        width: int

    HELP_TITLE: ClassVar[str] = "Article and panel"
    """The heading of these keys in the help (see `reader.tui.screens.help`)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch_focus", "Article/panel", show=False),
        Binding("p", "toggle_panel", "Panel"),
        Binding("less_than_sign", "resize(4)", "Wider panel", key_display="<", show=False),
        Binding("greater_than_sign", "resize(-4)", "Narrower panel", key_display=">", show=False),
        Binding(
            "left_square_bracket", "step_claim(-1)", "Previous claim", key_display="[", show=False
        ),
        Binding("right_square_bracket", "step_claim(1)", "Next claim", key_display="]"),
        Binding("m", "toggle_tint", "Tint mentions", show=False),
        Binding("x", "cycle_verdict", "Verdict on claim", show=False),
        Binding("escape", "leave_panel", "Back to the article", show=False),
        # The panel's own keys, pressed outside it (issue 14): they act or say where they do.
        Binding("w", "panel_tab", "Panel: next tab", show=False),
        Binding("o", "other_side", "Other side of a dispute", show=False),
        Binding("s", "entity_grouping", "Entities: group/sort", show=False),
    ]

    def __init__(
        self,
        *children: Widget,
        id: str | None = None,
        tint: bool = True,
        panel_width: int | None = None,
        early: EarlyChild | None = None,
    ) -> None:
        """Wrap the article and the panel host; `tint` colours mentions by kind;
        `panel_width` is a width the reader chose before (e.g. saved last time);
        `early` an analysis child made already (started by then or soon)."""
        super().__init__(*children, id=id)
        self.analysis: Analysis | None = None
        self.tint = tint
        self.selected_claim: Claim | None = None
        low, high = PANEL_WIDTH
        self.chosen_width = panel_width if panel_width and low <= panel_width <= high else None
        """The panel width the reader chose with `<` / `>` (wide layout), if any."""
        self.panel_open = True
        """Whether the panel is shown beside the article (wide layout)."""
        self.panel_view = False
        """Whether the panel is shown instead of the article (narrow layout)."""
        self.panel_ready = False
        """Whether the side panel is mounted (see `on_mount`)."""
        self._panel_waiting: list[Callable[[], object]] = []
        self._early_child = early or EarlyChild()

    @property
    def article(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        """The side panel (a panel key pressed before it is mounted passes on)."""
        if not self.panel_ready:
            raise SkipAction
        from reader.tui.panel.panel import SidePanel

        return self.query_one(SidePanel)

    def on_mount(self) -> None:
        """Mount the panel, show it, follow the cursor, start the analysis.

        With only the head of a long book in, the panel is mounted after the first frame:
        its 29 widgets and their styles were a third of the time from mounting the screen
        to the first frame, and it has nothing to show for seconds yet."""
        if not (hosts := self.query("#side-panel")):  # the app quit as the screen mounted
            return
        host = hosts.first()
        host.styles.width = default_width(self.app.size.width)
        self._lay_out(self.app.size.width)
        if self.article.rest.loading:
            self.call_after_refresh(self._mount_panel)
        else:
            host.mount(_new_panel())
            self.panel_ready = True
        self.watch(self.article, "cursor_sentence", self._follow_cursor, init=False)
        self.call_after_refresh(self._analyse_shown)

    def _analyse_shown(self) -> None:
        """Analyse the document the view shows now, not the one it was mounted with: under
        load this runs after a long book's whole text has replaced its head, and
        analysing the head then would cancel the book's analysis."""
        if self.is_attached:
            self.start_analysis(self.article.document)

    async def _mount_panel(self) -> None:
        host = self.query_one("#side-panel")
        if not host.is_attached:
            return  # the app quit before its first refresh ended (`q` at the first frame)
        await host.mount(_new_panel())
        self.panel_ready = True
        waiting, self._panel_waiting = self._panel_waiting, []
        for callback in waiting:
            callback()

    def when_panel(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the panel is mounted (now, if it is)."""
        if self.panel_ready:
            callback()
        else:
            self._panel_waiting.append(callback)

    # -- the analysis --------------------------------------------------------------

    def start_child_early(self) -> None:
        """Start the analysis child now: a long book's whole text is still being read."""
        self._early_child.start()

    def on_unmount(self) -> None:
        """A child started early and never used is stopped."""
        self._early_child.discard()

    def start_analysis(self, document: Document) -> None:
        """Analyse `document` in the background now (cancels a running analysis)."""
        if not self.panel_ready or not self.panel.closing:  # closing: `enter`, `q` at once
            self.analysis = None  # a panel mounted later shows it loading then
            self._in_panel(lambda panel: self.analysis or panel.loading(document.title))
            self._analyse(document)

    def _in_panel(self, act: Callable[[SidePanel], object]) -> None:
        """`act(panel)`, on the UI thread, once the panel is mounted and still there."""
        self.when_panel(lambda: None if self.panel.closing else act(self.panel))

    # A description of our own: Textual's default is the repr of the arguments, and the
    # repr of a 3 MB Document took 170 ms of the event loop right after the first frame.
    @work(
        thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis"
    )
    def _analyse(self, document: Document) -> None:
        here = sys.modules[__name__]  # see `__getattr__`
        analyze, analyse_in_process, stopped_error = (
            here.analyze,
            here.analyse_in_process,
            here.Stopped,
        )
        worker = get_current_worker()
        shown = [-1.0]

        def progress(fraction: float) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            if fraction - shown[0] >= 0.01:  # at most ~100 hops to the UI thread
                shown[0] = fraction
                self.app.call_from_thread(self._in_panel, lambda p: p.progress(fraction))

        child = self._early_child.take()
        try:
            if len(document.text) >= SUBPROCESS_CHARS:
                stopped = lambda: worker.is_cancelled  # noqa: E731
                analysis = analyse_in_process(document, progress, stopped, child=child)
            else:
                if child is not None:
                    child.close()
                analysis = analyze(document, progress=progress)
        except (_Cancelled, stopped_error):
            return
        except ReaderError as error:
            self._report(worker, str(error))
            return
        except Exception as error:  # noqa: BLE001 - a bug in a backend must not end the reading
            self._report(worker, f"internal error in the analysis ({type(error).__name__})")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._analysed, analysis)

    def _report(self, worker: object, message: str) -> None:
        if not getattr(worker, "is_cancelled", False):
            self.app.call_from_thread(self._in_panel, lambda p: p.failed(message))

    def _analysed(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._in_panel(lambda panel: self._fill(panel, analysis))

    def _fill(self, panel: SidePanel, analysis: Analysis) -> None:
        panel.show(analysis)
        self._apply_tint()
        self._follow_cursor(self.article.cursor_sentence)
        self.post_message(self.Analysed(analysis))

    # -- verdicts (saved by the host) -------------------------------------------------

    def show_verdicts(self, verdict_at: Callable[[int, int], str | None]) -> None:
        """Show the saved verdicts beside the claims (`verdict_at(start, end)`)."""
        analysis = self.analysis
        if analysis is not None:
            verdicts = {c.id: v for c in analysis.claims if (v := verdict_at(c.start, c.end))}
            self.panel.show_verdicts(verdicts)

    def action_cycle_verdict(self) -> None:
        """Ask the host to set the verdict on the claim under the cursor (panel or
        article): none → supported → disputed → false → needs checking → none."""
        panel = self.panel
        in_panel = panel.has_focus_within
        claim = panel.focused_claim(fallback=False) if in_panel else self.claim_under_cursor()
        hint = ""
        if claim is None:
            if panel.index is None:
                hint = "the claims are not ready yet"
            else:
                hint = "choose a claim first" if in_panel else "] goes to the next claim"
        self.post_message(self.VerdictWanted(claim, hint))

    def verdict_saved(self, claim: Claim, verdict: str | None) -> None:
        """Show a verdict the host has saved."""
        from reader.tui.panel.verdicts import verdict_label

        self.panel.show_verdict(claim.id, verdict)
        message = f"Verdict: {verdict_label(verdict)}" if verdict else "Verdict cleared."
        self.notify(message, timeout=2)

    # -- focus and layout ------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        """Whether the panel and the article take turns (the narrow layout)."""
        return self.has_class("-narrow")

    def _lay_out(self, width: int) -> None:
        """Side by side from `NARROW_WIDTH` columns, else one at a time, full width."""
        host = self.query_one("#side-panel")
        narrow = width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        shown = self.panel_view if narrow else self.panel_open
        host.set_class(shown, "-visible")
        self.set_class(narrow and shown, "-panel-view")  # the article hidden, keeping its place
        if narrow:
            host.styles.width = None  # the stylesheet's full width
        else:
            host.styles.width = self.chosen_width or default_width(width)
        if narrow and shown and self.article.has_focus and self.panel_ready:
            self.panel.focus_list()
        elif not shown and not self.article.has_focus and host.has_focus_within:
            focus_now(self.article)

    def show_panel(self) -> None:
        """Make sure the panel is shown (narrow: in the article's place)."""
        if (self.narrow and not self.panel_view) or (not self.narrow and not self.panel_open):
            self.action_toggle_panel()

    def action_switch_focus(self) -> None:
        """Move focus between the article and the panel (narrow: show the other one)."""
        if self.narrow:
            self.action_toggle_panel()
            return
        host = self.query_one("#side-panel")
        if self.article.has_focus and host.has_class("-visible"):
            self.panel.focus_list()
        else:
            focus_now(self.article)

    def action_leave_panel(self) -> None:
        """Escape in the panel returns to the article (the article's own escape wins there)."""
        if self.narrow and self.panel_view:
            self.action_toggle_panel()
        elif not self.article.has_focus:
            focus_now(self.article)
        else:
            raise SkipAction  # nothing to leave: the app's escape (back to a feed) may act

    def action_toggle_panel(self) -> None:
        """Show or hide the panel (focus returns to the article); narrow: swap the two."""
        if self.narrow:
            shown = self.panel_view = not self.panel_view
        else:
            shown = self.panel_open = not self.panel_open
        if not shown:
            focus_now(self.article)
        self._lay_out(self.size.width)

    def on_resize(self) -> None:
        """Keep the panel's share of a resized terminal, unless the reader chose a width;
        swap to the narrow layout below `NARROW_WIDTH` columns and back."""
        self._lay_out(self.size.width)

    def action_resize(self, step: int) -> None:
        """Make the panel `step` columns wider (negative: narrower)."""
        if self.narrow:
            self.notify("The panel is full width here; p swaps it with the article.", timeout=2)
            return
        host = self.query_one("#side-panel")
        low, high = PANEL_WIDTH
        high = min(high, max(low, self.size.width - 30))
        self.chosen_width = min(max(host.outer_size.width + step, low), high)
        host.styles.width = self.chosen_width
        self.post_message(self.PanelResized(self.chosen_width))
