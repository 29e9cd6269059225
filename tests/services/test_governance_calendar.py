"""The governance calendar: monthly boards with the spotlight rota, quarterly reviews, scrutiny."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services import governance_calendar as cal


def test_same_weekday_in_month():
    second_wed = date(2022, 9, 14)
    assert cal.same_weekday_in_month(second_wed, 1) == date(2022, 10, 12)
    assert cal.same_weekday_in_month(second_wed, 4) == date(2023, 1, 11)
    assert cal.same_weekday_in_month(date(2022, 8, 31), 1) == date(2022, 9, 28)  # no 5th Wed: the last


BOARD = "SEND Executive Board"  # the sample plan's board that signs off (its data, not the app's)
REVIEW = "DfE and NHS England quarterly review"
SCRUTINY = "Improving Lives Select Commission"


def test_executive_board_spotlight_rota_across_the_four_subgroups(sample_store):
    added = cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=6, first_review=date(2022, 10, 7),
                              review_body=REVIEW)
    assert added == 6 + 1  # the review on 7 October 2022 is in the sample's calendar already: kept, not doubled
    boards = [m for m in cal.meetings(sample_store, 1) if m.body == BOARD]
    spotlights = [m.note for m in boards]
    assert spotlights == ["Spotlight: Education Health Care Plans", "Spotlight: Graduated Response",
                          "Spotlight: Preparing for Adulthood", "Spotlight: Local Offer and Communication",
                          "Spotlight: Education Health Care Plans", "Spotlight: Graduated Response"]
    first = boards[0]
    assert first.reports[:2] == [cal.BRAG_APPENDIX, "Spotlight: Education Health Care Plans"]
    assert len([r for r in first.reports if r.startswith("Highlight report")]) == 3
    assert "Julie Day" in first.for_whom and "Ian Tankard" in first.for_whom
    reviews = [m for m in cal.meetings(sample_store, 1) if m.body == REVIEW]
    assert [m.held_on for m in reviews] == [date(2022, 10, 7), date(2023, 1, 6)]
    assert cal.SCORECARD in reviews[0].reports
    assert cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=6) == 0  # nothing twice


def test_scrutiny_dates_and_what_is_due_next(sample_store):
    cal.add_scrutiny_dates(sample_store, 1, [date(2022, 10, 25), date(2023, 1, 24)], committee=SCRUTINY)
    cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=3)
    nxt = cal.due_next(sample_store, 1, today=date(2022, 10, 13), limit=2)
    assert [(m.body, m.held_on) for m in nxt] == [(SCRUTINY, date(2022, 10, 25)), (BOARD, date(2022, 11, 9))]
    assert cal.BRAG_APPENDIX in nxt[0].reports and "agenda pack" in nxt[0].for_whom
    with pytest.raises(ValidationError, match="already meets"):
        cal.add_scrutiny_dates(sample_store, 1, [date(2022, 11, 1), date(2022, 10, 25)], committee=SCRUTINY)
    assert len(cal.meetings(sample_store, 1, start=date(2022, 11, 1), end=date(2022, 11, 1))) == 0
    cal.remove_meeting(sample_store, 1, nxt[0].id)
    assert cal.due_next(sample_store, 1, today=date(2022, 10, 13), limit=1)[0].body == BOARD


def test_a_meeting_records_its_outcome_decisions_and_report_text(sample_store):
    mid = 2  # the sample's calendar: the Commission on 6 September 2022
    view = cal.get_meeting(sample_store, 1, mid)
    assert (view.body, view.held_on, view.outcome) == (SCRUTINY, date(2022, 9, 6), "")
    fields = replace(view.fields(), outcome="Resolved: that the report be noted.",
                     decisions=("That the update be noted.", "  ", "Further updates to the Commission."),
                     recommendations=("That the Commission notes the update.",),
                     background_papers=("https://moderngov.rotherham.gov.uk/ieListDocuments.aspx?MId=15429",))
    cal.update_meeting(sample_store, 1, mid, fields, by="Ann")
    after = cal.get_meeting(sample_store, 1, mid)
    assert after.decisions == ["That the update be noted.", "Further updates to the Commission."]
    assert after.is_recorded and after.recommendations == ["That the Commission notes the update."]
    changed = {e.field_name for e in audit.history(sample_store, 1, "") if e.entity == "meeting"}
    assert {"Improving Lives Select Commission 2022-09-06: outcome",
            "Improving Lives Select Commission 2022-09-06: decisions"} <= changed


def test_an_edit_that_clashes_or_has_no_body_changes_nothing(sample_store):
    a = cal.add_meeting(sample_store, 1, BOARD, date(2022, 9, 14))
    b = cal.add_meeting(sample_store, 1, BOARD, date(2022, 10, 12))
    with pytest.raises(ValidationError, match="already meets on 14 September 2022"):
        cal.update_meeting(sample_store, 1, b, replace(cal.get_meeting(sample_store, 1, b).fields(),
                                                        held_on=date(2022, 9, 14), outcome="x"))
    with pytest.raises(ValidationError, match="Name the board"):
        cal.update_meeting(sample_store, 1, a, replace(cal.get_meeting(sample_store, 1, a).fields(), body=" "))
    assert [(m.held_on, m.outcome) for m in cal.meetings(sample_store, 1) if m.body == BOARD] == [
        (date(2022, 9, 14), ""), (date(2022, 10, 12), "")]


def test_what_is_due_next_and_what_was_considered_before(sample_store):
    board = cal.add_meeting(sample_store, 1, BOARD, date(2022, 7, 13))
    cal.add_meeting(sample_store, 1, BOARD, date(2022, 8, 10))  # nothing recorded: not a consideration
    cal.update_meeting(sample_store, 1, board, replace(cal.get_meeting(sample_store, 1, board).fields(),
                                                       decisions=("Closure of 1.1.2 approved",)))
    nxt = cal.next_meeting(sample_store, 1, today=date(2022, 8, 20), needing=cal.COVERING_REPORT)
    assert (nxt.body, nxt.held_on) == (SCRUTINY, date(2022, 9, 6))
    assert cal.next_meeting(sample_store, 1, today=date(2022, 9, 7)).body == REVIEW
    assert cal.next_meeting(sample_store, 1, today=date(2022, 9, 7), needing=cal.COVERING_REPORT) is None
    assert cal.next_meeting(sample_store, 1, today=date(2022, 10, 8)) is None
    before = cal.previous_considerations(sample_store, 1, nxt)
    assert [(m.body, m.held_on) for m in before] == [(BOARD, date(2022, 7, 13)), (SCRUTINY, date(2022, 3, 8))]


def test_planning_needs_a_board_named_by_the_plan_not_the_app(store):
    from wsoa_desktop.services import plans

    pid = plans.create_plan(store, "Plan without boards")
    with pytest.raises(ValidationError, match="lists no boards"):
        cal.plan_meetings(store, pid, date(2025, 5, 14), months=2)
    assert cal.plan_meetings(store, pid, date(2025, 5, 14), months=2, board="SEND Partnership Board") == 2
    with pytest.raises(ValidationError, match="Name the body that holds the quarterly review"):
        cal.plan_meetings(store, pid, date(2025, 5, 14), months=2, board="X", first_review=date(2025, 6, 1))
    assert {m.body for m in cal.meetings(store, pid)} == {"SEND Partnership Board"}
