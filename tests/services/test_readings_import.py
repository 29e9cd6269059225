"""Readings from the performance team's .xlsx: dry run, all or nothing, bad files."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.db_access import fingerprint
from tests.readings_sheets import write_readings
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.measures import get_measure, set_reading
from wsoa_desktop.services.readings_import import apply_readings, import_readings, read_readings


def _digest(store) -> str:
    return fingerprint(store)


def test_dry_run_lists_every_reading_and_writes_nothing(sample_store, tmp_path):
    set_reading(sample_store, 1, "M8", "Q1 2022/23", 9000, by="A")
    path = write_readings(tmp_path / "q2.xlsx", [
        ("M8", "Q1 2022/23", 9100, "revised by the portal team"),
        ("M8", "Q2 2022/23", "10,250", None),
        ("Fixed term exclusions – EHCP", "2022/23 Q2", 181, "provisional"),  # by its description
        ("m1", datetime(2022, 9, 30), "58.5%", None),  # a date cell, a text percentage
        (None, None, None, None),  # blank rows are skipped
    ])
    before = _digest(sample_store)
    preview = read_readings(sample_store, 1, path)
    assert preview.ok and not preview.problems
    lines = [r.describe() for r in preview.rows]
    assert lines == [
        "M8 Hits on the graduated response electronic portal: Q1 2022/23 = 9,100 (was 9,000)",
        "M8 Hits on the graduated response electronic portal: Q2 2022/23 = 10,250 (new)",
        "M11 Fixed term exclusions – EHCP: 2022/23 Q2 = 181 (new)",
        "M1 EHC plans audited rated as good or better: 30 September 2022 = 58.5% (new)",
    ]
    assert [r.source for r in preview.rows][0] == "q2.xlsx ▸ Scorecard, row 4"
    assert preview.summary() == "4 reading(s) from q2.xlsx: 3 new, 1 replacing an earlier figure."
    assert _digest(sample_store) == before
    assert apply_readings(sample_store, 1, preview, by="Performance team") == 4
    m8 = get_measure(sample_store, 1, "M8")
    assert [(r.label, r.value, r.note) for r in m8.readings] == [
        ("Q1 2022/23", 9100.0, "revised by the portal team"), ("Q2 2022/23", 10250.0, "")]
    assert get_measure(sample_store, 1, "M11").readings[0].as_of == date(2022, 9, 30)


def test_one_bad_row_means_nothing_is_imported(sample_store, tmp_path):
    path = write_readings(tmp_path / "bad.xlsx", [
        ("M8", "Q2 2022/23", 10250, None),
        ("M99", "Q2 2022/23", 5, None),
        ("M1", "Quarter five", 60, None),
        ("M2", "Q2 2022/23", "about sixty", None),
        ("M3", "Q2 2022/23", None, None),
        ("M8", "September 2022", 10300, None),  # the same day as Q2 2022/23, another figure
        ("", "Q2 2022/23", 4, None),
    ])
    before = _digest(sample_store)
    preview = read_readings(sample_store, 1, path)
    problems = [p.describe() for p in preview.problems]
    assert problems == [
        "bad.xlsx ▸ Scorecard, row 5: no measure “M99” in this plan: use a measure's short name (such as M1) "
        "or its description exactly as the scorecard shows it.",
        "bad.xlsx ▸ Scorecard, row 6: “Quarter five” is not a quarter or period the app can read: write it as "
        "Q2 2022/23 or August 2022.",
        "bad.xlsx ▸ Scorecard, row 7: the value “about sixty” for M2 is not a number.",
        "bad.xlsx ▸ Scorecard, row 8: there is no value for M3 Q2 2022/23.",
        "bad.xlsx ▸ Scorecard, row 9: M8 September 2022 is also given as 10,250 in bad.xlsx ▸ Scorecard, "
        "row 4: keep one figure.",
        "bad.xlsx ▸ Scorecard, row 10: the Measure cell is empty.",
    ]
    with pytest.raises(ValidationError, match="6 problem"):
        apply_readings(sample_store, 1, preview, by="A")
    with pytest.raises(ValidationError, match="6 problem"):
        import_readings(sample_store, 1, path, by="A")
    assert _digest(sample_store) == before
    assert get_measure(sample_store, 1, "M8").readings == ()


def test_columns_found_by_header_on_any_sheet_in_any_order(sample_store, tmp_path):
    from openpyxl import load_workbook

    path = write_readings(tmp_path / "moved.xlsx", [("Q3 2022/23", 0.615, "M1", "audit of 40 plans")],
                          header=("Period", "Figure", "KPI", "Comments"), percent_cells=(0,))
    wb = load_workbook(path)
    wb.create_sheet("Notes", 0).append(["Figures are provisional until validated."])
    wb.save(path)
    preview = read_readings(sample_store, 1, path)
    assert preview.ok, [p.describe() for p in preview.problems]
    [row] = preview.rows
    assert (row.measure_ref, row.label, row.value, row.note) == ("M1", "Q3 2022/23", 61.5, "audit of 40 plans")


def test_formula_looking_text_stays_text(sample_store, tmp_path):
    from openpyxl import load_workbook

    path = write_readings(tmp_path / "f.xlsx", [("M1", "Q2 2022/23", 57, "note")])
    wb = load_workbook(path)
    cell = wb.active["D4"]
    cell.value, cell.data_type = "=HYPERLINK(\"http://x\")", "s"  # text typed with an apostrophe
    wb.save(path)
    import_readings(sample_store, 1, path, by="A")
    assert get_measure(sample_store, 1, "M1").readings[0].note == "=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("name, content, message", [
    ("figures.csv", b"Measure,Quarter,Value\nM1,Q1 2022/23,55\n", "save the sheet as an Excel workbook"),
    ("figures.xlsx", b"this is not a workbook", "not a readable Excel workbook"),
    ("missing.xlsx", None, "There is no file"),
])
def test_bad_files_are_refused_with_advice(sample_store, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        read_readings(sample_store, 1, path)


def test_a_sheet_without_the_columns_is_a_problem(sample_store, tmp_path):
    path = write_readings(tmp_path / "other.xlsx", [("M1", "55")], header=("Name", "Score"))
    preview = read_readings(sample_store, 1, path)
    assert not preview.ok
    assert "Measure, Quarter and Value columns" in preview.problems[0].describe()
    empty = write_readings(tmp_path / "empty.xlsx", [])
    preview = read_readings(sample_store, 1, empty)
    assert not preview.ok and not preview.problems and "holds no readings" in preview.summary()
