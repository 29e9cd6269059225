"""The governance calendar: the meetings the plan reports to, what each needs, and what each decided.

From the Rotherham WSOA's monitoring section: the plan's executive board meets
monthly and takes a "spotlight" from one subgroup chair in turn, with highlight
reports from the other three; the government's reviewers meet the partners quarterly
with the partners; the council's scrutiny committee takes the BRAG appendix
and a covering report on its own dates. Each meeting says which reports it
needs and who owes them, so the main window can show what is due next, and
after the meeting it keeps the outcome (the minute as written) and the
decisions. The covering report's purpose, recommendations and background
papers are kept with the meeting they go to.

The boards' names are the plan's (Plan ▸ Boards and people…): planning the
monthly boards uses the board that signs off actions unless another is named.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, dump_list, load_list, transaction
from wsoa_desktop.services.governance import read_sign_off_body
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Meeting, Priority, Subgroup, SubgroupMember, id_of

BRAG_APPENDIX = "BRAG appendix"
COVERING_REPORT = "Covering report"
SCORECARD = "Quarterly impact scorecard"
EXCEPTIONS = "Exceptions report"


@dataclass(frozen=True)
class MeetingFields:
    """Everything the officer records about a meeting (lists hold one entry per line)."""

    body: str
    held_on: date
    reports: tuple[str, ...] = ()
    for_whom: str = ""
    note: str = ""
    outcome: str = ""
    decisions: tuple[str, ...] = ()
    purpose: str = ""
    recommendations: tuple[str, ...] = ()
    background_papers: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingView:
    id: int
    body: str
    held_on: date
    reports: list[str]
    for_whom: str
    note: str
    outcome: str = ""
    decisions: list[str] = field(default_factory=list)
    purpose: str = ""
    recommendations: list[str] = field(default_factory=list)
    background_papers: list[str] = field(default_factory=list)
    #: The saved row's version: what an edit made on this view names as seen (two officers at once).
    version: int = field(default=0, compare=False)

    def fields(self) -> MeetingFields:
        return MeetingFields(self.body, self.held_on, tuple(self.reports), self.for_whom, self.note, self.outcome,
                             tuple(self.decisions), self.purpose, tuple(self.recommendations),
                             tuple(self.background_papers))

    @property
    def is_recorded(self) -> bool:
        """Has the meeting's outcome or a decision been written down?"""
        return bool(self.outcome.strip() or self.decisions)


_LISTS = ("reports", "decisions", "recommendations", "background_papers")


def _view(m: Meeting) -> MeetingView:
    return MeetingView(id_of(m), m.body, m.held_on, load_list(m.reports), m.for_whom, m.note, m.outcome or "",
                       load_list(m.decisions), m.purpose or "", load_list(m.recommendations),
                       load_list(m.background_papers), m.version)


def _lines(items: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """Entries as typed, blank ones dropped (a list is typed one entry per line)."""
    return tuple(str(i).strip() for i in (items or ()) if str(i).strip())


def _tidy(f: MeetingFields) -> MeetingFields:
    body = " ".join((f.body or "").split())
    if not body:
        raise ValidationError("Name the board or committee that meets.")
    if f.held_on is None:
        raise ValidationError("Give the date of the meeting.")
    return MeetingFields(body, f.held_on, _lines(f.reports), f.for_whom.strip(), f.note.strip(), f.outcome.strip(),
                         _lines(f.decisions), f.purpose.strip(), _lines(f.recommendations),
                         _lines(f.background_papers))


def _refuse_twice(s: Session, plan_id: int, f: MeetingFields, meeting_id: int | None) -> None:
    if s.exec(select(Meeting.id).where(Meeting.plan_id == plan_id, Meeting.body == f.body,
                                       Meeting.held_on == f.held_on, Meeting.id != (meeting_id or -1))).first():
        raise ValidationError(f"{f.body} already meets on {f.held_on.day} {f.held_on:%B %Y} in the calendar.")


def _new_meeting(plan_id: int, f: MeetingFields) -> Meeting:
    m = Meeting(plan_id=plan_id, body=f.body, held_on=f.held_on)
    for key, value in _columns(f).items():
        setattr(m, key, value)
    return m


def _columns(f: MeetingFields) -> dict[str, object]:
    return {"body": f.body, "held_on": f.held_on, "reports": dump_list(list(f.reports)), "for_whom": f.for_whom,
            "note": f.note, "outcome": f.outcome, "decisions": dump_list(list(f.decisions)), "purpose": f.purpose,
            "recommendations": dump_list(list(f.recommendations)),
            "background_papers": dump_list(list(f.background_papers))}


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
    return save_new_meeting(store, plan_id, MeetingFields(body, held_on, tuple(reports or ()), for_whom, note),
                            by=by, session=session)


def save_new_meeting(store: Store, plan_id: int, fields: MeetingFields, *, by: str | None = None,
                     session: Session | None = None) -> int:
    """A meeting with everything recorded about it (also how an undone removal comes back)."""
    f = _tidy(fields)
    with transaction(store, session) as s:
        _refuse_twice(s, plan_id, f, None)
        m = _new_meeting(plan_id, f)
        s.add(m)
        s.flush()
        audit.record(s, plan_id, by or default_user(), "meeting", "", f.body, None,
                     f"{f.held_on.isoformat()}: {', '.join(f.reports)}", "create")
        return id_of(m)


def update_meeting(store: Store, plan_id: int, meeting_id: int, fields: MeetingFields, *,
                   by: str | None = None, seen: int | None = None) -> int:
    """Change a meeting: its body, date, reports due, outcome, decisions, covering-report text.

    Returns the meeting's new version; ``seen`` is the one the officer edited (a
    meeting changed since is refused with StaleEdit).
    """
    f = _tidy(fields)
    with store.write() as s:
        m = s.get(Meeting, meeting_id)
        if m is None or m.plan_id != plan_id:
            raise NotFoundError(f"There is no meeting {meeting_id} in this plan's calendar: it may have been "
                                "removed.")
        version = claim(s, "meeting", meeting_id, seen, plan_id=plan_id, ref="", entity="meeting",
                        label=f"The {m.body} meeting on {m.held_on:%d %B %Y}")
        _refuse_twice(s, plan_id, f, meeting_id)
        before = _view(m).fields()
        who = by or default_user()
        for item in dataclass_fields(MeetingFields):
            old, new = getattr(before, item.name), getattr(f, item.name)
            if old != new:
                audit.record(s, plan_id, who, "meeting", "", f"{f.body} {f.held_on.isoformat()}: "
                             f"{item.name.replace('_', ' ')}", _text(old), _text(new))
        for key, value in _columns(f).items():
            setattr(m, key, value)
        s.add(m)
        return version


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def get_meeting(store: Store, plan_id: int, meeting_id: int) -> MeetingView:
    with store.session() as s:
        m = s.get(Meeting, meeting_id)
        if m is None or m.plan_id != plan_id:
            raise NotFoundError(f"There is no meeting {meeting_id} in this plan's calendar.",
                                command_hint="List them with 'wsoa-desktop meetings'.")
        return _view(m)


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
                  first_review: date | None = None, board: str | None = None, review_body: str | None = None,
                  by: str | None = None) -> int:
    """Fill the calendar: a monthly board with the spotlight rota, and quarterly reviews.

    ``board`` is the plan's board that takes the spotlights (by default the one
    that signs off actions); ``review_body`` names who holds the quarterly review
    when ``first_review`` is given. Boards fall on the same weekday of the month
    as ``first_board`` (e.g. every second Wednesday). Dates already in the
    calendar are left alone, so running this again for the next year adds only
    what is missing. Returns how many were added.
    """
    if months < 1 or months > 36:
        raise ValidationError("Plan between 1 and 36 months of meetings at a time.")
    review_body = " ".join((review_body or "").split())
    if first_review is not None and not review_body:
        raise ValidationError("Name the body that holds the quarterly review (for example the DfE and "
                              "NHS England progress meeting).")
    added = 0
    with store.write() as s:
        board = " ".join((board or "").split()) or read_sign_off_body(s, plan_id)
        if not board:
            raise ValidationError("Name the board that meets monthly: this plan lists no boards yet.")
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
                wanted.append((board, when, reports, whom, f"Spotlight: {name}"))
            else:
                wanted.append((board, when, [BRAG_APPENDIX], "WSOA officer", ""))
        if first_review is not None:
            for q in range(0, months, 3):
                wanted.append((review_body, same_weekday_in_month(first_review, q),
                               [BRAG_APPENDIX, SCORECARD, EXCEPTIONS],
                               "WSOA officer with the SEND partners and the Parent Carers Forum", ""))
        for body, when, reports, whom, note in wanted:
            if (body, when) in existing:
                continue
            add_meeting(store, plan_id, body, when, reports=reports, for_whom=whom, note=note, by=by, session=s)
            added += 1
    return added


def add_scrutiny_dates(store: Store, plan_id: int, dates: list[date], *, committee: str,
                       by: str | None = None) -> int:
    """The scrutiny committee's dates (set by the council), each needing the appendix and a covering report."""
    with store.write() as s:
        for d in dates:
            add_meeting(store, plan_id, committee, d, reports=[BRAG_APPENDIX, COVERING_REPORT],
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


def next_meeting(store: Store, plan_id: int, *, today: date | None = None,
                 needing: str | None = None) -> MeetingView | None:
    """The soonest meeting from today (that needs the report ``needing``, when given)."""
    for m in meetings(store, plan_id, start=today or date.today()):
        if needing is None or any(r.casefold() == needing.casefold() for r in m.reports):
            return m
    return None


def previous_considerations(store: Store, plan_id: int, meeting: MeetingView, *,
                            limit: int = 8) -> list[MeetingView]:
    """Earlier meetings that considered the plan, newest first.

    Those of the same committee, and any other whose outcome or decisions were
    recorded (a board that noted the update, a review that gave assurance).
    """
    earlier = [m for m in meetings(store, plan_id, end=meeting.held_on)
               if m.id != meeting.id and m.held_on <= meeting.held_on]
    chosen = [m for m in earlier if m.body == meeting.body or m.is_recorded]
    return sorted(chosen, key=lambda m: (m.held_on, m.id), reverse=True)[:limit]


def remove_meeting(store: Store, plan_id: int, meeting_id: int, *, by: str | None = None,
                   seen: int | None = None) -> MeetingView:
    """Take a meeting out of the calendar; returns what it held (so an undo can put it back)."""
    with store.write() as s:
        m = s.get(Meeting, meeting_id)
        if m is None or m.plan_id != plan_id:
            raise NotFoundError(f"There is no meeting {meeting_id} in this plan's calendar.")
        claim(s, "meeting", meeting_id, seen, plan_id=plan_id, ref="", entity="meeting",
              label=f"The {m.body} meeting on {m.held_on:%d %B %Y}")
        was = _view(m)
        audit.record(s, plan_id, by or default_user(), "meeting", "", m.body, m.held_on.isoformat(), None,
                     "delete")
        s.delete(m)
        return was


# -- the plan document -------------------------------------------------------------------


def meeting_documents(s: Session, plan_id: int) -> list[dict[str, object]]:
    """The calendar as the plan document writes it, oldest first, every recorded field kept."""
    out: list[dict[str, object]] = []
    for m in s.exec(select(Meeting).where(Meeting.plan_id == plan_id)
                    .order_by(col(Meeting.held_on), col(Meeting.id))):
        v = _view(m)
        entry: dict[str, object] = {"body": v.body, "held_on": v.held_on.isoformat(), "reports": v.reports,
                                    "for_whom": v.for_whom, "note": v.note}
        for key in ("outcome", "decisions", "purpose", "recommendations", "background_papers"):
            value = getattr(v, key)
            if value:
                entry[key] = value
        out.append(entry)
    return out


def add_meeting_documents(s: Session, plan_id: int, doc: dict[str, Any]) -> None:
    """Create the document's meetings in the plan, inside the caller's transaction."""
    for m in doc.get("meetings") or []:
        held_on = date.fromisoformat(str(m["held_on"])[:10])
        s.add(_new_meeting(plan_id, _tidy(MeetingFields(
            str(m["body"]), held_on, tuple(m.get("reports", [])), m.get("for_whom", ""), m.get("note", ""),
            m.get("outcome", ""), tuple(m.get("decisions", [])), m.get("purpose", ""),
            tuple(m.get("recommendations", [])), tuple(m.get("background_papers", []))))))
