"""The scorecard and performance on a page of a published version, from its snapshot only.

A version freezes the measures and their readings with the rest of the plan (see
:mod:`wsoa_desktop.services.plan_document`), so a version's scorecard prints the
readings that were published, whatever was typed since. The version is read as it
stood on the day it was published: that day plays the part “today” plays for the
live plan (a reading dated later is not counted, an overdue target is judged no
later than that day). The numbers are built by the same functions as the live
ones, so screen, paper and version agree on every rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wsoa_desktop.domain.times import read_time
from wsoa_desktop.services.dashboard import DashboardNumbers, dashboard_numbers
from wsoa_desktop.services.measure_file import measures_from_document
from wsoa_desktop.services.plan_document import _action_docs
from wsoa_desktop.services.scorecard import Scorecard, as_of_among, scorecard_numbers
from wsoa_desktop.services.versions import (
    META_KEY,
    _stamp_text,
    outline_from_document,
    version_document,
)
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.measure_reader import PeriodRatings


def published_on(doc: dict[str, Any], today: date | None = None) -> date:
    """The day the version was published (today for a document that is not a version)."""
    at = read_time(doc.get(META_KEY, {}).get("published_at"))
    return at.date() if at is not None else (today or date.today())


def trend_from_document(doc: dict[str, Any], rating_names: list[str]) -> list[PeriodRatings]:
    """Every period's rating counts in a document, counted as :func:`read_rating_trend` counts the database.

    Rated items are the actions with no sub-actions; a carried-forward rating counts as
    not updated; an item without a rating that period counts as not rated.
    """
    leaves = {a["ref"] for a in _action_docs(doc) if not a.get("sub_actions")}
    out = []
    for position, period in enumerate(doc.get("periods", []), start=1):
        line = PeriodRatings(str(period["label"]), position, {n: 0 for n in rating_names})
        for u in period.get("updates", []):
            if u.get("ref") not in leaves:
                continue
            name = u.get("rating")
            if name not in line.counts:
                line.not_rated += 1
            elif u.get("carried_forward"):
                line.not_updated += 1
            else:
                line.counts[name] += 1
        line.not_rated += max(0, len(leaves) - line.total)
        out.append(line)
    return out


def document_scorecard(doc: dict[str, Any], period_label: str | None, today: date) -> Scorecard:
    """The scorecard of a plan document: at the end of ``period_label``, or at ``today``."""
    labels = [str(p["label"]) for p in doc.get("periods", [])]
    as_of, label = as_of_among(labels, period_label, today)
    priorities = [(str(p["ref"]), str(p.get("title") or p.get("area_of_concern") or ""))
                  for p in doc.get("priorities", [])]
    card = scorecard_numbers(str(doc.get("plan", {}).get("title", "")), measures_from_document(doc), priorities,
                             as_of, label)
    card.version_stamp = _stamp_text(doc.get(META_KEY, {}))
    return card


def document_dashboard(doc: dict[str, Any], period_label: str | None, today: date,
                       plan_id: int = 0) -> DashboardNumbers:
    """Performance on a page of a plan document, for ``period_label`` (default: its latest period)."""
    outline = outline_from_document(doc, period_label, plan_id)
    trend = trend_from_document(doc, outline.scheme.names())
    return dashboard_numbers(outline, trend, measures_from_document(doc), today)


def version_scorecard(store: Store, plan_id: int, number: int, period_label: str | None) -> Scorecard:
    """Version ``number``'s scorecard, as it stood the day it was published (or at a period's end)."""
    doc = version_document(store, plan_id, number)
    return document_scorecard(doc, period_label, published_on(doc))


def version_dashboard(store: Store, plan_id: int, number: int, period_label: str | None) -> DashboardNumbers:
    """Version ``number``'s performance on a page, from its snapshot."""
    doc = version_document(store, plan_id, number)
    return document_dashboard(doc, period_label, published_on(doc), plan_id)
