"""What changed between two versions of an article, sentence by sentence (stealth edits).

Invariant: both texts are cut into sentences the way the reader cuts them
(`reader.document.sentences.split_sentences`, line by line, so a heading is its own
sentence); sentences are compared with their spacing collapsed, so re-wrapping is no
change. Every sentence of `old` that is not kept is in exactly one change (`removed`
or the old side of `altered`), and every sentence of `new` likewise (`added` or the new
side of `altered`). A removed and an added sentence at the same place become one
`altered` change when their words are mostly the same (difflib ratio on words >=
`ALTERED`), with word-level ops; `quoted` marks a change to a sentence holding a
quotation, the edits a reader most needs to see. Offsets are into each text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from reader.document.sentences import split_sentences
from reader.library.drift import WordOp, word_key, word_ops

ALTERED = 0.5
"""Word-sequence ratio from which a replaced sentence is the same sentence edited."""
MAX_PAIRING = 200
"""Sentences each side of one replaced run beyond which no pairs are sought (cost)."""

ChangeKind = Literal["added", "removed", "altered"]
_LINE = re.compile(r"[^\n]+")
_QUOTE = re.compile('["“”«»„]')


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of one version."""

    start: int
    end: int
    text: str
    """The sentence with its spacing collapsed."""


@dataclass(frozen=True, slots=True)
class Change:
    """A sentence added, removed, or altered between the two versions."""

    kind: ChangeKind
    old: Piece | None
    """The sentence in the old text (None when added)."""
    new: Piece | None
    """The sentence in the new text (None when removed)."""
    ops: tuple[WordOp, ...] = ()
    """For an altered sentence, its word differences."""

    @property
    def quoted(self) -> bool:
        """Whether the sentence holds a quotation (in either version)."""
        return any(p is not None and _QUOTE.search(p.text) for p in (self.old, self.new))


def sentences(text: str) -> list[Piece]:
    """The sentences of `text`, line by line, in order."""
    out = []
    for line in _LINE.finditer(text):
        for sentence in split_sentences(text, line.start(), line.end()):
            words = " ".join(text[sentence.start : sentence.end].split())
            if words:
                out.append(Piece(sentence.start, sentence.end, words))
    return out


def changes(old: str, new: str) -> list[Change]:
    """The changes from `old` to `new`, in the order of the new text."""
    before, after = sentences(old), sentences(new)
    matcher = SequenceMatcher(
        None, [p.text for p in before], [p.text for p in after], autojunk=False
    )
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out.extend(_replaced(before[i1:i2], after[j1:j2]))
    return out


def _keys(piece: Piece) -> list[str]:
    """The sentence's words as compared (case and punctuation aside)."""
    return [word_key(w) for w in piece.text.split()]


def _ratio(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _replaced(removed: list[Piece], added: list[Piece]) -> list[Change]:
    """A run of removed and added sentences, edited ones paired in order."""
    pairs: list[tuple[int, int]] = []
    if removed and added and len(removed) <= MAX_PAIRING and len(added) <= MAX_PAIRING:
        words = [_keys(p) for p in added]
        low = 0
        for i, piece in enumerate(removed):
            mine = _keys(piece)
            ratios = [(_ratio(mine, words[j]), -j) for j in range(low, len(added))]
            if ratios and max(ratios)[0] >= ALTERED:
                best = -max(ratios)[1]
                pairs.append((i, best))
                low = best + 1
    out: list[Change] = []
    i = j = 0
    for pi, pj in [*pairs, (len(removed), len(added))]:
        out += [Change("removed", removed[k], None) for k in range(i, pi)]
        out += [Change("added", None, added[k]) for k in range(j, pj)]
        if pi < len(removed):
            old, new = removed[pi], added[pj]
            out.append(Change("altered", old, new, word_ops(old.text.split(), new.text.split())))
        i, j = pi + 1, pj + 1
    return out
