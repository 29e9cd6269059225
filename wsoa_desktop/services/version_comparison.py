"""What changed between two published versions, or a version and the working copy.

The comparison works on plan documents only (snapshots, or the live plan turned
into the same document), so it reports exactly what each side showed: actions
added, removed or moved (the same text under a new reference), changed text or
leads, revised targets, and ratings that changed between each side's latest
period, and the key impact measures added, removed or changed (description,
baseline, target) and their latest readings. The result is plain data: the GUI shows it side by side and it writes
to CSV for the committee papers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wsoa_desktop.domain.refs import ref_key
from wsoa_desktop.services.csv_export import protect_cell
from wsoa_desktop.services.files import atomic_write
from wsoa_desktop.store.database import Store

ADDED = "added"
REMOVED = "removed"
MOVED = "moved"
TEXT = "text changed"
LEAD = "lead changed"
TARGET = "target revised"
RATING = "rating changed"
MEASURE_ADDED = "measure added"
MEASURE_REMOVED = "measure removed"
MEASURE = "measure changed"  # its description, baseline or target
READING = "reading changed"  # its latest reading (a new quarter's figure, or a figure corrected)
KINDS = (ADDED, REMOVED, MOVED, TEXT, LEAD, TARGET, RATING, MEASURE_ADDED, MEASURE_REMOVED, MEASURE, READING)
MEASURE_KINDS = (MEASURE_ADDED, MEASURE_REMOVED, MEASURE, READING)


@dataclass(frozen=True)
class Difference:
    kind: str
    ref: str  # the reference on the right-hand side (the left for a removed item)
    old_ref: str
    old: str
    new: str


@dataclass
class Comparison:
    left: str  # "Version 3" or "Working copy"
    right: str
    left_period: str
    right_period: str
    differences: list[Difference] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    def counts(self) -> dict[str, int]:
        return {k: len(self.of_kind(k)) for k in KINDS}

    def csv_text(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["Change", "Ref", "Previous ref", f"{self.left}", f"{self.right}"])
        for d in self.differences:
            w.writerow([protect_cell(x) for x in (d.kind, d.ref, d.old_ref, d.old, d.new)])
        return buf.getvalue()

    def write_csv(self, path: Path | str) -> Path:
        text = self.csv_text()
        return atomic_write(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


@dataclass(frozen=True)
class _Item:
    ref: str
    text: str
    lead: str
    target: str


def _items(doc: dict[str, Any]) -> dict[str, _Item]:
    out: dict[str, _Item] = {}

    def walk(a: dict[str, Any]) -> None:
        lead = "; ".join(a.get("leads") or []) or a.get("lead", "") or ""
        out[a["ref"]] = _Item(a["ref"], a.get("description", ""), lead, a.get("target", ""))
        for c in a.get("sub_actions", []):
            walk(c)

    for p in doc.get("priorities", []):
        out[p["ref"]] = _Item(p["ref"], p.get("area_of_concern") or p.get("title", ""),
                              p.get("lead_officers", ""), "")
        for a in p.get("actions", []):
            walk(a)
    return out


def _latest_ratings(doc: dict[str, Any]) -> tuple[str, dict[str, str]]:
    periods = doc.get("periods") or []
    if not periods:
        return "", {}
    last = periods[-1]
    return last["label"], {u["ref"]: u.get("rating", "") for u in last.get("updates", [])}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def compare_documents(left: dict[str, Any], right: dict[str, Any], left_name: str,
                      right_name: str) -> Comparison:
    a, b = _items(left), _items(right)
    left_period, ra = _latest_ratings(left)
    right_period, rb = _latest_ratings(right)
    result = Comparison(left_name, right_name, left_period, right_period)
    diffs = result.differences
    removed = [r for r in a if r not in b]
    added = [r for r in b if r not in a]
    # The same text under a new reference is a move, not a removal and an addition.
    removed_by_text: dict[str, list[str]] = {}
    for r in removed:
        if a[r].text.strip():
            removed_by_text.setdefault(_norm(a[r].text), []).append(r)
    pairs: dict[str, str] = {r: r for r in a if r in b}  # left ref -> right ref
    moved_to: set[str] = set()
    for r in added:
        candidates = removed_by_text.get(_norm(b[r].text))
        if candidates:
            old = candidates.pop(0)
            pairs[old] = r
            moved_to.add(r)
            diffs.append(Difference(MOVED, r, old, old, r))
    gone = {old for old, new in pairs.items() if old != new}
    for r in removed:
        if r not in gone:
            diffs.append(Difference(REMOVED, r, r, a[r].text, ""))
    for r in added:
        if r not in moved_to:
            diffs.append(Difference(ADDED, r, "", "", b[r].text))
    for old, new in pairs.items():
        x, y = a[old], b[new]
        if x.text != y.text:
            diffs.append(Difference(TEXT, new, old, x.text, y.text))
        if x.lead != y.lead:
            diffs.append(Difference(LEAD, new, old, x.lead, y.lead))
        if x.target != y.target:
            diffs.append(Difference(TARGET, new, old, x.target, y.target))
        old_rating, new_rating = ra.get(old, ""), rb.get(new, "")
        if old_rating != new_rating and (old in ra or new in rb):
            diffs.append(Difference(RATING, new, old, old_rating, new_rating))
    order = {k: i for i, k in enumerate(KINDS)}
    diffs.sort(key=lambda d: (ref_key(d.ref), order[d.kind]))
    diffs += _measure_differences(left, right)
    return result


def _measure_differences(left: dict[str, Any], right: dict[str, Any]) -> list[Difference]:
    """Measures added, removed or changed, and changed latest readings, in each side's words (by short name)."""
    from wsoa_desktop.domain.measures import baseline_text, latest_text, target_text
    from wsoa_desktop.services.measure_file import measures_from_document

    a = {m.ref: m for m in measures_from_document(left)}
    b = {m.ref: m for m in measures_from_document(right)}
    out: list[Difference] = []
    for ref, m in b.items():
        if ref not in a:
            out.append(Difference(MEASURE_ADDED, ref, "", "", m.title))
            continue
        old = a[ref]
        said = (f"{old.title}: baseline {baseline_text(old)}, target {target_text(old)}",
                f"{m.title}: baseline {baseline_text(m)}, target {target_text(m)}")
        if said[0] != said[1]:
            out.append(Difference(MEASURE, ref, ref, *said))
        latest = (latest_text(old.latest(), old.unit), latest_text(m.latest(), m.unit))
        if latest[0] != latest[1]:
            out.append(Difference(READING, ref, ref, *latest))
    out += [Difference(MEASURE_REMOVED, ref, ref, m.title, "") for ref, m in a.items() if ref not in b]
    return out


def compare_versions(store: Store, plan_id: int, left: int | None, right: int | None) -> Comparison:
    """Compare two versions by number; None stands for the working copy."""
    from wsoa_desktop.services.versions import version_document, working_document

    def load(n: int | None) -> tuple[dict[str, Any], str]:
        if n is None:
            return working_document(store, plan_id), "Working copy"
        return version_document(store, plan_id, n), f"Version {n}"

    (ldoc, lname), (rdoc, rname) = load(left), load(right)
    return compare_documents(ldoc, rdoc, lname, rname)
