"""`drop_seen`: a feed's bytes without the items already seen, for `reader feed update`.

feedparser costs about 20 microseconds an element (0.18 s for a feed of 500
items), while an update needs only the items not seen before: usually a few
at the top. lxml (C) reads the whole feed in a few milliseconds; the items
whose id is among the seen ones are taken out and feedparser parses the rest.

Invariant: an item is dropped only when the id feedparser would give it (and
`reader.feeds.parse` would keep: RSS `guid`, else RSS 1.0 `rdf:about`, else
`link`; Atom `id`, else its alternate link; stripped) is in `seen`; any item
whose id cannot be told is kept, so nothing new is ever missed. A feed lxml
cannot read strictly (not well-formed, undefined entities, a DTD) is
returned unchanged, for feedparser's lenient parse. No entity is expanded,
no DTD or network resource loaded.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

_ATOM = "{http://www.w3.org/2005/Atom}"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_RSS1 = "{http://purl.org/rss/1.0/}"


def drop_seen(data: bytes, seen: Collection[str]) -> bytes:
    """``data`` without the items whose id is in ``seen`` (``data`` itself if none is)."""
    if not seen:
        return data
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; used as Any

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        strip_cdata=False,
        recover=False,
        huge_tree=False,
    )
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except (etree.XMLSyntaxError, ValueError):
        return data
    if tree.docinfo.doctype:
        return data  # a DTD may define entities feedparser would expand
    dropped = 0
    for item in _items(tree.getroot()):
        ident = _ident(item)
        if ident is not None and ident in seen:
            parent = item.getparent()
            if parent is not None:
                _keep_tail(item)
                parent.remove(item)  # (which takes its tail with it)
                dropped += 1
    if not dropped:
        return data
    return bytes(etree.tostring(tree, encoding="utf-8", xml_declaration=True))


def _items(root: Any) -> list[Any]:
    """RSS 2.0 `channel/item`, RSS 1.0 `item` (under the root), Atom `entry`."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == f"{_ATOM}feed":
        return [el for el in root if el.tag == f"{_ATOM}entry"]
    if tag == "rss":
        channels = [el for el in root if el.tag == "channel"]
        return [el for channel in channels for el in channel if el.tag == "item"]
    if tag.endswith("}RDF"):
        return [el for el in root if el.tag == f"{_RSS1}item"]
    return []


def _ident(item: Any) -> str | None:
    """The item's id as feedparser reads it, or None when that cannot be told here."""
    if item.tag == f"{_ATOM}entry":
        ident = _child_text(item, f"{_ATOM}id")
        if ident:
            return ident
        links = [el for el in item if el.tag == f"{_ATOM}link"]
        alternate = [el for el in links if el.get("rel") in (None, "alternate")]
        return (alternate[0].get("href") or "").strip() or None if alternate else None
    namespace = _RSS1 if item.tag == f"{_RSS1}item" else ""
    guid = _child_text(item, f"{namespace}guid") if not namespace else None
    if guid:
        return guid
    about = (item.get(_RDF_ABOUT) or "").strip()
    if about:
        return about
    return _child_text(item, f"{namespace}link") or None


def _child_text(item: Any, tag: str) -> str | None:
    """The stripped text of the one child ``tag`` (None if absent, several, or not plain)."""
    found = [el for el in item if el.tag == tag]
    if len(found) != 1 or len(found[0]):
        return None  # feedparser would join or pick: let it
    return (found[0].text or "").strip()


def _keep_tail(item: Any) -> None:
    """Move the text after ``item`` (whitespace between items, as a rule) to stay where it is."""
    tail = item.tail
    if not tail or not tail.strip():
        return
    before = item.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent = item.getparent()
        parent.text = (parent.text or "") + tail
