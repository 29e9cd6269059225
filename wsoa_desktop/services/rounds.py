"""The monthly update round: open a period, rate each sub-action, close the period.

A new period starts as a copy of the last one: every rating and progress text is
carried forward and marked ``carried_forward`` ("not yet updated"), so the officer
sees last month's position and only changes what moved. The copy is one
``INSERT … SELECT`` so a 5,000-sub-action plan opens a period in milliseconds.

A closed period is the record of what was reported: nothing that writes period
data (ratings, forms, sign-offs) may change it until it is reopened.

Ratings themselves are written only by :mod:`wsoa_desktop.services.status`, which
holds the plan's rules (reason for worse or Red, sign-off for Blue); ``rate`` here
is its front door for the round and the command line. ``needs_reason`` and
``worst_rating`` are re-exported from the domain for the round's flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.status_rules import needs_reason as needs_reason
from wsoa_desktop.domain.status_rules import worst_rating
from wsoa_desktop.services import audit, status
from wsoa_desktop.services import periods as periods_service
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import ReportingPeriod, id_of

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
            status.carry_forward(s, plan_id, id_of(previous), period_id, " ".join(label.split()),
                                 previous.label, by=who)
        return period_id


def _set_closed(store: Store, plan_id: int, label: str, closed: bool, by: str | None, seen: int | None) -> int:
    with store.write() as s:
        period = periods_service.find_period(s, plan_id, label)
        version = claim(s, "reporting_period", id_of(period), seen, plan_id=plan_id, ref="",
                        audit_field=f"closed {period.label}", label=f"The period “{period.label}”")
        if period.is_closed == closed:
            state = "closed" if closed else "open"
            raise ValidationError(f"The period “{period.label}” is already {state}.")
        audit.record(s, plan_id, by or default_user(), "period", "", f"closed {period.label}",
                     "yes" if period.is_closed else "no", "yes" if closed else "no")
        period.is_closed = closed
        return version


def close_period(store: Store, plan_id: int, label: str, *, by: str | None = None, seen: int | None = None) -> int:
    """Make a period read-only: it is what was reported. Returns the period's version.

    ``seen`` is the period's version the officer saw: a period someone else closed
    or reopened since is refused (:class:`~wsoa_desktop.domain.errors.StaleEdit`).
    """
    return _set_closed(store, plan_id, label, True, by, seen)


def reopen_period(store: Store, plan_id: int, label: str, *, by: str | None = None, seen: int | None = None) -> int:
    """Let a closed period's ratings change again (``seen`` as for :func:`close_period`)."""
    return _set_closed(store, plan_id, label, False, by, seen)


# Ratings: all written by services/status ------------------------------------------------


def rate(
    store: Store, plan_id: int, ref: str, period_label: str | None, rating: str | None, *,
    progress: str | None = None, reason: str | None = None, by: str | None = None,
    sign_off: status.SignOffGiven | None = None, session: Session | None = None, seen: int | None = None,
) -> int:
    """Set one item's rating for a period under the plan's rules (see :mod:`services.status`).

    ``seen``: the version of the status the officer saw (0: none); returns its version after.
    """
    return status.set_rating(store, plan_id, ref, period_label, rating, progress=progress, reason=reason,
                             sign_off=sign_off, by=by, session=session, seen=seen)


StatusState = status.StatusState


def status_state(store: Store, plan_id: int, ref: str, period_label: str | None) -> StatusState:
    return status.status_state(store, plan_id, ref, period_label)


def restore_status(store: Store, plan_id: int, ref: str, period_label: str | None, state: StatusState, *,
                   by: str | None = None, seen: int | None = None) -> int:
    """Put a status back as it was (undo): no reason rule, since it was valid before. Audited.

    ``seen``: the version the undo expects (someone else's change since refuses it).
    """
    return status.put_back(store, plan_id, ref, period_label, state, by=by, seen=seen)


def not_updated_refs(store: Store, plan_id: int, period_label: str | None = None) -> list[str]:
    """The rated items whose rating in the period was carried forward and never updated."""
    outline = load_outline(store, plan_id, period_label)
    return [n.ref for n in outline.rated_items() if n.status is not None and n.status.carried_forward]


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
    with store.reading() as con:
        return {r[0] for r in con.execute(
            "SELECT DISTINCT so.action_id FROM sign_off so JOIN action a ON a.id = so.action_id "
            "WHERE a.plan_id = ?", (plan_id,))}


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
