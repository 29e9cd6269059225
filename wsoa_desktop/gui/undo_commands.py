"""Every edit is a QUndoCommand that calls the services; each run is its own transaction.

Every undoable command in the app derives from :class:`ServiceCommand`. A
command is first run by :func:`perform` (or :func:`push` where there is no plan
context, as in the update round): if the service refuses (empty text, a
duplicate reference, a worse rating without a reason…) the officer gets the
plain message and nothing is pushed, so the undo history only ever holds edits
that were saved. Undo and redo call the services again, so what is on screen is
always what is in the database. An undo or redo the service refuses later (the
period was closed since, the reference is now in use) changes nothing, says why
in the status bar, and leaves the command's place in the history (Qt drops an
obsolete command and moves the index past it, so Undo then offers the edit before).

Two officers at once: every run names the row version it was made on. The
first run names the version the officer saw on screen; an undo or redo names the
version this window's own last write of that row left (:func:`own_version`), so
an undo of an edit someone else has changed since is refused like a stale save
(:class:`~wsoa_desktop.domain.errors.StaleEdit`), never silently overwriting theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtGui import QUndoCommand, QUndoStack

from wsoa_desktop.domain.errors import StaleEdit, WsoaError
from wsoa_desktop.domain.outline import ActionNode, PriorityNode, StatusView
from wsoa_desktop.domain.refs import ref_level
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.priority_dialog import PriorityFields
from wsoa_desktop.services import item_restore, plan_items, plan_moves, rounds
from wsoa_desktop.services.plan_items import ActionFields
from wsoa_desktop.store.database import Store

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext


#: Per open database: row key ("action 1.1.1", "status 1.1.1 @ September 2022") → the version
#: this window's last write of that row left. What an undo or redo names as seen.
_own_writes: WeakKeyDictionary[Store, dict[str, int]] = WeakKeyDictionary()


def own_version(store: Store, key: str, fallback: int | None) -> int | None:
    """The version this window's last write of ``key`` left (``fallback`` when it wrote none)."""
    return _own_writes.get(store, {}).get(key, fallback)


def note_version(store: Store, key: str, version: int) -> None:
    _own_writes.setdefault(store, {})[key] = version


def item_key(ref: str) -> str:
    return f"{'priority' if ref_level(ref) == 1 else 'action'} {ref}"


def status_key(ref: str, period: str) -> str:
    return f"status {ref} @ {period}"


class ServiceCommand(QUndoCommand):
    """The one base: ``do`` and ``revert`` call a service; ``after`` updates the screens.

    The first ``redo`` (Qt calls it inside ``push``) does not run the service
    again: :func:`perform` / :func:`push` already did, and refused edits never
    reach the stack. A later undo or redo the service refuses (the period was
    closed since, say) makes the command obsolete and goes to ``refused``, which
    says why through ``tell`` (the window's status bar).
    """

    def __init__(self, text: str, *, tell: Callable[[str], None] | None = None) -> None:
        super().__init__(text)
        self._done_once = False
        self.tell = tell

    def do(self) -> None: ...
    def revert(self) -> None: ...

    def after(self, undone: bool, first: bool) -> None:
        """Bring the screens up to date after a run (``first``: the run that pushed it)."""

    def refused(self, exc: WsoaError, undoing: bool) -> None:
        """An undo or redo the service refused (the command is already obsolete): say why."""
        if self.tell is not None:
            self.tell(refusal_text(self.text(), exc, undoing))

    def redo(self) -> None:
        if not self._done_once:  # perform() already ran it
            self._done_once = True
            self.after(False, True)
            return
        self._run(self.do, undone=False)

    def undo(self) -> None:
        self._run(self.revert, undone=True)

    def _run(self, fn: Callable[[], None], *, undone: bool) -> None:
        try:
            fn()
        except WsoaError as exc:
            self.setObsolete(True)  # the stack drops a command that can no longer apply
            self.refused(exc, undone)
            return
        self.after(undone, False)


def refusal_text(what: str, exc: WsoaError, undoing: bool) -> str:
    """The status-bar line for a refused undo or redo: what, and the service's reason."""
    return f"Could not {'undo' if undoing else 'redo'} “{what}”: {exc}"


def push(stack: QUndoStack | None, command: ServiceCommand) -> None:
    """Run a command once, then push it; a refusal raises WsoaError here and pushes nothing."""
    command.do()
    if stack is not None:
        stack.push(command)
    else:
        command.redo()


class PlanCommand(ServiceCommand):
    """An edit made on the plan the window shows: ``refresh`` updates the tree and the detail pane."""

    def __init__(self, ctx: PlanContext, text: str) -> None:
        super().__init__(text, tell=ctx.show_status)
        self.window = ctx.window
        self.store = ctx.store
        self.plan_id = ctx.plan_id
        self.by = ctx.user

    def refresh(self, undone: bool) -> None:
        self.window.reload()

    def after(self, undone: bool, first: bool) -> None:
        self.refresh(undone)
        self.window.show_status(f"{'Undone' if undone else 'Done'}: {self.text()} — Saved")

    def refused(self, exc: WsoaError, undoing: bool) -> None:
        self.window.reload()  # whatever the service left is what is shown
        super().refused(exc, undoing)


def perform(ctx: PlanContext, command: PlanCommand) -> bool:
    """Run a command once; push it onto the undo stack only if it was saved."""
    return attempt(ctx, command) == SAVED


SAVED, REFUSED, RELOADED = "saved", "refused", "reloaded"


def attempt(ctx: PlanContext, command: PlanCommand) -> str:
    """Run a command once and push it if saved: SAVED, REFUSED, or RELOADED.

    A stale edit (someone else saved the row first) offers Reload; RELOADED means
    the officer chose it and the window now shows their change, so the caller can
    let the officer apply what they typed again.
    """
    try:
        command.do()
    except StaleEdit as exc:
        if messages.offer_reload(ctx.parent, str(exc)):
            ctx.reload()
            ctx.show_status(f"Reloaded: {exc.ref} as {exc.by or 'someone else'} left it")
            return RELOADED
        return REFUSED
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return REFUSED
    ctx.undo_stack.push(command)
    return SAVED


class RateCommand(ServiceCommand):
    """One round step: an item's rating, progress and reason for a period, saved together.

    One service call, one transaction, one entry on the undo stack; undo puts back
    exactly what was there before (including "not updated"). ``on_change`` is
    called after an undo or redo (the screens re-read the plan); ``on_refused``
    (the window's status bar) gets the reason when an undo or redo is refused.
    """

    def __init__(self, store: Store, plan_id: int, period: str, ref: str, rating: str | None, progress: str,
                 reason: str | None, by: str, *, on_change: Callable[[], None] | None = None,
                 on_refused: Callable[[str], None] | None = None, seen: int | None = None) -> None:
        super().__init__(f"rate {ref} {rating or 'unrated'}", tell=on_refused)
        self.store, self.plan_id, self.period, self.ref = store, plan_id, period, ref
        self.rating, self.progress, self.reason, self.by = rating, progress, reason, by
        self.on_change = on_change
        self.before = rounds.status_state(store, plan_id, ref, period)
        self.key = status_key(ref, period)
        #: The status version the officer rated on (None: whatever is saved now).
        self.seen = seen
        self.version = 0

    def do(self) -> None:
        seen = self.seen if not self._done_once else own_version(self.store, self.key, None)
        self.version = rounds.rate(self.store, self.plan_id, self.ref, self.period, self.rating,
                                   progress=self.progress, reason=self.reason, by=self.by, seen=seen)
        note_version(self.store, self.key, self.version)

    def revert(self) -> None:
        version = rounds.restore_status(self.store, self.plan_id, self.ref, self.period, self.before, by=self.by,
                                        seen=own_version(self.store, self.key, self.version))
        note_version(self.store, self.key, version)

    def saved_status(self) -> StatusView:
        """The status as it now stands in the database (after ``do``)."""
        state = rounds.status_state(self.store, self.plan_id, self.ref, self.period)
        return StatusView(state.rating, state.progress, state.reason, self.by, datetime.now(timezone.utc),
                          state.carried_forward, version=self.version)

    def after(self, undone: bool, first: bool) -> None:
        if not first and self.on_change is not None:
            self.on_change()

    def refused(self, exc: WsoaError, undoing: bool) -> None:
        super().refused(exc, undoing)
        if self.on_change is not None:
            self.on_change()


def _action_changes(old: ActionFields, new: ActionFields) -> tuple[dict[str, object], dict[str, object]]:
    forward: dict[str, object] = {}
    back: dict[str, object] = {}
    for name in plan_items.ACTION_FIELDS:
        if getattr(old, name) != getattr(new, name):
            forward[name], back[name] = getattr(new, name), getattr(old, name)
    if "leads" in forward and "lead_text" not in forward:
        forward["lead_text"] = new.lead_text if new.lead_text is not None else "; ".join(new.leads)
        back["lead_text"] = old.lead_text if old.lead_text is not None else "; ".join(old.leads)
    for changes in (forward, back):
        leads = changes.get("leads", [])
        if changes.get("lead_text", "") is None:
            changes["lead_text"] = "; ".join(str(lead) for lead in leads) if isinstance(leads, list) else ""
    return forward, back


class ItemCommand(PlanCommand):
    """An edit of one priority or action row: each run names the version it was made on.

    ``seen`` is the version shown when the officer started the edit; later runs
    (undo, redo, a second command of the same dialog) name the version this
    window's own last write left.
    """

    def __init__(self, ctx: PlanContext, ref: str, text: str, seen: int | None) -> None:
        super().__init__(ctx, text)
        self.ref, self.key = ref, item_key(ref)
        self.seen = seen
        #: The row's version after this command's last run.
        self.version = seen or 0

    def seen_now(self) -> int | None:
        """The version shown on screen for the first run; this window's own last write's after that."""
        if not self._done_once:
            return self.seen
        return own_version(self.store, self.key, self.seen)

    def wrote(self, version: int) -> None:
        if version:
            self.version = version
            note_version(self.store, self.key, version)
        node = self.window.node(self.ref)
        if node is not None and version:
            node.version = version


class EditActionCommand(ItemCommand):
    def __init__(self, ctx: PlanContext, ref: str, old: ActionFields, new: ActionFields, *,
                 seen: int | None = None) -> None:
        super().__init__(ctx, ref, f"edit {ref}", seen)
        self.forward, self.back = _action_changes(old, new)
        self.leads_changed = "leads" in self.forward

    def do(self) -> None:
        self.wrote(plan_items.update_action(self.store, self.plan_id, self.ref, by=self.by, session=None,
                                            seen=self.seen_now(), **self.forward))

    def revert(self) -> None:
        self.wrote(plan_items.update_action(self.store, self.plan_id, self.ref, by=self.by, session=None,
                                            seen=self.seen_now(), **self.back))

    def refresh(self, undone: bool) -> None:
        node = self.window.node(self.ref)
        if not isinstance(node, ActionNode):
            self.window.reload()
            return
        for name, value in (self.back if undone else self.forward).items():
            setattr(node, name, list(value) if isinstance(value, list) else value)
        self.window.item_changed(self.ref, people_changed=self.leads_changed)


class ChangeTargetCommand(ItemCommand):
    def __init__(self, ctx: PlanContext, ref: str, old_text: str, new_text: str, reason: str, *,
                 seen: int | None = None) -> None:
        super().__init__(ctx, ref, f"change the target of {ref}", seen)
        self.old_text, self.new_text, self.reason = old_text, new_text, reason

    def do(self) -> None:
        version = plan_items.change_target(self.store, self.plan_id, self.ref, self.new_text,
                                           reason=self.reason, by=self.by, seen=self.seen_now())
        if not version:
            raise WsoaError(f"The target of {self.ref} is already “{self.new_text}”.")
        self.wrote(version)

    def revert(self) -> None:
        self.wrote(item_restore.revert_target(self.store, self.plan_id, self.ref, self.old_text, self.new_text,
                                              by=self.by, seen=self.seen_now()))

    def refresh(self, undone: bool) -> None:
        node = self.window.node(self.ref)
        if not isinstance(node, ActionNode):
            self.window.reload()
            return
        node.target = parse_target(self.old_text if undone else self.new_text)
        node.target_revised = bool(plan_items.target_revisions(self.store, self.plan_id, self.ref))
        self.window.item_changed(self.ref)


class EditPriorityCommand(ItemCommand):
    def __init__(self, ctx: PlanContext, ref: str, old: PriorityFields, new: PriorityFields, *,
                 seen: int | None = None) -> None:
        super().__init__(ctx, ref, f"edit priority {ref}", seen)
        names = ("title", "area_of_concern", "lead_officers", "outcome_statement", "delivery_partners")
        self.forward = {n: getattr(new, n) for n in names if getattr(new, n) != getattr(old, n)}
        self.back = {n: getattr(old, n) for n in self.forward}

    def do(self) -> None:
        self.wrote(plan_items.update_priority(self.store, self.plan_id, self.ref, by=self.by,
                                              seen=self.seen_now(), **self.forward))

    def revert(self) -> None:
        self.wrote(plan_items.update_priority(self.store, self.plan_id, self.ref, by=self.by,
                                              seen=self.seen_now(), **self.back))

    def refresh(self, undone: bool) -> None:
        node = self.window.node(self.ref)
        if not isinstance(node, PriorityNode):
            self.window.reload()
            return
        for name, value in (self.back if undone else self.forward).items():
            setattr(node, name, value)
        self.window.item_changed(self.ref)


class AddItemCommand(PlanCommand):
    """Add a priority (PriorityFields) or an action / sub-action (ActionFields)."""

    def __init__(self, ctx: PlanContext, ref: str, fields: ActionFields | PriorityFields) -> None:
        kind = "priority" if isinstance(fields, PriorityFields) else ("action" if ref.count(".") == 1
                                                                     else "sub-action")
        super().__init__(ctx, f"add {kind} {ref}")
        self.ref, self.fields = ref, fields

    def do(self) -> None:
        f = self.fields
        if isinstance(f, PriorityFields):
            plan_items.add_priority(self.store, self.plan_id, self.ref, f.title, area_of_concern=f.area_of_concern,
                                    lead_officers=f.lead_officers, outcome_statement=f.outcome_statement,
                                    delivery_partners=f.delivery_partners, by=self.by)
        else:
            plan_items.add_action(self.store, self.plan_id, self.ref, f, by=self.by)
        note_version(self.store, item_key(self.ref), 1)

    def revert(self) -> None:
        plan_items.delete_item(self.store, self.plan_id, self.ref, by=self.by,
                               seen=own_version(self.store, item_key(self.ref), None))

    def refresh(self, undone: bool) -> None:
        self.window.reload()
        if not undone:
            self.window.select_ref(self.ref)


class DeleteItemCommand(ItemCommand):
    def __init__(self, ctx: PlanContext, ref: str, *, seen: int | None = None) -> None:
        super().__init__(ctx, ref, f"delete {ref}", seen)
        self.snapshot: item_restore.ItemSnapshot | None = None

    def do(self) -> None:
        self.snapshot = item_restore.delete_with_snapshot(self.store, self.plan_id, self.ref, by=self.by,
                                                          seen=self.seen_now())

    def revert(self) -> None:
        assert self.snapshot is not None
        item_restore.restore_item(self.store, self.snapshot, by=self.by)
        table = "priority" if self.key.startswith("priority") else "action"
        root = next((r for r in self.snapshot.rows.get(table, []) if r.get("ref") == self.snapshot.ref), None)
        if root is not None:
            note_version(self.store, self.key, int(root.get("version") or 1))

    def refresh(self, undone: bool) -> None:
        self.window.reload()
        if undone:
            self.window.select_ref(self.ref)


class MoveItemCommand(PlanCommand):
    """Edit ▸ Move…: the first run names the item's version on screen; undo and redo the versions the last
    run left, so a move or its undo over someone else's edit is refused (and changes nothing)."""

    def __init__(self, ctx: PlanContext, ref: str, new_parent: str, renumber: bool,
                 new_ref: str | None = None, *, seen: int | None = None) -> None:
        super().__init__(ctx, f"move {ref} under {new_parent}")
        self.ref, self.new_parent, self.renumber, self.new_ref = ref, new_parent, renumber, new_ref
        self.seen = seen
        self.result: plan_moves.MoveResult | None = None

    def do(self) -> None:
        seen = self.seen
        if self.result is not None:  # a redo: the version the undo left
            seen = own_version(self.store, item_key(self.ref), self.result.versions.get(self.result.action_id))
        self.result = plan_moves.move_item(self.store, self.plan_id, self.ref, self.new_parent,
                                           new_ref=self.new_ref, renumber=self.renumber, by=self.by, seen=seen)
        self.setText(f"move {self.ref} to {self.result.new_ref}")
        self._note(forward=True)

    def revert(self) -> None:
        assert self.result is not None
        seen = {c.action_id: own_version(self.store, item_key(c.new_ref), self.result.versions.get(c.action_id))
                for c in self.result.changes}
        plan_moves.undo_move(self.store, self.plan_id, self.result, by=self.by,
                             seen={k: v for k, v in seen.items() if v is not None})
        self._note(forward=False)

    def _note(self, *, forward: bool) -> None:
        """What this window's other undo steps name for each row, under the reference it now has."""
        assert self.result is not None
        for c in self.result.changes:
            version = self.result.versions.get(c.action_id)
            if version:
                note_version(self.store, item_key(c.new_ref if forward else c.old_ref), version)

    def refresh(self, undone: bool) -> None:
        self.window.reload()
        if self.result is not None:
            self.window.select_ref(self.ref if undone else self.result.new_ref)
