"""Colours and Rich `Text` pieces for the panel: kind swatches and tag badges.

Invariant: every colour comes from the running theme's variables (`$primary`,
`$warning`, ...) through `Palette.from_variables`, so light and dark themes
both work; nothing here hard-codes a colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from reader.tui.contrast import on

TAG_ORDER: tuple[str, ...] = ("reported", "statement", "quote", "alleged", "denial", "opinion")
"""Every contract tag, in the order badges and filter keys use."""

TAG_VARIABLE: dict[str, str] = {
    "reported": "primary",
    "statement": "secondary",
    "quote": "accent",
    "alleged": "warning",
    "denial": "error",
    "opinion": "success",
}
"""The theme variable each tag's badge takes its colour from."""

KIND_VARIABLE: dict[str, str] = {
    "person": "reader-person",
    "org": "reader-org",
    "place": "reader-place",
    "other": "reader-other",
}
"""The variable each entity kind is tinted with (the article's tints, as text; readable
over the panel's cursor too: see `reader.tui.contrast`)."""

KIND_GLYPH: dict[str, str] = {"person": "●", "org": "■", "place": "▲", "other": "◆"}
"""A shape per kind, so kinds differ even without colour."""


@dataclass(frozen=True)
class Palette:
    """Resolved colours of the current theme, as hex strings."""

    tags: Mapping[str, str]
    """Badge background per tag."""
    kinds: Mapping[str, str]
    """Tint per entity kind."""
    muted: str
    """Secondary text."""
    foreground: str
    """Body text."""
    dispute: str = "#d17e92"
    """The `⚡` dispute marks and notes."""

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> Palette:
        """Build a palette from `App.theme_variables` (falls back to plain colours)."""

        def get(name: str, fallback: str) -> str:
            try:
                colour = Color.parse(variables.get(name, fallback))
            except ColorParseError:  # a theme variable may hold a non-colour value
                return Color.parse(fallback).hex
            # An ANSI theme's "ansi_red" has no hex that Rich could draw: the fallback.
            return Color.parse(fallback).hex if colour.ansi is not None else colour.hex

        foreground = Color.parse(get("foreground", "#dddddd"))
        muted = foreground.blend(Color.parse(get("background", "#222222")), 0.4)
        return cls(
            tags={t: get(v, "#888888") for t, v in TAG_VARIABLE.items()},
            kinds={k: get(v, "#888888") for k, v in KIND_VARIABLE.items()},
            muted=get("reader-muted", muted.hex),
            foreground=foreground.hex,
            dispute=get("reader-dispute", "#d17e92"),
        )

    def badge(self, tag: str) -> Text:
        """One tag as a small coloured badge: ` alleged `."""
        background = Color.parse(self.tags.get(tag, self.muted))
        style = Style(color=on(background).hex, bgcolor=background.hex)
        return Text(f" {tag} ", style=style)

    def badges(self, tags: Iterable[str]) -> Text:
        """Several badges separated by a space."""
        return Text(" ").join(self.badge(tag) for tag in tags)

    def kind_style(self, kind: str) -> Style:
        """The foreground style for an entity of this kind."""
        return Style(color=self.kinds.get(kind, self.muted))

    def tag_style(self, tag: str) -> Style:
        """Foreground in a tag's colour (for marks such as disputes)."""
        return Style(color=self.tags.get(tag, self.muted))

    def dispute_style(self) -> Style:
        """The `⚡` marks of disputes."""
        return Style(color=self.dispute)

    def muted_style(self) -> Style:
        """Style for secondary text."""
        return Style(color=self.muted)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis when it does not fit."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
