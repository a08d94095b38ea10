"""Reading inputs: encodings, stdin, and a clear one-line error for every bad input."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from reader.document import fetch, load, load_text
from reader.errors import InputError

SMART = "“Quote” — it’s café time…"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (SMART.encode("utf-8"), SMART),
        (b"\xef\xbb\xbf" + SMART.encode("utf-8"), SMART),
        (SMART.encode("cp1252"), SMART),
        ("“Quote”".encode("cp1252"), "“Quote”"),
        ("Café crème, naïve résumé.".encode("latin-1"), "Café crème, naïve résumé."),
        (SMART.encode("utf-16"), SMART),
        (b"\xfe\xff" + SMART.encode("utf-16-be"), SMART),
        (("Привет, мир. Это тестовый текст на русском языке. " * 4).encode("cp1251"), None),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "cp1252-short", "latin1", "utf16", "utf16-be", "cp1251"],
)
def test_encodings_decode_to_the_right_characters(raw: bytes, expected: str | None) -> None:
    doc = load_text(raw, source="in.txt")
    if expected is None:
        assert doc.text.startswith("Привет, мир.")
    else:
        assert doc.text == expected


def test_utf8_cut_short_mid_character_stays_utf8() -> None:
    raw = "Les élèves ont dit « non » à Genève — café".encode()[:-1]
    assert (
        load_text(raw, source="cut.txt").text == "Les élèves ont dit « non » à Genève — caf\ufffd"
    )


def test_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"One line.\r\nTwo line.\r\n\r\nOld Mac.\rEnd.")
    doc = load(str(path))
    assert "\r" not in doc.text
    assert doc.text == "One line.\nTwo line.\n\nOld Mac.\nEnd."
    assert len(doc.blocks) == 2


def test_cp1252_file_reads_smart_quotes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.md"
    path.write_bytes("# Title\n\nShe said, “no comment.”\n".encode("cp1252"))
    assert load(str(path)).text == "Title\n\nShe said, “no comment.”"


def test_stdin_is_read_as_bytes_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    page = b"<!DOCTYPE html><html><body><article><p>" + b"Stdin page text. " * 20
    page += b"</p></article></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    doc = load("-")
    assert doc.format == "html" and doc.source == "-"
    assert doc.text.startswith("Stdin page text.")


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Piped in.\n\nTwo.\n")))
    doc = load("-")
    assert (doc.format, doc.title, doc.text) == ("text", "standard input", "Piped in.\n\nTwo.\n")


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_stdin_from_a_terminal_is_refused_instead_of_hanging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(io.BytesIO(b"")))
    with pytest.raises(InputError, match="nothing is piped in"):
        load("-")


def test_empty_stdin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="- is empty"):
        load("-")


def _error(source: str) -> str:
    with pytest.raises(InputError) as info:
        load(source)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert _error(str(tmp_path / "nope.txt")) == f"no such file: {tmp_path / 'nope.txt'}"


def test_missing_web_address_without_scheme_gets_a_hint() -> None:
    assert _error("www.example.org/story") == (
        "no such file: www.example.org/story (for a web page, start with https://)"
    )


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in _error(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    try:
        assert _error(str(path)) == f"permission denied: {path}"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    "raw",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 8, b"text\x00with nul"],
    ids=["png", "all-bytes", "nul"],
)
def test_binary_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(raw)
    assert "binary file" in _error(str(path))


@pytest.mark.parametrize(("raw", "hint"), [(b"", "is empty"), (b" \n\t\r\n", "only whitespace")])
def test_empty_file(tmp_path: Path, raw: bytes, hint: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(raw)
    assert hint in _error(str(path))


def test_markdown_with_only_front_matter_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "meta.md"
    path.write_text("---\ntitle: Nothing\n---\n")
    assert "no readable text" in _error(str(path))


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    monkeypatch.setattr(fetch, "MAX_BYTES", 100)
    assert "too large" in _error(str(path))


def test_the_size_limit_is_128_mb_and_the_error_says_so(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 129 MB written to the disk
        handle.truncate(129 * 2**20)
    assert _error(str(path)) == f"{path} is too large (129 MB; the limit is 128 MB)"
    from reader.document.head import load_head

    assert load_head(str(path)) is None  # refused before the app, by load()


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("http://", "no host name"),
        ("ftp://example.org/a.txt", "unsupported URL scheme"),
        ("http://[::1/story", "bad URL"),
        ("http://example.org:99999/story", "bad URL: http://example.org:99999/story (Port out"),
    ],
)
def test_bad_url(url: str, hint: str) -> None:
    assert hint in _error(url)


def test_load_text_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        load_text("x", source="x", fmt="rtf")
