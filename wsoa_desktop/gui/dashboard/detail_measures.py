"""The impact measures of the selected item, in the detail pane beside the plan.

An officer looking at action 1.1 wants to see, without leaving the plan, how its
key impact measures stand: each measure's status (a chip with the status's name,
never colour alone), its latest reading, baseline and target, and a link that
opens it in the measures editor. A sub-action shows its action's measures; a
priority lists the measures of all its actions (a measure linked to a sub-action
counts for the action above it too). The status is worked out as at
the end of the period the window shows (never later than today), by the same
rule as the dashboard and the scorecard.

The plan's measures are read once and kept until the next edit, undo, reload or
database switch, so moving through the tree with the arrow keys reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from wsoa_desktop.domain.measures import (
    Measure,
    assess,
    baseline_text,
    latest_text,
    status_definition,
    target_text,
)
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.domain.status_words import format_day

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow

#: The link scheme of "Open in the measures editor" (the pane hands such links to the opener).
LINK_SCHEME = "measure"
#: The link scheme of "Add an impact measure for action 1.6" (opens the editor on a new measure for it).
NEW_LINK_SCHEME = "measure-new"
EDITOR_HINT = "Plan ▸ Impact measures… (Ctrl+Shift+M)"


def measure_link(ref: str) -> str:
    return f"{LINK_SCHEME}:{quote(ref, safe='')}"


def ref_of_link(link: str, scheme: str = LINK_SCHEME) -> str | None:
    """The measure's short name (or, for ``NEW_LINK_SCHEME``, the action's ref) in a link the pane made."""
    prefix = f"{scheme}:"
    return unquote(link[len(prefix):]) if link.startswith(prefix) else None


def _new_link(action_ref: str) -> str:
    return (f"<p><a href='{NEW_LINK_SCHEME}:{quote(action_ref, safe='')}'>Add an impact measure for action "
            f"{escape(action_ref)}</a></p>")


def _subtree(nodes: list[ActionNode]) -> set[str]:
    out: set[str] = set()
    for n in nodes:
        out.add(n.ref)
        out |= _subtree(n.children)
    return out


def _action_of(node: ActionNode, outline: PlanOutline | None) -> ActionNode:
    """The action a sub-action belongs to (itself for an action), found through the plan's tree."""
    if node.parent_id is None or outline is None:
        return node
    by_id = {a.id: a for a in outline.iter_actions()}
    while node.parent_id is not None and node.parent_id in by_id:
        node = by_id[node.parent_id]
    return node


def measures_of(node: PriorityNode | ActionNode, measures: list[Measure],
                outline: PlanOutline | None = None) -> list[Measure]:
    """The measures linked to the item's action (or, for a priority, any of its actions) or to any
    sub-action under it."""
    if isinstance(node, PriorityNode):
        refs = _subtree(node.actions)
    else:
        action = _action_of(node, outline)
        refs = _subtree([action]) if action is not node else _subtree([node])
    return [m for m in measures if refs.intersection(m.action_refs)]


def _measure_html(m: Measure, as_of: date) -> str:
    a = assess(m, as_of)
    d = status_definition(a.status)
    chip = (f"<span style='background-color:{d.colour}; color:{d.text_colour};'>&nbsp;{escape(d.name)}&nbsp;"
            "</span>")
    facts = (f"Latest: {escape(latest_text(a.reading, m.unit))} · Baseline: {escape(baseline_text(m))} · "
             f"Target: {escape(target_text(m))}")
    return (f"<p>{chip} <b>{escape(m.ref)}</b> {escape(m.title)}<br><small>{facts}</small><br>"
            f"<a href='{measure_link(m.ref)}'>Open {escape(m.ref)} in the measures editor</a></p>")


def measures_html(node: PriorityNode | ActionNode, outline: PlanOutline | None, measures: list[Measure],
                  today: date) -> str:
    """The pane's “Impact measures” section for ``node`` ("" where a sub-action's action has none)."""
    from wsoa_desktop.reports.exception_items import as_at

    mine = measures_of(node, measures, outline)
    as_of = as_at(outline, today) if outline is not None else today
    if isinstance(node, PriorityNode):
        if not mine:
            return ""
        heading = f"Impact measures of {'section' if node.kind == 'section' else 'priority'} {node.ref}"
    elif node.parent_id is not None:
        if not mine:
            return ""
        heading = f"Impact measures of action {_action_of(node, outline).ref}"
    else:
        heading = "Impact measures"
    heading += f" — status at {format_day(as_of)}"
    if not mine:
        body = (f"<p><i>No impact measure is linked to this action yet. Link one in {escape(EDITOR_HINT)}, "
                "or add one here.</i></p>")
    else:
        body = "".join(_measure_html(m, as_of) for m in mine)
    if isinstance(node, ActionNode) and node.parent_id is None:
        body += _new_link(node.ref)
    return f"<h4>{escape(heading)}</h4>{body}"


class MeasureIndex:
    """The window's plan's measures, read once and kept until something changes."""

    def __init__(self, window: MainWindow, today: Callable[[], date] = date.today) -> None:
        self.window = window
        self.today = today
        self._key: tuple[object, ...] | None = None  # the objects themselves: an id could be reused
        self._measures: list[Measure] = []
        self._generation = 0

    def changed(self) -> None:
        """An edit, undo or redo may have changed a measure: read again when next asked."""
        self._generation += 1

    def measures(self) -> list[Measure]:
        w = self.window
        if w.store is None or w.plan_id is None:
            return []
        key = (w.store, w.plan_id, w.outline, self._generation)
        if self._key is None or any(a is not b for a, b in zip(key, self._key, strict=True)):
            from wsoa_desktop.services.measures import list_measures

            self._measures = list_measures(w.store, w.plan_id)
            self._key = key
        return self._measures

    def section(self, node: PriorityNode | ActionNode, outline: PlanOutline | None) -> str:
        measures = self.measures()
        if not measures:
            return ""  # a plan without measures: the pane stays as it was
        return measures_html(node, outline, measures, self.today())
