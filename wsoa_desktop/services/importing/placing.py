"""Give every row its own reference and its place, whatever shape the Ref column has.

Numbered plans are simple: ``1.2.3`` says where it sits. A 2017 joint action plan
is not: its rows sit under section headings ("CYPS IMPROVEMENT PLAN MEASURES",
"PEER REVIEW MEASURES"), its references are names ("SEND 1"), and in the peer
review section the Ref column names the measures each recommendation serves
("SEND 1 / SEND 4", the same pair on several rows) while the recommendation's own
number starts its text ("1. The Post 14 Team should …"). There each row is
referred to by its section and number ("Peer Review 1") and keeps the references
it was written under as links.

The same plan's joint commissioning section has no references at all: its rows
sit under "Priority 1 / Lead Officer: Paula Williams" headings. Those rows are
named from their section too ("SEND JOINT COMMISSIONING PLAN 2016/17" → "SJC"):
each "Priority N" heading becomes the action "SJC N" and its rows the sub-actions
"SJC N.1", "SJC N.2" …, in the order written (a row before any heading becomes an
action of its own). The names are the same every time the document is read, the
dry run lists them, and the officer can change any of them afterwards.

The plan import and the ratings import both place rows here, so a ratings file in
the plan's own shape matches the references the plan was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wsoa_desktop.domain.refs import is_numbered, is_ref, normalise_ref, split_several
from wsoa_desktop.services.importing.rows import SourceRow, subheading_of

_OWN_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s+\S")
_GENERIC_WORDS = {"measures", "measure", "actions", "action", "plan", "plans", "recommendations",
                  "recommendation", "the", "of", "and", "for", "to", "in"}


@dataclass
class Group:
    """A section heading and the rows under it (rows before any heading have none)."""

    heading: SourceRow | None
    rows: list[SourceRow] = field(default_factory=list)


def section_stem(heading: str) -> str:
    """The words that name a section's items: "PEER REVIEW MEASURES" → "Peer Review"."""
    words = [w for w in re.findall(r"[A-Za-z]+", heading) if w.casefold() not in _GENERIC_WORDS]
    if not words:
        return "Item"
    if len(words) <= 2:
        # In a heading written in capitals a word is an acronym ("CYPS") only if it has no vowel.
        shouting = heading.isupper()
        return " ".join(w if w.isupper() and (not shouting or not re.search("[AEIOU]", w)) else w.capitalize()
                        for w in words)
    return "".join(w[0].upper() for w in words[:4])


def own_number(text: str) -> int | None:
    """The number a row's text starts with ("16. Schools have reported …" → 16)."""
    m = _OWN_NUMBER.match(text or "")
    return int(m.group(1)) if m else None


def groups_of(rows: list[SourceRow]) -> list[Group]:
    out = [Group(None)]
    for row in rows:
        if row.kind == "section":
            out.append(Group(row))
        else:
            out[-1].rows.append(row)
    return [g for g in out if g.heading is not None or g.rows]


def _links_section(group: Group) -> bool:
    """Does this section's Ref column name what its rows serve, rather than the rows themselves?"""
    if group.heading is None:
        return False
    seen: set[str] = set()
    links = False
    for row in group.rows:
        refs = split_several(row.ref)
        key = "|".join(refs)
        if len(refs) > 1 or (refs and key in seen) or (row.ref.strip() and not refs):
            links = True
        seen.add(key)
    return links and all(own_number(r.action) is not None for r in group.rows if r.ref.strip())


def _name_refless_rows(group: Group, used: set[str]) -> None:
    """Give a section's rows that have no reference one from the section's name (see the module notes)."""
    stem = section_stem(group.heading.action if group.heading else "")

    def free(number: int) -> int:
        while f"{stem} {number}" in used:
            number += 1
        used.add(f"{stem} {number}")
        return number

    top = 0
    action: str | None = None
    sub = 0
    for row in group.rows:
        if row.kind == "subheading":
            found = subheading_of(row.ref_cell)
            number = free(found[0] if found is not None else top + 1)
            top = max(top, number)
            action = row.ref = f"{stem} {number}"
            row.kind, row.no_ref, sub = "item", True, 0
        elif row.no_ref:
            if action is not None:
                sub += 1
                row.ref = f"{action}.{sub}"
            else:
                top = free(top + 1)
                row.ref = f"{stem} {top}"
        elif row.ref.strip():
            action = None  # a row with its own reference ends the run under the heading


def place_rows(rows: list[SourceRow]) -> list[SourceRow]:
    """Set each row's own ``ref`` (and ``linked_refs``, ``group_ref``); returns the rows in order.

    A section heading stays in the list (kind "section"): the planner makes it the
    group its named rows sit under. A Ref cell that is not one reference is left
    as written, for the planner to report with its row.
    """
    groups = groups_of(rows)
    if any(r.no_ref or r.kind == "subheading" for r in rows):
        used = {ref for r in rows for ref in split_several(r.ref)}
        for group in groups:
            if any(r.no_ref or r.kind == "subheading" for r in group.rows):
                _name_refless_rows(group, used)
    for group in groups:
        if _links_section(group):
            stem = section_stem(group.heading.action if group.heading else "")
            for row in group.rows:
                number = own_number(row.action)
                row.ref_cell = row.ref
                row.linked_refs = split_several(row.ref) or ([" ".join(row.ref.split())] if row.ref.strip()
                                                             else [])
                if number is not None:
                    row.ref = f"{stem} {number}"
            continue
        for row in group.rows:
            refs = split_several(row.ref)
            if len(refs) == 1:
                row.ref = refs[0]
            elif len(refs) > 1:
                row.ref_cell = row.ref
    return rows


def is_group_ref(ref: str) -> bool:
    """Is ``ref`` a priority's (one number), under which named actions can sit?"""
    return is_ref(ref) and is_numbered(ref) and "." not in normalise_ref(ref)
