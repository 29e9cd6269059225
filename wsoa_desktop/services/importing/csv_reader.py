"""Read a plan from a .csv file (the app's own export, or a council's spreadsheet saved as CSV)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.csv_export import unprotect_cell
from wsoa_desktop.services.importing.rows import SourceTable, join_continuations, rows_from_grid
from wsoa_desktop.services.incoming_files import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    too_many_rows,
)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without Excel's BOM), else Windows-1252 as Excel on Windows saves it."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"{path.name} is not a text CSV file. Save the spreadsheet as “CSV UTF-8” and try again.")


def read_csv(path: Path) -> SourceTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    text = _decode(data, path)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # A cell longer than the csv module's default limit (131,072) is read whole, so the dry run can say
    # how long it is against the real limit (MAX_CELL_CHARS); the file's size is capped already.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[tuple[int, list[str]]] = []
    try:
        for n, cells in enumerate(reader, start=1):
            if n > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                raise too_many_rows(path)
            grid.append((n, [unprotect_cell(c) for c in cells[:MAX_COLUMNS]]))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ValidationError(f"{path.name}: line {reader.line_num} has a cell of more than "
                                  f"{csv.field_size_limit():,} characters; a cell can hold at most "
                                  f"{MAX_CELL_CHARS:,} (as in Excel). Shorten it and import again.") from exc
        raise ValidationError(f"{path.name} is not a readable CSV file ({exc}). Open it in Excel, save it "
                              "again as “CSV UTF-8” and import that copy.") from exc
    table = SourceTable()
    rows_from_grid(grid, table)
    table.rows = join_continuations(table.rows, table)
    return table
