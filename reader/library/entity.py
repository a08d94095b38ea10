"""A library entity: one person, organisation, place or thing across every article.

Invariant: a plain record, made by the linker (`reader.library.linking.link`) and read
back from the ledger cache (`reader.library.tables.entity`); kept apart from the linker
so a question (`reader claims`, `reader entities`) loads the record, not the linking
rules and their own records, which only a relink needs.
"""

from __future__ import annotations

from dataclasses import dataclass

Node = tuple[str, str]
"""A kind and a name key: ("person", "elon musk")."""


@dataclass(frozen=True, slots=True)
class LibraryEntity:
    """A person, organisation, place or thing across the whole library."""

    id: str
    """`kind:key` of the node it is named after (stable while its name is)."""
    name: str
    kind: str
    aliases: tuple[str, ...]
    """Every other spelling the articles use, most used first."""
    articles: int
    """How many articles name it."""
    mentions: int
    claims_about: int
    claims_by: int
    possibly: tuple[str, ...]
    """For an ambiguous short name ("Musk"): the library entities it may be."""
    keys: tuple[Node, ...]
    """The nodes it is made of (what `merge` and `split` name), its own first."""
    spellings: tuple[str, ...]
    """How the articles spell each of `keys` (the most used spelling)."""
