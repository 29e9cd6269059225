"""The plan as a JSON document: the bundled sample, ``export plan.json`` and snapshots.

One format serves all three, so a sample, an export and a published version read
back the same way. ``export plan.json`` writes the *whole* plan (``whole=True``):
besides the structure and every period's ratings it holds the evidence (links,
and files as base64), the governance calendar and the published versions with
their snapshots, so a plan moves between databases with nothing lost; snapshots
leave those out (a version does not contain the versions before it). The key
impact measures, with their milestones, readings and actions, are in both, so a
version's scorecard prints the readings that were published. Keys added since
format version 1 are optional, so an older document still loads. Loading goes
through the same services an officer's edits use,
inside one transaction: a bad document adds nothing. Ratings are history here:
they are recorded as the document has them (who, when, reason, carried forward)
by :func:`services.status.record_history`, so a published version loads back
exactly as it was published.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from wsoa_desktop import __version__
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import ActionNode, PriorityNode
from wsoa_desktop.domain.rating_schemes import (
    BUILTIN_SCHEMES,
    DEFAULT_SCHEME,
    RatingDefinition,
    RatingScheme,
)
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.domain.times import read_day, read_time
from wsoa_desktop.services import periods as periods_service
from wsoa_desktop.services import plan_history, plan_items, plan_parts, plans, status
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import (
    Person,
    Plan,
    ReportingPeriod,
    SignOff,
    TargetRevision,
    utcnow,
)
from wsoa_desktop.store.outline_reader import read_all_statuses, read_outline

FORMAT = "wsoa-desktop-plan"
FORMAT_VERSION = 1


def _scheme_from(doc: dict[str, Any]) -> RatingScheme:
    raw = doc.get("rating_scheme")
    if not raw:
        return DEFAULT_SCHEME
    if isinstance(raw, str):
        return BUILTIN_SCHEMES.get(raw, DEFAULT_SCHEME)
    ratings = tuple(
        RatingDefinition(r["name"], r.get("meaning", ""), r.get("colour", "#FFFFFF"),
                         r.get("text_colour", "#000000"), i, tuple(r.get("synonyms", [])),
                         bool(r.get("is_complete")), int(r.get("severity", i)),
                         bool(r.get("is_not_started")))
        for i, r in enumerate(raw.get("ratings", [])))
    return RatingScheme(raw.get("name", "Custom"), ratings) if ratings else DEFAULT_SCHEME


def load_document(store: Store, doc: dict[str, Any], *, by: str | None = None,
                  sample_key: str | None = None, title: str | None = None) -> int:
    """Create a plan from a document; returns its id. All or nothing."""
    if doc.get("format") != FORMAT:
        raise ValidationError("This is not a WSOA Desktop plan file (its “format” is missing or "
                              "different). Choose a file exported by WSOA Desktop.")
    if int(doc.get("format_version", 0)) > FORMAT_VERSION:
        raise ValidationError("This plan file was written by a newer WSOA Desktop. Update the app.")
    try:
        return _load(store, doc, by=by, sample_key=sample_key, title=title)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(f"This plan file is incomplete or damaged (an entry lacks {exc}), so nothing was "
                              "imported. Export the plan again from WSOA Desktop.") from exc


def _load(store: Store, doc: dict[str, Any], *, by: str | None, sample_key: str | None,
          title: str | None) -> int:
    meta = doc.get("plan", {})
    with store.write() as s:
        plan_id = plans.create_plan(
            store, title or meta.get("title", ""), scheme=_scheme_from(doc),
            local_area=meta.get("local_area", ""), approved_by=meta.get("approved_by", ""),
            governance=meta.get("governance", ""), sample_key=sample_key, by=by, session=s)
        for person in doc.get("people", []):
            plans.ensure_person(s, plan_id, person["name"], role=person.get("role", ""),
                                organisation=person.get("organisation", ""),
                                initials=person.get("initials"), is_team=bool(person.get("is_team")))
        for p in doc.get("priorities", []):
            plan_items.add_priority(
                store, plan_id, p["ref"], p.get("title", ""), area_of_concern=p.get("area_of_concern", ""),
                lead_officers=p.get("lead_officers", ""), outcome_statement=p.get("outcome_statement", ""),
                delivery_partners=p.get("delivery_partners", []), kind=p.get("kind", "priority"), by=by,
                session=s)
        plan_items.add_actions(store, plan_id, [(a["ref"], _action_fields(a)) for a in _action_docs(doc)],
                               by=by, session=s, priority_refs={a["ref"]: p["ref"] for p in doc.get("priorities", [])
                                                              for a in p.get("actions", [])})
        _add_groups(s, plan_id, doc)
        _add_measures(store, s, plan_id, doc, by)
        ids = _action_ids(s, plan_id)
        when: dict[str, datetime | None] = {}
        for period in doc.get("periods", []):
            periods_service.add_period(store, plan_id, period["label"], by=by, session=s)
            status.record_history(store, plan_id, period["label"],
                                  [_historic(u, when) for u in period.get("updates", [])], by=by,
                                  session=s, itemised=False, action_ids=ids)
        _add_target_history(s, plan_id, doc)
        _add_sign_offs(s, plan_id, doc)
        plan_history.record_progress_entries(s, plan_id, [
            plan_history.DatedEntry(a["ref"], e.get("date", ""), read_day(e.get("on")), e.get("text", ""))
            for a in _action_docs(doc) for e in a.get("progress_history", [])])
        plan_parts.add_evidence(s, plan_id, doc.get("evidence", []))
        plan_parts.add_versions(s, plan_id, doc.get("versions", []))
        for period in doc.get("periods", []):
            if period.get("closed"):
                periods_service.find_period(s, plan_id, period["label"]).is_closed = True
        return plan_id


def _when(value: object) -> datetime | None:
    """A document's time; one without an offset is UTC, as the database keeps times."""
    found = read_time(value)
    if found is not None and found.tzinfo is None:
        found = found.replace(tzinfo=timezone.utc)
    return found


def _historic(u: dict[str, Any], when: dict[str, datetime | None]) -> status.HistoricStatus:
    """A document's update as history: who, when, the reason and the carried-forward flag kept.

    ``when`` caches the times read (a long history repeats the same few thousand).
    """
    at = str(u.get("at") or "")
    if at not in when:
        when[at] = _when(at)
    return status.HistoricStatus(u["ref"], u.get("rating") or None, u.get("progress", ""),
                                 u.get("reason", ""), u.get("by", ""), when[at],
                                 bool(u.get("carried_forward")), u.get("status_text", ""))


def _walk_docs(actions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for a in actions:
        yield a
        yield from _walk_docs(a.get("sub_actions", []))


def _action_docs(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for p in doc.get("priorities", []):
        yield from _walk_docs(p.get("actions", []))


def _action_ids(s: Session, plan_id: int) -> dict[str, int]:
    return dict(s.connection().exec_driver_sql("SELECT ref, id FROM action WHERE plan_id = ?",
                                               (plan_id,)).fetchall())


def _add_target_history(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    """Each action's target revisions, as the document records them (oldest first)."""
    ids = _action_ids(s, plan_id)
    for a in _action_docs(doc):
        for r in a.get("target_revisions", []):
            old, new = r.get("old", ""), r.get("new", "")
            s.add(TargetRevision(action_id=ids[a["ref"]], old_text=old, old_due=parse_target(old).due,
                                 new_text=new, new_due=parse_target(new).due, reason=r.get("reason", ""),
                                 changed_by=r.get("by", ""), changed_at=_when(r.get("at")) or utcnow()))


def _add_sign_offs(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    """Each action's sign-offs (approval to close), as the document records them."""
    ids = _action_ids(s, plan_id)
    period_ids = {p.label: p.id for p in s.exec(select(ReportingPeriod)
                                                .where(ReportingPeriod.plan_id == plan_id))}
    for a in _action_docs(doc):
        for so in a.get("sign_offs", []):
            s.add(SignOff(action_id=ids[a["ref"]], period_id=period_ids.get(so.get("period", "")),
                          body=so.get("body", ""), approved_on=read_day(so.get("approved_on")),
                          minute_ref=so.get("minute", ""), recorded_by=so.get("by", ""),
                          recorded_at=_when(so.get("at")) or utcnow()))


def _action_fields(a: dict[str, Any]) -> plan_items.ActionFields:
    return plan_items.ActionFields(
        description=a.get("description", ""), leads=list(a.get("leads", [])),
        lead_text=a.get("lead"), target=a.get("target", ""), outcomes=list(a.get("outcomes", [])),
        impact_measures_heading=a.get("impact_measures_heading", ""),
        impact_measures=list(a.get("impact_measures", [])), linked_refs=list(a.get("linked_refs", [])))


def _add_groups(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    """The boards, subgroups and committees, and the governance calendar (services.governance owns them)."""
    from wsoa_desktop.services.governance import add_group_documents
    from wsoa_desktop.services.governance_calendar import add_meeting_documents

    add_group_documents(s, plan_id, doc)
    add_meeting_documents(s, plan_id, doc)


def _add_measures(store: Store, s: Session, plan_id: int, doc: dict[str, Any], by: str | None) -> None:
    """The key impact measures with their milestones, readings and actions (services.measures owns them).

    A document from before measures has none, and loads as it always did.
    """
    if doc.get("measures"):
        from wsoa_desktop.services.measures import add_measure_documents

        add_measure_documents(store, plan_id, doc["measures"], by=by, session=s)


def read_file(path: Path) -> dict[str, Any]:
    """A plan file's document, checked to be one (not yet loaded)."""
    from wsoa_desktop.services.incoming_files import read_plan_json

    doc = read_plan_json(path)  # the incoming-file checks: size, damage, nesting
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError(f"{Path(path).name} is not a WSOA Desktop plan file (its “format” is missing or "
                              "different). Choose a .json file exported by WSOA Desktop.")
    return doc


def load_file(store: Store, path: Path, **kwargs: Any) -> int:
    return load_document(store, read_file(path), **kwargs)


# Writing -------------------------------------------------------------------------------


def _action_dict(node: ActionNode, sign_offs: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    d: dict[str, Any] = {"ref": node.ref, "description": node.description, "lead": node.lead_text,
                         "leads": list(node.leads), "target": node.target.text}
    if node.target.due is not None:
        d["target_due"] = node.target.due.isoformat()
    if node.target_changes:
        d["target_revisions"] = [
            {"old": c.old_text, "new": c.new_text, "reason": c.reason, "by": c.changed_by,
             "at": c.changed_at.isoformat() if c.changed_at else ""} for c in node.target_changes]
    if node.id in sign_offs:
        d["sign_offs"] = sign_offs[node.id]
    # Keys only the plans that have them carry, so older plans' documents stay byte for byte the same.
    if node.linked_refs:
        d["linked_refs"] = list(node.linked_refs)
    if node.progress_history:
        d["progress_history"] = [{"date": n.date_text, "on": n.on_date.isoformat() if n.on_date else "",
                                  "text": n.text} for n in node.progress_history]
    if node.evidence:  # what the printed plan names; a whole-plan export also carries the files themselves
        d["evidence"] = [{"title": e.title, "link": e.link, "filename": e.filename} for e in node.evidence]
    if node.level == 2:
        d.update(outcomes=list(node.outcomes), impact_measures_heading=node.impact_measures_heading,
                 impact_measures=list(node.impact_measures),
                 sub_actions=[_action_dict(c, sign_offs) for c in node.children])
    elif node.children:
        d["sub_actions"] = [_action_dict(c, sign_offs) for c in node.children]
    return d


def _sign_off_docs(cur: Any, plan_id: int) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for r in cur.execute(
            "SELECT so.action_id, so.body, so.approved_on, so.minute_ref, p.label, so.recorded_by, "
            "so.recorded_at FROM sign_off so JOIN action a ON a.id = so.action_id "
            "LEFT JOIN reporting_period p ON p.id = so.period_id WHERE a.plan_id = ? ORDER BY so.id",
            (plan_id,)).fetchall():
        out.setdefault(r[0], []).append({
            "body": r[1] or "", "approved_on": str(r[2])[:10] if r[2] else "", "minute": r[3] or "",
            "period": r[4] or "", "by": r[5] or "",
            "at": datetime.fromisoformat(str(r[6])).isoformat() if r[6] else ""})
    return out


def document_for(store: Store, plan_id: int, *, periods: list[str] | None = None,
                 whole: bool = False) -> dict[str, Any]:
    """The plan as a document: structure, people, groups, target revisions, sign-offs and
    every period's ratings (who, when, reason, carried forward), read by the one plan reader.

    ``periods`` limits the ratings to the periods named (labels matched as everywhere).
    ``whole`` adds what a snapshot leaves out: evidence (files as base64), the governance
    calendar and the published versions with their snapshots (``export plan.json``).
    """
    with store.reading() as con:
        cur = con.cursor()
        base = read_outline(cur, plan_id, latest_when_none=False)
        all_periods = read_all_statuses(cur, plan_id)
        sign_offs = _sign_off_docs(cur, plan_id)
    with store.session() as s:
        plan = s.get(Plan, plan_id)
        if plan is None:
            raise ValidationError(f"There is no plan {plan_id} in this database.")
        people = s.exec(select(Person).where(Person.plan_id == plan_id).order_by(col(Person.id))).all()
        from wsoa_desktop.services.governance import group_documents
        from wsoa_desktop.services.governance_calendar import meeting_documents

        group_docs = group_documents(s, plan_id)
        meeting_docs = meeting_documents(s, plan_id)
    scheme = base.scheme
    if periods is not None:
        all_periods = [p for p in all_periods if any(same_label(str(p["label"]), w) for w in periods)]
    doc = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "plan": {"title": plan.title, "local_area": plan.local_area, "approved_by": plan.approved_by,
                 "governance": plan.governance},
        "rating_scheme": {"name": scheme.name, "ratings": [
            {"name": r.name, "meaning": r.meaning, "colour": r.colour, "text_colour": r.text_colour,
             "synonyms": list(r.synonyms), "is_complete": r.is_complete, "severity": r.severity,
             "is_not_started": r.is_not_started} for r in scheme.ratings]},
        "people": [{"name": p.name, "initials": p.initials, "role": p.role,
                    "organisation": p.organisation, "is_team": p.is_team} for p in people],
        "priorities": [_priority_dict(p, sign_offs) for p in base.priorities],
        "subgroups": group_docs["subgroups"],
        "boards": group_docs["boards"],
        "committees": group_docs["committees"],
        "meetings": meeting_docs,
        "periods": all_periods,
    }
    _put_measures(store, plan_id, doc)
    if whole:
        doc.update(plan_parts.whole_plan_parts(store, plan_id))
    return doc


def _put_measures(store: Store, plan_id: int, doc: dict[str, Any]) -> None:
    """The key impact measures, readings included, so a version keeps them as published.

    Only a plan that has measures carries the key, so other plans' documents stay byte for byte the same.
    """
    from wsoa_desktop.services.measures import measure_documents

    measures = measure_documents(store, plan_id)
    if measures:
        doc["measures"] = measures


def _priority_dict(p: PriorityNode, sign_offs: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    d: dict[str, Any] = {"ref": p.ref, "title": p.title, "area_of_concern": p.area_of_concern,
                         "lead_officers": p.lead_officers, "outcome_statement": p.outcome_statement,
                         "delivery_partners": list(p.delivery_partners)}
    if p.kind != "priority":
        d["kind"] = p.kind
    d["actions"] = [_action_dict(a, sign_offs) for a in p.actions]
    return d
