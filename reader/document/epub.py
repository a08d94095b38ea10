"""EPUB: the OPF package's spine, metadata and table of contents, read from the zip in memory.

Invariant: nothing is extracted to disk; members are read through a budget
(member count, bytes per member and in total, counted as actually
decompressed, not as the zip declares), so a zip bomb is refused; member
names that are absolute or climb out (`..`) are ignored. Chapters come in
spine order; the nav document (EPUB 3) or the NCX (EPUB 2) gives headings.
DRM (a `rights.xml`, or content encrypted other than font obfuscation) and a
broken container are one `InputError` line each. Only the standard library's
`zipfile` and lxml are used.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from reader.document.builder import TextBuilder
from reader.document.xhtml import Chapter, add_chapter, parse_tree
from reader.errors import InputError

MAX_MEMBERS = 10_000
"""More members than this is not a book."""
MAX_MEMBER_BYTES = 32 * 2**20
"""No one chapter or package file decompresses to more than this."""
MAX_TOTAL_BYTES = 160 * 2**20
"""All the members read, decompressed, stay under this."""
_CONTENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", "text/xml"})
_NCX_TYPE = "application/x-dtbncx+xml"
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)


@dataclass
class Book:
    """What an EPUB gave: the text builder, filled in spine order, and the metadata."""

    builder: TextBuilder = field(default_factory=TextBuilder)
    title: str = ""
    author: str = ""
    date: str = ""
    complete: bool = True
    """False when `read_book` stopped at its `chars` budget with chapters left."""


class _Container:
    """The zip's members by safe name, read under one decompression budget."""

    def __init__(self, raw: bytes, label: str) -> None:
        self.label = label
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
            raise self.invalid("not a zip archive (truncated or damaged?)") from error
        if len(infos) > MAX_MEMBERS:
            raise self.invalid(f"{len(infos)} members (the limit is {MAX_MEMBERS})")
        self.members = {i.filename: i for i in infos if _safe(i.filename) and not i.is_dir()}
        self.budget = MAX_TOTAL_BYTES

    def invalid(self, reason: str) -> InputError:
        return InputError(f"{self.label}: not a valid EPUB: {reason}")

    def read(self, name: str) -> bytes | None:
        """The member's bytes, or None if there is no such (safe) member."""
        info = self.members.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise InputError(f"{self.label}: encrypted EPUB (the zip is password-protected)")
        limit = min(MAX_MEMBER_BYTES, self.budget)
        try:
            with self.zip.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise self.invalid(f"cannot decompress {name} ({error})") from error
        if len(data) > limit:
            raise self.invalid(f"{name} decompresses to too much (a zip bomb?)")
        self.budget -= len(data)
        return data


def _safe(name: str) -> bool:
    return not (name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/")) and (
        ":" not in name.split("/", 1)[0]
    )


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml(data: bytes | None, what: str, box: _Container) -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; used as Any

    if data is None:
        raise box.invalid(f"no {what}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise box.invalid(f"cannot read the {what} ({error})") from error
    if root is None:
        raise box.invalid(f"cannot read the {what}")
    return root


def _find_all(root: Any, name: str) -> list[Any]:
    return [el for el in root.iter() if _local(el) == name]


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def read_book(raw: bytes, label: str, *, chars: int | None = None) -> Book:
    """Parse the EPUB in `raw`; `InputError` (one line) when it is broken or has DRM.

    ``chars``: stop after the chapter that brings the text to this many characters
    (the head of a long book, `reader.document.paged_head`); the chapters read are
    read exactly as in the whole book, so its text is a prefix of the whole one's.
    """
    box = _Container(raw, label)
    if "META-INF/rights.xml" in box.members:
        raise InputError(f"{label}: encrypted EPUB (DRM); it cannot be read")
    container = _xml(box.read("META-INF/container.xml"), "META-INF/container.xml", box)
    paths = [str(el.get("full-path") or "") for el in _find_all(container, "rootfile")]
    opf_path = next((p for p in paths if p in box.members), None)
    if opf_path is None:
        raise box.invalid("no OPF package document")
    _check_encryption(box)
    opf = _xml(box.read(opf_path), opf_path, box)
    base = posixpath.dirname(opf_path)
    book = Book()
    _metadata(opf, book)
    manifest: dict[str, tuple[str, str, str]] = {}
    for item in _find_all(opf, "item"):
        href = _join(base, str(item.get("href") or ""))
        props = str(item.get("properties") or "")
        manifest[str(item.get("id"))] = (href, str(item.get("media-type") or ""), props)
    spine_el = next(iter(_find_all(opf, "spine")), None)
    if spine_el is None:
        raise box.invalid("the package has no spine")
    refs = [str(ref.get("idref")) for ref in _find_all(spine_el, "itemref")]
    spine = [manifest[ref] for ref in refs if ref in manifest]
    spine = [entry for entry in spine if entry[1] in _CONTENT_TYPES or not entry[1]]
    if not spine:
        raise box.invalid("the spine lists no chapters")
    chapters = _toc(box, manifest, spine_el)
    for href, _, _ in spine:
        if chars is not None and book.builder.pos >= chars:
            book.complete = False
            break
        data = box.read(href)
        if data is None:
            continue
        add_chapter(parse_tree(data), book.builder, chapters.get(href, Chapter()))
    return book


def _metadata(opf: Any, book: Book) -> None:
    meta = next(iter(_find_all(opf, "metadata")), opf)
    for el in meta:
        name, value = _local(el), _text(el)
        if not value:
            continue
        if name == "title" and not book.title:
            book.title = value
        elif name == "creator" and not book.author:
            book.author = value
        elif name == "date":
            event = next((v for k, v in el.attrib.items() if k.endswith("event")), "")
            if not book.date or event == "publication":
                book.date = value


def _check_encryption(box: _Container) -> None:
    data = box.read("META-INF/encryption.xml")
    if data is None:
        return
    root = _xml(data, "META-INF/encryption.xml", box)
    for encrypted in _find_all(root, "EncryptedData"):
        methods = [str(m.get("Algorithm") or "") for m in _find_all(encrypted, "EncryptionMethod")]
        if not methods or any(m not in _FONT_OBFUSCATION for m in methods):
            raise InputError(f"{box.label}: encrypted EPUB (DRM); it cannot be read")


def _join(base: str, href: str) -> str:
    path = unquote(href.split("#", 1)[0])
    return posixpath.normpath(posixpath.join(base, path)) if path else ""


def _toc(
    box: _Container, manifest: dict[str, tuple[str, str, str]], spine: Any
) -> dict[str, Chapter]:
    """Each chapter's table-of-contents labels, from the nav document or else the NCX."""
    entries: list[tuple[str, str, int]] = []
    nav = next((m for m in manifest.values() if "nav" in m[2].split()), None)
    if nav is not None:
        entries = _nav_entries(box, nav[0])
    if not entries:
        ncx_id = str(spine.get("toc") or "")
        ncx = manifest.get(ncx_id) or next(
            (m for m in manifest.values() if m[1] == _NCX_TYPE), None
        )
        if ncx is not None:
            entries = _ncx_entries(box, ncx[0])
    chapters: dict[str, Chapter] = {}
    for target, label, depth in entries:
        path, _, fragment = target.partition("#")
        chapter = chapters.setdefault(path, Chapter())
        if fragment:
            chapter.at_id.setdefault(unquote(fragment), []).append((label, depth))
        else:
            chapter.at_start.append((label, depth))
    return chapters


def _target(base: str, href: str) -> str:
    fragment = href.partition("#")[2]
    path = _join(base, href)
    return f"{path}#{fragment}" if fragment else path


def _nav_entries(box: _Container, href: str) -> list[tuple[str, str, int]]:
    data = box.read(href)
    root = parse_tree(data) if data else None
    if root is None:
        return []
    navs = [el for el in root.iter("nav")]
    toc = next(
        (n for n in navs if any(v == "toc" for k, v in n.attrib.items() if k.endswith("type"))),
        None,
    )
    toc = toc if toc is not None else next(iter(navs), None)
    entries: list[tuple[str, str, int]] = []
    base = posixpath.dirname(href)

    def walk(ol: Any, depth: int) -> None:
        for li in ol:
            if not isinstance(li.tag, str) or li.tag != "li":
                continue
            link = li.find("a")
            if link is not None and link.get("href") and _text(link):
                entries.append((_target(base, str(link.get("href"))), _text(link), depth))
            for sub in li:
                if sub.tag == "ol":
                    walk(sub, depth + 1)

    for ol in toc.iter("ol") if toc is not None else []:
        walk(ol, 1)
        break
    return entries


def _ncx_entries(box: _Container, href: str) -> list[tuple[str, str, int]]:
    data = box.read(href)
    if data is None:
        return []
    root = _xml(data, href, box)
    base = posixpath.dirname(href)
    entries: list[tuple[str, str, int]] = []

    def walk(parent: Any, depth: int) -> None:
        for point in parent:
            if _local(point) != "navPoint":
                continue
            label = next((_text(t) for t in _find_all(point, "text")), "")
            content = next((c for c in point if _local(c) == "content"), None)
            src = str(content.get("src") or "") if content is not None else ""
            if label and src:
                entries.append((_target(base, src), label, depth))
            walk(point, depth + 1)

    for nav_map in _find_all(root, "navMap"):
        walk(nav_map, 1)
    return entries
