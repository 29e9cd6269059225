"""Check what an import would create, before anything is written (the dry run).

Every row is checked the way the services check a typed edit: a reference used
once (``1.2.3``, or a named one such as ``SEND 4``), text for every action, a
rating the plan's scheme knows (``Yellow`` is Amber), a parent for every
sub-action. Problems carry the row and reference so an officer can fix the file;
a plan with any problem is not imported. What the import adds on its own (a
priority or action the file only implies, a section for named actions) is said.

Beside the plan's rows a document may carry its rating key (the scheme), an owners
table (owners by initials resolved; an owner who could be two people is listed,
never guessed), and a version history (the plan's versions). A target written
as two dates ("June 17 / Sept 17") is the original and a revision; a progress
cell of dated paragraphs is kept as the item's progress history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME, RatingScheme
from wsoa_desktop.domain.refs import (
    is_numbered,
    normalise_ref,
    parent_ref,
    ref_key,
    ref_level,
    split_ref,
)
from wsoa_desktop.domain.target_dates import TargetDate, parse_target
from wsoa_desktop.services.importing.dated_text import (
    Entry,
    day_first,
    progress_entries,
    target_steps,
)
from wsoa_desktop.services.importing.legend import scheme_from_legend
from wsoa_desktop.services.importing.owners import Owner, OwnersList
from wsoa_desktop.services.importing.placing import place_rows
from wsoa_desktop.services.importing.rows import SourceRow, SourceTable, split_leads

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

#: The shapes of document the import reads, as the message for an unknown one names them.
SHAPES = (
    "a WSOA plan table (Ref | Action | Lead | Target End Date | RAG | Progress Update)",
    "a BRAG appendix (Ref | Action | Target End Date | RAG <month>, one table per action)",
    "a joint action plan (Ref | Action | Action Owner | Target Date | Progress to Date | Status | RAG, "
    "under section headings, with its key, owners and version history)",
    "a plan exported from WSOA Desktop (.json)",
)


def shape_message(source: str, first_row: tuple[str, str] | None) -> str:
    """The one message for a document in no shape the import reads."""
    where = (f" The first row it could not place: {first_row[0]}, “{first_row[1]}”." if first_row
             else " It holds no table or rows at all.")
    return (f"{source} is not in a shape WSOA Desktop reads: no table or sheet has a header row naming "
            f"Ref and Action. It reads " + "; ".join(SHAPES) + "." + where)


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
    """One priority (or section), action or sub-action the import would create."""

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
    added: bool = False  # not in the file: a priority (or action) the import adds
    kind: str = "priority"  # for level 1: "priority" or "section"
    group_ref: str = ""  # the priority or section a named action sits under
    linked_refs: list[str] = field(default_factory=list)
    status_text: str = ""
    reason: str = ""
    #: Earlier targets, oldest first, when the cell holds a target and its revisions.
    earlier_targets: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def priority_ref(self) -> str:
        """The priority (or section) this item sits under."""
        if self.level == 1:
            return self.ref
        if self.group_ref:
            return self.group_ref
        return split_ref(self.ref)[0]


@dataclass
class PlannedVersion:
    """A line of the document's version history, to become one of the plan's versions."""

    number: int
    on: date | None
    date_text: str
    by: str
    summary: str
    where: str


@dataclass
class ImportPlan:
    title: str
    source: str
    period: str | None
    items: list[PlannedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scheme: RatingScheme = DEFAULT_SCHEME
    owners: list[Owner] = field(default_factory=list)
    versions: list[PlannedVersion] = field(default_factory=list)
    #: Owners the document leaves open (could be more than one person), with their rows.
    questions: list[Problem] = field(default_factory=list)
    #: Each owner left open, as written, and the people it could be (for the officer to choose).
    owner_options: dict[str, list[str]] = field(default_factory=dict)

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

    def groups_text(self) -> str:
        """"4 priorities", "2 sections", or "1 priorities and 2 sections"."""
        sections = sum(1 for i in self.items if i.level == 1 and i.kind == "section")
        return (f"{self.count(1)} priorities" if not sections else
                f"{sections} sections" if sections == self.count(1) else
                f"{self.count(1) - sections} priorities and {sections} sections")

    def report_lines(self) -> list[str]:
        lines = [f"Plan “{self.title}” from {self.source}",
                 f"Would create {self.groups_text()}, {self.count(2)} actions and {self.count(3)} sub-actions"
                 + (f", with {self.ratings} ratings for the period “{self.period}”." if self.period else ".")]
        free_text = sum(1 for i in self.items if i.target.text.strip() and not i.target.is_parsed)
        if free_text:
            lines.append(f"{free_text} target dates are kept as text (no date could be read from them).")
        revised = sum(len(i.earlier_targets) for i in self.items)
        if revised:
            lines.append(f"{revised} target revisions are kept (the first date written is the original).")
        entries = sum(len(i.entries) for i in self.items)
        if entries:
            lines.append(f"{entries} dated progress entries are kept as the items' progress history.")
        if self.owners:
            lines.append(f"{len(self.owners)} people from the owners table.")
        if self.versions:
            lines.append(f"{len(self.versions)} versions from the version history (numbers "
                         f"{self.versions[0].number}–{self.versions[-1].number}); the next version "
                         f"published will be {self.versions[-1].number + 1}.")
        lines.extend(self.notes)
        if self.questions:
            lines.append(f"{len(self.questions)} owner(s) could be more than one person; they are kept as "
                         "written and linked to no one until you say who each is:")
            lines.extend(f"  {q}" for q in self.questions)
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
        if item.linked_refs:
            parts.append("under " + " / ".join(item.linked_refs))
        if item.leads:
            parts.append("lead: " + "; ".join(item.leads))
        if item.target.text.strip():
            due = f" (due {item.target.due:%d/%m/%Y})" if item.target.due else " (kept as text)"
            was = f", was {' then '.join(item.earlier_targets)}" if item.earlier_targets else ""
            parts.append("target: " + " ".join(item.target.text.split()) + due + was)
        if item.rating:
            parts.append(item.rating + (f" ({' '.join(item.status_text.split())})" if item.status_text.strip()
                                        else ""))
    elif item.kind == "section":
        parts.append("section")
    if item.added:
        parts.append("added by the import")
    return " | ".join(parts)


def default_period(today: date | None = None) -> str:
    today = today or date.today()
    return f"{MONTHS[today.month - 1]} {today.year}"


class _Planner:
    """One pass over the placed rows, building items and collecting problems and notes."""

    def __init__(self, plan: ImportPlan, table: SourceTable, owners: OwnersList) -> None:
        self.plan = plan
        self.table = table
        self.owners = owners
        self.scheme = plan.scheme
        self.by_ref: dict[str, PlannedItem] = {}
        self.seen: dict[str, str] = {}
        self.group: str | None = None  # the priority or section rows are under now
        self.semicolons = any(";" in row.lead for row in table.rows if "." in row.ref)
        self.status_ratings = 0
        self.colour_ratings = 0
        self.unknown_owners: dict[str, str] = {}
        used = set()
        for row in table.rows:
            ref = normalise_ref(row.ref)
            if row.kind == "item" and is_numbered(ref):
                used.add(split_ref(ref)[0])
        self.numbers_used = used

    def problem(self, row: SourceRow, ref: str, message: str) -> None:
        self.plan.problems.append(Problem(row.where, ref, message))

    def free_number(self) -> str:
        n = 1
        while str(n) in self.numbers_used or str(n) in self.by_ref:
            n += 1
        self.numbers_used.add(str(n))
        return str(n)

    def section(self, row: SourceRow) -> None:
        ref = self.free_number()
        self.by_ref[ref] = PlannedItem(ref, 1, row.where, title=" ".join(row.action.split()), kind="section")
        self.group = ref

    def default_group(self, row: SourceRow) -> str:
        ref = self.free_number()
        self.by_ref[ref] = PlannedItem(ref, 1, row.where, title="Actions", kind="section", added=True)
        self.plan.notes.append(f"The named actions before any section heading are put in a section "
                               f"“Actions” ({ref}).")
        self.group = ref
        return ref

    def rating_of(self, row: SourceRow, ref: str) -> tuple[bool, str | None]:
        """(ok, rating name) for the row's RAG cell, its colour, or the words of its Status."""
        text = row.rating.strip()
        if text:
            found = self.scheme.match(text)
            if found is None:
                self.problem(row, ref, f"“{text}” is not a rating in the scheme ({', '.join(self.scheme.names())}).")
                return False, None
            return True, found.name
        if row.rating_colour:
            found = self.scheme.match(row.rating_colour)
            if found is None:
                self.problem(row, ref, f"The RAG cell is coloured {row.rating_colour}, which is not a rating in "
                                       f"the scheme ({', '.join(self.scheme.names())}). Type the rating in it.")
                return False, None
            self.colour_ratings += 1
            return True, found.name
        first = (row.status_text.strip().splitlines() or [""])[0].strip().rstrip("*").strip()
        found = self.scheme.match(first) if first else None
        if found is not None:
            self.status_ratings += 1
            return True, found.name
        return True, None

    def leads_of(self, row: SourceRow, ref: str) -> list[str]:
        if not self.owners:
            return split_leads(row.lead, semicolons_only=self.semicolons)
        found = self.owners.resolve(row.lead)
        for written, candidates in found.unsure:
            self.plan.owner_options.setdefault(written, [o.name for o in candidates])
            self.plan.questions.append(Problem(row.where, ref, f"“{written}” could be " + " or ".join(
                f"{o.initials or o.written_name} {o.name}" + (f", {o.position}" if o.position else "")
                for o in candidates) + "."))
        for written in found.unknown:
            self.unknown_owners.setdefault(written, row.where)
        return found.names

    def item(self, row: SourceRow) -> None:
        raw = row.ref_cell or row.ref
        ref = normalise_ref(row.ref)
        try:
            split_ref(ref)
            level = ref_level(ref)
        except ValidationError:
            if row.ref_cell and len(row.linked_refs) > 1:
                self.problem(row, raw.replace("\n", " / "), "This Ref cell names several references; give the "
                             "row its own (or number its text, “1. …”, as a section's recommendations are).")
            else:
                self.problem(row, raw, f"“{' '.join(raw.split())}” is not a reference: use numbers separated by "
                             "dots (1, 1.2 or 1.2.3), or a short name with a number (SEND 4).")
            return
        if level > 3:
            self.problem(row, ref, "A reference has at most three parts (1.2.3).")
            return
        if ref in self.seen:
            self.problem(row, ref, f"The reference {ref} appears twice (first at {self.seen[ref]}). Give each "
                                   "row its own reference.")
            return
        self.seen[ref] = row.where
        item = PlannedItem(ref, level, row.where, linked_refs=list(row.linked_refs))
        if level == 1:
            item.text = row.action
            item.title = row.priority_title or " ".join(row.action.split())[:200] or f"Priority {ref}"
            item.lead_officers = row.lead_officers or row.lead
            item.outcome_statement = row.outcome_statement
            self.group = ref
            if row.rating.strip() or row.progress.strip():
                self.plan.notes.append(f"{row.where}, ref {ref}: a priority has no rating or progress of its "
                                       "own; the RAG and Progress Update on this row are not imported.")
            self.by_ref[ref] = item
            return
        if not is_numbered(ref) and level == 2:
            item.group_ref = self.group or self.default_group(row)
        if not row.action.strip() and not (level == 2 and is_numbered(ref)):
            self.problem(row, ref, "This action has no text in the Action column: type what the action is.")
            return
        item.text = row.action
        item.lead_text = row.lead
        item.leads = self.leads_of(row, ref)
        steps = target_steps(row.target)
        if steps:
            item.earlier_targets, item.target = steps[:-1], parse_target(steps[-1])
        else:
            item.target = parse_target(row.target)
        item.progress = row.progress
        item.entries = progress_entries(row.progress)
        item.status_text = row.status_text
        item.reason = row.reason
        item.outcomes = list(row.outcomes)
        item.impact_measures_heading = row.impact_measures_heading
        item.impact_measures = list(row.impact_measures)
        ok, item.rating = self.rating_of(row, ref)
        if ok:
            self.by_ref[ref] = item

    def parents(self) -> None:
        """Add what the file only implies (a priority, an action heading); refuse what cannot be placed."""
        headings = []
        for ref, item in list(self.by_ref.items()):
            if item.level == 2 and is_numbered(ref) and not item.text.strip():
                headings.append(ref)
            parent = parent_ref(ref)
            above = self.by_ref.get(parent) if parent is not None else None
            if above is not None and above.level != item.level - 1:
                # e.g. "4.4M1" (a damaged "4.4.1"): read as a sub-action, yet directly under priority 4
                what = "a priority" if above.level == 1 else "an action" if above.level == 2 else "a sub-action"
                self.plan.problems.append(Problem(item.where, ref, f"{ref} cannot go directly under {parent}, "
                                                                   f"which is {what}: check the reference."))
                continue
            if parent is None or parent in self.by_ref:
                continue
            if item.level == 2:
                self.by_ref[parent] = PlannedItem(parent, 1, "", title=f"Priority {parent}", added=True)
                self.plan.notes.append(f"Priority {parent} is not in the file; it will be added as "
                                       f"“Priority {parent}”.")
            elif is_numbered(parent):
                self.by_ref[parent] = PlannedItem(parent, 2, "", text=f"Action {parent}", added=True)
                headings.append(parent)
                grand = parent_ref(parent)
                if grand is not None and grand not in self.by_ref:
                    self.by_ref[grand] = PlannedItem(grand, 1, "", title=f"Priority {grand}", added=True)
                    self.plan.notes.append(f"Priority {grand} is not in the file; it will be added as "
                                           f"“Priority {grand}”.")
            else:
                self.plan.problems.append(Problem(item.where, ref, f"Sub-action {ref} has no action {parent} "
                                                                   f"in the file: add a row for {parent}."))
        for ref in headings:
            self.by_ref[ref].text = self.by_ref[ref].text.strip() or f"Action {ref}"
        if headings:
            shown = ", ".join(sorted(headings, key=ref_key)[:8]) + (" …" if len(headings) > 8 else "")
            self.plan.notes.append(f"{len(headings)} actions have no text in the file (it lists only their "
                                   f"references, as a BRAG appendix does: {shown}); each is added as “Action "
                                   "<ref>”: type its text after the import.")


def _versions(table: SourceTable, plan: ImportPlan) -> None:
    seen: dict[int, str] = {}
    for line in table.versions:
        text = line.number.strip().lower().removeprefix("version").removeprefix("v").strip()
        try:
            number = int(float(text))
        except ValueError:
            plan.problems.append(Problem(line.where, "", f"“{line.number}” is not a version number: the "
                                                         "Version column needs a whole number."))
            continue
        if number < 1 or number in seen:
            plan.problems.append(Problem(line.where, "", f"Version {number} appears twice (first at "
                                                         f"{seen.get(number, '')}) or is not above 0."))
            continue
        seen[number] = line.where
        plan.versions.append(PlannedVersion(number, day_first(line.date_text) if line.date_text else None,
                                            line.date_text, line.by, line.summary, line.where))
    plan.versions.sort(key=lambda v: v.number)


def plan_import(table: SourceTable, *, title: str, source: str, period: str | None = None,
                scheme: RatingScheme | None = None, owner_choices: dict[str, str] | None = None,
                today: date | None = None) -> ImportPlan:
    """Check every row of ``table``; nothing is written.

    ``scheme`` is the officer's choice; without it the document's own key, if it has
    one, else the WSOA BRAG scheme. ``owner_choices`` says who an ambiguous owner is.
    """
    period_label = " ".join((period or table.period or "").split()) or None
    plan = ImportPlan(title=" ".join(title.split()), source=source, period=period_label)
    if not plan.title:
        plan.problems.append(Problem("", "", "The plan needs a title: give the new plan a title when you import it."))
    if not table.found_header:
        plan.problems.append(Problem("", "", shape_message(source, table.first_row)))
        return plan
    if "action" not in table.columns:
        plan.problems.append(Problem("", "", f"{source} has Ref and RAG columns but no Action column: it holds "
                                             "ratings, not a plan. Apply them to a plan with Import ratings."))
        return plan
    for where, ref, message in table.problems:
        plan.problems.append(Problem(where, ref, message))
    if scheme is not None:
        plan.scheme = scheme
        plan.notes.append(f"Ratings are read in the scheme you chose: “{scheme.name}” ({', '.join(scheme.names())}).")
    elif table.legend:
        plan.scheme, line = scheme_from_legend(table.legend, source)
        plan.notes.append(line)
    try:
        owners = OwnersList(table.owners, owner_choices)
    except ValueError as exc:
        plan.problems.append(Problem("", "", f"An owner was said to be “{exc}”, which is not one person in the "
                                             "owners table: choose a name or initials from it."))
        owners = OwnersList(table.owners)
    plan.owners = owners.owners
    plan.notes.extend(owners.notes)

    planner = _Planner(plan, table, owners)
    if planner.semicolons and not owners:
        plan.notes.append("This file separates leads with “;”, so only “;” and line breaks split a Lead cell "
                          "(a “/” or “,” stays part of the name).")
    named: dict[str, list[str]] = {}  # a section's heading → the references made for its rows
    heading = ""
    for row in place_rows(table.rows):
        if row.kind == "section":
            planner.section(row)
            heading = " ".join(row.action.split())
        else:
            if row.no_ref:
                named.setdefault(heading, []).append(row.ref)
            planner.item(row)
    for words, refs in named.items():
        plan.notes.append(f"{len(refs)} rows under “{words}” have no reference of their own; each is named from "
                          f"its section ({refs[0]}" + (f" … {refs[-1]}" if len(refs) > 1 else "") + "): a "
                          "“Priority N” heading becomes an action and the rows under it its sub-actions. The "
                          "names are the same each time the document is read; change any of them after the "
                          "import with Edit ▸ Move… (New reference).")
    planner.parents()
    if planner.colour_ratings:
        plan.notes.append(f"{planner.colour_ratings} ratings were read from the colour of their RAG cell.")
    if planner.status_ratings:
        plan.notes.append(f"{planner.status_ratings} ratings were read from the words in the Status column "
                          f"(as the scheme reads them: {', '.join(_status_words(plan.scheme))}).")
    if planner.unknown_owners:
        plan.notes.append("Not in the owners table, so added as people as written: " + ", ".join(
            f"{w} ({where})" for w, where in planner.unknown_owners.items()) + ".")
    linked = {r for i in planner.by_ref.values() for r in i.linked_refs}
    if linked:
        plan.notes.append(f"{sum(1 for i in planner.by_ref.values() if i.linked_refs)} items are written under "
                          f"other references ({', '.join(sorted(linked, key=ref_key)[:6])}"
                          f"{' …' if len(linked) > 6 else ''}); each is known by its section and number, and "
                          "keeps the references it was written under.")
    _versions(table, plan)
    plan.items = _in_order(planner.by_ref)
    if plan.period is None and any(i.rating or i.progress.strip() or i.status_text.strip() for i in plan.items):
        dated = [v.on for v in plan.versions if v.on is not None]
        if dated:
            latest = max(dated)
            plan.period = f"{MONTHS[latest.month - 1]} {latest.year}"
            plan.notes.append(f"The file does not name the period of its ratings; they go into “{plan.period}”, "
                              "the month of its latest version (choose another period if that is wrong).")
        else:
            plan.period = default_period(today)
            plan.notes.append(f"The file does not name the period of its ratings; they go into “{plan.period}” "
                              "(choose another period if that is wrong).")
    return plan


def _status_words(scheme: RatingScheme) -> list[str]:
    return [f"{s} = {r.name}" for r in scheme.ratings for s in r.synonyms if len(s) > 2][:6]


def _in_order(by_ref: dict[str, PlannedItem]) -> list[PlannedItem]:
    """Priorities and sections in order, each followed by its actions and their sub-actions."""
    top = sorted((i for i in by_ref.values() if i.level == 1), key=lambda i: ref_key(i.ref))
    under: dict[str, list[PlannedItem]] = {}
    for i in by_ref.values():
        if i.level == 2:
            under.setdefault(i.priority_ref, []).append(i)
        elif i.level == 3:
            under.setdefault(parent_ref(i.ref) or "", []).append(i)
    out: list[PlannedItem] = []
    for p in top:
        out.append(p)
        for a in sorted(under.get(p.ref, []), key=lambda i: ref_key(i.ref)):
            out.append(a)
            out.extend(sorted(under.get(a.ref, []), key=lambda i: ref_key(i.ref)))
    return out
