"""The dashboard's numbers as Qt table models: each chart is drawn from one, and shows it as its table.

A chart and its table view share a model, so what the table says is exactly what
the chart draws (the table is the accessible way to read every chart). The
models hold :class:`~wsoa_desktop.services.dashboard.DashboardNumbers` — computed
by the same function the printed “performance on a page” uses — and are reset
whole when new numbers arrive. They need no view and are tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wsoa_desktop.domain.measures import (
    Direction,
    Reading,
    baseline_text,
    format_value,
    latest_text,
    round_expected,
    status_definition,
    target_text,
)
from wsoa_desktop.gui.dashboard.roles import COUNT_ROLE, LINE_ROLE
from wsoa_desktop.gui.plan_tree_model import RATING_ROLE, REF_ROLE
from wsoa_desktop.services.dashboard import (
    OVERDUE,
    AttentionItem,
    DashboardNumbers,
    MeasureLine,
)

__all__ = ["COUNT_ROLE", "LINE_ROLE", "AttentionModel", "MeasuresModel", "PriorityCountsModel", "ReadingsModel",
           "Series", "TrendModel"]

ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class Series:
    """One stacked series of a chart: its name, fill, and a value per category."""

    name: str
    fill: str
    values: list[int]


class _Table(QAbstractTableModel):
    headers: list[str]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.numbers: DashboardNumbers | None = None
        self.headers = []

    def set_numbers(self, numbers: DashboardNumbers | None) -> None:
        self.beginResetModel()
        self.numbers = numbers
        self.headers = self._headers(numbers) if numbers is not None else []
        self._load(numbers)
        self.endResetModel()

    def _headers(self, numbers: DashboardNumbers) -> list[str]:
        return []

    def _load(self, numbers: DashboardNumbers | None) -> None:
        pass

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


class _CountsTable(_Table):
    """Rows of rating counts (per priority, or per period), the first column naming the row."""

    first_header = ""
    extra: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, list[int]]] = []

    def _headers(self, numbers: DashboardNumbers) -> list[str]:
        return [self.first_header, *numbers.segment_names, *self.extra]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not self.numbers:
            return None
        label, values = self._rows[index.row()]
        c = index.column()
        if c == 0:
            return label if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole) else None
        value = values[c - 1]
        if role == DISPLAY:
            return str(value)
        if role == COUNT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label}, {self.headers[c]}: {value}"
        return None

    # -- what the chart draws ------------------------------------------------------------------

    def chart_rows(self) -> int:
        """How many rows are categories of the chart (a total row is not)."""
        return self.rowCount()

    def categories(self) -> list[str]:
        return [self._rows[r][0] for r in range(self.chart_rows())]

    def series(self) -> list[Series]:
        """Ratings in the scheme's order, then “Not updated” and “Not rated”: read from the model's own cells."""
        if self.numbers is None:
            return []
        out = []
        for c, name in enumerate(self.numbers.segment_names, start=1):
            values = [int(self.index(r, c).data(COUNT_ROLE)) for r in range(self.chart_rows())]
            out.append(Series(name, self.numbers.rating_colour(name)[0], values))
        return out

    def biggest(self) -> int:
        """The tallest bar (the value axis runs to it)."""
        series = self.series()
        return max((sum(s.values[i] for s in series) for i in range(self.chart_rows())), default=0)


class PriorityCountsModel(_CountsTable):
    """Each priority's rating counts for the period, its not-updated and overdue counts, and a total row."""

    first_header = "Priority"
    extra = ("Total", OVERDUE)

    def _load(self, numbers: DashboardNumbers | None) -> None:
        self._rows = []
        if numbers is None:
            return
        for p in [*numbers.priorities, numbers.total]:
            label = f"Priority {p.ref}" if p.ref else "Total"
            counts = [p.counts.get(n, 0) for n in numbers.rating_names]
            self._rows.append((label, [*counts, p.not_updated, p.not_rated, p.total, p.overdue]))

    def chart_rows(self) -> int:
        return max(0, self.rowCount() - 1)

    def title_of(self, row: int) -> str:
        if self.numbers is None or row >= len(self.numbers.priorities):
            return ""
        return self.numbers.priorities[row].title


class TrendModel(_CountsTable):
    """Every reporting period's rating counts, oldest first."""

    first_header = "Period"
    extra = ("Total",)

    def _load(self, numbers: DashboardNumbers | None) -> None:
        self._rows = []
        if numbers is None:
            return
        for p in numbers.trend:
            counts = [p.counts.get(n, 0) for n in numbers.rating_names]
            self._rows.append((p.label, [*counts, p.not_updated, p.not_rated, p.total]))


class AttentionModel(_Table):
    """Red and overdue items; ``REF_ROLE`` gives the reference the window jumps to."""

    COLUMNS = ("Ref", "Why listed", "Rating", "Action", "Target End Date", "Lead")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[AttentionItem] = []

    def _headers(self, numbers: DashboardNumbers) -> list[str]:
        return list(self.COLUMNS)

    def _load(self, numbers: DashboardNumbers | None) -> None:
        self.items = list(numbers.attention) if numbers else []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        c = index.column()
        if role == REF_ROLE:
            return item.ref
        if role == RATING_ROLE and c == 2 and self.numbers is not None:
            return self.numbers.scheme.match(item.rating)
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return (item.ref, item.why, item.rating_caption or "Not rated", item.description, item.target,
                    item.lead)[c]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.ref} {item.description}: {item.why}"
        return None


class MeasuresModel(_Table):
    """Every measure with its baseline, target, latest reading, the line's value then, and its status."""

    COLUMNS = ("Ref", "Measure", "Baseline", "Target", "Latest reading", "On the trajectory", "Status")
    STATUS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[MeasureLine] = []

    def _headers(self, numbers: DashboardNumbers) -> list[str]:
        return list(self.COLUMNS)

    def _load(self, numbers: DashboardNumbers | None) -> None:
        self.lines = list(numbers.measures) if numbers else []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def row_of(self, ref: str) -> int:
        return next((i for i, line in enumerate(self.lines) if line.measure.ref == ref), -1)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        m, a = line.measure, line.assessment
        c = index.column()
        if role == LINE_ROLE:
            return line
        if role == REF_ROLE:
            return m.ref
        if role == RATING_ROLE and c == self.STATUS:
            return status_definition(line.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.explanation or line.status.value
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            expected = ""
            if a.expected is not None and a.reading is not None and m.direction is not Direction.MAINTAIN:
                expected = format_value(round_expected(a.expected), m.unit)
            return (m.ref, m.title, baseline_text(m), target_text(m), latest_text(a.reading, m.unit), expected,
                    line.status.value)[c]
        return None


class ReadingsModel(_Table):
    """One measure's readings with where the trajectory stood on each reading's date."""

    COLUMNS = ("Quarter or period", "As at", "Value", "On the trajectory", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.line: MeasureLine | None = None
        self.readings: list[Reading] = []

    def set_line(self, line: MeasureLine | None, as_of: date | None = None) -> None:
        """Show ``line``'s readings up to ``as_of`` (the dashboard's day), as its chart does."""
        self.beginResetModel()
        self.line = line
        self.headers = list(self.COLUMNS)
        self.readings = [] if line is None else list(line.measure.readings_up_to(as_of))
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.readings)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or self.line is None or role not in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return None
        r = self.readings[index.row()]
        m = self.line.measure
        expected = m.expected_at(r.as_of)
        return (r.label, f"{r.as_of.day} {r.as_of:%B %Y}", format_value(r.value, m.unit),
                format_value(round_expected(expected), m.unit) if expected is not None else "", r.note)[index.column()]
