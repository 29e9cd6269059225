"""The covering report in words: drafted from the plan, the meeting and the governance around it.

Seed 003's covering report to the scrutiny committee has a front sheet
(committee and date, report title, author, summary, recommendations, list of
appendices, background papers, consideration by other committees) and a body
(background, key issues). Everything here is drafted from the database: the
officer's own purpose and recommendations for the meeting are used when kept
(Reports ▸ Covering report…), otherwise standard wording names the committee,
the plan and the period. The PDF and Word writers print this one draft, so
they cannot say different things.

Counts follow the one wording of statuses (:mod:`wsoa_desktop.domain.status_words`):
a rating carried forward and not updated this period is counted as "not
updated", never as this period's rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.outline import PlanOutline, is_overdue, rated_items
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.status_rules import worst_rating
from wsoa_desktop.domain.status_words import NOT_UPDATED, format_day, is_not_updated
from wsoa_desktop.reports.exception_items import as_at
from wsoa_desktop.services.covering_report import CoverSources
from wsoa_desktop.services.governance import BOARD, COMMITTEE, SUBGROUP, GroupView
from wsoa_desktop.services.governance_calendar import (
    BRAG_APPENDIX,
    COVERING_REPORT,
    EXCEPTIONS,
    SCORECARD,
)

NOT_UPDATED_COLUMN = "Not updated"
NOT_RATED_COLUMN = "Not rated"
ACTION_PLAN = "Action plan"


@dataclass
class CountRow:
    """One priority's (or the total's) items by rating this period."""

    label: str
    by_rating: dict[str, int]
    not_updated: int = 0
    not_rated: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_rating.values()) + self.not_updated + self.not_rated


@dataclass
class KeyIssue:
    """A numbered paragraph of the key issues, with bullets under it (the subgroups and their chairs)."""

    text: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class CoveringReport:
    """The drafted report; every list is printed in order, one paragraph or row per entry."""

    document_title: str
    committee: str
    meeting_date: date
    period_label: str
    report_title: str
    author: str
    purpose: list[str]
    recommendations: list[str]
    appendices: list[str]
    background_papers: list[str]
    considerations: list[str]
    background: list[str]
    key_issues: list[KeyIssue]
    rating_names: list[str]
    counts: list[CountRow]
    total: CountRow
    counts_note: list[str]  # not updated, overdue, direction
    at_risk_heading: str
    at_risk: list[str]  # items at the worst rating, with their reasons
    next_meetings: list[str]
    scheme: RatingScheme
    printed_on: date
    plan_title: str = ""
    legend_notes: list[str] = field(default_factory=list)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def count_rows(outline: PlanOutline, today: date) -> tuple[list[CountRow], CountRow]:
    """Items by rating per priority and in total; carried-forward ratings counted as not updated."""
    names = outline.scheme.names()
    rows = []
    total = CountRow("Total", {n: 0 for n in names})
    for p in outline.priorities:
        row = CountRow(f"{p.ref}. {p.title or p.area_of_concern}".strip(), {n: 0 for n in names})
        for node in rated_items(p.actions):
            rating = outline.scheme.match(node.rating)
            if rating is None:
                row.not_rated += 1
            elif is_not_updated(node.status):
                row.not_updated += 1
            else:
                row.by_rating[rating.name] += 1
            if is_overdue(node, today, outline.scheme):
                row.overdue += 1
        rows.append(row)
        for n in names:
            total.by_rating[n] += row.by_rating[n]
        total.not_updated += row.not_updated
        total.not_rated += row.not_rated
        total.overdue += row.overdue
    return rows, total


def _direction(outline: PlanOutline) -> str:
    if outline.previous_period is None:
        return ""
    better = worse = same = 0
    for node in outline.rated_items():
        if is_not_updated(node.status) or not node.previous:
            continue
        now, before = outline.scheme.match(node.rating), outline.scheme.match(node.previous.rating)
        if now is None or before is None:
            continue
        moved = 0 if now.name == before.name else outline.scheme.compare(before.name, now.name)
        better, worse, same = better + (moved > 0), worse + (moved < 0), same + (moved == 0)
    return (f"Compared with {outline.previous_period.label}: {_plural(better, 'item')} improved, "
            f"{same} stayed the same and {worse} got worse.")


def _chairs(g: GroupView) -> str:
    names = [m.text.split(",")[0].strip() for m in g.chairs]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _group_lines(groups: list[GroupView]) -> list[str]:
    out = []
    for g in [g for g in groups if g.kind == BOARD] + [g for g in groups if g.kind == SUBGROUP]:
        chairs = _chairs(g)
        lead = f" (priority {g.priority_ref})" if g.priority_ref else ""
        role = " – approves the closure of completed actions" if g.signs_off else ""
        out.append(f"{g.name}{lead}" + (f" – chaired by {chairs}" if chairs else "") + role)
    return out


def appendix_titles(sources: CoverSources) -> list[str]:
    """The appendices the meeting needs, numbered, from its list of reports (the plan and the BRAG
    appendix when it lists none the app prints)."""
    title, period = sources.plan.title, sources.outline.period.label if sources.outline.period else ""
    named = {
        ACTION_PLAN.casefold(): title,
        BRAG_APPENDIX.casefold(): f"BRAG rating of progress of {title}" + (f" – {period}" if period else ""),
        EXCEPTIONS.casefold(): "Exception report: Red, Amber, overdue and worsened items"
                               + (f" – {period}" if period else ""),
        SCORECARD.casefold(): "Impact measures scorecard",
    }
    chosen: list[str] = []
    for report in sources.meeting.reports:
        key = report.casefold()
        if key == COVERING_REPORT.casefold():
            continue
        if key in named:
            chosen.append(named[key])
        elif key.startswith(("highlight report:", "spotlight:")):
            chosen.append(report + (f" – {period}" if period else ""))
        else:
            chosen.append(report)
    if not any(c in (named[ACTION_PLAN.casefold()], named[BRAG_APPENDIX.casefold()]) for c in chosen):
        chosen = [named[ACTION_PLAN.casefold()], named[BRAG_APPENDIX.casefold()]] + chosen
    return [f"Appendix {i} – {c}" for i, c in enumerate(chosen, start=1)]


def default_purpose(sources: CoverSources) -> str:
    period = sources.outline.period.label if sources.outline.period else "the latest period"
    approved = f", approved by {sources.plan.approved_by}," if sources.plan.approved_by else ""
    return (f"This report provides the {sources.meeting.body} with an update on progress of the "
            f"{sources.plan.title}{approved} as at {period}.")


def default_recommendations(sources: CoverSources) -> list[str]:
    committee = sources.meeting.body
    return [f"That the {committee} notes the update on the progress of the {sources.plan.title}.",
            f"That continued updates on the progress of the plan are provided to the {committee}."]


def draft(sources: CoverSources, *, author: str = "", printed_on: date | None = None) -> CoveringReport:
    """The covering report for ``sources.meeting``: the officer's kept text, standard wording elsewhere."""
    printed_on = printed_on or date.today()
    outline, meeting, plan = sources.outline, sources.meeting, sources.plan
    period = outline.period.label if outline.period else ""
    scheme = outline.scheme
    overdue_on = as_at(outline, printed_on)
    rows, total = count_rows(outline, overdue_on)
    appendices = appendix_titles(sources)
    purpose = [p for p in meeting.purpose.split("\n") if p.strip()] or [default_purpose(sources)]
    recommendations = meeting.recommendations or default_recommendations(sources)
    considerations = [f"{m.body} – {format_day(m.held_on)}" + (f": {m.outcome}" if m.outcome else "")
                      + ("".join(f"\n{d}" for d in m.decisions)) for m in sources.earlier]
    background = [f"The {plan.title} sets out the actions the local area{f' of {plan.local_area}' if plan.local_area else ''} "
                  f"is taking" + (f"; it was approved by {plan.approved_by}." if plan.approved_by else ".")]
    if plan.governance:
        background.append(plan.governance)
    if sources.earlier:
        last = sources.earlier[0]
        background.append(f"This report follows the update considered by the {last.body} on "
                          f"{format_day(last.held_on)}" + (f" and reports progress as at {period}." if period
                                                           else "."))
    key: list[KeyIssue] = []
    boards = [g for g in sources.groups if g.kind == BOARD]
    subgroups = [g for g in sources.groups if g.kind == SUBGROUP]
    if boards:
        signer = sources.sign_off_body
        key.append(KeyIssue(
            "Delivery and accountability are overseen by " + " and ".join(f"the {b.name}" for b in boards[:2])
            + (f"; completed actions are closed with the approval of the {signer}." if signer else ".")))
    if subgroups or boards:
        key.append(KeyIssue(f"Each priority is delivered by a workstream subgroup "
                            f"({_plural(len(subgroups), 'subgroup')}). The boards, the subgroups and their "
                            "chairs are:" if subgroups else "The boards and their chairs are:",
                            _group_lines(sources.groups)))
    rated = total.total - total.not_rated
    shown = ", ".join(f"{total.by_rating[n]} {n}" for n in scheme.names() if total.by_rating[n])
    if total.not_updated:
        shown += f"{', ' if shown else ''}{total.not_updated} {NOT_UPDATED}"
    key.append(KeyIssue(f"As at {period or 'the latest period'}, {rated} of the plan's {_plural(total.total, 'item')} "
                        f"carr{'ies' if rated == 1 else 'y'} a rating" + (f" ({shown})" if shown else "")
                        + ". The table below gives the counts by priority."))
    notes = []
    if total.not_updated:
        were = "was" if total.not_updated == 1 else "were"
        notes.append(f"{_plural(total.not_updated, 'rating')} {were} carried forward from an earlier period and "
                     f"{NOT_UPDATED} this period; the appendix marks {'it' if total.not_updated == 1 else 'them'} "
                     f"“{NOT_UPDATED}”.")
    else:
        notes.append("Every rating was updated this period.")
    notes.append(f"{_plural(total.overdue, 'item')} {'is' if total.overdue == 1 else 'are'} past the target date "
                 f"and not complete (as at {format_day(overdue_on)}).")
    direction = _direction(outline)
    if direction:
        notes.append(direction)
    worst = worst_rating(scheme)
    at_risk = []
    if worst:
        for node in outline.rated_items():
            if node.rating and scheme.match(node.rating) and scheme.match(node.rating).name == worst:
                reason = node.status.reason.strip() if node.status else ""
                at_risk.append(f"{node.ref} {node.description}" + (f" – {reason}" if reason else ""))
    next_meetings = [f"{m.body} – {format_day(m.held_on)}" for m in sources.later]
    committees = ", ".join(g.name for g in sources.groups if g.kind == COMMITTEE and g.name != meeting.body)
    if committees:
        key.append(KeyIssue(f"Progress is also reported to {committees}."))
    brag = next((a for a in appendices if " – BRAG rating of progress" in a), None)
    if brag:
        key.append(KeyIssue(f"{brag.split(' – ')[0]} gives the progress of every action in the plan."))
    report_title = f"{plan.title} – update" + (f", {period}" if period else "")
    return CoveringReport(
        document_title=f"Covering report: {meeting.body}, {format_day(meeting.held_on)}",
        committee=meeting.body, meeting_date=meeting.held_on, period_label=period, report_title=report_title,
        author=author, purpose=purpose, recommendations=list(recommendations), appendices=appendices,
        background_papers=list(meeting.background_papers), considerations=considerations,
        background=background, key_issues=key, rating_names=scheme.names(), counts=rows,
        total=total, counts_note=notes, at_risk_heading=f"Items rated {worst}" if worst else "",
        at_risk=at_risk, next_meetings=next_meetings, scheme=scheme,
        printed_on=printed_on, plan_title=plan.title)
