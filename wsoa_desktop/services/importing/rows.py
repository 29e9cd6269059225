"""The common row model every reader produces, and the header names it understands.

Councils' spreadsheets and Word tables name their columns in many ways (``Target
date``, ``Target End Date``, ``Lead officer(s)``, ``RAG August 2022``). Headers are
matched after folding case and punctuation; a rating header followed by a period
(``RAG August 2022``) names the period the ratings belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("ref", "action", "lead", "target", "rating", "progress")

HEADER_NAMES: dict[str, set[str]] = {
    "ref": {"ref", "reference", "ref no", "ref number", "no", "number", "action ref", "action no",
            "action number", "id", "item"},
    "action": {"action", "actions", "action description", "description", "actions required",
               "activity", "task", "what"},
    "lead": {"lead", "leads", "lead s", "lead officer", "lead officers", "lead officer s", "lead person",
             "owner", "action owner", "responsible", "responsible officer", "who"},
    "target": {"target end date", "target date", "target", "end date", "due date", "due", "deadline",
               "timescale", "timescales", "completion date", "target completion date", "by when"},
    "rating": {"rag", "brag", "rating", "rag rating", "brag rating", "rag status", "brag status", "status"},
    "progress": {"progress update", "progress", "update", "progress updates", "comments", "commentary",
                 "progress to date", "latest update", "update on progress", "progress comments"},
}
_RATING_WITH_PERIOD = re.compile(
    r"^\s*(brag rating|rag rating|brag status|rag status|b?rag|rating)\b[\s:\-–—(]*(?P<period>.+?)[\s)]*$",
    re.IGNORECASE)
_LEAD_SPLIT = re.compile(r"[/;,\n\r]+")
_LEAD_SPLIT_SEMICOLONS = re.compile(r"[;\n\r]+")


def fold(text: object) -> str:
    """A header reduced to lower-case words (``Lead(s)`` → ``lead s``)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).split())


@dataclass
class HeaderMatch:
    columns: dict[str, int]  # field → column index
    period: str | None = None  # named by a "RAG <period>" header


def match_header(cells: list[str]) -> HeaderMatch | None:
    """The columns a header row names, or None when the row is not a header (needs Ref and Action)."""
    columns: dict[str, int] = {}
    period = None
    for i, cell in enumerate(cells):
        key = fold(cell)
        if not key:
            continue
        for name, options in HEADER_NAMES.items():
            if key in options and name not in columns:
                columns[name] = i
                break
        else:
            m = _RATING_WITH_PERIOD.match(str(cell))
            if m and "rating" not in columns and fold(m.group("period")):
                columns["rating"] = i
                period = " ".join(m.group("period").split())
    if "ref" in columns and "action" in columns:
        return HeaderMatch(columns, period)
    return None


def split_leads(text: str, *, semicolons_only: bool = False) -> list[str]:
    """Several leads in one cell: split on ``/``, ``;``, ``,`` and line breaks.

    In a file that separates leads with ``;`` (as the app's own export does, joining
    them with ``"; "``), only ``;`` and line breaks separate: there a ``/`` or ``,``
    is part of a name such as “RMBC/CCG Comms leads”.
    """
    out: list[str] = []
    pattern = _LEAD_SPLIT_SEMICOLONS if semicolons_only else _LEAD_SPLIT
    for part in pattern.split(text or ""):
        name = " ".join(part.split())
        if name and name not in out:
            out.append(name)
    return out


@dataclass
class SourceRow:
    """One row of a plan as read from a file, before any checking."""

    where: str  # "row 12", or "table 3, row 4" in a Word file
    ref: str = ""
    action: str = ""
    lead: str = ""
    target: str = ""
    rating: str = ""
    progress: str = ""
    outcomes: list[str] = field(default_factory=list)
    impact_measures_heading: str = ""
    impact_measures: list[str] = field(default_factory=list)
    # What a Word plan says about a priority outside its tables.
    priority_title: str = ""
    lead_officers: str = ""
    outcome_statement: str = ""

    def is_blank(self) -> bool:
        return not any((self.ref, self.action.strip(), self.lead.strip(), self.target.strip(),
                        self.rating.strip(), self.progress.strip(), self.outcomes, self.impact_measures))


@dataclass
class SourceTable:
    """Everything a reader found in one file."""

    rows: list[SourceRow] = field(default_factory=list)
    period: str | None = None
    title: str | None = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (where, ref, message)


def cell_text(value: object) -> str:
    """A spreadsheet value as the text an officer typed."""
    from datetime import date, datetime

    if value is None:
        return ""
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_from_grid(grid: list[tuple[int, list[str]]], table: SourceTable, *, where: str = "row") -> None:
    """Rows of cells (with their row numbers) → :class:`SourceRow`s, from the first header row on.

    A header row repeated further down (a table continued over pages) is skipped.
    """
    header: HeaderMatch | None = None
    for number, cells in grid:
        if header is None:
            header = match_header(cells)
            if header is not None and header.period and not table.period:
                table.period = header.period
            continue
        again = match_header(cells)
        if again is not None and again.columns == header.columns:
            continue

        row = SourceRow(f"{where} {number}", _pick(cells, header, "ref").strip(),
                        *(_pick(cells, header, name) for name in FIELDS[1:]))  # type: ignore[arg-type]
        if not row.is_blank():
            table.rows.append(row)
    if header is None:
        table.problems.append(("", "", "No header row was found: the file needs columns named Ref and "
                                       "Action (and Lead, Target End Date, RAG, Progress Update)."))


def _pick(cells: list[str], header: HeaderMatch, name: str) -> str:
    i = header.columns.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


def join_continuations(rows: list[SourceRow], table: SourceTable) -> list[SourceRow]:
    """A row with no Ref continues the row above (a Word table split across pages)."""
    out: list[SourceRow] = []
    for row in rows:
        if row.ref or not out:
            if not row.ref:
                table.problems.append((row.where, "", "This row has no Ref and no row above it to continue: "
                                                      "give it a reference such as 1.1.1."))
                continue
            out.append(row)
            continue
        prev = out[-1]
        if row.action.strip():
            prev.action = _join(prev.action, row.action, " ")
        prev.lead = _join(prev.lead, row.lead, "\n")
        prev.target = _join(prev.target, row.target, " ")
        prev.rating = prev.rating or row.rating
        prev.progress = _join(prev.progress, row.progress, "\n")
    return out


def _join(a: str, b: str, sep: str) -> str:
    a, b = a.strip(), b.strip()
    return f"{a}{sep}{b}" if a and b else a or b
