from datetime import date

import pytest

from wsoa_desktop.domain.target_dates import parse_target


@pytest.mark.parametrize("text, due, precision", [
    ("July 2022", date(2022, 7, 31), "month"),
    ("September 2022", date(2022, 9, 30), "month"),
    ("Sept 2023", date(2023, 9, 30), "month"),
    ("Mar-24", date(2024, 3, 31), "month"),
    ("July 17", date(2017, 7, 31), "month"),
    ("February 2024", date(2024, 2, 29), "month"),
    ("31/03/2024", date(2024, 3, 31), "day"),
    ("1/4/24", date(2024, 4, 1), "day"),
    ("2024-03-31", date(2024, 3, 31), "day"),
    ("31 March 2024", date(2024, 3, 31), "day"),
    # Quarters are the council's financial quarters (Quarter 1 = April–June).
    ("Q1 2023", date(2023, 6, 30), "month"),
    ("Q1 2021", date(2021, 6, 30), "month"),
    ("2021/22 Q4", date(2022, 3, 31), "month"),
    ("Quarter 1 2021/22", date(2021, 6, 30), "month"),
    ("Q3 2022/23", date(2022, 12, 31), "month"),
])
def test_dates_officers_write(text, due, precision):
    t = parse_target(text)
    assert t.due == due and t.precision == precision
    assert t.text == text


@pytest.mark.parametrize("text", [
    "Ongoing – July for 1st annual report",
    "Re-occurring action Sequence to be agreed Dec 2022",
    "Ongoing – quarterly audit cycle",
    "31/02/2024",
    "13/13/2024",
    "",
    "TBC",
])
def test_free_text_is_kept_without_a_date(text):
    t = parse_target(text)
    assert t.due is None and t.text == text and not t.is_parsed


def test_text_is_kept_exactly_as_typed():
    assert parse_target("  July  2022 ").text == "  July  2022 "
    assert parse_target("  July  2022 ").due == date(2022, 7, 31)


def test_overdue_means_after_the_month():
    t = parse_target("July 2022")
    assert not t.is_overdue(date(2022, 7, 31))
    assert t.is_overdue(date(2022, 8, 1))
