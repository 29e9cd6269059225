"""Measure edits as undoable commands: each makes a measure match a document, and undo puts the old one back.

A measure is small and whole (fields, action links, milestones, readings), so a
command holds the document before and after and hands either to
:func:`~wsoa_desktop.services.measures.put_measure_document`, one transaction
each way. Adding is “none → document”, deleting “document → none”.

Two officers at once: the first run names the measure version the editor showed
(``seen``); an undo or redo names the version this window's own last write left,
so a measure someone else changed meanwhile is refused (StaleEdit), never overwritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wsoa_desktop.gui.undo_commands import PlanCommand, note_version, own_version
from wsoa_desktop.services import measures as measures_service

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext


def measure_key(ref: str) -> str:
    return f"measure {ref}"


class MeasureCommand(PlanCommand):
    def __init__(self, ctx: PlanContext, text: str, before: dict[str, Any] | None,
                 after: dict[str, Any] | None, *, seen: int | None = None) -> None:
        super().__init__(ctx, text)
        self.before_doc, self.after_doc = before, after
        self.result_ref: str | None = None
        #: The measure's version the editor showed (None: a new measure, or not read).
        self.seen = seen
        self._ran = False

    def do(self) -> None:
        old_ref = self.before_doc["ref"] if self.before_doc else None
        seen = self.seen if not self._ran else (own_version(self.store, measure_key(old_ref), None)
                                                if old_ref else None)
        self.result_ref = measures_service.put_measure_document(self.store, self.plan_id, old_ref, self.after_doc,
                                                                by=self.by, seen=seen)
        self._ran = True
        if self.after_doc is not None and self.result_ref:
            self.after_doc = dict(self.after_doc, ref=self.result_ref)
            self._note(self.result_ref)

    def revert(self) -> None:
        new_ref = self.after_doc["ref"] if self.after_doc else None
        seen = own_version(self.store, measure_key(new_ref), None) if new_ref else None
        ref = measures_service.put_measure_document(self.store, self.plan_id, new_ref, self.before_doc, by=self.by,
                                                    seen=seen)
        if ref:
            self._note(ref)

    def _note(self, ref: str) -> None:
        """Remember the version this write left: what the next undo or redo names as seen."""
        note_version(self.store, measure_key(ref), measures_service.measure_version(self.store, self.plan_id, ref))

    def refresh(self, undone: bool) -> None:
        # The plan tree is unchanged; the dashboard and an open measures editor follow the undo stack.
        pass


def describe(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None and after is not None:
        return f"add measure {after.get('ref') or ''}".strip()
    if after is None and before is not None:
        return f"delete measure {before['ref']}"
    assert before is not None
    return f"edit measure {before['ref']}"


class MoveMeasureCommand(PlanCommand):
    """Move a measure up or down the scorecard's order; undo moves it back."""

    def __init__(self, ctx: PlanContext, ref: str, steps: int) -> None:
        super().__init__(ctx, f"move measure {ref}")
        self.ref, self.steps = ref, steps

    def do(self) -> None:
        self.moved = measures_service.move_measure(self.store, self.plan_id, self.ref, self.steps, by=self.by)

    def revert(self) -> None:
        measures_service.move_measure(self.store, self.plan_id, self.ref, -self.moved, by=self.by)

    def refresh(self, undone: bool) -> None:
        pass
