"""The tables. One SQLite file holds every plan.

Priorities and actions have their own tables because they carry different
fields; actions nest by ``parent_id`` (an action ``1.1`` has none, a sub-action
``1.1.1`` points at its action). ``sort_key`` holds the reference in a form that
sorts naturally, so ``1.2.10`` follows ``1.2.9`` in SQL too.

Lists of short texts (outcomes, impact measures, delivery partners) are kept as
JSON text: they are read and written whole, never queried item by item.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def id_of(row: SQLModel) -> int:
    """The primary key of a row that has been flushed (a row not yet written has none)."""
    value = getattr(row, "id", None)
    if value is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet: flush the session first")
    return int(value)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Column:  # type: ignore[type-arg]
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index)


class Versioned(SQLModel):
    """A row an officer edits: ``version`` counts its saved changes (1 when written).

    An edit names the version the officer saw and moves it on in the same write,
    so a stale save (someone else changed the row since) is refused, never
    silently overwritten: :mod:`wsoa_desktop.services.row_versions`. The database
    gives new rows 1 itself, so bulk inserts in plain SQL need not name it.
    """

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Plan(Versioned, table=True):
    __tablename__ = "plan"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    local_area: str = ""
    approved_by: str = ""
    governance: str = ""
    sample_key: Optional[str] = Field(default=None, index=True)  # set on the bundled sample
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class RatingSchemeRow(Versioned, table=True):
    __tablename__ = "rating_scheme"
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"),
                                          nullable=False, unique=True))
    name: str


class RatingRow(Versioned, table=True):
    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("scheme_id", "name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    scheme_id: int = Field(sa_column=_fk("rating_scheme.id"))
    name: str
    meaning: str = ""
    colour: str = "#FFFFFF"
    text_colour: str = "#000000"
    position: int = 0
    synonyms: str = ""  # "|"-separated
    is_complete: bool = False
    is_not_started: bool = False
    severity: int = 0


class Person(Versioned, table=True):
    """Someone, or a team, who leads actions."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    name: str
    initials: str = ""
    role: str = ""
    organisation: str = ""
    is_team: bool = False


class Priority(Versioned, table=True):
    __tablename__ = "priority"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    ref: str
    sort_key: str = Field(index=True)
    title: str = ""
    area_of_concern: str = ""
    lead_officers: str = ""
    outcome_statement: str = ""
    delivery_partners: str = "[]"  # JSON list
    #: "priority" (numbered, "Priority 1 – EHC Plans") or "section" (a heading such as
    #: "PEER REVIEW MEASURES" that groups a plan's named actions).
    kind: str = Field(default="priority", sa_column_kwargs={"server_default": "priority"})


class Action(Versioned, table=True):
    """An action (``1.1``) or a sub-action (``1.1.1``)."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    priority_id: int = Field(sa_column=_fk("priority.id"))
    parent_id: Optional[int] = Field(default=None, sa_column=_fk("action.id", nullable=True))
    ref: str
    sort_key: str = Field(index=True)
    level: int = 2
    description: str = ""
    outcomes: str = "[]"  # JSON list
    impact_measures_heading: str = ""
    impact_measures: str = "[]"  # JSON list
    lead_text: str = ""  # the Lead cell as written
    target_text: str = ""  # as typed
    target_due: Optional[date] = None  # parsed, when the text is a date
    target_precision: Optional[str] = None
    #: Other references the action is written under ("SEND 1 / SEND 4"), JSON list.
    linked_refs: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})


class ActionLead(SQLModel, table=True):
    __tablename__ = "action_lead"
    action_id: int = Field(sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"),
                                            primary_key=True))
    person_id: int = Field(sa_column=Column(Integer, ForeignKey("person.id", ondelete="CASCADE"),
                                            primary_key=True, index=True))
    position: int = 0


class TargetRevision(Versioned, table=True):
    """A target date that was changed: the old one and why."""

    __tablename__ = "target_revision"
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(sa_column=_fk("action.id"))
    old_text: str
    old_due: Optional[date] = None
    new_text: str
    new_due: Optional[date] = None
    reason: str = ""
    changed_by: str = ""
    changed_at: datetime = Field(default_factory=utcnow)


class Subgroup(Versioned, table=True):
    """A workstream subgroup (or board) with chairs and members."""

    __tablename__ = "subgroup"
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    priority_id: Optional[int] = Field(default=None, sa_column=_fk("priority.id", nullable=True))
    kind: str = "subgroup"  # "subgroup", "board" or "committee"
    name: str
    note: str = ""
    position: int = 0
    #: The board whose approval closes an action (Blue); sign-off offers it first.
    signs_off: bool = False


class SubgroupMember(Versioned, table=True):
    __tablename__ = "subgroup_member"
    id: Optional[int] = Field(default=None, primary_key=True)
    subgroup_id: int = Field(sa_column=_fk("subgroup.id"))
    text: str  # "Julie Day, Head of Service Inclusion" as written
    role: str = ""
    is_chair: bool = False
    position: int = 0


class ReportingPeriod(Versioned, table=True):
    __tablename__ = "reporting_period"
    __table_args__ = (UniqueConstraint("plan_id", "label"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    label: str
    position: int = 0  # order of periods within the plan
    starts_on: Optional[date] = None
    is_closed: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class StatusUpdate(Versioned, table=True):
    """One action's rating and progress in one period."""

    __tablename__ = "status_update"
    __table_args__ = (UniqueConstraint("action_id", "period_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(sa_column=_fk("action.id"))
    period_id: int = Field(sa_column=_fk("reporting_period.id"))
    rating_id: Optional[int] = Field(default=None, sa_column=Column(
        Integer, ForeignKey("rating.id", ondelete="RESTRICT"), nullable=True))
    progress: str = ""
    reason: str = ""
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow)
    carried_forward: bool = False  # copied from the previous period, not yet updated
    #: Words written beside the rating ("On track", "Behind Schedule"), as typed.
    status_text: str = Field(default="", sa_column_kwargs={"server_default": ""})


class ProgressEntry(SQLModel, table=True):
    """A dated progress entry from a plan's papers ("03/04/17 – group convened"), kept as history."""

    __tablename__ = "progress_entry"
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(sa_column=_fk("action.id"))
    on_date: Optional[date] = None  # parsed, when the date could be read
    date_text: str = ""  # as written
    text: str = ""
    position: int = 0


class SignOff(Versioned, table=True):
    """Approval to close (Blue) from the body that gives it."""

    __tablename__ = "sign_off"
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(sa_column=_fk("action.id"))
    period_id: Optional[int] = Field(default=None, sa_column=_fk("reporting_period.id",
                                                                  nullable=True))
    body: str = ""  # the approving board, as named in the plan's boards
    approved_on: Optional[date] = None
    minute_ref: str = ""
    recorded_by: str = ""
    recorded_at: datetime = Field(default_factory=utcnow)


class Evidence(Versioned, table=True):
    __tablename__ = "evidence"
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(sa_column=_fk("action.id"))
    title: str = ""
    filename: str = ""
    content: Optional[bytes] = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    size: int = 0
    link: str = ""
    added_by: str = ""
    added_at: datetime = Field(default_factory=utcnow)


class PlanVersion(SQLModel, table=True):
    """A published, immutable snapshot of the whole plan and its ratings."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    number: int
    published_at: datetime = Field(default_factory=utcnow)
    published_by: str = ""
    summary: str = ""
    period_label: str = ""
    snapshot: str = "{}"  # JSON document in the plan file format ("" for a recorded line)
    sha256: str = ""
    #: "" when published in this app; otherwise where a line of an imported version-history
    #: table came from. Such a version has no snapshot.
    source: str = Field(default="", sa_column_kwargs={"server_default": ""})


class AuditEntry(SQLModel, table=True):
    """Append-only record of a change: who, when, what, old and new value."""

    __tablename__ = "audit_entry"
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    at: datetime = Field(default_factory=utcnow, index=True)
    by: str = ""
    entity: str = ""  # "action", "priority", "status", "target", "sign_off", …
    ref: str = Field(default="", index=True)
    field_name: str = ""
    old_value: str = ""
    new_value: str = ""
    operation: str = "update"  # create, update, delete


class Meeting(Versioned, table=True):
    """A date in the governance calendar, the reports it needs, and what it decided.

    The covering report's purpose, recommendations and background papers are
    kept with the meeting they go to, so a redraft keeps the officer's words.
    """

    __tablename__ = "meeting"
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    body: str
    held_on: date
    reports: str = ""  # JSON list
    for_whom: str = ""
    note: str = ""
    outcome: str = ""  # the minute, as written
    decisions: str = "[]"  # JSON list
    purpose: str = ""  # the covering report's purpose ("" = drafted from the plan)
    recommendations: str = "[]"  # JSON list ([] = drafted)
    background_papers: str = "[]"  # JSON list


class ImpactMeasure(Versioned, table=True):
    """A key impact measure: baseline, target and the direction it should move.

    Dates are kept as typed (``*_when``: “June 2021”, “Q1 2021/22”) with the day they
    fall on beside them (``*_on``), as target dates are. A baseline still “to be
    established” has no value.
    """

    __tablename__ = "impact_measure"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_fk("plan.id"))
    ref: str  # short name the performance team's sheet uses, such as "M1"
    title: str
    unit: str = "count"  # "%", "count", "rate" or words such as "per month"
    direction: str = "increase"  # "increase", "decrease" or "maintain"
    baseline_value: Optional[float] = None
    baseline_when: str = ""
    baseline_on: Optional[date] = None
    target_value: Optional[float] = None
    target_when: str = ""
    target_on: Optional[date] = None
    source: str = ""
    owner: str = ""
    note: str = ""
    position: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class MeasureMilestone(Versioned, table=True):
    """A value a measure should reach by a date on the way to its target."""

    __tablename__ = "measure_milestone"
    id: Optional[int] = Field(default=None, primary_key=True)
    measure_id: int = Field(sa_column=_fk("impact_measure.id"))
    value: float
    due_when: str = ""
    due_on: date


class MeasureAction(SQLModel, table=True):
    """A measure belongs to one or more actions (the seed repeats measures under several)."""

    __tablename__ = "measure_action"
    measure_id: int = Field(sa_column=Column(Integer, ForeignKey("impact_measure.id", ondelete="CASCADE"),
                                             primary_key=True))
    action_id: int = Field(sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"),
                                            primary_key=True, index=True))
    position: int = 0


class MeasureReading(Versioned, table=True):
    """One figure for a measure: the position at the end of a quarter or reporting period."""

    __tablename__ = "measure_reading"
    __table_args__ = (UniqueConstraint("measure_id", "as_of"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    measure_id: int = Field(sa_column=_fk("impact_measure.id"))
    label: str  # as typed: "Q2 2022/23", "August 2022"
    as_of: date  # the day that label ends
    value: float
    note: str = ""
    entered_by: str = ""
    entered_at: datetime = Field(default_factory=utcnow)
