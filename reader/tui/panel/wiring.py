"""The reading body: article and side panel side by side, wired together.

Invariant: `ReadingBody` is the only place where the panel meets the article.
It runs the analysis in one exclusive thread worker (cancelled when the body
goes away, e.g. another article opens; a long document is analysed in a child
process the worker supervises), hands progress and the result to the
panel on the UI thread, turns panel choices into article highlights and
scrolls, and turns article cursor moves into panel selection. A failed
analysis is a one-line message in the panel; the article stays readable.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import TabPane
from textual.worker import get_current_worker

from reader.analysis import analyze
from reader.analysis.model import Analysis, Claim, Entity
from reader.document.model import Document
from reader.errors import ReaderError
from reader.tui.article_view import ArticleView
from reader.tui.panel.panel import SidePanel
from reader.tui.panel.runner import Stopped, analyse_in_process
from reader.tui.panel.vlist import focus_now

PANEL_WIDTH = (24, 100)
"""Narrowest and widest the panel may be made with `<` / `>`."""

PANEL_SHARE = 0.38
"""Share of the screen width the panel takes until the reader resizes it."""


def default_width(screen_width: int) -> int:
    """The panel's width on a screen this wide: 30 at 80 columns, 60 at most."""
    return min(max(round(screen_width * PANEL_SHARE), 28), 60)


SUBPROCESS_CHARS = 200_000
"""Documents this long are analysed in a child process: a pure-Python analysis
in a thread would hold the GIL half the time and make keys lag (see
benchmarks/README.md); shorter ones take well under a second in the thread."""

KIND_LAYERS = {"person": "mention", "org": "mention-org", "place": "mention-place"}
"""Highlight layer per entity kind (other: `mention-other`)."""


class _Cancelled(Exception):
    """Raised inside the analysis thread to stop it once its worker is cancelled."""


def _notes_pane() -> TabPane | None:
    """The Notes tab, when the notes UI is installed."""
    try:
        from reader.tui.notes_tab import NotesList
    except ImportError:
        return None
    return TabPane("Notes", NotesList(id="notes-list"), id="notes")


class ReadingBody(Horizontal):
    """Holds `#article` and `#side-panel`; mounts the panel and links the two."""

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
        Binding("escape", "leave_panel", "Back to the article", show=False),
    ]

    def __init__(self, *children: Widget, id: str | None = None, tint: bool = True) -> None:
        """Wrap the article and the panel host; `tint` colours mentions by kind."""
        super().__init__(*children, id=id)
        self.analysis: Analysis | None = None
        self.tint = tint
        self.selected_claim: Claim | None = None
        self.resized = False

    @property
    def article(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        """The side panel."""
        return self.query_one(SidePanel)

    def on_mount(self) -> None:
        """Mount the panel, show it, follow the cursor, start the analysis."""
        host = self.query_one("#side-panel")
        host.add_class("-visible")
        host.styles.width = default_width(self.app.size.width)
        notes = _notes_pane()
        host.mount(SidePanel(*([notes] if notes else [])))
        self.watch(self.article, "cursor_sentence", self._follow_cursor, init=False)
        self.call_after_refresh(self.start_analysis, self.article.document)

    # -- the analysis --------------------------------------------------------------

    def start_analysis(self, document: Document) -> None:
        """Analyse `document` in the background (cancels a running analysis)."""
        self.analysis = None
        self.panel.loading(document.title)
        self._analyse(document)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self, document: Document) -> None:
        worker = get_current_worker()
        shown = [-1.0]

        def progress(fraction: float) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            if fraction - shown[0] >= 0.01:  # at most ~100 hops to the UI thread
                shown[0] = fraction
                self.app.call_from_thread(self.panel.progress, fraction)

        try:
            if len(document.text) >= SUBPROCESS_CHARS:
                stopped = lambda: worker.is_cancelled  # noqa: E731
                analysis = analyse_in_process(document, progress, stopped)
            else:
                analysis = analyze(document, progress=progress)
        except (_Cancelled, Stopped):
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
            self.app.call_from_thread(self.panel.failed, message)

    def _analysed(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.panel.show(analysis)
        self._apply_tint()
        self._follow_cursor(self.article.cursor_sentence)

    # -- panel -> article ----------------------------------------------------------

    def on_side_panel_entity_selected(self, event: SidePanel.EntitySelected) -> None:
        """Highlight every mention; scroll to the current one."""
        event.stop()
        self.show_entity(event.entity, event.mention)

    def show_entity(self, entity: Entity, mention: int = 0) -> None:
        """Mark `entity`'s mentions, the `mention`-th strongest, and scroll to it."""
        article = self.article
        article.set_highlights("entity", entity.mentions, "article-view--match")
        if entity.mentions:
            current = entity.mentions[mention % len(entity.mentions)]
            article.set_highlights("entity-current", [current], "article-view--match-current")
            article.scroll_to_offset(current[0])

    def on_side_panel_claim_selected(self, event: SidePanel.ClaimSelected) -> None:
        """Scroll to the claim and mark its span, source and cue."""
        event.stop()
        self.show_claim(event.claim)

    def show_claim(self, claim: Claim) -> None:
        """Mark `claim` in the article and put the cursor on it."""
        article = self.article
        self.selected_claim = claim
        article.set_highlights("claim", [(claim.start, claim.end)], "article-view--claim-selected")
        spans = {"claim-source": claim.source_span, "claim-cue": claim.cue}
        for layer, span in spans.items():
            component = "article-view--strong" if layer == "claim-source" else "article-view--match"
            if span is not None:
                article.set_highlights(layer, [span], component)
            else:
                article.clear_highlights(layer)
        article.scroll_to_offset(claim.start)
        article.move_cursor_to_offset(claim.start)

    # -- article -> panel ----------------------------------------------------------

    def _follow_cursor(self, index: int) -> None:
        """When the sentence cursor enters a claim, show that claim selected."""
        if self.panel.index is None or index < 0:
            return
        sentence = self.article.document.sentences[index]
        chosen = self.selected_claim
        if chosen is not None and chosen.start < sentence.end and sentence.start < chosen.end:
            self.panel.follow_claim(chosen.id)
            return
        claim = self.panel.index.claim_at(sentence.start)
        if claim is None:
            claim = self.panel.index.neighbour(sentence.start, 1)
            if claim is None or claim.start >= sentence.end:
                return
        self.panel.follow_claim(claim.id)

    # -- keys ------------------------------------------------------------------------

    def action_step_claim(self, step: int) -> None:
        """Go to the previous / next claim after the cursor (or the chosen claim)."""
        index = self.panel.index
        if index is None:
            self.notify("The claims are not ready yet.", timeout=2)
            return
        claim = index.neighbour(self._claim_reference(step), step)
        if claim is None:
            self.notify("No more claims this way.", timeout=2)
            return
        self.show_claim(claim)
        self.panel.follow_claim(claim.id)

    def _claim_reference(self, step: int) -> int:
        """Where `[` / `]` count from: the chosen claim while the cursor is in it, else
        the cursor's sentence (a claim starting there counts as the next one)."""
        article = self.article
        if article.cursor_sentence < 0:
            return -1 if step > 0 else len(article.document.text) + 1
        sentence = article.document.sentences[article.cursor_sentence]
        chosen = self.selected_claim
        if chosen is not None and chosen.start < sentence.end and sentence.start < chosen.end:
            return chosen.start
        return sentence.start - 1 if step > 0 else sentence.start

    def action_toggle_tint(self) -> None:
        """Tint entity mentions by kind in the article, or stop."""
        self.tint = not self.tint
        self._apply_tint()

    def _apply_tint(self) -> None:
        article = self.article
        layers = {**KIND_LAYERS, "other": "mention-other"}
        entities = self.analysis.entities if self.analysis else ()
        for kind, layer in layers.items():
            spans = [m for e in entities if e.kind == kind for m in e.mentions]
            if self.tint and spans:
                article.set_highlights(layer, sorted(spans), f"article-view--{kind}")
            else:
                article.clear_highlights(layer)

    def action_switch_focus(self) -> None:
        """Move focus between the article and the panel."""
        host = self.query_one("#side-panel")
        if self.article.has_focus and host.has_class("-visible"):
            self.panel.focus_list()
        else:
            focus_now(self.article)

    def action_leave_panel(self) -> None:
        """Escape in the panel returns to the article (the article's own escape wins there)."""
        if not self.article.has_focus:
            focus_now(self.article)

    def action_toggle_panel(self) -> None:
        """Show or hide the panel (focus returns to the article)."""
        host = self.query_one("#side-panel")
        host.toggle_class("-visible")
        if not host.has_class("-visible"):
            focus_now(self.article)

    def on_resize(self) -> None:
        """Keep the panel's share of a resized terminal, unless the reader chose a width."""
        if not self.resized:
            self.query_one("#side-panel").styles.width = default_width(self.size.width)

    def action_resize(self, step: int) -> None:
        """Make the panel `step` columns wider (negative: narrower)."""
        self.resized = True
        host = self.query_one("#side-panel")
        low, high = PANEL_WIDTH
        high = min(high, max(low, self.size.width - 30))
        host.styles.width = min(max(host.outer_size.width + step, low), high)
