"""The governance calendar: the boards and meetings the plan reports to, and what each needs.

From the Rotherham WSOA's monitoring section: the SEND Executive Board meets
monthly and takes a "spotlight" from one subgroup chair in turn, with highlight
reports from the other three; DfE and NHS England review progress quarterly
with the partners; the council's scrutiny committee (the Improving Lives Select
Commission) takes the BRAG appendix on its own dates. Each meeting row says
which reports it needs and who owes them, so the main window can show what is
due next and for whom.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, dump_list, load_list, transaction
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Meeting, Priority, Subgroup, SubgroupMember, id_of

EXECUTIVE_BOARD = "SEND Executive Board"
QUARTERLY_REVIEW = "DfE and NHS England quarterly review"
SCRUTINY = "Improving Lives Select Commission"
BRAG_APPENDIX = "BRAG appendix"
SCORECARD = "Quarterly impact scorecard"
EXCEPTIONS = "Exceptions report"


@dataclass(frozen=True)
class MeetingView:
    id: int
    body: str
    held_on: date
    reports: list[str]
    for_whom: str
    note: str


def _view(m: Meeting) -> MeetingView:
    return MeetingView(id_of(m), m.body, m.held_on, load_list(m.reports), m.for_whom, m.note)


def same_weekday_in_month(first: date, months_later: int) -> date:
    """The same "nth weekday" (e.g. second Wednesday) ``months_later`` months on."""
    nth = (first.day - 1) // 7
    month0 = first.month - 1 + months_later
    year, month = first.year + month0 // 12, month0 % 12 + 1
    offset = (first.weekday() - date(year, month, 1).weekday()) % 7
    day = 1 + offset + 7 * nth
    last = calendar.monthrange(year, month)[1]
    while day > last:
        day -= 7
    return date(year, month, day)


def add_meeting(store: Store, plan_id: int, body: str, held_on: date, *, reports: list[str] | None = None,
                for_whom: str = "", note: str = "", by: str | None = None,
                session: Session | None = None) -> int:
    """One date in the calendar; the same body on the same day is refused."""
    body = " ".join((body or "").split())
    if not body:
        raise ValidationError("Name the board or committee that meets.")
    if held_on is None:
        raise ValidationError("Give the date of the meeting.")
    with transaction(store, session) as s:
        if s.exec(select(Meeting.id).where(Meeting.plan_id == plan_id, Meeting.body == body,
                                           Meeting.held_on == held_on)).first():
            raise ValidationError(f"{body} already meets on {held_on:%d %B %Y} in the calendar.")
        m = Meeting(plan_id=plan_id, body=body, held_on=held_on, reports=dump_list(reports or []),
                    for_whom=for_whom, note=note)
        s.add(m)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "meeting", "", body, None,
                     f"{held_on.isoformat()}: {', '.join(reports or [])}", "create")
        return id_of(m)


def _rota(s: Session, plan_id: int) -> list[tuple[str, str]]:
    """(subgroup, its chairs) in rota order; the priorities when no subgroups are recorded."""
    groups = s.exec(select(Subgroup).where(Subgroup.plan_id == plan_id, Subgroup.kind == "subgroup")
                    .order_by(col(Subgroup.position))).all()
    out = []
    for g in groups:
        chairs = s.exec(select(SubgroupMember.text).where(SubgroupMember.subgroup_id == g.id,
                                                          SubgroupMember.is_chair == True)  # noqa: E712
                        .order_by(col(SubgroupMember.position))).all()
        out.append((g.name, "; ".join(c.split(",")[0] for c in chairs)))
    if not out:
        out = [(f"Priority {p.ref}", p.lead_officers) for p in s.exec(
            select(Priority).where(Priority.plan_id == plan_id).order_by(col(Priority.sort_key)))]
    return out


def plan_meetings(store: Store, plan_id: int, first_board: date, *, months: int = 12,
                  first_review: date | None = None, by: str | None = None) -> int:
    """Fill the calendar: a monthly Executive Board with the spotlight rota, and quarterly reviews.

    Boards fall on the same weekday of the month as ``first_board`` (e.g. every
    second Wednesday). Dates already in the calendar are left alone, so running
    this again for the next year adds only what is missing. Returns how many were added.
    """
    if months < 1 or months > 36:
        raise ValidationError("Plan between 1 and 36 months of meetings at a time.")
    added = 0
    with store.write() as s:
        rota = _rota(s, plan_id)
        existing = {(m.body, m.held_on) for m in s.exec(select(Meeting).where(Meeting.plan_id == plan_id))}
        wanted: list[tuple[str, date, list[str], str, str]] = []
        for i in range(months):
            when = same_weekday_in_month(first_board, i)
            if rota:
                name, chairs = rota[i % len(rota)]
                others = [g for g, _ in rota if g != name]
                reports = [BRAG_APPENDIX, f"Spotlight: {name}"] + [f"Highlight report: {g}" for g in others]
                whom = f"Spotlight from {chairs or name}; highlight reports from the other chairs"
                wanted.append((EXECUTIVE_BOARD, when, reports, whom, f"Spotlight: {name}"))
            else:
                wanted.append((EXECUTIVE_BOARD, when, [BRAG_APPENDIX], "WSOA officer", ""))
        if first_review is not None:
            for q in range(0, months, 3):
                wanted.append((QUARTERLY_REVIEW, same_weekday_in_month(first_review, q),
                               [BRAG_APPENDIX, SCORECARD, EXCEPTIONS],
                               "WSOA officer with the SEND partners and the Parent Carers Forum", ""))
        for body, when, reports, whom, note in wanted:
            if (body, when) in existing:
                continue
            add_meeting(store, plan_id, body, when, reports=reports, for_whom=whom, note=note, by=by, session=s)
            added += 1
    return added


def add_scrutiny_dates(store: Store, plan_id: int, dates: list[date], *, committee: str = SCRUTINY,
                       by: str | None = None) -> int:
    """The scrutiny committee's dates (set by the council), each needing the BRAG appendix."""
    with store.write() as s:
        for d in dates:
            add_meeting(store, plan_id, committee, d, reports=[BRAG_APPENDIX, "Covering report"],
                        for_whom="WSOA officer, for the agenda pack", by=by, session=s)
    return len(dates)


def meetings(store: Store, plan_id: int, *, start: date | None = None, end: date | None = None) -> list[MeetingView]:
    with store.session() as s:
        q = select(Meeting).where(Meeting.plan_id == plan_id)
        if start is not None:
            q = q.where(Meeting.held_on >= start)
        if end is not None:
            q = q.where(Meeting.held_on <= end)
        return [_view(m) for m in s.exec(q.order_by(col(Meeting.held_on), col(Meeting.id)))]


def due_next(store: Store, plan_id: int, *, today: date | None = None, limit: int = 3) -> list[MeetingView]:
    """The next meetings from today, soonest first: what is due and for whom."""
    return meetings(store, plan_id, start=today or date.today())[:limit]


def remove_meeting(store: Store, plan_id: int, meeting_id: int, *, by: str | None = None) -> None:
    with store.write() as s:
        m = s.get(Meeting, meeting_id)
        if m is None or m.plan_id != plan_id:
            raise NotFoundError(f"There is no meeting {meeting_id} in this plan's calendar.")
        audit.record(s, plan_id, by or default_user(), "meeting", "", m.body, m.held_on.isoformat(), None,
                     "delete")
        s.delete(m)
