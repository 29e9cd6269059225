"""Documents shaped like the councils' own papers, written by the tests (python-docx, openpyxl, csv).

* the August 2022 BRAG appendix of the Rotherham WSOA (seed 003, "Appendix 2 – BRAG
  rating of progress"): ``Ref | Action | Target End Date | RAG August 2022 |``, a row
  per action with only its reference, tables broken at page ends (one opens at
  2.1.1 with 2.1 left on the page before), a target run on into the next table,
  "Yellow" for Amber, and the ``RAG Status`` key at the end; and the plan-table
  form of it, ``Ref | Action | Lead | Target End Date | RAG | Progress Update``,
  one table per action holding only that action's sub-actions;
* the 2017 joint RMBC/CCG SEND action plan (seed 004): version history 1–13, its
  three-rating key, ``Ref | ACTION | ACTION OWNER | TARGET DATE | PROGRESS TO DATE |
  STATUS | RAG`` under the headings "CYPS IMPROVEMENT PLAN MEASURES" and "PEER
  REVIEW MEASURES", named references ("SEND 1"), recommendations under two refs
  ("SEND 1 / SEND 4"), owners by initials or name, "June 17 / Sept 17" targets,
  dated progress, a RAG cell coloured rather than written, and Appendix A's owners;
  with ``commissioning=True`` also its "SEND JOINT COMMISSIONING PLAN 2016/17" section,
  whose rows have no references: "Priority 1 / Lead Officer: Paula Williams" in a Ref
  cell merged down beside its rows, the priority's aim across the other columns, then
  one row per action with an empty Ref and its status words ("Completed", "On track").
"""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl.styles import PatternFill

APPENDIX_HEADER = ["Ref", "Action", "Target End Date", "RAG August 2022", ""]
#: Tables as the appendix breaks them over pages.
APPENDIX_TABLES = [
    [["1.1", "", "", "", ""],
     ["1.1.1", "Integrate EHCP and SEND into full CYPS framework", "July 2022", "Green", ""],
     ["1.1.2", "Review the Health and CCG framework alongside the CYPS framework to ensure consistency",
      "July 2022", "Yellow", ""],
     ["1.2", "", "", "", ""],
     ["1.2.1", "Work with training providers to coordinate and deliver a CPD offer", "June 2023", "Blue", ""],
     ["1.2.2", "Deliver CPD to Parents and Carers", "June 2023", "Grey", ""]],
    [["2.1.1", "Introduce the Four Cornerstones Approach self-evaluation tool and training opportunities to "
               "all schools via the SENDCO network", "April 2022", "Green", ""],
     ["2.1.2", "Extend support to strengthening co-production and inclusive practice", "July 2022", "Red", ""],
     ["2.2", "", "", "", ""],
     ["2.2.1", "To audit outreach support for Specialist schools or settings", "July 2022", "Yellow", ""],
     ["2.2.2", "Audit the use of the Local Offer across the wider SEND system", "Re-occurring action Sequence",
      "Green", ""]],
    [["", "", "to be agreed Dec 2022", "", ""],
     ["2.10", "", "", "", ""],
     ["2.10.1", "Undertake an annual review to assess progress against the identified outcomes", "June 2023",
      "", ""]],
]
LEGEND = [
    ["RAG Status", ""],
    ["Blue", "Action complete, impact measures achieved and approval to close obtained from the SEND "
             "Executive Board"],
    ["Green", "Action on track to achieve the impact measures and within the timelines set."],
    ["Amber", "Action at risk of not achieving the impact measures and/or completion within the timelines set."],
    ["Red", "Action at significant risk of not achieving the impact measures and completion within the "
            "timelines set."],
    ["Grey", "Action awaiting start."],
]


def _fill_table(table, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    for cells in rows:
        row = table.add_row()
        for cell, value in zip(row.cells, cells, strict=False):
            cell.text = value


def appendix_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Appendix 2 – BRAG rating of progress of Local Area Written Statement of Action - August 2022")
    d.add_paragraph("Progress Summary")
    for rows in APPENDIX_TABLES:
        t = d.add_table(rows=0, cols=5)
        _fill_table(t, [APPENDIX_HEADER, *rows])
        d.add_paragraph("")
    t = d.add_table(rows=0, cols=2)
    _fill_table(t, LEGEND)
    d.save(str(path))
    return path


def appendix_grid() -> list[list[str]]:
    """The appendix as one sheet: its tables one after another (header repeated), the key below."""
    out: list[list[str]] = []
    for rows in APPENDIX_TABLES:
        out += [APPENDIX_HEADER, *rows]
    return out + [[], *[[*r, "", "", ""] for r in LEGEND]]


def appendix_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "August 2022"
    ws.append(["Appendix 2 – BRAG rating of progress – August 2022"])
    for row in appendix_grid():
        ws.append(row)
    wb.save(path)
    return path


def appendix_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(appendix_grid())
    return path


PLAN_TABLE_HEADER = ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"]
#: The plan-table form: one table per action, holding that action's sub-actions only.
PER_ACTION_TABLES = [
    [["1.1.1", "Integrate EHCP and SEND into full CYPS framework", "Julie Day", "July 2022", "Green",
      "Framework drafted and shared with the EHCP team"],
     ["1.1.2", "Review the Health and CCG framework alongside the CYPS framework", "Helen Sweaton",
      "July 2022", "Yellow", "Review under way"]],
    [["1.2.1", "Work with training providers to coordinate and deliver a CPD offer",
      "Julie Day Vicki Ingram Vicky Whitfield", "June 2023", "Blue", "Offer published"],
     ["1.2.2", "Deliver CPD to Parents and Carers", "NDTi, CDC", "June 2023", "Grey", ""]],
    [["2.1.1", "Introduce the Four Cornerstones Approach self-evaluation tool", "Claire Whiting", "April 2022",
      "Red", "Delayed: SENDCO network paused"]],
]


def per_action_docx(path: Path) -> Path:
    d = docx.Document()
    for rows in PER_ACTION_TABLES:
        t = d.add_table(rows=0, cols=6)
        _fill_table(t, [PLAN_TABLE_HEADER, *rows])
        d.add_paragraph("")
    d.save(str(path))
    return path


VERSIONS_HEADER = ["Amended By", "Date", "Version", "Summary of Amendments"]
VERSIONS = [
    ["Christine Pike", "14/02/17", "1", "Updates collated from identified leads determining target dates and "
                                       "establishing the current position statement and RAG rating"],
    ["Christine Pike", "27/02/17", "2", "Revision of SEND actions to link with CYPS Improvement Plan"],
    ["Christine Pike", "27/02/17", "3", "Incorporated SEND Joint Commissioning Plan 2016/17 measures"],
    ["Paula Williams", "01/03/17", "4", "Revisions and updates to the Plan"],
    ["Christine Pike", "07/03/17", "5", "Updates and statistical data included"],
    ["Christine Pike", "03/04/17", "6", "Monthly update and progress by named leads – updates received from PW, "
                                       "CW, JS, FF, DB, RA, IW, PW(EY), ER, PT"],
    ["Christine Pike", "03/05/17", "7", "Monthly update – updates received from SW, FF, PW(EY), JP, RA, CW"],
    ["Christine Pike", "08/06/17", "8", "Monthly update – updates received from RA, JP, PW, FF, CW"],
    ["Christine Pike", "20/06/17", "9", "Amendments and update following Joint Strategic Commissioning Group "
                                       "meeting"],
    ["Christine Pike", "18/07/17", "10", "Updates received for the Commissioning Plan"],
    ["Christine Pike", "19/07/17", "11", "Updates made to plan at the Joint Strategic Commissioning Group Meeting"],
    ["Christine Pike", "09/08/17", "12", "Monthly update – updates received from PW, CW, PW(EY), FF, IW, MJ, KC"],
    ["Christine Pike", "25/09/17", "13", "Monthly update received from CW, SW, IW"],
]
KEY_2017 = [
    ["Progress to Date RAG Status", ""],
    ["Red", "Not started/ Actions may miss target deadline / success criteria."],
    ["Amber", "On Track- but not yet meeting or exceeding target. May require further action / scrutiny."],
    ["Green", "Action Completed."],
]
JOINT_HEADER = ["Ref", "ACTION", "ACTION OWNER", "TARGET \nDATE", "PROGRESS TO DATE", "STATUS", "RAG"]
CYPS = "CYPS IMPROVEMENT PLAN MEASURES"
PEER = "PEER REVIEW MEASURES"
#: (cells, RAG cell fill) — a fill with an empty RAG cell is a rating shown only by colour.
JOINT_ROWS: list[tuple[list[str], str]] = [
    ([CYPS] * 7, ""),
    (["SEND 1", "Establish a SEND Assurance Group with full strategic membership to ensure oversight and "
                "scrutiny of all multi-agency priorities", "PW", "June 17 \nSept 17",
      "14/02/17 – This group was initially convened before strategic work was developed.\n"
      "08/06/17 – The group will be re-convened after the school summer break.\n"
      "Date amended for closure to September 2017 for monitoring purposes.",
      "On track", "Amber"], ""),
    (["SEND 2", "Raise the profile of inclusion across all service areas", "Paula Williams", "Sept 16",
      "Sue Wilson to arrange closure on Improvement Plan", "Completed", "Green"], ""),
    (["SEND 4", "Develop fully effective EHC assessments of need, support planning completed within statutory "
                "timescales.", "Jackie Parkin \n(Paula Williams)", "Mar 18",
      "Plans and mitigation in place for statutory timescales, team enhanced.",
      "Behind Schedule \nGreat improvements but still hindered by remaining conversion numbers.", ""],
     "C00000"),
    (["SEND 5", "Review and reshape the use of the HNB to better meet needs", "MC and PW(EY)",
      "April 17 \nJuly 17", "First steps shared and agreed with Schools Forum.", "On track", "Amber"], ""),
    (["SEND 10", "Agree the terms of reference for a SEND Peer Review", "KB", "Dec 16",
      "SEND Peer Review completed.", "Completed", "Green"], ""),
    ([PEER] * 7, ""),
    (["SEND 1 \nSEND 4", "1. The Post 14 Team should review, as a matter of priority, the LDAs still to be "
                          "transferred to EHC Plans", "FF", "Dec 16",
      "All LDAs completed by 31.12.2016 after consultation with Yps, families and Providers.", "Completed",
      "Green"], ""),
    (["SEND 1 / SEND 4", "2. The Inclusion Service should publish a detailed Transition Plan that reflects all "
                          "transfers from Statements to EHC Plans", "JP", "March 18",
      "We have 440 statements remaining that require transferring to an EHCP by 31st March 2018.",
      "Behind Schedule \nDeveloping but not yet on track to meet statutory timescales.", "Red"], ""),
    (["LAC 2-2 \nEH12", "19. The persistent absence of pupils with EHC Plans is higher than the national "
                        "average.", "CB", "May 2017",
      "Work has commenced between the Performance team and Early Help to analyse attendance data.",
      "Behind Schedule", "Red"], ""),
]
COMMISSIONING = "SEND JOINT COMMISSIONING PLAN 2016/17"
#: (Ref cell, the priority's aim, its rows: Action | Owner | Target | Progress | Status | RAG), from seed 004.
COMMISSIONING_PRIORITIES: list[tuple[str, str, list[list[str]]]] = [
    ("Priority 1 \n \nLead \nOfficer: \nPaula \nWilliams",
     "Create a Joint SEND Education, Health and Social Care Assessment Hub at Kimberworth Place",
     [["SEND Hub visioning event", "Paula Williams", "March 16",
       "Visioning event held in March 2016 with key stakeholders and information collated to inform the "
       "development of the SEND Hub", "Completed", ""],
      ["Establish  SEND Hub Working Group", "Paula Williams", "April 16",
       "SEND Hub Working Group established and meeting monthly to consider and agree practical steps required "
       "for SEND services to move into the Hub.", "Completed", ""],
      ["SEND teams co-located within the SEND Hub at Kimberworth Place \nand joint working arrangements in place",
       "Paula Williams", "July 17 \nSept 17",
       "The re-location of SEND teams into Kimberworth Place dependent on the Primary Aspire PRU moving out of "
       "their current space at Kimberworth Place.", "On track", ""],
      ["The Development and implementation of a robust building \nmanagement protocol",
       "Christine Pike / \nSally Dodson", "Sept 17",
       "Draft buildings handbook complete and circulated to partners for comments.", "On track", ""]]),
    ("Priority 2 \n \nLead \nOfficer: \n ",
     "Review and re-model services that provide support for children and young people with challenging "
     "behaviour",
     [["Rotherham Social Emotional  and Mental Health (SEMH) Strategy in \nplace", "Paula Williams \n/ Chris "
       "Harrison", "Sept 15 \nJan 18", "To be revised over Autumn/Spring Term to take into account the changes "
       "at Aspire and in the Partnership model developed this year.", "On track", ""]]),
]
#: The references the import gives those rows (from the section's name), in order.
COMMISSIONING_REFS = ["SJC 1", "SJC 1.1", "SJC 1.2", "SJC 1.3", "SJC 1.4", "SJC 2", "SJC 2.1"]


def commissioning_grid() -> list[list[str]]:
    """The section as spreadsheet rows (Ref cells written once, as a merged cell reads)."""
    rows = [[COMMISSIONING]]
    for ref_cell, aim, items in COMMISSIONING_PRIORITIES:
        rows.append([ref_cell, aim])
        rows.extend(["", *cells] for cells in items)
    return rows


OWNERS = [
    ["Initials", "Name", "Position"],
    ["KB", "Karen Borthwick", "Assistant Director, Education & Skills, RMBC"],
    ["PW (I)", "Paula Williams", "Head of Inclusion, Education & Skills, RMBC"],
    ["JP", "Jackie Parkin", "EHC Assessment Team Manager, Education and Skills, RMBC"],
    ["FF", "Fiona Featherstone", "Post 14 SEN Manager, EHC Assessment Team, Education & Skills, RMBC"],
    ["CB", "Colette Bailey", "Integrated Youth Support Manager, Early Help, RMBC"],
    ["CW", "Caroline Wheatley", "Acting Service Leader, Inclusion Services, Education & Skills, RMBC"],
    ["PW (EY)", "Paula Williams", "Service Leader, Early Years, RMBC"],
    ["MC", "Mark Chambers", "Joint AD RMBC & CCG, Commissioning, Performance & Quality"],
]


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _commissioning_docx(t) -> None:  # type: ignore[no-untyped-def]
    row = t.add_row()
    row.cells[0].merge(row.cells[6]).text = COMMISSIONING
    for ref_cell, aim, items in COMMISSIONING_PRIORITIES:
        top = t.add_row()
        top.cells[1].merge(top.cells[6]).text = aim
        last = top
        for cells in items:
            last = t.add_row()
            for cell, value in zip(last.cells[1:], cells, strict=True):
                cell.text = value
        merged = top.cells[0].merge(last.cells[0])  # the Ref cell merged down beside its rows
        merged.text = ref_cell


def joint_plan_docx(path: Path, *, commissioning: bool = False) -> Path:
    d = docx.Document()
    d.add_paragraph("SEND Joint Action Plan (RMBC/CCG)")
    d.add_paragraph("Version History")
    d.add_paragraph("Author Karen Borthwick\\Christine Pike")
    t = d.add_table(rows=0, cols=4)
    _fill_table(t, [VERSIONS_HEADER, *VERSIONS])
    d.add_paragraph("")
    t = d.add_table(rows=0, cols=2)
    _fill_table(t, KEY_2017)
    d.add_paragraph("")
    t = d.add_table(rows=0, cols=7)
    _fill_table(t, [JOINT_HEADER])
    for cells, fill in JOINT_ROWS:
        row = t.add_row()
        if cells[0] in (CYPS, PEER):
            merged = row.cells[0].merge(row.cells[6])
            merged.text = cells[0]
            continue
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
        if fill:
            _shade(row.cells[6], fill)
    if commissioning:
        _commissioning_docx(t)
    d.add_paragraph("Appendix A: Action Owners")
    t = d.add_table(rows=0, cols=3)
    _fill_table(t, OWNERS)
    d.save(str(path))
    return path


def joint_plan_xlsx(path: Path, *, commissioning: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action Plan"
    ws.append(JOINT_HEADER)
    for cells, fill in JOINT_ROWS:
        if cells[0] in (CYPS, PEER):
            ws.append([cells[0]])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
            continue
        ws.append(cells)
        if fill:
            ws.cell(ws.max_row, 7).fill = PatternFill("solid", fgColor=fill)
    if commissioning:
        ws.append([COMMISSIONING])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
        for ref_cell, aim, items in COMMISSIONING_PRIORITIES:
            ws.append([ref_cell, aim])
            top = ws.max_row
            ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=7)
            for cells in items:
                ws.append([None, *cells])
            ws.merge_cells(start_row=top, start_column=1, end_row=ws.max_row, end_column=1)
    history = wb.create_sheet("Version History")
    for row in [VERSIONS_HEADER, *VERSIONS]:
        history.append(row)
    key = wb.create_sheet("Key")
    for row in KEY_2017:
        key.append(row)
    owners = wb.create_sheet("Action Owners")
    for row in OWNERS:
        owners.append(row)
    wb.save(path)
    return path


def joint_plan_csv(path: Path, *, commissioning: bool = True) -> Path:
    """The action plan table alone, as a council's export of it to CSV would hold it."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(JOINT_HEADER)
        for cells, _fill in JOINT_ROWS:
            w.writerow([cells[0]] if cells[0] in (CYPS, PEER) else cells)
        if commissioning:
            w.writerows(commissioning_grid())
    return path
