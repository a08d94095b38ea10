"""Bytes to text: detect the encoding, refuse binary data, normalise newlines.

Invariant: `decode()` either returns a `str` with only `\\n` line endings and no
byte-order mark, or raises `InputError` with one line naming the source. UTF-8
(with or without BOM) always wins when it is valid, and also when it is
overwhelmingly valid (a stray bad byte in an article full of UTF-8 quotes is
replaced by U+FFFD instead of turning every quote into mojibake); UTF-16
without a BOM is recognised by its zero bytes; only then are legacy encodings
guessed.
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
# Controls that binary data is full of. BEL, backspace and ESC are left out: text
# carries them (ANSI-coloured logs, man pages, a hostile article's escape
# sequences), and such a text is opened with them made harmless, not refused.
_CONTROL = re.compile(r"[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]{2,}")
_SAMPLE = 65536
_VALID_PER_ERROR = 4
"""UTF-8 with errors is still UTF-8 when it has this many valid multi-byte characters per error."""
_UTF16_ZEROS = 0.05
"""UTF-16 without a BOM: this share of one byte parity is zero (spaces alone give more)."""
_REPLACEMENT_UTF8 = "\ufffd".encode()


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
    if declared and _is_wide(declared):
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"{source} is not valid {declared} text") from error
    if b"\x00" in raw:
        return _decode_utf16(raw, source)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(raw) - 3:
            # valid UTF-8 cut short mid-character (a truncated download or pipe)
            return raw[: error.start].decode("utf-8") + "\ufffd"
    if (text := mostly_utf8(raw)) is not None:
        return text
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


def mostly_utf8(raw: bytes) -> str | None:
    """`raw` decoded as UTF-8 with U+FFFD for bad bytes, if the bytes are overwhelmingly UTF-8.

    The rule: count the invalid sequences and the valid multi-byte characters.
    A UTF-8 file damaged by a stray byte has many valid multi-byte characters
    (quotes, dashes, accents) per error; text in a legacy code page has almost
    none, because its non-ASCII bytes rarely form valid UTF-8 by chance.
    """
    text = raw.decode("utf-8", "replace")
    errors = text.count("\ufffd") - raw.count(_REPLACEMENT_UTF8)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - errors
    return text if valid >= _VALID_PER_ERROR * errors else None


def _is_wide(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _decode_utf16(raw: bytes, source: str) -> str:
    """Text with zero bytes: UTF-16 without a BOM if they fall on one byte parity, else binary.

    In UTF-16 every ASCII character (a space at least) has a zero high byte,
    so zeros are frequent on one parity (odd for little-endian) and almost
    absent on the other; binary formats have zeros everywhere.
    """
    sample = raw[: _SAMPLE * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    if high < max(4, _UTF16_ZEROS * (len(sample) // 2)) or low * 50 > high:
        raise InputError(f"{source} looks like a binary file, not text")
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = raw[: len(raw) - len(raw) % 2].decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source} looks like UTF-16 text without a byte-order mark but is not valid "
            f"{encoding}; convert it to UTF-8"
        ) from error
    return text + ("\ufffd" if len(raw) % 2 else "")


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
