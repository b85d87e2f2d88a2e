"""Build small valid PDFs with real text (tests and benchmarks serve them from 127.0.0.1).

Hand-built bytes: one Helvetica text page per string, a correct cross-reference table, and
an optional unreferenced binary stream to reach a given file size.
"""

from __future__ import annotations

import random


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[str], pad_to: int = 0, seed: int = 0) -> bytes:
    """A PDF whose page i shows the words of `pages[i]` (ASCII), padded to `pad_to` bytes."""
    objects: list[bytes] = []
    n_pages = len(pages)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        lines = [text[j:j + 80] for j in range(0, len(text), 80)] or [""]
        ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
        ops += [f"({_escape(line)}) Tj T*" for line in lines[:50]]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1", "replace")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[i] + 1} 0 R >>"
                       .encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []

    def emit(body: bytes) -> None:
        offsets.append(len(out))
        out.extend(b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n")

    for body in objects:
        emit(body)
    if pad_to > len(out) + 400:
        size = pad_to - len(out) - 400
        blob = random.Random(seed).randbytes(size)
        emit(b"<< /Length %d >>\nstream\n" % size + blob + b"\nendstream")
    xref = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for off in offsets:
        out.extend(b"%010d 00000 n \n" % off)
    out.extend(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
               % (len(offsets) + 1, xref))
    return bytes(out)
