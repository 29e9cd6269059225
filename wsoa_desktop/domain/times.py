"""Reading the dates and times that plan files, snapshots and the database write as ISO text.

Every reader of a plan document (loading a plan file, showing a published version)
and the plan reader itself take a time or a day from text the same way: ISO
format, and nothing (None) for text that is empty or not a date, never an error.
"""

from __future__ import annotations

from datetime import date, datetime


def read_time(value: object) -> datetime | None:
    """``2022-08-31T10:00:00.123456`` (or ``2022-08-31 10:00:00``) as a datetime; None otherwise."""
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def read_day(value: object) -> date | None:
    """The day at the start of ISO text (``2022-07-14``, or a time on that day); None otherwise."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
