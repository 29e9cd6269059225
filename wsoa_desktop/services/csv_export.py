"""The plan as rows: ``Ref,Action,Lead,Target End Date,RAG,Progress Update,Not Updated,Status Text``.

One row per priority (its area of concern in Action), action and sub-action, in
natural reference order. Several leads are joined with ``; ``. RAG is the
rating's name for the period, empty when unrated. The six contract columns come
first, unchanged; ``Not Updated`` follows them: "not updated since July 2022" for
a rating carried forward that nobody updated this period, empty otherwise, so a
spreadsheet never shows an old rating as this month's. Importers ignore it.
``Status Text`` comes last: the words kept beside the rating (seed 004's "On
track"), as typed; the plan and ratings imports read it back when it is there.
The first columns are a contract: new columns only ever go after them.

The file starts with a UTF-8 byte-order mark, so Excel on Windows reads
“Ofsted’s” and “Siân” as typed instead of guessing an old code page.

A cell a spreadsheet would run as a formula is written with a leading
apostrophe, as spreadsheets themselves mark text; a text that already begins
with an apostrophe gets one more. The importer removes exactly one, so text
survives the round trip exactly as typed. A formula is anything whose first
visible character is ``=``, ``+``, ``-`` or ``@`` — also after spaces, line
breaks or other invisible characters (spreadsheets trim them on import), and
also in the full-width forms ``＝ ＋ － ＠`` that East Asian keyboards type and
Excel accepts — and any text starting with a tab or a carriage return.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.domain.status_words import not_updated_text
from wsoa_desktop.services.files import atomic_write

#: The contract's columns, exactly as councils' spreadsheets and our importers know them.
HEADER = ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"]
NOT_UPDATED_COLUMN = "Not Updated"
STATUS_TEXT_COLUMN = "Status Text"
#: What the exports write: the contract's columns, then the carried-forward marker and the status text.
EXPORT_HEADER = HEADER + [NOT_UPDATED_COLUMN, STATUS_TEXT_COLUMN]
#: The signs that start a formula, in their ordinary and full-width forms.
FORMULA_SIGNS = frozenset("=+-@＝＋－＠")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: Characters nobody sees, which a spreadsheet may drop before it reads a formula.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula (also after leading spaces or line breaks)?"""
    if text.startswith(FORMULA_STARTS):
        return True
    for c in text:
        if c.isspace() or c < " " or c in _INVISIBLE:
            continue
        return c in FORMULA_SIGNS
    return False


def protect_cell(text: str) -> str:
    """Make a cell safe from formula injection, reversibly."""
    if text.startswith("'") or looks_like_formula(text):
        return "'" + text
    return text


def unprotect_cell(text: str) -> str:
    """Undo :func:`protect_cell`: remove exactly the one apostrophe it adds."""
    if text.startswith("'") and (text[1:].startswith("'") or looks_like_formula(text[1:])):
        return text[1:]
    return text


def plan_rows(outline: PlanOutline) -> list[list[str]]:
    """Every row as the exports write it: the six contract columns, then Not Updated and Status Text."""
    rows: list[list[str]] = []
    for p in outline.priorities:
        rows.append([p.ref, p.area_of_concern or p.title, p.lead_officers, "", "", "", "", ""])
        stack = list(reversed(p.actions))
        while stack:
            node = stack.pop()
            marker = not_updated_text(node.status) if node.rating else ""
            rows.append([node.ref, node.description, "; ".join(node.leads) if node.leads else node.lead_text,
                         node.target.text, node.rating or "", node.progress, marker,
                         node.status.status_text if node.status is not None else ""])
            stack.extend(reversed(node.children))
    return rows


def csv_text(outline: PlanOutline) -> str:
    """The CSV as text (without the byte-order mark the file starts with)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for row in plan_rows(outline):
        writer.writerow([protect_cell(c) for c in row])
    return buf.getvalue()


def write_csv(outline: PlanOutline, path: Path) -> Path:
    text = csv_text(outline)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8-sig", newline=""))
