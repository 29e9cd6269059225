"""Quarters are the council's: the UK financial year, Quarter 1 = April–June."""

from datetime import date

import pytest

from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.quarters import (
    FinancialQuarter,
    parse_financial_year,
    parse_quarter,
    quarter_of,
)


@pytest.mark.parametrize("text, start_year, number, ends", [
    ("Q1 2021", 2021, 1, date(2021, 6, 30)),  # the seed's "end of Quarter 1 June 2021"
    ("Q4 2021", 2021, 4, date(2022, 3, 31)),  # a single year names the year the financial year starts
    ("2021/22 Q4", 2021, 4, date(2022, 3, 31)),
    ("Quarter 1 2021/22", 2021, 1, date(2021, 6, 30)),
    ("Q3 2022/23", 2022, 3, date(2022, 12, 31)),
    ("Q2 2022-23", 2022, 2, date(2022, 9, 30)),
    ("q2 22/23", 2022, 2, date(2022, 9, 30)),
    ("Qtr 3 FY2022/23", 2022, 3, date(2022, 12, 31)),
    ("2022-23 Quarter 1", 2022, 1, date(2022, 6, 30)),
    ("Quarter 4 2022/2023", 2022, 4, date(2023, 3, 31)),
    ("  Q1   2023/24 ", 2023, 1, date(2023, 6, 30)),
])
def test_quarter_labels_councils_write(text, start_year, number, ends):
    q = parse_quarter(text)
    assert q == FinancialQuarter(start_year, number)
    assert q.ends_on == ends


@pytest.mark.parametrize("text", ["Q5 2021", "Q1 2021/23", "Q1 21", "July 2022", "", "Quarter", "2021/22"])
def test_not_quarters(text):
    assert parse_quarter(text) is None


def test_quarter_bounds_labels_and_succession():
    q = FinancialQuarter(2021, 4)
    assert (q.starts_on, q.ends_on, q.label) == (date(2022, 1, 1), date(2022, 3, 31), "Q4 2021/22")
    assert q.next() == FinancialQuarter(2022, 1)
    assert FinancialQuarter(2022, 1).starts_on == date(2022, 4, 1)
    assert quarter_of(date(2022, 3, 31)) == FinancialQuarter(2021, 4)
    assert quarter_of(date(2022, 4, 1)) == FinancialQuarter(2022, 1)
    assert quarter_of(date(2022, 12, 31)).label == "Q3 2022/23"


def test_financial_years():
    assert parse_financial_year("2021/22") == 2021
    assert parse_financial_year("FY 2021-2022") == 2021
    assert parse_financial_year("2021/23") is None


@pytest.mark.parametrize("text, day", [
    ("Q2 2022/23", date(2022, 9, 30)),
    ("August 2022", date(2022, 8, 31)),
    ("2021/22", date(2022, 3, 31)),
    ("Academic year 2020/21", date(2021, 8, 31)),
    ("2020/2021 academic year", date(2021, 8, 31)),
    ("January to June 2021", date(2021, 6, 30)),
    ("Jan–Jun 2021", date(2021, 6, 30)),
    ("30/06/2021", date(2021, 6, 30)),
    ("baseline to be established", None),
    ("", None),
])
def test_when_a_figure_falls(text, day):
    assert read_when(text) == day
