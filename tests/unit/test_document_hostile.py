"""Hostile or odd inputs: escape sequences, pipes, damaged encodings, ads, deep nesting, size."""

from __future__ import annotations

import io
import os
import re
import sys
import threading
from pathlib import Path

import pytest

from reader.document import Document, load, load_text
from reader.errors import InputError

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PROSE = "The council met on Tuesday and talked about the harbour for a long time. " * 8
FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"
PAGE = (FIXTURES / "page.html").read_text(encoding="utf-8")


def _assert_clean(doc: Document) -> None:
    assert not CONTROLS.search(doc.text)
    for value in (doc.title, doc.source, doc.date):
        assert not CONTROLS.search(value) and "\n" not in value and "\t" not in value


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        ('---\ntitle: "Report \\e]52;c;SGVsbG8=\\a"\ndate: "2025\\e[2J"\n---\n\nBody.\n', "a.md"),
        (f"# Report {OSC52}\n\nBody {OSC52} text.\n", "a.md"),
        (f"Report {OSC52}\n\nBody {OSC52} text goes on.\n", "a.txt"),
        (f"Title: Report {OSC52}\nsource: x{OSC52}\n\nBody text goes on.\n", "a.txt"),
    ],
    ids=["yaml-title", "h1", "txt-first-line", "txt-header"],
)
def test_escape_sequences_never_reach_title_or_text(raw: str, source: str) -> None:
    doc = load_text((raw + "\n" + PROSE + "\n").encode(), source=source)
    _assert_clean(doc)
    assert doc.title.startswith("Report ␛]52;c;SGVsbG8=␇")


def test_escape_sequences_in_html_title_and_body() -> None:
    page = PAGE.replace("<title>Harbour", f"<title>{OSC52}Harbour")
    page = page.replace("<h1>Harbour", f"<h1>{OSC52}Harbour")
    page = page.replace("postponed its vote", "postponed&#x1b;]52;c;SGk=&#7;its vote \x1b[2J")
    doc = load_text(page.encode(), source="page.html")
    _assert_clean(doc)
    assert "Harbour Vote Delayed" in doc.title
    assert "postponed\ufffd]52;c;SGk=\ufffdits vote" in doc.text


def test_control_reference_in_html_does_not_lose_the_article() -> None:
    doc = load_text(PAGE.replace("Westhaven Port", "Acme&#7Systems Port").encode(), source="p.html")
    assert "Acme\ufffdSystems Port Authority postponed its vote" in doc.text
    assert "the timetable had always been provisional" in doc.text


def test_windows_1252_references_read_as_browsers_show_them() -> None:
    doc = load_text(
        PAGE.replace("its vote", "its &#147;vote&#148;&#150;").encode(), source="p.html"
    )
    assert "its “vote”–" in doc.text


def test_ad_block_inside_the_article_is_dropped() -> None:
    ad = '<div class="ad"><p>Sponsored: <a href="/x">Get 50% off harbour cruises!</a></p></div>'
    promo = '<aside id="newsletter-signup"><p>Sign up for our daily newsletter now.</p></aside>'
    doc = load_text(PAGE.replace("<h2>", ad + promo + "<h2>").encode(), source="p.html")
    assert "50% off" not in doc.text and "Sign up" not in doc.text
    assert "What happens next" in doc.text
    assert "before any decision was taken" in doc.text


def test_class_names_that_only_contain_ad_are_kept() -> None:
    kept = '<div class="shadow head-line"><p>Dredging will start after the review ends.</p></div>'
    doc = load_text(PAGE.replace("<h2>", kept + "<h2>").encode(), source="p.html")
    assert "Dredging will start" in doc.text


def test_markdown_on_stdin_is_read_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = b"---\ntitle: Piped Report\ndate: 2025-01-02\n---\n\n# Heading\n\nBody *text*.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped)))
    doc = load("-")
    assert (doc.format, doc.title, doc.date) == ("markdown", "Piped Report", "2025-01-02")
    assert doc.text == "Heading\n\nBody text."


def test_markdown_without_front_matter_is_sniffed_by_its_headings() -> None:
    doc = load_text(b"# Harbour\n\nSome text.\n\n## Next\n\nMore.\n", source="-")
    assert doc.format == "markdown" and doc.text.startswith("Harbour\n\nSome text.")


def test_prose_without_a_name_stays_plain_text() -> None:
    doc = load_text(b"It was 5 p.m. - late.\n\n* * *\n\nThen #3 left.\n", source="-")
    assert doc.format == "text"


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(_error(str(fifo))), daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the reader so the test run can finish
        with open(fifo, "wb"):
            pass
        pytest.fail("load() blocked on a FIFO with no writer")
    assert result == [
        f"{fifo} is a FIFO (named pipe), not a regular file; pipe it in with - instead"
    ]


def test_a_device_is_refused() -> None:
    assert "is a character device, not a regular file" in _error("/dev/zero")


def _error(source: str) -> str:
    with pytest.raises(InputError) as info:
        load(source)
    return str(info.value)


def test_utf8_with_one_bad_byte_stays_utf8() -> None:
    text = "“The port,” she said, “is not for sale.” Café owners agreed — all of them."
    raw = text.encode().replace(b"is not", b"is\xff not")
    doc = load_text(raw, source="a.txt")
    assert doc.text == text.replace("is not", "is\ufffd not")


def test_legacy_text_with_no_valid_utf8_is_still_guessed() -> None:
    text = "Crème brûlée à la carte, naïve façade — “quoted”."
    assert load_text(text.encode("cp1252"), source="a.txt").text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    ["“Quote” — it’s café time. A second sentence here.", "Привет, мир. Это текст на русском."],
    ids=["latin", "cyrillic"],
)
def test_utf16_without_bom_is_detected(codec: str, text: str) -> None:
    assert load_text(text.encode(codec), source="a.txt").text == text


def test_broken_utf16_without_bom_says_utf16() -> None:
    raw = "Some words in UTF-16. More words.".encode("utf-16-le") + b"\xd8\xdcA\x00"
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        load_text(raw, source="a.txt")


def test_ten_thousand_nested_quotes_keep_their_text() -> None:
    doc = load_text(("> " * 10_000 + "Deep words stay.\n").encode(), source="q.md")
    assert doc.text == "Deep words stay."
    assert doc.blocks[0].kind == "quote"


def test_list_levels_past_the_parser_limit_are_flattened_not_dropped() -> None:
    raw = "".join("  " * i + f"- level {i + 1}\n" for i in range(14))
    doc = load_text(raw.encode(), source="l.md")
    items = [(doc.text[b.start : b.end], b.level, b.marker) for b in doc.blocks]
    assert [text for text, _, _ in items] == [f"level {i + 1}" for i in range(14)]
    assert all(marker == "•" for _, _, marker in items)
    levels = [level for _, level, _ in items]
    assert levels == sorted(levels) and levels[0] == 1


def test_deeply_nested_html_keeps_its_text() -> None:
    deep = PAGE.replace("<p>", "<blockquote>" * 3000 + "<p>", 1)
    deep = deep.replace("</p>", "</p>" + "</blockquote>" * 3000, 1)
    doc = load_text(deep.encode(), source="deep.html")
    assert "Westhaven Port Authority postponed its vote" in doc.text
    assert "the timetable had always been provisional" in doc.text


def test_entity_flood_is_read_without_a_token_per_entity() -> None:
    import tracemalloc

    raw = ("&amp;" * 400_000).encode()  # 2 MB: 400,000 entities
    tracemalloc.start()
    doc = load_text(raw, source="flood.md")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc.text == "&" * 400_000
    assert peak < 150 * 2**20  # a token per entity took over 160 MB here


def test_markup_past_the_budget_is_shown_as_text() -> None:
    from reader.document import markdown_bounds

    raw = "*a* " * 10 + "\n\n" + "*b* and &amp; \\* " * 3
    budget = markdown_bounds.MARKUP_BUDGET
    try:
        markdown_bounds.MARKUP_BUDGET = 25
        doc = load_text(raw.encode(), source="m.md")
    finally:
        markdown_bounds.MARKUP_BUDGET = budget
    first, second = doc.blocks
    assert doc.text[first.start : first.end] == "a " * 9 + "a"
    assert doc.text[second.start : second.end] == "*b* and & * *b* and & * *b* and & *"


def test_markdown_too_large_to_lay_out_is_refused_at_once_with_a_message() -> None:
    flood = b"&amp;" * (11 * 2**20 // 5)  # over the 10 MB Markdown limit, under the 64 MB one
    with pytest.raises(InputError, match=r"too large to lay out as Markdown \(11 MB; the limit"):
        load_text(flood, source="big.md")
    doc = load_text(flood, source="big.txt")
    assert doc.format == "text" and len(doc.text) == len(flood)
