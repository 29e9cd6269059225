"""Reading returned lead forms: a preview of every change and conflict, then all or nothing.

Leads break forms: they rename sheets, delete or move columns, paste the rows
into a new workbook, type "amber " or "Yellow". So columns are found by their
header text wherever they are, every sheet is read, ratings go through the
scheme's synonyms, and anything that cannot be applied safely is reported as a
conflict rather than guessed:

- a value the officer already changed since the form was sent,
- a Ref the plan does not have,
- a rating the plan's scheme does not have,
- a change for the worse (or to Red) with no reason, or a Blue with no sign-off
  recorded (the status service's rules, asked before anything is written),
- the same Ref returned twice with different values.

Applying writes every change in one transaction through the status service (bulk
statements: 5,000 updates in well under a second), which records each in the audit
trail.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import normalise_ref
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.services import status
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.csv_export import unprotect_cell
from wsoa_desktop.services.incoming_files import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    XLSX,
    check_file,
    damaged,
    too_long,
    too_many_rows,
)
from wsoa_desktop.services.lead_forms import FORM_MARKER, META_SHEET
from wsoa_desktop.services.rounds import ensure_open
from wsoa_desktop.services.xlsx_export import xlsx_text
from wsoa_desktop.store.database import Store

CHANGED_SINCE_EXPORT = "changed since the form was sent"
UNKNOWN_REF = "unknown Ref"
UNKNOWN_RATING = "rating not in the scheme"
REASON_NEEDED = "reason needed"
SIGN_OFF_NEEDED = "sign-off needed"
REPORTED_TWICE = "reported twice"
UNREADABLE = "form not readable"
TOO_LONG = "text too long"


@dataclass(frozen=True)
class FormChange:
    ref: str
    source: str  # "file.xlsx ▸ Sheet, row 7"
    old_rating: str | None
    new_rating: str | None
    old_progress: str
    new_progress: str
    reason: str | None  # None keeps the current reason
    #: The status's version when the forms were read (0: none): a rating someone saves before the
    #: import is applied is refused, not overwritten (two officers at once).
    seen: int | None = None


@dataclass(frozen=True)
class FormConflict:
    ref: str
    source: str
    kind: str
    message: str


@dataclass
class FormImport:
    """The preview: nothing has been written yet."""

    plan_id: int
    period_label: str
    files: list[Path]
    changes: list[FormChange] = field(default_factory=list)
    conflicts: list[FormConflict] = field(default_factory=list)


def _norm(value: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(value or "").casefold()).split())


def _column_kind(header: str) -> str | None:
    h = _norm(header)
    if h in ("ref", "reference", "ref no", "no"):
        return "ref"
    if h.startswith(("last", "previous", "old", "current")):
        return "last_rating" if ("rating" in h or "rag" in h) else "last_progress" if "progress" in h else None
    if h.startswith("reason"):
        return "reason"
    if h in ("new rating", "rating", "rag", "brag", "new rag", "new brag") or h.startswith("new rating"):
        return "new_rating"
    if h in ("new progress", "progress", "progress update", "new progress update") or \
            h.startswith("new progress"):
        return "new_progress"
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unprotect_cell(str(value))


def _ref_text(value: object) -> str:
    if isinstance(value, float):
        return normalise_ref(repr(value))
    return normalise_ref(_cell_text(value))


@dataclass
class _Row:
    ref: str
    source: str
    rating_text: str
    progress: str
    reason: str
    last_rating: str | None
    last_progress: str | None


def _sheet_rows(ws, path: Path) -> Iterator[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """A sheet's rows, MAX_COLUMNS wide and at most MAX_ROWS (its stated size is not trusted)."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    for n, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if n > MAX_ROWS + 30:
            raise too_many_rows(path)
        yield values


def _read_file(path: Path, rows: list[_Row], conflicts: list[FormConflict]) -> str | None:
    """One returned form's rows and period: all of its rows, or (unreadable) none and a conflict."""
    found: list[_Row] = []
    try:
        check_file(path, XLSX)
        period, _ = _read_workbook(path, found, conflicts)
    except ValidationError as exc:
        conflicts.append(FormConflict("", path.name, UNREADABLE, str(exc)))
        return None
    except Exception as exc:  # a sheet damaged past its first rows
        conflicts.append(FormConflict("", path.name, UNREADABLE, str(damaged(path, XLSX, exc))))
        return None
    for row in found:
        longest = max(len(row.progress), len(row.reason), len(row.rating_text))
        if longest > MAX_CELL_CHARS:
            conflicts.append(FormConflict(row.ref[:20], row.source, TOO_LONG,
                                          f"{row.ref[:20]}: " + too_long(longest, "A cell of this row")))
        else:
            rows.append(row)
    return period


def _read_workbook(path: Path, rows: list[_Row], conflicts: list[FormConflict]) -> tuple[str | None, dict[tuple[str, str], tuple[str, str]]]:
    """Rows from every sheet, the period the form was sent for, and what it showed then."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        conflicts.append(FormConflict("", path.name, UNREADABLE, str(damaged(path, XLSX, exc))))
        return None, {}
    try:
        period: str | None = None
        baseline: dict[tuple[str, str], tuple[str, str]] = {}
        if META_SHEET in wb.sheetnames:
            meta = list(_sheet_rows(wb[META_SHEET], path))
            if meta and meta[0] and meta[0][0] == FORM_MARKER:
                period = _cell_text(meta[0][2]) or None
                for r in meta[1:]:
                    r = tuple(r) + (None,) * 4
                    baseline[(_cell_text(r[0]), _ref_text(r[1]))] = (_cell_text(r[2]), _cell_text(r[3]))
        sent_by_ref = {r: v for (_sheet, r), v in baseline.items()}  # for a renamed sheet
        found_any = False
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                continue
            columns: dict[str, int] = {}
            header_row = 0
            for i, values in enumerate(_sheet_rows(ws, path), start=1):
                if not columns:
                    kinds = {_column_kind(str(v)): j for j, v in enumerate(values) if v is not None}
                    if "ref" in kinds and ("new_rating" in kinds or "new_progress" in kinds):
                        columns = {k: j for k, j in kinds.items() if k}
                        header_row = i
                    elif i > 30:
                        break
                    continue
                ref_value = values[columns["ref"]] if columns["ref"] < len(values) else None
                if ref_value is None or not str(ref_value).strip():
                    continue

                def get(kind: str, values: tuple[object, ...] = values, columns: dict[str, int] = columns) -> str | None:
                    j = columns.get(kind)
                    return None if j is None or j >= len(values) else _cell_text(values[j])

                ref = _ref_text(ref_value)
                sent = baseline.get((ws.title, ref)) or sent_by_ref.get(ref)
                last_rating = sent[0] if sent else get("last_rating")
                last_progress = sent[1] if sent else get("last_progress")
                rows.append(_Row(ref, f"{path.name} ▸ {ws.title}, row {i}", (get("new_rating") or "").strip(),
                                 get("new_progress") or "", (get("reason") or "").strip(),
                                 last_rating, last_progress))
            if header_row:
                found_any = True
        if not found_any:
            conflicts.append(FormConflict("", path.name, UNREADABLE,
                                          f"{path.name} has no sheet with a “Ref” column and a “New rating” or "
                                          "“New progress” column. Check the headings are still there."))
        return period, baseline
    finally:
        wb.close()


def read_forms(store: Store, plan_id: int, paths: list[Path], *, period_label: str | None = None) -> FormImport:
    """Read returned forms and work out every change and conflict. Writes nothing."""
    from wsoa_desktop.services.plans import scheme_for

    paths = [Path(p) for p in paths]
    rows: list[_Row] = []
    conflicts: list[FormConflict] = []
    periods_named: set[str] = set()
    for path in paths:
        period = _read_file(path, rows, conflicts)
        if period:
            periods_named.add(period)
    if period_label is None:
        if len(periods_named) > 1:
            raise ValidationError("These forms were sent for different periods (" +
                                  ", ".join(sorted(periods_named)) + "): import one period at a time.")
        period_label = next(iter(periods_named), None)
    scheme = scheme_for(store, plan_id)
    with store.reading() as con:
        period_row = _find_period(con, plan_id, period_label)
        rows_now = con.execute(
            "SELECT a.ref, r.name, su.progress, su.reason, su.carried_forward, su.version FROM action a "
            "JOIN status_update su "
            "ON su.action_id = a.id AND su.period_id = ? LEFT JOIN rating r ON r.id = su.rating_id "
            "WHERE a.plan_id = ?", (period_row[0], plan_id)).fetchall()
        current = {r[0]: (r[1], r[2] or "", r[3] or "") for r in rows_now}
        carried = {r[0]: bool(r[4]) for r in rows_now}
        versions = {r[0]: int(r[5]) for r in rows_now}
        known = {r[0] for r in con.execute("SELECT ref FROM action WHERE plan_id = ?", (plan_id,))}
    result = FormImport(plan_id, period_row[1], paths, conflicts=conflicts)
    seen: dict[str, tuple[str | None, str, str]] = {}
    for row in rows:
        if not (row.rating_text or row.progress.strip() or row.reason):
            continue
        if row.ref not in known:
            conflicts.append(FormConflict(row.ref, row.source, UNKNOWN_REF,
                                          f"{row.ref} is not a reference in this plan."))
            continue
        old_rating, old_progress, old_reason = current.get(row.ref, (None, "", ""))
        new_rating = old_rating
        if row.rating_text:
            match = scheme.match(row.rating_text)
            if match is None:
                conflicts.append(FormConflict(row.ref, row.source, UNKNOWN_RATING,
                                              f"{row.ref}: “{row.rating_text}” is not a rating in this plan "
                                              f"({', '.join(scheme.names())})."))
                continue
            new_rating = match.name
        new_progress = row.progress if row.progress.strip() else old_progress
        proposal = (new_rating, new_progress, row.reason)
        if row.ref in seen:
            if seen[row.ref] != proposal:
                conflicts.append(FormConflict(row.ref, row.source, REPORTED_TWICE,
                                              f"{row.ref} was returned twice with different values."))
            continue
        seen[row.ref] = proposal
        if (new_rating, new_progress) == (old_rating, old_progress) and not row.reason and \
                not carried.get(row.ref, False):
            continue  # already so (a form imported twice): nothing to change, nothing to flag
        if row.last_rating is not None or row.last_progress is not None:
            sent = scheme.match(row.last_rating)
            sent_rating = sent.name if sent is not None else None
            # the form holds the text as a workbook can (characters XML cannot hold dropped)
            if (sent_rating, row.last_progress or "") != (old_rating, xlsx_text(old_progress)):
                conflicts.append(FormConflict(
                    row.ref, row.source, CHANGED_SINCE_EXPORT,
                    f"{row.ref} was changed in the app after the form was sent (now {old_rating or 'unrated'}"
                    f", “{_short(old_progress)}”; the form says {new_rating or 'unrated'}, "
                    f"“{_short(new_progress)}”)."))
                continue
        reason: str | None = row.reason or ("" if new_rating != old_rating else None)
        result.changes.append(FormChange(row.ref, row.source, old_rating, new_rating, old_progress,
                                         new_progress, reason, versions.get(row.ref, 0)))
    _rule_conflicts(store, result)
    return result


def _as_status_change(c: FormChange) -> status.StatusChange:
    return status.StatusChange(c.ref, c.new_rating, c.new_progress, c.reason, source=c.source, seen=c.seen)


def _rule_conflicts(store: Store, result: FormImport) -> None:
    """Move every change the plan's rules refuse (no reason, Blue without sign-off) to the conflicts.

    The rules are the status service's own, so a form can never apply what the
    update round would refuse.
    """
    refused = {p.ref: p for p in status.check_changes(store, result.plan_id, result.period_label,
                                                      [_as_status_change(c) for c in result.changes])
               if p.ref}
    if not refused:
        return
    kept = []
    for c in result.changes:
        problem = refused.get(normalise_ref(c.ref)) or refused.get(c.ref)
        if problem is None:
            kept.append(c)
            continue
        if problem.code == status.REASON_NEEDED:
            kind, message = REASON_NEEDED, (f"{c.ref}: the rating goes to {c.new_rating} but the form gives "
                                            "no reason. Ask the lead why, or rate it in the app.")
        elif problem.code == status.SIGN_OFF_NEEDED:
            kind, message = SIGN_OFF_NEEDED, (f"{c.ref}: the form rates it {c.new_rating}, which needs "
                                              "approval to close. Record the sign-off first, then import "
                                              "the form again.")
        else:
            kind, message = UNKNOWN_RATING, str(problem)
        result.conflicts.append(FormConflict(c.ref, c.source, kind, message))
    result.changes = kept


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _find_period(con: sqlite3.Connection, plan_id: int, label: str | None) -> tuple[int, str, int, bool]:
    rows: list[tuple[int, str, int, bool]] = con.execute("SELECT id, label, position, is_closed FROM reporting_period WHERE plan_id = ? "
                       "ORDER BY position", (plan_id,)).fetchall()
    if not rows:
        raise ValidationError("This plan has no reporting period to import into.")
    if label is None:
        return rows[-1]
    for r in rows:
        if same_label(r[1], label):
            return r
    raise ValidationError(f"The forms are for “{label}”, which is not a period in this plan.")


def apply_forms(store: Store, preview: FormImport, *, by: str | None = None, skip_conflicts: bool = False) -> int:
    """Write every change of the preview in one transaction; returns how many.

    Refused (nothing written) when there are conflicts and ``skip_conflicts`` is
    False, or when the plan changed since the preview was made.
    """
    if preview.conflicts and not skip_conflicts:
        raise ValidationError(f"{len(preview.conflicts)} conflicts need a decision first; nothing was "
                              "changed. Resolve them, or apply the other changes and leave these aside.")
    if not preview.changes:
        return 0
    who = by or default_user()
    from wsoa_desktop.services import periods as periods_service

    with store.write() as s:
        period = periods_service.find_period(s, preview.plan_id, preview.period_label)
        ensure_open(period)
        con = s.connection()
        rows = con.exec_driver_sql(
            "SELECT a.ref, r.name, su.progress FROM action a LEFT JOIN status_update su "
            "ON su.action_id = a.id AND su.period_id = ? LEFT JOIN rating r ON r.id = su.rating_id "
            "WHERE a.plan_id = ?", (period.id, preview.plan_id)).fetchall()
        state = {r[0]: (r[1], r[2] or "") for r in rows}
        for c in preview.changes:
            if state.get(c.ref) != (c.old_rating, c.old_progress):
                raise ValidationError(f"{c.ref} changed after the preview was made; nothing was changed. "
                                      "Read the forms again.")
        status.apply_changes(store, preview.plan_id, period.label,
                             [_as_status_change(c) for c in preview.changes], by=who, session=s)
    return len(preview.changes)
