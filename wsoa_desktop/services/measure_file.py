"""A key impact measure in the plan file format, both ways.

The whole-plan export, a published version's snapshot and the bundled sample's
measures file all hold measures as these entries (``"measures": [...]``). Writing
one and reading it back gives the same measure — fields, milestones, readings and
the actions it belongs to — so a published version's scorecard prints the numbers
that were published, and an exported plan imports with its measures intact.

Pure Python (no SQL, no Qt): the report command reads a published version's
measures with it without loading the database layer's models.
"""

from __future__ import annotations

from typing import Any

from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.measures import Direction, Measure, Milestone, Reading, parse_direction


def measure_document(m: Measure) -> dict[str, Any]:
    """One measure in the plan file format (milestones and readings only when it has them)."""
    d: dict[str, Any] = {"ref": m.ref, "title": m.title, "unit": m.unit, "direction": m.direction.value,
                         "baseline": m.baseline, "baseline_when": m.baseline_when, "target": m.target,
                         "target_when": m.target_when, "source": m.source, "owner": m.owner, "note": m.note,
                         "actions": list(m.action_refs)}
    if m.milestones:
        d["milestones"] = [{"value": x.value, "when": x.when} for x in m.milestones]
    if m.readings:
        d["readings"] = [{"label": r.label, "value": r.value, "note": r.note} for r in m.readings]
    return d


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def measure_from_document(d: dict[str, Any], index: int = 0) -> Measure:
    """A measure as :func:`measure_document` wrote it (for a published version, read from its snapshot).

    Dates are worked out from the words kept with them, as the measures service does
    when an officer types them; an entry whose date cannot be read is left out rather
    than guessed.
    """
    baseline_when = str(d.get("baseline_when") or "")
    target_when = str(d.get("target_when") or "")
    milestones = []
    for x in d.get("milestones", []):
        due, value = read_when(str(x.get("when") or "")), _number(x.get("value"))
        if due is not None and value is not None:
            milestones.append(Milestone(value, due, str(x.get("when") or "")))
    readings = []
    for r in d.get("readings", []):
        as_of, value = read_when(str(r.get("label") or "")), _number(r.get("value"))
        if as_of is not None and value is not None:
            readings.append(Reading(str(r.get("label") or ""), as_of, value, str(r.get("note") or "")))
    return Measure(
        id=index, ref=str(d.get("ref") or f"M{index}"), title=str(d.get("title") or ""),
        unit=str(d.get("unit") or ""), direction=parse_direction(d.get("direction")) or Direction.INCREASE,
        baseline=_number(d.get("baseline")), baseline_when=baseline_when,
        baseline_on=read_when(baseline_when) if baseline_when else None,
        target=_number(d.get("target")), target_when=target_when,
        target_on=read_when(target_when) if target_when else None,
        milestones=tuple(sorted(milestones, key=lambda x: x.due)),
        readings=tuple(sorted(readings, key=lambda x: x.as_of)),
        source=str(d.get("source") or ""), owner=str(d.get("owner") or ""), note=str(d.get("note") or ""),
        action_refs=tuple(str(a) for a in d.get("actions", [])))


def measures_from_document(doc: dict[str, Any]) -> list[Measure]:
    """A plan document's measures in their set order (none in a document from before measures)."""
    return [measure_from_document(d, i) for i, d in enumerate(doc.get("measures") or [], start=1)]
