"""Read a whole plan, with one period's ratings, from the open store.

The tree, the reports and the exports all start here; the SQL lives in
:mod:`wsoa_desktop.store.outline_reader`, shared with the report command's
read-only fast path.
"""

from __future__ import annotations

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.outline_reader import read_outline


def load_outline(store: Store, plan_id: int, period_label: str | None = None, *,
                 latest_when_none: bool = True) -> PlanOutline:
    """The plan in natural reference order, with ``period_label``'s ratings.

    With no label, the latest period's ratings (or none when the plan has no
    periods, or ``latest_when_none`` is False).
    """
    with store.reading() as con:
        return read_outline(con.cursor(), plan_id, period_label, latest_when_none=latest_when_none)
