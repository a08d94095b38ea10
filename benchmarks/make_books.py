"""Build small EPUB and PDF files in memory, for the tests and `bench_formats.py`.

Nothing is downloaded: an EPUB is a zip written with `zipfile` (mimetype
first, stored), a PDF is written by hand (one Helvetica text stream per page),
so both hold exactly the text given.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

Chapter = tuple[str, list[str]]
"""A chapter's heading (may be empty) and its paragraphs (XHTML fragments or text)."""


def chapter_xhtml(heading: str, paragraphs: list[str], *, markup: bool = False) -> str:
    """One chapter as XHTML; `markup`: the paragraphs are XHTML already (not escaped)."""
    body = [f"<h1>{escape(heading)}</h1>"] if heading else []
    body += [p if markup else f"<p>{escape(p)}</p>" for p in paragraphs]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"<head><title>{escape(heading)}</title><style>p {{ margin: 0 }}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def make_epub(
    chapters: list[Chapter],
    *,
    title: str = "A Book",
    author: str = "A. Writer",
    date: str = "2024-05-01",
    markup: bool = False,
    toc: str = "nav",
    in_text: bool = True,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """An EPUB 3 (`toc="nav"`) or EPUB 2 (`toc="ncx"`) book; `in_text`: headings in the XHTML."""
    out = io.BytesIO()
    names = [f"text/ch{i}.xhtml" for i in range(1, len(chapters) + 1)]
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{i}" href="{n}" media-type="application/xhtml+xml"/>'
            for i, n in enumerate(names, 1)
        )
        refs = "".join(f'<itemref idref="c{i}"/>' for i in range(1, len(names) + 1))
        links = [(n, h) for n, (h, _) in zip(names, chapters, strict=True) if h]
        if toc == "nav":
            items += (
                '<item id="nav" href="nav.xhtml" properties="nav" '
                'media-type="application/xhtml+xml"/>'
            )
            lis = "".join(f'<li><a href="{n}">{escape(h)}</a></li>' for n, h in links)
            zf.writestr(
                "OEBPS/nav.xhtml",
                '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
                f'<body><nav epub:type="toc"><ol>{lis}</ol></nav></body></html>',
            )
        elif toc == "ncx":
            items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
            points = "".join(
                f'<navPoint id="p{i}"><navLabel><text>{escape(h)}</text></navLabel>'
                f'<content src="{n}"/></navPoint>'
                for i, (n, h) in enumerate(links, 1)
            )
            zf.writestr(
                "OEBPS/toc.ncx",
                '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
                f"<navMap>{points}</navMap></ncx>",
            )
        zf.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f"<dc:date>{escape(date)}</dc:date></metadata>"
            f'<manifest>{items}</manifest><spine toc="ncx">{refs}</spine></package>',
        )
        for name, (heading, paragraphs) in zip(names, chapters, strict=True):
            xhtml = chapter_xhtml(heading if in_text else "", paragraphs, markup=markup)
            zf.writestr(f"OEBPS/{name}", xhtml, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return out.getvalue()
