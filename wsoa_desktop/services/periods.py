"""Reporting periods and the status (rating, progress) of each action in each period."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.plan_items import find_action
from wsoa_desktop.services.plans import load_scheme, rating_ids
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import RatingRow, ReportingPeriod, StatusUpdate, utcnow


def list_periods(store: Store, plan_id: int) -> list[ReportingPeriod]:
    with store.session() as s:
        return list(s.exec(select(ReportingPeriod).where(ReportingPeriod.plan_id == plan_id)
                           .order_by(col(ReportingPeriod.position))))


def find_period(s: Session, plan_id: int, label: str | None) -> ReportingPeriod:
    """A period by label (case and spaces ignored); the latest when label is None."""
    q = select(ReportingPeriod).where(ReportingPeriod.plan_id == plan_id)
    if label is None:
        period = s.exec(q.order_by(col(ReportingPeriod.position).desc())).first()
        if period is None:
            raise NotFoundError("This plan has no reporting period yet. Add one (for example "
                                "'period new \"September 2022\"').")
        return period
    wanted = " ".join(label.split()).casefold()
    for period in s.exec(q):
        if " ".join(period.label.split()).casefold() == wanted:
            return period
    labels = ", ".join(p.label for p in s.exec(q.order_by(col(ReportingPeriod.position))))
    raise NotFoundError(f"There is no period “{label}” in this plan" +
                        (f" (periods: {labels})." if labels else "."))


def add_period(store: Store, plan_id: int, label: str, *, by: str | None = None,
               session: Session | None = None) -> int:
    """A new, empty period after the existing ones (see rounds for carry-forward)."""
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("A reporting period needs a label, such as “September 2022”.")
    with transaction(store, session) as s:
        existing = s.exec(select(ReportingPeriod.label).where(ReportingPeriod.plan_id == plan_id)).all()
        if label.casefold() in (e.casefold() for e in existing):
            raise ValidationError(f"There is already a period “{label}” in this plan.")
        last = s.exec(select(func.max(ReportingPeriod.position))
                      .where(ReportingPeriod.plan_id == plan_id)).one()
        parsed = parse_target(label)
        period = ReportingPeriod(plan_id=plan_id, label=label, position=(last or 0) + 1,
                                 starts_on=parsed.due.replace(day=1) if parsed.due else None)
        s.add(period)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "period", "", "label", None, label, "create")
        return int(period.id)


def set_status(
    store: Store, plan_id: int, ref: str, period_label: str | None, rating: str | None, *,
    progress: str | None = None, reason: str | None = None, by: str | None = None,
    session: Session | None = None,
) -> None:
    """Set one action's rating (by name or synonym; None or "" clears it) for a period."""
    who = by or default_user()
    with transaction(store, session) as s:
        period = find_period(s, plan_id, period_label)
        if period.is_closed:
            raise ValidationError(f"The period “{period.label}” is closed: its ratings cannot change. "
                                  "Reopen it, or rate the current period.")
        action = find_action(s, plan_id, ref)
        scheme = load_scheme(s, plan_id)
        rating_id = None
        rating_name = None
        if rating is not None and str(rating).strip():
            definition = scheme.match(rating)
            if definition is None:
                raise ValidationError(
                    f"{action.ref}: “{rating}” is not a rating in this plan's scheme "
                    f"({', '.join(scheme.names())}).", ref=action.ref)
            rating_name = definition.name
            rating_id = rating_ids(s, plan_id)[definition.name]
        status = s.exec(select(StatusUpdate).where(StatusUpdate.action_id == action.id,
                                                   StatusUpdate.period_id == period.id)).first()
        if status is None:
            status = StatusUpdate(action_id=action.id, period_id=period.id)
            s.add(status)
            old_rating, old_progress = None, ""
        else:
            old_rating = s.get(RatingRow, status.rating_id).name if status.rating_id else None
            old_progress = status.progress
        if old_rating != rating_name:
            audit.record(s, plan_id, who, "status", action.ref, f"rating {period.label}",
                         old_rating, rating_name)
        status.rating_id = rating_id
        if progress is not None and progress != old_progress:
            audit.record(s, plan_id, who, "status", action.ref, f"progress {period.label}",
                         old_progress, progress)
            status.progress = progress
        if reason is not None:
            status.reason = reason
        status.updated_by = who
        status.updated_at = utcnow()
        status.carried_forward = False
