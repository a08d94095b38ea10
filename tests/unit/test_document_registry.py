"""The format registry: how a format is chosen, and that a new one is one module and one line."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from reader.document import formats, load, load_text
from reader.document.formats import Format, Origin, Parsed
from reader.document.model import Block, BlockKind
from reader.errors import InputError


def test_content_type_then_extension_then_sniffing() -> None:
    page = b"<!doctype html><html><body><p>Words here.</p></body></html>"
    assert formats.choose(page, "notes.md", "text/html").name == "html"
    assert formats.choose(page, "notes.md").name == "markdown"
    assert formats.choose(page, "-").name == "html"
    assert formats.choose(b"# Title\n\nText.", None).name == "markdown"
    assert formats.choose(b"# Title\n\nText.", "notes.txt").name == "text"
    assert formats.choose(b"Just words.", "-").name == "text"


def test_every_registered_format_has_a_name_and_plain_text_is_the_fallback() -> None:
    assert formats.names() == ("epub", "pdf", "html", "markdown", "text")
    assert formats.REGISTRY[-1].sniff(b"\x00anything", None)
    with pytest.raises(ValueError, match="unknown format 'rtf'"):
        formats.by_name("rtf")


def _gzip_parse(raw: bytes, origin: Origin) -> Parsed:
    try:
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{origin.label} is not a gzipped text file") from error
    return Parsed(text, [Block(BlockKind.PARAGRAPH, 0, len(text))], title="Zipped")


GZIP = Format(
    name="gzip-text",
    sniff=lambda raw, name: raw.startswith(b"\x1f\x8b"),
    parse=_gzip_parse,
    extensions=(".gz",),
)


@pytest.fixture
def with_gzip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "REGISTRY", (GZIP, *formats.REGISTRY))


@pytest.mark.usefixtures("with_gzip")
def test_a_binary_format_gets_the_raw_bytes_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.gz"
    path.write_bytes(gzip.compress(b"Packed words. Two sentences."))
    doc = load(str(path))
    assert (doc.format, doc.title, doc.text) == (
        "gzip-text",
        "Zipped",
        "Packed words. Two sentences.",
    )
    assert len(doc.sentences) == 2


@pytest.mark.usefixtures("with_gzip")
def test_a_binary_format_is_sniffed_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    packed = gzip.compress(b"From a pipe.")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(packed)))
    assert load("-").text == "From a pipe."
    assert load_text(packed, source="-", fmt="gzip-text").text == "From a pipe."
