"""The plan as rows: ``Ref,Action,Lead,Target End Date,RAG,Progress Update``.

One row per priority (its area of concern in Action), action and sub-action, in
natural reference order. Several leads are joined with ``; ``. RAG is the
rating's name for the period, empty when unrated.

A cell a spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading apostrophe, as
spreadsheets themselves mark text; a text that already begins with an
apostrophe gets one more. The importer removes exactly one, so text survives
the round trip exactly as typed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.services.files import atomic_write

HEADER = ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(text: str) -> str:
    """Make a cell safe from formula injection, reversibly."""
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


def unprotect_cell(text: str) -> str:
    """Undo :func:`protect_cell`."""
    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or text[1:].startswith("'")):
        return text[1:]
    return text


def plan_rows(outline: PlanOutline) -> list[list[str]]:
    rows: list[list[str]] = []
    for p in outline.priorities:
        rows.append([p.ref, p.area_of_concern or p.title, p.lead_officers, "", "", ""])
        stack = list(reversed(p.actions))
        while stack:
            node = stack.pop()
            rows.append([node.ref, node.description, "; ".join(node.leads) if node.leads else node.lead_text,
                         node.target.text, node.rating or "", node.progress])
            stack.extend(reversed(node.children))
    return rows


def csv_text(outline: PlanOutline) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in plan_rows(outline):
        writer.writerow([protect_cell(c) for c in row])
    return buf.getvalue()


def write_csv(outline: PlanOutline, path: Path) -> Path:
    text = csv_text(outline)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))
