"""EPUB: chapters in spine order, the book's table of contents, metadata, and hostile zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from make_books import make_epub

from reader.analysis import analyze
from reader.cli import main
from reader.document import epub, load, load_text
from reader.document.model import BlockKind, Document
from reader.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_articles" / "harbour-tender.txt"


def _headings(doc: Document) -> list[tuple[str, int]]:
    return [(doc.text[b.start : b.end], b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]


def test_chapters_in_spine_order_with_headings_and_metadata() -> None:
    book = make_epub(
        [("Chapter One", ["The port opened.", "Ships came."]), ("Chapter Two", ["Rain fell."])],
        title="Harbour Days",
        date="2023-02-01",
    )
    doc = load_text(book, source="days.epub")
    assert (doc.format, doc.title, doc.date) == ("epub", "Harbour Days", "2023-02-01")
    assert doc.text == (
        "Chapter One\n\nThe port opened.\n\nShips came.\n\nChapter Two\n\nRain fell."
    )
    assert _headings(doc) == [("Chapter One", 1), ("Chapter Two", 1)]


@pytest.mark.parametrize("toc", ["nav", "ncx"])
def test_the_table_of_contents_gives_headings_chapters_lack(toc: str) -> None:
    chapters = [("Arrival", ["They came by sea."]), ("Departure", ["They left by road."])]
    doc = load_text(make_epub(chapters, toc=toc, in_text=False), source="-")
    assert doc.format == "epub"
    assert _headings(doc) == [("Arrival", 1), ("Departure", 1)]
    assert doc.text.startswith("Arrival\n\nThey came by sea.")


def test_emphasis_quotes_lists_alt_text_and_footnote_markers_as_for_html() -> None:
    body = (
        '<p>She <em>never</em> went<sup><a href="#n1">1</a></sup> past the '
        '<img src="m.png" alt="lighthouse"/>.</p><script>alert("x")</script>'
        "<style>p { color: red }</style><blockquote><p>We stay.</p></blockquote>"
        "<ol><li>First</li><li>Second<ul><li>Inner</li></ul></li></ol><hr/>"
        '<aside id="n1"><p>1. Told by her brother.</p></aside>'
    )
    doc = load_text(make_epub([("", [body])], markup=True), source="x.epub")
    assert doc.text == (
        "She never went1 past the lighthouse.\n\nWe stay.\n\nFirst\n\nSecond\n\nInner"
        "\n\n───\n\n1. Told by her brother."
    )
    kinds = [(b.kind.value, b.level, b.marker) for b in doc.blocks]
    assert kinds == [
        ("paragraph", 0, ""),
        ("quote", 1, ""),
        ("list_item", 1, "1."),
        ("list_item", 1, "2."),
        ("list_item", 2, "•"),
        ("rule", 0, ""),
        ("paragraph", 0, ""),
    ]
    [style] = doc.styles
    assert doc.text[style.start : style.end] == "never"


def _paragraphs(doc: Document) -> list[tuple[str, list[str]]]:
    """The sample's blocks as chapters: each heading starts one."""
    chapters: list[tuple[str, list[str]]] = [("", [])]
    for block in doc.blocks:
        text = " ".join(doc.text[block.start : block.end].split())
        if block.kind is BlockKind.HEADING:
            chapters.append((text, []))
        else:
            chapters[-1][1].append(text)
    return [c for c in chapters if c[0] or c[1]]


def test_the_analysis_matches_the_same_text_as_plain_text() -> None:
    plain = load(str(SAMPLE))
    doc = load_text(make_epub(_paragraphs(plain), title=plain.title), source="tender.epub")
    ours, theirs = analyze(doc), analyze(plain)

    def norm(s: str) -> str:
        return " ".join(s.split())

    assert sorted(e.name for e in ours.entities) == sorted(e.name for e in theirs.entities)
    assert [norm(doc.text[c.start : c.end]) for c in ours.claims] == [
        norm(plain.text[c.start : c.end]) for c in theirs.claims
    ]
    assert ours.entities and ours.claims
    for e in ours.entities:
        for start, end in e.mentions:
            assert 0 <= start < end <= len(doc.text)
    for span in (*doc.blocks, *doc.sentences, *doc.styles):
        assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]


def _zip(members: dict[str, bytes | str], *, mimetype: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype:
            zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _with(book: bytes, members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO(book)
    with zipfile.ZipFile(out, "a") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


BOOK = make_epub([("One", ["Words of the first chapter."])])
ENCRYPTION = (
    '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
    '<enc:EncryptionMethod Algorithm="{alg}"/><enc:CipherData>'
    '<enc:CipherReference URI="OEBPS/text/ch1.xhtml"/></enc:CipherData>'
    "</enc:EncryptedData></encryption>"
)
BAD = {
    "truncated.epub": (BOOK[: len(BOOK) // 2], "not a valid EPUB: not a zip archive"),
    "no-opf.epub": (_zip({"META-INF/container.xml": "<container/>"}), "no OPF package document"),
    "no-container.epub": (_zip({"OEBPS/a.xhtml": "<html/>"}), "no META-INF/container.xml"),
    "drm.epub": (_with(BOOK, {"META-INF/rights.xml": "<rights/>"}), "encrypted EPUB"),
    "aes.epub": (
        _with(
            BOOK,
            {
                "META-INF/encryption.xml": ENCRYPTION.format(
                    alg="http://www.w3.org/2001/04/xmlenc#aes128-cbc"
                )
            },
        ),
        "encrypted EPUB",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_books_are_one_clear_line_and_exit_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["extract", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_obfuscated_fonts_are_not_drm() -> None:
    alg = "http://www.idpf.org/2008/embedding"
    book = _with(BOOK, {"META-INF/encryption.xml": ENCRYPTION.format(alg=alg)})
    assert load_text(book, source="f.epub").text.startswith("One")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_zip_bomb_is_refused_by_what_it_decompresses_to() -> None:
    bomb = b"<p>" + b"a" * (epub.MAX_MEMBER_BYTES + 10) + b"</p>"
    book = make_epub([("One", ["x"])])
    out = io.BytesIO(book)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OEBPS/text/ch1.xhtml", bomb)  # the later entry of the name wins
    with pytest.raises(InputError, match="decompresses to too much"):
        load_text(out.getvalue(), source="bomb.epub")


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(epub, "MAX_MEMBERS", 3)
    with pytest.raises(InputError, match="members"):
        load_text(BOOK, source="many.epub")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_members_climbing_out_or_absolute_are_ignored() -> None:
    book = make_epub([("One", ["Inside."])])
    out = io.BytesIO(book)
    with zipfile.ZipFile(out, "a") as zf:
        zf.writestr("../evil.xhtml", "<html><body><p>Evil.</p></body></html>")
        zf.writestr("/abs.xhtml", "<html><body><p>Absolute.</p></body></html>")
    opf = (
        '<package xmlns="http://www.idpf.org/2007/opf"><metadata/><manifest>'
        '<item id="a" href="../../evil.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="b" href="/abs.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>'
        '</manifest><spine><itemref idref="a"/><itemref idref="b"/>'
        '<itemref idref="c"/></spine></package>'
    )
    with zipfile.ZipFile(out, "a") as zf:
        zf.writestr("OEBPS/content.opf", opf)
    assert load_text(out.getvalue(), source="x.epub").text == "One\n\nInside."
