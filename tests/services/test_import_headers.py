"""Header names as councils write them, and lead cells with several people."""

from __future__ import annotations

import pytest

from wsoa_desktop.services.importing.rows import match_header, split_leads


@pytest.mark.parametrize("cells, period", [
    (["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"], None),
    (["Ref", "Action", "Lead", "Target date", "RAG August 2022", "Progress Update"], "August 2022"),
    (["REF.", "ACTIONS", "Lead(s)", "Deadline", "BRAG (Sept 2023)", "Comments"], "Sept 2023"),
    (["Reference", "Description", "Owner", "Due date", "RAG Rating August 2022", "Update"], "August 2022"),
    (["No.", "Action", "Lead officer", "Timescale", "RAG - Q1 2024", "Progress to date"], "Q1 2024"),
])
def test_flexible_headers(cells: list[str], period: str | None) -> None:
    found = match_header(cells)
    assert found is not None
    assert found.columns == {"ref": 0, "action": 1, "lead": 2, "target": 3, "rating": 4, "progress": 5}
    assert found.period == period


def test_not_a_header() -> None:
    assert match_header(["1.1", "Improve the QA framework", "Julie Day"]) is None
    assert match_header(["Name", "Role"]) is None


@pytest.mark.parametrize("cell, leads", [
    ("Julie Day/Pam Ward/Nathan Heath", ["Julie Day", "Pam Ward", "Nathan Heath"]),
    ("NDTi, CDC", ["NDTi", "CDC"]),
    ("Julie Day; Vicki Ingram", ["Julie Day", "Vicki Ingram"]),
    ("Julie Day\nVicki Ingram\r\n Vicky  Whitfield ", ["Julie Day", "Vicki Ingram", "Vicky Whitfield"]),
    ("Julie Day / Julie Day", ["Julie Day"]),
    ("", []),
])
def test_lead_splitting(cell: str, leads: list[str]) -> None:
    assert split_leads(cell) == leads


def test_semicolon_files_keep_slashes_in_names() -> None:
    assert split_leads("RMBC/CCG Comms leads; Julie Day", semicolons_only=True) == ["RMBC/CCG Comms leads",
                                                                                     "Julie Day"]
