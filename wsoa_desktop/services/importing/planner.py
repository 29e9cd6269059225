"""Check what an import would create, before anything is written (the dry run).

Every row is checked the way the services check a typed edit: a reference like
``1.2.3`` used once, text for every action, a rating the plan's scheme knows
(``Yellow`` is Amber), a parent for every sub-action. Problems carry the row and
reference so an officer can fix the file; a plan with any problem is not imported.
A priority missing from the file (a spreadsheet of actions only) is added as
“Priority N”, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME, RatingScheme
from wsoa_desktop.domain.refs import normalise_ref, parent_ref, ref_key, ref_level, split_ref
from wsoa_desktop.domain.target_dates import TargetDate, parse_target
from wsoa_desktop.services.importing.rows import SourceTable, split_leads

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True)
class Problem:
    where: str
    ref: str
    message: str

    def __str__(self) -> str:
        place = ", ".join(x for x in (self.where, self.ref and f"ref {self.ref}") if x)
        return f"{place}: {self.message}" if place else self.message


@dataclass
class PlannedItem:
    """One priority, action or sub-action the import would create."""

    ref: str
    level: int
    where: str
    text: str = ""  # a priority's area of concern; an action's description
    title: str = ""  # a priority's title
    lead_officers: str = ""
    outcome_statement: str = ""
    leads: list[str] = field(default_factory=list)
    lead_text: str = ""
    target: TargetDate = field(default_factory=lambda: TargetDate(""))
    rating: str | None = None
    progress: str = ""
    outcomes: list[str] = field(default_factory=list)
    impact_measures_heading: str = ""
    impact_measures: list[str] = field(default_factory=list)
    added: bool = False  # not in the file: a priority the import adds


@dataclass
class ImportPlan:
    title: str
    source: str
    period: str | None
    items: list[PlannedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.items)

    def count(self, level: int) -> int:
        return sum(1 for i in self.items if i.level == level)

    @property
    def ratings(self) -> int:
        return sum(1 for i in self.items if i.rating)

    def item_lines(self) -> list[str]:
        return [item_line(i) for i in self.items]

    def report_lines(self) -> list[str]:
        lines = [f"Plan “{self.title}” from {self.source}",
                 f"Would create {self.count(1)} priorities, {self.count(2)} actions and "
                 f"{self.count(3)} sub-actions"
                 + (f", with {self.ratings} ratings for the period “{self.period}”." if self.period else ".")]
        free_text = sum(1 for i in self.items if i.target.text.strip() and not i.target.is_parsed)
        if free_text:
            lines.append(f"{free_text} target dates are kept as text (no date could be read from them).")
        lines.extend(self.notes)
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s); nothing will be imported until they are fixed:")
            lines.extend(f"  {p}" for p in self.problems)
        elif not self.items:
            lines.append("The file holds no rows to import.")
        return lines


def item_line(item: PlannedItem) -> str:
    """One line per item the import would create: ref, text, leads, target (and its date), rating."""
    text = " ".join((item.title if item.level == 1 and not item.text else item.text).split())
    text = text if len(text) <= 70 else text[:69] + "…"
    parts = [f"{item.ref:<8} {text}"]
    if item.level > 1:
        if item.leads:
            parts.append("lead: " + "; ".join(item.leads))
        if item.target.text.strip():
            due = f" (due {item.target.due:%d/%m/%Y})" if item.target.due else " (kept as text)"
            parts.append("target: " + " ".join(item.target.text.split()) + due)
        if item.rating:
            parts.append(item.rating)
    if item.added:
        parts.append("added by the import")
    return " | ".join(parts)


def default_period(today: date | None = None) -> str:
    today = today or date.today()
    return f"{MONTHS[today.month - 1]} {today.year}"


def plan_import(table: SourceTable, *, title: str, source: str, period: str | None = None,
                scheme: RatingScheme = DEFAULT_SCHEME, today: date | None = None) -> ImportPlan:
    """Check every row of ``table``; nothing is written."""
    period_label = " ".join((period or table.period or "").split()) or None
    plan = ImportPlan(title=" ".join(title.split()), source=source, period=period_label)
    if not plan.title:
        plan.problems.append(Problem("", "", "The plan needs a title: give the new plan a title when you import it."))
    for where, ref, message in table.problems:
        plan.problems.append(Problem(where, ref, message))

    semicolons = any(";" in row.lead for row in table.rows if "." in row.ref)
    if semicolons:
        plan.notes.append("This file separates leads with “;”, so only “;” and line breaks split a Lead cell "
                          "(a “/” or “,” stays part of the name).")
    seen: dict[str, str] = {}
    by_ref: dict[str, PlannedItem] = {}
    for row in table.rows:
        raw = row.ref
        ref = normalise_ref(raw)
        try:
            split_ref(ref)
            level = ref_level(ref)
        except ValidationError:
            plan.problems.append(Problem(row.where, raw, f"“{raw}” is not a reference: use numbers separated by "
                                                         "dots, such as 1, 1.2 or 1.2.3."))
            continue
        if level > 3:
            plan.problems.append(Problem(row.where, ref, "A reference has at most three parts (1.2.3)."))
            continue
        if ref in seen:
            plan.problems.append(Problem(row.where, ref, f"The reference {ref} appears twice (first at "
                                                         f"{seen[ref]}). Give each row its own reference."))
            continue
        seen[ref] = row.where
        item = PlannedItem(ref, level, row.where)
        if level == 1:
            item.text = row.action
            item.title = row.priority_title or " ".join(row.action.split())[:200] or f"Priority {ref}"
            item.lead_officers = row.lead_officers or row.lead
            item.outcome_statement = row.outcome_statement
            if row.rating.strip() or row.progress.strip():
                plan.notes.append(f"{row.where}, ref {ref}: a priority has no rating or progress of its own; "
                                  "the RAG and Progress Update on this row are not imported.")
        else:
            if not row.action.strip():
                plan.problems.append(Problem(row.where, ref, "This action has no text in the Action column: "
                                                             "type what the action is."))
                continue
            item.text = row.action
            item.lead_text = row.lead
            item.leads = split_leads(row.lead, semicolons_only=semicolons)
            item.target = parse_target(row.target)
            item.progress = row.progress
            item.outcomes = list(row.outcomes)
            item.impact_measures_heading = row.impact_measures_heading
            item.impact_measures = list(row.impact_measures)
            if row.rating.strip():
                rating = scheme.match(row.rating)
                if rating is None:
                    plan.problems.append(Problem(row.where, ref, f"“{row.rating.strip()}” is not a rating in the "
                                                                 f"scheme ({', '.join(scheme.names())})."))
                    continue
                item.rating = rating.name
        by_ref[ref] = item

    for ref, item in list(by_ref.items()):
        parent = parent_ref(ref)
        if parent is None or parent in by_ref:
            continue
        if item.level == 2:
            added = PlannedItem(parent, 1, "", title=f"Priority {parent}", added=True)
            by_ref[parent] = added
            plan.notes.append(f"Priority {parent} is not in the file; it will be added as “Priority {parent}”.")
        else:
            plan.problems.append(Problem(item.where, ref, f"Sub-action {ref} has no action {parent} in the file: "
                                                          f"add a row for {parent}."))
    plan.items = sorted(by_ref.values(), key=lambda i: ref_key(i.ref))
    if (plan.period is None and any(i.rating or i.progress.strip() for i in plan.items)):
        plan.period = default_period(today)
        plan.notes.append(f"The file does not name the period of its ratings; they go into “{plan.period}” "
                          "(choose another period if that is wrong).")
    return plan
