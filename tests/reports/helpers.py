"""Reading produced reports back: text from PDFs (pypdf) and Word files (python-docx)."""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.reports.progress_summary import rated_items


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_pages_quickly(path: Path) -> list[str]:
    """As :func:`pdf_pages`, read by poppler's ``pdftotext`` (ten times faster for a report of
    hundreds of pages; ``.ci/run`` installs poppler-utils), else by pypdf."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        return pdf_pages(path)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """Text without whitespace: line wrapping must not decide a test."""
    return "".join(text.split())


def docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    pos = 0
    for n in needles:
        found = haystack.find(n, pos)
        assert found >= 0, f"{n!r} missing (or out of order) after position {pos}"
        pos = found + len(n)


def leaf_refs(outline: PlanOutline) -> list[str]:
    return [n.ref for p in outline.priorities for n in rated_items(p.actions)]
