"""Reporting periods and the status (rating, progress) of each action in each period."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import ReportingPeriod, id_of


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
    for period in s.exec(q):
        if same_label(period.label, label):
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
        if any(same_label(label, e) for e in existing):
            raise ValidationError(f"There is already a period “{label}” in this plan.")
        last = s.exec(select(func.max(ReportingPeriod.position))
                      .where(ReportingPeriod.plan_id == plan_id)).one()
        parsed = parse_target(label)
        period = ReportingPeriod(plan_id=plan_id, label=label, position=(last or 0) + 1,
                                 starts_on=parsed.due.replace(day=1) if parsed.due else None)
        s.add(period)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "period", "", "label", None, label, "create")
        return id_of(period)


def set_status(
    store: Store, plan_id: int, ref: str, period_label: str | None, rating: str | None, *,
    progress: str | None = None, reason: str | None = None, by: str | None = None,
    session: Session | None = None,
) -> None:
    """Set one action's rating for a period: a front door to :func:`services.status.set_rating`,
    which alone writes ratings and applies the plan's rules."""
    from wsoa_desktop.services import status

    status.set_rating(store, plan_id, ref, period_label, rating, progress=progress, reason=reason,
                      by=by, session=session)
