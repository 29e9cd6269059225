"""Adding, editing and deleting priorities, actions and sub-actions.

Every function refuses bad input with a message naming the reference, and takes
an optional session so that a bigger job (an import) can make many edits in one
transaction; on its own each call is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, delete, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.refs import normalise_ref, parent_ref, ref_level, ref_sort_text, split_ref
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, dump_list, load_list, transaction
from wsoa_desktop.services.plans import ensure_person, initials_for
from wsoa_desktop.services.row_versions import claim, read_version
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import (
    Action,
    ActionLead,
    Person,
    Priority,
    TargetRevision,
    id_of,
    utcnow,
)


@dataclass
class ActionFields:
    """What an officer types for an action or sub-action."""

    description: str = ""
    leads: list[str] = field(default_factory=list)
    lead_text: str | None = None  # the Lead cell as written; joined leads when None
    target: str = ""
    outcomes: list[str] = field(default_factory=list)
    impact_measures_heading: str = ""
    impact_measures: list[str] = field(default_factory=list)
    #: Other references the item is written under ("SEND 1 / SEND 4").
    linked_refs: list[str] = field(default_factory=list)


def _checked_ref(ref: str) -> str:
    text = normalise_ref(ref)
    split_ref(text)  # raises with a message when malformed
    return text


def _ref_in_use(s: Session, plan_id: int, ref: str) -> bool:
    if s.exec(select(Priority.id).where(Priority.plan_id == plan_id, Priority.ref == ref)).first():
        return True
    return bool(s.exec(select(Action.id).where(Action.plan_id == plan_id, Action.ref == ref)).first())


def find_priority(s: Session, plan_id: int, ref: str) -> Priority:
    p = s.exec(select(Priority).where(Priority.plan_id == plan_id, Priority.ref == ref)).first()
    if p is None:
        raise NotFoundError(f"There is no priority {ref} in this plan.")
    return p


def find_action(s: Session, plan_id: int, ref: str) -> Action:
    a = s.exec(select(Action).where(Action.plan_id == plan_id, Action.ref == normalise_ref(ref))).first()
    if a is None:
        raise NotFoundError(f"There is no action {ref} in this plan. Check the reference.")
    return a


def add_priority(
    store: Store, plan_id: int, ref: str, title: str, *, area_of_concern: str = "",
    lead_officers: str = "", outcome_statement: str = "", delivery_partners: list[str] | None = None,
    kind: str = "priority", by: str | None = None, session: Session | None = None,
) -> int:
    """A priority ("Priority 1 – EHC Plans"), or with ``kind="section"`` a heading that groups named actions."""
    ref = _checked_ref(ref)
    if ref_level(ref) != 1:
        raise ValidationError(f"Priority {ref}: a priority's reference is one number, such as 2.", ref=ref)
    if not (title or "").strip() and not (area_of_concern or "").strip():
        raise ValidationError(f"Priority {ref} has no title: type one.", ref=ref)
    with transaction(store, session) as s:
        if _ref_in_use(s, plan_id, ref):
            raise ValidationError(f"Reference {ref} is already used in this plan: choose another.", ref=ref)
        p = Priority(plan_id=plan_id, ref=ref, sort_key=ref_sort_text(ref), title=title,
                     area_of_concern=area_of_concern, lead_officers=lead_officers,
                     outcome_statement=outcome_statement,
                     delivery_partners=dump_list(delivery_partners), kind=kind)
        s.add(p)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "priority", ref, "title", None, title, "create")
        return id_of(p)


PRIORITY_FIELDS = ("title", "area_of_concern", "lead_officers", "outcome_statement", "delivery_partners")


def update_priority(store: Store, plan_id: int, ref: str, *, by: str | None = None,
                    session: Session | None = None, seen: int | None = None, **changes: object) -> int:
    """Change a priority's fields; returns its version after the edit.

    ``seen`` is the version the officer edited: a priority someone else changed
    since is refused with :class:`~wsoa_desktop.domain.errors.StaleEdit`.
    """
    unknown = set(changes) - set(PRIORITY_FIELDS)
    if unknown:
        raise ValueError(f"unknown priority fields: {sorted(unknown)}")
    with transaction(store, session) as s:
        p = find_priority(s, plan_id, ref)
        old_of = {name: load_list(p.delivery_partners) if name == "delivery_partners" else getattr(p, name)
                  for name in changes}
        if all(old_of[name] == value for name, value in changes.items()):
            return read_version(s, "priority", id_of(p))
        version = claim(s, "priority", id_of(p), seen, plan_id=plan_id, ref=p.ref)
        for name, value in changes.items():
            old = old_of[name]
            if old == value:
                continue
            if name == "delivery_partners":
                p.delivery_partners = dump_list(value)  # type: ignore[arg-type]
            else:
                setattr(p, name, value)
            audit.record(s, plan_id, by or default_user(), "priority", p.ref, name, old, value)
        if not (p.title.strip() or p.area_of_concern.strip()):
            raise ValidationError(f"Priority {ref} has no title: type one.", ref=ref)
        return version


def _set_leads(s: Session, plan_id: int, action: Action, leads: list[str]) -> None:
    s.exec(delete(ActionLead).where(col(ActionLead.action_id) == action.id))
    seen: set[str] = set()
    for i, name in enumerate(leads):
        name = " ".join(name.split())
        if not name or name in seen:
            continue
        seen.add(name)
        person = ensure_person(s, plan_id, name)
        s.add(ActionLead(action_id=id_of(action), person_id=id_of(person), position=i))


def add_action(
    store: Store, plan_id: int, ref: str, fields: ActionFields, *, by: str | None = None,
    session: Session | None = None, priority_ref: str | None = None,
) -> int:
    """Add an action (``1.1``, under priority 1) or sub-action (``1.1.1``, under 1.1).

    A named action (``SEND 4``) does not say which priority or section it sits
    under: ``priority_ref`` does (by default, the one its named siblings are in).
    """
    ref = _checked_ref(ref)
    level = ref_level(ref)
    if level not in (2, 3):
        raise ValidationError(
            f"{ref}: an action's reference has two parts (1.1) and a sub-action's three (1.1.1).", ref=ref)
    if not fields.description.strip():
        raise ValidationError(f"Action {ref} has no text: type what the action is.", ref=ref)
    with transaction(store, session) as s:
        if _ref_in_use(s, plan_id, ref):
            raise ValidationError(f"Reference {ref} is already used in this plan: choose another.", ref=ref)
        parent = parent_ref(ref) if level == 3 else (parent_ref(ref) or priority_ref
                                                      or _named_siblings_priority(s, plan_id, ref))
        if parent is None:
            raise ValidationError(f"Action {ref}: say which priority or section it goes under.", ref=ref)
        if level == 2:
            priority = s.exec(select(Priority).where(Priority.plan_id == plan_id,
                                                     Priority.ref == parent)).first()
            if priority is None:
                raise ValidationError(f"Action {ref} has no priority {parent}: add priority {parent} first.",
                                      ref=ref)
            priority_id, parent_id = id_of(priority), None
        else:
            parent_action = s.exec(select(Action).where(Action.plan_id == plan_id,
                                                        Action.ref == parent)).first()
            if parent_action is None:
                raise ValidationError(f"Sub-action {ref} has no parent action {parent}: add {parent} first.",
                                      ref=ref)
            priority_id, parent_id = parent_action.priority_id, parent_action.id
        target = parse_target(fields.target)
        lead_text = fields.lead_text if fields.lead_text is not None else "; ".join(fields.leads)
        a = Action(plan_id=plan_id, priority_id=priority_id, parent_id=parent_id, ref=ref,
                   sort_key=ref_sort_text(ref), level=level, description=fields.description,
                   outcomes=dump_list(fields.outcomes),
                   impact_measures_heading=fields.impact_measures_heading,
                   impact_measures=dump_list(fields.impact_measures), lead_text=lead_text,
                   target_text=fields.target or "", target_due=target.due,
                   target_precision=target.precision, linked_refs=dump_list(fields.linked_refs))
        s.add(a)
        s.flush()
        _set_leads(s, plan_id, a, fields.leads)
        audit.record(s, plan_id, by or default_user(), "action", ref, "description", None,
                     fields.description, "create")
        return id_of(a)


def _named_siblings_priority(s: Session, plan_id: int, ref: str) -> str | None:
    """The priority holding the named actions ``ref`` continues ("SEND 10" after "SEND 9"), if just one does."""
    stem = ref.rstrip("0123456789")
    if not stem or stem == ref:
        return None
    found = {p for p, r in s.exec(select(Priority.ref, Action.ref).join(Action, col(Action.priority_id) == col(
        Priority.id)).where(Action.plan_id == plan_id, Action.level == 2)) if r.rstrip("0123456789") == stem}
    return found.pop() if len(found) == 1 else None


def item_version(store: Store, plan_id: int, ref: str) -> int:
    """The version of a priority or action as saved now (what an edit made on it must name)."""
    ref = normalise_ref(ref)
    with store.session() as s:
        if ref_level(ref) == 1:
            return read_version(s, "priority", id_of(find_priority(s, plan_id, ref)))
        return read_version(s, "action", id_of(find_action(s, plan_id, ref)))


def read_action_fields(store: Store, plan_id: int, ref: str) -> ActionFields:
    with store.session() as s:
        a = find_action(s, plan_id, ref)
        return ActionFields(a.description, _lead_names(s, a), a.lead_text, a.target_text,
                            load_list(a.outcomes), a.impact_measures_heading,
                            load_list(a.impact_measures), load_list(a.linked_refs))


def _lead_names(s: Session, a: Action) -> list[str]:
    rows = s.exec(select(Person.name).join(ActionLead, col(ActionLead.person_id) == col(Person.id))
                  .where(ActionLead.action_id == a.id).order_by(col(ActionLead.position))).all()
    return list(rows)


ACTION_FIELDS = ("description", "leads", "lead_text", "outcomes", "impact_measures_heading",
                 "impact_measures")


def _action_value(s: Session, a: Action, name: str) -> object:
    if name == "leads":
        return _lead_names(s, a)
    if name in ("outcomes", "impact_measures"):
        return load_list(getattr(a, name))
    return getattr(a, name)


def update_action(store: Store, plan_id: int, ref: str, *, by: str | None = None,
                  session: Session | None = None, seen: int | None = None, **changes: object) -> int:
    """Change an action's text, leads, outcomes or measures (targets: :func:`change_target`).

    Returns the item's version after the edit. ``seen`` is the version the
    officer edited: an item someone else changed since is refused with
    :class:`~wsoa_desktop.domain.errors.StaleEdit` and nothing is written.
    """
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"unknown action fields: {sorted(unknown)}")
    who = by or default_user()
    with transaction(store, session) as s:
        a = find_action(s, plan_id, ref)
        if all(_action_value(s, a, name) == value for name, value in changes.items()):
            return read_version(s, "action", id_of(a))
        version = claim(s, "action", id_of(a), seen, plan_id=plan_id, ref=a.ref)
        for name, value in changes.items():
            if name == "leads":
                old = _lead_names(s, a)
                if old != value:
                    _set_leads(s, plan_id, a, [str(v) for v in value])  # type: ignore[attr-defined]
                    if "lead_text" not in changes:
                        a.lead_text = "; ".join(value)  # type: ignore[arg-type]
                    audit.record(s, plan_id, who, "action", a.ref, "leads", old, value)
                continue
            if name in ("outcomes", "impact_measures"):
                old = load_list(getattr(a, name))
                if old != value:
                    setattr(a, name, dump_list(value))  # type: ignore[arg-type]
                    audit.record(s, plan_id, who, "action", a.ref, name, old, value)
                continue
            old = getattr(a, name)
            if old != value:
                if name == "description" and not str(value).strip():
                    raise ValidationError(f"Action {a.ref} has no text: type what the action is.",
                                          ref=a.ref)
                setattr(a, name, value)
                audit.record(s, plan_id, who, "action", a.ref, name, old, value)
        return version


def change_target(store: Store, plan_id: int, ref: str, new_text: str, *, reason: str = "",
                  by: str | None = None, session: Session | None = None, seen: int | None = None) -> int:
    """Move a target: the old one is kept as a revision with the reason given.

    Returns the item's new version, or 0 (false) when the text is unchanged. An
    unreadable date is kept as text (``TargetDate.is_parsed`` is False), never
    refused. ``seen``: the item's version the officer saw (a stale one is refused).
    """
    who = by or default_user()
    with transaction(store, session) as s:
        a = find_action(s, plan_id, ref)
        if a.target_text == new_text:
            return 0
        version = claim(s, "action", id_of(a), seen, plan_id=plan_id, ref=a.ref)
        parsed = parse_target(new_text)
        if a.target_text:
            s.add(TargetRevision(action_id=id_of(a), old_text=a.target_text, old_due=a.target_due,
                                 new_text=new_text, new_due=parsed.due, reason=reason, changed_by=who))
        audit.record(s, plan_id, who, "target", a.ref, "target", a.target_text, new_text)
        a.target_text, a.target_due, a.target_precision = new_text, parsed.due, parsed.precision
        return version


def target_revisions(store: Store, plan_id: int, ref: str) -> list[TargetRevision]:
    with store.session() as s:
        a = find_action(s, plan_id, ref)
        return list(s.exec(select(TargetRevision).where(TargetRevision.action_id == a.id)
                           .order_by(col(TargetRevision.id))))


def delete_item(store: Store, plan_id: int, ref: str, *, by: str | None = None,
                session: Session | None = None, seen: int | None = None) -> None:
    """Delete a priority or action with everything under it (the audit trail keeps a record).

    ``seen``: the item's version the officer saw; one someone else changed since
    is refused with :class:`~wsoa_desktop.domain.errors.StaleEdit`.
    """
    who = by or default_user()
    ref = normalise_ref(ref)
    with transaction(store, session) as s:
        if ref_level(ref) == 1:
            p = find_priority(s, plan_id, ref)
            claim(s, "priority", id_of(p), seen, plan_id=plan_id, ref=ref)
            audit.record(s, plan_id, who, "priority", ref, "title", p.title, None, "delete")
            s.delete(p)
        else:
            a = find_action(s, plan_id, ref)
            claim(s, "action", id_of(a), seen, plan_id=plan_id, ref=ref)
            audit.record(s, plan_id, who, "action", ref, "description", a.description, None, "delete")
            s.delete(a)


def add_actions(store: Store, plan_id: int, items: list[tuple[str, ActionFields]], *, by: str | None = None,
                session: Session | None = None, priority_refs: dict[str, str] | None = None) -> int:
    """Add many actions and sub-actions at once (a plan file): the checks of :func:`add_action`, in bulk.

    Every item is checked before anything is written (a reference that is
    malformed, used twice or already in the plan, an item without text or without
    its parent), so a bad file adds nothing. Parents may come earlier in ``items``.
    Rows go in with a few bulk statements: a 5,000-item plan in well under a second.
    ``priority_refs`` says which priority or section each named action (``SEND 4``) is under.
    """
    who = by or default_user()
    priority_of_named = priority_refs or {}
    checked: list[tuple[str, int, ActionFields]] = []
    seen: set[str] = set()
    for raw, fields in items:
        ref = _checked_ref(raw)
        level = ref_level(ref)
        if level not in (2, 3):
            raise ValidationError(f"{ref}: an action's reference has two parts (1.1) and a sub-action's "
                                  "three (1.1.1).", ref=ref)
        if not fields.description.strip():
            raise ValidationError(f"Action {ref} has no text: type what the action is.", ref=ref)
        if ref in seen:
            raise ValidationError(f"Reference {ref} is used twice: each item needs its own.", ref=ref)
        seen.add(ref)
        checked.append((ref, level, fields))
    with transaction(store, session) as s:
        con = s.connection()
        priorities: dict[str, int] = dict(con.exec_driver_sql("SELECT ref, id FROM priority WHERE plan_id = ?",
                                              (plan_id,)).fetchall())
        existing: dict[str, int] = dict(con.exec_driver_sql("SELECT ref, id FROM action WHERE plan_id = ?",
                                            (plan_id,)).fetchall())
        priority_of: dict[str, int] = dict(con.exec_driver_sql("SELECT ref, priority_id FROM action WHERE plan_id = ?",
                                               (plan_id,)).fetchall())
        for ref, level, _ in checked:
            if ref in existing or ref in priorities:
                raise ValidationError(f"Reference {ref} is already used in this plan: choose another.", ref=ref)
            parent = parent_ref(ref) if level == 3 else (parent_ref(ref) or priority_of_named.get(ref))
            if level == 2 and parent is None:
                raise ValidationError(f"Action {ref}: say which priority or section it goes under.", ref=ref)
            if level == 2 and parent not in priorities:
                raise ValidationError(f"Action {ref} has no priority {parent}: add priority {parent} first.",
                                      ref=ref)
            if level == 3 and parent not in existing and parent not in seen:
                raise ValidationError(f"Sub-action {ref} has no parent action {parent}: add {parent} first.",
                                      ref=ref)
        people: dict[str, int] = dict(con.exec_driver_sql("SELECT name, id FROM person WHERE plan_id = ?",
                                                          (plan_id,)).fetchall())
        new_people = list(dict.fromkeys(
            n for _, _, f in checked for n in (" ".join(x.split()) for x in f.leads) if n and n not in people))
        if new_people:
            con.exec_driver_sql("INSERT INTO person (plan_id, name, initials, role, organisation, is_team) "
                                "VALUES (?, ?, ?, '', '', FALSE)", [(plan_id, n, initials_for(n)) for n in new_people])
            people = dict(con.exec_driver_sql("SELECT name, id FROM person WHERE plan_id = ?",
                                              (plan_id,)).fetchall())
        for level in (2, 3):
            rows = []
            for ref, lvl, f in checked:
                if lvl != level:
                    continue
                parent = (parent_ref(ref) if level == 3 else (parent_ref(ref) or priority_of_named[ref])) or ""
                if level == 2:
                    priority_id, parent_id = priorities[parent], None
                else:
                    priority_id, parent_id = priority_of[parent], existing[parent]
                target = parse_target(f.target)
                lead_text = f.lead_text if f.lead_text is not None else "; ".join(f.leads)
                rows.append((plan_id, priority_id, parent_id, ref, ref_sort_text(ref), level, f.description,
                             dump_list(f.outcomes), f.impact_measures_heading, dump_list(f.impact_measures),
                             lead_text, f.target or "", target.due.isoformat() if target.due else None,
                             target.precision, dump_list(f.linked_refs)))
            if rows:
                con.exec_driver_sql(
                    "INSERT INTO action (plan_id, priority_id, parent_id, ref, sort_key, level, description, "
                    "outcomes, impact_measures_heading, impact_measures, lead_text, target_text, target_due, "
                    "target_precision, linked_refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                for ref, aid, pid in con.exec_driver_sql(
                        "SELECT ref, id, priority_id FROM action WHERE plan_id = ? AND level = ?",
                        (plan_id, level)).fetchall():
                    existing[ref], priority_of[ref] = aid, pid
        leads = []
        for ref, _, f in checked:
            done: set[str] = set()
            for position, name in enumerate(f.leads):
                name = " ".join(name.split())
                if name and name not in done:
                    done.add(name)
                    leads.append((existing[ref], people[name], position))
        if leads:
            con.exec_driver_sql("INSERT INTO action_lead (action_id, person_id, position) VALUES (?, ?, ?)",
                                leads)
        now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        if checked:  # (an import of priorities alone has no action: no parameters is not "no rows" here)
            con.exec_driver_sql(
                "INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
                "operation) VALUES (?, ?, ?, 'action', ?, 'description', '', ?, 'create')",
                [(plan_id, now, who, ref, f.description) for ref, _, f in checked])
    return len(checked)
