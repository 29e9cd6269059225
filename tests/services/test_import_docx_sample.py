"""The whole Rotherham plan as a Word document in the Appendix 1 layout, read back item for item.

The document is built with python-docx from the bundled sample the way the
council's Word file is laid out: “Priority N – Title” paragraphs, tables of six
columns, actions whose Action cell holds the description “…, this will mean that:”,
outcome bullets, “Key Impact Measures” and measure bullets, leads on separate
lines, and tables broken every few rows with the header repeated and a long
action cell continued in a row with an empty Ref.
"""

from __future__ import annotations

from pathlib import Path

import docx

from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import open_store

HEADER = ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"]
ROWS_PER_TABLE = 6


def _fill(document, cell, paragraphs: list[tuple[str, bool]]) -> None:  # type: ignore[no-untyped-def]
    cell.paragraphs[0].text = ""
    for n, (text, bullet) in enumerate(paragraphs):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        p.text = text
        if bullet:
            p.style = document.styles["List Bullet"]


def build_from_outline(outline, path: Path) -> Path:  # type: ignore[no-untyped-def]
    d = docx.Document()
    state = {"table": None, "rows": 0}

    def new_table():  # type: ignore[no-untyped-def]
        t = d.add_table(rows=1, cols=6)
        for cell, text in zip(t.rows[0].cells, HEADER, strict=False):
            cell.text = text
        d.add_paragraph("")
        state["table"], state["rows"] = t, 0
        return t

    def add_row(cells: list[object]) -> None:
        if state["table"] is None or state["rows"] >= ROWS_PER_TABLE:
            new_table()
        row = state["table"].add_row()
        state["rows"] += 1
        for cell, value in zip(row.cells, cells, strict=False):
            if isinstance(value, list):
                _fill(d, cell, value)
            else:
                _fill(d, cell, [(line, False) for line in str(value).split("\n")] if value else [("", False)])

    for p in outline.priorities:
        d.add_paragraph(f"Priority {p.ref} – {p.title}")
        d.add_paragraph(f"Lead Officers – {p.lead_officers}")
        d.add_paragraph(p.outcome_statement)
        state["table"] = None
        for a in p.actions:
            paras = [(a.description + (", this will mean that:" if a.outcomes else ""), False)]
            paras += [(o, True) for o in a.outcomes]
            if a.impact_measures:
                paras += [(a.impact_measures_heading or "Key Impact Measures", False)]
                paras += [(m, True) for m in a.impact_measures]
            if len(paras) > 5:  # a long cell runs over the page: the rest continues with no Ref
                add_row([a.ref, paras[:4], "", "", "", ""])
                state["rows"] = ROWS_PER_TABLE
                add_row(["", paras[4:], "", "", "", ""])
            else:
                add_row([a.ref, paras, "", "", "", ""])
            for s in a.children:
                add_row([s.ref, s.description, "\n".join(s.leads) or s.lead_text, s.target.text, s.rating or "",
                         s.progress])
    d.save(str(path))
    return path


def test_the_rotherham_plan_from_word(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = load_outline(sample_store, 1, "August 2022")
    path = build_from_outline(original, tmp_path / "Rotherham WSOA.docx")
    plan = dry_run(path, period="August 2022", title="From Word")
    assert plan.ok, [str(p) for p in plan.problems][:5]
    assert (plan.count(1), plan.count(2), plan.count(3)) == (4, 23, 75)

    target = open_store(tmp_path / "word.db")
    plan_id, _ = import_file(target, path, period="August 2022", title="From Word")
    imported = load_outline(target, plan_id, "August 2022")
    assert [p.title for p in imported.priorities] == [p.title for p in original.priorities]
    assert [p.lead_officers for p in imported.priorities] == [p.lead_officers for p in original.priorities]
    assert [p.outcome_statement for p in imported.priorities] == [p.outcome_statement for p in original.priorities]
    got = {n.ref: n for n in imported.iter_actions()}
    assert list(got) == [n.ref for n in original.iter_actions()]
    for n in original.iter_actions():
        g = got[n.ref]
        assert g.description == n.description, n.ref
        assert g.outcomes == n.outcomes, n.ref
        assert g.impact_measures == n.impact_measures, n.ref
        assert (g.target.text, g.target.due) == (n.target.text, n.target.due), n.ref
        assert g.rating == n.rating, n.ref
        assert g.progress == n.progress, n.ref
        if not any(c in "".join(n.leads) for c in "/,;"):  # names that hold a separator are split
            assert g.leads == n.leads, n.ref
    target.close()
