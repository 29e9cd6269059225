"""Plans, their rating schemes and their directory of people and teams."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import cast

from sqlmodel import Session, col, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME, RatingScheme
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import (
    Action,
    Person,
    Plan,
    Priority,
    RatingRow,
    RatingSchemeRow,
    ReportingPeriod,
    id_of,
    utcnow,
)
from wsoa_desktop.store.outline_reader import read_scheme, resolve_plan_id


@dataclass(frozen=True)
class PlanSummary:
    id: int
    title: str
    priorities: int
    actions: int
    sub_actions: int
    periods: list[str]


def create_plan(
    store: Store,
    title: str,
    *,
    scheme: RatingScheme = DEFAULT_SCHEME,
    local_area: str = "",
    approved_by: str = "",
    governance: str = "",
    sample_key: str | None = None,
    by: str | None = None,
    session: Session | None = None,
) -> int:
    """A new, empty plan with its own copy of a rating scheme."""
    title = (title or "").strip()
    if not title:
        raise ValidationError("A plan needs a title: type one, such as “Written Statement of Action 2025”.")
    with transaction(store, session) as s:
        plan = Plan(title=title, local_area=local_area, approved_by=approved_by,
                    governance=governance, sample_key=sample_key)
        s.add(plan)
        s.flush()
        scheme_row = RatingSchemeRow(plan_id=id_of(plan), name=scheme.name)
        s.add(scheme_row)
        s.flush()
        for r in scheme.ratings:
            s.add(RatingRow(scheme_id=id_of(scheme_row), name=r.name, meaning=r.meaning,
                            colour=r.colour, text_colour=r.text_colour, position=r.position,
                            synonyms="|".join(r.synonyms), is_complete=r.is_complete,
                            is_not_started=r.is_not_started, severity=r.severity))
        audit.record(s, id_of(plan), by or default_user(), "plan", "", "title", None, title, "create")
        return id_of(plan)


def list_plans(store: Store) -> list[PlanSummary]:
    with store.session() as s:
        plans = s.exec(select(Plan).order_by(col(Plan.id))).all()
        out = []
        for p in plans:
            n_pri = s.exec(select(func.count()).select_from(Priority).where(Priority.plan_id == p.id)).one()
            rows = s.exec(select(Action.level, func.count()).where(Action.plan_id == p.id)
                          .group_by(col(Action.level))).all()
            by_level = dict(rows)
            periods = s.exec(select(ReportingPeriod.label).where(ReportingPeriod.plan_id == p.id)
                             .order_by(col(ReportingPeriod.position))).all()
            out.append(PlanSummary(id_of(p), p.title, int(n_pri), int(by_level.get(2, 0)),
                                   int(by_level.get(3, 0)), list(periods)))
        return out


def get_plan(store: Store, plan_id: int) -> Plan:
    with store.session() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"There is no plan {plan_id} in this database.")
        return plan


def resolve_plan(store: Store, selector: str | int | None) -> int:
    """A plan by id or title; with none given, the only plan there is."""
    with store.reading() as con:
        return resolve_plan_id(con.cursor(), selector)


def rename_plan(store: Store, plan_id: int, title: str, *, by: str | None = None) -> None:
    title = (title or "").strip()
    if not title:
        raise ValidationError("A plan needs a title.")
    with store.write() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"There is no plan {plan_id}.")
        audit.record(s, plan_id, by or default_user(), "plan", "", "title", plan.title, title)
        plan.title = title
        plan.updated_at = utcnow()


def delete_plan(store: Store, plan_id: int) -> None:
    with store.write() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"There is no plan {plan_id}.")
        s.delete(plan)


def load_scheme(s: Session, plan_id: int) -> RatingScheme:
    """The plan's rating scheme, read inside the session's transaction."""
    dbapi = s.connection().connection.dbapi_connection
    assert dbapi is not None
    return read_scheme(cast(sqlite3.Cursor, dbapi.cursor()), plan_id)


def scheme_for(store: Store, plan_id: int) -> RatingScheme:
    with store.session() as s:
        return load_scheme(s, plan_id)


def rating_ids(s: Session, plan_id: int) -> dict[str, int]:
    """Rating name → row id for a plan's scheme."""
    rows = s.exec(select(RatingRow.name, RatingRow.id).join(
        RatingSchemeRow, col(RatingSchemeRow.id) == col(RatingRow.scheme_id))
        .where(RatingSchemeRow.plan_id == plan_id)).all()
    return {name: int(rid) for name, rid in rows if rid is not None}


# People and teams -----------------------------------------------------------------------


def initials_for(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words)[:4]


def ensure_person(
    s: Session, plan_id: int, name: str, *, role: str = "", organisation: str = "",
    initials: str | None = None, is_team: bool = False,
) -> Person:
    """The directory entry for ``name``, created when new (names match exactly)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A lead needs a name.")
    person = s.exec(select(Person).where(Person.plan_id == plan_id, Person.name == name)).first()
    if person is None:
        person = Person(plan_id=plan_id, name=name, role=role, organisation=organisation,
                        initials=initials if initials is not None else ("" if is_team else initials_for(name)),
                        is_team=is_team)
        s.add(person)
        s.flush()
    return person


def people(store: Store, plan_id: int) -> list[Person]:
    with store.session() as s:
        return list(s.exec(select(Person).where(Person.plan_id == plan_id).order_by(col(Person.name))))


def save_person(store: Store, plan_id: int, name: str, *, role: str = "", organisation: str = "",
                initials: str | None = None, is_team: bool = False) -> int:
    with store.write() as s:
        person = ensure_person(s, plan_id, name, role=role, organisation=organisation,
                               initials=initials, is_team=is_team)
        person.role, person.organisation, person.is_team = role, organisation, is_team
        if initials is not None:
            person.initials = initials
        return id_of(person)
