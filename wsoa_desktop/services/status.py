"""The one writer of status updates: every rating and progress text goes through here.

A status update is one item's rating, progress text, reason and the words written
beside the rating (its status text: "On track") in one reporting period. The update round, ``rate``, lead forms, ratings imports, ``period new``,
plan files and the sample, undo, and putting back a deleted item all write them
through this module, so each of the plan's rules holds on every path alike:

* no rating changes in a closed period (it is what was reported);
* a rating must belong to the plan's scheme (synonyms such as "Yellow" are read);
* a rating that gets worse than last period's, or the worst rating (Red), needs
  a reason — a reason carried forward from last month does not count;
* the rating that means complete (Blue) needs an approval to close: a sign-off
  already recorded for the item, or one given in the same call;
* progress text is stored exactly as typed.

These rules govern ratings *given* in this app. A plan's history brought in
whole (the sample, a plan import, a plan file) is recorded as it was by
:func:`record_history`: a Red without a reason prints "no reason recorded"
rather than being refused or invented.

Every write records its audit entries in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, cast

from sqlalchemy.engine import Connection
from sqlmodel import Session

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.refs import normalise_ref
from wsoa_desktop.domain.status_rules import complete_rating, needs_reason, same_label, worst_rating
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.row_versions import stale
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.outline_reader import read_scheme

#: ``ValidationError.code`` values, so a caller can add its own advice (the command
#: line names its options; the window names its buttons).
REASON_NEEDED = "reason needed"
SIGN_OFF_NEEDED = "sign-off needed"
PERIOD_CLOSED = "period closed"
UNKNOWN_RATING = "unknown rating"
UNKNOWN_REF = "unknown ref"


class StatusRefused(ValidationError):
    """A rating the plan's rules do not allow; ``code`` says which rule."""

    def __init__(self, message: str, *, code: str, ref: str | None = None) -> None:
        super().__init__(message, ref=ref)
        self.code = code


class UnknownItem(StatusRefused, NotFoundError):
    """A reference the plan does not have."""


class StatusProblems(ValidationError):
    """Several changes refused at once (an import): nothing was written."""

    def __init__(self, problems: list[StatusRefused]) -> None:
        first = str(problems[0])
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"Nothing was changed: {first}{more}", ref=problems[0].ref)
        self.problems = problems


@dataclass(frozen=True)
class SignOffGiven:
    """An approval to close, given with a Blue rating (``rate REF Blue --signed-off-by …``)."""

    body: str
    approved_on: date | None
    minute_ref: str


@dataclass(frozen=True)
class StatusChange:
    """One rating given in the app. ``progress`` None keeps the text there is.

    ``reason`` None keeps the current reason when the rating does not change and
    clears it when it does (the old reason explained the old rating).
    """

    ref: str
    rating: str | None
    progress: str | None = None
    reason: str | None = None
    sign_off: SignOffGiven | None = None
    source: str = ""  # where it came from ("form.xlsx ▸ Julie Day, row 7"), for messages
    #: The version of the item's status in this period the officer saw (0: it had none); None: not
    #: known (an import). A status someone else saved since is refused with StaleEdit.
    seen: int | None = None
    #: The words written beside the rating ("On track", "Behind Schedule"); None keeps them while
    #: the rating stays, and clears them when it changes (they described the old rating).
    status_text: str | None = None


@dataclass(frozen=True)
class HistoricStatus:
    """A status as a plan's history records it: written as it was, rules not applied."""

    ref: str
    rating: str | None
    progress: str = ""
    reason: str = ""
    updated_by: str = ""
    updated_at: datetime | None = None
    carried_forward: bool = False
    status_text: str = ""  # the words the papers wrote beside the rating ("On track")


@dataclass(frozen=True)
class StatusState:
    """Everything about one item's status in one period, to put it back exactly (undo)."""

    exists: bool
    rating: str | None = None
    progress: str = ""
    reason: str = ""
    carried_forward: bool = False
    updated_by: str = ""
    updated_at: str | None = None
    #: The status row's version (0 when there is none): what an edit or undo of it names as seen.
    #: Not part of the state itself: putting a status back moves its version on.
    version: int = field(default=0, compare=False)
    status_text: str = ""


def stamp(value: datetime | None = None) -> str:
    """A time as the database keeps it (UTC, no offset, microseconds)."""
    value = value or datetime.now(timezone.utc)
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


# Reading what is there --------------------------------------------------------------------


@dataclass
class _Period:
    id: int
    label: str
    position: int
    is_closed: bool


@dataclass
class _Current:
    status_id: int
    rating: str | None
    progress: str
    reason: str
    carried: bool
    version: int = 1
    status_text: str = ""


class _PlanState:
    """What the rules need to know about one plan and period, read in a few queries."""

    def __init__(self, con: Connection, plan_id: int, period: _Period) -> None:
        self.con = con
        self.plan_id = plan_id
        self.period = period
        cur = cast(sqlite3.Cursor, con.connection.cursor())
        try:
            self.scheme: RatingScheme = read_scheme(cur, plan_id)
        finally:
            cur.close()
        self.rating_ids: dict[str, int] = dict(self._rows(
            "SELECT r.name, r.id FROM rating r JOIN rating_scheme rs ON rs.id = r.scheme_id "
            "WHERE rs.plan_id = ?", (plan_id,)))
        self.rating_names = {v: k for k, v in self.rating_ids.items()}
        self._actions: dict[str, int] | None = None
        self._current: dict[int, _Current] | None = None
        self._previous: dict[int, int | None] | None = None
        self._signed: set[int] | None = None
        #: ref → the status row's version after this call's write (what an undo names as seen).
        self.written: dict[str, int] = {}

    def _rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        return list(self.con.exec_driver_sql(sql, tuple(params)).fetchall())

    def use_actions(self, action_ids: dict[str, int]) -> None:
        self._actions = action_ids

    def load_actions(self) -> None:
        self._actions = dict(self._rows("SELECT ref, id FROM action WHERE plan_id = ?", (self.plan_id,)))

    def preload(self) -> None:
        """Read every item's state at once (a batch); single changes read only their item."""
        self.load_actions()
        self._current = {
            r[0]: _Current(r[1], self.rating_names.get(r[2]), r[3] or "", r[4] or "", bool(r[5]), r[6],
                           r[7] or "")
            for r in self._rows(
                "SELECT action_id, id, rating_id, progress, reason, carried_forward, version, status_text "
                "FROM status_update WHERE period_id = ?", (self.period.id,))}
        self._previous = {r[0]: r[1] for r in self._rows(
            "SELECT su.action_id, su.rating_id FROM status_update su WHERE su.period_id = "
            "(SELECT id FROM reporting_period WHERE plan_id = ? AND position < ? "
            "ORDER BY position DESC LIMIT 1)", (self.plan_id, self.period.position))}
        self._signed = {r[0] for r in self._rows(
            "SELECT DISTINCT so.action_id FROM sign_off so JOIN action a ON a.id = so.action_id "
            "WHERE a.plan_id = ?", (self.plan_id,))}

    def action_id(self, ref: str) -> int | None:
        if self._actions is not None:
            return self._actions.get(ref) or self._actions.get(normalise_ref(ref))
        for candidate in dict.fromkeys((normalise_ref(ref), ref)):
            row = self._rows("SELECT id FROM action WHERE plan_id = ? AND ref = ?", (self.plan_id, candidate))
            if row:
                return int(row[0][0])
        return None

    def current(self, action_id: int) -> _Current | None:
        if self._current is not None:
            return self._current.get(action_id)
        rows = self._rows("SELECT id, rating_id, progress, reason, carried_forward, version, status_text "
                          "FROM status_update WHERE period_id = ? AND action_id = ?", (self.period.id, action_id))
        if not rows:
            return None
        r = rows[0]
        return _Current(r[0], self.rating_names.get(r[1]), r[2] or "", r[3] or "", bool(r[4]), r[5], r[6] or "")

    def previous_rating(self, action_id: int) -> str | None:
        """The rating in the period before this one (the direction of travel the committee sees)."""
        if self._previous is not None:
            return self.rating_names.get(self._previous.get(action_id))  # type: ignore[arg-type]
        rows = self._rows(
            "SELECT su.rating_id FROM status_update su JOIN reporting_period p ON p.id = su.period_id "
            "WHERE su.action_id = ? AND p.plan_id = ? AND p.position < ? ORDER BY p.position DESC LIMIT 1",
            (action_id, self.plan_id, self.period.position))
        return self.rating_names.get(rows[0][0]) if rows else None

    def signed_off(self, action_id: int) -> bool:
        if self._signed is not None:
            return action_id in self._signed
        return bool(self._rows("SELECT 1 FROM sign_off WHERE action_id = ? LIMIT 1", (action_id,)))

    def forget(self, action_id: int) -> None:
        """Drop what was read of an item once it has been written."""
        if self._current is not None:
            self._current.pop(action_id, None)


def find_period_row(con: Connection, plan_id: int, label: str | None) -> _Period:
    """A period by label (case and spaces ignored); the latest when label is None."""
    rows = con.exec_driver_sql(
        "SELECT id, label, position, is_closed FROM reporting_period WHERE plan_id = ? ORDER BY position",
        (plan_id,)).fetchall()
    if not rows:
        raise NotFoundError("This plan has no reporting period yet. Open one first (the first "
                            "month you report on, such as “September 2022”).")
    if label is None:
        r = rows[-1]
        return _Period(r[0], r[1], r[2], bool(r[3]))
    for r in rows:
        if same_label(r[1], label):
            return _Period(r[0], r[1], r[2], bool(r[3]))
    labels = ", ".join(r[1] for r in rows)
    raise NotFoundError(f"There is no period “{label}” in this plan (periods: {labels}).")


def _open_state(con: Connection, plan_id: int, label: str | None) -> _PlanState:
    """The period to write in, refused when closed, with what the rules need to know."""
    period = find_period_row(con, plan_id, label)
    if period.is_closed:
        raise _closed(period)
    return _PlanState(con, plan_id, period)


def _closed(period: _Period) -> StatusRefused:
    return StatusRefused(f"The period “{period.label}” is closed: what was reported then cannot change. "
                         "Reopen it first, or work in the current period.", code=PERIOD_CLOSED)


# The rules ------------------------------------------------------------------------------------


@dataclass
class _Planned:
    action_id: int
    ref: str
    rating: str | None
    progress: str
    reason: str
    current: _Current | None
    sign_off: SignOffGiven | None
    seen: int | None = None
    status_text: str = ""


def _refuse_stale(state: _PlanState, ref: str, current: _Current | None, seen: int | None) -> None:
    """Someone else saved this item's status since the officer read it (version ``seen``): refuse."""
    if seen is None:
        return
    now = current.version if current is not None else 0
    if now != seen:
        raise stale(state.con, state.plan_id, ref, deleted=bool(seen) and current is None)


def _check(state: _PlanState, change: StatusChange) -> _Planned:
    """Apply the rules to one change; raises :class:`StatusRefused` naming the item."""
    where = f" ({change.source})" if change.source else ""
    action_id = state.action_id(change.ref)
    if action_id is None:
        raise UnknownItem(f"There is no item {change.ref} in this plan{where}. Check the reference.",
                          code=UNKNOWN_REF, ref=change.ref)
    ref = normalise_ref(change.ref)
    _refuse_stale(state, ref, state.current(action_id), change.seen)
    scheme = state.scheme
    new_name: str | None = None
    if change.rating is not None and str(change.rating).strip():
        found = scheme.match(change.rating)
        if found is None:
            raise StatusRefused(f"{ref}: “{change.rating}” is not a rating in this plan's scheme "
                                f"({', '.join(scheme.names())}){where}.", code=UNKNOWN_RATING, ref=ref)
        new_name = found.name
    current = state.current(action_id)
    current_rating = current.rating if current else None
    given = (change.reason or "").strip()
    kept = current.reason if (current is not None and not current.carried
                              and current_rating == new_name) else ""
    previous = state.previous_rating(action_id)
    # The worst rating (Red) is never left without a reason: confirming a carried Red keeps
    # last month's reason, but a Red that would have none must be given one.
    unexplained_worst = (new_name is not None and new_name == worst_rating(scheme) and not (
        current is not None and current_rating == new_name and current.reason.strip()))
    if not given and ((not kept.strip() and needs_reason(scheme, previous, new_name))
                      or unexplained_worst):
        if previous and previous != new_name:
            what = f"the rating goes from {previous} to {new_name}"
        else:
            what = f"the rating is {new_name}"
        raise StatusRefused(f"{ref}: {what}{where}. Give a reason: say why, so the committee can see it.",
                            code=REASON_NEEDED, ref=ref)
    complete = complete_rating(scheme)
    if (new_name is not None and new_name == complete and current_rating != complete
            and change.sign_off is None and not state.signed_off(action_id)):
        raise StatusRefused(
            f"{ref}: {complete} means approval to close was received{where}. Record the sign-off "
            "first: which body approved it, the date and the minute reference.",
            code=SIGN_OFF_NEEDED, ref=ref)
    # A reason and status words belong to a rating: kept while it stays, gone when it changes.
    same_rating = current is not None and current_rating == new_name
    reason = change.reason if change.reason is not None else (current.reason if current and same_rating else "")
    status_text = (change.status_text if change.status_text is not None
                   else (current.status_text if current and same_rating else ""))
    progress = change.progress if change.progress is not None else (current.progress if current else "")
    return _Planned(action_id, ref, new_name, progress, reason, current, change.sign_off, change.seen,
                    status_text)


# Writing ----------------------------------------------------------------------------------------


def _audit(rows: list[tuple[Any, ...]], plan_id: int, at: str, who: str, ref: str, field: str,
           old: object, new: object, operation: str = "update") -> None:
    rows.append((plan_id, at, who, "status", ref, field, "" if old is None else str(old),
                 "" if new is None else str(new), operation))


_AUDIT_SQL = ("INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
              "operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _write_planned(con: Connection, state: _PlanState, items: list[_Planned], who: str) -> int:
    """Write checked changes and their audit entries; returns how many items changed."""
    at = stamp()
    label = state.period.label
    updates: list[tuple[Any, ...]] = []
    guarded: list[tuple[str, tuple[Any, ...]]] = []  # (ref, values + the version seen)
    inserts: list[tuple[Any, ...]] = []
    trail: list[tuple[Any, ...]] = []
    signoffs: list[tuple[Any, ...]] = []
    for p in items:
        cur = p.current
        old_rating = cur.rating if cur else None
        old_progress = cur.progress if cur else ""
        old_reason = cur.reason if cur else ""
        old_words = cur.status_text if cur else ""
        was_carried = bool(cur and cur.carried)
        if cur is not None and not was_carried and p.sign_off is None and \
                (old_rating, old_progress, old_reason, old_words) == (p.rating, p.progress, p.reason, p.status_text):
            state.written[p.ref] = cur.version
            continue  # already so: nothing to write, nothing to record
        rid = state.rating_ids.get(p.rating) if p.rating else None
        if cur is None:
            inserts.append((p.action_id, state.period.id, rid, p.progress, p.reason, who, at, p.status_text))
            state.written[p.ref] = 1
        elif p.seen is not None:
            guarded.append((p.ref, (rid, p.progress, p.reason, who, at, p.status_text, cur.status_id, p.seen)))
            state.written[p.ref] = p.seen + 1
        else:
            updates.append((rid, p.progress, p.reason, who, at, p.status_text, cur.status_id))
            state.written[p.ref] = cur.version + 1
        if p.sign_off is not None:
            signoffs.append((p.action_id, state.period.id, p.sign_off.body,
                             p.sign_off.approved_on.isoformat() if p.sign_off.approved_on else None,
                             p.sign_off.minute_ref, who, at))
            trail.append((state.plan_id, at, who, "sign_off", p.ref, f"sign-off {label}", "",
                          f"{p.sign_off.body}, {p.sign_off.approved_on}, {p.sign_off.minute_ref}",
                          "create"))
        if old_rating != p.rating:
            _audit(trail, state.plan_id, at, who, p.ref, f"rating {label}", old_rating, p.rating)
        if old_progress != p.progress:
            _audit(trail, state.plan_id, at, who, p.ref, f"progress {label}", old_progress, p.progress)
        if old_reason != p.reason:
            _audit(trail, state.plan_id, at, who, p.ref, f"reason {label}", old_reason, p.reason)
        if old_words != p.status_text:
            _audit(trail, state.plan_id, at, who, p.ref, f"status text {label}", old_words, p.status_text)
        if was_carried and (old_rating, old_progress, old_reason) == (p.rating, p.progress, p.reason):
            _audit(trail, state.plan_id, at, who, p.ref, f"status {label}", "not updated", "confirmed")
        state.forget(p.action_id)
    if updates:
        con.exec_driver_sql("UPDATE status_update SET rating_id = ?, progress = ?, reason = ?, "
                            "updated_by = ?, updated_at = ?, status_text = ?, carried_forward = FALSE, "
                            "version = version + 1 WHERE id = ?", updates)
    for ref, values in guarded:  # the version check and the change in one statement (two officers at once)
        if con.exec_driver_sql("UPDATE status_update SET rating_id = ?, progress = ?, reason = ?, "
                               "updated_by = ?, updated_at = ?, status_text = ?, carried_forward = FALSE, "
                               "version = version + 1 WHERE id = ? AND version = ?", values).rowcount != 1:
            raise stale(con, state.plan_id, ref)
    if inserts:
        con.exec_driver_sql("INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, "
                            "updated_by, updated_at, status_text, carried_forward) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)", inserts)
    if signoffs:
        con.exec_driver_sql("INSERT INTO sign_off (action_id, period_id, body, approved_on, minute_ref, "
                            "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", signoffs)
    if trail:
        con.exec_driver_sql(_AUDIT_SQL, trail)
    return len(updates) + len(guarded) + len(inserts)


def set_rating(
    store: Store, plan_id: int, ref: str, period_label: str | None, rating: str | None, *,
    progress: str | None = None, reason: str | None = None, sign_off: SignOffGiven | None = None,
    by: str | None = None, session: Session | None = None, seen: int | None = None,
) -> int:
    """Give one item a rating (and progress, reason, sign-off) in a period, under the plan's rules.

    ``seen`` is the version of the item's status the officer saw (0: none yet);
    one someone else saved since is refused with :class:`~wsoa_desktop.domain.errors.StaleEdit`. Returns the
    status's version after the call.
    """
    written: dict[str, int] = {}
    apply_changes(store, plan_id, period_label,
                  [StatusChange(ref, rating, progress, reason, sign_off, seen=seen)], by=by, session=session,
                  single=True, written=written)
    return next(iter(written.values()), 0)


def check_changes(store: Store, plan_id: int, period_label: str | None,
                  changes: Iterable[StatusChange], *, session: Session | None = None) -> list[StatusRefused]:
    """Every change the rules would refuse (for a preview or dry run); writes nothing."""
    def run(s: Session) -> list[StatusRefused]:
        con = s.connection()
        period = find_period_row(con, plan_id, period_label)
        if period.is_closed:
            return [_closed(period)]
        state = _PlanState(con, plan_id, period)
        state.preload()
        problems: list[StatusRefused] = []
        for change in changes:
            try:
                _check(state, change)
            except StatusRefused as exc:
                problems.append(exc)
        return problems

    if session is not None:
        return run(session)
    with store.session() as s:
        return run(s)


def apply_changes(
    store: Store, plan_id: int, period_label: str | None, changes: Sequence[StatusChange], *,
    by: str | None = None, session: Session | None = None, single: bool = False,
    written: dict[str, int] | None = None,
) -> int:
    """Apply ratings given in the app, all or nothing; returns how many items changed.

    ``written``, when given, receives each changed item's ref → its status's new version.

    Every change is checked before anything is written: one refused change (a
    Blue without sign-off, a Red without a reason) refuses the lot, and the
    :class:`StatusProblems` raised lists each of them.
    """
    if any(c.sign_off is not None for c in changes):
        changes = [_tidy_sign_off(c) for c in changes]
    who = by or default_user()
    with transaction(store, session) as s:
        con = s.connection()
        state = _open_state(con, plan_id, period_label)
        if len(changes) > 3:
            state.preload()
        planned: list[_Planned] = []
        problems: list[StatusRefused] = []
        seen: set[str] = set()
        for change in changes:
            try:
                item = _check(state, change)
            except StatusRefused as exc:
                if single:
                    raise
                problems.append(exc)
                continue
            if item.ref in seen:
                problems.append(StatusRefused(f"{item.ref} is given twice; give it once.",
                                              code=UNKNOWN_REF, ref=item.ref))
                continue
            seen.add(item.ref)
            planned.append(item)
        if problems:
            raise StatusProblems(problems)
        count = _write_planned(con, state, planned, who)
        if written is not None:
            written.update(state.written)
        return count


def _tidy_sign_off(change: StatusChange) -> StatusChange:
    if change.sign_off is None:
        return change
    from wsoa_desktop.services.signoff import check_sign_off

    given = change.sign_off
    try:
        body, on, minute = check_sign_off(given.body, given.approved_on, given.minute_ref)
    except ValidationError as exc:
        raise ValidationError(f"{change.ref}: {exc}", ref=change.ref) from exc
    return replace(change, sign_off=SignOffGiven(body, on, minute))


# History, carrying forward and putting back -------------------------------------------------------


def record_history(store: Store, plan_id: int, period_label: str, rows: Sequence[HistoricStatus], *,
                   by: str | None = None, session: Session | None = None, itemised: bool = True,
                   action_ids: dict[str, int] | None = None) -> int:
    """Record statuses as a plan's history has them (sample, plan import, plan file).

    Who and when, the carried-forward flag and the reason are kept exactly;
    the rules are not applied (history is recorded, not re-decided), but the
    period must be open and each rating must belong to the scheme. Each rating
    starts its item's audit trail (``itemised``), or, for a plan file with many
    periods, one entry records the period's load. ``action_ids`` (ref → id) saves
    reading the plan's items again for each period of a long history.
    """
    who = by or default_user()
    with transaction(store, session) as s:
        con = s.connection()
        state = _open_state(con, plan_id, period_label)
        period = state.period
        if action_ids is not None:
            state.use_actions(action_ids)
        else:
            state.load_actions()
        now = stamp()
        values: list[tuple[Any, ...]] = []
        trail: list[tuple[Any, ...]] = []
        rating_of: dict[str, int | None] = {}
        stamps: dict[datetime, str] = {}
        for row in rows:
            action_id = state.action_id(row.ref)
            if action_id is None:
                raise UnknownItem(f"There is no item {row.ref} in this plan for a rating in "
                                  f"“{period.label}”.", code=UNKNOWN_REF, ref=row.ref)
            text = "" if row.rating is None else str(row.rating)
            if text not in rating_of:
                found = state.scheme.match(text) if text.strip() else None
                if text.strip() and found is None:
                    raise StatusRefused(f"{row.ref}: “{row.rating}” is not a rating in this plan's scheme "
                                        f"({', '.join(state.scheme.names())}).", code=UNKNOWN_RATING,
                                        ref=row.ref)
                rating_of[text] = state.rating_ids[found.name] if found else None
            rid = rating_of[text]
            at = now
            if row.updated_at is not None:
                at = stamps.get(row.updated_at) or stamps.setdefault(row.updated_at, stamp(row.updated_at))
            values.append((action_id, period.id, rid, row.progress, row.reason, row.updated_by or who, at,
                           int(row.carried_forward), row.status_text))
            if itemised and rid is not None:
                _audit(trail, plan_id, now, who, row.ref, f"rating {period.label}", None,
                       state.rating_names[rid], "create")
        if values:
            con.exec_driver_sql(
                "INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, updated_by, "
                "updated_at, carried_forward, status_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        if values and not itemised:
            # One entry for the period (a plan file with years of periods): a summary, not 100,000 lines.
            _audit(trail, plan_id, now, who, "", f"ratings {period.label}", None,
                   f"{len(values)} ratings recorded from the plan's history", "create")
        if trail:
            con.exec_driver_sql(_AUDIT_SQL, trail)
        return len(values)


def carry_forward(s: Session, plan_id: int, from_period_id: int, to_period_id: int, to_label: str,
                  from_label: str, *, by: str) -> int:
    """Copy every status of one period into the next, marked not yet updated.

    Carried rows keep who last wrote them and when (still true of the text);
    one ``INSERT … SELECT`` keeps a 5,000-item plan's new period instant.
    """
    con = s.connection()
    result = con.exec_driver_sql(
        "INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, updated_by, "
        "updated_at, carried_forward, status_text) SELECT action_id, ?, rating_id, progress, reason, "
        "updated_by, updated_at, TRUE, status_text FROM status_update WHERE period_id = ?",
        (to_period_id, from_period_id))
    count = int(result.rowcount or 0)
    con.exec_driver_sql(_AUDIT_SQL, (plan_id, stamp(), by, "period", "", "carried forward", from_label,
                                     f"{to_label}: {count} ratings carried forward", "create"))
    return count


def status_state(store: Store, plan_id: int, ref: str, period_label: str | None) -> StatusState:
    """One item's status as it is now, exactly, so an undo can put it back."""
    with store.session() as s:
        con = s.connection()
        period = find_period_row(con, plan_id, period_label)
        row = con.exec_driver_sql(
            "SELECT r.name, su.progress, su.reason, su.carried_forward, su.updated_by, su.updated_at, su.version, "
            "su.status_text FROM status_update su JOIN action a ON a.id = su.action_id "
            "LEFT JOIN rating r ON r.id = su.rating_id "
            "WHERE a.plan_id = ? AND a.ref = ? AND su.period_id = ?",
            (plan_id, normalise_ref(ref), period.id)).first()
        if row is None:
            if con.exec_driver_sql("SELECT 1 FROM action WHERE plan_id = ? AND ref = ?",
                                   (plan_id, normalise_ref(ref))).first() is None:
                raise NotFoundError(f"There is no action {ref} in this plan. Check the reference.")
            return StatusState(False)
        return StatusState(True, row[0], row[1] or "", row[2] or "", bool(row[3]), row[4] or "",
                           None if row[5] is None else str(row[5]), int(row[6]), row[7] or "")


def put_back(store: Store, plan_id: int, ref: str, period_label: str | None, state: StatusState, *,
             by: str | None = None, session: Session | None = None, seen: int | None = None) -> int:
    """Put a status back exactly as it was (undo): the rules held when it was written. Audited.

    ``seen`` is the version the undo expects (the one its own edit left, 0 for
    none): a status someone else changed since is refused with :class:`~wsoa_desktop.domain.errors.StaleEdit`.
    Returns the status's version afterwards (0 when it no longer has one).
    """
    who = by or default_user()
    with transaction(store, session) as s:
        con = s.connection()
        plan_state = _open_state(con, plan_id, period_label)
        period = plan_state.period
        action_id = plan_state.action_id(ref)
        if action_id is None:
            raise NotFoundError(f"There is no action {ref} in this plan. Check the reference.")
        ref = normalise_ref(ref)
        cur = plan_state.current(action_id)
        _refuse_stale(plan_state, ref, cur, seen)
        now = stamp()
        trail: list[tuple[Any, ...]] = []
        version = 0
        if not state.exists:
            if cur is not None:
                if con.exec_driver_sql("DELETE FROM status_update WHERE id = ? AND version = ?",
                                       (cur.status_id, cur.version if seen is None else seen)).rowcount != 1:
                    raise stale(con, plan_id, ref)
                _audit(trail, plan_id, now, who, ref, f"status {period.label}", cur.rating, None, "delete")
        else:
            rid = plan_state.rating_ids.get(state.rating) if state.rating else None
            values = (rid, state.progress, state.reason, state.updated_by or who, state.updated_at or now,
                      int(state.carried_forward), state.status_text)
            if cur is None:
                con.exec_driver_sql(
                    "INSERT INTO status_update (action_id, period_id, rating_id, progress, reason, updated_by, "
                    "updated_at, carried_forward, status_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (action_id, period.id, *values))
                version = 1
            else:
                expected = cur.version if seen is None else seen
                if con.exec_driver_sql(
                        "UPDATE status_update SET rating_id = ?, progress = ?, reason = ?, updated_by = ?, "
                        "updated_at = ?, carried_forward = ?, status_text = ?, version = version + 1 "
                        "WHERE id = ? AND version = ?",
                        (*values, cur.status_id, expected)).rowcount != 1:
                    raise stale(con, plan_id, ref)
                version = expected + 1
            old = cur or _Current(0, None, "", "", False)
            for name, a, b in (("rating", old.rating, state.rating), ("progress", old.progress, state.progress),
                               ("reason", old.reason, state.reason), ("status text", old.status_text,
                                                                     state.status_text)):
                if a != b:
                    _audit(trail, plan_id, now, who, ref, f"{name} {period.label}", a, b, "undo")
        if trail:
            con.exec_driver_sql(_AUDIT_SQL, trail)
        return version


def reinsert_rows(con: Connection, plan_id: int, ref: str, rows: list[dict[str, Any]], *, by: str) -> None:
    """Put back the exact status rows of a deleted item (undo of a delete), ids and all."""
    if not rows:
        return
    columns = list(rows[0])
    con.exec_driver_sql(
        f"INSERT INTO status_update ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(r[c] for c in columns) for r in rows])
    con.exec_driver_sql(_AUDIT_SQL, (plan_id, stamp(), by, "status", ref, "statuses", "",
                                     f"{len(rows)} period ratings put back", "restore"))
