"""Wrapping and offset <-> row maps (pure: no terminal)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.model import Block, BlockKind
from reader.tui.widgets.layout import SEPARATOR, Layout, wrap_range, wrap_starts
from reader.tui.widgets.row_render import text_segments
from reader.tui.widgets.spans import SpanIndex, find_matches

from .builder import build

PROSE = "The council met on\nTuesday and voted to delay the bridge, citing a cost overrun."


def test_rows_fit_the_width_and_join_hard_wrapped_lines() -> None:
    view = PROSE.replace("\n", " ")
    rows = wrap_range(view, 0, len(view), 20)
    assert [view[s:e] for s, e in rows] == [
        "The council met on",
        "Tuesday and voted to",
        "delay the bridge,",
        "citing a cost",
        "overrun.",
    ]


def test_a_word_longer_than_the_row_is_cut() -> None:
    rows = wrap_range("abcdefghij kl", 0, 13, 4)
    assert [(s, e) for s, e in rows] == [(0, 4), (4, 8), (8, 10), (11, 13)]


def test_wide_characters_count_two_cells() -> None:
    view = "東京 大阪 名古屋 札幌"
    rows = wrap_range(view, 0, len(view), 6)
    assert [view[s:e] for s, e in rows] == ["東京", "大阪", "名古屋", "札幌"]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text("abcdé東 ", min_size=1, max_size=12), min_size=1, max_size=30),
    width=st.integers(min_value=1, max_value=30),
)
def test_rows_cover_every_word_in_order(words: list[str], width: int) -> None:
    view = " ".join(words)
    rows = wrap_range(view, 0, len(view), width)
    assert "".join(view[s:e] for s, e in rows).replace(" ", "") == view.replace(" ", "")
    assert all(e > s for s, e in rows)
    assert [s for s, _ in rows] == wrap_starts(view, 0, len(view), width)


def test_layout_puts_a_blank_row_between_blocks_but_not_between_list_items() -> None:
    doc = build("# Title\n\nOne two.\n\n- a\n- b\n\nEnd.")
    layout = Layout(doc.text, doc.blocks, 40)
    kinds = [layout.row(i).block for i in range(len(layout))]
    assert kinds == [0, SEPARATOR, 1, SEPARATOR, 2, 3, SEPARATOR, 4]


def test_offset_and_row_maps_are_inverse() -> None:
    doc = build(PROSE + "\n\nSecond paragraph here.")
    layout = Layout(doc.text, doc.blocks, 20)
    for index in range(len(layout)):
        row = layout.row(index)
        if row.block != SEPARATOR:
            assert layout.row_of(row.start) == index
            assert layout.row_of(row.end - 1) == index
            assert layout.offset_of(index) == row.start


def test_code_lines_are_never_joined() -> None:
    doc = build("    x = 1\n    y = 2")
    layout = Layout(doc.text, doc.blocks, 40)
    assert [doc.text[layout.row(i).start : layout.row(i).end] for i in range(len(layout))] == [
        "x = 1",
        "y = 2",
    ]


def test_a_partial_layout_is_a_prefix_of_the_full_one() -> None:
    text = "\n\n".join(f"Paragraph {n} has a few words in it." for n in range(200))
    blocks = build(text).blocks
    full = Layout(text, blocks, 20)
    part = Layout(text, blocks, 20, max_rows=30)
    assert not part.complete and full.complete
    assert 30 <= len(part) < len(full)
    assert all(part.row(i) == full.row(i) for i in range(len(part)))
    assert part.estimated_rows > len(part)


def test_rewrap_keeps_the_offset_on_a_row() -> None:
    text = " ".join(["word"] * 500)
    blocks = (Block(BlockKind.PARAGRAPH, 0, len(text)),)
    narrow, wide = Layout(text, blocks, 20), Layout(text, blocks, 60)
    offset = narrow.offset_of(40)
    row = wide.row(wide.row_of(offset))
    assert row.start <= offset < row.end + 1


def test_span_index_finds_nested_and_long_spans() -> None:
    index = SpanIndex([(0, 100), (10, 12), (50, 60), (200, 210)])
    assert list(index.overlapping(55, 58)) == [(0, 100), (50, 60)]
    assert list(index.overlapping(100, 200)) == []
    assert list(index.overlapping(205, 206)) == [(200, 210)]


def test_search_is_smart_case_and_crosses_line_breaks() -> None:
    text = "The Bridge.\nthe bridge vote, THE\nBRIDGE"
    assert find_matches(text, "the bridge") == [(0, 10), (12, 22), (29, 39)]
    assert find_matches(text, "Bridge") == [(4, 10)]
    assert find_matches(text, "   ") == []


def test_later_spans_win_and_pieces_cover_the_row() -> None:
    from rich.style import Style

    red, blue = Style(color="red"), Style(color="blue")
    segments = text_segments("abcdefgh", 0, 8, Style(), [(2, 6, red), (4, 8, blue)])
    colours = "".join(
        (s.style.color.name[0] if s.style.color else "-") * len(s.text) for s in segments
    )
    assert "".join(s.text for s in segments) == "abcdefgh"
    assert colours == "--rrbbbb"


def test_layer_rank_orders_known_prefixed_and_unknown_layers() -> None:
    from reader.tui.widgets.article_canvas import layer_rank

    names = ["probe", "search-current", "mention-org", "search", "claim", "mention"]
    assert sorted(names, key=layer_rank) == [
        "mention-org",
        "mention",
        "claim",
        "search",
        "search-current",
        "probe",
    ]


def test_text_without_wide_characters_skips_the_costly_check_and_loses_none() -> None:
    import re

    from reader.tui.widgets import layout

    full = re.compile(layout._NOT_ONE_CELL_CLASS)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    # The cheap pre-check finds every character the full class finds ...
    assert [m.start() for m in full.finditer(every)] == layout.wide_offsets(every)
    # ... and nothing in Western text: accents, em dashes, curly quotes, the euro sign.
    assert layout.wide_offsets("Café — “naïve” ‘déjà vu’ … 5 €") == []
    assert layout.wide_offsets("a\u0301 東京") == [1, 3, 4]
