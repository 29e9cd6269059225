"""Readings from the performance team's spreadsheet: a dry run that lists everything, then all or nothing.

The team sends an ``.xlsx`` with a row per figure: the measure (its short name,
such as ``M8``, or its description), the quarter (``Q2 2022/23``) or reporting
period (``August 2022``), the value, and optionally a note. Columns are found by
their header text on any sheet and in any order, so a re-ordered or extra column
does no harm. Nothing is guessed: every row that cannot be applied safely is a
problem, and while there is one problem nothing is written —

- a measure the plan does not have,
- a quarter or period the app cannot read,
- a value that is not a number,
- the same measure and quarter twice with different values.

Applying writes every reading in one transaction, each with its audit entry; a
reading for a quarter the measure already has replaces it (the dry run says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.measures import Measure, format_value
from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.services.csv_export import unprotect_cell
from wsoa_desktop.store.database import Store

HEADER_SEARCH_ROWS = 30
HEADERS: dict[str, set[str]] = {
    "measure": {"measure", "measure ref", "measure name", "measure id", "ref", "kpi", "indicator",
                "key impact measure", "impact measure", "measure description", "description", "code"},
    "quarter": {"quarter", "period", "quarter ending", "period ending", "as at", "date", "reporting period",
                "quarter period", "when"},
    "value": {"value", "reading", "figure", "actual", "result", "outturn", "performance", "data"},
    "note": {"note", "notes", "comment", "comments", "commentary"},
}


def _fold(text: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", str(text or "").casefold()).split())


@dataclass(frozen=True)
class ReadingRow:
    """One reading the import would write."""

    source: str  # "figures.xlsx ▸ Sheet1, row 4"
    measure_ref: str
    measure_title: str
    label: str
    as_of: date
    value: float
    note: str
    unit: str
    old_value: float | None  # the reading it replaces, if any
    #: The replaced reading's row version at the dry run (0: there was none); the import is
    #: refused if it has moved on by then (someone else saved that reading meanwhile).
    version: int = 0

    def describe(self) -> str:
        change = "new" if self.old_value is None else (
            "unchanged" if self.old_value == self.value else f"was {format_value(self.old_value, self.unit)}")
        return (f"{self.measure_ref} {self.measure_title}: {self.label} = "
                f"{format_value(self.value, self.unit)} ({change})")


@dataclass(frozen=True)
class ReadingProblem:
    source: str
    message: str

    def describe(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


@dataclass
class ReadingsImport:
    """The dry run: what would be written, and every problem. Nothing has been written."""

    path: Path
    rows: list[ReadingRow] = field(default_factory=list)
    problems: list[ReadingProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def new_count(self) -> int:
        return sum(1 for r in self.rows if r.old_value is None)

    @property
    def replaced_count(self) -> int:
        return sum(1 for r in self.rows if r.old_value is not None and r.old_value != r.value)

    def summary(self) -> str:
        if self.problems:
            return (f"{len(self.problems)} problem(s) in {self.path.name}; nothing will be imported until "
                    "they are fixed.")
        if not self.rows:
            return f"{self.path.name} holds no readings to import."
        unchanged = len(self.rows) - self.new_count - self.replaced_count
        return (f"{len(self.rows)} reading(s) from {self.path.name}: {self.new_count} new, "
                f"{self.replaced_count} replacing an earlier figure"
                + (f", {unchanged} the same as already recorded." if unchanged else "."))


def _value(cell: object, number_format: str, unit: str) -> float | None:
    """A cell's number: 52.5, "52.5%", "6,132"; a 0.525 formatted as a percentage is 52.5 for a % measure."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        value = float(cell)
        if unit == "%" and "%" in (number_format or "") and abs(value) <= 1.5:
            value *= 100
        return round(value, 10)
    text = unprotect_cell(str(cell or "")).strip().replace(",", "").replace("\u00a0", "")
    text = text.rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        return None


def _label(cell: object) -> tuple[str, date | None]:
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return format_day(cell), cell
    text = " ".join(unprotect_cell(str(cell or "")).split())
    return text, read_when(text)


def _match_measure(text: str, measures: list[Measure]) -> Measure | None:
    key = _fold(text)
    if not key:
        return None
    for m in measures:
        if _fold(m.ref) == key:
            return m
    matches = [m for m in measures if _fold(m.title) == key]
    return matches[0] if len(matches) == 1 else None


def _header(values: tuple[object, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, v in enumerate(values):
        key = _fold(v)
        for name, options in HEADERS.items():
            if key in options and name not in columns:
                columns[name] = i
                break
    return columns if {"measure", "quarter", "value"} <= columns.keys() else None


def read_readings(store: Store, plan_id: int, path: Path | str) -> ReadingsImport:
    """Read the file and work out every reading and problem. Writes nothing."""
    from wsoa_desktop.services.measures import list_measures

    path = Path(path)
    result = ReadingsImport(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"Cannot import readings from “{path.name}”: save the sheet as an Excel "
                              "workbook (.xlsx) and try again.")
    if not path.is_file():
        raise ValidationError(f"There is no file at {path}. Check the name.")
    measures = list_measures(store, plan_id)
    versions = _reading_versions(store, plan_id)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(f"{path.name} is not a readable Excel workbook (.xlsx) "
                              f"({exc.__class__.__name__}). Open it in Excel, save it as .xlsx and try again.") from exc
    seen: dict[tuple[int, date], ReadingRow] = {}
    found_header = False
    try:
        for ws in wb.worksheets:
            columns: dict[str, int] | None = None
            for i, cells in enumerate(ws.iter_rows(), start=1):
                values = tuple(getattr(c, "value", None) for c in cells)
                if columns is None:
                    columns = _header(values)
                    found_header = found_header or columns is not None
                    if columns is None and i >= HEADER_SEARCH_ROWS:
                        break
                    continue

                def cell(kind: str, cells: tuple[Any, ...] = cells, columns: dict[str, int] = columns) -> object:
                    j = columns.get(kind)
                    return getattr(cells[j], "value", None) if j is not None and j < len(cells) else None

                source = f"{path.name} ▸ {ws.title}, row {i}"
                measure_text = " ".join(unprotect_cell(str(cell("measure") or "")).split())
                raw_value, raw_label = cell("value"), cell("quarter")
                if not measure_text and raw_value in (None, "") and raw_label in (None, ""):
                    continue  # an empty row
                _add_row(result, seen, measures, source, measure_text, raw_label, raw_value,
                         columns, cells, cell("note"))
    finally:
        wb.close()
    if not found_header:
        result.problems.append(ReadingProblem("", f"No sheet in {path.name} has a header row with Measure, "
                                                  "Quarter and Value columns in its first 30 rows. Add one "
                                                  "and try again."))
    result.rows = [replace(r, version=versions.get((r.measure_ref, r.as_of), 0)) if r.old_value is not None else r
                   for r in result.rows]
    return result


def _reading_versions(store: Store, plan_id: int) -> dict[tuple[str, date], int]:
    """(measure short name, quarter's end) → the saved reading's row version, for every reading of the plan."""
    from sqlalchemy import text

    from wsoa_desktop.domain.times import read_day

    with store.session() as s:
        rows = s.connection().execute(text(
            "SELECT m.ref, r.as_of, r.version FROM measure_reading r JOIN impact_measure m ON m.id = r.measure_id "
            "WHERE m.plan_id = :plan"), {"plan": plan_id}).all()
    out: dict[tuple[str, date], int] = {}
    for ref, as_of, version in rows:
        day = read_day(as_of)
        if day is not None:
            out[(str(ref), day)] = int(version)
    return out


def _add_row(result: ReadingsImport, seen: dict[tuple[int, date], ReadingRow], measures: list[Measure],
             source: str, measure_text: str, raw_label: object, raw_value: object, columns: dict[str, int],
             cells: tuple[Any, ...], raw_note: object) -> None:
    measure = _match_measure(measure_text, measures)
    if measure is None:
        result.problems.append(ReadingProblem(source, (
            f"no measure “{measure_text}” in this plan: use a measure's short name (such as M1) or its "
            "description exactly as the scorecard shows it.") if measure_text else "the Measure cell is empty."))
        return
    label, as_of = _label(raw_label)
    if as_of is None:
        result.problems.append(ReadingProblem(source, (
            f"“{label}” is not a quarter or period the app can read: write it as Q2 2022/23 or August 2022.")
            if label else "the Quarter cell is empty."))
        return
    j = columns["value"]
    number_format = getattr(cells[j], "number_format", "") if j < len(cells) else ""
    value = _value(raw_value, number_format, measure.unit)
    if value is None:
        result.problems.append(ReadingProblem(source, (
            f"the value “{raw_value}” for {measure.ref} is not a number." if raw_value not in (None, "")
            else f"there is no value for {measure.ref} {label}.")))
        return
    note = " ".join(unprotect_cell(str(raw_note or "")).split()) if raw_note is not None else ""
    earlier = next((r for r in measure.readings if r.as_of == as_of), None)
    row = ReadingRow(source, measure.ref, measure.title, label, as_of, value, note, measure.unit,
                     earlier.value if earlier else None)
    twin = seen.get((measure.id, as_of))
    if twin is not None:
        if twin.value != value:
            result.problems.append(ReadingProblem(source, (
                f"{measure.ref} {label} is also given as {format_value(twin.value, measure.unit)} in "
                f"{twin.source}: keep one figure.")))
        return
    seen[(measure.id, as_of)] = row
    result.rows.append(row)


def apply_readings(store: Store, plan_id: int, preview: ReadingsImport, *, by: str | None = None) -> int:
    """Write every reading of a clean dry run in one transaction; returns how many were written."""
    from wsoa_desktop.services.measures import set_reading

    if preview.problems:
        raise ValidationError(preview.summary())
    if not preview.rows:
        raise ValidationError(preview.summary())
    with store.write() as s:
        for row in preview.rows:
            # A reading the dry run said it replaces names the version seen then: one someone else
            # saved since is refused (StaleEdit) and nothing is imported; so is one added since.
            set_reading(store, plan_id, row.measure_ref, row.label, row.value, note=row.note, by=by, session=s,
                        seen=row.version)
    return len(preview.rows)


def import_readings(store: Store, plan_id: int, path: Path | str, *, by: str | None = None) -> ReadingsImport:
    """Read and, when clean, apply; raises ValidationError listing the first problems otherwise."""
    preview = read_readings(store, plan_id, path)
    if preview.problems:
        first = "; ".join(p.describe() for p in preview.problems[:3])
        raise ValidationError(f"{preview.summary()} {first}")
    apply_readings(store, plan_id, preview, by=by)
    return preview
