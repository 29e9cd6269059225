"""What the committee's covering report is drafted from: the plan, the meeting, the calendar, the boards.

The covering report goes into the agenda pack with the BRAG appendix (seed 003:
a scrutiny commission's September 2022 meeting). Everything it says is
already in the database: the plan and its period's ratings, the boards and
subgroups with their chairs, the meeting it goes to with the recommendations
the officer keeps for it, and the earlier meetings that considered the plan.
This module gathers those facts in one read; :mod:`wsoa_desktop.reports.covering_content`
turns them into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.errors import NotFoundError
from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.services import governance, governance_calendar
from wsoa_desktop.services.governance import GroupView
from wsoa_desktop.services.governance_calendar import MeetingView
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import get_plan
from wsoa_desktop.store.database import Store


@dataclass(frozen=True)
class PlanFacts:
    title: str
    local_area: str = ""
    approved_by: str = ""
    governance: str = ""


@dataclass
class CoverSources:
    """Everything the covering report is drafted from."""

    plan: PlanFacts
    outline: PlanOutline
    meeting: MeetingView
    earlier: list[MeetingView] = field(default_factory=list)  # previous considerations, newest first
    later: list[MeetingView] = field(default_factory=list)  # the next meetings after this one
    groups: list[GroupView] = field(default_factory=list)
    sign_off_body: str | None = None


def choose_meeting(store: Store, plan_id: int, meeting_id: int | None, *, today: date | None = None) -> MeetingView:
    """The meeting named, or the next one in the calendar (one needing a covering report, if any does)."""
    if meeting_id is not None:
        return governance_calendar.get_meeting(store, plan_id, meeting_id)
    today = today or date.today()
    found = (governance_calendar.next_meeting(store, plan_id, today=today,
                                              needing=governance_calendar.COVERING_REPORT)
             or governance_calendar.next_meeting(store, plan_id, today=today))
    if found is None:
        raise NotFoundError("There is no meeting from today on in the plan's calendar to write the covering "
                            "report for. Add the committee's meeting to the calendar, or choose an earlier one.",
                            command_hint="List them with 'wsoa-desktop meetings' and give one with --meeting.")
    return found


def gather(store: Store, plan_id: int, period_label: str | None, meeting_id: int | None = None, *,
           today: date | None = None) -> CoverSources:
    """Read the plan (with ``period_label``'s ratings), the meeting and the governance around it."""
    meeting = choose_meeting(store, plan_id, meeting_id, today=today)
    outline = load_outline(store, plan_id, period_label)
    plan = get_plan(store, plan_id)
    later = [m for m in governance_calendar.meetings(store, plan_id, start=meeting.held_on)
             if m.id != meeting.id and (m.held_on, m.id) > (meeting.held_on, meeting.id)][:3]
    return CoverSources(
        PlanFacts(plan.title, plan.local_area, plan.approved_by, plan.governance), outline, meeting,
        governance_calendar.previous_considerations(store, plan_id, meeting), later,
        governance.groups(store, plan_id), governance.sign_off_body(store, plan_id))
