"""The plan as a JSON document: the bundled sample, ``export plan.json`` and snapshots.

One format serves all three, so a sample, an export and a published version read
back the same way. Loading goes through the same services an officer's edits use,
inside one transaction: a bad document adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from wsoa_desktop import __version__
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.domain.rating_schemes import (
    BUILTIN_SCHEMES,
    DEFAULT_SCHEME,
    RatingDefinition,
    RatingScheme,
)
from wsoa_desktop.services import periods as periods_service
from wsoa_desktop.services import plan_items, plans
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Person, Plan, Subgroup, SubgroupMember

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
                delivery_partners=p.get("delivery_partners", []), by=by, session=s)
            for a in p.get("actions", []):
                _add_action_tree(store, plan_id, a, by, s)
        _add_groups(s, plan_id, doc)
        for period in doc.get("periods", []):
            periods_service.add_period(store, plan_id, period["label"], by=by, session=s)
            for u in period.get("updates", []):
                periods_service.set_status(store, plan_id, u["ref"], period["label"], u.get("rating"),
                                           progress=u.get("progress", ""), reason=u.get("reason", ""),
                                           by=u.get("by") or by, session=s)
            if period.get("closed"):
                periods_service.find_period(s, plan_id, period["label"]).is_closed = True
        return plan_id


def _add_action_tree(store: Store, plan_id: int, a: dict[str, Any], by: str | None, s: Session) -> None:
    fields = plan_items.ActionFields(
        description=a.get("description", ""), leads=list(a.get("leads", [])),
        lead_text=a.get("lead"), target=a.get("target", ""), outcomes=list(a.get("outcomes", [])),
        impact_measures_heading=a.get("impact_measures_heading", ""),
        impact_measures=list(a.get("impact_measures", [])))
    plan_items.add_action(store, plan_id, a["ref"], fields, by=by, session=s)
    for child in a.get("sub_actions", []):
        _add_action_tree(store, plan_id, child, by, s)


def _add_groups(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    priority_ids = {p.ref: p.id for p in s.exec(
        select(plan_items.Priority).where(plan_items.Priority.plan_id == plan_id))}
    groups = [(g, "subgroup") for g in doc.get("subgroups", [])] + \
             [(g, "board") for g in doc.get("boards", [])]
    for position, (g, kind) in enumerate(groups):
        row = Subgroup(plan_id=plan_id, kind=kind, name=g["name"], note=g.get("note", ""),
                       priority_id=priority_ids.get(g.get("priority_ref", "")), position=position)
        s.add(row)
        s.flush()
        members: list[tuple[str, str, bool]] = [(c, "", True) for c in g.get("chairs", [])]
        for m in g.get("members", []):
            if isinstance(m, dict):
                members.append((m.get("name", ""), m.get("role", ""), False))
            else:
                members.append((m, "", False))
        for i, (text, role, chair) in enumerate(members):
            s.add(SubgroupMember(subgroup_id=row.id, text=text, role=role, is_chair=chair, position=i))


def load_file(store: Store, path: Path, **kwargs: Any) -> int:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"Cannot read {path} as a plan file: {exc}.") from exc
    if not isinstance(doc, dict):
        raise ValidationError(f"{path} is not a WSOA Desktop plan file.")
    return load_document(store, doc, **kwargs)


# Writing -------------------------------------------------------------------------------


def _action_dict(node: ActionNode) -> dict[str, Any]:
    d: dict[str, Any] = {"ref": node.ref, "description": node.description, "lead": node.lead_text,
                         "leads": list(node.leads), "target": node.target.text}
    if node.target.due is not None:
        d["target_due"] = node.target.due.isoformat()
    if node.level == 2:
        d.update(outcomes=list(node.outcomes), impact_measures_heading=node.impact_measures_heading,
                 impact_measures=list(node.impact_measures),
                 sub_actions=[_action_dict(c) for c in node.children])
    elif node.children:
        d["sub_actions"] = [_action_dict(c) for c in node.children]
    return d


def document_for(store: Store, plan_id: int, *, periods: list[str] | None = None) -> dict[str, Any]:
    """The whole plan as a document: structure, people, groups and every period's ratings."""
    base = load_outline(store, plan_id, latest_when_none=False)
    with store.session() as s:
        plan = s.get(Plan, plan_id)
        people = s.exec(select(Person).where(Person.plan_id == plan_id).order_by(col(Person.id))).all()
        groups = s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id)
                        .order_by(col(Subgroup.position))).all()
        group_docs: dict[str, list[dict[str, Any]]] = {"subgroup": [], "board": []}
        priority_refs = {p.id: p.ref for p in base.priorities}
        for g in groups:
            members = s.exec(select(SubgroupMember).where(SubgroupMember.subgroup_id == g.id)
                             .order_by(col(SubgroupMember.position))).all()
            entry: dict[str, Any] = {"name": g.name}
            if g.kind == "subgroup":
                entry.update(priority_ref=priority_refs.get(g.priority_id, ""),
                             chairs=[m.text for m in members if m.is_chair],
                             members=[m.text for m in members if not m.is_chair], note=g.note)
            else:
                entry["members"] = [{"name": m.text, "role": m.role} for m in members]
            group_docs[g.kind].append(entry)
    scheme = base.scheme
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "plan": {"title": plan.title, "local_area": plan.local_area, "approved_by": plan.approved_by,
                 "governance": plan.governance},
        "rating_scheme": {"name": scheme.name, "ratings": [
            {"name": r.name, "meaning": r.meaning, "colour": r.colour, "text_colour": r.text_colour,
             "synonyms": list(r.synonyms), "is_complete": r.is_complete, "severity": r.severity,
             "is_not_started": r.is_not_started} for r in scheme.ratings]},
        "people": [{"name": p.name, "initials": p.initials, "role": p.role,
                    "organisation": p.organisation, "is_team": p.is_team} for p in people],
        "priorities": [
            {"ref": p.ref, "title": p.title, "area_of_concern": p.area_of_concern,
             "lead_officers": p.lead_officers, "outcome_statement": p.outcome_statement,
             "delivery_partners": list(p.delivery_partners),
             "actions": [_action_dict(a) for a in p.actions]} for p in base.priorities],
        "subgroups": group_docs["subgroup"],
        "boards": group_docs["board"],
        "periods": [],
    }
    wanted = None if periods is None else {x.casefold() for x in periods}
    for period in base.periods:
        if wanted is not None and period.label.casefold() not in wanted:
            continue
        outline = load_outline(store, plan_id, period.label)
        doc["periods"].append({"label": period.label, "closed": period.is_closed,
                               "updates": _updates(outline)})
    return doc


def _updates(outline: PlanOutline) -> list[dict[str, Any]]:
    out = []
    for node in outline.iter_actions():
        st = node.status
        if st is None:
            continue
        out.append({"ref": node.ref, "rating": st.rating or "", "progress": st.progress,
                    "reason": st.reason, "by": st.updated_by,
                    "at": st.updated_at.isoformat() if st.updated_at else "",
                    "carried_forward": st.carried_forward})
    return out
