"""What a job on the plan is given: the plan it works on, who does it, and the window's few services.

Menus hand every Plan, Edit, Round and Reports job a :class:`PlanContext`
(``MainWindow.with_plan``), built when the officer chooses the menu item, and
only when a plan is open — so a job never checks for a missing database or plan,
never reads attributes of the window, and names in its signature exactly what it
uses. The window operations a job may call are the :class:`PlanWindow` protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
    from wsoa_desktop.gui.settings import Settings
    from wsoa_desktop.store.database import Store


class PlanWindow(Protocol):
    """The window showing the plan, as far as a job may use it."""

    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def planReloaded(self) -> SignalInstance: ...  # noqa: N802 - Qt's signal name

    def plan_context(self) -> PlanContext | None:
        """The plan now shown (None when no plan is open)."""
        ...

    def reload(self) -> None:
        """Re-read the plan and show it again, keeping the selection and the filter."""
        ...

    def show_status(self, text: str) -> None: ...

    def selected_ref(self) -> str | None: ...

    def select_ref(self, ref: str) -> bool: ...

    def node(self, ref: str) -> PriorityNode | ActionNode | None:
        """The row shown for ``ref`` (its node in the window's outline), if any."""
        ...

    def item_changed(self, ref: str, *, people_changed: bool = False) -> None:
        """One item's node was patched after a saved edit: repaint it without a reload."""
        ...

    def people(self) -> list[str]: ...

    def switch_period(self, label: str | None) -> None: ...

    def switch_plan(self, plan_id: int) -> None: ...


@dataclass(frozen=True)
class PlanContext:
    """The plan a job works on, as it stood when the officer chose the job.

    ``parent`` is the widget a job's dialogs belong to; ``window`` what it may ask
    of the window (reload, say what happened, select an item…).
    """

    store: Store
    plan_id: int
    period_label: str | None
    user: str
    outline: PlanOutline
    window: PlanWindow
    parent: QWidget

    @property
    def undo_stack(self) -> QUndoStack:
        return self.window.undo_stack

    @property
    def settings(self) -> Settings:
        return self.window.settings

    def reload(self) -> None:
        self.window.reload()

    def show_status(self, text: str) -> None:
        self.window.show_status(text)

    def selected_ref(self) -> str | None:
        return self.window.selected_ref()

    def is_current(self) -> bool:
        """Whether the window still shows this database and plan (a dialog left open may outlive it)."""
        now = self.window.plan_context()
        return now is not None and now.store is self.store and now.plan_id == self.plan_id
