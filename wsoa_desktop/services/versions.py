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
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import col, func, select

from wsoa_desktop.domain.errors import DatabaseError, NotFoundError, ValidationError
from wsoa_desktop.domain.outline import (
    ActionNode,
    PeriodInfo,
    PlanOutline,
    PriorityNode,
    StatusView,
)
from wsoa_desktop.domain.refs import ref_level
from wsoa_desktop.domain.target_dates import TargetDate, parse_target
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.plan_document import _scheme_from, document_for
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


def _iso(value: object, cache: dict[object, str]) -> str:
    if value is None:
        return ""
    found = cache.get(value)
    if found is None:
        try:
            found = (value if isinstance(value, datetime) else datetime.fromisoformat(str(value))).isoformat()
        except ValueError:
            found = ""
        cache[value] = found
    return found


def _all_periods(store: Store, plan_id: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Every period's updates in plan order (one query), and the refs with revised targets."""
    con = store.raw()
    try:
        periods = con.execute("SELECT id, label, is_closed FROM reporting_period WHERE plan_id = ? "
                              "ORDER BY position", (plan_id,)).fetchall()
        by_period: dict[int, list[dict[str, Any]]] = {p[0]: [] for p in periods}
        cache: dict[object, str] = {}
        for row in con.execute(
                "SELECT su.period_id, a.ref, r.name, su.progress, su.reason, su.updated_by, su.updated_at, "
                "su.carried_forward FROM status_update su JOIN action a ON a.id = su.action_id "
                "JOIN reporting_period p ON p.id = su.period_id LEFT JOIN rating r ON r.id = su.rating_id "
                "WHERE a.plan_id = ? ORDER BY p.position, a.sort_key", (plan_id,)):
            by_period[row[0]].append({"ref": row[1], "rating": row[2] or "", "progress": row[3] or "",
                                      "reason": row[4] or "", "by": row[5] or "",
                                      "at": _iso(row[6], cache), "carried_forward": bool(row[7])})
        revised = [r[0] for r in con.execute(
            "SELECT DISTINCT a.ref FROM target_revision tr JOIN action a ON a.id = tr.action_id "
            "WHERE a.plan_id = ? ORDER BY a.sort_key", (plan_id,))]
    finally:
        con.close()
    return ([{"label": p[1], "closed": bool(p[2]), "updates": by_period[p[0]]} for p in periods],
            revised)


def working_document(store: Store, plan_id: int) -> dict[str, Any]:
    """The live plan as a document, in the same shape as ``document_for`` (but fast)."""
    doc = document_for(store, plan_id, periods=[])
    doc["periods"], revised = _all_periods(store, plan_id)
    doc[META_KEY] = {"number": None, "target_revised": revised}
    return doc


def publish(store: Store, plan_id: int, summary: str, *, by: str | None = None) -> VersionInfo:
    """Freeze the plan and all its ratings as the next numbered version."""
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError("Say what changed in this version (the summary of amendments), "
                              "for example “August 2022 ratings; 2.3 target revised”.")
    who = by or default_user()
    for _attempt in range(3):
        mark = _last_change(store)
        doc = working_document(store, plan_id)
        latest = doc["periods"][-1]["label"] if doc["periods"] else ""
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
    con = store.raw()
    try:
        return int(con.execute("SELECT COALESCE(MAX(id), 0) FROM audit_entry").fetchone()[0])
    finally:
        con.close()


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
        rows = s.exec(select(PlanVersion.number, PlanVersion.published_at, PlanVersion.published_by,
                             PlanVersion.summary, PlanVersion.period_label, PlanVersion.sha256)
                      .where(PlanVersion.plan_id == plan_id).order_by(col(PlanVersion.number))).all()
    return [VersionInfo(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def snapshot_text(store: Store, plan_id: int, number: int) -> str:
    """The stored snapshot exactly as published, after checking its SHA-256."""
    with store.session() as s:
        row = s.exec(select(PlanVersion.snapshot, PlanVersion.sha256)
                     .where(PlanVersion.plan_id == plan_id, PlanVersion.number == number)).first()
        if row is None:
            known = ", ".join(str(n) for n in s.exec(select(PlanVersion.number).where(
                PlanVersion.plan_id == plan_id).order_by(col(PlanVersion.number))))
            raise NotFoundError(f"There is no published version {number} of this plan" +
                                (f" (versions: {known})." if known else "; publish one first."))
    text, digest = row
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise DatabaseError(f"Version {number} has been altered since it was published (its checksum "
                            "does not match). Restore a backup taken before the change.")
    return text


def version_document(store: Store, plan_id: int, number: int) -> dict[str, Any]:
    """A published version as a plan document (loadable by ``load_document``)."""
    return json.loads(snapshot_text(store, plan_id, number))


def _date(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


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
                      u.get("by", ""), at, bool(u.get("carried_forward")))


def outline_from_document(doc: dict[str, Any], period_label: str | None = None,
                          plan_id: int = 0) -> PlanOutline:
    """Build the outline the screens and reports read from a document alone."""
    periods = [PeriodInfo(-(i + 1), p["label"], i + 1, bool(p.get("closed")))
               for i, p in enumerate(doc.get("periods", []))]
    outline = PlanOutline(plan_id, doc.get("plan", {}).get("title", ""), _scheme_from(doc), periods=periods)
    index: int | None = len(periods) - 1 if periods else None
    if period_label is not None:
        wanted = " ".join(period_label.split()).casefold()
        matches = [i for i, p in enumerate(periods) if " ".join(p.label.split()).casefold() == wanted]
        if not matches:
            labels = ", ".join(p.label for p in periods) or "none"
            raise NotFoundError(f"This version has no period “{period_label}” (periods: {labels}).")
        index = matches[0]
    current: dict[str, dict[str, Any]] = {}
    previous: dict[str, dict[str, Any]] = {}
    if index is not None:
        outline.period = periods[index]
        current = {u["ref"]: u for u in doc["periods"][index].get("updates", [])}
        if index > 0:
            outline.previous_period = periods[index - 1]
            previous = {u["ref"]: u for u in doc["periods"][index - 1].get("updates", [])}
    revised = set(doc.get(META_KEY, {}).get("target_revised", []))
    subgroups = {g.get("priority_ref", ""): g.get("name", "") for g in doc.get("subgroups", [])}
    next_id = iter(range(1, 10**9))

    def build(a: dict[str, Any], priority_id: int, parent_id: int | None) -> ActionNode:
        text = a.get("target", "")
        due = _date(a.get("target_due"))
        node = ActionNode(next(next_id), a["ref"], ref_level(a["ref"]), a.get("description", ""),
                          parent_id, priority_id, list(a.get("leads", [])), a.get("lead", "") or "",
                          TargetDate(text, due, parse_target(text).precision if due else None),
                          list(a.get("outcomes", [])), a.get("impact_measures_heading", ""),
                          list(a.get("impact_measures", [])), _status(current.get(a["ref"])),
                          _status(previous.get(a["ref"])), a["ref"] in revised)
        node.children = [build(c, priority_id, node.id) for c in a.get("sub_actions", [])]
        return node

    for p in doc.get("priorities", []):
        pid = next(next_id)
        node = PriorityNode(pid, p["ref"], p.get("title", ""), p.get("area_of_concern", ""),
                            p.get("lead_officers", ""), p.get("outcome_statement", ""),
                            list(p.get("delivery_partners", [])), subgroups.get(p["ref"], ""))
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
