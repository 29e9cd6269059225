"""``import plan.json``: a plan exported from WSOA Desktop, brought back exactly.

The document is loaded by :func:`services.plan_document.load_document`, the same
loader as the sample and published versions, in one transaction. The dry run
loads it into a scratch database that is then thrown away, so it finds exactly
the problem the real import would meet, and changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.importing.planner import ImportPlan, PlannedItem, Problem
from wsoa_desktop.services.incoming_files import PLAN_FILE_DAMAGE, damaged_plan_file
from wsoa_desktop.store.database import Store


def _walk(actions: list[dict[str, Any]], group: str, level: int = 2) -> list[PlannedItem]:
    out: list[PlannedItem] = []
    for a in actions:
        out.append(PlannedItem(a["ref"], level, "", text=a.get("description", ""),
                               leads=list(a.get("leads", [])), group_ref=group,
                               linked_refs=list(a.get("linked_refs", []))))
        out.extend(_walk(a.get("sub_actions", []), group, level + 1))
    return out


def summary(doc: dict[str, Any], source: str, title: str | None) -> ImportPlan:
    """What the document holds, as a dry run lists it."""
    periods = doc.get("periods", [])
    plan = ImportPlan(title=title or doc.get("plan", {}).get("title", ""), source=source,
                      period=periods[-1]["label"] if periods else None)
    for p in doc.get("priorities", []):
        plan.items.append(PlannedItem(p["ref"], 1, "", title=p.get("title", ""), kind=p.get("kind", "priority")))
        plan.items.extend(_walk(p.get("actions", []), p["ref"]))
    latest = {u["ref"]: u for u in periods[-1].get("updates", [])} if periods else {}
    for item in plan.items:
        if item.ref in latest and item.level > 1:
            item.rating = latest[item.ref].get("rating") or None
    updates = sum(len(p.get("updates", [])) for p in periods)
    plan.notes.append(f"A WSOA Desktop plan file: {len(periods)} reporting periods ({updates} ratings and "
                      f"progress entries), {len(doc.get('people', []))} people, "
                      f"{len(doc.get('versions', []))} versions, {len(doc.get('evidence', []))} pieces of "
                      f"evidence and {len(doc.get('meetings', []))} meetings{_measures_said(doc)}, all brought in "
                      "as they are.")
    return plan


def _measures_said(doc: dict[str, Any]) -> str:
    """``; 30 impact measures (12 readings)`` when the file has measures."""
    measures = doc.get("measures") or []
    if not measures:
        return ""
    readings = sum(len(m.get("readings") or []) for m in measures)
    return f"; {len(measures)} impact measures ({readings} readings)"


def plan_file_dry_run(path: Path, *, title: str | None = None) -> ImportPlan:
    from sqlalchemy.exc import IntegrityError

    from wsoa_desktop.services.plan_document import load_document, read_file
    from wsoa_desktop.store.database import open_store

    doc = read_file(path)
    try:
        plan = summary(doc, path.name, title)
    except (*PLAN_FILE_DAMAGE, ValidationError) as exc:
        plan = ImportPlan(title=title or "", source=path.name, period=None)
        message = str(exc) if isinstance(exc, ValidationError) else str(damaged_plan_file(path, exc))
        plan.problems.append(Problem("", "", message))
        return plan
    with tempfile.TemporaryDirectory(prefix="wsoa-dry-run-") as folder:
        scratch = open_store(Path(folder) / "dry-run.db")
        try:
            load_document(scratch, doc, title=title)
        except ValidationError as exc:
            plan.problems.append(Problem("", getattr(exc, "ref", "") or "", str(exc)))
        except (*PLAN_FILE_DAMAGE, IntegrityError) as exc:
            plan.problems.append(Problem("", "", str(damaged_plan_file(path, exc))))
        finally:
            scratch.close()
    return plan


def import_plan_file(store: Store, path: Path, *, title: str | None = None,
                     by: str | None = None) -> tuple[int, ImportPlan]:
    """Import a plan file in one transaction; a damaged file is refused plainly and changes nothing."""
    from sqlalchemy.exc import IntegrityError

    from wsoa_desktop.services.plan_document import load_document, read_file

    doc = read_file(path)
    try:
        plan = summary(doc, path.name, title)
        return load_document(store, doc, by=by, title=title), plan
    except (*PLAN_FILE_DAMAGE, IntegrityError) as exc:
        raise damaged_plan_file(path, exc) from exc
