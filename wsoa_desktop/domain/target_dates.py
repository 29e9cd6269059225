"""Target end dates as officers write them.

A target is kept exactly as typed (“July 2022”, “Ongoing – July for 1st annual
report”); when the text is a date we can read, a parsed due date sits beside it.
A month means the end of that month: an action due “July 2022” is overdue on
1 August. Dates are UK day-first (``31/03/2024``). Quarters are the council's
financial quarters (:mod:`wsoa_desktop.domain.quarters`): “Q1 2021” is April–June 2021
and falls due on 30 June 2021; “2021/22 Q4” on 31 March 2022.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from wsoa_desktop.domain.quarters import parse_quarter

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})\.?[\s\-/,']*(\d{{2}}|\d{{4}})$", re.IGNORECASE)
_DAY_MONTHNAME_YEAR = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MONTH_RE})\.?[\s\-,]+(\d{{2}}|\d{{4}})$", re.IGNORECASE
)
_NUMERIC_MONTH_YEAR = re.compile(r"^(\d{1,2})[/\-](\d{4})$")


@dataclass(frozen=True)
class TargetDate:
    """A target as typed, and the date it falls due when the text is a date."""

    text: str
    due: date | None = None
    precision: str | None = None  # "day", "month" or None for free text

    @property
    def is_parsed(self) -> bool:
        return self.due is not None

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def _year(text: str) -> int:
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_target(text: str | None) -> TargetDate:
    """Read a target; free text comes back with ``due`` None, never an error."""
    raw = "" if text is None else str(text)
    s = " ".join(raw.split())
    if not s:
        return TargetDate(raw)
    try:
        m = _DAY_MONTH_YEAR.match(s)
        if m:
            return TargetDate(raw, date(_year(m.group(3)), int(m.group(2)), int(m.group(1))), "day")
        m = _ISO.match(s)
        if m:
            return TargetDate(raw, date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        m = _DAY_MONTHNAME_YEAR.match(s)
        if m:
            month = _MONTHS[m.group(2).lower()]
            return TargetDate(raw, date(_year(m.group(3)), month, int(m.group(1))), "day")
        m = _MONTH_YEAR.match(s)
        if m:
            return TargetDate(raw, _month_end(_year(m.group(2)), _MONTHS[m.group(1).lower()]), "month")
        m = _NUMERIC_MONTH_YEAR.match(s)
        if m and 1 <= int(m.group(1)) <= 12:
            return TargetDate(raw, _month_end(int(m.group(2)), int(m.group(1))), "month")
        quarter = parse_quarter(s)
        if quarter is not None:
            return TargetDate(raw, quarter.ends_on, "month")
    except ValueError:  # 31/02/2024 and the like: keep the text, no date
        return TargetDate(raw)
    return TargetDate(raw)


def format_due(target: TargetDate) -> str:
    """The parsed date as an officer would say it, or the text itself."""
    if target.due is None:
        return target.text
    if target.precision == "month":
        return target.due.strftime("%B %Y")
    return target.due.strftime("%d/%m/%Y")


def parse_day(text: str | None) -> date | None:
    """A single day typed as officers write it (14/07/2022, 2022-07-14, 14 July 2022), else None."""
    found = parse_target(text)
    return found.due if found.precision == "day" else None
