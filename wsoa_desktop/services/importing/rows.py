"""The common row model every reader produces, and the header names it understands.

Councils' spreadsheets and Word tables name their columns in many ways (``Target
date``, ``Target End Date``, ``Lead officer(s)``, ``RAG August 2022``). Headers are
matched after folding case and punctuation; a rating header followed by a period
(``RAG August 2022``) names the period the ratings belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("ref", "action", "lead", "target", "rating", "progress", "status_text", "reason")

HEADER_NAMES: dict[str, set[str]] = {
    "ref": {"ref", "reference", "ref no", "ref number", "no", "number", "action ref", "action no",
            "action number", "id", "item"},
    "action": {"action", "actions", "action description", "description", "actions required",
               "activity", "task", "what"},
    "lead": {"lead", "leads", "lead s", "lead officer", "lead officers", "lead officer s", "lead person",
             "owner", "action owner", "responsible", "responsible officer", "who"},
    "target": {"target end date", "target date", "target", "end date", "due date", "due", "deadline",
               "timescale", "timescales", "completion date", "target completion date", "by when"},
    "rating": {"rag", "brag", "rating", "rag rating", "brag rating", "rag status", "brag status"},
    "progress": {"progress update", "progress", "update", "progress updates", "comments", "commentary",
                 "progress to date", "latest update", "update on progress", "progress comments"},
    # "Status" beside a RAG column is the words written with the rating ("On track");
    # on its own it is the rating (see match_header).
    "status_text": {"status", "current status", "progress status", "status text", "delivery status"},
    "reason": {"reason", "reason for rating", "reason for change", "reason for rating change",
               "reason for change of rating", "why changed"},
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
    if "status_text" in columns and "rating" not in columns:
        columns["rating"] = columns.pop("status_text")
    if "ref" in columns and ("action" in columns or "rating" in columns):
        return HeaderMatch(columns, period)  # Ref and Action: a plan; Ref and RAG: a column of ratings
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
    status_text: str = ""  # words written beside the rating ("On track")
    reason: str = ""
    # What a Word plan says about a priority outside its tables.
    priority_title: str = ""
    lead_officers: str = ""
    outcome_statement: str = ""
    #: "item", "section" for a heading row ("PEER REVIEW MEASURES") that groups the rows below, or
    #: "subheading" for a "Priority 1 / Lead Officer: …" row heading the rows after it in a section.
    kind: str = "item"
    #: A row kept as an item of its own though its Ref is empty (a section whose rows have no
    #: references, such as seed 004's joint commissioning plan): placing gives it a reference.
    no_ref: bool = False
    #: The Ref cell as written, when the reference was worked out from elsewhere (see placing).
    ref_cell: str = ""
    linked_refs: list[str] = field(default_factory=list)
    #: The priority or section the row sits in (set by placing), for a named reference.
    group_ref: str = ""
    #: A rating read from the cell's colour (a RAG cell filled, with no word in it).
    rating_colour: str = ""

    def is_blank(self) -> bool:
        return not any((self.ref, self.action.strip(), self.lead.strip(), self.target.strip(),
                        self.rating.strip(), self.progress.strip(), self.outcomes, self.impact_measures,
                        self.status_text.strip(), self.reason.strip(), self.rating_colour))


@dataclass
class LegendEntry:
    """One line of a document's own rating key ("Red | Not started / may miss target")."""

    where: str
    name: str
    meaning: str
    colour: str = ""  # the cell's fill, "#RRGGBB", when it has one


@dataclass
class OwnerEntry:
    """One row of an owners table (Appendix A: Initials | Name | Position)."""

    where: str
    initials: str
    name: str
    position: str = ""


@dataclass
class VersionLine:
    """One row of a version-history table (Amended By | Date | Version | Summary of Amendments)."""

    where: str
    number: str
    date_text: str
    by: str
    summary: str


@dataclass
class SourceTable:
    """Everything a reader found in one file."""

    rows: list[SourceRow] = field(default_factory=list)
    period: str | None = None
    title: str | None = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (where, ref, message)
    legend: list[LegendEntry] = field(default_factory=list)
    owners: list[OwnerEntry] = field(default_factory=list)
    versions: list[VersionLine] = field(default_factory=list)
    #: Where the plan's rows are, and the first row that could not be read as one, for the
    #: message a document in no known shape gets.
    found_header: bool = False
    first_row: tuple[str, str] | None = None  # (where, the row's text)
    #: The fields the header rows name ("ref", "action", "rating", …).
    columns: set[str] = field(default_factory=set)


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


def rows_from_grid(grid: list[tuple[int, list[str]]], table: SourceTable, *, where: str = "row",
                   fills: dict[tuple[int, int], str] | None = None) -> None:
    """Rows of cells (with their row numbers) → :class:`SourceRow`s, from the first header row on.

    A header row repeated further down (a table continued over pages) is skipped;
    a rating key, owners table or version history (:mod:`.extras`) is read as such;
    a row holding only a heading in its first column ("PEER REVIEW MEASURES") is a section.
    """
    from wsoa_desktop.services.importing.extras import colour_word, find_extras

    fills = fills or {}
    used = find_extras(grid, table, lambda n: f"{where} {n}", fills)
    header: HeaderMatch | None = None
    for number, cells in grid:
        if number in used:
            continue
        if header is None:
            header = match_header(cells)
            if header is not None:
                table.found_header = True
                table.columns |= set(header.columns)
                if header.period and not table.period:
                    table.period = header.period
            elif table.first_row is None and any(c.strip() for c in cells):
                table.first_row = (f"{where} {number}", row_text(cells))
            continue
        ref_column = header.columns["ref"]
        ref_cell = cells[ref_column] if ref_column < len(cells) else ""
        if ref_cell and len(ref_cell) <= 20 and fold(ref_cell) in HEADER_NAMES["ref"]:
            again = match_header(cells)
            if again is not None and again.columns == header.columns:
                continue  # the header repeated on the next page

        row = SourceRow(f"{where} {number}", _pick(cells, header, "ref").strip(),
                        action=_pick(cells, header, "action"), lead=_pick(cells, header, "lead"),
                        target=_pick(cells, header, "target"), rating=_pick(cells, header, "rating"),
                        progress=_pick(cells, header, "progress"),
                        status_text=_pick(cells, header, "status_text"), reason=_pick(cells, header, "reason"))
        column = header.columns.get("rating")
        if column is not None and not row.rating.strip():
            row.rating_colour = colour_word(fills.get((number, column), ""))
        mark_section(row, cells)
        if not row.is_blank():
            table.rows.append(row)
    if header is None and not table.found_header:
        table.problems.append(("", "", "No header row was found: the file needs columns named Ref and "
                                       "Action (and Lead, Target End Date, RAG, Progress Update)."))


def row_text(cells: list[str]) -> str:
    """A row's cells as one line, for a message ("Name | Role")."""
    text = " | ".join(" ".join(c.split()) for c in cells if c and c.strip())
    return text if len(text) <= 80 else text[:79] + "…"


def mark_section(row: SourceRow, cells: list[str]) -> None:
    """A row whose only text is a heading, not a reference ("PEER REVIEW MEASURES"), heads a section."""
    from wsoa_desktop.domain.refs import split_several

    filled = list(dict.fromkeys(" ".join(c.split()) for c in cells if c and c.strip()))
    if len(filled) != 1 or split_several(filled[0]):
        return
    text = filled[0]
    if " ".join(row.ref.split()) != text:
        return  # text in another column only: the row above continues
    row.kind = "section"
    row.ref = ""
    row.action = text
    for name in FIELDS[2:]:
        setattr(row, name, "")


def _pick(cells: list[str], header: HeaderMatch, name: str) -> str:
    i = header.columns.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


_SUBHEADING = re.compile(r"^\s*Priority\s+(\d{1,3})\b[\s.:–—\-]*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_LEAD_OFFICER = re.compile(r"Lead\s+Officers?\s*[:–—\-]?\s*(?P<name>.*)$", re.IGNORECASE | re.DOTALL)
NO_REF_MESSAGE = "This row has no Ref and no row above it to continue: give it a reference such as 1.1.1."


def subheading_of(ref_cell: str) -> tuple[int, str] | None:
    """A Ref cell heading a group of rows inside a section: "Priority 1 / Lead Officer: Paula
    Williams" → (1, "Paula Williams"); None for anything else."""
    m = _SUBHEADING.match(ref_cell or "")
    if m is None:
        return None
    officer = _LEAD_OFFICER.search(m.group("rest"))
    return int(m.group(1)), " ".join(officer.group("name").split()) if officer else ""


class RowRun:
    """Where a row belongs as a table is read top to bottom: its own item, or the row above's.

    In a numbered plan a row with no Ref continues the row above (a table broken
    over pages), and a row with no Ref and nothing above it is refused. A section
    whose rows carry no references at all (seed 004's "SEND JOINT COMMISSIONING
    PLAN 2016/17", under "Priority 1 / Lead Officer: …" headings) is different: there
    each row with text in its Action column is an item of its own, which placing
    names from its section. Only a row straight after a section heading (or a
    "Priority N" heading inside one) starts such a run, so no other shape changes.
    """

    def __init__(self) -> None:
        self.in_section = False
        self.refless = False
        self.after_heading = False

    def section(self) -> None:
        self.in_section, self.refless, self.after_heading = True, False, True

    def place(self, ref: str, has_action: bool, has_above: bool) -> str:
        """"item", "subheading", "own" (an item whose reference placing makes), "continues" or "orphan"."""
        if ref.strip():
            if self.in_section and subheading_of(ref) is not None:
                self.refless = self.after_heading = True
                return "subheading"
            self.refless = self.after_heading = False
            return "item"
        if self.in_section and (self.after_heading or (self.refless and has_action)):
            self.refless, self.after_heading = True, False
            return "own"
        self.after_heading = False
        return "continues" if has_above else "orphan"


def mark_subheading(row: SourceRow) -> None:
    """A "Priority 1 / Lead Officer: …" row: its officer leads it; placing gives it a reference."""
    found = subheading_of(row.ref)
    row.kind = "subheading"
    row.ref_cell = row.ref
    row.ref = ""
    if found is not None and found[1] and not row.lead.strip():
        row.lead = found[1]


def join_continuations(rows: list[SourceRow], table: SourceTable) -> list[SourceRow]:
    """A row with no Ref continues the row above (a Word table split across pages), except in a
    section whose rows have no references (see :class:`RowRun`)."""
    out: list[SourceRow] = []
    run = RowRun()
    for row in rows:
        if row.kind == "section":
            out.append(row)
            run.section()
            continue
        place = run.place(row.ref, bool(row.action.strip()), bool(out) and out[-1].kind != "section")
        if place == "orphan":
            table.problems.append((row.where, "", NO_REF_MESSAGE))
            continue
        if place != "continues":
            if place == "subheading":
                mark_subheading(row)
            row.no_ref = place == "own"
            out.append(row)
            continue
        prev = out[-1]
        if row.action.strip():
            prev.action = _join(prev.action, row.action, " ")
        prev.lead = _join(prev.lead, row.lead, "\n")
        prev.target = _join(prev.target, row.target, " ")
        prev.rating = prev.rating or row.rating
        prev.rating_colour = prev.rating_colour or row.rating_colour
        prev.progress = _join(prev.progress, row.progress, "\n")
        prev.status_text = _join(prev.status_text, row.status_text, "\n")
        prev.reason = _join(prev.reason, row.reason, " ")
    return out


def _join(a: str, b: str, sep: str) -> str:
    a, b = a.strip(), b.strip()
    return f"{a}{sep}{b}" if a and b else a or b
