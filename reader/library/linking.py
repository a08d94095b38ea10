"""Entities linked across articles: which article entities are one library entity.

Invariant: a pure function of its inputs (`link(rows, links)`): the same rows and
manual links give the same library entities, whatever order the articles came in.

Rules, in order:
1. Rows (one article's entity each) with the same kind and `name_key` are one node:
   "Elon Musk" in two articles, or "Mr Musk" and "Musk".
2. A node whose key is the tail of longer names of the same kind ("musk" of
   "elon musk"), or an alias some article gave a longer name ("julian" for "Julian
   Harcourt"), joins that name's entity when all such names are one entity; when
   they are several ("Elon Musk", "Kimbal Musk") it stays apart and is marked
   `possibly` those names. Longer names are settled first, so a chain resolves.
3. The reader's links are applied on top, oldest first: a node the reader split
   off stands alone under rule 2 (it is joined to nothing by name, only by a merge),
   a merge joins two entities (the first named wins the name). Links name nodes by
   kind and key, so they apply to articles added later too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from reader.library.entity import LibraryEntity, Node
from reader.library.names import name_key

__all__ = ["EntityRow", "LibraryEntity", "Link", "Linked", "Node", "link", "node_of"]


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One article's entity, as the linker and the ledger see it."""

    article_id: str
    entity_id: str
    """The analysis' id within the article (`e1`)."""
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    about: tuple[str, ...]
    """Ids (in the article) of the claims whose content names it."""
    by: tuple[str, ...]
    """Ids (in the article) of the claims whose source it is."""


@dataclass(frozen=True, slots=True)
class Link:
    """A merge or split the reader made, between two nodes."""

    action: str
    """"merge" or "split"."""
    a: Node
    """For a split, the part taken out."""
    b: Node


@dataclass(frozen=True, slots=True)
class Linked:
    """A library entity and the article entities it is made of."""

    entity: LibraryEntity
    members: tuple[EntityRow, ...]


def node_of(row: EntityRow) -> Node:
    """The node of an article entity."""
    return (row.kind, name_key(row.name))


class _Groups:
    """Union-find over nodes; the representative is the first node of a union."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.parent[node] = self.find(parent)
        return parent

    def union(self, keep: Node, other: Node) -> None:
        keep, other = self.find(keep), self.find(other)
        if keep != other:
            self.parent[other] = keep


def link(rows: Iterable[EntityRow], links: Sequence[Link] = ()) -> list[Linked]:
    """The library entities made of `rows` under the reader's `links`, most articles first."""
    by_node: dict[Node, list[EntityRow]] = defaultdict(list)
    for row in rows:
        by_node[node_of(row)].append(row)
    split = [ln for ln in links if ln.action == "split"]
    groups, possibly = _by_rule(
        by_node, {frozenset((ln.a, ln.b)) for ln in split}, {ln.a for ln in split}
    )
    merges = [ln for ln in links if ln.action == "merge" and ln.a in by_node and ln.b in by_node]
    for ln in merges:
        groups.union(ln.a, ln.b)
    merged = {groups.find(ln.a) for ln in merges}
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in by_node:
        members[groups.find(node)].append(node)
    names = {node: _display(found) for node, found in by_node.items()}
    entities = [
        _entity(root, nodes, by_node, names, () if root in merged else possibly.get(root, ()))
        for root, nodes in members.items()
    ]
    entities.sort(key=lambda e: (-e.entity.articles, -e.entity.mentions, e.entity.name.casefold()))
    return entities


def _by_rule(
    by_node: dict[Node, list[EntityRow]], splits: set[frozenset[Node]], split_off: set[Node]
) -> tuple[_Groups, dict[Node, tuple[str, ...]]]:
    """Rules 1 and 2: each node joined to the one longer name it stands for, if any (none
    for a node in `split_off`: the part of a split, `Link.a`)."""
    longer: dict[Node, set[Node]] = defaultdict(set)
    for node, found in by_node.items():
        kind, key = node
        words = key.split()
        for i in range(1, len(words)):
            longer[(kind, " ".join(words[i:]))].add(node)
        for row in found:
            for alias in row.aliases:
                alias_key = name_key(alias)
                if 0 < len(alias_key.split()) < len(words):
                    longer[(kind, alias_key)].add(node)
    groups = _Groups()
    possibly: dict[Node, tuple[str, ...]] = {}
    for node in sorted(by_node, key=lambda n: (-len(n[1].split()), n)):
        fulls = [f for f in longer.get(node, ()) if frozenset((node, f)) not in splits]
        roots = {groups.find(f) for f in fulls}
        roots = {r for r in roots if frozenset((node, r)) not in splits}
        if len(roots) == 1 and node not in split_off:
            groups.union(roots.pop(), node)
        elif roots:
            possibly[node] = tuple(sorted(_display(by_node[r]) for r in roots))
    return groups, possibly


def _display(rows: Sequence[EntityRow]) -> str:
    """The spelling most rows use (ties: the longest, then the first in order)."""
    counts = Counter(row.name for row in rows)
    return max(counts, key=lambda name: (counts[name], len(name), name))


def _entity(
    root: Node,
    nodes: list[Node],
    by_node: dict[Node, list[EntityRow]],
    names: dict[Node, str],
    possibly: tuple[str, ...],
) -> Linked:
    rows = tuple(row for node in nodes for row in by_node[node])
    name = names[root]
    # One count over every spelling (a `Counter.update` per row was a fifth of linking).
    spellings = Counter(chain.from_iterable((row.name, *row.aliases) for row in rows))
    seen = {name.casefold()}
    aliases = []
    for spelling, _ in sorted(spellings.items(), key=lambda item: (-item[1], item[0])):
        if spelling.casefold() not in seen:
            seen.add(spelling.casefold())
            aliases.append(spelling)
    about = {(row.article_id, claim) for row in rows for claim in row.about}
    by = {(row.article_id, claim) for row in rows for claim in row.by}
    keys = tuple(sorted(nodes, key=lambda n: (n != root, n)))
    entity = LibraryEntity(
        id=f"{root[0]}:{root[1]}",
        name=name,
        kind=root[0],
        aliases=tuple(aliases),
        articles=len({row.article_id for row in rows}),
        mentions=sum(row.mentions for row in rows),
        claims_about=len(about),
        claims_by=len(by),
        possibly=possibly,
        keys=keys,
        spellings=tuple(names[node] for node in keys),
    )
    return Linked(entity, rows)
