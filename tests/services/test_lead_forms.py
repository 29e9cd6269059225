"""Lead update forms: export, the round trip, broken forms, conflicts, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import audit, lead_forms, plan_items, rounds, signoff
from wsoa_desktop.services import lead_form_import as imp
from wsoa_desktop.services.outline import load_outline


@pytest.fixture
def september(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    return sample_store


def _form_for(store, folder, ref):
    """The exported form holding ``ref``, and its row number."""
    for path in lead_forms.export_forms(store, 1, folder):
        ws = load_workbook(path).worksheets[0]
        for row in ws.iter_rows(min_row=lead_forms.HEADER_ROW + 1):
            if row[0].value == ref:
                return path, row[0].row
    raise AssertionError(ref)


def _fill(path, row, **cols):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for col, value in cols.items():
        ws.cell(row=row, column=" ABCDEFGH".index(col), value=value)
    wb.save(path)


def test_export_lists_each_leads_items_with_a_rating_drop_down(september, tmp_path):
    paths = lead_forms.export_forms(september, 1, tmp_path)
    outline = load_outline(september, 1)
    expected = {name for n in outline.rated_items() for name in (n.leads or [lead_forms.NO_LEAD])}
    assert len(paths) == len(expected)
    total = 0
    for path in paths:
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        assert [c.value for c in ws[lead_forms.HEADER_ROW]] == list(lead_forms.COLUMNS)
        assert wb[lead_forms.META_SHEET].sheet_state == "hidden"
        [dv] = ws.data_validations.dataValidation
        assert dv.formula1 == '"Blue,Green,Amber,Red,Grey"'
        total += ws.max_row - lead_forms.HEADER_ROW
    assert total == sum(len(n.leads) or 1 for n in outline.rated_items())


def test_one_workbook_has_a_sheet_per_lead(september, tmp_path):
    [path] = lead_forms.export_forms(september, 1, tmp_path / "forms.xlsx", one_workbook=True)
    wb = load_workbook(path)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == len(lead_forms.forms_by_lead(load_outline(september, 1)))
    assert len({ws.title for ws in visible}) == len(visible)


def test_formula_text_is_exported_as_text(september, tmp_path):
    plan_items.update_action(september, 1, "2.2.2", description="=HYPERLINK(\"http://x\")")
    path, row = _form_for(september, tmp_path, "2.2.2")
    cell = load_workbook(path).worksheets[0].cell(row=row, column=2)
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://x\")"


def test_round_trip_applies_ratings_and_progress_and_audits(september, tmp_path):
    path, row = _form_for(september, tmp_path, "2.2.2")
    _fill(path, row, F="Blue", G="Complete; evidence to panel")
    blocked = lead_forms.read_returned_forms(september, 1, [path])
    assert [(c.ref, c.kind) for c in blocked.conflicts] == [("2.2.2", imp.SIGN_OFF_NEEDED)]
    assert blocked.changes == []  # Blue rests on a sign-off: the same rule as the round
    signoff.record_sign_off(september, 1, "2.2.2", approved_on=date(2022, 9, 14), minute_ref="EB 9/22",
                            set_complete=False)
    preview = lead_forms.read_returned_forms(september, 1, [path])
    assert preview.period_label == "September 2022" and preview.conflicts == []
    [change] = preview.changes
    assert (change.ref, change.old_rating, change.new_rating) == ("2.2.2", "Green", "Blue")
    assert load_outline(september, 1).find("2.2.2").rating == "Green"  # preview writes nothing
    assert lead_forms.apply_returned_forms(september, preview, by="Officer") == 1
    node = load_outline(september, 1).find("2.2.2")
    assert (node.rating, node.progress, node.status.carried_forward, node.status.updated_by) == \
           ("Blue", "Complete; evidence to panel", False, "Officer")
    assert {(e.field_name, e.new_value) for e in audit.history(september, 1, "2.2.2")} >= {
        ("rating September 2022", "Blue"), ("progress September 2022", "Complete; evidence to panel")}


def test_a_broken_form_is_still_read(september, tmp_path):
    """Renamed sheet, deleted Last columns, moved columns, "amber " and "Yellow"."""
    path, row = _form_for(september, tmp_path, "2.3.3")
    _fill(path, row, F="amber ", G="On track with a delay")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.title = "My update"
    ws.delete_cols(4, 2)  # Last rating and Last progress gone; New columns move left
    ws.move_range(f"A1:A{ws.max_row}", cols=9)  # Ref moved to the far right
    del wb[lead_forms.META_SHEET]  # pasted into a new workbook, say
    wb.save(path)
    preview = lead_forms.read_returned_forms(september, 1, [path], period_label="September 2022")
    assert preview.conflicts == []
    assert [(c.ref, c.new_rating, c.new_progress) for c in preview.changes] == [
        ("2.3.3", "Amber", "On track with a delay")]
    assert "My update" in preview.changes[0].source


def test_yellow_is_amber_and_a_bare_workbook_works(september, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["ref", "Progress", "RAG", "Reason"])
    ws.append([None, None, None, None])
    ws.append(["2.3.3", "Waiting on the audit", "Yellow", None])
    ws.append([2.4, "not a sub-action but a real action", None, None])
    path = tmp_path / "typed by hand.xlsx"
    wb.save(path)
    preview = imp.read_forms(september, 1, [path])
    assert [(c.ref, c.new_rating, c.new_progress) for c in preview.changes] == [
        ("2.3.3", "Amber", "Waiting on the audit"), ("2.4", None, "not a sub-action but a real action")]


def test_every_conflict_is_reported_and_blocks_until_skipped(september, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    paths = lead_forms.export_forms(september, 1, folder)
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "New rating", "New progress", "Reason (if worse or Red)"])
    ws.append(["9.9.9", "Green", "", ""])           # unknown Ref
    ws.append(["2.2.4", "Purple", "", ""])          # not a rating
    ws.append(["2.2.2", "Red", "Stuck", ""])        # worse with no reason
    ws.append(["2.5.1", "Blue", "Done", ""])        # Blue with no sign-off recorded
    ws.append(["2.2.5", "Green", "Started", ""])    # fine
    ws.append(["2.3.1", "Green", "As sent", ""])
    extra = tmp_path / "extra.xlsx"
    wb.save(extra)
    path, row = _form_for(september, folder, "2.3.1")
    _fill(path, row, F="Amber", G="lead says", H="vacancy")
    rounds.rate(september, 1, "2.3.1", "September 2022", "Green", progress="officer typed this")
    preview = lead_forms.read_returned_forms(september, 1, [extra, path] + [p for p in paths if p != path])
    kinds = {(c.ref, c.kind) for c in preview.conflicts}
    assert {("9.9.9", imp.UNKNOWN_REF), ("2.2.4", imp.UNKNOWN_RATING), ("2.2.2", imp.REASON_NEEDED),
            ("2.3.1", imp.REPORTED_TWICE), ("2.5.1", imp.SIGN_OFF_NEEDED)} <= kinds
    assert [c.ref for c in preview.changes] == ["2.2.5", "2.3.1"]
    before = load_outline(september, 1)
    with pytest.raises(ValidationError, match="conflicts"):
        lead_forms.apply_returned_forms(september, preview)
    assert load_outline(september, 1).find("2.5.1").rating == before.find("2.5.1").rating
    only_form = lead_forms.read_returned_forms(september, 1, [path])
    assert [(c.ref, c.kind) for c in only_form.conflicts] == [("2.3.1", imp.CHANGED_SINCE_EXPORT)]


def test_apply_is_all_or_nothing_when_the_plan_moved_on(september, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    path, row = _form_for(september, tmp_path / "a", "2.2.2")
    _fill(path, row, F="Amber", H="Staff away")
    path2, row2 = _form_for(september, tmp_path / "b", "2.3.3")
    _fill(path2, row2, G="Progress from the lead")
    preview = lead_forms.read_returned_forms(september, 1, [path, path2])
    assert len(preview.changes) == 2
    rounds.rate(september, 1, "2.3.3", "September 2022", "Green", progress="officer got there first")
    with pytest.raises(ValidationError, match="after the preview"):
        lead_forms.apply_returned_forms(september, preview)
    assert load_outline(september, 1).find("2.2.2").rating == "Green"


def test_closed_period_refuses_forms(september, tmp_path):
    path, row = _form_for(september, tmp_path, "2.2.2")
    _fill(path, row, F="Amber", H="Staff away")
    preview = lead_forms.read_returned_forms(september, 1, [path])
    rounds.close_period(september, 1, "September 2022")
    with pytest.raises(ValidationError, match="closed"):
        lead_forms.apply_returned_forms(september, preview)
    with pytest.raises(ValidationError, match="closed"):
        lead_forms.export_forms(september, 1, tmp_path)


def test_a_file_that_is_not_a_workbook_is_a_conflict_not_a_crash(september, tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    preview = lead_forms.read_returned_forms(september, 1, [bad])
    assert [c.kind for c in preview.conflicts] == [imp.UNREADABLE] and preview.changes == []


def test_importing_the_same_form_twice_changes_nothing_the_second_time(september, tmp_path):
    path, row = _form_for(september, tmp_path, "2.2.4")
    _fill(path, row, F="Green", G="Confirmed on track")
    first = lead_forms.read_returned_forms(september, 1, [path])
    assert lead_forms.apply_returned_forms(september, first) == 1
    again = lead_forms.read_returned_forms(september, 1, [path])
    assert (again.changes, again.conflicts) == ([], [])


def test_confirming_a_carried_rating_counts_as_an_update(september, tmp_path):
    path, row = _form_for(september, tmp_path, "2.2.4")
    _fill(path, row, F="green")  # same as last month, no new text: the lead confirms it
    [change] = lead_forms.read_returned_forms(september, 1, [path]).changes
    assert (change.old_rating, change.new_rating) == ("Green", "Green")
