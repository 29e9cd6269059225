"""The Edit menu's jobs: ask the officer (a dialog), then perform an undoable command.

Each job gets the plan it works on as a :class:`PlanContext`. Each ``ask_*``
function runs one dialog (through :func:`messages.run_dialog`, which tests
answer) and returns what was typed, or None on Cancel.

Two officers at once: an edit names the version of the item shown. When someone
else saved a change first, the refusal offers Reload; after it the same dialog
opens again over the reloaded item with everything the officer typed, to apply
again (or cancel). What was typed is never thrown away by the refusal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import ActionNode, PriorityNode
from wsoa_desktop.domain.refs import child_ref
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.priority_dialog import PriorityFields
from wsoa_desktop.gui.undo_commands import RELOADED as _RELOADED
from wsoa_desktop.gui.undo_commands import SAVED as _SAVED
from wsoa_desktop.gui.undo_commands import (
    AddItemCommand,
    ChangeTargetCommand,
    DeleteItemCommand,
    EditActionCommand,
    EditPriorityCommand,
    MoveItemCommand,
    attempt,
    perform,
)
from wsoa_desktop.services.plan_items import ActionFields

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext


# -- asking ------------------------------------------------------------------------------------

def ask_action(ctx: PlanContext, kind: str, ref: str, fields: ActionFields, *,
               adding: bool, original_target: str | None = None,
               reason: str = "") -> tuple[str, ActionFields, str] | None:
    """``original_target``: the saved target, when ``fields`` holds text typed before a reload."""
    from wsoa_desktop.gui.action_dialog import ActionDialog

    dialog = ActionDialog(kind, ref, fields, ctx.window.people(), adding=adding, parent=ctx.parent)
    if original_target is not None:
        dialog.original_target = original_target
        dialog.target.textChanged.emit(dialog.target.text())  # the reason box follows the saved target
    if reason:
        dialog.reason.setText(reason)
    return dialog.values() if messages.run_dialog(dialog) else None


def ask_priority(ctx: PlanContext, ref: str, fields: PriorityFields, *,
                 adding: bool) -> tuple[str, PriorityFields] | None:
    from wsoa_desktop.gui.priority_dialog import PriorityDialog

    dialog = PriorityDialog(ref, fields, adding=adding, parent=ctx.parent)
    return dialog.values() if messages.run_dialog(dialog) else None


def ask_target(ctx: PlanContext, ref: str, current: str,
               typed: tuple[str, str] | None = None) -> tuple[str, str] | None:
    """``typed``: the new target and reason typed before a reload, put back in the boxes."""
    from wsoa_desktop.gui.target_dialog import TargetDialog

    dialog = TargetDialog(ref, current, ctx.parent)
    if typed is not None:
        dialog.target.setText(typed[0])
        dialog.reason.setText(typed[1])
    return dialog.values() if messages.run_dialog(dialog) else None


def ask_move(ctx: PlanContext, ref: str, parents: list[tuple[str, str]],
             here: tuple[str, str] | None = None,
             typed: tuple[str, bool, str] | None = None) -> tuple[str, bool, str] | None:
    """``typed``: the place, renumbering and new reference chosen before a reload, put back in the dialog."""
    from wsoa_desktop.gui.move_dialog import MoveDialog

    dialog = MoveDialog(ref, parents, ctx.parent, here=here)
    if typed is not None:
        dialog.offer(*typed)
    return dialog.values() if messages.run_dialog(dialog) else None


def ask_delete(ctx: PlanContext, what: str) -> bool:
    return messages.confirm(ctx.parent, f"Delete {what}?\n\nYou can undo this with Edit ▸ Undo (Ctrl+Z).",
                            yes="Delete")


# -- helpers -----------------------------------------------------------------------------------

def _selected(ctx: PlanContext) -> PriorityNode | ActionNode | None:
    ref = ctx.selected_ref()
    return ctx.window.node(ref) if ref is not None else None


def fields_of(node: ActionNode) -> ActionFields:
    joined = "; ".join(node.leads)
    return ActionFields(node.description, list(node.leads),
                        node.lead_text if node.lead_text != joined else None, node.target.text,
                        list(node.outcomes), node.impact_measures_heading, list(node.impact_measures))


def _complete(fields: ActionFields) -> ActionFields:
    """An empty “lead as written” means the leads chosen, joined."""
    if fields.lead_text is None:
        fields.lead_text = "; ".join(fields.leads)
    return fields


def _priority_fields(p: PriorityNode) -> PriorityFields:
    return PriorityFields(p.title, p.area_of_concern, p.lead_officers, p.outcome_statement,
                          list(p.delivery_partners))


# -- the jobs ----------------------------------------------------------------------------------

def edit_selected(ctx: PlanContext) -> bool:
    node = _selected(ctx)
    if node is None:
        messages.warn(ctx.parent, "Select an item in the plan first.")
        return False
    if isinstance(node, PriorityNode):
        return _edit_priority(ctx, node)
    return _edit_action(ctx, node)


def _after_reload(ctx: PlanContext, ref: str) -> tuple[PlanContext, PriorityNode | ActionNode] | None:
    """The window's plan and ``ref``'s node after a Reload; None (and said so) when the item is gone."""
    fresh = ctx.window.plan_context()
    node = fresh.window.node(ref) if fresh is not None else None
    if fresh is None or node is None:
        messages.warn(ctx.parent, f"{ref} is no longer in the plan, so what you typed cannot be applied to it.")
        return None
    return fresh, node


def _edit_priority(ctx: PlanContext, node: PriorityNode, typed: PriorityFields | None = None) -> bool:
    answer = ask_priority(ctx, node.ref, typed or _priority_fields(node), adding=False)
    if answer is None:
        return False
    old = _priority_fields(node)
    if answer[1] == old:
        return False
    outcome = attempt(ctx, EditPriorityCommand(ctx, node.ref, old, answer[1], seen=node.version))
    if outcome == _RELOADED:
        again = _after_reload(ctx, node.ref)
        if again is not None and isinstance(again[1], PriorityNode):
            return _edit_priority(again[0], again[1], answer[1])
    return outcome == _SAVED


def _edit_action(ctx: PlanContext, node: ActionNode, typed: ActionFields | None = None,
                 typed_reason: str = "") -> bool:
    """The text and fields as one command, a moved target as another (with its reason): one undo step.

    ``typed``: what the officer typed before a stale save was refused and they chose Reload.
    """
    kind = "action" if node.level == 2 else "sub-action"
    old = _complete(fields_of(node))
    answer = ask_action(ctx, kind, node.ref, typed or fields_of(node), adding=False,
                        original_target=node.target.text if typed else None, reason=typed_reason)
    if answer is None:
        return False
    _ref, new, reason = answer
    outcome = _save_action_edit(ctx, node, old, replace(new), reason)
    if outcome == _RELOADED:
        again = _after_reload(ctx, node.ref)
        if again is not None and isinstance(again[1], ActionNode):
            return _edit_action(again[0], again[1], new, reason)
    return outcome == _SAVED


def _save_action_edit(ctx: PlanContext, node: ActionNode, old: ActionFields, new: ActionFields,
                      reason: str) -> str:
    new = _complete(new)
    new_target = new.target
    target_changed = new_target != old.target
    new.target = old.target  # the target moves through its own command, with the reason
    edits = new != old
    if not edits and not target_changed:
        return "unchanged"
    if not (edits and target_changed):
        if edits:
            return attempt(ctx, EditActionCommand(ctx, node.ref, old, new, seen=node.version))
        return attempt(ctx, ChangeTargetCommand(ctx, node.ref, old.target, new_target, reason, seen=node.version))
    first = EditActionCommand(ctx, node.ref, old, new, seen=node.version)
    try:  # refused before anything is saved: no empty step on the undo stack
        first.do()
    except WsoaError:
        return attempt(ctx, first)  # says why (and offers Reload when someone else saved first)
    ctx.undo_stack.beginMacro(f"edit {node.ref}")
    try:
        ctx.undo_stack.push(first)
        outcome = attempt(ctx, ChangeTargetCommand(ctx, node.ref, old.target, new_target, reason,
                                                   seen=first.version))
    finally:
        ctx.undo_stack.endMacro()
    return outcome


def change_target(ctx: PlanContext, typed: tuple[str, str] | None = None) -> bool:
    node = _selected(ctx)
    if not isinstance(node, ActionNode):
        messages.warn(ctx.parent, "Select an action or sub-action to change its target date.")
        return False
    answer = ask_target(ctx, node.ref, node.target.text, typed)
    if answer is None or answer[0] == node.target.text:
        return False
    outcome = attempt(ctx, ChangeTargetCommand(ctx, node.ref, node.target.text, answer[0], answer[1],
                                               seen=node.version))
    if outcome == _RELOADED:
        again = _after_reload(ctx, node.ref)
        if again is not None:
            again[0].window.select_ref(node.ref)
            return change_target(again[0], answer)
    return outcome == _SAVED


def add_priority(ctx: PlanContext) -> bool:
    refs = [p.ref for p in ctx.outline.priorities]
    answer = ask_priority(ctx, child_ref(None, refs), PriorityFields(), adding=True)
    if answer is None:
        return False
    return perform(ctx, AddItemCommand(ctx, answer[0], answer[1]))


def _add_under(ctx: PlanContext, kind: str, parent_ref: str, siblings: list[str]) -> bool:
    answer = ask_action(ctx, kind, child_ref(parent_ref, siblings), ActionFields(), adding=True)
    if answer is None:
        return False
    return perform(ctx, AddItemCommand(ctx, answer[0], _complete(answer[1])))


def add_action(ctx: PlanContext) -> bool:
    node = _selected(ctx)
    if node is None and ctx.outline.priorities:
        node = ctx.outline.priorities[0]
    if node is None:
        messages.warn(ctx.parent, "Add a priority first: an action sits under a priority.")
        return False
    priority = node if isinstance(node, PriorityNode) else next(
        p for p in ctx.outline.priorities if p.id == node.priority_id)
    return _add_under(ctx, "action", priority.ref, [a.ref for a in priority.actions])


def add_sub_action(ctx: PlanContext) -> bool:
    node = _selected(ctx)
    if isinstance(node, ActionNode) and node.level == 3:
        node = ctx.outline.find(node.ref.rsplit(".", 1)[0])
    if not isinstance(node, ActionNode):
        messages.warn(ctx.parent, "Select an action (such as 1.2) to add a sub-action under it.")
        return False
    return _add_under(ctx, "sub-action", node.ref, [c.ref for c in node.children])


def delete_selected(ctx: PlanContext) -> bool:
    node = _selected(ctx)
    if node is None:
        messages.warn(ctx.parent, "Select an item in the plan first.")
        return False
    if isinstance(node, PriorityNode):
        what = f"priority {node.ref} and its {len(node.actions)} actions"
    else:
        what = f"{'action' if node.level == 2 else 'sub-action'} {node.ref}"
        if node.children:
            what += f" and its {len(node.children)} sub-actions"
    if not ask_delete(ctx, what):
        return False
    outcome = attempt(ctx, DeleteItemCommand(ctx, node.ref, seen=node.version))
    return outcome == _SAVED  # after a Reload the officer sees the change and may delete again


def move_selected(ctx: PlanContext, typed: tuple[str, bool, str] | None = None) -> bool:
    """Edit ▸ Move…; ``typed``: what the officer chose before someone else's change made them reload."""
    node = _selected(ctx)
    if not isinstance(node, ActionNode):
        messages.warn(ctx.parent, "Select an action or sub-action to move.")
        return False
    if node.level == 2:
        parents = [(p.ref, p.title or p.area_of_concern) for p in ctx.outline.priorities]
        current_parent = next((p.ref for p in ctx.outline.priorities if p.id == node.priority_id), "")
    else:
        parents = [(a.ref, a.description) for p in ctx.outline.priorities for a in p.actions]
        current_parent = next((a.ref for p in ctx.outline.priorities for a in p.actions if a.id == node.parent_id),
                              "")
    here = next((p for p in parents if p[0] == current_parent), None)
    parents = [p for p in parents if p[0] != current_parent]
    answer = ask_move(ctx, node.ref, parents, here, typed)
    if answer is None:
        return False
    outcome = attempt(ctx, MoveItemCommand(ctx, node.ref, answer[0], answer[1], answer[2] or None,
                                           seen=node.version))
    if outcome == _RELOADED:
        again = _after_reload(ctx, node.ref)
        if again is not None:
            again[0].window.select_ref(node.ref)
            return move_selected(again[0], answer)
    return outcome == _SAVED
