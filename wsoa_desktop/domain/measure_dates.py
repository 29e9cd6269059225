"""When a measure's baseline, milestone, target or reading falls, from the words used for it.

Performance teams label figures by quarter (“Q2 2022/23”), by month (“August
2022”, a reporting period), by financial year (“2021/22”), by academic year
(“academic year 2020/21”, as the WSOA's exclusion figures are) or by a stretch of
months (“January to June 2021”). Each is read as the day it ends, because a
figure describes the position at the end of the time it covers. The text is
always kept as typed beside the date.
"""

from __future__ import annotations

import re
from datetime import date

from wsoa_desktop.domain.quarters import parse_financial_year, parse_quarter
from wsoa_desktop.domain.target_dates import parse_target

_ACADEMIC = re.compile(
    r"^(?:(?:the\s+)?academic\s+year\s+|ay\s*)(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})$"
    r"|^(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})\s+academic\s+year$",
    re.IGNORECASE)
_RANGE = re.compile(r"\s+(?:to|until|-|–|—)\s+|(?<=[a-z])\s*[–—-]\s*(?=[a-z])", re.IGNORECASE)


def _academic_end(text: str) -> date | None:
    m = _ACADEMIC.match(text)
    if not m:
        return None
    first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    start = int(first)
    end = int(second)
    if (len(second) == 2 and end != (start + 1) % 100) or (len(second) == 4 and end != start + 1):
        return None
    return date(start + 1, 8, 31)


def read_when(text: str | None) -> date | None:
    """The day a labelled stretch of time ends, or None when the words are not a date."""
    s = " ".join(str(text or "").split())
    if not s:
        return None
    quarter = parse_quarter(s)
    if quarter is not None:
        return quarter.ends_on
    academic = _academic_end(s)
    if academic is not None:
        return academic
    start_year = parse_financial_year(s)
    if start_year is not None:
        return date(start_year + 1, 3, 31)
    due = parse_target(s).due
    if due is not None:
        return due
    parts = _RANGE.split(s)
    if len(parts) > 1:  # "January to June 2021", "Jan–Jun 2021": the end of the last part
        return parse_target(parts[-1]).due
    return None
