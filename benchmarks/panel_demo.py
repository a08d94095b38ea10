"""A small hand-built analysis and a bare app hosting the panel alone.

Invariant: the text is original (no corpus text); every span is found with
`str.find` on that text, so offsets are exact by construction. Tests,
snapshots and the benchmark use this without running the real analysis.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Footer

from reader.analysis.model import Analysis, Claim, Entity
from reader.document.model import Block, BlockKind, Document, Sentence
from reader.tui.contrast import ReadableApp
from reader.tui.panel.panel import SidePanel

FILLER = (
    "The morning ferry left on time and the gulls followed it out past the breakwater. "
    "Nobody on the quay seemed to notice the grey tankers waiting further out."
)
"""A paragraph with no entities or claims, to give the article some length."""

TEXT = (
    "The Harbour Gazette reported that Mara Lindqvist met officials of Nordhaven Port "
    "Authority in Tallinn twice last spring. "
    "According to the paper, Lindqvist allegedly asked the authority to delay an inspection "
    "of her tankers.\n\n" + "\n\n".join([FILLER] * 12) + "\n\n"
    "\u201cWe have never hidden anything,\u201d said Piet Osterhout, a spokesman for Nordhaven "
    "Port Authority. "
    "Osterhout denied that any inspection had been delayed. "
    "Critics in Riga called the arrangement a scandal."
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    at = text.index(needle, start)
    return (at, at + len(needle))


def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(*m.span()) for m in re.finditer(r"\S[^.]*\.", text))


def _blocks(text: str) -> tuple[Block, ...]:
    return tuple(Block(BlockKind.PARAGRAPH, *m.span()) for m in re.finditer(r"[^\n]+", text))


def demo_analysis(text: str = TEXT) -> Analysis:
    """The demo article analysed by hand: 5 entities, 5 claims, one dispute."""
    t = text
    doc = Document(
        text=t, title="Harbour talks", source="demo", blocks=_blocks(t), sentences=_sentences(t)
    )

    def all_of(*needles: str) -> tuple[tuple[int, int], ...]:
        found = []
        for needle in needles:
            at = t.find(needle)
            while at >= 0:
                found.append((at, at + len(needle)))
                at = t.find(needle, at + len(needle))
        return tuple(sorted(found))

    entities = (
        Entity("e1", "Mara Lindqvist", "person", ("Lindqvist",), all_of("Lindqvist")),
        Entity("e2", "Nordhaven Port Authority", "org", (), all_of("Nordhaven Port Authority")),
        Entity("e3", "Piet Osterhout", "person", ("Osterhout",), all_of("Osterhout")),
        Entity("e4", "The Harbour Gazette", "org", ("the paper",), all_of("Harbour Gazette")),
        Entity("e5", "Tallinn", "place", (), all_of("Tallinn")),
        Entity("e6", "Riga", "place", (), all_of("Riga")),
    )
    s = [x for x in doc.sentences if t[x.start : x.end] not in FILLER]
    claims = (
        Claim(
            "c1",
            s[0].start,
            s[0].end,
            _span(t, "Mara Lindqvist met officials of Nordhaven Port Authority in Tallinn"),
            _span(t, "reported"),
            _span(t, "The Harbour Gazette"),
            "e4",
            ("reported",),
            ("e1", "e2", "e5"),
        ),
        Claim(
            "c2",
            s[1].start,
            s[1].end,
            _span(t, "Lindqvist allegedly asked the authority to delay an inspection"),
            _span(t, "allegedly"),
            _span(t, "the paper"),
            "e4",
            ("reported", "alleged"),
            ("e1", "e2"),
        ),
        Claim(
            "c3",
            s[2].start,
            s[2].end,
            _span(t, "We have never hidden anything"),
            _span(t, "said"),
            _span(t, "Piet Osterhout"),
            "e3",
            ("statement", "quote"),
            ("e2",),
        ),
        Claim(
            "c4",
            s[3].start,
            s[3].end,
            _span(t, "that any inspection had been delayed"),
            _span(t, "denied"),
            _span(t, "Osterhout", s[3].start),
            "e3",
            ("denial",),
            ("e2",),
            disputes=("c2",),
        ),
        Claim(
            "c5",
            s[4].start,
            s[4].end,
            _span(t, "the arrangement a scandal"),
            _span(t, "called"),
            _span(t, "Critics"),
            None,
            ("opinion",),
            ("e6",),
        ),
    )
    return Analysis(document=doc, entities=entities, claims=claims)


class PanelDemoApp(ReadableApp[None]):
    """The panel alone, filled with `analysis` (the demo one by default)."""

    def __init__(self, analysis: Analysis | None = None, theme: str = "textual-dark") -> None:
        """Host a panel; `show` it with `analysis` once mounted."""
        super().__init__()
        self._analysis = analysis if analysis is not None else demo_analysis()
        self._theme_name = theme
        self.events: list[object] = []

    def compose(self) -> ComposeResult:
        """Just the panel and a footer."""
        yield SidePanel()
        yield Footer()

    def on_mount(self) -> None:
        """Fill the panel."""
        self.theme = self._theme_name
        self.query_one(SidePanel).show(self._analysis)
        self.query_one(SidePanel).focus_list()

    def on_side_panel_entity_selected(self, message: SidePanel.EntitySelected) -> None:
        """Record what the panel asked for (tests read it)."""
        self.events.append(message)

    def on_side_panel_claim_selected(self, message: SidePanel.ClaimSelected) -> None:
        """Record what the panel asked for (tests read it)."""
        self.events.append(message)


if __name__ == "__main__":
    PanelDemoApp().run()
