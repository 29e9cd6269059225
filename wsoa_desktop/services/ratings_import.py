"""Ratings and progress from a file, applied to the plan already in the app, matched by reference.

An officer receives a column of ratings (a BRAG appendix filled in by hand, a
spreadsheet of RAG and Progress Update, the 2017 plan's own table, or a plan
exported from another copy of the app) and wants them in this month's period.
The file is read by the same readers as a plan import, its rows placed the same
way (so "Peer Review 2" means the same item in both), and each row becomes a
:class:`~services.status.StatusChange`. The preview says, row by row, what would
change — new, changed, the same, an unknown reference, a rating the plan's scheme
does not have, a worse rating without a reason, a complete rating without its
sign-off — using the status service's own check; applying goes through the status
service too, all or nothing, under the same rules as the update round.

A cell left empty changes nothing: no rating keeps the rating there is, no
progress keeps the progress there is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.refs import normalise_ref
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.services import status
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.outline_reader import read_period, read_scheme, read_statuses_by_ref

NEW = "new"
CHANGED = "changed"
SAME = "same"
CONFIRMED = "confirmed"
UNKNOWN_REF = "unknown ref"
UNKNOWN_RATING = "unknown rating"
WORSE_WITHOUT_REASON = "worse or Red without a reason"
COMPLETE_WITHOUT_SIGN_OFF = "complete without a sign-off"
PERIOD_CLOSED = "period closed"
TWICE = "given twice"
NOT_READ = "not read"

_REFUSALS = {status.UNKNOWN_REF: UNKNOWN_REF, status.UNKNOWN_RATING: UNKNOWN_RATING,
             status.REASON_NEEDED: WORSE_WITHOUT_REASON, status.SIGN_OFF_NEEDED: COMPLETE_WITHOUT_SIGN_OFF,
             status.PERIOD_CLOSED: PERIOD_CLOSED}


@dataclass
class RatingLine:
    """One row of the file and what it would do."""

    where: str
    ref: str
    outcome: str  # NEW, CHANGED, SAME, CONFIRMED, or a refusal (UNKNOWN_REF, …)
    old_rating: str | None = None
    new_rating: str | None = None
    progress_changes: bool = False
    message: str = ""

    @property
    def refused(self) -> bool:
        return bool(self.message)

    def __str__(self) -> str:
        place = ", ".join(x for x in (self.where, self.ref and f"ref {self.ref}") if x)
        if self.message:
            return f"{place}: {self.outcome} – {self.message}"
        rating = (f"{self.old_rating or 'no rating'} → {self.new_rating or 'no rating'}"
                  if self.old_rating != self.new_rating else (self.new_rating or "no rating"))
        extra = ", progress updated" if self.progress_changes else ""
        return f"{place}: {self.outcome}: {rating}{extra}"


@dataclass
class RatingsPreview:
    """What applying a ratings file would do; ``changes`` are what would be applied."""

    source: str
    period: str
    lines: list[RatingLine] = field(default_factory=list)
    changes: list[status.StatusChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[RatingLine | str]:
        return [*self.file_problems, *(line for line in self.lines if line.refused)]

    @property
    def ok(self) -> bool:
        """Nothing refused (there may still be nothing to change)."""
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(line.outcome in (NEW, CHANGED, CONFIRMED) for line in self.lines)

    def counts(self) -> Counter[str]:
        return Counter(line.outcome for line in self.lines)

    def summary(self) -> str:
        c = self.counts()
        parts = [f"{c[k]} {k}" for k in (NEW, CHANGED, CONFIRMED, SAME) if c[k]]
        refused = sum(1 for line in self.lines if line.refused)
        if refused:
            parts.append(f"{refused} refused")
        return f"{self.source} → {self.period}: " + (", ".join(parts) if parts else "no rows with a rating "
                                                                                        "or progress")

    def report_lines(self) -> list[str]:
        lines = [self.summary(), *self.notes]
        if self.file_problems:
            lines.extend(self.file_problems)
        refused = [line for line in self.lines if line.refused]
        if refused:
            lines.append(f"{len(refused)} problem(s); nothing will be changed until they are fixed:")
            lines.extend(f"  {line}" for line in refused)
        changing = [line for line in self.lines if line.outcome in (NEW, CHANGED, CONFIRMED)]
        if changing:
            lines.append("What would change:")
            lines.extend(f"  {line}" for line in changing)
        elif not refused and not self.file_problems:
            lines.append("Nothing would change: the plan already has these ratings and progress.")
        return lines


def _rating_from(row, scheme: RatingScheme) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    """(the rating written, how it was read): the RAG cell, its colour, or the Status words."""
    if row.rating.strip():
        return row.rating.strip(), "text"
    if getattr(row, "rating_colour", ""):
        return row.rating_colour, "colour"
    first = (row.status_text.strip().splitlines() or [""])[0].strip().rstrip("*").strip()
    if first and scheme.match(first) is not None:
        return first, "status"
    return None, ""


@dataclass
class _Row:
    where: str
    ref: str
    rating: str | None
    progress: str | None
    reason: str | None
    status_text: str | None = None  # the words beside the rating ("On track"), kept with it


def _rows_from_table(path: Path, scheme: RatingScheme, preview: RatingsPreview) -> list[_Row]:
    from wsoa_desktop.services.importing import read_table
    from wsoa_desktop.services.importing.placing import place_rows
    from wsoa_desktop.services.importing.planner import shape_message

    table = read_table(path)
    if not table.found_header:
        preview.file_problems.append(shape_message(path.name, table.first_row))
        return []
    preview.file_problems.extend(str(p[2]) if not p[0] else f"{p[0]}: {p[2]}" for p in table.problems)
    if table.period and not same_label(table.period, preview.period):
        preview.notes.append(f"The file's RAG column is headed “{table.period}”; the ratings go into "
                             f"“{preview.period}”, as asked.")
    out: list[_Row] = []
    how: Counter[str] = Counter()
    for row in place_rows(table.rows):
        if row.kind != "item":
            continue
        rating, read_as = _rating_from(row, scheme)
        progress = row.progress if row.progress.strip() else None
        if rating is None and progress is None:
            continue
        how[read_as] += 1
        out.append(_Row(row.where, normalise_ref(row.ref), rating, progress,
                        row.reason if row.reason.strip() else None,
                        row.status_text if row.status_text.strip() else None))
    if how["colour"]:
        preview.notes.append(f"{how['colour']} ratings were read from the colour of their RAG cell.")
    if how["status"]:
        preview.notes.append(f"{how['status']} ratings were read from the words in the Status column.")
    return out


def _rows_from_plan_file(path: Path, preview: RatingsPreview) -> list[_Row]:
    """The ratings of a plan file's period; a damaged file is one file problem (the incoming-file checks
    in :func:`~services.incoming_files.read_plan_json` first: size, damage, nesting)."""
    from wsoa_desktop.services.incoming_files import PLAN_FILE_DAMAGE, damaged_plan_file
    from wsoa_desktop.services.plan_document import read_file

    doc = read_file(path)
    try:
        return _plan_file_rows(path, doc, preview)
    except PLAN_FILE_DAMAGE as exc:
        preview.notes.clear()
        preview.file_problems.append(str(damaged_plan_file(path, exc, nothing_was="read")))
        return []


def _plan_file_rows(path: Path, doc: dict[str, Any], preview: RatingsPreview) -> list[_Row]:
    periods = doc.get("periods", [])
    if not periods:
        preview.file_problems.append(f"{path.name} holds no ratings (its plan has no reporting period).")
        return []
    chosen = next((p for p in periods if same_label(str(p.get("label", "")), preview.period)), periods[-1])
    if not same_label(str(chosen.get("label", "")), preview.period):
        preview.notes.append(f"{path.name} has no period “{preview.period}”; its latest, “{chosen['label']}”, "
                             "is read.")
    return [_Row(f"{chosen['label']}, item {n}", normalise_ref(str(u.get("ref", ""))), _text(u.get("rating")),
                 _text(u.get("progress")), _text(u.get("reason")), _text(u.get("status_text")))
            for n, u in enumerate(chosen.get("updates", []), start=1)
            if not u.get("carried_forward") and (u.get("rating") or u.get("progress"))]


def _text(value: object) -> str | None:
    """A text entry of a plan file (None when empty); any other value means the file is damaged."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"a text entry holds {type(value).__name__} {str(value)[:40]}")
    return value


def preview_ratings(store: Store, plan_id: int, path: Path | str, period_label: str) -> RatingsPreview:
    """Read ``path`` and say what applying it to ``period_label`` would do; nothing is written."""
    path = Path(path)
    with store.reading() as con:
        cur = con.cursor()
        period = read_period(cur, plan_id, period_label)
        scheme = read_scheme(cur, plan_id)
        statuses = read_statuses_by_ref(cur, plan_id, period.id)
    preview = RatingsPreview(path.name, period.label)
    if path.suffix.lower() == ".json":
        rows = _rows_from_plan_file(path, preview)
    else:
        rows = _rows_from_table(path, scheme, preview)
    if period.is_closed:
        preview.file_problems.append(f"The period “{period.label}” is closed: what was reported then "
                                     "cannot change. Reopen it first, or choose the current period.")
        return preview
    seen: dict[str, str] = {}
    candidates: list[tuple[_Row, status.StatusChange]] = []
    for row in rows:
        if row.ref in seen:
            preview.lines.append(RatingLine(row.where, row.ref, TWICE, message=f"{row.ref} is given twice (first "
                                            f"at {seen[row.ref]}): give each item once."))
            continue
        seen[row.ref] = row.where
        current = statuses.get(row.ref)
        rating = row.rating if row.rating is not None else (current.rating if current else None)
        candidates.append((row, status.StatusChange(row.ref, rating, row.progress, row.reason,
                                                    source=row.where, status_text=row.status_text,
                                                    seen=current.version if current else 0)))
    refused: dict[str, status.StatusRefused] = {}
    # Checked without the row in the message: the preview line names it already.
    for problem in status.check_changes(store, plan_id, period.label,
                                        [replace(c, source="") for _, c in candidates]):
        refused.setdefault(normalise_ref(problem.ref or ""), problem)
    for row, change in candidates:
        current = statuses.get(row.ref)
        old = current.rating if current else None
        refusal = refused.get(row.ref)
        if refusal is not None:
            outcome = _REFUSALS.get(getattr(refusal, "code", ""), NOT_READ)
            message = str(refusal).removeprefix(f"{row.ref}: ")
            preview.lines.append(RatingLine(row.where, row.ref, outcome, old, change.rating, message=message))
            continue
        found = scheme.match(change.rating) if change.rating else None
        new = found.name if found is not None else None
        progress_changes = row.progress is not None and (current is None or current.progress != row.progress)
        reason_changes = row.reason is not None and (current is None or current.reason != row.reason)
        words_change = row.status_text is not None and (current is None or current.status_text != row.status_text)
        if current is None or (old is None and new is not None):
            outcome = NEW
        elif old != new or progress_changes or reason_changes or words_change:
            outcome = CHANGED
        elif current.carried_forward:
            outcome = CONFIRMED
        else:
            outcome = SAME
        preview.lines.append(RatingLine(row.where, row.ref, outcome, old, new, progress_changes))
        preview.changes.append(change)
    order = {id(r): n for n, r in enumerate(rows)}
    where = {r.where: order[id(r)] for r in rows}
    preview.lines.sort(key=lambda line: where.get(line.where, 0))
    return preview


def apply_ratings(store: Store, plan_id: int, preview: RatingsPreview, *, by: str | None = None) -> int:
    """Apply a clean preview through the status service (all or nothing); returns how many items changed.

    The rules are checked again as the changes are written: if the plan changed since
    the preview, :class:`~services.status.StatusProblems` lists what is now refused, and
    a status someone else saved since the preview is refused whole
    (:class:`~wsoa_desktop.domain.errors.StaleEdit`): preview again to see it.
    """
    if not preview.ok:
        raise ValidationError("Nothing was changed: the file has problems. Look at the preview and fix them.")
    if not preview.has_changes:
        return 0
    return status.apply_changes(store, plan_id, preview.period, preview.changes, by=by)
