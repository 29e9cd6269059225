"""Moving an action or sub-action under another parent, and putting it back.

A moved item takes a reference under its new parent (the next free one, or one
the officer gives) and its sub-actions follow it (1.2.3 becomes 3.4.3). The
references of the items it leaves behind are renumbered to close the gap ONLY
when the officer asks: committee papers cite references, so they never change
silently. Everything is one transaction and every changed reference is audited.

Two officers at once: the officer moves the item as they saw it (``seen``, its row
version); a move of an item someone else changed since is refused
(:class:`~wsoa_desktop.domain.errors.StaleEdit`) before anything is written. Every
row whose place changes moves on one version, so an edit of it made on the old
place is refused too; an undo names the versions the move left.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import (
    child_ref,
    is_numbered,
    normalise_ref,
    parent_ref,
    ref_key,
    ref_level,
    ref_sort_text,
    split_ref,
)
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.plan_items import find_action, find_priority
from wsoa_desktop.services.row_versions import claim, read_version
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Action, id_of


@dataclass(frozen=True)
class RowChange:
    """One action row's place before and after a move."""

    action_id: int
    old_ref: str
    new_ref: str
    old_parent_id: int | None
    new_parent_id: int | None
    old_priority_id: int
    new_priority_id: int


@dataclass
class MoveResult:
    ref: str
    new_ref: str
    changes: list[RowChange] = field(default_factory=list)
    #: action id → the row's version after the last run (the move, or its undo): what the next run names.
    versions: dict[int, int] = field(default_factory=dict)

    @property
    def action_id(self) -> int:
        """The moved item's row."""
        return next(c.action_id for c in self.changes if c.old_ref == self.ref)

    def renamed(self) -> dict[str, str]:
        """Old reference → new reference for every item whose reference changed."""
        return {c.old_ref: c.new_ref for c in self.changes if c.old_ref != c.new_ref}


def _prefix_swap(ref: str, old: str, new: str) -> str:
    return new + ref[len(old):] if ref == old or ref.startswith(old + ".") else ref


def _subtree(rows: list[Action], root: Action) -> list[Action]:
    return [r for r in rows if r.ref == root.ref or r.ref.startswith(root.ref + ".")]


def move_item(store: Store, plan_id: int, ref: str, new_parent: str, *, new_ref: str | None = None,
              renumber: bool = False, by: str | None = None, session: Session | None = None,
              seen: int | None = None) -> MoveResult:
    """Move ``ref`` (an action or sub-action) under ``new_parent``.

    With ``renumber`` the later siblings it leaves behind move up one number
    (1.4 becomes 1.3 after 1.3 moves away), with their sub-actions. Under the
    parent it already has, a ``new_ref`` renames the item (and everything under
    it) where it stands: how an officer changes a reference the import made up
    ("SJC 1.2"), or corrects a mistyped one.

    ``seen`` is the item's version the officer moved: one someone else changed
    since is refused and nothing moves.
    """
    ref, new_parent = normalise_ref(ref), normalise_ref(new_parent)
    level = ref_level(ref)
    if level not in (2, 3):
        raise ValidationError(f"{ref}: only actions and sub-actions can be moved.", ref=ref)
    if ref_level(new_parent) != level - 1:
        what = "a priority (such as 2)" if level == 2 else "an action (such as 2.1)"
        raise ValidationError(f"{ref} can only go under {what}; “{new_parent}” is not one.", ref=ref)
    who = by or default_user()
    renaming = bool(new_ref) and normalise_ref(new_ref or "") != ref
    with transaction(store, session) as s:
        item = find_action(s, plan_id, ref)
        claim(s, "action", id_of(item), seen, plan_id=plan_id, ref=item.ref)  # first: a stale move writes nothing
        if parent_ref(ref) == new_parent:
            if not renaming:
                raise ValidationError(f"{ref} is already under {new_parent}.", ref=ref)
            renumber = False  # renamed where it stands: nothing is left behind
        if level == 2:
            target_priority_id, target_parent_id = id_of(find_priority(s, plan_id, new_parent)), None
        else:
            parent = find_action(s, plan_id, new_parent)
            target_priority_id, target_parent_id = parent.priority_id, parent.id
        # A named action ("SEND 4") does not carry its priority in its reference: it keeps its name.
        named = level == 2 and not is_numbered(ref)
        if named and item.priority_id == target_priority_id:
            if not renaming:
                raise ValidationError(f"{ref} is already under {new_parent}.", ref=ref)
            renumber = False
        rows = list(s.exec(select(Action).where(Action.plan_id == plan_id)))
        refs_in_use = {r.ref for r in rows}
        siblings = [r.ref for r in rows if parent_ref(r.ref) == new_parent]
        if named and not new_ref:
            new_ref = ref
        elif new_ref:
            new_ref = normalise_ref(new_ref)
            split_ref(new_ref)
            if parent_ref(new_ref) != new_parent and not (level == 2 and not is_numbered(new_ref)):
                raise ValidationError(f"{new_ref} is not a reference under {new_parent}.", ref=new_ref)
            if new_ref in refs_in_use:
                raise ValidationError(f"Reference {new_ref} is already used in this plan: choose another.",
                                      ref=new_ref)
        else:
            new_ref = child_ref(new_parent, siblings)

        plan: dict[int, tuple[str, int | None, int]] = {}  # id -> (ref, parent id, priority id)
        for r in _subtree(rows, item):
            plan[id_of(r)] = (_prefix_swap(r.ref, ref, new_ref),
                          target_parent_id if r.id == item.id else r.parent_id, target_priority_id)
        if renumber:
            _close_gap(rows, item, plan)
        result = MoveResult(ref, new_ref)
        by_id = {r.id: r for r in rows}
        for action_id, (to_ref, to_parent, to_priority) in plan.items():
            r = by_id[action_id]
            result.changes.append(RowChange(action_id, r.ref, to_ref, r.parent_id, to_parent,
                                            r.priority_id, to_priority))
        _apply(s, plan_id, result.changes, forward=True)
        result.versions = _move_on(s, plan_id, result.changes, {id_of(item): seen}, claimed=id_of(item))
        for c in result.changes:
            if c.old_ref != c.new_ref:
                audit.record(s, plan_id, who, "action", c.new_ref, "ref", c.old_ref, c.new_ref, "move")
        return result


def _close_gap(rows: list[Action], item: Action, plan: dict[int, tuple[str, int | None, int]]) -> None:
    parent = parent_ref(item.ref)
    siblings = sorted((r for r in rows if parent_ref(r.ref) == parent and r.id != item.id),
                      key=lambda r: ref_key(r.ref))
    last = split_ref(item.ref)[-1]
    if not last.isdigit() or any(not split_ref(r.ref)[-1].isdigit() for r in siblings):
        raise ValidationError(f"The references under {parent} are not plain numbers, so they cannot be "
                              "renumbered automatically. Move without renumbering.", ref=item.ref)
    gap = int(last)
    for r in siblings:
        number = int(split_ref(r.ref)[-1])
        if number <= gap:
            continue
        shifted = f"{parent}.{number - 1}"
        for d in _subtree(rows, r):
            plan[id_of(d)] = (_prefix_swap(d.ref, r.ref, shifted), d.parent_id, d.priority_id)


def _apply(s: Session, plan_id: int, changes: list[RowChange], *, forward: bool) -> None:
    """Write the new places in two steps so no reference collides on the way."""
    rows = {r.id: r for r in s.exec(select(Action).where(col(Action.id).in_([c.action_id for c in changes])))}
    for c in changes:
        rows[c.action_id].ref = f"~moving~{c.action_id}"
    s.flush()
    for c in changes:
        r = rows[c.action_id]
        r.ref = c.new_ref if forward else c.old_ref
        r.sort_key = ref_sort_text(r.ref)
        r.parent_id = c.new_parent_id if forward else c.old_parent_id
        r.priority_id = c.new_priority_id if forward else c.old_priority_id
        r.level = ref_level(r.ref)
    s.flush()


def _move_on(s: Session, plan_id: int, changes: list[RowChange], seen: dict[int, int | None], *,
             claimed: int | None = None) -> dict[int, int]:
    """Move every changed row on one version (``claimed`` already was); a row not at ``seen`` refuses."""
    versions: dict[int, int] = {}
    for c in changes:
        if c.action_id == claimed:
            versions[c.action_id] = read_version(s, "action", c.action_id)
            continue
        versions[c.action_id] = claim(s, "action", c.action_id, seen.get(c.action_id), plan_id=plan_id,
                                      ref=c.old_ref)
    return versions


def undo_move(store: Store, plan_id: int, result: MoveResult, *, by: str | None = None,
              session: Session | None = None, seen: dict[int, int] | None = None) -> dict[int, int]:
    """Put every row a move changed back where it was, in one transaction; returns their versions.

    ``seen`` (action id → version) names the versions the officer's move left
    (``result.versions``, or what later steps of theirs left): a row someone else
    edited since refuses the undo, which then changes nothing. Without it the rows
    still move on, unchecked.
    """
    who = by or default_user()
    named: dict[int, int | None] = dict(seen or {})
    with transaction(store, session) as s:
        current = {r.id: r.ref for r in s.exec(select(Action).where(
            col(Action.id).in_([c.action_id for c in result.changes])))}
        stale = [c.new_ref for c in result.changes if current.get(c.action_id) != c.new_ref]
        if stale:
            raise ValidationError(f"{stale[0]} has changed since the move, so the move was not undone.")
        for c in result.changes:  # first: a stale undo writes nothing
            claim(s, "action", c.action_id, named.get(c.action_id), plan_id=plan_id, ref=c.new_ref)
        _apply(s, plan_id, result.changes, forward=False)
        for c in result.changes:
            if c.old_ref != c.new_ref:
                audit.record(s, plan_id, who, "action", c.old_ref, "ref", c.new_ref, c.old_ref, "undo move")
        result.versions = {c.action_id: read_version(s, "action", c.action_id) for c in result.changes}
        return dict(result.versions)
