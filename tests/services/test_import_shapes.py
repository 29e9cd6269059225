"""Plans in the shapes councils already keep them: the BRAG appendix and the 2017 joint action plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from tests.db_access import fingerprint
from tests.services.plan_shapes import (
    COMMISSIONING,
    COMMISSIONING_REFS,
    appendix_csv,
    appendix_docx,
    appendix_xlsx,
    joint_plan_csv,
    joint_plan_docx,
    joint_plan_xlsx,
    per_action_docx,
)
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RAG_2017, WSOA_BRAG
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.services.versions import list_versions, publish


@pytest.fixture(params=["docx", "xlsx", "csv"])
def appendix(request, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    build = {"docx": appendix_docx, "xlsx": appendix_xlsx, "csv": appendix_csv}[request.param]
    return build(tmp_path / f"Appendix 2 BRAG August 2022.{request.param}")


def test_the_brag_appendix_in_every_format_is_a_plan(store, appendix: Path) -> None:  # type: ignore[no-untyped-def]
    plan = dry_run(appendix)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.period == "August 2022"
    assert plan.scheme == WSOA_BRAG
    assert [i.ref for i in plan.items] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "2", "2.1",
                                           "2.1.1", "2.1.2", "2.2", "2.2.1", "2.2.2", "2.10", "2.10.1"]
    by = {i.ref: i for i in plan.items}
    # Actions the appendix lists by reference only, and 2.1 left on the page before, are added and said.
    assert by["1.1"].text == "Action 1.1" and by["2.1"].added
    assert any("5 actions have no text" in n for n in plan.notes)
    assert by["1.1.2"].rating == "Amber"  # written "Yellow"
    assert by["2.2.2"].target.text == "Re-occurring action Sequence to be agreed Dec 2022"
    assert by["2.10.1"].rating is None
    plan_id, _ = import_file(store, appendix)
    outline = load_outline(store, plan_id, "August 2022")
    assert outline.find("1.2.1").rating == "Blue"
    assert [a.ref for a in outline.priorities[1].actions] == ["2.1", "2.2", "2.10"]


def test_plan_tables_one_per_action_without_the_action_rows(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = per_action_docx(tmp_path / "wsoa.docx")
    plan = dry_run(path, period="August 2022")
    assert plan.ok, [str(p) for p in plan.problems]
    assert [i.ref for i in plan.items if i.added] == ["1", "1.1", "1.2", "2", "2.1"]
    plan_id, _ = import_file(store, path, period="August 2022")
    outline = load_outline(store, plan_id)
    assert outline.find("1.2.2").leads == ["NDTi", "CDC"]
    assert outline.find("2.1.1").progress == "Delayed: SENDCO network paused"


@pytest.fixture(params=["docx", "xlsx"])
def joint_plan(request, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    build = {"docx": joint_plan_docx, "xlsx": joint_plan_xlsx}[request.param]
    return build(tmp_path / f"SEND Joint Action Plan v13.{request.param}")


def test_dry_run_of_the_2017_joint_action_plan(joint_plan: Path) -> None:
    plan = dry_run(joint_plan)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.scheme == RAG_2017  # read from the document's own key
    assert [(i.ref, i.kind) for i in plan.items if i.level == 1] == [
        ("1", "section"), ("2", "section")]
    assert [i.title for i in plan.items if i.level == 1] == ["CYPS IMPROVEMENT PLAN MEASURES",
                                                             "PEER REVIEW MEASURES"]
    refs = [i.ref for i in plan.items if i.level == 2]
    # "SEND 2" before "SEND 10"; the peer review recommendations known by their own numbers
    assert refs == ["SEND 1", "SEND 2", "SEND 4", "SEND 5", "SEND 10", "Peer Review 1", "Peer Review 2",
                    "Peer Review 19"]
    by = {i.ref: i for i in plan.items}
    assert by["Peer Review 1"].linked_refs == ["SEND 1", "SEND 4"]
    assert by["Peer Review 19"].linked_refs == ["LAC 2-2", "EH12"]
    assert by["SEND 1"].target.text == "Sept 17" and by["SEND 1"].earlier_targets == ["June 17"]
    assert by["SEND 1"].status_text == "On track" and by["SEND 1"].rating == "Amber"
    assert by["SEND 4"].rating == "Red"  # the RAG cell is only coloured
    assert by["SEND 4"].status_text.startswith("Behind Schedule")
    assert [(e.date_text, e.on_date) for e in by["SEND 1"].entries] == [("14/02/17", date(2017, 2, 14)),
                                                                        ("08/06/17", date(2017, 6, 8))]
    assert by["SEND 5"].leads == ["Mark Chambers", "Paula Williams (EY)"]
    assert by["Peer Review 2"].leads == ["Jackie Parkin"]
    # "PW" and "Paula Williams" could each be two people: listed with their rows, linked to no one.
    asked = {(q.ref, q.message.split("”")[0].lstrip("“")) for q in plan.questions}
    assert asked == {("SEND 1", "PW"), ("SEND 2", "Paula Williams"), ("SEND 4", "Paula Williams")}
    assert all(q.where for q in plan.questions)
    assert by["SEND 1"].leads == [] and by["SEND 1"].lead_text == "PW"
    assert "PW" in "\n".join(plan.report_lines())
    assert [v.number for v in plan.versions] == list(range(1, 14))
    assert plan.versions[5].by == "Christine Pike" and plan.versions[5].on == date(2017, 4, 3)
    assert plan.period == "September 2017"  # the month of the latest version


def test_importing_the_joint_action_plan(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = joint_plan_docx(tmp_path / "SEND Joint Action Plan v13.docx")
    plan_id, plan = import_file(store, path, owners={"PW": "PW (I)", "Paula Williams": "Paula Williams (I)"})
    assert plan.questions == []
    outline = load_outline(store, plan_id)
    assert outline.scheme.names() == ["Green", "Amber", "Red"]
    assert [p.heading for p in outline.priorities] == ["CYPS IMPROVEMENT PLAN MEASURES", "PEER REVIEW MEASURES"]
    assert [a.ref for a in outline.priorities[0].actions] == ["SEND 1", "SEND 2", "SEND 4", "SEND 5", "SEND 10"]
    send1 = outline.find("SEND 1")
    assert send1.leads == ["Paula Williams (I)"]
    assert send1.status.status_text == "On track" and send1.rating == "Amber"
    assert [(c.old_text, c.new_text) for c in send1.target_changes] == [("June 17", "Sept 17")]
    assert [n.date_text for n in send1.progress_history] == ["14/02/17", "08/06/17"]
    assert outline.find("Peer Review 2").linked_refs == ["SEND 1", "SEND 4"]
    con = store.raw()
    try:
        people = dict(con.execute("SELECT name, initials FROM person WHERE plan_id = ?", (plan_id,)).fetchall())
    finally:
        con.close()
    assert people["Paula Williams (EY)"] == "PW (EY)" and people["Jackie Parkin"] == "JP"
    versions = list_versions(store, plan_id)
    assert [v.number for v in versions] == list(range(1, 14))
    assert versions[0].summary.startswith("Updates collated") and versions[0].published_by == "Christine Pike"
    # The next version published in the app follows the imported history.
    assert publish(store, plan_id, "First version kept in WSOA Desktop", by="t",
                   allow_not_updated=True).number == 14


def test_a_recorded_version_cannot_be_opened_and_says_why(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.domain.errors import NotFoundError
    from wsoa_desktop.services.versions import version_outline

    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "plan.docx"))
    with pytest.raises(NotFoundError, match="version history"):
        version_outline(store, plan_id, 3)


def test_choosing_a_scheme_and_an_owner_in_the_dry_run(tmp_path: Path) -> None:
    path = joint_plan_xlsx(tmp_path / "plan.xlsx")
    plan = dry_run(path, scheme="WSOA BRAG", owners={"pw": "Paula Williams (EY)"})
    assert plan.scheme == WSOA_BRAG
    by = {i.ref: i for i in plan.items}
    assert by["SEND 1"].leads == ["Paula Williams (EY)"]
    assert by["SEND 2"].rating == "Green" and by["SEND 1"].rating == "Amber"
    with pytest.raises(ValidationError, match="no rating scheme “Traffic lights”"):
        dry_run(path, scheme="Traffic lights")
    plan = dry_run(path, owners={"PW": "Somebody Else"})
    assert not plan.ok and "Somebody Else" in str(plan.problems[0])


def test_a_rating_outside_the_documents_key_is_a_problem_with_its_row(tmp_path: Path) -> None:
    path = appendix_csv(tmp_path / "appendix.csv")
    text = path.read_text(encoding="utf-8").replace("2.1.2,Extend support to strengthening co-production and "
                                                    "inclusive practice,July 2022,Red",
                                                    "2.1.2,Extend support,July 2022,Purple")
    path.write_text(text, encoding="utf-8")
    plan = dry_run(path)
    assert [(p.where, p.ref) for p in plan.problems] == [("row 10", "2.1.2")]
    assert "Purple" in plan.problems[0].message and "Blue, Green, Amber, Red, Grey" in plan.problems[0].message


@pytest.mark.parametrize("kind", ["docx", "csv", "xlsx"])
def test_a_document_in_no_known_shape_gets_one_message(store, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"minutes.{kind}"
    if kind == "docx":
        d = docx.Document()
        d.add_paragraph("Minutes of the SEND Executive Board, 14 July 2022")
        t = d.add_table(rows=2, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Name", "Role"
        t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Julie Day", "Chair"
        d.save(str(path))
        first = "table 1, row 1, “Name | Role”"
    elif kind == "csv":
        path.write_text("Name,Role\nJulie Day,Chair\n", encoding="utf-8")
        first = "row 1, “Name | Role”"
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(["Name", "Role"])
        wb.save(path)
        first = "row 1, “Name | Role”"
    before = fingerprint(store)
    plan = dry_run(path)
    assert len(plan.problems) == 1
    message = str(plan.problems[0])
    assert "not in a shape WSOA Desktop reads" in message and first in message
    for shape in ("WSOA plan table", "BRAG appendix", "joint action plan", ".json"):
        assert shape in message
    with pytest.raises(ValidationError, match="Nothing was imported"):
        import_file(store, path)
    assert list_plans(store) == [] and fingerprint(store) == before


def test_a_ratings_file_offered_as_a_plan_says_where_it_belongs(tmp_path: Path) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text("Ref,RAG,Progress Update\n1.1.1,Green,Done\n", encoding="utf-8")
    plan = dry_run(path)
    assert len(plan.problems) == 1 and "Import ratings" in plan.problems[0].message


JOINT_OWNERS = {"PW": "PW (I)", "Paula Williams": "Paula Williams (I)"}


@pytest.fixture(params=["docx", "xlsx", "csv"])
def with_commissioning(request, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    build = {"docx": joint_plan_docx, "xlsx": joint_plan_xlsx, "csv": joint_plan_csv}[request.param]
    return build(tmp_path / f"SEND Joint Action Plan.{request.param}", commissioning=True)


def test_joint_commissioning_rows_without_refs_are_named_from_their_section(store, with_commissioning: Path) -> None:  # type: ignore[no-untyped-def]
    """Seed 004's joint commissioning section has no references: its rows are imported, each named
    from the section ("SJC 1", "SJC 1.1" …), the same way every time, and the dry run says so."""
    owners = JOINT_OWNERS if with_commissioning.suffix != ".csv" else None  # a CSV has no owners table
    plan = dry_run(with_commissioning, owners=owners)
    assert plan.ok, [str(p) for p in plan.problems]
    made = [i.ref for i in plan.items if i.ref.startswith("SJC")]
    assert made == COMMISSIONING_REFS
    assert [i.ref for i in dry_run(with_commissioning, owners=owners).items] == [i.ref for i in plan.items]
    note = next(n for n in plan.notes if COMMISSIONING in n)
    assert "7 rows" in note and "SJC 1 … SJC 2.1" in note
    assert any(line.startswith("SJC 1.1  SEND Hub visioning event") for line in plan.item_lines())
    plan_id, _ = import_file(store, with_commissioning, owners=owners)
    outline = load_outline(store, plan_id)
    section = outline.priorities[-1]
    assert (section.kind, section.title) == ("section", COMMISSIONING)
    hub = section.actions[0]
    assert (hub.ref, hub.description) == ("SJC 1", "Create a Joint SEND Education, Health and Social Care "
                                                   "Assessment Hub at Kimberworth Place")
    assert [c.ref for c in hub.children] == ["SJC 1.1", "SJC 1.2", "SJC 1.3", "SJC 1.4"]
    visioning = hub.children[0]
    assert visioning.description == "SEND Hub visioning event"
    assert visioning.status.status_text == "Completed" and visioning.rating is not None
    assert hub.children[2].target.text == "Sept 17" and hub.children[2].target_was == "July 17"
    assert [a.ref for a in section.actions] == ["SJC 1", "SJC 2"]
    if owners:
        assert hub.leads == ["Paula Williams (I)"]  # the heading's "Lead Officer"


def test_a_ratings_file_in_the_same_shape_matches_the_named_rows(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.ratings_import import SAME, UNKNOWN_REF, preview_ratings

    path = joint_plan_xlsx(tmp_path / "joint.xlsx", commissioning=True)
    plan_id, plan = import_file(store, path, owners=JOINT_OWNERS)
    preview = preview_ratings(store, plan_id, path, plan.period)
    lines = {line.ref: line for line in preview.lines}
    assert {"SJC 1.1", "SJC 1.3", "SJC 2.1"} <= set(lines)
    assert not [line for line in preview.lines if line.outcome == UNKNOWN_REF]
    # The plan was imported from this very file: its named rows already hold these ratings and words.
    assert {lines[r].outcome for r in lines if r.startswith("SJC")} == {SAME}


def test_a_row_without_a_ref_outside_such_a_section_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n"
                    ",An action with no reference,Ann,July 2022,Green,\n"
                    "1.1.1,Sub,Ann,July 2022,Green,Going\n"
                    ",continued text of 1.1.1,,,,and more\n", encoding="utf-8")
    plan = dry_run(path)
    assert [str(p) for p in plan.problems] == [
        "row 2: This row has no Ref and no row above it to continue: give it a reference such as 1.1.1."]
    by = {i.ref: i for i in plan.items}
    assert by["1.1.1"].text == "Sub continued text of 1.1.1" and by["1.1.1"].progress == "Going\nand more"
