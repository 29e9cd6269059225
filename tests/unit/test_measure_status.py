"""The trajectory rule: increase and decrease measures, milestones, maintain, missing figures."""

from datetime import date

import pytest

from wsoa_desktop.domain.measures import (
    STATUS_RULE,
    STATUS_SCHEME,
    Direction,
    Measure,
    MeasureStatus,
    Milestone,
    Reading,
    assess,
    baseline_text,
    chart_numbers,
    format_value,
    latest_text,
    parse_direction,
    target_text,
)

S = MeasureStatus


def increase(*readings: tuple[date, float], milestones=()) -> Measure:
    """EHC plans audited good or better: 52.5% (June 2021) → 75% (June 2023)."""
    return Measure(1, "M1", "EHC plans audited good or better", "%", Direction.INCREASE, 52.5, "June 2021",
                   date(2021, 6, 30), 75.0, "June 2023", date(2023, 6, 30), tuple(milestones),
                   tuple(Reading(f"{d:%B %Y}", d, v) for d, v in readings))


def decrease(*readings: tuple[date, float]) -> Measure:
    """Fixed term exclusions – EHCP: 192 (June 2021) → 162 (June 2023)."""
    return Measure(2, "M11", "Fixed term exclusions – EHCP", "count", Direction.DECREASE, 192.0, "June 2021",
                   date(2021, 6, 30), 162.0, "June 2023", date(2023, 6, 30), (),
                   tuple(Reading(f"{d:%B %Y}", d, v) for d, v in readings))


MID = date(2022, 6, 30)  # 365 of 730 days: half way


def test_the_line_runs_from_baseline_to_target():
    m = increase()
    assert m.expected_at(date(2021, 6, 30)) == 52.5
    assert m.expected_at(MID) == pytest.approx(52.5 + 22.5 * 365 / 730)
    assert m.expected_at(date(2020, 1, 1)) == 52.5  # before the baseline: level
    assert m.expected_at(date(2024, 1, 1)) == 75.0  # after the target date: the target


@pytest.mark.parametrize("value, status", [
    (75.0, S.TARGET_MET),
    (80.0, S.TARGET_MET),
    (64.0, S.ON_TRACK),   # the line stands at 63.75 half way
    (63.75, S.ON_TRACK),
    (63.7, S.BEHIND),     # any amount short of the line is behind
    (60.0, S.BEHIND),     # 3.75 short = 16.7% of the 22.5-point journey
    (58.2, S.BEHIND),     # 5.55 short = 24.7%
    (58.0, S.WELL_BEHIND),  # 5.75 short = 25.6%
    (50.0, S.WELL_BEHIND),  # worse than the baseline
])
def test_increase_measure_half_way(value, status):
    a = assess(increase((MID, value)))
    assert a.status is status
    assert a.reading.value == value


@pytest.mark.parametrize("value, status", [
    (162.0, S.TARGET_MET),
    (150.0, S.TARGET_MET),
    (176.0, S.ON_TRACK),   # the line stands at 177.0 half way
    (180.0, S.BEHIND),     # 3 short of the line = 10% of the 30 journey
    (185.0, S.WELL_BEHIND),  # 8 short = 26.7%
    (200.0, S.WELL_BEHIND),
])
def test_decrease_measure_half_way(value, status):
    assert assess(decrease((MID, value))).status is status


def test_shortfall_and_expected_value_are_reported():
    a = assess(decrease((MID, 180.0)))
    assert a.expected == pytest.approx(192 - 30 * 365 / 730)
    assert a.shortfall == pytest.approx((180.0 - a.expected) / 30)
    assert "behind" in a.explanation and "180 (June 2022)" in a.explanation


def test_the_latest_reading_counts_and_an_as_of_day_ignores_later_ones():
    m = increase((date(2021, 12, 31), 50.0), (MID, 70.0))
    assert assess(m).status is S.ON_TRACK
    assert assess(m, as_of=date(2022, 3, 31)).status is S.WELL_BEHIND
    assert assess(m, as_of=date(2021, 9, 30)).status is S.NO_READING


def test_milestones_bend_the_line():
    # A slow first year (milestone 55% by June 2022), then the rest.
    m = increase((MID, 56.0), milestones=[Milestone(55.0, date(2022, 6, 30), "June 2022")])
    assert m.trajectory() == ((date(2021, 6, 30), 52.5), (date(2022, 6, 30), 55.0), (date(2023, 6, 30), 75.0))
    assert m.expected_at(MID) == 55.0
    assert assess(m).status is S.ON_TRACK  # against the straight line it would be Well behind
    assert assess(increase((MID, 56.0))).status is S.WELL_BEHIND
    later = increase((date(2022, 12, 31), 60.0), milestones=[Milestone(55.0, date(2022, 6, 30), "June 2022")])
    assert later.expected_at(date(2022, 12, 31)) == pytest.approx(55 + 20 * 184 / 365)
    assert assess(later).status is S.BEHIND


def test_missing_readings_and_missing_baseline_or_target():
    assert assess(increase()).status is S.NO_READING
    no_baseline = Measure(3, "M17", "EHCP requests at panel with full evidence", "%", Direction.INCREASE,
                          readings=(Reading("Q1 2022/23", MID, 40.0),))
    a = assess(no_baseline)
    assert a.status is S.NO_BASELINE and a.reading is not None  # a reading alone draws no line
    no_target = Measure(4, "M5", "Mediations", "count", Direction.DECREASE, 16.0, "June 2021", date(2021, 6, 30))
    assert assess(no_target).status is S.NO_TARGET
    no_date = Measure(5, "M6", "Tribunals", "count", Direction.DECREASE, 8.0, "June 2021", date(2021, 6, 30),
                      5.0, "", None, readings=(Reading("Q1 2022/23", MID, 7.0),))
    assert assess(no_date).status is S.NO_TARGET
    assert no_date.trajectory() == ()


def test_maintain_measures_hold_a_level():
    def maintain(value: float, target: float | None = None) -> Measure:
        return Measure(6, "M4", "Plans ceased: outcomes achieved", "count", Direction.MAINTAIN, 52.0,
                       "June 2021", date(2021, 6, 30), target, "", None,
                       readings=(Reading("Q1 2022/23", MID, value),))
    assert assess(maintain(52.0)).status is S.TARGET_MET
    assert assess(maintain(60.0)).status is S.TARGET_MET
    assert assess(maintain(50.0)).status is S.BEHIND       # 3.8% below
    assert assess(maintain(49.0)).status is S.WELL_BEHIND  # 5.8% below
    assert assess(maintain(99.0, target=100.0)).status is S.BEHIND
    assert maintain(52.0).trajectory() == ((date(2021, 6, 30), 52.0),)
    assert chart_numbers(maintain(52.0)).trajectory == ((date(2021, 6, 30), 52.0), (MID, 52.0))


def test_statuses_are_a_scheme_with_names_and_colours_and_the_rule_names_them_all():
    for status in MeasureStatus:
        d = STATUS_SCHEME.get(status.value)
        assert d.colour.startswith("#") and d.text_colour.startswith("#")
        assert status.value in STATUS_RULE
    assert STATUS_SCHEME.get("Target met").colour == "#1F5FAD"  # Blue, as a complete rating
    assert "30 June 2022" in STATUS_RULE


def test_words():
    m = increase((MID, 60.0))
    assert baseline_text(m) == "52.5% (June 2021)"
    assert target_text(m) == "75% by June 2023"
    assert latest_text(m.latest(), m.unit) == "60% (June 2022)"
    assert latest_text(None, "%") == "No reading yet"
    assert format_value(6132, "count") == "6,132"
    assert format_value(64, "per month") == "64 per month"
    assert format_value(27.1, "%") == "27.1%" and format_value(2.0 / 3, "%") == "0.67%"
    assert baseline_text(Measure(1, "M", "x")) == "To be established"
    assert target_text(Measure(1, "M", "x")) == "To be set"
    assert parse_direction("Reduce") is Direction.DECREASE and parse_direction("sideways") is None


def test_chart_numbers_cover_line_and_readings():
    c = chart_numbers(increase((MID, 60.0), (date(2022, 9, 30), 81.0)))
    assert c.start == date(2021, 6, 30) and c.end == date(2023, 6, 30)
    assert c.low <= 52.5 and 81.0 <= c.high <= 100.0
    assert c.target == (date(2023, 6, 30), 75.0)
    assert [v for _, v in c.readings] == [60.0, 81.0]
    assert chart_numbers(increase((MID, 60.0)), as_of=date(2022, 1, 1)).readings == ()
