"""The plan's people list: leads and owners with their initials, role and organisation.

Action leads point at these entries, so renaming someone here renames them on
every item they lead. Initials are how the 2017-style plans name owners ("PW",
"PW(EY)"), so two people may not share them once the officer has set them.
Someone who still leads items cannot be removed: the items would lose their
lead without anyone noticing. Every write is one transaction with its audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Action, ActionLead, Person, id_of

MAX_INITIALS = 12


@dataclass(frozen=True)
class PersonFields:
    name: str
    initials: str = ""
    role: str = ""
    organisation: str = ""
    is_team: bool = False


@dataclass(frozen=True)
class PersonView(PersonFields):
    id: int = 0
    leads: int = 0  # how many items name them as lead
    #: The saved row's version: what an edit made on this view names as seen (two officers at once).
    version: int = 0

    def fields(self) -> PersonFields:
        return PersonFields(self.name, self.initials, self.role, self.organisation, self.is_team)


def _tidy(fields: PersonFields) -> PersonFields:
    name = " ".join((fields.name or "").split())
    if not name:
        raise ValidationError("Type the person's (or team's) name.")
    initials = "".join((fields.initials or "").split())
    if len(initials) > MAX_INITIALS:
        raise ValidationError(f"Initials are up to {MAX_INITIALS} characters, such as JD or PW(EY).")
    return PersonFields(name, initials, " ".join(fields.role.split()), " ".join(fields.organisation.split()),
                        bool(fields.is_team))


def _lead_counts(s: Session, plan_id: int) -> dict[int, int]:
    rows = s.exec(select(ActionLead.person_id, func.count()).join(Action, col(Action.id) == col(ActionLead.action_id))
                  .where(Action.plan_id == plan_id).group_by(col(ActionLead.person_id))).all()
    return {int(pid): int(n) for pid, n in rows}


def list_people(store: Store, plan_id: int) -> list[PersonView]:
    """Everyone in the plan's list, by name, with how many items each leads."""
    with store.session() as s:
        counts = _lead_counts(s, plan_id)
        rows = s.exec(select(Person).where(Person.plan_id == plan_id).order_by(col(Person.name))).all()
        return [PersonView(p.name, p.initials, p.role, p.organisation, bool(p.is_team), id_of(p),
                           counts.get(id_of(p), 0), p.version) for p in rows]


def _clashes(s: Session, plan_id: int, fields: PersonFields, person_id: int | None, check_initials: bool) -> None:
    for p in s.exec(select(Person).where(Person.plan_id == plan_id, Person.id != (person_id or -1))):
        if p.name.casefold() == fields.name.casefold():
            raise ValidationError(f"{p.name} is already in the people list: edit that entry instead.")
        if check_initials and fields.initials and p.initials.casefold() == fields.initials.casefold():
            raise ValidationError(f"{p.name} already has the initials {p.initials}: give {fields.name} "
                                  "different ones, so owners named by initials are never confused.")


def _summary(f: PersonFields) -> str:
    return ", ".join(x for x in (f.initials, f.role, f.organisation, "team" if f.is_team else "") if x)


def add_person(store: Store, plan_id: int, fields: PersonFields, *, by: str | None = None) -> int:
    fields = _tidy(fields)
    with store.write() as s:
        _clashes(s, plan_id, fields, None, True)
        p = Person(plan_id=plan_id, name=fields.name, initials=fields.initials, role=fields.role,
                   organisation=fields.organisation, is_team=fields.is_team)
        s.add(p)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "person", "", fields.name, None, _summary(fields), "create")
        return id_of(p)


def update_person(store: Store, plan_id: int, person_id: int, fields: PersonFields, *,
                  by: str | None = None, seen: int | None = None) -> int:
    """Change someone's entry; a new name shows on every item they lead. Returns the entry's new version.

    ``seen``: the version the officer edited (one changed since is refused with StaleEdit).
    """
    fields = _tidy(fields)
    with store.write() as s:
        p = s.get(Person, person_id)
        if p is None or p.plan_id != plan_id:
            raise NotFoundError("That person is no longer in the people list: it may have been removed.")
        version = claim(s, "person", person_id, seen, plan_id=plan_id, ref="", entity="person", label=p.name)
        _clashes(s, plan_id, fields, person_id, fields.initials.casefold() != p.initials.casefold())
        who = by or default_user()
        for name, old, new in (("name", p.name, fields.name), ("initials", p.initials, fields.initials),
                               ("role", p.role, fields.role), ("organisation", p.organisation, fields.organisation),
                               ("team", str(p.is_team), str(fields.is_team))):
            if old != new:
                audit.record(s, plan_id, who, "person", "", f"{fields.name}: {name}", old, new)
        p.name, p.initials, p.role = fields.name, fields.initials, fields.role
        p.organisation, p.is_team = fields.organisation, fields.is_team
        s.add(p)
        return version


def remove_person(store: Store, plan_id: int, person_id: int, *, by: str | None = None,
                  seen: int | None = None) -> PersonFields:
    """Take someone off the list (not while they lead items); returns their entry so it can be put back."""
    with store.write() as s:
        p = s.get(Person, person_id)
        if p is None or p.plan_id != plan_id:
            raise NotFoundError("That person is no longer in the people list.")
        claim(s, "person", person_id, seen, plan_id=plan_id, ref="", entity="person", label=p.name)
        refs = s.exec(select(Action.ref).join(ActionLead, col(ActionLead.action_id) == col(Action.id))
                      .where(ActionLead.person_id == person_id).order_by(col(Action.sort_key))).all()
        if refs:
            shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")
            raise ValidationError(f"{p.name} leads {len(refs)} item{'s' if len(refs) != 1 else ''} ({shown}): "
                                  "give those items another lead first, then remove them from the list.")
        was = PersonFields(p.name, p.initials, p.role, p.organisation, bool(p.is_team))
        audit.record(s, plan_id, by or default_user(), "person", "", p.name, _summary(was), None, "delete")
        s.delete(p)
        return was
