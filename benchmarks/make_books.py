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


PdfBlock = tuple[float, list[str]]
"""A run of lines set in one font size (points): a heading or a paragraph."""


def _pdf_string(text: str) -> str:
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _page_stream(blocks: list[PdfBlock], header: str, number: int | None) -> str:
    ops: list[str] = []

    def line(text: str, size: float, x: float, y: float) -> None:
        ops.append(f"BT /F1 {size:g} Tf 1 0 0 1 {x:g} {y:g} Tm {_pdf_string(text)} Tj ET")

    if header:
        line(header, 9, 72, 760)
    y = 730.0
    for size, lines in blocks:
        for text in lines:
            line(text, size, 72, y)
            y -= size * 1.25
        y -= size * 0.9
    if number is not None:
        line(str(number), 9, 300, 40)
    return "\n".join(ops)


def make_pdf(
    pages: list[list[PdfBlock]],
    *,
    title: str = "",
    header: str = "",
    numbers: bool = True,
) -> bytes:
    """A PDF of `pages` in Helvetica, with a running `header` and page numbers if asked."""
    count = len(pages)
    objects: list[str] = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids ["
        + " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
        + f"] /Count {count} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, blocks in enumerate(pages):
        stream = _page_stream(blocks, header, i + 1 if numbers else None)
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
        )
        data = stream.encode("latin-1")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{stream}\nendstream")
    info = ""
    if title:
        objects.append(f"<< /Title {_pdf_string(title)} >>")
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
