"""Make a report file: find the plan, read it (or a published version), write atomically.

The command line and the app's Reports menu both come here, so a report looks
the same however it was asked for. The file is written to a temporary name in
the destination folder and renamed into place: a failure never leaves half a
report where the old one was.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from wsoa_desktop.domain.errors import ValidationError, WsoaError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, rated_items
from wsoa_desktop.domain.status_words import not_updated_items, not_updated_warning
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.store.server_address import ServerAddress, as_location

if TYPE_CHECKING:
    from wsoa_desktop.store.database import Store

#: report kind -> the file types it can be written as
KINDS: dict[str, tuple[str, ...]] = {
    "brag": (".pdf", ".docx"),
    "plan": (".pdf",),
    "exceptions": (".pdf", ".docx"),
    "highlight": (".pdf", ".docx"),
    "scorecard": (".pdf", ".xlsx"),
    "dashboard": (".pdf",),
}
NAMES = {"brag": "BRAG appendix", "plan": "action plan", "exceptions": "exception report",
         "highlight": "highlight report", "scorecard": "impact measures scorecard",
         "dashboard": "performance on a page"}
#: The committee's covering report (made by reports/cover.py: it reads the calendar too).
KINDS["cover"] = (".docx", ".pdf")
NAMES["cover"] = "covering report"
#: Kinds read by the impact measures reader (reports/measure_reports.py), not from one period's plan.
MEASURE_KINDS = ("scorecard", "dashboard")


def check_output(kind: str, path: Path | str) -> Path:
    """Refuse a file type the report cannot be written as, before any work is done."""
    path = Path(path)
    allowed = KINDS[kind]
    if path.suffix.lower() not in allowed:
        raise ValidationError(f"The {NAMES[kind]} can be written as {' or '.join(allowed)}, not "
                              f"“{path.suffix or path.name}”: give a file name ending {allowed[0]}.")
    return path


def read_outline(store: Store, plan_id: int, options: ReportOptions) -> PlanOutline:
    """The plan with the chosen period's ratings, or a published version as published."""
    if options.version is not None:
        if importlib.util.find_spec("wsoa_desktop.services.versions") is None:
            raise WsoaError("Reports from a published version are not available yet in this build: "
                            "report the current ratings instead.")
        from wsoa_desktop.services.versions import version_outline

        return version_outline(store, plan_id, options.version, options.period_label)
    from wsoa_desktop.services.outline import load_outline

    return load_outline(store, plan_id, options.period_label)


def find_priority_ref(outline: PlanOutline, ref: str | None) -> str:
    wanted = (ref or "").strip().rstrip(".")
    refs = [p.ref for p in outline.priorities]
    if wanted not in refs:
        listing = ", ".join(refs) or "none yet"
        raise ValidationError(f"There is no priority “{ref}” in this plan (priorities: {listing}).")
    return wanted


def not_updated_in_report(kind: str, outline: PlanOutline, options: ReportOptions) -> list[ActionNode]:
    """The carried-forward ratings this report prints (one priority's, for a highlight report)."""
    items = not_updated_items(outline)
    if kind == "highlight" and options.priority_ref:
        wanted = options.priority_ref.strip().rstrip(".")
        mine = {id(n) for p in outline.priorities if p.ref == wanted for n in rated_items(p.actions)}
        items = [n for n in items if id(n) in mine]
    return items


def not_updated_notice(kind: str, outline: PlanOutline, options: ReportOptions) -> str:
    """The one-line warning printed before a report with carried-forward ratings goes out ("" if none)."""
    items = not_updated_in_report(kind, outline, options)
    if not items:
        return ""
    if kind == "highlight" and options.priority_ref:
        wanted = options.priority_ref.strip().rstrip(".")
        rated = sum(1 for p in outline.priorities if p.ref == wanted for n in rated_items(p.actions) if n.rating)
        return not_updated_warning(outline, items, rated)
    return not_updated_warning(outline, items)


def render(kind: str, outline: PlanOutline, options: ReportOptions, path: Path, suffix: str) -> None:
    """Write one report as ``suffix`` (.pdf/.docx) to ``path``, which may be a temporary name."""
    suffix = suffix.lower()
    if kind == "brag":
        if suffix == ".docx":
            from wsoa_desktop.reports.word.brag_docx import write_brag_docx

            write_brag_docx(outline, options, path)
        else:
            from wsoa_desktop.reports.brag_appendix import write_brag_pdf

            write_brag_pdf(outline, options, path)
    elif kind == "plan":
        from wsoa_desktop.reports.action_plan import write_plan_pdf

        write_plan_pdf(outline, options, path)
    elif kind == "exceptions":
        if suffix == ".docx":
            from wsoa_desktop.reports.word.exceptions_docx import write_exceptions_docx

            write_exceptions_docx(outline, options, path)
        else:
            from wsoa_desktop.reports.exceptions import write_exceptions_pdf

            write_exceptions_pdf(outline, options, path)
    elif kind == "highlight":
        if suffix == ".docx":
            from wsoa_desktop.reports.word.highlight_docx import write_highlight_docx

            write_highlight_docx(outline, options, path)
        else:
            from wsoa_desktop.reports.highlight import write_highlight_pdf

            write_highlight_pdf(outline, options, path)
    else:  # pragma: no cover - callers use KINDS
        raise ValueError(kind)


def make_report(store: Store, kind: str, path: Path | str, options: ReportOptions, *,
                plan: str | int | None = None) -> Path:
    """Check, read, and write the report atomically; returns the path written."""
    from wsoa_desktop.services.plans import resolve_plan

    path = check_output(kind, path)
    if kind in MEASURE_KINDS:
        from wsoa_desktop.reports.measure_reports import make_measure_report

        return make_measure_report(store, kind, path, options, plan=plan)
    plan_id = resolve_plan(store, plan)
    return write_report(kind, read_outline(store, plan_id, options), options, path)


def write_report(kind: str, outline: PlanOutline, options: ReportOptions, path: Path) -> Path:
    """Write an already-read plan as the report, atomically."""
    from wsoa_desktop.services.files import atomic_write

    if kind == "highlight":
        find_priority_ref(outline, options.priority_ref)
    return atomic_write(path, lambda tmp: render(kind, outline, options, tmp, path.suffix))


def outline_at(db_path: Path | str | ServerAddress, options: ReportOptions, *,
               plan: str | int | None = None) -> PlanOutline:
    """The plan a report prints, from a database file: read-only and without SQLAlchemy
    when the schema is current (see :mod:`wsoa_desktop.reports.read_only_outline`);
    a server database is read through the store."""
    location = as_location(db_path)
    if options.version is None and isinstance(location, Path):
        from wsoa_desktop.reports.read_only_outline import fast_outline

        outline = fast_outline(location, plan, options.period_label)
        if outline is not None:
            return outline
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.store.database import open_store

    store = open_store(location, create=isinstance(location, Path))  # a report never sets up a server
    try:
        return read_outline(store, resolve_plan(store, plan), options)
    finally:
        store.close()


def make_report_at(db_path: Path | str | ServerAddress, kind: str, path: Path | str, options: ReportOptions, *,
                   plan: str | int | None = None) -> Path:
    """As :func:`make_report`, from a database file (see :func:`outline_at`)."""
    path = check_output(kind, path)
    if kind in MEASURE_KINDS:  # impact measures: their own reader, read-only when the schema is current
        from wsoa_desktop.reports.measure_reports import make_measure_report_at

        return make_measure_report_at(as_location(db_path), kind, path, options, plan=plan)
    return write_report(kind, outline_at(db_path, options, plan=plan), options, path)
