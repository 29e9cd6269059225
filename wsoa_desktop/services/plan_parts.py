"""The parts of a plan a whole-plan export carries beside its items: evidence and versions.

``export plan.json`` must move a plan between databases with nothing lost, and
``import plan.json`` put it back exactly. Evidence files go as base64 with their
size and SHA-256; published versions go with their snapshot text and checksum,
which is checked again on the way in (an altered snapshot refuses the whole
import), and lines of an imported version history go as they are, without one.
(The governance calendar travels through services/governance_calendar.py.)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime, timezone
from typing import Any

from sqlmodel import Session

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.status import stamp
from wsoa_desktop.store.database import Store


def _iso(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    try:
        return datetime.fromisoformat(text).isoformat() if " " in text else text
    except ValueError:
        return text


def _when(value: object) -> str:
    """A document's time as the database keeps it (UTC, no offset); now when there is none."""
    try:
        found = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        found = None
    if found is None:
        found = datetime.now(timezone.utc)
    return stamp(found)


def whole_plan_parts(store: Store, plan_id: int) -> dict[str, Any]:
    """Evidence and versions of a plan, as the whole-plan document holds them (meetings: governance_calendar)."""
    with store.reading() as con:
        evidence = [
            {"ref": r[0], "title": r[1] or "", "filename": r[2] or "", "link": r[3] or "",
             "size": int(r[4] or 0), "by": r[5] or "", "at": _iso(r[6]),
             **({"content": base64.b64encode(r[7]).decode("ascii"),
                 "sha256": hashlib.sha256(r[7]).hexdigest()} if r[7] is not None else {})}
            for r in con.execute(
                "SELECT a.ref, e.title, e.filename, e.link, e.size, e.added_by, e.added_at, e.content "
                "FROM evidence e JOIN action a ON a.id = e.action_id WHERE a.plan_id = ? ORDER BY e.id",
                (plan_id,))]
        versions = [
            {"number": r[0], "published_at": _iso(r[1]), "published_by": r[2] or "", "summary": r[3] or "",
             "period_label": r[4] or "", "snapshot": r[5] or "", "sha256": r[6] or "",
             **({"source": r[7]} if r[7] else {})}
            for r in con.execute(
                "SELECT number, published_at, published_by, summary, period_label, snapshot, sha256, source "
                "FROM plan_version WHERE plan_id = ? ORDER BY number", (plan_id,))]
    return {"evidence": evidence, "versions": versions}


def add_evidence(s: Session, plan_id: int, items: list[dict[str, Any]]) -> int:
    """Evidence links and files from a document; a file whose checksum does not match refuses the import."""
    con = s.connection()
    ids: dict[str, int] = dict(con.exec_driver_sql("SELECT ref, id FROM action WHERE plan_id = ?",
                                                   (plan_id,)).fetchall())
    rows = []
    for e in items:
        if e.get("ref") not in ids:
            raise ValidationError(f"Evidence “{e.get('title', '')}” in this file is for {e.get('ref')}, which "
                                  "the plan does not have. Export the plan again.")
        content = None
        if e.get("content") is not None:
            try:
                content = base64.b64decode(str(e["content"]), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValidationError(f"The evidence file “{e.get('filename', '')}” for {e['ref']} in this file "
                                      "is damaged. Export the plan again.") from exc
            if e.get("sha256") and hashlib.sha256(content).hexdigest() != e["sha256"]:
                raise ValidationError(f"The evidence file “{e.get('filename', '')}” for {e['ref']} in this file "
                                      "has been altered (its checksum does not match). Export the plan again.")
        rows.append((ids[e["ref"]], e.get("title", ""), e.get("filename", ""), content,
                     len(content) if content is not None else int(e.get("size", 0)), e.get("link", ""),
                     e.get("by", ""), _when(e.get("at"))))
    if rows:
        con.exec_driver_sql("INSERT INTO evidence (action_id, title, filename, content, size, link, added_by, "
                            "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def add_versions(s: Session, plan_id: int, items: list[dict[str, Any]]) -> int:
    """Published versions with their snapshots (checksums checked), and recorded history lines."""
    rows = []
    for v in items:
        snapshot, digest = v.get("snapshot", ""), v.get("sha256", "")
        if snapshot or not v.get("source"):
            if hashlib.sha256(snapshot.encode("utf-8")).hexdigest() != digest:
                raise ValidationError(f"Version {v.get('number')} in this file has been altered since it was "
                                      "published (its checksum does not match), so nothing was imported. "
                                      "Export the plan again from the database it came from.")
        rows.append((plan_id, int(v["number"]), _when(v.get("published_at")), v.get("published_by", ""),
                     v.get("summary", ""), v.get("period_label", ""), snapshot, digest, v.get("source", "")))
    if rows:
        s.connection().exec_driver_sql(
            "INSERT INTO plan_version (plan_id, number, published_at, published_by, summary, period_label, "
            "snapshot, sha256, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
