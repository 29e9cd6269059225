"""The append-only audit trail: every change, who made it, old and new value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import AuditEntry


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def record(
    s: Session,
    plan_id: int,
    by: str,
    entity: str,
    ref: str,
    field_name: str = "",
    old: object = None,
    new: object = None,
    operation: str = "update",
) -> None:
    s.add(AuditEntry(plan_id=plan_id, by=by, entity=entity, ref=ref, field_name=field_name,
                     old_value=_text(old), new_value=_text(new), operation=operation))


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    by: str
    entity: str
    ref: str
    field_name: str
    old_value: str
    new_value: str
    operation: str


def history(store: Store, plan_id: int, ref: str | None = None, limit: int = 500) -> list[AuditLine]:
    """The trail for a plan, or for one reference, newest first."""
    with store.session() as s:
        q = select(AuditEntry).where(AuditEntry.plan_id == plan_id)
        if ref is not None:
            q = q.where(AuditEntry.ref == ref)
        q = q.order_by(col(AuditEntry.id).desc()).limit(limit)
        return [AuditLine(e.at, e.by, e.entity, e.ref, e.field_name, e.old_value, e.new_value,
                          e.operation) for e in s.exec(q)]
