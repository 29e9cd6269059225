"""Published versions: numbered, immutable snapshots of the whole plan and its ratings.

Publishing freezes the plan document (the same JSON format as ``export plan.json``
and the bundled sample: structure, people, groups and every period's ratings) with
who, when and a summary of amendments — the version-history table officers keep.
The snapshot text is stored with its SHA-256; reading a version checks it, so a
version prints exactly as it was published or not at all.

Everything that shows a version (exports, the BRAG appendix, the comparison) reads
the snapshot only, never the live tables, so later edits cannot leak into it.
The ratings of all periods are read in one query, which keeps publishing a
5,000-sub-action, 24-period plan within a second or two.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import col, func, select

from wsoa_desktop.domain.errors import DatabaseError, NotFoundError, ValidationError
from wsoa_desktop.domain.outline import (
    ActionNode,
    EvidenceNote,
    PeriodInfo,
    PlanOutline,
    PriorityNode,
    ProgressNote,
    SignOffNote,
    StatusView,
    TargetChange,
)
from wsoa_desktop.domain.refs import ref_level
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.domain.target_dates import TargetDate, parse_target
from wsoa_desktop.domain.times import read_day, read_time
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.plan_document import _action_docs, _scheme_from, document_for
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import PlanVersion, utcnow

META_KEY = "published_version"


@dataclass(frozen=True)
class VersionInfo:
    """One row of the version-history table."""

    number: int
    published_at: datetime
    published_by: str
    summary: str
    period_label: str
    sha256: str


def working_document(store: Store, plan_id: int) -> dict[str, Any]:
    """The live plan as a document (the one plan reader), with room for the version's details."""
    doc = document_for(store, plan_id)
    revised = [a["ref"] for a in _action_docs(doc) if a.get("target_revisions")]
    doc[META_KEY] = {"number": None, "target_revised": revised}
    return doc


class NotUpdatedError(ValidationError):
    """Publishing while ratings were carried forward and never updated; ``refs`` lists them."""

    def __init__(self, period: str, refs: list[str]) -> None:
        shown = ", ".join(refs[:12]) + (f" and {len(refs) - 12} more" if len(refs) > 12 else "")
        super().__init__(f"{len(refs)} ratings in {period} were carried forward and not updated this "
                         f"period ({shown}). Update them first, or publish anyway to record them as "
                         "not updated.")
        self.period = period
        self.refs = refs


def not_updated(doc: dict[str, Any]) -> tuple[str, list[str]]:
    """The latest period of a plan document and its rated items carried forward but not updated.

    Rated items are those the reports rate: sub-actions, and actions without any.
    """
    if not doc.get("periods"):
        return "", []
    rated = {a["ref"] for a in _action_docs(doc) if not a.get("sub_actions")}
    latest = doc["periods"][-1]
    return str(latest["label"]), [u["ref"] for u in latest.get("updates", [])
                                  if u.get("carried_forward") and u["ref"] in rated]


def publish(store: Store, plan_id: int, summary: str, *, by: str | None = None,
            allow_not_updated: bool = False) -> VersionInfo:
    """Freeze the plan and all its ratings as the next numbered version.

    Refused (:class:`NotUpdatedError`, with the count and the list) while ratings of
    the latest period were carried forward and never updated, unless the officer
    confirms with ``allow_not_updated``: the version then records them as not updated.
    """
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError("Say what changed in this version (the summary of amendments), "
                              "for example “August 2022 ratings; 2.3 target revised”.")
    who = by or default_user()
    for _attempt in range(3):
        mark = _last_change(store)
        doc = working_document(store, plan_id)
        latest = doc["periods"][-1]["label"] if doc["periods"] else ""
        label, stale = not_updated(doc)
        if stale and not allow_not_updated:
            raise NotUpdatedError(label, stale)
        published_at = utcnow().replace(microsecond=0)
        with store.write() as s:
            # Every change leaves an audit entry: if one arrived while the document was being
            # read, read again so the snapshot is one consistent moment of the plan.
            if s.execute(text("SELECT COALESCE(MAX(id), 0) FROM audit_entry")).scalar_one() != mark:
                continue
            return _store_version(s, plan_id, doc, who, summary, latest, published_at)
    raise DatabaseError("The plan kept changing while the version was being published (someone else is "
                        "editing it). Try again in a moment.")


def _last_change(store: Store) -> int:
    with store.reading() as con:
        return int(con.execute("SELECT COALESCE(MAX(id), 0) FROM audit_entry").fetchone()[0])


def _store_version(s, plan_id: int, doc: dict[str, Any], who: str, summary: str, latest: str,  # type: ignore[no-untyped-def]
                   published_at: datetime) -> VersionInfo:
    number = int(s.exec(select(func.coalesce(func.max(PlanVersion.number), 0))
                        .where(PlanVersion.plan_id == plan_id)).one()) + 1
    doc[META_KEY].update(number=number, published_at=published_at.isoformat(), published_by=who,
                         summary=summary, period_label=latest)
    snapshot = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(snapshot.encode("utf-8")).hexdigest()
    s.add(PlanVersion(plan_id=plan_id, number=number, published_at=published_at, published_by=who,
                      summary=summary, period_label=latest, snapshot=snapshot, sha256=digest))
    audit.record(s, plan_id, who, "version", "", "published", None, f"{number}: {summary}", "create")
    return VersionInfo(number, published_at, who, summary, latest, digest)


def list_versions(store: Store, plan_id: int) -> list[VersionInfo]:
    """The version-history table, oldest first (snapshots are not loaded)."""
    with store.session() as s:
        # (SQLModel's select() is typed for up to four columns; six are read here.)
        rows = s.exec(select(PlanVersion.number, PlanVersion.published_at,  # type: ignore[call-overload]
                             PlanVersion.published_by, PlanVersion.summary, PlanVersion.period_label,
                             PlanVersion.sha256)
                      .where(PlanVersion.plan_id == plan_id).order_by(col(PlanVersion.number))).all()
    return [VersionInfo(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def snapshot_text(store: Store, plan_id: int, number: int) -> str:
    """The stored snapshot exactly as published, after checking its SHA-256."""
    with store.session() as s:
        row = s.exec(select(PlanVersion.snapshot, PlanVersion.sha256, PlanVersion.source)
                     .where(PlanVersion.plan_id == plan_id, PlanVersion.number == number)).first()
        if row is None:
            known = ", ".join(str(n) for n in s.exec(select(PlanVersion.number).where(
                PlanVersion.plan_id == plan_id).order_by(col(PlanVersion.number))))
            raise NotFoundError(f"There is no published version {number} of this plan" +
                                (f" (versions: {known})." if known else "; publish one first."))
    text, digest, source = row
    if source and not text:
        raise NotFoundError(f"Version {number} is a line of the plan's version history ({source}): there is "
                            "no copy of the plan as it was then, only who amended it, when and why.")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise DatabaseError(f"Version {number} has been altered since it was published (its checksum "
                            "does not match). Restore a backup taken before the change.")
    return text


def version_document(store: Store, plan_id: int, number: int) -> dict[str, Any]:
    """A published version as a plan document (loadable by ``load_document``)."""
    doc: dict[str, Any] = json.loads(snapshot_text(store, plan_id, number))
    return doc


def _status(u: dict[str, Any] | None) -> StatusView | None:
    if u is None:
        return None
    at = None
    if u.get("at"):
        try:
            at = datetime.fromisoformat(u["at"])
        except ValueError:
            at = None
    return StatusView(u.get("rating") or None, u.get("progress", ""), u.get("reason", ""),
                      u.get("by", ""), at, bool(u.get("carried_forward")), status_text=u.get("status_text", ""))


def _since(doc: dict[str, Any], index: int) -> dict[str, str]:
    """For each ref carried forward in period ``index``: the period it was last really updated in."""
    out: dict[str, str] = {}
    pending = {u["ref"] for u in doc["periods"][index].get("updates", []) if u.get("carried_forward")}
    for i in range(index - 1, -1, -1):
        if not pending:
            break
        for u in doc["periods"][i].get("updates", []):
            if u["ref"] in pending and not u.get("carried_forward"):
                out[u["ref"]] = doc["periods"][i]["label"]
                pending.discard(u["ref"])
    return out


def _stamp_text(meta: dict[str, Any]) -> str:
    """``"Version 3, published 14 July 2022 by J Smith"`` for a published version's footer."""
    if not meta or meta.get("number") is None:
        return ""
    when = ""
    try:
        when = format_day(datetime.fromisoformat(str(meta.get("published_at"))))
    except ValueError:
        when = ""
    text = f"Version {meta['number']}"
    if when:
        text += f", published {when}"
    if meta.get("published_by"):
        text += f" by {meta['published_by']}"
    return text


def outline_from_document(doc: dict[str, Any], period_label: str | None = None,
                          plan_id: int = 0) -> PlanOutline:
    """Build the outline the screens and reports read from a document alone."""
    periods = [PeriodInfo(-(i + 1), p["label"], i + 1, bool(p.get("closed")))
               for i, p in enumerate(doc.get("periods", []))]
    outline = PlanOutline(plan_id, doc.get("plan", {}).get("title", ""), _scheme_from(doc), periods=periods)
    index: int | None = len(periods) - 1 if periods else None
    if period_label is not None:
        matches = [i for i, p in enumerate(periods) if same_label(p.label, period_label)]
        if not matches:
            labels = ", ".join(p.label for p in periods) or "none"
            raise NotFoundError(f"This version has no period “{period_label}” (periods: {labels}).")
        index = matches[0]
    current: dict[str, dict[str, Any]] = {}
    previous: dict[str, dict[str, Any]] = {}
    since: dict[str, str] = {}
    since_before: dict[str, str] = {}
    if index is not None:
        outline.period = periods[index]
        current = {u["ref"]: u for u in doc["periods"][index].get("updates", [])}
        since = _since(doc, index)
        if index > 0:
            outline.previous_period = periods[index - 1]
            previous = {u["ref"]: u for u in doc["periods"][index - 1].get("updates", [])}
            since_before = _since(doc, index - 1)
    outline.version_stamp = _stamp_text(doc.get(META_KEY, {}))
    revised = set(doc.get(META_KEY, {}).get("target_revised", []))
    position = {p.label: p.position for p in periods}
    up_to = periods[index].position if index is not None else None
    subgroups = {g.get("priority_ref", ""): g.get("name", "") for g in doc.get("subgroups", [])}
    next_id = iter(range(1, 10**9))

    def build(a: dict[str, Any], priority_id: int, parent_id: int | None) -> ActionNode:
        text = a.get("target", "")
        due = read_day(a.get("target_due"))
        changes = [TargetChange(r.get("old", ""), r.get("new", ""), r.get("reason", ""), r.get("by", ""),
                                read_time(r.get("at"))) for r in a.get("target_revisions", [])]
        notes = [SignOffNote(so.get("body", ""), read_day(so.get("approved_on")), so.get("minute", ""),
                             so.get("period", ""), so.get("by", "")) for so in a.get("sign_offs", [])
                 if up_to is None or position.get(so.get("period", ""), 0) <= up_to]
        node = ActionNode(next(next_id), a["ref"], ref_level(a["ref"]), a.get("description", ""),
                          parent_id, priority_id, list(a.get("leads", [])), a.get("lead", "") or "",
                          TargetDate(text, due, parse_target(text).precision if due else None),
                          list(a.get("outcomes", [])), a.get("impact_measures_heading", ""),
                          list(a.get("impact_measures", [])), _status(current.get(a["ref"])),
                          _status(previous.get(a["ref"])), a["ref"] in revised or bool(changes),
                          target_changes=changes, sign_off=notes[-1] if notes else None,
                          linked_refs=list(a.get("linked_refs", [])),
                          progress_history=[ProgressNote(e.get("date", ""), read_day(e.get("on")), e.get("text", ""))
                                            for e in a.get("progress_history", [])],
                          evidence=[EvidenceNote(e.get("title", ""), e.get("link", ""), e.get("filename", ""))
                                    for e in a.get("evidence", [])])
        if node.status is not None:
            node.status.since_label = since.get(a["ref"])
        if node.previous is not None:
            node.previous.since_label = since_before.get(a["ref"])
        node.children = [build(c, priority_id, node.id) for c in a.get("sub_actions", [])]
        return node

    for p in doc.get("priorities", []):
        pid = next(next_id)
        node = PriorityNode(pid, p["ref"], p.get("title", ""), p.get("area_of_concern", ""),
                            p.get("lead_officers", ""), p.get("outcome_statement", ""),
                            list(p.get("delivery_partners", [])), subgroups.get(p["ref"], ""),
                            kind=p.get("kind", "priority"))
        node.actions = [build(a, pid, None) for a in p.get("actions", [])]
        outline.priorities.append(node)
    return outline


def version_outline(store: Store, plan_id: int, number: int, period_label: str | None = None) -> PlanOutline:
    """A published version as an outline (default: the latest period in it), from the snapshot only."""
    return outline_from_document(version_document(store, plan_id, number), period_label, plan_id)


def compare(store: Store, plan_id: int, a: int | None, b: int | None):  # type: ignore[no-untyped-def]
    """Compare two versions, or a version with the working copy (None). See version_comparison."""
    from wsoa_desktop.services.version_comparison import compare_versions

    return compare_versions(store, plan_id, a, b)
