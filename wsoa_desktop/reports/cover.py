"""Make the covering report file: gather, draft, write (Word or PDF) atomically.

The command line (``report cover``) and Reports ▸ Covering report… both come
here, so the file is the same however it was asked for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wsoa_desktop.reports.produce import check_output

if TYPE_CHECKING:
    from wsoa_desktop.reports.covering_content import CoveringReport
    from wsoa_desktop.store.database import Store

KIND = "cover"


def draft_cover(store: Store, plan_id: int, period_label: str | None, meeting_id: int | None = None, *,
                author: str = "", today: date | None = None) -> CoveringReport:
    """The drafted report for the meeting (the next one in the calendar when none is named)."""
    from wsoa_desktop.reports.covering_content import draft
    from wsoa_desktop.services.covering_report import gather

    sources = gather(store, plan_id, period_label, meeting_id, today=today)
    return draft(sources, author=author, printed_on=today)


def render_cover(report: CoveringReport, path: Path, suffix: str | None = None) -> None:
    """Write the drafted report at ``path`` as Word (``.docx``) or PDF (``suffix`` or the path's own)."""
    if (suffix or path.suffix).lower() == ".docx":
        from wsoa_desktop.reports.word.cover_docx import write_cover_docx

        write_cover_docx(report, path)
    else:
        from wsoa_desktop.reports.covering_report_pdf import write_cover_pdf

        write_cover_pdf(report, path)


def write_cover(report: CoveringReport, path: Path | str) -> Path:
    """Write the drafted report as ``.docx`` or ``.pdf``, atomically."""
    from wsoa_desktop.services.files import atomic_write

    path = check_output(KIND, path)
    return atomic_write(path, lambda tmp: render_cover(report, tmp, path.suffix))


def make_cover(store: Store, path: Path | str, *, plan: str | int | None = None, period_label: str | None = None,
               meeting_id: int | None = None, author: str = "", today: date | None = None) -> Path:
    """Check the file type first, then draft and write the covering report."""
    from wsoa_desktop.services.plans import resolve_plan

    path = check_output(KIND, path)
    plan_id = resolve_plan(store, plan)
    return write_cover(draft_cover(store, plan_id, period_label, meeting_id, author=author, today=today), path)
