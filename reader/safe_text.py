"""Text that is safe to show on a terminal.

Anything that came from outside (article text, titles, file names, note
bodies, a server's reason phrase) may carry escape sequences: an OSC 52
sequence in a title writes the user's clipboard, a CSI sequence moves the
cursor or hides text. Every place that writes such text to a terminal passes
it through :func:`for_terminal` first; JSON output stays exact (``json.dumps``
escapes controls itself).

Controls are replaced, not dropped, so the reader sees that something was
there: C0 controls become their Unicode "control picture" (ESC is ``␛``),
DEL ``␡``, C1 controls ``�``. Bidirectional overrides and isolates would
reorder what follows them on screen (a file name ``"exe.txt"`` shown as
``"txt.exe"``), so they are shown as ``<U+202E>``, not obeyed.
"""

from __future__ import annotations

import re

#: Bidirectional embeddings, overrides and isolates: they reorder the text after them.
#: The marks (U+200E, U+200F, U+061C) only give neutral characters a direction, so
#: right-to-left titles keep them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_CONTROL_NO_BREAKS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟, ESC is ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return "\ufffd"
    return f"<U+{code:04X}>"


def for_terminal(text: str, *, keep_breaks: bool = True) -> str:
    """Return ``text`` with every terminal control made visible and inert.

    Args:
        text: Any text from outside the program.
        keep_breaks: Keep newlines and tabs (multi-line output); False for a
            single line such as a title or an error message, where they too
            become visible pictures.
    """
    pattern = _CONTROL if keep_breaks else _CONTROL_NO_BREAKS
    return pattern.sub(_picture, text)


_BREAKS = re.compile(r"[\t\r\n]+")


def one_line(text: str) -> str:
    """``text`` as one safe line: controls visible, newlines and tabs as spaces."""
    return _CONTROL_NO_BREAKS.sub(_picture, _BREAKS.sub(" ", text))


#: Select Graphic Rendition: colours and bold (`ESC [ 1 ; 31 m`), 7- or 8-bit.
_SGR = re.compile(r"(?:\x1b\[|\x9b)[0-9;:]*m")


def without_colours(text: str) -> str:
    """``text`` without its terminal colour codes (for document text).

    A file saved from a terminal (``ls --color > out.txt``, a ``script`` log)
    carries colours as ``ESC [ 3 1 m``. They only style what follows, so they
    are removed whole, as a pager rendering them would hide them. Left in, the
    ESC became U+FFFD and ``[31m`` stayed glued to the next word, where the
    analysis took it for part of a name. Every other escape sequence (a title,
    the clipboard, cursor moves) is kept and made visible, so the reader sees
    that the file tried something.
    """
    if "\x1b" not in text and "\x9b" not in text:
        return text
    return _SGR.sub("", text)


def same_length(text: str) -> str:
    """Controls replaced one-for-one, so offsets into ``text`` stay valid.

    For canonical document text: every C0 control but tab and newline, DEL
    and C1 controls become U+FFFD; bidi controls are kept as characters
    (they are one code point each), and the views show them with
    :func:`for_terminal`. A vertical tab or form feed (page breaks in old
    plain-text books) becomes a space.
    """
    return _SAME_LENGTH.sub(_one_for_one, text)


_SAME_LENGTH = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _one_for_one(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else "\ufffd"
