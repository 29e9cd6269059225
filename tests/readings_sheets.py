"""Spreadsheets like the performance team's, for the readings import tests."""

from __future__ import annotations

from pathlib import Path

HEADER = ("Measure", "Quarter", "Value", "Note")


def write_readings(path: Path, rows: list[tuple], *, header: tuple = HEADER, sheet: str = "Scorecard",
                   title_rows: int = 2, percent_cells: tuple[int, ...] = ()) -> Path:
    """An .xlsx with a title above the header (as the team's sheets have) and ``rows`` below.

    ``percent_cells`` are 0-based data-row indexes whose value cell is formatted as a percentage.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for i in range(title_rows):
        ws.append(["SEND performance scorecard – WSOA key impact measures" if i == 0 else None])
    ws.append(list(header))
    for i, row in enumerate(rows):
        ws.append(list(row))
        if i in percent_cells:
            column = next(i for i, h in enumerate(header) if h in ("Value", "Figure", "Reading")) + 1
            ws.cell(row=ws.max_row, column=column).number_format = "0.0%"
    wb.save(path)
    return path
