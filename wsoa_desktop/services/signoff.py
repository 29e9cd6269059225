"""Sign-off: the complete rating (Blue) means approval to close was obtained from a board.

Recording a sign-off keeps the approving body, the date and the minute or
reference, so anyone can later trace a Blue rating to the decision behind it.
An item rated Blue without one is allowed but shows as "awaiting sign-off".
Which board approves is the plan's own fact (Plan ▸ Boards and people…): when
no body is named, the board marked as signing off (or the plan's first board)
is used; the app names no board itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services import periods as periods_service
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.plan_items import find_action
from wsoa_desktop.services.plans import load_scheme
from wsoa_desktop.services.row_versions import claim_existing, stale
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import ReportingPeriod, SignOff, id_of


@dataclass(frozen=True)
class SignOffView:
    ref: str
    body: str
    approved_on: date | None
    minute_ref: str
    period: str
    recorded_by: str
    recorded_at: datetime


def record_sign_off(
    store: Store, plan_id: int, ref: str, *, approved_on: date | None, minute_ref: str,
    body: str | None = None, period_label: str | None = None, set_complete: bool = True,
    progress: str | None = None, by: str | None = None, session: Session | None = None, seen: int | None = None,
) -> int:
    """Record approval to close an item and, by default, rate it complete (Blue) in the period.

    The period is the latest one unless named; a closed period is refused. With
    no ``body``, the plan's signing board (:func:`governance.read_sign_off_body`).

    ``seen`` is the version of the item's status in the period the officer saw
    (0: none yet): a status someone else saved since refuses the sign-off
    (:class:`~wsoa_desktop.domain.errors.StaleEdit`) and nothing is written.
    """
    from wsoa_desktop.services import status
    from wsoa_desktop.services.governance import read_sign_off_body

    who = by or default_user()
    with transaction(store, session) as s:
        if body is None or not body.strip():
            body = read_sign_off_body(s, plan_id)
            if body is None:
                raise ValidationError("Say which board approved the closure: this plan lists no boards yet, "
                                      "so there is none to assume.")
        body, approved_on, minute_ref = check_sign_off(body, approved_on, minute_ref)
        action = find_action(s, plan_id, ref)
        period = periods_service.find_period(s, plan_id, period_label)
        if period.is_closed:
            raise ValidationError(f"The period “{period.label}” is closed: what was reported then cannot "
                                  "change. Reopen it first, or work in the current period.")
        _check_status_seen(s, plan_id, action.ref, id_of(action), id_of(period), seen)
        row = SignOff(action_id=id_of(action), period_id=period.id, body=body, approved_on=approved_on,
                      minute_ref=minute_ref, recorded_by=who)
        s.add(row)
        s.flush()
        audit.record(s, plan_id, who, "sign_off", action.ref, f"sign-off {period.label}", None,
                     f"{body}, {approved_on.isoformat()}, {minute_ref}", "create")
        if set_complete:
            complete = next((r.name for r in load_scheme(s, plan_id).ratings if r.is_complete), None)
            if complete is not None:
                status.set_rating(store, plan_id, action.ref, period.label, complete, progress=progress,
                                  by=who, session=s, seen=seen)
                return id_of(row)
        if seen is not None:  # the rating stays: the status still moves on, as what it shows changed
            status_id = _status_row(s, id_of(action), id_of(period))
            claim_existing(s, "status_update", status_id[0] if status_id else None, seen, plan_id=plan_id,
                           ref=action.ref)
        return id_of(row)


def _status_row(s: Session, action_id: int, period_id: int) -> tuple[int, int] | None:
    """The item's status row in the period: (id, version), or None."""
    row = s.connection().execute(text("SELECT id, version FROM status_update WHERE action_id = :action "
                                      "AND period_id = :period"), {"action": action_id, "period": period_id}).first()
    return (int(row[0]), int(row[1])) if row else None


def _check_status_seen(s: Session, plan_id: int, ref: str, action_id: int, period_id: int, seen: int | None) -> None:
    """Refuse, before anything is written, a sign-off made on a status someone else has saved since."""
    if seen is None:
        return
    row = _status_row(s, action_id, period_id)
    if (row[1] if row else 0) != seen:
        raise stale(s, plan_id, ref, deleted=bool(seen) and row is None)


def check_sign_off(body: str, approved_on: date | None, minute_ref: str) -> tuple[str, date, str]:
    """A sign-off names the body, the date (not in the future) and the minute; tidied, or refused."""
    body = " ".join((body or "").split())
    minute_ref = (minute_ref or "").strip()
    if not body:
        raise ValidationError("Say which board approved the closure, as the plan names it.")
    if approved_on is None:
        raise ValidationError("Give the date the closure was approved.")
    if approved_on > date.today():
        raise ValidationError(f"The approval date {approved_on:%d %B %Y} is in the future: "
                              "give the date of the meeting that approved it.")
    if not minute_ref:
        raise ValidationError("Give the minute number or reference of the approval, "
                              "so the decision can be found later.")
    return body, approved_on, minute_ref


def sign_offs(store: Store, plan_id: int, ref: str) -> list[SignOffView]:
    """An item's sign-offs, oldest first."""
    with store.session() as s:
        action = find_action(s, plan_id, ref)
        rows = s.exec(select(SignOff, ReportingPeriod.label)
                      .join(ReportingPeriod, col(ReportingPeriod.id) == col(SignOff.period_id), isouter=True)
                      .where(SignOff.action_id == action.id).order_by(col(SignOff.id))).all()
        return [SignOffView(action.ref, so.body, so.approved_on, so.minute_ref, label or "",
                            so.recorded_by, so.recorded_at) for so, label in rows]


def is_signed_off(store: Store, plan_id: int, ref: str) -> bool:
    return bool(sign_offs(store, plan_id, ref))
