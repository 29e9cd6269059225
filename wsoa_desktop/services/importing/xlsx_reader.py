"""Read a plan from an Excel workbook (.xlsx): the first sheet that has a Ref/Action header row."""

from __future__ import annotations

import zipfile
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.importing.rows import (
    SourceTable,
    cell_text,
    join_continuations,
    match_header,
    rows_from_grid,
)

HEADER_SEARCH_ROWS = 30


def read_xlsx(path: Path) -> SourceTable:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError(f"{path.name} is not a readable Excel workbook (.xlsx). Open it in Excel, "
                              "save it as .xlsx and try again.") from exc
    try:
        for ws in wb.worksheets:
            grid = [(n, [cell_text(v) for v in values])
                    for n, values in enumerate(ws.iter_rows(values_only=True), start=1)]
            if any(match_header(cells) for _, cells in grid[:HEADER_SEARCH_ROWS]):
                table = SourceTable(title=wb.properties.title or None)
                rows_from_grid(grid, table)
                table.rows = join_continuations(table.rows, table)
                return table
    finally:
        wb.close()
    table = SourceTable()
    table.problems.append(("", "", f"No sheet in {path.name} has a header row with Ref and Action columns "
                                   "in its first 30 rows. Add one and try again."))
    return table
