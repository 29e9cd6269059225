"""Read a plan from an Excel workbook (.xlsx): the first sheet that has a Ref/Action header row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wsoa_desktop.services.importing.extras import find_extras
from wsoa_desktop.services.importing.rows import (
    SourceTable,
    cell_text,
    join_continuations,
    match_header,
    row_text,
    rows_from_grid,
)
from wsoa_desktop.services.incoming_files import MAX_COLUMNS, MAX_ROWS, XLSX, damaged, too_many_rows

HEADER_SEARCH_ROWS = 30


def _fill(cell) -> str:  # type: ignore[no-untyped-def]
    """A cell's solid background, "#RRGGBB", or "" (theme and pattern colours are not read)."""
    try:
        fill = cell.fill
        if fill is None or fill.fill_type != "solid":
            return ""
        rgb = fill.fgColor.rgb if fill.fgColor is not None and fill.fgColor.type == "rgb" else None
    except (AttributeError, ValueError):
        return ""
    return f"#{rgb[-6:]}" if isinstance(rgb, str) and len(rgb) >= 6 else ""


def _label(prefix: str) -> Callable[[int], str]:
    return lambda n: f"{prefix} {n}"


def _grid(ws, path: Path) -> tuple[list[tuple[int, list[str]]], dict[tuple[int, int], str]]:  # type: ignore[no-untyped-def]
    """The sheet's rows as text (at most MAX_ROWS of them, MAX_COLUMNS wide) and its empty cells' fills.

    The sheet's own idea of its size (its ``dimension``) is not trusted: a damaged
    one ("A1:XFD1048576") would make the reader pad a million empty rows; rows the
    reader pads a gap with are passed over without looking at each cell.
    """
    from openpyxl.cell.read_only import EMPTY_CELL

    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    grid: list[tuple[int, list[str]]] = []
    fills: dict[tuple[int, int], str] = {}
    for n, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if n > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise too_many_rows(path)
        if all(cell is EMPTY_CELL for cell in row):
            grid.append((n, []))
            continue
        cells = []
        for i, cell in enumerate(row):
            value = getattr(cell, "value", None)
            cells.append(cell_text(value))
            fill = _fill(cell) if value in (None, "") else ""
            if fill:
                fills[(n, i)] = fill
        while cells and not cells[-1]:
            cells.pop()
        grid.append((n, cells))
    return grid, fills


def read_xlsx(path: Path) -> SourceTable:
    """The first sheet with a Ref/Action header is the plan; every sheet is searched for a rating key,
    an owners table and a version history."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook makes openpyxl raise almost anything
        raise damaged(path, XLSX, exc) from exc
    table = SourceTable()
    try:
        table.title = wb.properties.title or None
        plan_found = False
        for ws in wb.worksheets:
            grid, fills = _grid(ws, path)
            label = f"sheet “{ws.title}”, row" if len(wb.worksheets) > 1 else "row"
            if not plan_found and any(match_header(cells) for _, cells in grid[:HEADER_SEARCH_ROWS]):
                plan_found = True
                rows_from_grid(grid, table, fills=fills)  # the plan's own sheet: "row 6"
                table.rows = join_continuations(table.rows, table)
            else:
                used = find_extras(grid, table, _label(label), fills)
                if not used and table.first_row is None:
                    first = next(((n, c) for n, c in grid if any(x.strip() for x in c)), None)
                    if first is not None:
                        table.first_row = (f"{label} {first[0]}", row_text(first[1]))
    finally:
        wb.close()
    if not plan_found:
        table.problems.append(("", "", f"No sheet in {path.name} has a header row with Ref and Action columns "
                                       "in its first 30 rows. Add one and try again."))
    return table
