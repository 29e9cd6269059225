"""The dashboard's numbers, computed once for the screen and for print.

The Dashboard tab (QtCharts) and “performance on a page” (ReportLab) draw from
one :class:`DashboardNumbers`, so a count on screen and on paper can never
differ. The per-priority rating counts are the BRAG appendix's own
(:func:`~wsoa_desktop.reports.progress_summary.summarise`) and “overdue” is judged
as the exception report judges it (at the end of the reported month, never
later than today) — those two pure-Python modules own those facts, so they are
used here rather than repeated.

Everything is read with plain SQL through one DB-API cursor, so the dashboard's
worker thread can use its own read-only connection and never waits on the
window's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wsoa_desktop.domain.measures import (
    STATUS_ORDER,
    Assessment,
    ChartNumbers,
    Measure,
    MeasureStatus,
    assess,
    chart_numbers,
)
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, is_overdue
from wsoa_desktop.domain.rating_schemes import RatingDefinition, RatingScheme
from wsoa_desktop.domain.status_words import is_not_updated, not_updated_text
from wsoa_desktop.reports.exception_items import as_at
from wsoa_desktop.reports.progress_summary import (
    NOT_RATED,
    NOT_UPDATED,
    ProgressSummary,
    Tally,
    rated_items,
    summarise,
)
from wsoa_desktop.store.measure_reader import PeriodRatings, read_measures, read_rating_trend
from wsoa_desktop.store.outline_reader import read_outline
from wsoa_desktop.store.reading_at import read_plan_at
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:  # the report command reads without SQLAlchemy
    from wsoa_desktop.store.database import Store

#: A carried-forward rating nobody updated this period: counted apart from the ratings, as the
#: BRAG appendix counts it, and drawn in a pale grey that is no rating's colour.
NOT_UPDATED_FILL = "#E6E6E6"
OVERDUE = "Overdue"


@dataclass(frozen=True)
class PriorityLine:
    """One priority's bar: its rating counts, and how many are not updated or overdue."""

    ref: str
    title: str
    counts: dict[str, int]  # rating name -> items rated this period, in the scheme's order
    not_rated: int
    not_updated: int  # rated, but carried forward and not updated this period
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.not_updated + self.not_rated

    @property
    def label(self) -> str:
        return f"Priority {self.ref}" if self.ref else self.title


@dataclass(frozen=True)
class AttentionItem:
    """A Red or overdue item: what the Board asks about first."""

    ref: str
    description: str
    priority_ref: str
    rating: str | None
    rating_caption: str  # "Red (not updated since July 2022)"
    target: str
    lead: str
    reasons: tuple[str, ...]

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class MeasureLine:
    """A measure with its status and its chart's numbers, as of the dashboard's day."""

    measure: Measure
    assessment: Assessment
    chart: ChartNumbers

    @property
    def status(self) -> MeasureStatus:
        return self.assessment.status


@dataclass
class DashboardNumbers:
    """Everything the dashboard shows, for one plan and one period."""

    plan_id: int
    plan_title: str
    period_label: str
    as_of: date
    scheme: RatingScheme
    rating_names: list[str]
    priorities: list[PriorityLine]
    total: PriorityLine
    trend: list[PeriodRatings]
    attention: list[AttentionItem]
    measures: list[MeasureLine]
    status_counts: dict[MeasureStatus, int] = field(default_factory=dict)
    #: "Version 3, published 14 July 2022 by J Smith" when the numbers are a published version's.
    version_stamp: str = ""

    @property
    def has_ratings(self) -> bool:
        return self.total.total > 0

    @property
    def segment_names(self) -> list[str]:
        """What each bar is made of, in order: the ratings, then not updated, then not rated."""
        return [*self.rating_names, NOT_UPDATED, NOT_RATED]

    def rating_colour(self, name: str) -> tuple[str, str]:
        """(fill, text colour) of a rating; pale grey for “Not updated”, white for “Not rated”."""
        if name == NOT_UPDATED:
            return NOT_UPDATED_FILL, "#000000"
        d = self.scheme.match(name)
        return (d.colour, d.text_colour) if d else ("#FFFFFF", "#000000")

    def headline(self) -> str:
        """One line for the top of the page: the counts a member looks for first."""
        worst = self.worst_name
        red = sum(1 for a in self.attention if a.rating == worst) if worst else 0
        parts = [f"{self.total.total} rated items", f"{red} {self.worst_name or 'Red'}",
                 f"{self.total.overdue} overdue", f"{self.total.not_updated} not updated"]
        if self.measures:
            on = sum(self.status_counts.get(s, 0) for s in (MeasureStatus.TARGET_MET, MeasureStatus.ON_TRACK))
            parts.append(f"measures: {on} of {len(self.measures)} met or on trajectory")
        return " · ".join(parts)

    @property
    def worst_name(self) -> str | None:
        worst = worst_rating(self.scheme)
        return worst.name if worst else None


def worst_rating(scheme: RatingScheme) -> RatingDefinition | None:
    """The rating that means significant risk (Red in the WSOA scheme)."""
    active = [r for r in scheme.ratings if not r.is_complete and not r.is_not_started]
    return max(active, key=lambda r: r.severity) if active else None


def measure_lines(measures: list[Measure], as_of: date) -> list[MeasureLine]:
    """Each measure's status and chart numbers as of a day (the dashboard's and the scorecard's)."""
    return [MeasureLine(m, assess(m, as_of), chart_numbers(m, as_of)) for m in measures]


def status_counts(lines: list[MeasureLine]) -> dict[MeasureStatus, int]:
    counts = {s: 0 for s in STATUS_ORDER}
    for line in lines:
        counts[line.status] += 1
    return counts


def _priority_line(outline: PlanOutline, row: Tally, actions: list[ActionNode], today: date) -> PriorityLine:
    leaves = rated_items(actions)
    return PriorityLine(row.ref, row.label, dict(row.counts), row.not_rated, row.not_updated,
                        sum(1 for n in leaves if is_overdue(n, today, outline.scheme)))


def _attention(outline: PlanOutline, today: date) -> list[AttentionItem]:
    from wsoa_desktop.domain.status_words import rating_caption

    worst = worst_rating(outline.scheme)
    out = []
    for p in outline.priorities:
        for node in rated_items(p.actions):
            reasons = []
            d = outline.scheme.match(node.rating)
            if d is not None and worst is not None and d.name == worst.name:
                reasons.append(d.name + (f" ({not_updated_text(node.status)})" if is_not_updated(node.status)
                                         else ""))
            if is_overdue(node, today, outline.scheme):
                reasons.append(f"{OVERDUE} (target {node.target.text})")
            if reasons:
                out.append(AttentionItem(node.ref, node.description, p.ref, d.name if d else node.rating,
                                         rating_caption(node.status), node.target.text, node.lead_display,
                                         tuple(reasons)))
    return out


def dashboard_numbers(outline: PlanOutline, trend: list[PeriodRatings], measures: list[Measure],
                      today: date) -> DashboardNumbers:
    """The dashboard for ``outline``'s period, from data already read."""
    day = as_at(outline, today)
    summary: ProgressSummary = summarise(outline)
    priorities = [_priority_line(outline, row, p.actions, day)
                  for row, p in zip(summary.rows, outline.priorities, strict=True)]
    total = PriorityLine("", "Total", dict(summary.total.counts), summary.total.not_rated,
                         sum(p.not_updated for p in priorities), sum(p.overdue for p in priorities))
    lines = measure_lines(measures, day)
    return DashboardNumbers(
        outline.plan_id, outline.title, outline.period.label if outline.period else "", day, outline.scheme,
        summary.rating_names, priorities, total, trend, _attention(outline, day), lines, status_counts(lines),
        outline.version_stamp)


def read_dashboard(cur: sqlite3.Cursor, plan_id: int, period_label: str | None, today: date) -> DashboardNumbers:
    """Read and compute the dashboard through one cursor."""
    outline = read_outline(cur, plan_id, period_label)
    trend = read_rating_trend(cur, plan_id, outline.scheme.names())
    return dashboard_numbers(outline, trend, read_measures(cur, plan_id), today)


def load_dashboard(store: Store, plan_id: int, period_label: str | None,
                   today: date | None = None) -> DashboardNumbers:
    """The dashboard over the store's own connection."""
    with store.reading() as con:
        return read_dashboard(con.cursor(), plan_id, period_label, today or date.today())


def load_dashboard_at(path: Path | ServerAddress, plan: int | str | None, period_label: str | None,
                      today: date | None = None) -> DashboardNumbers:
    """The dashboard over a read-only connection of its own (for a worker thread or the report command)."""
    when = today or date.today()
    return read_plan_at(path, plan, lambda cur, plan_id: read_dashboard(cur, plan_id, period_label, when))


__all__ = ["NOT_RATED", "NOT_UPDATED", "OVERDUE", "AttentionItem", "DashboardNumbers", "MeasureLine",
           "PriorityLine", "dashboard_numbers", "load_dashboard", "load_dashboard_at", "read_dashboard"]


def short_period(label: str) -> str:
    """A period as a chart's axis can hold it: ``August 2022`` → ``Aug 22``; other labels as they are."""
    from wsoa_desktop.domain.quarters import parse_quarter
    from wsoa_desktop.domain.target_dates import parse_target

    parsed = parse_target(label)
    if parsed.due is not None and parsed.precision == "month" and parse_quarter(label) is None:
        return f"{parsed.due:%b %y}"
    return label
