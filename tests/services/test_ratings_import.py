"""Ratings into the plan already in the app, matched by reference, under the update round's rules."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.db_access import fingerprint
from tests.services.plan_shapes import APPENDIX_HEADER, LEGEND, joint_plan_docx, joint_plan_xlsx
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services.audit import history
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.importing import import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.ratings_import import (
    CHANGED,
    COMPLETE_WITHOUT_SIGN_OFF,
    CONFIRMED,
    NEW,
    SAME,
    TWICE,
    UNKNOWN_RATING,
    UNKNOWN_REF,
    WORSE_WITHOUT_REASON,
    apply_ratings,
    preview_ratings,
)
from wsoa_desktop.services.rounds import close_period, new_period
from wsoa_desktop.services.signoff import record_sign_off
from wsoa_desktop.services.status import set_rating

#: September's appendix for the sample plan (August 2022 ratings carried forward), every kind of row.
SEPTEMBER = [
    ["1.1", "", "", "", ""],
    ["1.1.1", "Integrate EHCP and SEND into full CYPS framework", "July 2022", "Green", ""],  # unrated → new
    ["2.2.2", "To audit outreach support for RMBC central services", "December 2022", "Green", ""],  # confirmed
    ["2.2.3", "To audit outreach support for Health/CCG providers", "July 2022", "Red", ""],  # worse, no reason
    ["2.2.4", "To audit outreach support for Social Care", "July 2022", "Blue", ""],  # no sign-off
    ["9.9.9", "Not in the plan", "July 2022", "Green", ""],
    ["2.3.1", "Whole School SEND", "June 2023", "Purple", ""],
    ["2.3.3", "Recognise positive judgements", "Ongoing", "Green", ""],  # Amber → Green: changed
    ["2.3.3", "Recognise positive judgements", "Ongoing", "Green", ""],
]


def _write(path: Path, rows: list[list[str]], header: list[str] = APPENDIX_HEADER) -> Path:
    header = [h.replace("August", "September") for h in header]
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([header, *rows])
    elif path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        for row in [header, *rows, [], *LEGEND]:
            wb.active.append(row)
        wb.save(path)
    else:
        d = docx.Document()
        t = d.add_table(rows=0, cols=len(header))
        for row in [header, *rows]:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = value
        d.save(str(path))
    return path


@pytest.fixture
def september(sample_store):  # type: ignore[no-untyped-def]
    new_period(sample_store, 1, "September 2022", by="t")
    return sample_store


def _digest(store) -> str:  # type: ignore[no-untyped-def]
    return fingerprint(store)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_preview_says_what_each_row_would_do(september, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / f"September appendix{suffix}", SEPTEMBER)
    before = _digest(september)
    preview = preview_ratings(september, 1, path, "september 2022")
    by = {(line.ref, line.where): line.outcome for line in preview.lines}
    outcomes = [line.outcome for line in preview.lines]
    assert outcomes == [NEW, CONFIRMED, WORSE_WITHOUT_REASON, COMPLETE_WITHOUT_SIGN_OFF, UNKNOWN_REF,
                        UNKNOWN_RATING, CHANGED, TWICE], by
    assert not preview.ok
    text = "\n".join(preview.report_lines())
    assert "Purple" in text and "9.9.9" in text and "Give a reason" in text and "sign-off" in text
    assert "row 2" in text or "row 3" in text  # every problem names its row
    assert _digest(september) == before
    with pytest.raises(Exception, match="Nothing was changed"):
        apply_ratings(september, 1, preview)
    assert _digest(september) == before


def test_a_clean_file_is_applied_through_the_status_service(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in SEPTEMBER if r[0] in ("1.1.1", "2.2.2", "2.3.3")]
    rows.append(["2.2.3", "To audit outreach support for Health/CCG providers", "July 2022", "Red",
                 "Provider has not replied"])
    header = ["Ref", "Action", "Target End Date", "RAG", "Progress Update", "Reason"]
    rows = [[*r[:4], "", ""] for r in rows[:3]] + [["2.2.3", "To audit", "July 2022", "Red", "Chased twice",
                                                    "Provider has not replied"]]
    path = _write(tmp_path / "september.csv", rows, header)
    preview = preview_ratings(september, 1, path, "September 2022")
    assert preview.ok and preview.has_changes, preview.report_lines()
    assert apply_ratings(september, 1, preview, by="Jo Officer") == 4
    outline = load_outline(september, 1, "September 2022")
    node = outline.find("2.2.3")
    assert (node.rating, node.progress, node.status.reason, node.status.updated_by) == (
        "Red", "Chased twice", "Provider has not replied", "Jo Officer")
    assert not outline.find("2.2.2").status.carried_forward  # confirmed, no longer "not updated"
    assert outline.find("1.1.1").rating == "Green"
    assert outline.find("2.3.1").status.carried_forward  # not in the file: untouched
    entries = history(september, 1, "2.2.3")
    assert any(e.field_name == "reason September 2022" and e.by == "Jo Officer" for e in entries)
    # Applying the same file again changes nothing.
    again = preview_ratings(september, 1, path, "September 2022")
    assert {line.outcome for line in again.lines} == {SAME} and apply_ratings(september, 1, again) == 0


def test_blue_with_a_sign_off_already_recorded_is_accepted(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record_sign_off(september, 1, "2.2.4", approved_on=date(2022, 9, 14), minute_ref="SEB 22/41",
                    set_complete=False, by="t")
    path = _write(tmp_path / "blue.csv", [["2.2.4", "Social Care", "July 2022", "Blue", ""]])
    preview = preview_ratings(september, 1, path, "September 2022")
    assert [line.outcome for line in preview.lines] == [CHANGED]
    apply_ratings(september, 1, preview)
    assert load_outline(september, 1, "September 2022").find("2.2.4").rating == "Blue"


def test_the_plan_changing_after_the_preview_refuses_everything(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "late.csv", [["2.2.2", "x", "", "Green", ""], ["2.3.3", "x", "", "Amber", ""]])
    preview = preview_ratings(september, 1, path, "September 2022")
    assert preview.ok
    close_period(september, 1, "September 2022", by="someone else")
    before = _digest(september)
    with pytest.raises(ValidationError, match="closed"):
        apply_ratings(september, 1, preview)
    assert _digest(september) == before


def test_a_closed_or_missing_period_is_refused(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "x.csv", [["2.2.2", "x", "", "Green", ""]])
    close_period(september, 1, "September 2022", by="t")
    preview = preview_ratings(september, 1, path, "September 2022")
    assert not preview.ok and "closed" in str(preview.problems[0])
    with pytest.raises(NotFoundError, match="no period “October 2022”"):
        preview_ratings(september, 1, path, "October 2022")


def test_an_unknown_shape_gets_the_one_message(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "names.csv"
    path.write_text("Name,Role\nJulie Day,Chair\n", encoding="utf-8")
    preview = preview_ratings(september, 1, path, "September 2022")
    assert len(preview.problems) == 1 and "not in a shape WSOA Desktop reads" in str(preview.problems[0])
    assert "row 1, “Name | Role”" in str(preview.problems[0])


def test_the_2017_plan_takes_its_own_tables_ratings(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "plan.docx"))
    new_period(store, plan_id, "October 2017", by="t")
    preview = preview_ratings(store, plan_id, joint_plan_xlsx(tmp_path / "october.xlsx"), "October 2017")
    # The same table read again: recommendations matched as "Peer Review 2"; the ratings confirmed,
    # except the Reds, which the plan's history left without a reason: in the app a Red needs one.
    outcomes = {line.ref: line.outcome for line in preview.lines}
    assert outcomes == {"SEND 1": CONFIRMED, "SEND 2": CONFIRMED, "SEND 4": WORSE_WITHOUT_REASON,
                        "SEND 5": CONFIRMED, "SEND 10": CONFIRMED, "Peer Review 1": CONFIRMED,
                        "Peer Review 2": WORSE_WITHOUT_REASON, "Peer Review 19": WORSE_WITHOUT_REASON}
    assert not preview.ok


@pytest.mark.sqlite_only  # a copy of the database file
def test_ratings_from_another_copys_plan_file(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_rating(september, 1, "2.2.2", "September 2022", "Amber", reason="Provider changed", progress="Re-tendering",
               by="t")
    exported = export_plan(september, tmp_path / "plan.json")
    other_copy = tmp_path / "copy.db"
    other_copy.write_bytes((Path(september.path)).read_bytes())
    from wsoa_desktop.store.database import open_store

    other = open_store(other_copy)
    try:
        set_rating(other, 1, "2.2.2", "September 2022", "Green", progress="", by="t")
        preview = preview_ratings(other, 1, exported, "September 2022")
        assert [line.outcome for line in preview.lines] == [CHANGED] and preview.lines[0].ref == "2.2.2"
        apply_ratings(other, 1, preview)
        node = load_outline(other, 1, "September 2022").find("2.2.2")
        assert (node.rating, node.status.reason, node.progress) == ("Amber", "Provider changed", "Re-tendering")
    finally:
        other.close()


def test_a_rating_someone_saves_between_preview_and_apply_refuses_the_import(september, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The preview is what the officer agreed to: a status changed since is not overwritten by the file."""
    from wsoa_desktop.domain.errors import StaleEdit
    from wsoa_desktop.services import status
    from wsoa_desktop.store.database import open_store

    header = ["Ref", "Action", "Target End Date", "RAG", "Progress Update"]
    path = _write(tmp_path / "september.csv", [["2.2.2", "To audit", "December 2022", "Green", "From the file"],
                                               ["2.3.3", "Recognise", "Ongoing", "Green", "From the file"]], header)
    preview = preview_ratings(september, 1, path, "September 2022")
    assert preview.ok and preview.has_changes
    ben = open_store(september.location)
    status.set_rating(ben, 1, "2.3.3", "September 2022", "Amber", progress="Ben, after the preview", by="Ben Hall")
    ben.close()
    with pytest.raises(StaleEdit, match="2.3.3 was changed by Ben Hall"):
        apply_ratings(september, 1, preview, by="Jo Officer")
    outline = load_outline(september, 1, "September 2022")
    assert outline.find("2.3.3").progress == "Ben, after the preview"
    assert outline.find("2.2.2").progress != "From the file"  # all or nothing
    again = preview_ratings(september, 1, path, "September 2022")
    assert apply_ratings(september, 1, again, by="Jo Officer") == 2
