"""Key impact measures: add, edit and delete them, link them to actions, record readings.

Every write is one transaction (or joins the caller's) and leaves an entry in the
audit trail. Bad input is refused with one line that says what to do, before
anything is written: a baseline or target date the app cannot read, a target on
the wrong side of the baseline for the measure's direction, an action the plan
does not have.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, delete, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.measures import Direction, Measure, format_value, parse_direction
from wsoa_desktop.domain.refs import normalise_ref
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.measure_file import measure_document as measure_document
from wsoa_desktop.services.row_versions import claim, claim_existing, read_version, stale
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.measure_reader import read_measures
from wsoa_desktop.store.models import (
    Action,
    ImpactMeasure,
    MeasureAction,
    MeasureMilestone,
    MeasureReading,
    id_of,
    utcnow,
)

ENTITY = "measure"
MAX_REF = 20
DATE_ADVICE = "a month (June 2021), a quarter (Q1 2021/22) or a date (30/06/2021)"


@dataclass
class MeasureFields:
    """What an officer types for a measure."""

    title: str
    unit: str = "count"
    direction: str | Direction = Direction.INCREASE
    baseline: float | None = None
    baseline_when: str = ""
    target: float | None = None
    target_when: str = ""
    milestones: list[tuple[float, str]] = field(default_factory=list)  # (value, when as typed)
    source: str = ""
    owner: str = ""
    note: str = ""
    action_refs: list[str] = field(default_factory=list)


def fields_of(measure: Measure) -> MeasureFields:
    """A measure's fields as the editor shows them."""
    return MeasureFields(measure.title, measure.unit, measure.direction, measure.baseline, measure.baseline_when,
                         measure.target, measure.target_when, [(m.value, m.when) for m in measure.milestones],
                         measure.source, measure.owner, measure.note, list(measure.action_refs))


# Reading ---------------------------------------------------------------------------------


def list_measures(store: Store, plan_id: int) -> list[Measure]:
    with store.reading() as con:
        return read_measures(con.cursor(), plan_id)


def get_measure(store: Store, plan_id: int, ref: str) -> Measure:
    for m in list_measures(store, plan_id):
        if m.ref.casefold() == ref.strip().casefold():
            return m
    raise NotFoundError(f"There is no measure {ref} in this plan.")


def measures_for_action(store: Store, plan_id: int, action_ref: str) -> list[Measure]:
    ref = normalise_ref(action_ref)
    return [m for m in list_measures(store, plan_id) if ref in m.action_refs]


# Checking --------------------------------------------------------------------------------


def _number(value: object, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"The {what} must be a number.")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"The {what} “{value}” is not a number: type digits only, such as 52.5.") from None


@dataclass(frozen=True)
class _Checked:
    title: str
    unit: str
    direction: Direction
    baseline: float | None
    baseline_when: str
    baseline_on: Any
    target: float | None
    target_when: str
    target_on: Any
    milestones: list[tuple[float, str, Any]]
    source: str
    owner: str
    note: str


def check_fields(f: MeasureFields) -> _Checked:
    """The fields as they will be stored, or a ValidationError saying what to fix."""
    title = " ".join((f.title or "").split())
    if not title:
        raise ValidationError("A measure needs a description, such as “EHC plans audited good or better”.")
    direction = parse_direction(f.direction)
    if direction is None:
        raise ValidationError(f"“{f.direction}” is not a direction: choose increase, decrease or maintain.")
    unit = (f.unit or "").strip() or "count"
    baseline = _number(f.baseline, "baseline")
    target = _number(f.target, "target")
    baseline_when = (f.baseline_when or "").strip()
    target_when = (f.target_when or "").strip()
    baseline_on = read_when(baseline_when) if baseline_when else None
    target_on = read_when(target_when) if target_when else None
    if baseline is not None and baseline_on is None:
        raise ValidationError(f"Give the baseline's date as {DATE_ADVICE}"
                              + (f"; “{baseline_when}” is not one." if baseline_when else "."))
    if target_when and target_on is None:
        raise ValidationError(f"Give the target date as {DATE_ADVICE}; “{target_when}” is not one.")
    if baseline is not None and target is not None and direction is not Direction.MAINTAIN:
        word, side = ("increase", "above") if direction is Direction.INCREASE else ("decrease", "below")
        if direction.sign * (target - baseline) <= 0:
            raise ValidationError(
                f"An {word} measure's target ({format_value(target, unit)}) must be {side} its baseline "
                f"({format_value(baseline, unit)}): check the values, or change the direction.")
    if baseline_on is not None and target_on is not None and target_on <= baseline_on:
        raise ValidationError(f"The target date ({target_when}) must be after the baseline date ({baseline_when}).")
    milestones = []
    for value, when in f.milestones:
        number = _number(value, "milestone value")
        when = (when or "").strip()
        if number is None and not when:
            continue
        due = read_when(when)
        if number is None or due is None:
            raise ValidationError(f"A milestone needs a value and a date ({DATE_ADVICE}); check “{when or value}”.")
        if (baseline_on is not None and due <= baseline_on) or (target_on is not None and due >= target_on):
            raise ValidationError(f"The milestone for {when} must fall between the baseline and target dates.")
        milestones.append((number, when, due))
    return _Checked(title, unit, direction, baseline, baseline_when, baseline_on, target, target_when, target_on,
                    milestones, (f.source or "").strip(), (f.owner or "").strip(), (f.note or "").strip())


def _check_ref(ref: str) -> str:
    text = " ".join((ref or "").split())
    if not text:
        raise ValidationError("A measure needs a short name, such as M1, for the performance team's sheet.")
    if len(text) > MAX_REF:
        raise ValidationError(f"Keep a measure's short name to {MAX_REF} characters, such as M1 or EHCP-QA.")
    return text


def _find(s: Session, plan_id: int, ref: str) -> ImpactMeasure:
    row = s.exec(select(ImpactMeasure).where(ImpactMeasure.plan_id == plan_id,
                                             func.lower(ImpactMeasure.ref) == ref.strip().casefold())).first()
    if row is None:
        raise NotFoundError(f"There is no measure {ref} in this plan.")
    return row


def _action_ids(s: Session, plan_id: int, refs: list[str]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for ref in refs:
        text = normalise_ref(ref)
        if not text or any(text == r for r, _ in out):
            continue
        aid = s.exec(select(Action.id).where(Action.plan_id == plan_id, Action.ref == text)).first()
        if aid is None:
            raise ValidationError(f"There is no action {text} in this plan to link the measure to. "
                                  "Check the reference.")
        out.append((text, int(aid)))
    return out


def _free_ref(s: Session, plan_id: int) -> str:
    taken = {r.casefold() for r in s.exec(select(ImpactMeasure.ref).where(ImpactMeasure.plan_id == plan_id))}
    n = len(taken) + 1
    while f"m{n}" in taken:
        n += 1
    return f"M{n}"


def next_ref(store: Store, plan_id: int) -> str:
    """The next free ``M<n>`` name."""
    with store.session() as s:
        return _free_ref(s, plan_id)


# Writing ---------------------------------------------------------------------------------

_STORED = ("title", "unit", "direction", "baseline_value", "baseline_when", "target_value", "target_when",
           "source", "owner", "note")


def _apply(row: ImpactMeasure, c: _Checked) -> None:
    row.title, row.unit, row.direction = c.title, c.unit, c.direction.value
    row.baseline_value, row.baseline_when, row.baseline_on = c.baseline, c.baseline_when, c.baseline_on
    row.target_value, row.target_when, row.target_on = c.target, c.target_when, c.target_on
    row.source, row.owner, row.note = c.source, c.owner, c.note
    row.updated_at = utcnow()


def _set_links(s: Session, measure_id: int, links: list[tuple[str, int]]) -> None:
    s.exec(delete(MeasureAction).where(col(MeasureAction.measure_id) == measure_id))
    for position, (_ref, aid) in enumerate(links):
        s.add(MeasureAction(measure_id=measure_id, action_id=aid, position=position))


def _set_milestones(s: Session, measure_id: int, milestones: list[tuple[float, str, Any]]) -> None:
    s.exec(delete(MeasureMilestone).where(col(MeasureMilestone.measure_id) == measure_id))
    for value, when, due in milestones:
        s.add(MeasureMilestone(measure_id=measure_id, value=value, due_when=when, due_on=due))


def _milestone_text(milestones: list[tuple[float, str, Any]] | list[tuple[float, str]]) -> str:
    return "; ".join(f"{m[0]:g} by {m[1]}" for m in milestones)


def add_measure(store: Store, plan_id: int, fields: MeasureFields, *, ref: str | None = None,
                by: str | None = None, session: Session | None = None) -> str:
    """A new measure; returns its short name (``M<n>`` when none is given)."""
    checked = check_fields(fields)
    name = _check_ref(ref) if ref is not None else None
    by = by or default_user()
    with transaction(store, session) as s:
        if name is None:
            name = _free_ref(s, plan_id)
        clash = s.exec(select(ImpactMeasure.ref).where(ImpactMeasure.plan_id == plan_id,
                                                       func.lower(ImpactMeasure.ref) == name.casefold())).first()
        if clash:
            raise ValidationError(f"There is already a measure called {clash}: choose another short name.")
        links = _action_ids(s, plan_id, fields.action_refs)
        position = s.exec(select(func.count()).select_from(ImpactMeasure)
                          .where(ImpactMeasure.plan_id == plan_id)).one()
        row = ImpactMeasure(plan_id=plan_id, ref=name, title=checked.title, position=int(position))
        _apply(row, checked)
        s.add(row)
        s.flush()
        _set_links(s, id_of(row), links)
        _set_milestones(s, id_of(row), checked.milestones)
        audit.record(s, plan_id, by, ENTITY, name, "title", None, checked.title, "create")
        return name


def update_measure(store: Store, plan_id: int, ref: str, fields: MeasureFields, *, new_ref: str | None = None,
                   by: str | None = None, session: Session | None = None, seen: int | None = None) -> str:
    """Change a measure's fields (and its short name); returns the short name it now has.

    ``seen``: the measure's version the officer edited (one changed since is refused with StaleEdit).
    """
    checked = check_fields(fields)
    by = by or default_user()
    with transaction(store, session) as s:
        row = _find(s, plan_id, ref)
        claim(s, "impact_measure", id_of(row), seen, plan_id=plan_id, ref=row.ref)
        old = {k: getattr(row, k) for k in _STORED}
        old_name = row.ref
        if new_ref is not None and _check_ref(new_ref) != row.ref:
            name = _check_ref(new_ref)
            clash = s.exec(select(ImpactMeasure.ref).where(ImpactMeasure.plan_id == plan_id,
                                                           func.lower(ImpactMeasure.ref) == name.casefold(),
                                                           ImpactMeasure.id != row.id)).first()
            if clash:
                raise ValidationError(f"There is already a measure called {clash}: choose another short name.")
            audit.record(s, plan_id, by, ENTITY, name, "ref", old_name, name)
            row.ref = name
        old_links = _linked_refs(s, id_of(row))
        old_milestones = [(m.value, m.due_when) for m in s.exec(
            select(MeasureMilestone).where(MeasureMilestone.measure_id == row.id)
            .order_by(col(MeasureMilestone.due_on))).all()]
        links = _action_ids(s, plan_id, fields.action_refs)
        _apply(row, checked)
        s.add(row)
        for key in _STORED:
            new = getattr(row, key)
            if new != old[key]:
                audit.record(s, plan_id, by, ENTITY, row.ref, key, old[key], new)
        if [r for r, _ in links] != old_links:
            _set_links(s, id_of(row), links)
            audit.record(s, plan_id, by, ENTITY, row.ref, "actions", old_links, [r for r, _ in links])
        new_milestones = [(v, w) for v, w, _ in checked.milestones]
        if new_milestones != old_milestones:
            _set_milestones(s, id_of(row), checked.milestones)
            audit.record(s, plan_id, by, ENTITY, row.ref, "milestones", _milestone_text(old_milestones),
                         _milestone_text(new_milestones))
        return row.ref


def _linked_refs(s: Session, measure_id: int) -> list[str]:
    rows = s.exec(select(Action.ref, MeasureAction.position).join(MeasureAction, col(MeasureAction.action_id)
                                                                  == col(Action.id))
                  .where(MeasureAction.measure_id == measure_id).order_by(col(MeasureAction.position))).all()
    return [r for r, _ in rows]


def delete_measure(store: Store, plan_id: int, ref: str, *, by: str | None = None,
                   session: Session | None = None, seen: int | None = None) -> None:
    """Delete a measure with its milestones and readings (``seen``: as :func:`update_measure`)."""
    with transaction(store, session) as s:
        row = _find(s, plan_id, ref)
        claim(s, "impact_measure", id_of(row), seen, plan_id=plan_id, ref=row.ref)
        n = s.exec(select(func.count()).select_from(MeasureReading).where(MeasureReading.measure_id == row.id)).one()
        audit.record(s, plan_id, by or default_user(), ENTITY, row.ref, "title", row.title,
                     f"deleted with {n} reading(s)" if n else None, "delete")
        s.delete(row)


def move_measure(store: Store, plan_id: int, ref: str, steps: int, *, by: str | None = None) -> int:
    """Move a measure up (negative) or down the scorecard's order; returns how far it moved."""
    with store.write() as s:
        rows = list(s.exec(select(ImpactMeasure).where(ImpactMeasure.plan_id == plan_id)
                           .order_by(col(ImpactMeasure.position), col(ImpactMeasure.id))).all())
        row = _find(s, plan_id, ref)
        index = [r.id for r in rows].index(row.id)
        target = max(0, min(len(rows) - 1, index + steps))
        if target == index:
            return 0
        rows.insert(target, rows.pop(index))
        for position, r in enumerate(rows):
            r.position = position
            s.add(r)
        audit.record(s, plan_id, by or default_user(), ENTITY, row.ref, "position", index + 1, target + 1)
        return target - index


# Readings --------------------------------------------------------------------------------


def check_reading(label: str, value: object) -> tuple[str, Any, float]:
    """(label as typed, the day it ends, value) or a ValidationError saying what to fix."""
    text = " ".join(str(label or "").split())
    if not text:
        raise ValidationError(f"Say which quarter or period the reading is for: {DATE_ADVICE}.")
    as_of = read_when(text)
    if as_of is None:
        raise ValidationError(f"“{text}” is not a quarter or period the app can read: use {DATE_ADVICE}.")
    number = _number(value, "reading")
    if number is None:
        raise ValidationError(f"The reading for {text} needs a value.")
    return text, as_of, number


def set_reading(store: Store, plan_id: int, ref: str, label: str, value: object, *, note: str = "",
                by: str | None = None, session: Session | None = None, seen: int | None = None) -> float | None:
    """Record (or replace) the reading for the quarter or period ``label``; returns the old value.

    ``seen``: the version of the reading the officer saw (0: there was none); one someone
    else saved since is refused with StaleEdit.
    """
    text, as_of, number = check_reading(label, value)
    by = by or default_user()
    with transaction(store, session) as s:
        row = _find(s, plan_id, ref)
        return _put_reading(s, plan_id, row, text, as_of, number, (note or "").strip(), by, seen)


def _put_reading(s: Session, plan_id: int, row: ImpactMeasure, label: str, as_of: Any, value: float,
                 note: str, by: str, seen: int | None = None) -> float | None:
    existing = s.exec(select(MeasureReading).where(MeasureReading.measure_id == row.id,
                                                   MeasureReading.as_of == as_of)).first()
    changes = existing is None or (existing.value, existing.note, existing.label) != (value, note, label)
    if changes:
        claim_existing(s, "measure_reading", existing.id if existing is not None else None, seen,
                       plan_id=plan_id, ref=row.ref)
        _touch_measure(s, plan_id, row)
    elif seen is not None and (existing.version if existing is not None else 0) != seen:
        raise stale(s, plan_id, row.ref)  # unchanged here, but not what the officer saw
    if existing is None:
        s.add(MeasureReading(measure_id=id_of(row), label=label, as_of=as_of, value=value, note=note, entered_by=by))
        audit.record(s, plan_id, by, ENTITY, row.ref, f"reading {label}", None, format_value(value, row.unit),
                     "create")
        return None
    old = existing.value
    if old != value or existing.note != note or existing.label != label:
        audit.record(s, plan_id, by, ENTITY, row.ref, f"reading {label}", format_value(old, row.unit),
                     format_value(value, row.unit))
        existing.label, existing.value, existing.note = label, value, note
        existing.entered_by, existing.entered_at = by, utcnow()
        s.add(existing)
    return old


def _touch_measure(s: Session, plan_id: int, row: ImpactMeasure) -> None:
    """A reading changed: the measure moves on a version too, so an editor showing the whole
    measure (readings included) is told it changed rather than saving over the new figure."""
    claim(s, "impact_measure", id_of(row), None, plan_id=plan_id, ref=row.ref)


def measure_version(store: Store, plan_id: int, ref: str) -> int:
    """The version of measure ``ref`` now: what an editor showing it names when it saves."""
    with store.session() as s:
        return read_version(s, "impact_measure", id_of(_find(s, plan_id, ref)))


def measure_versions(store: Store, plan_id: int) -> dict[str, int]:
    """Every measure's version now, by short name: read with the list an editor shows."""
    with store.session() as s:
        rows = s.exec(select(ImpactMeasure.ref, ImpactMeasure.version).where(ImpactMeasure.plan_id == plan_id)).all()
        return {str(ref): int(version) for ref, version in rows}


def delete_reading(store: Store, plan_id: int, ref: str, label: str, *, by: str | None = None) -> None:
    as_of = read_when(label)
    with store.write() as s:
        row = _find(s, plan_id, ref)
        existing = s.exec(select(MeasureReading).where(MeasureReading.measure_id == row.id,
                                                       MeasureReading.as_of == as_of)).first() if as_of else None
        if existing is None:
            raise NotFoundError(f"Measure {row.ref} has no reading for {label}.")
        audit.record(s, plan_id, by or default_user(), ENTITY, row.ref, f"reading {existing.label}",
                     format_value(existing.value, row.unit), None, "delete")
        _touch_measure(s, plan_id, row)
        s.delete(existing)


def replace_readings(store: Store, plan_id: int, ref: str, readings: list[tuple[str, object, str]], *,
                     by: str | None = None, session: Session | None = None) -> None:
    """Make a measure's readings exactly ``readings`` ((label, value, note) each), in one transaction.

    The measures editor saves its readings table this way: rows the officer removed are
    deleted, changed ones updated, new ones added, each with its audit entry.
    """
    checked = []
    seen: dict[Any, str] = {}
    for label, value, note in readings:
        text, as_of, number = check_reading(label, value)
        if as_of in seen:
            raise ValidationError(f"“{text}” and “{seen[as_of]}” are the same quarter or period: keep one.")
        seen[as_of] = text
        checked.append((text, as_of, number, (note or "").strip()))
    by = by or default_user()
    with transaction(store, session) as s:
        row = _find(s, plan_id, ref)
        for existing in s.exec(select(MeasureReading).where(MeasureReading.measure_id == row.id)).all():
            if existing.as_of not in seen:
                audit.record(s, plan_id, by, ENTITY, row.ref, f"reading {existing.label}",
                             format_value(existing.value, row.unit), None, "delete")
                _touch_measure(s, plan_id, row)
                s.delete(existing)
        s.flush()
        for text, as_of, number, note in checked:
            _put_reading(s, plan_id, row, text, as_of, number, note, by)


# Plan documents (the sample, plan files and published versions) -----------------------------------------------------


def measure_documents(store: Store, plan_id: int) -> list[dict[str, Any]]:
    """Every measure of the plan in the plan file format (for an export's ``"measures"``)."""
    return [measure_document(m) for m in list_measures(store, plan_id)]


def fields_from_document(d: dict[str, Any]) -> MeasureFields:
    return MeasureFields(
        title=d.get("title", ""), unit=d.get("unit", "count"), direction=d.get("direction", "increase"),
        baseline=d.get("baseline"), baseline_when=d.get("baseline_when", ""), target=d.get("target"),
        target_when=d.get("target_when", ""),
        milestones=[(x.get("value"), x.get("when", "")) for x in d.get("milestones", [])],
        source=d.get("source", ""), owner=d.get("owner", ""), note=d.get("note", ""),
        action_refs=list(d.get("actions", [])))


def _readings_of(d: dict[str, Any]) -> list[tuple[str, object, str]]:
    return [(r.get("label", ""), r.get("value"), r.get("note", "")) for r in d.get("readings", [])]


def put_measure_document(store: Store, plan_id: int, old_ref: str | None, doc: dict[str, Any] | None, *,
                         by: str | None = None, session: Session | None = None,
                         seen: int | None = None) -> str | None:
    """Make measure ``old_ref`` exactly ``doc`` — fields, links, milestones and readings — in one transaction.

    With no ``old_ref`` the measure is added; with no ``doc`` it is deleted. The measures
    editor saves this way, and its undo puts the earlier document back the same way.
    Returns the measure's short name afterwards (None when deleted). ``seen``: the
    measure's version the editor showed (:func:`measure_version`); the measure (its
    fields or any reading) changed since is refused with StaleEdit and nothing is written.
    """
    by = by or default_user()
    with transaction(store, session) as s:
        if doc is None:
            if old_ref is not None:
                delete_measure(store, plan_id, old_ref, by=by, session=s, seen=seen)
            return None
        fields = fields_from_document(doc)
        if old_ref is None:
            ref = add_measure(store, plan_id, fields, ref=doc.get("ref") or None, by=by, session=s)
            position = doc.get("position")
            if isinstance(position, int):
                row = _find(s, plan_id, ref)
                row.position = position
                s.add(row)
        else:
            ref = update_measure(store, plan_id, old_ref, fields, new_ref=doc.get("ref") or old_ref, by=by,
                                 session=s, seen=seen)
        s.flush()
        replace_readings(store, plan_id, ref, _readings_of(doc), by=by, session=s)
        return ref


def add_measure_documents(store: Store, plan_id: int, docs: list[dict[str, Any]], *, by: str | None = None,
                          session: Session | None = None) -> int:
    """Add measures (and their readings) from plan-file entries; all or nothing. Returns how many."""
    by = by or default_user()
    with transaction(store, session) as s:
        for i, d in enumerate(docs, start=1):
            ref = d.get("ref") or f"M{i}"
            try:
                add_measure(store, plan_id, fields_from_document(d), ref=ref, by=by, session=s)
                for label, value, note in _readings_of(d):
                    set_reading(store, plan_id, ref, label, value, note=note, by=by, session=s)
            except ValidationError as exc:
                raise ValidationError(f"Measure {ref}: {exc}") from exc
        return len(docs)


def add_measures_file(store: Store, plan_id: int, path: Path, *, by: str | None = None) -> int:
    """Add the measures listed in a JSON file (``{"measures": [...]}``) to a plan."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    return add_measure_documents(store, plan_id, doc.get("measures", []), by=by)
