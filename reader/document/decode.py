"""Bytes to text: detect the encoding, refuse binary data, normalise newlines.

Invariant: `decode()` either returns a `str` with only `\\n` line endings and no
byte-order mark, or raises `InputError` with one line naming the source. UTF-8
(with or without BOM) always wins when it is valid; only then are legacy
encodings guessed.
"""

from __future__ import annotations

import codecs
import re

from reader.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]{2,}")
_SAMPLE = 65536


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF and drop a leading BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(raw: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode `raw` bytes read from `source` into normalised text.

    Args:
        raw: The bytes as read.
        source: The path, URL or `-`, used in error messages.
        declared: A charset the transport declared (HTTP header), tried after UTF-8.

    Returns:
        The text with `\\n` newlines.

    Raises:
        InputError: The bytes are binary or in no encoding we can recognise.
    """
    text = _decode_bytes(raw, source, declared)
    if _looks_binary(text):
        raise InputError(f"{source} looks like a binary file, not text")
    return normalise_newlines(text)


def _decode_bytes(raw: bytes, source: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"{source} is not valid {encoding} text") from error
    if b"\x00" in raw:
        raise InputError(f"{source} looks like a binary file, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(raw) - 3:
            # valid UTF-8 cut short mid-character (a truncated download or pipe)
            return raw[: error.start].decode("utf-8") + "\ufffd"
    for attempt in (declared, _western_guess(raw)):
        if attempt:
            try:
                return raw.decode(attempt)
            except (UnicodeDecodeError, LookupError):
                continue
    import charset_normalizer  # slow to import; only undecided legacy text needs it

    best = charset_normalizer.from_bytes(raw[: _SAMPLE * 16]).best()
    if best is None or best.encoding is None:
        raise InputError(f"cannot decode {source}: it is not text in any encoding I recognise")
    try:
        return raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(f"cannot decode {source} as {best.encoding}") from error


def _western_guess(raw: bytes) -> str | None:
    """Return "cp1252" when the bytes look like Western text in a legacy code page.

    In Western text the non-ASCII bytes (accented letters, smart quotes, dashes)
    stand alone between ASCII letters; in Cyrillic, Greek or CJK code pages whole
    words are non-ASCII, so most such bytes have a non-ASCII neighbour. Short
    samples defeat statistical detection, so this check comes first.
    """
    sample = raw[:_SAMPLE]
    high = len(_NON_ASCII.findall(sample))
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(sample))
    return "cp1252" if high and in_runs * 2 < high else None


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)
