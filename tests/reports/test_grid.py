"""The appendix's one-pass tables: page breaks never strand a heading, the header repeats, text is kept."""

from __future__ import annotations

import pytest

from wsoa_desktop.reports.grid import (
    ENDS_PAGE,
    GROUP,
    HEADER,
    ITEM,
    TITLE,
    Column,
    Grid,
    Measure,
    Row,
    Text,
    cell,
    fit_columns,
    header_cells,
    title_row,
)
from wsoa_desktop.reports.styles import FONT, FONT_BOLD, register_fonts

WIDTHS = [60.0, 300.0, 200.0]


def _rows(groups: int = 6, items: int = 5, long_item: int | None = None) -> tuple[list[Row], Row]:
    header = Row(HEADER, header_cells(["Ref", "Action", "Progress"], [False, False, False]))
    rows = [title_row("Priority 1 – EHC Plans"), header]
    for g in range(1, groups + 1):
        rows.append(Row(GROUP, [cell(f"1.{g}", FONT_BOLD), cell(f"Action {g}", FONT_BOLD)]))
        for i in range(1, items + 1):
            words = 400 if long_item == g * 100 + i else 8
            rows.append(Row(ITEM, [cell(f"1.{g}.{i}"), cell("Deliver training " * 3),
                                   cell(" ".join(f"word{w}" for w in range(words)))]))
    return rows, header


def _pages(grid: Grid, page: float, first_room: float) -> list[Grid]:
    """Lay the grid out as a document would: fill the room left, then whole pages."""
    out: list[Grid] = []
    room = first_room
    while True:
        _, h = grid.wrap(sum(WIDTHS), room)
        if h <= room:
            out.append(grid)
            return out
        parts = grid.split(sum(WIDTHS), room)
        if not parts:
            assert room < page, "nothing fits on an empty page"
            room = page
            continue
        first, grid = parts  # type: ignore[assignment]
        first.wrap(sum(WIDTHS), room)
        assert first.height <= room + 1e-6
        out.append(first)
        room = page


@pytest.mark.parametrize("first_room", [30.0, 45.0, 70.0, 95.0, 120.0, 200.0, 400.0])
def test_no_page_ends_with_a_heading_and_every_row_prints_once(first_room: float) -> None:
    register_fonts()
    rows, header = _rows()
    grid = Grid(rows, WIDTHS, Measure(), repeat=[header], page_height=300.0)
    pages = _pages(grid, 300.0, first_room)
    assert len(pages) > 2
    printed = []
    for i, part in enumerate(pages):
        assert part.rows[-1].kind in ENDS_PAGE, f"page {i} ends with a {part.rows[-1].kind}"
        if i:  # a continued page starts with the column header
            assert part.rows[0].kind in (HEADER, TITLE)
        printed += [r for r in part.rows if r.kind in (ITEM, GROUP)]
    assert [r.cells[0].paras[0].text for r in printed] == \
           [r.cells[0].paras[0].text for r in rows if r.kind in (ITEM, GROUP)]


def test_a_very_long_row_is_split_between_lines_and_loses_nothing() -> None:
    register_fonts()
    rows, header = _rows(groups=2, items=2, long_item=101)
    grid = Grid(rows, WIDTHS, Measure(), repeat=[header], min_split=60, page_height=300.0)
    pages = _pages(grid, 300.0, 300.0)
    lines = [line for part in pages for r in part.rows if r.kind == ITEM and r.cells[0].paras[0].text == "1.1.1"
             for line in r.lines[2]]
    text = " ".join(piece for pieces, _w, _c in lines for piece, _f, _dx in pieces)
    assert text.split() == [f"word{w}" for w in range(400)]
    assert sum(1 for part in pages for r in part.rows if r.cells[0].paras and
               r.cells[0].paras[0].text == "1.1.1") > 1


def test_wrapping_keeps_typed_line_breaks_and_cuts_only_overlong_words() -> None:
    register_fonts()
    m = Measure()
    lines = m.wrap(Text("First line\nSecond & <b> line"), 200)
    assert [" ".join(p[0] for p in pieces) for pieces, _, _ in lines] == ["First line", "Second & <b> line"]
    long = "https://example.org/" + "a" * 120
    cut = m.wrap(Text(long), 80)
    assert len(cut) > 1 and "".join(p[0] for pieces, _, _ in cut for p in pieces) == long
    labelled = m.wrap(Text("no reason recorded", label="Reason"), 300)
    assert [(p[0], p[1]) for p in labelled[0][0]] == [("Reason:", FONT_BOLD), ("no reason recorded", FONT)]


def test_column_widths_come_from_the_content() -> None:
    register_fonts()
    m = Measure()
    columns = [Column("ref", "Ref", 200, never_wrap=True), Column("action", "Action"),
               Column("target", "Target End Date", 90, least=40)]
    values = {"ref": [("1.1.1", FONT), ("10.50.10", FONT_BOLD)],
              "target": [("July 2022", FONT), ("Ongoing – July for 1st annual report", FONT)]}
    ref_w, action_w, target_w = fit_columns(columns, values, 700, m)
    assert ref_w >= m.width("10.50.10", FONT_BOLD) + 8  # the longest ref fits on one line
    assert ref_w < 60  # and no wider than it needs
    assert target_w == pytest.approx(90)  # capped: the long free text wraps
    assert ref_w + action_w + target_w == pytest.approx(700)


def test_more_characters_than_one_font_subset_holds_print_as_typed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The fast text path hands anything beyond the font's first 256 codes to ReportLab."""
    from tests.reports.helpers import pdf_pages, squash
    from wsoa_desktop.reports.document import PageInfo, ReportDocument

    register_fonts()
    alphabet = "".join(chr(c) for c in list(range(0x100, 0x17F)) + list(range(0x391, 0x3A2))
                       + list(range(0x3A3, 0x3AA)) + list(range(0x3B1, 0x3CA)) + list(range(0x410, 0x450)) + list(range(0x450, 0x460)) + list(range(0x1E00, 0x1E20)))
    assert len(set(alphabet)) > 256
    words = [alphabet[i:i + 12] for i in range(0, len(alphabet), 12)]
    header = Row(HEADER, header_cells(["Ref", "Action", "Progress"], [False, False, False]))
    rows = [header] + [Row(ITEM, [cell(f"1.{i}"), cell(w), cell(" ".join(reversed(words)))])
                       for i, w in enumerate(words, start=1)]
    doc = ReportDocument(tmp_path / "chars.pdf", PageInfo("t", "Plan", "May 2024", "s", "a",
                                                         __import__("datetime").date(2024, 5, 1)))
    doc.write([Grid(rows, WIDTHS, Measure(), repeat=[header], page_height=doc.height)])
    text = squash("".join(pdf_pages(tmp_path / "chars.pdf")))
    for w in words:
        assert w in text
