"""The monthly update round: open a period, rate each sub-action, close the period.

A new period starts as a copy of the last one: every rating and progress text is
carried forward and marked ``carried_forward`` ("not yet updated"), so the officer
sees last month's position and only changes what moved. The copy is one
``INSERT … SELECT`` so a 5,000-sub-action plan opens a period in milliseconds.

A closed period is the record of what was reported: nothing that writes period
data (ratings, forms, sign-offs) may change it until it is reopened.

The rule "a change for the worse, or to Red, needs a reason" lives here, so the
command line, the update-round view and the lead forms all obey it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.services import audit
from wsoa_desktop.services import periods as periods_service
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import find_action
from wsoa_desktop.services.plans import load_scheme
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import RatingRow, ReportingPeriod, StatusUpdate

# The round's flags, in the words the officer sees.
OVERDUE = "overdue"
NOT_UPDATED = "not updated this period"
AWAITING_SIGN_OFF = "awaiting sign-off"
NO_REASON = "no reason given"

ORDER_PRIORITY = "priority"
ORDER_LEAD = "lead"


# Periods --------------------------------------------------------------------------------


def ensure_open(period: ReportingPeriod) -> None:
    """Refuse any write to a closed period's data."""
    if period.is_closed:
        raise ValidationError(f"The period “{period.label}” is closed: what was reported then cannot "
                              "change. Reopen it first, or work in the current period.")


def new_period(store: Store, plan_id: int, label: str, *, by: str | None = None,
               session: Session | None = None) -> int:
    """Add the next period, carrying every rating and progress text forward from the last.

    Carried rows keep who last wrote them and when (that is still true of the
    text), with ``carried_forward`` set until someone updates them.
    """
    who = by or default_user()
    with transaction(store, session) as s:
        previous = s.exec(select(ReportingPeriod).where(ReportingPeriod.plan_id == plan_id)
                          .order_by(col(ReportingPeriod.position).desc())).first()
        period_id = periods_service.add_period(store, plan_id, label, by=who, session=s)
        if previous is not None:
            result = s.execute(text(
                "INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, "
                "updated_by, updated_at, carried_forward) "
                "SELECT su.action_id, :new, su.rating_id, su.progress, su.reason, su.updated_by, "
                "su.updated_at, 1 FROM status_update su WHERE su.period_id = :old"),
                {"new": period_id, "old": previous.id})
            audit.record(s, plan_id, who, "period", "", "carried forward", previous.label,
                         f"{label}: {result.rowcount} ratings carried forward", "create")
        return period_id


def _set_closed(store: Store, plan_id: int, label: str, closed: bool, by: str | None) -> None:
    with store.write() as s:
        period = periods_service.find_period(s, plan_id, label)
        if period.is_closed == closed:
            state = "closed" if closed else "open"
            raise ValidationError(f"The period “{period.label}” is already {state}.")
        audit.record(s, plan_id, by or default_user(), "period", "", f"closed {period.label}",
                     "yes" if period.is_closed else "no", "yes" if closed else "no")
        period.is_closed = closed


def close_period(store: Store, plan_id: int, label: str, *, by: str | None = None) -> None:
    """Make a period read-only: it is what was reported."""
    _set_closed(store, plan_id, label, True, by)


def reopen_period(store: Store, plan_id: int, label: str, *, by: str | None = None) -> None:
    _set_closed(store, plan_id, label, False, by)


# Ratings --------------------------------------------------------------------------------


def worst_rating(scheme: RatingScheme) -> str | None:
    """The scheme's most severe rating (Red in BRAG), which always needs a reason."""
    rated = [r for r in scheme.ratings if not r.is_not_started]
    return max(rated, key=lambda r: r.severity).name if rated else None


def needs_reason(scheme: RatingScheme, previous: str | None, new: str | None) -> bool:
    """A change of rating for the worse, or to the worst rating, must say why."""
    new_def = scheme.match(new)
    if new_def is None:
        return False
    old_def = scheme.match(previous)
    if old_def is not None and old_def.name == new_def.name:
        return False
    return new_def.name == worst_rating(scheme) or scheme.compare(previous, new) < 0


def _previous_rating(s: Session, plan_id: int, period: ReportingPeriod, action_id: int) -> str | None:
    row = s.execute(text(
        "SELECT r.name FROM status_update su JOIN reporting_period p ON p.id = su.period_id "
        "LEFT JOIN rating r ON r.id = su.rating_id WHERE su.action_id = :a AND p.plan_id = :plan "
        "AND p.position < :pos ORDER BY p.position DESC LIMIT 1"),
        {"a": action_id, "plan": plan_id, "pos": period.position}).first()
    return row[0] if row else None


def rate(
    store: Store, plan_id: int, ref: str, period_label: str | None, rating: str | None, *,
    progress: str | None = None, reason: str | None = None, by: str | None = None,
    session: Session | None = None,
) -> None:
    """Set one item's rating for a period, asking for a reason when it gets worse or turns Red.

    The reason is compared against the previous period's rating (the direction of
    travel the committee sees). A reason carried forward from last month does not
    count for a new change.
    """
    who = by or default_user()
    with transaction(store, session) as s:
        period = periods_service.find_period(s, plan_id, period_label)
        ensure_open(period)
        action = find_action(s, plan_id, ref)
        scheme = load_scheme(s, plan_id)
        current = s.exec(select(StatusUpdate).where(StatusUpdate.action_id == action.id,
                                                    StatusUpdate.period_id == period.id)).first()
        current_rating = (s.get(RatingRow, current.rating_id).name
                          if current is not None and current.rating_id else None)
        new_def = scheme.match(rating) if rating else None
        new_name = new_def.name if new_def else None
        previous = _previous_rating(s, plan_id, period, int(action.id))
        given = (reason or "").strip()
        kept = (current.reason if current is not None and not current.carried_forward
                and current_rating == new_name else "")
        if not given and not kept and needs_reason(scheme, previous, new_name):
            was = f"from {previous} " if previous else ""
            raise ValidationError(
                f"{action.ref}: the rating goes {was}to {new_name}. Give a reason "
                "(for example with --reason \"…\").", ref=action.ref)
        if reason is not None:
            new_reason: str | None = reason
        elif current is not None and current_rating != new_name:
            new_reason = ""  # the old reason explained the old rating, not this one
        else:
            new_reason = None
        old_reason = current.reason if current is not None else ""
        periods_service.set_status(store, plan_id, action.ref, period.label, rating, progress=progress,
                                   reason=new_reason, by=who, session=s)
        if new_reason is not None and new_reason != old_reason:
            audit.record(s, plan_id, who, "status", action.ref, f"reason {period.label}",
                         old_reason, new_reason)


@dataclass(frozen=True)
class StatusState:
    """Everything about one item's status in one period, to put it back exactly (undo)."""

    exists: bool
    rating: str | None = None
    progress: str = ""
    reason: str = ""
    carried_forward: bool = False


def status_state(store: Store, plan_id: int, ref: str, period_label: str | None) -> StatusState:
    with store.session() as s:
        period = periods_service.find_period(s, plan_id, period_label)
        action = find_action(s, plan_id, ref)
        row = s.exec(select(StatusUpdate).where(StatusUpdate.action_id == action.id,
                                                StatusUpdate.period_id == period.id)).first()
        if row is None:
            return StatusState(False)
        rating = s.get(RatingRow, row.rating_id).name if row.rating_id else None
        return StatusState(True, rating, row.progress, row.reason, row.carried_forward)


def restore_status(store: Store, plan_id: int, ref: str, period_label: str | None, state: StatusState, *,
                   by: str | None = None) -> None:
    """Put a status back as it was (undo): no reason rule, since it was valid before. Audited."""
    who = by or default_user()
    with store.write() as s:
        period = periods_service.find_period(s, plan_id, period_label)
        ensure_open(period)
        action = find_action(s, plan_id, ref)
        periods_service.set_status(store, plan_id, action.ref, period.label, state.rating,
                                   progress=state.progress, reason=state.reason, by=who, session=s)
        s.flush()
        row = s.exec(select(StatusUpdate).where(StatusUpdate.action_id == action.id,
                                                StatusUpdate.period_id == period.id)).one()
        if not state.exists:
            audit.record(s, plan_id, who, "status", action.ref, f"status {period.label}", "set", None,
                         "delete")
            s.delete(row)
        else:
            row.carried_forward = state.carried_forward


# The round ------------------------------------------------------------------------------


@dataclass
class RoundItem:
    """One item to update in the round, with what it was last period and its flags."""

    node: ActionNode
    lead: str
    flags: list[str] = field(default_factory=list)
    direction: int = 0  # +1 better, -1 worse, 0 same or not comparable
    signed_off: bool = False

    @property
    def ref(self) -> str:
        return self.node.ref


def signed_off_ids(store: Store, plan_id: int) -> set[int]:
    con = store.raw()
    try:
        return {r[0] for r in con.execute(
            "SELECT DISTINCT so.action_id FROM sign_off so JOIN action a ON a.id = so.action_id "
            "WHERE a.plan_id = ?", (plan_id,))}
    finally:
        con.close()


def item_flags(node: ActionNode, scheme: RatingScheme, today: date, signed_off: bool) -> list[str]:
    """Overdue, not updated this period, Blue awaiting sign-off, Red without a reason."""
    flags: list[str] = []
    rating = scheme.match(node.rating) if node.rating else None
    if node.target.is_overdue(today) and not (rating and rating.is_complete):
        flags.append(OVERDUE)
    if node.status is None or node.status.carried_forward:
        flags.append(NOT_UPDATED)
    if rating is not None and rating.is_complete and not signed_off:
        flags.append(AWAITING_SIGN_OFF)
    if rating is not None and rating.name == worst_rating(scheme) and not node.status.reason.strip():  # type: ignore[union-attr]
        flags.append(f"{rating.name} without a reason")
    return flags


def round_items(outline: PlanOutline, signed_off: set[int], *, order: str = ORDER_PRIORITY,
                today: date | None = None, flagged_only: bool = False) -> list[RoundItem]:
    """The items that carry ratings, in the walk order, each with its flags.

    Items already complete and signed off in the previous period drop out: they
    need no more updates.
    """
    today = today or date.today()
    scheme = outline.scheme
    items: list[RoundItem] = []
    for node in outline.rated_items():
        before = scheme.match(node.previous.rating) if node.previous else None
        if before is not None and before.is_complete and node.id in signed_off:
            continue
        lead = node.leads[0] if node.leads else (node.lead_text or "")
        item = RoundItem(node, lead, item_flags(node, scheme, today, node.id in signed_off),
                         scheme.compare(node.previous.rating if node.previous else None, node.rating),
                         node.id in signed_off)
        if flagged_only and not item.flags:
            continue
        items.append(item)
    if order == ORDER_LEAD:
        items.sort(key=lambda i: (i.lead.casefold() or "\uffff"))  # stable: plan order within a lead
    elif order != ORDER_PRIORITY:
        raise ValidationError(f"Walk the round by “{ORDER_PRIORITY}” or “{ORDER_LEAD}”, not “{order}”.")
    return items


def load_round(store: Store, plan_id: int, period_label: str | None = None, *,
               order: str = ORDER_PRIORITY, today: date | None = None) -> tuple[PlanOutline, list[RoundItem]]:
    """The outline for a period and its round, ready for the update view."""
    outline = load_outline(store, plan_id, period_label)
    return outline, round_items(outline, signed_off_ids(store, plan_id), order=order, today=today)
