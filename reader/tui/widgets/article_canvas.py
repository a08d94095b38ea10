"""The drawing half of the article view: layout, strips, highlight layers.

Invariant: the canvas draws only rows ``scroll_y .. scroll_y + height``; each
drawn row is cached as a `Strip` until the width, the styles or any span it
could show changes (then the whole cache is dropped: a screenful costs less
than a millisecond to redraw). Positions are text offsets everywhere except
here, where `Layout` turns them into rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.document.model import Block, BlockKind, Document, InlineKind
from reader.tui.widgets.layout import CODE_INDENT, QUOTE_BAR, Layout, Row
from reader.tui.widgets.row_render import StyledSpan, text_segments
from reader.tui.widgets.spans import SpanIndex

MARGIN = 2
"""Columns at the left kept for marks (notes)."""
RIGHT_PAD = 1
"""Columns kept empty at the right, before the scrollbar."""
QUICK_LAYOUT_CHARS = 200_000
"""Documents longer than this paint their first screen from a partial layout."""
FOCUS_STATES = frozenset({"focus", "blur", "focus-within"})
"""The pseudo-classes whose rules apply only while a widget has (or lacks) the focus."""
LAYER_ORDER = ("mention", "claim", "note", "search", "search-current")
"""Highlight layers, bottom to top; "mention-org" ranks with "mention"; unknown
layers go on top, in arrival order."""

_INLINE_COMPONENT = {
    InlineKind.EMPHASIS: "article-view--emphasis",
    InlineKind.STRONG: "article-view--strong",
    InlineKind.CODE: "article-view--inline-code",
    InlineKind.LINK: "article-view--link",
}


def focus_matters(app: App[object]) -> bool:
    """Whether a rule of `app`'s stylesheet depends on which widget has the focus: a
    focus state on any selector but the app's own (`App:blur` is the terminal's focus)."""
    app_types = {cls.__name__ for cls in type(app).__mro__}
    return any(
        not FOCUS_STATES.isdisjoint(selector.pseudo_classes) and selector.name not in app_types
        for rule in app.stylesheet.rules
        if not FOCUS_STATES.isdisjoint(rule.pseudo_classes)
        for selectors in rule.selector_set
        for selector in selectors.selectors
    )


class ArticleCanvas(ScrollView):
    """A Line API view of a `Document`; `ArticleView` adds keys and the cursor."""

    def __init__(self, document: Document, **kwargs: object) -> None:
        """Show ``document``; keyword arguments go to `ScrollView`."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._adopt(document)
        self._layers: dict[str, tuple[SpanIndex, str]] = {}
        self._marks = SpanIndex(())
        self._styles: dict[str, Style] = {}
        self._rewrap_anchor: tuple[int, int] = (0, -1)  # (offset, row) of the last re-wrap
        self._start_offset = 0  # shown on the top row of the first frame (see start_at)

    def _adopt(self, document: Document, layout: Layout | None = None) -> None:
        """Show ``document`` from now on (``layout``: its rows, if wrapped already)."""
        self.document = document
        self._blocks: tuple[Block, ...] = document.blocks or _paragraphs(document.text)
        inline = sorted(document.styles, key=lambda s: (s.start, s.end))
        self._inline = SpanIndex((s.start, s.end) for s in inline)
        self._inline_components = [_INLINE_COMPONENT[s.kind] for s in inline]
        self._layout = layout
        self._cache.clear()

    # -- extension points -------------------------------------------------

    def set_highlights(self, layer: str, spans: Sequence[tuple[int, int]], component: str) -> None:
        """Draw ``spans`` with the component style ``component`` as layer ``layer``.

        Replaces what the layer held. See `LAYER_ORDER` for which layer wins.
        """
        self._layers[layer] = (SpanIndex(spans), component)
        self.redraw()

    def clear_highlights(self, layer: str) -> None:
        """Remove the layer ``layer`` (no error if it is absent)."""
        if self._layers.pop(layer, None) is not None:
            self.redraw()

    def set_marks(self, spans: Sequence[tuple[int, int]]) -> None:
        """Put a mark in the left margin of every row overlapping one of ``spans``."""
        self._marks = SpanIndex(spans)
        self.redraw()

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> None:
        """Scroll so the row holding text offset ``offset`` is shown (centred or on top)."""
        row = self.layout.row_of(offset)
        top = max(0, row - self.viewport_height // 2 if center else row)
        self.scroll_to(y=top, animate=False, immediate=True)
        if not center:  # a re-wrap keeps this very offset on the top row
            self._rewrap_anchor = (offset, top)

    def start_at(self, offset: int) -> None:
        """Open at ``offset`` (a saved place): the first frame shows it on the top row.

        Call before the view is laid out; the first layout is then complete (the
        rows above the place are needed to know its row), not the quick prefix.
        """
        self._start_offset = offset

    # -- layout -----------------------------------------------------------

    @property
    def viewport_height(self) -> int:
        """Rows of text visible at once."""
        return max(1, self.scrollable_content_region.height)

    @property
    def text_width(self) -> int:
        """Cells available to a row's prefix and text."""
        return max(8, self.scrollable_content_region.width - MARGIN - RIGHT_PAD)

    @property
    def layout(self) -> Layout:
        """The complete rows at the current width (re-wrapped when the width changed)."""
        layout = self._paint_layout()
        if not layout.complete:
            layout = self._complete_layout()
        return layout

    def _paint_layout(self) -> Layout:
        """The rows to paint: for a long document's first screen, only a prefix.

        Wrapping 3 MB takes ~0.1 s; the first screen needs a few blocks. The
        rest is wrapped right after the first paint (`_complete_layout`), and
        the prefix rows do not change, so the reader's place is unaffected.
        """
        region = self.scrollable_content_region
        if region.width <= 0:  # not laid out by Textual yet
            return self._layout or Layout("", (), 0)
        width = max(8, region.width - MARGIN - RIGHT_PAD)  # `text_width`, from the same region
        old = self._layout
        if old is None or old.width != width:
            quick = (
                old is None
                and not self._start_offset
                and len(self.document.text) > QUICK_LAYOUT_CHARS
            )
            max_rows = 4 * self.viewport_height if quick else None
            self._layout = Layout(self.document.text, self._blocks, width, max_rows=max_rows)
            self._cache.clear()
            self.virtual_size = Size(region.width, self._layout.estimated_rows)
            if old is not None and len(old):  # re-wrapped: keep the top line's text on top
                top = round(self.scroll_y)
                # Re-use the last anchor if the reader has not moved since: a row
                # starts at or before its anchor, so re-anchoring on row starts
                # would drift up a little with every resize step.
                anchor, row = self._rewrap_anchor
                if row != top:
                    anchor = old.offset_of(top)
                row = self._layout.row_of(anchor)
                self._rewrap_anchor = (anchor, row)
                self.scroll_to(y=row, animate=False, immediate=True)
            elif self._start_offset:
                row = self._layout.row_of(self._start_offset)
                self._rewrap_anchor = (self._start_offset, row)
                self.scroll_to(y=row, animate=False, immediate=True)
            if not self._layout.complete:
                self._wrap_rest(width)
        return self._layout

    def _wrap_rest(self, width: int) -> None:
        """Wrap the whole text in a thread after the first paint (0.1-0.2 s for 3 MB).

        On the event loop it would hold the keys typed in the first second back;
        in a thread the loop still gets the interpreter every few milliseconds.
        """

        def wrap() -> None:
            layout = Layout(self.document.text, self._blocks, width)
            self.app.call_from_thread(self._install_layout, layout)

        self.run_worker(wrap, thread=True, group="wrap", exclusive=True, description="wrap")

    def _install_layout(self, layout: Layout) -> None:
        current = self._layout
        if current is not None and not current.complete and current.width == layout.width:
            self._set_complete(layout)

    def _complete_layout(self) -> Layout:
        """The complete layout now (`G`, search, a far offset before the thread is done)."""
        layout = self._layout
        if layout is not None and not layout.complete:
            layout = Layout(self.document.text, self._blocks, layout.width)
            self._set_complete(layout)
        return layout or self._paint_layout()

    def _set_complete(self, layout: Layout) -> None:
        self._layout = layout
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(layout))
        self.refresh()

    @property
    def wrapped(self) -> bool:
        """True once the whole text is wrapped at the current width (rows are exact)."""
        layout = self._layout
        loading = getattr(getattr(self, "rest", None), "loading", False)  # see `late_text`
        return not loading and layout is not None and layout.complete

    @property
    def top_offset(self) -> int:
        """Text offset at the start of the top visible row."""
        return self.layout.offset_of(round(self.scroll_y))

    def on_resize(self) -> None:
        """Re-wrap at the new width (`_paint_layout` keeps the top line's text on top)."""
        self._paint_layout()

    def redraw(self) -> None:
        """Drop cached rows and repaint."""
        self._cache.clear()
        self.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle on focus only if a rule depends on focus. Textual restyles a widget and
        each of its component classes (26 here) whenever it gains or loses focus: ~12 ms,
        a twelfth of the first frame's style work, for rules none of ours had."""
        if focus_matters(self.app):
            super().watch_has_focus(has_focus)

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): drop cached styles and rows."""
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- drawing ----------------------------------------------------------

    def style_of(self, component: str) -> Style:
        """The partial Rich style of ``component`` (empty if it is not declared)."""
        style = self._styles.get(component)
        if style is None:
            partial = self.get_component_rich_style(component, partial=True, default=Style())
            # The partial style has translucent colours unblended ($primary 18% comes out
            # as solid $primary); the full style has them blended over the background.
            full = self.get_component_rich_style(component, default=Style())
            style = partial + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            self._styles[component] = style
        return style

    def base_spans(self, start: int, end: int) -> list[StyledSpan]:
        """Spans drawn under the highlight layers (the cursor, the selection)."""
        return []

    def render_line(self, y: int) -> Strip:
        """Draw visible row ``y`` (document row ``scroll_y + y``)."""
        layout = self._paint_layout()  # first: a re-wrap may move scroll_y to keep the place
        index = round(self.scroll_y) + y
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_row(index, layout)
            self._cache[index] = strip
        return strip

    def _render_row(self, index: int, layout: Layout) -> Strip:
        width = self.scrollable_content_region.width
        base = self._styles.get("")  # the widget's own style, kept with the components'
        if base is None:
            base = self._styles[""] = self.rich_style
        if index >= len(layout):
            return Strip.blank(width, base)
        row = layout.row(index)
        mark = " " if row.block < 0 else self._mark_for(row)
        segments = [Segment(mark, base + self.style_of("article-view--mark")), Segment(" ", base)]
        if row.block >= 0:
            segments.extend(self._block_segments(row, base, layout.width))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _mark_for(self, row: Row) -> str:
        end = max(row.end, row.start + 1)
        return "▌" if next(self._marks.overlapping(row.start, end), None) else " "

    def _block_segments(self, row: Row, base: Style, width: int) -> list[Segment]:
        block = self._blocks[row.block]
        kind = block.kind
        if kind is BlockKind.RULE:
            return [Segment("─" * width, base + self.style_of("article-view--rule"))]
        block_style = base + self._block_style(block)
        prefix = self._prefix(block, row.first, base)
        spans = self._spans(row.start, row.end)
        body = text_segments(self.document.text, row.start, row.end, block_style, spans)
        segments = prefix + body
        if kind is BlockKind.CODE:
            used = sum(s.cell_length for s in segments)
            segments.append(Segment(" " * max(0, width - used), block_style))
        return segments

    def _block_style(self, block: Block) -> Style:
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 3)
            return self.style_of("article-view--heading") + self.style_of(
                f"article-view--heading-{level}"
            )
        names = {
            BlockKind.QUOTE: "article-view--quote",
            BlockKind.CODE: "article-view--code",
            BlockKind.LIST_ITEM: "article-view--list-item",
        }
        name = names.get(block.kind)
        return self.style_of(name) if name else Style()

    def _prefix(self, block: Block, first: bool, base: Style) -> list[Segment]:
        if block.kind is BlockKind.QUOTE:
            bar = QUOTE_BAR * max(1, block.level)
            return [Segment(bar, base + self.style_of("article-view--quote-bar"))]
        if block.kind is BlockKind.CODE:
            return [Segment(CODE_INDENT, base + self.style_of("article-view--code"))]
        if block.kind is BlockKind.LIST_ITEM:
            indent = "  " * (max(1, block.level) - 1)
            marker = (block.marker or "•") + " "
            shown = marker if first else " " * len(marker)
            style = base + self.style_of("article-view--list-marker")
            return [Segment(indent, base), Segment(shown, style)]
        return []

    def _spans(self, start: int, end: int) -> list[StyledSpan]:
        inline = self._inline.spans
        spans: list[StyledSpan] = [
            (*inline[i], self.style_of(self._inline_components[i]))
            for i in self._inline.indices(start, end)
        ]
        spans.extend(self.base_spans(start, end))
        for name in self._layer_names():
            index, component = self._layers[name]
            style = self.style_of(component)
            spans.extend((s, e, style) for s, e in index.overlapping(start, end))
        return spans

    def _layer_names(self) -> list[str]:
        return sorted(self._layers, key=layer_rank)  # stable: arrival order within a rank


def layer_rank(name: str) -> int:
    """Drawing rank of a layer: its place in `LAYER_ORDER`, else that of its
    longest listed prefix ("mention-org" ranks with "mention"), else on top."""
    if name in LAYER_ORDER:
        return LAYER_ORDER.index(name)
    prefixes = [entry for entry in LAYER_ORDER if name.startswith(entry + "-")]
    if prefixes:
        return LAYER_ORDER.index(max(prefixes, key=len))
    return len(LAYER_ORDER)


def _paragraphs(text: str) -> tuple[Block, ...]:
    """Blocks for a document that came without any: paragraphs split on blank lines."""
    return tuple(
        Block(BlockKind.PARAGRAPH, m.start(), m.end())
        for m in re.finditer(r"\S(?:[^\n]|\n(?![ \t]*\n))*", text)
    )
