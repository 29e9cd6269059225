"""The tables a plan's papers carry beside the plan itself: the rating key, the owners, the version history.

A 2017 joint action plan opens with its version history (``Amended By | Date |
Version | Summary of Amendments``), keys its ratings (``Red | Not started …``)
and ends with ``Appendix A: Action Owners`` (``Initials | Name | Position``); the
2022 BRAG appendix ends with its ``RAG Status`` key. Each is found by its header
(or, for a key, by rows that start with a colour's name) in any table or sheet,
and read into the :class:`SourceTable` so the planner can use them: the key sets
the plan's rating scheme, the owners resolve initials, the history becomes the
plan's versions.
"""

from __future__ import annotations

import colorsys
from collections.abc import Callable

from wsoa_desktop.services.importing.rows import (
    LegendEntry,
    OwnerEntry,
    SourceTable,
    VersionLine,
    fold,
)

COLOUR_WORDS = {"blue", "green", "amber", "red", "grey", "gray", "yellow", "orange", "purple", "black",
                "white", "brown", "pink"}
LEGEND_HEADINGS = {"rag status", "brag status", "progress to date rag status", "rag key", "brag key", "key",
                   "rating", "ratings", "rag rating", "brag rating", "rating key", "rag", "brag", "status key",
                   "rag rating key", "key to ratings", "rating scheme"}
_VERSION = {"version", "version no", "version number", "ver", "v"}
_SUMMARY = {"summary of amendments", "summary", "amendments", "summary of changes", "changes", "amendment",
            "description of change", "comments"}
_BY = {"amended by", "author", "by", "changed by", "updated by", "who"}
_DATE = {"date", "date amended", "date of amendment"}
_INITIALS = {"initials", "initial"}
_NAME = {"name", "full name", "owner", "action owner"}
_POSITION = {"position", "role", "job title", "title", "post", "organisation"}

#: A header row of a version history or owners table has one of these (so other rows are passed by cheaply).
_TRIGGERS = {w for w in (_VERSION | _INITIALS)} | {"version no.", "ver."}

Grid = list[tuple[int, list[str]]]
Fills = dict[tuple[int, int], str]  # (row number, column) → "#RRGGBB"


def colour_word(hex_fill: str) -> str:
    """The colour a cell's fill shows, as a rating's name ("" when none is clear).

    Officers colour the RAG cell rather than type in it; a fill is read by its hue
    (a pale, unsaturated fill is Grey; white or none is nothing).
    """
    text = (hex_fill or "").strip().lstrip("#")
    if len(text) != 6:
        return ""
    try:
        r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return ""
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    if light > 0.93 or light < 0.08:
        return ""
    if sat < 0.18:
        return "Grey"
    degrees = hue * 360
    if degrees < 15 or degrees >= 330:
        return "Red"
    if degrees < 52:
        return "Amber"
    if degrees < 68:
        return "Yellow"
    if degrees < 170:
        return "Green"
    if degrees < 260:
        return "Blue"
    return ""


#: Longer cells are never a header's (a header names a column in a few words).
_HEADER_CELL = 40


def _columns(cells: list[str], wanted: dict[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if not cell or len(cell) > _HEADER_CELL:
            continue
        key = fold(cell)
        for name, options in wanted.items():
            if name not in found and key in options:
                found[name] = i
                break
    return found


def _cell(cells: list[str], i: int | None) -> str:
    return " ".join(cells[i].split()) if i is not None and i < len(cells) else ""


def _filled(cells: list[str]) -> list[int]:
    return [i for i, c in enumerate(cells) if c.strip()]


def _legend_row(number: int, cells: list[str], fills: Fills) -> tuple[str, str, str] | None:
    used = _filled(cells)
    if not used or len(used) > 3:
        return None
    first = used[0]
    name = " ".join(cells[first].split())
    if name.casefold() not in COLOUR_WORDS:
        return None
    fill = fills.get((number, first), "")
    meaning = " ".join(" ".join(cells[i].split()) for i in used[1:])
    return name, meaning, fill


def find_extras(grid: Grid, table: SourceTable, where: Callable[[int], str], fills: Fills | None = None) -> set[int]:
    """Read any key, owners table and version history in ``grid`` into ``table``; the row numbers used."""
    fills = fills or {}
    used: set[int] = set()
    i = 0
    while i < len(grid):
        number, cells = grid[i]
        words = {c.strip().casefold().rstrip(".:") for c in cells if c and len(c) <= _HEADER_CELL}
        if not words:
            i += 1
            continue
        maybe_header = bool(words & _TRIGGERS)
        version_cols = _columns(cells, {"version": _VERSION, "summary": _SUMMARY, "by": _BY,
                                        "date": _DATE}) if maybe_header else {}
        owner_cols = _columns(cells, {"initials": _INITIALS, "name": _NAME,
                                      "position": _POSITION}) if maybe_header else {}
        if "version" in version_cols and "summary" in version_cols and ("by" in version_cols
                                                                         or "date" in version_cols):
            used.add(number)
            i += 1
            while i < len(grid) and any(c.strip() for c in grid[i][1]):
                n, row = grid[i]
                if _columns(row, {"version": _VERSION, "summary": _SUMMARY}).keys() >= {"version", "summary"}:
                    used.add(n)  # the header repeated on the next page
                else:
                    table.versions.append(VersionLine(where(n), _cell(row, version_cols["version"]),
                                                      _cell(row, version_cols.get("date")),
                                                      _cell(row, version_cols.get("by")),
                                                      _cell(row, version_cols["summary"])))
                    used.add(n)
                i += 1
            continue
        if "initials" in owner_cols and "name" in owner_cols:
            used.add(number)
            i += 1
            while i < len(grid) and any(c.strip() for c in grid[i][1]):
                n, row = grid[i]
                if _cell(row, owner_cols["name"]) or _cell(row, owner_cols["initials"]):
                    table.owners.append(OwnerEntry(where(n), _cell(row, owner_cols["initials"]),
                                                   _cell(row, owner_cols["name"]),
                                                   _cell(row, owner_cols.get("position"))))
                used.add(n)
                i += 1
            continue
        filled = [c for c in cells if c.strip()]
        heading = [fold(c) for c in filled] if len(filled) <= 2 else []
        start = i + 1 if heading and heading[0] in LEGEND_HEADINGS else i
        entries: list[tuple[int, tuple[str, str, str]]] = []
        j = start
        while j < len(grid):
            found = _legend_row(grid[j][0], grid[j][1], fills)
            if found is None:
                break
            entries.append((grid[j][0], found))
            j += 1
        if len(entries) >= 2:
            if start > i:
                used.add(number)
            for n, (name, meaning, fill) in entries:
                table.legend.append(LegendEntry(where(n), name, meaning, fill))
                used.add(n)
            i = j
            continue
        i += 1
    return used
