"""Read a plan from a Word WSOA (.docx) laid out like the Rotherham plan's Appendix 1.

The body runs: a “Priority 1 – EHC Plans” paragraph, “Lead Officers – …”, the
outcome statement, then tables headed ``Ref | Action | Lead | Target End Date |
RAG | Progress Update``. An action's Action cell holds its description ending
“…, this will mean that:”, outcome bullets, a “Key Impact Measures” line and
measure bullets. Tables continue over pages with the header row repeated, and a
row with an empty Ref continues the row above (its text, or more bullets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from wsoa_desktop.domain.refs import split_several
from wsoa_desktop.services.importing.extras import colour_word, find_extras
from wsoa_desktop.services.importing.rows import (
    NO_REF_MESSAGE,
    RowRun,
    SourceRow,
    SourceTable,
    fold,
    match_header,
    row_text,
    subheading_of,
)
from wsoa_desktop.services.incoming_files import DOCX, MAX_ROWS, damaged, too_many_rows

_PRIORITY = re.compile(r"^\s*Priority\s+(\d+)\s*[–—:\-]+\s*(.+?)\s*$", re.IGNORECASE)
_LEAD_OFFICERS = re.compile(r"^\s*Lead\s+Officers?\s*[–—:\-]+\s*(.+?)\s*$", re.IGNORECASE)
_WILL_MEAN = re.compile(r"[,;]?\s*this\s+will\s+mean\s+that\s*:?\s*$", re.IGNORECASE)
_BULLET_CHARS = "•◦○▪▫‣⁃·-–*"
MEASURE_HEADINGS = {"key impact measures", "key impact measure", "impact measures", "key measures of impact",
                    "measures of impact", "key performance indicators"}


@dataclass
class _Para:
    text: str
    bullet: bool
    joins_previous: bool = False  # first paragraph of a continuation row


@dataclass
class _Pending:
    row: SourceRow
    action: list[_Para] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    rating: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    status_text: list[str] = field(default_factory=list)
    reason: list[str] = field(default_factory=list)
    fill: str = ""


def _is_bullet(paragraph) -> bool:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return "list" in style.casefold() or paragraph.text.lstrip()[:1] in _BULLET_CHARS and \
        paragraph.text.lstrip()[:2] not in ("--",)


def _unique_cells(row) -> list:  # type: ignore[no-untyped-def,type-arg]
    out, seen = [], set()
    for cell in row.cells:
        key = id(cell._tc)
        if key in seen:
            continue
        seen.add(key)
        out.append(cell)
    return out


def _cell(cells: list, columns: dict[str, int], name: str):  # type: ignore[no-untyped-def,type-arg]
    i = columns.get(name)
    return cells[i] if i is not None and i < len(cells) else None


def _texts(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text.strip()]


def _is_measures_heading(text: str) -> bool:
    """“Key Impact Measures”, also with a note: “Key Impact Measures (baseline … to be established)”."""
    key = fold(text)
    return any(key == h or (key.startswith(h + " ") and "(" in text) for h in MEASURE_HEADINGS)


def _parse_action(paras: list[_Para]) -> tuple[str, list[str], str, list[str]]:
    """Description, outcomes, impact-measures heading, measures."""
    description: list[str] = []
    outcomes: list[str] = []
    measures: list[str] = []
    heading = ""
    mode = "description"
    for p in paras:
        text = p.text.strip()
        if not p.bullet and _is_measures_heading(text):
            heading, mode = text.rstrip(":"), "measures"
            continue
        if p.bullet:
            text = text.lstrip(_BULLET_CHARS).strip()
            if mode == "description":
                mode = "outcomes"
        if not text:
            continue
        if mode == "description":
            if description and p.joins_previous:
                description[-1] = f"{description[-1]} {text}"
            else:
                description.append(text)
        elif mode == "outcomes":
            outcomes.append(text)
        else:
            measures.append(text)
    desc = "\n".join(description)
    desc = _WILL_MEAN.sub("", desc).rstrip()
    return desc, outcomes, heading, measures


def _finish(pending: _Pending) -> SourceRow:
    row = pending.row
    row.action, row.outcomes, row.impact_measures_heading, row.impact_measures = _parse_action(pending.action)
    row.lead = "\n".join(pending.lead)
    row.target = " ".join(t.strip() for t in pending.target)
    row.rating = " ".join(pending.rating).strip()
    row.progress = "\n".join(pending.progress)
    row.status_text = "\n".join(pending.status_text)
    row.reason = " ".join(t.strip() for t in pending.reason)
    if not row.rating:
        row.rating_colour = colour_word(pending.fill)
    return row


def cell_fill(cell) -> str:  # type: ignore[no-untyped-def]
    """A table cell's background colour, "#RRGGBB", or "" (a RAG cell is often coloured, not written)."""
    from docx.oxml.ns import qn

    tc_pr = cell._tc.tcPr
    shd = tc_pr.find(qn("w:shd")) if tc_pr is not None else None
    fill = shd.get(qn("w:fill")) if shd is not None else None
    return f"#{fill}" if fill and fill.lower() != "auto" else ""


def _extras_from_table(block, table_out: SourceTable, number: int) -> None:  # type: ignore[no-untyped-def]
    """A table with no plan header: a rating key, owners or version history, or a row to name if nothing fits."""
    grid: list[tuple[int, list[str]]] = []
    fills: dict[tuple[int, int], str] = {}
    for n_row, row in enumerate(block.rows, start=1):
        cells = _unique_cells(row)
        grid.append((n_row, [c.text for c in cells]))
        for i, c in enumerate(cells):
            fill = cell_fill(c)
            if fill:
                fills[(n_row, i)] = fill
    used = find_extras(grid, table_out, lambda n: f"table {number}, row {n}", fills)
    if not used and table_out.first_row is None:
        for n_row, cells in grid:
            if any(c.strip() for c in cells):
                table_out.first_row = (f"table {number}, row {n_row}", row_text(cells))
                break


def read_docx(path: Path) -> SourceTable:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a damaged document makes python-docx raise almost anything
        raise damaged(path, DOCX, exc) from exc
    table_out = SourceTable(title=(document.core_properties.title or None))
    pending: _Pending | None = None
    priority: SourceRow | None = None
    expecting_statement = False
    tables_seen = 0
    rows_read = 0
    found_header = False
    first_paragraph: tuple[str, str] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            table_out.rows.append(_finish(pending))
            pending = None

    for n_block, block in enumerate(document.iter_inner_content(), start=1):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            first_paragraph = first_paragraph or (f"paragraph {n_block}", text[:80])
            m = _PRIORITY.match(text)
            if m:
                flush()
                priority = SourceRow(f"paragraph {n_block}", m.group(1), priority_title=m.group(2))
                table_out.rows.append(priority)
                expecting_statement = True
                continue
            m = _LEAD_OFFICERS.match(text)
            if m and priority is not None and expecting_statement:
                priority.lead_officers = m.group(1)
                continue
            if priority is not None and expecting_statement and not priority.outcome_statement:
                priority.outcome_statement = text
            continue
        if not isinstance(block, Table):
            continue
        tables_seen += 1
        expecting_statement = False
        header = None
        run = RowRun()
        ref_above = None  # the Ref cell of the row above: a cell merged down the rows returns it again
        if not any(match_header([c.text for c in _unique_cells(r)]) for r in block.rows):
            _extras_from_table(block, table_out, tables_seen)
            continue
        for n_row, row in enumerate(block.rows, start=1):
            rows_read += 1
            if rows_read > MAX_ROWS:
                raise too_many_rows(path, "table rows")
            cells = _unique_cells(row)
            texts = [c.text for c in cells]
            if header is None:
                header = match_header(texts)
                if header is not None:
                    found_header = True
                    table_out.columns |= set(header.columns)
                    if header.period and not table_out.period:
                        table_out.period = header.period
                continue
            if match_header(texts) is not None:
                continue  # the header repeated
            ref_cell = _cell(cells, header.columns, "ref")
            if ref_cell is not None and ref_above is not None and ref_cell._tc is ref_above._tc:
                # The Ref cell is merged down from the row above ("Priority 1 / Lead Officer: …"
                # beside each of its rows): this row has no Ref of its own.
                texts = ["" if c is ref_cell else t for c, t in zip(cells, texts, strict=True)]
                ref = ""
            else:
                ref = ref_cell.text.strip() if ref_cell is not None else ""
            ref_above = ref_cell
            where = f"table {tables_seen}, row {n_row}"
            filled = list(dict.fromkeys(" ".join(t.split()) for t in texts if t.strip()))
            if not filled:
                continue
            if len(filled) == 1 and not split_several(filled[0]) and (
                    len(cells) == 1 or " ".join(ref.split()) == filled[0]) and subheading_of(ref) is None:
                flush()  # a heading across the table: "PEER REVIEW MEASURES"
                table_out.rows.append(SourceRow(where, "", filled[0], kind="section"))
                run.section()
                continue
            action_cell = _cell(cells, header.columns, "action")
            has_action = action_cell is not None and bool(action_cell.text.strip())
            place = run.place(ref, has_action, pending is not None)
            if place == "orphan":
                table_out.problems.append((where, "", NO_REF_MESSAGE))
                continue
            joins = place == "continues"
            if not joins:
                flush()
                row_out = SourceRow(where, ref)
                pending = _Pending(row_out)
                if place == "subheading":
                    row_out.kind, row_out.ref_cell, row_out.ref = "subheading", ref, ""
                    officer = (subheading_of(ref) or (0, ""))[1]
                    lead_cell = _cell(cells, header.columns, "lead")
                    if officer and (lead_cell is None or not lead_cell.text.strip()):
                        pending.lead.append(officer)
                row_out.no_ref = place == "own"
            assert pending is not None
            if action_cell is not None:
                first = True
                for p in action_cell.paragraphs:
                    if not p.text.strip():
                        continue
                    pending.action.append(_Para(p.text, _is_bullet(p), joins and first))
                    first = False
            for name, bucket in (("lead", pending.lead), ("target", pending.target),
                                 ("rating", pending.rating), ("progress", pending.progress),
                                 ("status_text", pending.status_text), ("reason", pending.reason)):
                c = _cell(cells, header.columns, name)
                if c is not None:
                    bucket.extend(_texts(c))
            rating_cell = _cell(cells, header.columns, "rating")
            if rating_cell is not None and not pending.fill:
                pending.fill = cell_fill(rating_cell)
    flush()
    table_out.found_header = found_header
    if table_out.first_row is None:
        table_out.first_row = first_paragraph
    if not found_header:
        table_out.problems.append(("", "", f"{path.name} has no table with a header row naming Ref and Action "
                                           "(Ref | Action | Lead | Target End Date | RAG | Progress Update)."))
    return table_out
