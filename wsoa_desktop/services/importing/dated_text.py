"""Dates inside a plan's cells: a target revised in place, and progress written as dated entries.

A 2017 plan moves a target by writing the new date under the old one
("June 17 / Sept 17", or "July 17", "Sept 17", "Mar 18" on separate lines): the
first is the original, each later one a revision, and the last is the target now.
Its progress cell grows month by month ("03/04/17 – group convened",
"08/06/17 – terms agreed"): each dated paragraph is an entry of the item's
progress history. Both are only read so when every piece is a date; anything
else stays exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wsoa_desktop.domain.target_dates import parse_target

_TARGET_SPLIT = re.compile(r"\s*[\r\n]+\s*|\s+/\s+|\s*/\s*(?=[A-Za-z])")
_NUMERIC_DATE = r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
_WORDY_DATE = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{2,4}"
_MONTH_DATE = r"[A-Za-z]{3,9}\.?\s+\d{4}"
_ENTRY = re.compile(
    rf"^\s*\(?(?P<date>{_NUMERIC_DATE}|{_WORDY_DATE}|{_MONTH_DATE})\)?(?P<sep>\s*[-–—:]\s*|\s+)(?P<text>\S.*)$",
    re.DOTALL)


def target_steps(text: str) -> list[str]:
    """``June 17 / Sept 17`` → ["June 17", "Sept 17"]; [] when the text is one target (or not dates)."""
    pieces = [" ".join(p.split()) for p in _TARGET_SPLIT.split(text or "") if p.strip()]
    if len(pieces) < 2 or not all(parse_target(p).is_parsed for p in pieces):
        return []
    return pieces


def day_first(text: str) -> date | None:
    """A date written day first (``03/04/17``, ``17.05.17``, ``3 April 2017``, ``April 2017``)."""
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})", text.strip())
    if m:
        day, month, year = (int(x) for x in m.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    parsed = parse_target(text)
    if parsed.due is None:
        return None
    m = re.match(r"^(\d{1,2})", text.strip())
    if m and parsed.precision != "month":
        return parsed.due
    if m:
        try:
            return parsed.due.replace(day=int(m.group(1)))
        except ValueError:
            return parsed.due
    return parsed.due.replace(day=1) if parsed.precision == "month" else parsed.due


@dataclass(frozen=True)
class Entry:
    """One dated paragraph of a progress cell."""

    date_text: str  # as written ("03/04/17"); "" for text before the first date
    on_date: date | None
    text: str


def progress_entries(text: str) -> list[Entry]:
    """The dated entries of a progress cell, oldest as written; [] when no paragraph starts with a date."""
    entries: list[Entry] = []
    pending: list[str] = []
    current: tuple[str, date | None] | None = None
    dated = False

    def close() -> None:
        if current is not None or pending:
            body = "\n".join(pending).strip()
            if body or current is not None:
                entries.append(Entry(current[0] if current else "", current[1] if current else None, body))

    for line in (text or "").splitlines():
        m = _ENTRY.match(line)
        if m and not m.group("sep").strip() and not re.fullmatch(_NUMERIC_DATE, m.group("date")):
            m = None  # "June 2017 was a good month" is a sentence; "June 2017 – met" an entry
        found = day_first(m.group("date")) if m else None
        if m and found is not None:
            close()
            current, pending, dated = (m.group("date"), found), [m.group("text").strip()], True
        elif line.strip():
            pending.append(line.strip())
    close()
    return entries if dated else []
