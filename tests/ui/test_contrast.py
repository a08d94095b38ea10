"""Issue 14: every style readable in the dark and the light theme.

The colours are the ones Textual resolves for the running app (its theme and design
system, our stylesheets and the `$reader-*` variables), read back from the widgets;
the contrast is WCAG's. Text needs 4.5:1 on every background it can be drawn on;
marks that are not text (rules, bars) 3:1.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from panel_demo import demo_analysis
from rich.style import Style
from textual.color import Color
from textual.widget import Widget

from reader.tui.app import ReaderApp
from reader.tui.contrast import MIN_MARK, MIN_TEXT, contrast, on
from reader.tui.panel import wiring
from reader.tui.panel.panel_rows import PanelRows
from reader.tui.panel.tabs.entities import EntityRows
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_view import ArticleView

THEMES = ("textual-dark", "textual-light")
"""The themes the reader offers first (the default and its light twin)."""

MARKS = frozenset(
    {
        "article-view--rule",
        "article-view--quote-bar",
        "article-view--mark",
        "underline--bar",
        "bar--bar",
        "bar--complete",
        "bar--indeterminate",
    }
)
"""Component classes that draw lines and bars, not text."""

NOT_DRAWN = frozenset(
    {"option-list--separator", "datatable--fixed-cursor", "datatable--header-cursor"}
)
"""Component classes the reader never shows: its option lists have no separators, the
library's table no fixed columns and a row cursor (no column cursor in the header)."""

ON_TOP = frozenset({"article-view--match-current"})
"""Drawn above every other layer with its own colour and background."""

Pair = tuple[str, Color, Color, float]
"""What is checked: a name, text colour, background, least contrast."""


@pytest.fixture(autouse=True)
def demo_analyze(monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)


def colour(value: object) -> Color:
    return Color.from_rich_color(value)  # type: ignore[arg-type]


def article_pairs(view: ArticleView) -> Iterator[Pair]:
    """Each text colour of the article over each background it may be drawn on: the
    inline styles and mention tints under the cursor, selection, matches and claims."""
    base = view.rich_style
    texts = {"text": colour(base.color)}
    grounds = {"surface": colour(base.bgcolor)}
    for name in sorted(view.COMPONENT_CLASSES):
        style = view.style_of(name)
        if name in ON_TOP:
            yield name, colour(style.color), colour(style.bgcolor), MIN_TEXT
            continue
        if style.color is not None:
            if name in MARKS:
                yield name, colour(style.color), grounds["surface"], MIN_MARK
            else:
                texts[name] = colour(style.color)
        if style.bgcolor is not None:
            grounds[name] = colour(style.bgcolor)
    for text_name, text in texts.items():
        for ground_name, ground in grounds.items():
            yield f"{text_name} on {ground_name}", text, ground, MIN_TEXT


def widget_pairs(widget: Widget) -> Iterator[Pair]:
    """A widget's own text on its background, and each of its component classes."""
    style = widget.rich_style
    if style.color is not None and style.bgcolor is not None:
        yield repr(widget), colour(style.color), colour(style.bgcolor), MIN_TEXT
    for name in sorted(getattr(type(widget), "COMPONENT_CLASSES", ())):
        if isinstance(widget, ArticleView):
            break  # see article_pairs
        if name in NOT_DRAWN:
            continue
        part = widget.get_component_rich_style(name)
        if part.color is not None and part.bgcolor is not None:
            least = MIN_MARK if name in MARKS else MIN_TEXT
            label = f"{type(widget).__name__} .{name}"
            yield label, colour(part.color), colour(part.bgcolor), least


def panel_pairs(rows: PanelRows, cursor: Style) -> Iterator[Pair]:
    """The panel's own drawing (kind tints, muted text, disputes, verdicts, badges)
    on the list's background and under its cursor."""
    palette = rows.palette
    grounds = {"list": colour(rows.rich_style.bgcolor), "cursor": colour(cursor.bgcolor)}
    texts = {f"kind {kind}": Color.parse(hex_) for kind, hex_ in palette.kinds.items()}
    texts |= {
        "muted": Color.parse(palette.muted),
        "dispute": Color.parse(palette.dispute),
        "text": Color.parse(palette.foreground),
    }
    for name in sorted(rows.COMPONENT_CLASSES):
        if name.startswith("verdict--"):
            texts[name] = colour(rows.get_component_rich_style(name).color)
    for text_name, text in texts.items():
        for ground_name, ground in grounds.items():
            yield f"panel {text_name} on {ground_name}", text, ground, MIN_TEXT
    for tag, hex_ in palette.tags.items():
        yield f"badge {tag}", on(Color.parse(hex_)), Color.parse(hex_), MIN_TEXT


def failures(pairs: Iterator[Pair]) -> list[str]:
    return [
        f"{name}: {text.hex} on {ground.hex} is {contrast(text, ground):.2f}:1 < {least}"
        for name, text, ground, least in pairs
        if contrast(text, ground) < least
    ]


def screen_pairs(app: ReaderApp) -> Iterator[Pair]:
    for widget in app.screen.query("*"):
        if widget.display and widget.visible:
            yield from widget_pairs(widget)


@pytest.mark.parametrize("theme", THEMES)
async def test_reading_screen_and_panel_are_readable(theme: str) -> None:
    app = ReaderApp(demo_analysis().document)
    async with app.run_test(size=(120, 30)) as pilot:
        app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        found = failures(article_pairs(app.screen.query_one(ArticleView)))
        rows = app.screen.query_one(EntityRows)
        found += failures(panel_pairs(rows, rows.get_component_rich_style("vlist--cursor")))
        found += failures(screen_pairs(app))
        await pilot.press("tab")  # the panel focused: its cursor takes the focused colour
        await pilot.pause()
        assert rows.has_focus
        found += failures(panel_pairs(rows, rows.get_component_rich_style("vlist--cursor")))
        found += failures(screen_pairs(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        found += failures(screen_pairs(app))
        assert not found, "\n".join(found)


@pytest.mark.parametrize("theme", THEMES)
async def test_library_is_readable(theme: str) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        found = failures(screen_pairs(app))
        assert not found, "\n".join(found)


def test_the_light_theme_had_unreadable_highlights_before() -> None:
    """The check can fail: the light theme's own orange on its surface (the mention and
    link colours before issue 14) is far below 4.5:1."""
    assert contrast(Color.parse("#FEA62B"), Color.parse("#D8D8D8")) < 2
