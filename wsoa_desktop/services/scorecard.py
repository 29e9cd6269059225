"""The quarterly scorecard's numbers: every measure's baseline, target, latest reading and status.

Measures are grouped under the priority of the first action they belong to (a
measure shared by actions 2.2 to 2.6 appears once, under Priority 2), in the
order the officer set. The scorecard is “as at” a day: today, or the end of
the period or quarter asked for (``Q2 2022/23`` → 30 September 2022), so a
scorecard printed later still shows that quarter's position.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wsoa_desktop.domain.errors import NotFoundError
from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.measures import Measure, MeasureStatus
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services.dashboard import MeasureLine, measure_lines, status_counts
from wsoa_desktop.store.measure_reader import (
    read_measures,
    read_period_labels,
    read_plan_title,
    read_priority_titles,
)
from wsoa_desktop.store.reading_at import read_plan_at
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:  # the report command reads without SQLAlchemy
    from wsoa_desktop.store.database import Store

UNLINKED = "Not linked to an action"


@dataclass
class ScorecardGroup:
    priority_ref: str
    heading: str
    lines: list[MeasureLine] = field(default_factory=list)


@dataclass
class Scorecard:
    plan_title: str
    as_of: date
    period_label: str  # what the officer asked for ("" for today)
    groups: list[ScorecardGroup]
    counts: dict[MeasureStatus, int]
    #: "Version 3, published 14 July 2022 by J Smith" when the numbers are a published version's.
    version_stamp: str = ""

    @property
    def empty_text(self) -> str:
        """What the scorecard says when it has no measures to show."""
        if self.version_stamp:
            return ("This version holds no impact measures: none had been added when it was published (or it was "
                    "published before versions kept them). Print the current scorecard to see today's measures.")
        return "This plan has no impact measures yet. Add them in WSOA Desktop (Plan ▸ Impact measures…)."

    @property
    def lines(self) -> list[MeasureLine]:
        return [line for g in self.groups for line in g.lines]

    @property
    def position_text(self) -> str:
        """``Position at 30 September 2022 (Q2 2022/23)``."""
        day = f"{self.as_of.day} {self.as_of:%B %Y}"
        return f"Position at {day}" + (f" ({self.period_label})" if self.period_label else "")


def _priority_of(m: Measure) -> str:
    return m.action_refs[0].split(".")[0] if m.action_refs else ""


def _heading(ref: str, title: str) -> str:
    """``Priority 1 – EHC Plans``; a title that only repeats ``Priority 1`` is not said twice."""
    plain = f"Priority {ref}"
    return f"{plain} – {title}" if title and " ".join(title.split()).casefold() != plain.casefold() else plain


def scorecard_numbers(plan_title: str, measures: list[Measure], priorities: list[tuple[str, str]],
                      as_of: date, period_label: str = "") -> Scorecard:
    lines = measure_lines(measures, as_of)
    groups = {ref: ScorecardGroup(ref, _heading(ref, title)) for ref, title in priorities}
    unlinked = ScorecardGroup("", UNLINKED)
    for line in lines:
        groups.get(_priority_of(line.measure), unlinked).lines.append(line)
    ordered = [g for g in groups.values() if g.lines] + ([unlinked] if unlinked.lines else [])
    return Scorecard(plan_title, as_of, period_label, ordered, status_counts(lines))


def as_of_for(cur: sqlite3.Cursor, plan_id: int, period_label: str | None, today: date) -> tuple[date, str]:
    """The day the scorecard stands at, and the label to print beside it."""
    return as_of_among(read_period_labels(cur, plan_id), period_label, today)


def as_of_among(labels: list[str], period_label: str | None, today: date) -> tuple[date, str]:
    """As :func:`as_of_for`, given the plan's period labels (a published version's, say)."""
    if period_label is None or not period_label.strip():
        return today, ""
    label = " ".join(period_label.split())
    for known in labels:
        if same_label(known, label):
            due = parse_target(known).due
            if due is not None:
                return min(due, today), known
    day = read_when(label)
    if day is None:
        raise NotFoundError(f"“{label}” is not a period or quarter the app can read: use a period of the plan "
                            "(such as August 2022) or a quarter (such as Q2 2022/23).")
    return min(day, today), label


def read_scorecard(cur: sqlite3.Cursor, plan_id: int, period_label: str | None, today: date) -> Scorecard:
    as_of, label = as_of_for(cur, plan_id, period_label, today)
    return scorecard_numbers(read_plan_title(cur, plan_id), read_measures(cur, plan_id),
                             read_priority_titles(cur, plan_id), as_of, label)


def load_scorecard(store: Store, plan_id: int, period_label: str | None, today: date | None = None) -> Scorecard:
    with store.reading() as con:
        return read_scorecard(con.cursor(), plan_id, period_label, today or date.today())


def load_scorecard_at(path: Path | ServerAddress, plan: int | str | None, period_label: str | None,
                      today: date | None = None) -> Scorecard:
    when = today or date.today()
    return read_plan_at(path, plan, lambda cur, plan_id: read_scorecard(cur, plan_id, period_label, when))
