"""How panel choices show in the article, and article moves in the panel.

Invariant: a mixin for `ReadingBody` holding only the linking logic: choosing
an entity marks its mentions (and steps through them), choosing a claim marks
its span, source and cue and puts the cursor there, `[` / `]` walk the claims
from the cursor, and the cursor entering a claim selects it in the panel; the
panel's `w`, `o`, `s` pressed in the article act on the panel (or, for `o`
without a claim at the cursor, say where it works). It draws only through
`ArticleView.set_highlights` / `clear_highlights`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported before the first frame: the panel is mounted after it
    from reader.analysis.model import Analysis, Claim, Entity
    from reader.tui.panel.panel import SidePanel
    from reader.tui.widgets.article_view import ArticleView

KIND_LAYERS = {"person": "mention", "org": "mention-org", "place": "mention-place"}
"""Highlight layer per entity kind (other: `mention-other`)."""


class ArticleLink:
    """Mixin: the body's article and panel, linked both ways."""

    analysis: Analysis | None
    selected_claim: Claim | None
    tint: bool
    article: ArticleView
    panel: SidePanel
    show_panel: Callable[[], None]
    """Show the panel (`ReadingBody` decides where, by its layout)."""

    # -- panel -> article ----------------------------------------------------------

    def on_side_panel_entity_selected(self, event: SidePanel.EntitySelected) -> None:
        """Highlight every mention; scroll to the current one."""
        event.stop()
        self.show_entity(event.entity, event.mention)

    def show_entity(self, entity: Entity, mention: int = 0) -> None:
        """Mark `entity`'s mentions, the `mention`-th one more strongly, and scroll to it."""
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
        claim = self.claim_under_cursor()
        if claim is not None:
            self.panel.follow_claim(claim.id)

    def claim_under_cursor(self) -> Claim | None:
        """The chosen claim while the cursor's sentence is in it, else the claim at
        (or starting in) that sentence; None before the analysis or between claims."""
        if self.analysis is None:  # also: the panel may not be mounted yet
            return None
        index, at = self.panel.index, self.article.cursor_sentence
        if index is None or at < 0:
            return None
        sentence = self.article.document.sentences[at]
        chosen = self.selected_claim
        if chosen is not None and chosen.start < sentence.end and sentence.start < chosen.end:
            return chosen
        claim = index.claim_at(sentence.start)
        if claim is None:
            claim = index.neighbour(sentence.start, 1)
            if claim is None or claim.start >= sentence.end:
                return None
        return claim

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

    # -- the panel's keys pressed in the article (issue 14) ----------------------------

    def action_panel_tab(self) -> None:
        """`w` outside the panel: show the panel on its next tab, focused."""
        self.show_panel()
        self.panel.action_next_tab()

    def action_other_side(self) -> None:
        """`o` in the article: go to the claim that disputes the one at the cursor (or
        that it disputes), or say why not."""
        index = self.panel.index
        if index is None:
            self.notify("The claims are not ready yet.", timeout=2)
            return
        claim = self.claim_under_cursor()
        if claim is None:
            self.notify(
                "o jumps to the other side of a dispute (⚡): ] goes to the next claim; "
                "in the panel, o works on the chosen claim.",
                timeout=5,
            )
            return
        targets = index.related(claim.id)
        target = index.claim(targets[0]) if targets else None
        if target is None:
            self.notify("This claim disputes nothing and nobody disputes it.", timeout=3)
            return
        self.show_claim(target)
        self.panel.follow_claim(target.id)

    def action_entity_grouping(self) -> None:
        """`s` outside the Entities tab: group or sort its list all the same, and say so."""
        entities = self.panel.entities
        entities.action_toggle_grouping()
        order = "grouped by kind" if entities.grouped else "sorted by mentions"
        self.notify(f"Panel, Entities tab: {order} (tab goes to the panel).", timeout=3)

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
