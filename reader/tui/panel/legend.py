"""The panel's legend: what its badges, marks and shapes mean.

Invariant: built from the same constants the rows are drawn with (`TAG_ORDER`,
`KIND_GLYPH`, the verdict labels) and coloured by the same `Palette`, so the help's
Legend section and the one-time hint can never describe a mark the panel does not
draw. `HINT_SETTING` is the store setting that records the hint was shown.
"""

from __future__ import annotations

from rich.text import Text

from reader.tui.panel.looks import KIND_GLYPH, TAG_ORDER, Palette

HINT_SETTING = "panel_legend_shown"
"""Set once the legend hint has been shown (see `ReadingScreen`), so it is shown once."""

TAG_MEANINGS: dict[str, str] = {
    "reported": "a named outlet or document reports it",
    "statement": "someone said or stated it",
    "quote": "a direct quotation",
    "alleged": "hedged: allegedly, reportedly, is said to",
    "denial": "denied, rejected, dismissed",
    "opinion": "an evaluative quote or comment",
}
"""What each claim tag says about how the claim is made (DESIGN.md, contract 2)."""

KIND_NAMES: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "other": "other name",
}
"""A kind's name in the legend, one of a kind (the panel's headings say "People")."""

MARKS: tuple[tuple[str, str], ...] = (
    ("▸ ▾", "an entity folded / open: enter lists its claims"),
    ("⚡", "the claim disputes another or is disputed: o jumps to the other side"),
    ("· via “she”", "how the source was found (a pronoun or a description)"),
    ("▌", "in the article's margin: a sentence with a note"),
)
"""The marks drawn beside names and claims."""


def legend_rows(palette: Palette) -> list[tuple[Text, Text]]:
    """The legend as (mark, meaning) rows, marks drawn as the panel draws them."""
    from reader.notes.verdicts import LABELS

    # Each badge as a span of a plain Text: a styled Text would colour its whole cell.
    rows = [(Text().append_text(palette.badge(tag)), Text(TAG_MEANINGS[tag])) for tag in TAG_ORDER]
    for kind, glyph in KIND_GLYPH.items():
        rows.append((Text(glyph, style=palette.kind_style(kind)), Text(KIND_NAMES.get(kind, kind))))
    for mark, meaning in MARKS:
        style = palette.dispute_style() if mark == "⚡" else palette.muted_style()
        rows.append((Text(mark, style=style), Text(meaning)))
    marks = " ".join(label.partition(" ")[0] for label in LABELS.values())
    names = ", ".join(label.partition(" ")[2] for label in LABELS.values())
    rows.append((Text(marks), Text(f"your verdict on a claim, x to change it: {names}")))
    return rows


def legend_hint() -> str:
    """The one-line hint shown the first time the panel fills: the legend in brief."""
    kinds = " ".join(f"{glyph} {KIND_NAMES.get(kind, kind)}" for kind, glyph in KIND_GLYPH.items())
    return (
        f"Panel: {kinds} · ▸/▾ folded/open · ⚡ a disputed claim · badges say how a "
        "claim is made (reported, quote, denial…). ? shows the whole legend and every key."
    )
