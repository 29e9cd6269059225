"""The governance calendar: monthly boards with the spotlight rota, quarterly reviews, scrutiny."""

from __future__ import annotations

from datetime import date

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import governance_calendar as cal


def test_same_weekday_in_month():
    second_wed = date(2022, 9, 14)
    assert cal.same_weekday_in_month(second_wed, 1) == date(2022, 10, 12)
    assert cal.same_weekday_in_month(second_wed, 4) == date(2023, 1, 11)
    assert cal.same_weekday_in_month(date(2022, 8, 31), 1) == date(2022, 9, 28)  # no 5th Wed: the last


def test_executive_board_spotlight_rota_across_the_four_subgroups(sample_store):
    added = cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=6, first_review=date(2022, 10, 7))
    assert added == 6 + 2
    boards = [m for m in cal.meetings(sample_store, 1) if m.body == cal.EXECUTIVE_BOARD]
    spotlights = [m.note for m in boards]
    assert spotlights == ["Spotlight: Education Health Care Plans", "Spotlight: Graduated Response",
                          "Spotlight: Preparing for Adulthood", "Spotlight: Local Offer and Communication",
                          "Spotlight: Education Health Care Plans", "Spotlight: Graduated Response"]
    first = boards[0]
    assert first.reports[:2] == [cal.BRAG_APPENDIX, "Spotlight: Education Health Care Plans"]
    assert len([r for r in first.reports if r.startswith("Highlight report")]) == 3
    assert "Julie Day" in first.for_whom and "Ian Tankard" in first.for_whom
    reviews = [m for m in cal.meetings(sample_store, 1) if m.body == cal.QUARTERLY_REVIEW]
    assert [m.held_on for m in reviews] == [date(2022, 10, 7), date(2023, 1, 6)]
    assert cal.SCORECARD in reviews[0].reports
    assert cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=6) == 0  # nothing twice


def test_scrutiny_dates_and_what_is_due_next(sample_store):
    cal.add_scrutiny_dates(sample_store, 1, [date(2022, 10, 25), date(2023, 1, 24)])
    cal.plan_meetings(sample_store, 1, date(2022, 9, 14), months=3)
    nxt = cal.due_next(sample_store, 1, today=date(2022, 10, 13), limit=2)
    assert [(m.body, m.held_on) for m in nxt] == [(cal.SCRUTINY, date(2022, 10, 25)),
                                                   (cal.EXECUTIVE_BOARD, date(2022, 11, 9))]
    assert cal.BRAG_APPENDIX in nxt[0].reports and "agenda pack" in nxt[0].for_whom
    with pytest.raises(ValidationError, match="already meets"):
        cal.add_scrutiny_dates(sample_store, 1, [date(2022, 11, 1), date(2022, 10, 25)])
    assert len(cal.meetings(sample_store, 1, start=date(2022, 11, 1), end=date(2022, 11, 1))) == 0
    cal.remove_meeting(sample_store, 1, nxt[0].id)
    assert cal.due_next(sample_store, 1, today=date(2022, 10, 13), limit=1)[0].body == cal.EXECUTIVE_BOARD
