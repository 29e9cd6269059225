"""Key impact measures: what the WSOA promises to change, and whether it is on trajectory.

A measure (“EHC plans audited good or better from 52.5% to 75%”) has a baseline
(value and date), a target (value and date), optional milestones on the way, and
readings (a value per quarter or reporting period). Boards ask one question of
it — are we on trajectory? — and :func:`assess` answers it by the rule written
out in :data:`STATUS_RULE` (shown in the app's Help menu and printed on the
scorecard), so the officer, the Board and the tests all read the same rule.

Statuses are shown like ratings: a fill colour *and* the status's name, never
colour alone (:data:`STATUS_SCHEME` is a rating scheme, so every table and chip
that draws a rating draws a status the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from wsoa_desktop.domain.rating_schemes import RatingDefinition, RatingScheme

#: Behind the trajectory by more than this share of the whole baseline→target distance is
#: "well behind".
WELL_BEHIND_SHARE = 0.25
#: A "maintain" measure more than this share below the level it must hold is "well behind".
MAINTAIN_TOLERANCE = 0.05
_EPS = 1e-9

#: Units offered in the editor; any other text (“per month”) is allowed and printed after the value.
UNITS = ("%", "count", "rate")


class Direction(str, Enum):
    """Which way the measure should move."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"

    @property
    def sign(self) -> int:
        return -1 if self is Direction.DECREASE else 1


_DIRECTION_WORDS = {
    "increase": Direction.INCREASE, "up": Direction.INCREASE, "higher": Direction.INCREASE,
    "increase is better": Direction.INCREASE, "more": Direction.INCREASE,
    "decrease": Direction.DECREASE, "reduce": Direction.DECREASE, "reduction": Direction.DECREASE,
    "down": Direction.DECREASE, "lower": Direction.DECREASE, "fewer": Direction.DECREASE,
    "decrease is better": Direction.DECREASE,
    "maintain": Direction.MAINTAIN, "keep": Direction.MAINTAIN, "hold": Direction.MAINTAIN,
}


def parse_direction(text: str | Direction | None) -> Direction | None:
    if isinstance(text, Direction):
        return text
    return _DIRECTION_WORDS.get(" ".join(str(text or "").split()).casefold())


class MeasureStatus(str, Enum):
    """Where a measure stands; the value is the name every screen and report prints."""

    TARGET_MET = "Target met"
    ON_TRACK = "On or ahead of trajectory"
    BEHIND = "Behind trajectory"
    WELL_BEHIND = "Well behind trajectory"
    NO_READING = "No reading yet"
    NO_TARGET = "Target to be set"
    NO_BASELINE = "Baseline to be established"


#: The statuses as a rating scheme (best first): the same colours as BRAG, the name always shown.
STATUS_SCHEME = RatingScheme("Measure status", (
    RatingDefinition(MeasureStatus.TARGET_MET.value, "The latest reading has reached the target.",
                     "#1F5FAD", "#FFFFFF", 0, ("met",), severity=0),
    RatingDefinition(MeasureStatus.ON_TRACK.value,
                     "The latest reading is on or better than the trajectory line.",
                     "#2E8540", "#FFFFFF", 1, ("on track", "on trajectory"), severity=1),
    RatingDefinition(MeasureStatus.BEHIND.value,
                     "Worse than the trajectory line by up to a quarter of the distance from baseline "
                     "to target.", "#F2A900", "#000000", 2, ("behind",), severity=2),
    RatingDefinition(MeasureStatus.WELL_BEHIND.value,
                     "Worse than the trajectory line by more than a quarter of the distance from "
                     "baseline to target.", "#C8102E", "#FFFFFF", 3, ("well behind",), severity=3),
    RatingDefinition(MeasureStatus.NO_READING.value, "A baseline and a target, but no reading yet.",
                     "#E3E3E3", "#000000", 4, (), is_not_started=True),
    RatingDefinition(MeasureStatus.NO_TARGET.value,
                     "No target value yet (or, for an increase or decrease, no target date).",
                     "#B8BABC", "#000000", 5, (), is_not_started=True),
    RatingDefinition(MeasureStatus.NO_BASELINE.value,
                     "No baseline value and date yet (“baseline and measure to be developed”).",
                     "#8A8D8F", "#000000", 6, (), is_not_started=True),
))

#: Statuses in the order they are counted and listed.
STATUS_ORDER: tuple[MeasureStatus, ...] = tuple(MeasureStatus)

#: Short names where room is tight (a tile, a chart label); still words, never colour alone.
STATUS_SHORT: dict[MeasureStatus, str] = {
    MeasureStatus.TARGET_MET: "Met",
    MeasureStatus.ON_TRACK: "On track",
    MeasureStatus.BEHIND: "Behind",
    MeasureStatus.WELL_BEHIND: "Well behind",
    MeasureStatus.NO_READING: "No reading",
    MeasureStatus.NO_TARGET: "No target",
    MeasureStatus.NO_BASELINE: "No baseline",
}

STATUS_RULE = f"""\
How a measure's status is worked out

The trajectory is the straight line from the baseline (its value and date) to the \
target (its value and date), passing through any milestones in date order. The \
latest reading — up to the end of the period being shown — is compared with where \
the line stands on that reading's date:

• Target met: the reading has reached the target (at or above it for an increase, \
at or below it for a decrease).
• On or ahead of trajectory: the reading is on the line or better than it.
• Behind trajectory: worse than the line by no more than a quarter of the whole \
distance from baseline to target.
• Well behind trajectory: worse than the line by more than a quarter of that distance.

A “maintain” measure must stay at or above its target (its baseline when no target \
is given): at or above is Target met, up to {MAINTAIN_TOLERANCE:.0%} below is Behind \
trajectory, further below is Well behind trajectory.

• No reading yet: the measure has a baseline and a target but no reading.
• Target to be set: there is no target value (or, for an increase or decrease, no \
target date), so there is no line to compare with.
• Baseline to be established: there is no baseline value and date yet \
(“baseline and measure to be developed”).

Quarters are the council's financial quarters: Quarter 1 is April to June, so a \
reading for “Q1 2022/23” is the position on 30 June 2022.
"""


@dataclass(frozen=True)
class Milestone:
    """A value the measure should reach by a date on the way to its target."""

    value: float
    due: date
    when: str = ""  # as typed


@dataclass(frozen=True)
class Reading:
    """One figure: the position at the end of the quarter or period ``label`` names."""

    label: str
    as_of: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Measure:
    """A key impact measure, its readings and the actions it belongs to."""

    id: int
    ref: str
    title: str
    unit: str = "count"
    direction: Direction = Direction.INCREASE
    baseline: float | None = None
    baseline_when: str = ""
    baseline_on: date | None = None
    target: float | None = None
    target_when: str = ""
    target_on: date | None = None
    milestones: tuple[Milestone, ...] = ()
    readings: tuple[Reading, ...] = ()  # oldest first
    source: str = ""
    owner: str = ""
    note: str = ""
    action_refs: tuple[str, ...] = ()

    @property
    def has_baseline(self) -> bool:
        return self.baseline is not None and self.baseline_on is not None

    @property
    def goal(self) -> float | None:
        """The value aimed at: the target, or for a maintain measure without one, the baseline."""
        if self.target is not None:
            return self.target
        return self.baseline if self.direction is Direction.MAINTAIN else None

    def readings_up_to(self, as_of: date | None = None) -> tuple[Reading, ...]:
        if as_of is None:
            return self.readings
        return tuple(r for r in self.readings if r.as_of <= as_of)

    def latest(self, as_of: date | None = None) -> Reading | None:
        readings = self.readings_up_to(as_of)
        return readings[-1] if readings else None

    def trajectory(self) -> tuple[tuple[date, float], ...]:
        """The line's corners: baseline, milestones in date order, target. Empty when there is none.

        A maintain measure's line is level at the value it must hold, from the baseline date
        (to the target date, when it has one).
        """
        if not self.has_baseline:
            return ()
        assert self.baseline is not None and self.baseline_on is not None
        goal, start, end = self.goal, self.baseline_on, self.target_on
        if goal is None:
            return ()
        if self.direction is Direction.MAINTAIN:
            return ((start, goal), (end, goal)) if end is not None and end > start else ((start, goal),)
        if end is None or end <= start:
            return ()
        middle = [(m.due, m.value) for m in sorted(self.milestones, key=lambda m: m.due) if start < m.due < end]
        return ((start, self.baseline), *middle, (end, goal))

    def expected_at(self, day: date) -> float | None:
        """Where the trajectory stands on ``day`` (flat before the baseline and after the target)."""
        points = self.trajectory()
        if not points:
            return None
        if day <= points[0][0]:
            return points[0][1]
        for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
            if day <= d1:
                share = (day - d0).days / (d1 - d0).days
                return v0 + (v1 - v0) * share
        return points[-1][1]


@dataclass(frozen=True)
class Assessment:
    """A measure's status as of a day, with the figures it rests on."""

    status: MeasureStatus
    reading: Reading | None = None
    expected: float | None = None  # the trajectory's value on the reading's date
    #: How far the reading is behind the line, as a share of the baseline→target distance
    #: (of the level held, for a maintain measure); zero or less is on or ahead.
    shortfall: float | None = None
    explanation: str = ""


def assess(measure: Measure, as_of: date | None = None) -> Assessment:
    """The measure's status from its latest reading up to ``as_of`` (all readings when None)."""
    if not measure.has_baseline:
        return Assessment(MeasureStatus.NO_BASELINE, measure.latest(as_of),
                          explanation="There is no baseline value and date yet.")
    goal = measure.goal
    if goal is None:
        return Assessment(MeasureStatus.NO_TARGET, measure.latest(as_of),
                          explanation="There is no target value yet.")
    if measure.direction is not Direction.MAINTAIN and not measure.trajectory():
        return Assessment(MeasureStatus.NO_TARGET, measure.latest(as_of),
                          explanation="There is no target date after the baseline yet, so no trajectory.")
    reading = measure.latest(as_of)
    if reading is None:
        return Assessment(MeasureStatus.NO_READING, None, measure.expected_at(as_of) if as_of else None,
                          explanation="There is no reading yet.")
    sign = measure.direction.sign
    value = reading.value
    unit = measure.unit
    said = f"{format_value(value, unit)} ({reading.label})"
    assert measure.baseline is not None
    span = abs(goal - measure.baseline)
    if measure.direction is Direction.MAINTAIN or span < _EPS:
        scale = abs(goal) if abs(goal) > _EPS else 1.0
        short = sign * (goal - value) / scale
        if short <= _EPS:
            return Assessment(MeasureStatus.TARGET_MET, reading, goal, short,
                              f"{said} holds the level of {format_value(goal, unit)}.")
        status = MeasureStatus.BEHIND if short <= MAINTAIN_TOLERANCE + _EPS else MeasureStatus.WELL_BEHIND
        return Assessment(status, reading, goal, short,
                          f"{said} is below the level of {format_value(goal, unit)}.")
    if sign * (value - goal) >= -_EPS:
        return Assessment(MeasureStatus.TARGET_MET, reading, goal, None,
                          f"{said} has reached the target of {format_value(goal, unit)}.")
    expected = measure.expected_at(reading.as_of)
    assert expected is not None
    short = sign * (expected - value) / span
    line = f"the trajectory's {format_value(round_expected(expected), unit)}"
    if short <= _EPS:
        return Assessment(MeasureStatus.ON_TRACK, reading, expected, short, f"{said} is on or better than {line}.")
    status = MeasureStatus.BEHIND if short <= WELL_BEHIND_SHARE + _EPS else MeasureStatus.WELL_BEHIND
    return Assessment(status, reading, expected, short,
                      f"{said} is behind {line} by {short:.0%} of the distance to the target.")


def status_definition(status: MeasureStatus) -> RatingDefinition:
    return STATUS_SCHEME.get(status.value)


# Words -----------------------------------------------------------------------------------


def format_number(value: float | None) -> str:
    """``6132`` → ``6,132``; ``52.5`` → ``52.5``; at most two decimals, no trailing zeros."""
    if value is None:
        return ""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def round_expected(value: float) -> float:
    """A point on the line as people would say it: whole numbers from 100 up, else one decimal."""
    return float(round(value)) if abs(value) >= 100 else round(value, 1)


def format_value(value: float | None, unit: str = "") -> str:
    """A value with its unit: ``52.5%``, ``6,132``, ``64 per month``."""
    if value is None:
        return ""
    number = format_number(value)
    unit = (unit or "").strip()
    if unit == "%":
        return f"{number}%"
    if unit.casefold() in ("", "count", "rate", "number"):
        return number
    return f"{number} {unit}"


def baseline_text(measure: Measure) -> str:
    """``52.5% (June 2021)`` or ``To be established``."""
    if measure.baseline is None:
        return "To be established"
    when = f" ({measure.baseline_when})" if measure.baseline_when else ""
    return f"{format_value(measure.baseline, measure.unit)}{when}"


def target_text(measure: Measure) -> str:
    """``75% by June 2023``, ``Maintain 52``, or ``To be set``."""
    goal = measure.goal
    if goal is None:
        return "To be set"
    value = format_value(goal, measure.unit)
    if measure.direction is Direction.MAINTAIN:
        value = f"Maintain {value}"
    return f"{value} by {measure.target_when}" if measure.target_when else value


def latest_text(reading: Reading | None, unit: str) -> str:
    return f"{format_value(reading.value, unit)} ({reading.label})" if reading else "No reading yet"


@dataclass(frozen=True)
class ChartNumbers:
    """What a measure's small chart draws, the same on screen and on paper."""

    trajectory: tuple[tuple[date, float], ...]
    readings: tuple[tuple[date, float], ...]
    target: tuple[date, float] | None
    start: date | None
    end: date | None
    low: float
    high: float


def chart_numbers(measure: Measure, as_of: date | None = None) -> ChartNumbers:
    """The line, the readings (up to ``as_of``) and the ranges a measure's chart needs."""
    line = measure.trajectory()
    readings = tuple((r.as_of, r.value) for r in measure.readings_up_to(as_of))
    if len(line) == 1 and readings and readings[-1][0] > line[0][0]:  # a level with no end date
        line = (line[0], (readings[-1][0], line[0][1]))
    target = (measure.target_on, measure.goal) if measure.target_on and measure.goal is not None else None
    days = [d for d, _ in line] + [d for d, _ in readings]
    values = [v for _, v in line] + [v for _, v in readings]
    if measure.baseline is not None and measure.baseline_on is None:
        values.append(measure.baseline)
    if measure.goal is not None:
        values.append(measure.goal)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high - low < _EPS:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    else:
        pad = (high - low) * 0.08
        low, high = low - pad, high + pad
    if min(values, default=0.0) >= 0 and low < 0:
        low = 0.0
    if measure.unit == "%" and high > 100 and max(values, default=0.0) <= 100:
        high = 100.0
    return ChartNumbers(line, readings, target, min(days) if days else None,
                        max(days) if days else None, low, high)
