"""Quarters as the council counts them: the UK financial year, April to March.

Quarter 1 is April–June, Quarter 2 July–September, Quarter 3 October–December and
Quarter 4 January–March of the following calendar year. So the WSOA's baseline,
"end of Quarter 1 June 2021", is 30 June 2021, and "2021/22 Q4" ends 31 March 2022.

A quarter is written many ways in council papers; all of these are read:

- ``Q1 2021/22``, ``Q1 2021-22``, ``Q1 21/22``, ``Quarter 1 2021/22``, ``Qtr 1 FY2021/22``
- ``2021/22 Q4``, ``2021-22 Quarter 4``
- ``Q1 2021`` and ``Quarter 1 2021``: a single year names the financial year that
  *starts* in April of that year (``Q1 2021`` is April–June 2021, ``Q4 2021`` is
  January–March 2022).

A year pair must be consecutive (``2021/23`` is not a financial year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_QUARTER = r"(?:q|qtr|quarter)\.?\s*([1-4])"
_YEAR = r"(?:fy\s*)?(\d{4}|\d{2})(?:\s*[/\-–]\s*(\d{4}|\d{2}))?"
_QUARTER_FIRST = re.compile(rf"^{_QUARTER}[\s,]*(?:of\s+)?{_YEAR}$", re.IGNORECASE)
_YEAR_FIRST = re.compile(rf"^{_YEAR}[\s,]*{_QUARTER}$", re.IGNORECASE)
#: A financial year on its own: "2021/22", "2021-22", "FY 2021/22".
_FINANCIAL_YEAR = re.compile(r"^(?:fy\s*|financial\s+year\s+)?(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})$",
                             re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """Quarter ``number`` (1–4) of the financial year starting 1 April ``start_year``."""

    start_year: int
    number: int

    @property
    def label(self) -> str:
        """The canonical label, ``Q1 2021/22``."""
        return f"Q{self.number} {financial_year_label(self.start_year)}"

    @property
    def starts_on(self) -> date:
        month = 4 + 3 * (self.number - 1)
        year = self.start_year + (1 if month > 12 else 0)
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def ends_on(self) -> date:
        first = self.starts_on
        month = first.month + 2
        return date(first.year, month, calendar.monthrange(first.year, month)[1])

    def next(self) -> FinancialQuarter:
        return FinancialQuarter(self.start_year + 1, 1) if self.number == 4 else \
            FinancialQuarter(self.start_year, self.number + 1)


def financial_year_label(start_year: int) -> str:
    """``2021`` → ``2021/22``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def quarter_of(day: date) -> FinancialQuarter:
    """The financial quarter a day falls in."""
    if day.month >= 4:
        return FinancialQuarter(day.year, (day.month - 4) // 3 + 1)
    return FinancialQuarter(day.year - 1, 4)


def _year(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def _start_year(first: str, second: str | None) -> int | None:
    start = _year(first)
    if second is None:
        return start
    end = int(second)
    if len(second) == 2:
        return start if end == (start + 1) % 100 else None
    return start if end == start + 1 else None


def parse_quarter(text: str | None) -> FinancialQuarter | None:
    """The quarter a label names, or None when it is not a quarter label."""
    s = " ".join(str(text or "").split())
    if not s:
        return None
    m = _QUARTER_FIRST.match(s)
    if m:
        number, first, second = m.group(1), m.group(2), m.group(3)
    else:
        m = _YEAR_FIRST.match(s)
        if not m:
            return None
        first, second, number = m.group(1), m.group(2), m.group(3)
    if second is None and len(first) == 2:
        return None  # "Q1 21" is too loose to read safely
    start = _start_year(first, second)
    return None if start is None else FinancialQuarter(start, int(number))


def parse_financial_year(text: str | None) -> int | None:
    """``2021/22`` (or ``2021-22``, ``FY 2021/22``) → 2021, the year it starts; None otherwise."""
    m = _FINANCIAL_YEAR.match(" ".join(str(text or "").split()))
    if not m:
        return None
    return _start_year(m.group(1), m.group(2))
